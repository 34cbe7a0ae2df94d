"""The default qemu_arm64 system booted through u-boot: every partition's
banner, memory lines that match the DT, both vCPUs of hello1, the disk label
the root reads, and the ticker's ticks. The children's consoles are VMBus
console channels, so their lines arrive through the root."""
import random
import re



def test_banners_memory_cpus_disk_ticks(default_build, boot):
    label = f"BULKHEAD-TEST-{random.randrange(1 << 32):08x}"
    con = boot(default_build, disk_label=label).__enter__()
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, 3 partitions$")
    # Each hello line matches the system DT (configs/qemu_arm64.dts).
    con.wait_for(r"^\[root\] hello1: hello from hello1: cpus 2 memory 0x48000000\+0x2000000$")
    con.wait_for(r"^\[root\] hello1: cpu 0 up$")
    con.wait_for(r"^\[root\] hello1: cpu 1 up$")
    con.wait_for(r"^\[root\] root partition root: cpus 1 memory 0x44000000\+0x4000000$")
    con.wait_for(r"^\[root\] disk label: " + re.escape(label) + "$")
    con.wait_for(r"^\[root\] ticker: ticker on ticker: ")
    con.wait_for(r"^\[root\] ticker: tick 20$", timeout=60)
    # Ticks are consecutive and only the ticker prints them.
    ticks = [int(n) for n in re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)]
    assert ticks[:20] == list(range(1, 21))
    assert con.count(r"^(?!\[root\] ticker: ).*tick \d+$") == 0
    assert con.count(r"^\[bulkhead\] .*(fatal|cannot)") == 0
