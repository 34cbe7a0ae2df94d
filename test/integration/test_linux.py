"""Debian's own arm64 kernel with a busybox initramfs in a child partition
(configs/qemu_arm64_linux.dts): it reaches its shell on the console mux, sees
exactly its 2 CPUs and its memory, answers commands typed at it, and the
bare-metal partitions keep printing all the while."""
import os
import re

from conftest import SRC, Build

LINUX_DTS = os.path.join(SRC, "configs/qemu_arm64_linux.dts")
ESC = "\x1d"  # CONFIG_CONSOLE_ESCAPE_CHAR: Ctrl-]


def run(con, cmd, marker, timeout=60):
    """Types cmd into the focused partition; returns its output up to marker."""
    start = len(con.text)
    con.send(cmd + f"; echo {marker}\r")
    # The shell echoes the command line too; wait for the marker on its own line.
    m = con.wait_for(rf"^\[linux\] {marker}$", timeout=timeout, start=start)
    return con.text[start:m.start()]


def check_shipped_bus(con):
    """The shipped Linux systems' four channels are open and the disk is its 8 MiB range."""
    out = run(con, "cd /sys/bus/bulkhead_vmbus/devices; for c in *; do echo \"BUS $c $(cat $c/state)\"; "
              "done; cat /sys/block/bhblk0/size; cd /", "DONE-BUS")
    assert sorted(re.findall(r"^\[linux\] BUS (\S+) (.+)$", out, re.M)) == [
        ("blk-linux", "open"), ("console-linux", "open"), ("net-linux", "open"),
        ("rpc-linux", "open")], out
    assert re.search(r"^\[linux\] 16384$", out, re.M), out


def check_parallel_hash(con, build, image):
    """The Linux partition's images were copied and hashed in 1 MiB chunks
    (CONFIG_IMAGE_CHUNK_KIB) by both of its CPUs: kernel and initramfs in
    chunks, the DTB or boot parameters as one piece."""
    chunks = sum(-(-os.path.getsize(os.path.join(build.objtree, "linux", f)) // (1 << 20))
                 for f in (image, "initramfs.cpio.gz"))
    m = con.wait_for(r"^\[bulkhead\] linux: (\d+) pieces copied and hashed by 2 CPUs "
                     r"\((\d+) \+ (\d+)\)$", timeout=60)
    total, a, b = (int(x) for x in m.groups())
    assert total == chunks + 1 and a + b == total and a > 0 and b > 0, m.group(0)


def test_linux_child_shell(boot):
    build = Build("linux", LINUX_DTS)
    build.make("all")
    con = boot(build).__enter__()
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, 3 partitions$")
    check_parallel_hash(con, build, "Image")
    con.wait_for(r"^\[bulkhead\] linux: 2 vCPUs, memory 0x50000000\+0x10000000, ")
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] Machine model: Bulkhead partition linux$", timeout=60)
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] smp: Brought up 1 node, 2 CPUs$", timeout=120)
    con.wait_for(r"^\[linux\] bulkhead-guest: busybox initramfs is up on 2 cpus$", timeout=180)
    con.wait_for(r"^\[linux\] / # ", timeout=30)
    last_tick = int(re.findall(r"^\[ticker\] tick (\d+)$", con.text, re.M)[-1])

    con.send(ESC + "2")
    con.wait_for(r"^\[bulkhead\] console input: linux$")
    out = run(con, "grep -c ^processor /proc/cpuinfo", "DONE-CPUS")
    assert re.search(r"^\[linux\] 2$", out, re.M), out
    out = run(con, "cat /sys/devices/system/cpu/online", "DONE-ONLINE")
    assert re.search(r"^\[linux\] 0-1$", out, re.M), out
    # The partition's RAM is exactly what the system DT gives it.
    out = run(con, "grep 'System RAM' /proc/iomem", "DONE-IOMEM")
    assert re.findall(r"^\[linux\] (\S+) : System RAM$", out, re.M) == ["50000000-5fffffff"], out
    out = run(con, "grep MemTotal /proc/meminfo", "DONE-MEM")
    kb = int(re.search(r"^\[linux\] MemTotal: +(\d+) kB$", out, re.M).group(1))
    assert 128 * 1024 < kb <= 256 * 1024, out
    # Its DTB is the generated one, naming the partition.
    out = run(con, "tr -d '\\000' </proc/device-tree/chosen/bulkhead,partition-name; echo", "DONE-NAME")
    assert re.search(r"^\[linux\] linux$", out, re.M), out
    # The shipped system's VMBus devices (test_linux_vmbus.py tests them in depth).
    check_shipped_bus(con)

    # The bare-metal partitions kept printing while Linux ran.
    con.wait_for(rf"^\[ticker\] tick {last_tick + 5}$", timeout=60)
    ticks = [int(n) for n in re.findall(r"^\[ticker\] tick (\d+)$", con.text, re.M)]
    assert ticks == list(range(1, len(ticks) + 1))
    assert con.count(r"^\[root\] root ready$") == 1
    assert con.count(r"^\[bulkhead\] .*(unhandled|trapped|fault|halted)") == 0


LINUX_X86_DTS = os.path.join(SRC, "configs/qemu_x86_64_linux.dts")


def test_linux_x86_child_shell(boot):
    """Debian's amd64 kernel (a bzImage, Linux's 64-bit boot protocol) in an x86
    partition: its E820 map and ACPI tables are the generated ones, its local
    APIC is the emulated xAPIC page, its second CPU starts by INIT-SIPI, its
    TSC rate is the hypervisor's (on its command line), and its busybox shell
    answers on the console mux; poweroff is ACPI S5."""
    build = Build("linux-x86")
    build.make("qemu_x86_64_linux_defconfig")
    build.make("all")
    con = boot(build).__enter__()
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(x86, qemu_x86_64\), 4 CPUs, 3 partitions$",
                 timeout=60)
    check_parallel_hash(con, build, "bzImage")
    con.wait_for(r"^\[bulkhead\] linux: 2 vCPUs, memory 0x18000000\+0x10000000, .*entry 0x1000200$",
                 timeout=60)
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] BIOS-e820: \[mem 0x0000000000100000-0x000000000ffeffff\] "
                 r"usable$", timeout=60)
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] ACPI: RSDP 0x000000000FFF2000 000024 \(v02 BLKHD \)$")
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] Switched APIC routing to flat\.$", timeout=60)
    # The PM timer is there (Linux's clocksource besides the TSC).
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] ACPI: PM-Timer IO Port: 0x608$", timeout=60)
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] 00:00: ttyS0 at I/O 0x3f8 \(irq = 0, ", timeout=120)
    # The second vCPU started by INIT-SIPI-SIPI into real mode, as on a PC.
    con.wait_for(r"^\[linux\] \[ *[\d.]+\] smp: Brought up 1 node, 2 CPUs$", timeout=120)
    con.wait_for(r"^\[linux\] bulkhead-guest: busybox initramfs is up on 2 cpus$", timeout=180)
    con.wait_for(r"^\[linux\] / # ", timeout=30)
    last_tick = int(re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)[-1])

    con.send(ESC + "2")
    con.wait_for(r"^\[bulkhead\] console input: linux$")
    # Its RAM is the partition's, seen from 0, less the legacy hole and the boot parameters.
    out = run(con, "grep 'System RAM' /proc/iomem", "DONE-IOMEM")
    assert re.findall(r"^\[linux\] (\S+) : System RAM$", out, re.M) == [
        "00001000-0009ffff", "00100000-0ffeffff"], out
    # The command line is the DTS's, with the TSC rate the hypervisor measured appended.
    out = run(con, "cat /proc/cmdline", "DONE-CMDLINE")
    khz = re.search(r"^\[linux\] console=ttyS0 earlyprintk=serial,ttyS0,115200 tsc=reliable nokaslr "
                    r"panic=-1 tsc_early_khz=(\d+)$", out, re.M)
    assert khz and 1000 <= int(khz.group(1)) < 4294967295, out
    assert con.count(rf"^\[linux\] \[ *[\d.]+\] tsc: Detected {int(khz.group(1)) // 1000}\.\d+ MHz "
                     r"processor$") == 1
    out = run(con, "grep -c ^processor /proc/cpuinfo", "DONE-CPUS")
    assert re.search(r"^\[linux\] 2$", out, re.M), out
    out = run(con, "cat /sys/devices/system/cpu/online", "DONE-ONLINE")
    assert re.search(r"^\[linux\] 0-1$", out, re.M), out
    # A task pinned to CPU 1 runs there (field 39 of its stat: the CPU it last ran on).
    out = run(con, "taskset -c 1 cat /proc/self/stat | cut -d' ' -f39", "DONE-PINNED")
    assert re.search(r"^\[linux\] 1$", out, re.M), out
    # The shipped system's VMBus devices (test_linux_vmbus_x86.py tests them in depth).
    check_shipped_bus(con)

    # The bare-metal partitions kept running while Linux did; no MSR Linux uses was refused.
    con.wait_for(rf"^\[root\] ticker: tick {last_tick + 5}$", timeout=60)
    assert con.count(r"unchecked MSR access error") == 0
    assert con.count(r"^\[bulkhead\] .*(unhandled|trapped|fault|halted)") == 0

    # poweroff: ACPI S5 through the FADT's sleep register stops the partition
    # (its restart policy is halt); the others run on.
    start = len(con.text)
    con.send("poweroff -f\r")
    con.wait_for(r"^\[bulkhead\] linux: powered off \(ACPI S5\)", timeout=60, start=start)
    last_tick = int(re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)[-1])
    con.wait_for(rf"^\[root\] ticker: tick {last_tick + 5}$", timeout=60)
