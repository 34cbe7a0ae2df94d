"""Each board's default system booted through u-boot (configs/<board>.dts):
every partition's banner, memory lines that match the DT, both vCPUs of
hello1, the disk label the root reads from its virtio disk (virtio-mmio on
arm64, virtio-pci on x86), and the ticker's ticks. The children's consoles
are VMBus console channels, so their lines arrive through the root."""
import random
import re

from conftest import board_addr

ARCH = {"qemu_arm64": "arm64", "qemu_x86_64": "x86"}


def test_banners_memory_cpus_disk_ticks(board_build, boot):
    board = board_build.board
    at = lambda a: re.escape(board_addr(board, a))  # noqa: E731
    label = f"BULKHEAD-TEST-{random.randrange(1 << 32):08x}"
    con = boot(board_build, disk_label=label).__enter__()
    # u-boot found the boot script by its standard scan; nobody typed at its prompt.
    con.wait_for(r"^Found U-Boot script /boot.scr$", timeout=120)
    con.wait_for(rf"^\[bulkhead\] Bulkhead \S+ \({ARCH[board]}, {board}\), 4 CPUs, 3 partitions$",
                 timeout=60)
    if board == "qemu_x86_64":
        con.wait_for(r"^\[bulkhead\] AMD SVM with nested paging, 16 ASIDs$")
    con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, "
                 r"security version 0\)$")
    # Each hello line matches the system DT.
    con.wait_for(rf"^\[root\] hello1: hello from hello1: cpus 2 memory {at(0x48000000)}\+0x2000000$",
                 timeout=60)
    con.wait_for(r"^\[root\] hello1: cpu 0 up$")
    con.wait_for(r"^\[root\] hello1: cpu 1 up$")
    con.wait_for(rf"^\[root\] root partition root: cpus 1 memory {at(0x44000000)}\+0x4000000$")
    con.wait_for(r"^\[root\] disk label: " + re.escape(label) + "$")
    con.wait_for(r"^\[root\] ticker: ticker on ticker: ")
    con.wait_for(r"^\[root\] ticker: tick 20$", timeout=60)
    # Ticks are consecutive and only the ticker prints them.
    ticks = [int(n) for n in re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)]
    assert ticks[:20] == list(range(1, 21))
    assert con.count(r"^(?!\[root\] ticker: ).*tick \d+$") == 0
    assert con.count(r"^\[bulkhead\] .*(fatal|cannot|nested page fault|unhandled exit)") == 0
