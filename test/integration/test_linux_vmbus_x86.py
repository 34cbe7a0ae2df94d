"""Debian's own amd64 kernel, unmodified, as a VMBus client: its kernels
have no device tree (CONFIG_OF off), so the bus is an ACPI device of the
partition's DSDT (BLKH0001, tools/gen/acpi_vmbus.c) whose interrupt is a
GSI of its virtual IOAPIC; bh_vmbus.ko binds it as it binds the arm64 DTB's
node (test_linux_vmbus.py).

The system: the root on cpu0 with the virtio disk and NIC; Linux on cpu1
and cpu2 with console=hvc0 and a console, an rpc, a block and a net channel."""
import re
import socket

import pytest

from conftest import Board, Build, system_dts
from test_linux_vmbus import HostEnd

# The root's NIC is on QEMU's 127.0.0.1 UDP backend, with this file's end on the host.
pytestmark = pytest.mark.lg_feature("net-peer")

BODY = """
\t\troot: partition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x10000000 0x0 0x04000000>;
\t\t\tdevices = <&pcie>;
\t\t\tprogram = "root";
\t\t};
\t\tlinux: partition-linux {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1 &cpu2>;
\t\t\tmemory = <0x0 0x18000000 0x0 0x10000000>;
\t\t\tipa-base = <0x0 0x0>;
\t\t\timage = "linux/bzImage";
\t\t\tinitrd = "linux/initramfs.cpio.gz";
\t\t\tbootargs = "console=hvc0 tsc=reliable nokaslr panic=-1";
\t\t\trestart = "restart";
\t\t};
\t\tvmbus {
\t\t\tconsole-linux {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tring-size = <0x10000>;
\t\t\t};
\t\t\trpc-linux {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "rpc";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t};
\t\t\tblk-linux {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "block";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tdata-window = <0x40000>;
\t\t\t\tblock-range = <0x0 0x100000 0x0 0x800000>;
\t\t\t};
\t\t\tnet-linux {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "net";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tmac-address = [02 00 00 00 00 2b];
\t\t\t\tmtu = <1500>;
\t\t\t};
\t\t};
"""


@pytest.fixture(scope="module")
def linux(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("linux-vmbus-x86")
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(("127.0.0.1", 0))
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    qemu_port = probe.getsockname()[1]
    probe.close()
    netdev = f"socket,udp=127.0.0.1:{host.getsockname()[1]},localaddr=127.0.0.1:{qemu_port}"
    b = Build("linux-vmbus-x86", system_dts(tmp, BODY, board="qemu_x86_64"),
              extra=[f"NETDEV={netdev}"])
    b.board = "qemu_x86_64"
    b.make("qemu_x86_64_defconfig")
    b.make("all")
    bd = Board(b, tmp, request.node)
    con = bd.__enter__()
    con.host = host
    yield con
    bd.__exit__(None)
    host.close()


def sh(con, cmd, marker, timeout=60):
    """Runs cmd in Linux's shell on hvc0 through the root's "send"; the lines before marker."""
    start = len(con.text)
    con.send(f"send linux {cmd}; echo {marker}\r")
    m = con.wait_for(rf"^\[root\] linux: {marker}$", timeout=timeout, start=start)
    return [line for line in re.findall(r"^\[root\] linux: (.*)$", con.text[start:m.start()], re.M)
            if marker not in line]


def test_x86_hvc_console_through_the_root(linux):
    """console=hvc0 on x86: the bus device comes from ACPI, its interrupt is
    the GSI the tables name; the kernel's boot lines and the shell's arrive
    through the root as "[root] linux: <line>" and what the root sends
    reaches the shell."""
    con = linux
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(x86, qemu_x86_64\), \d+ CPUs, 2 partitions$",
                 timeout=60)
    # Before hvc0 exists the kernel's lines are held back; once it is there they all come.
    con.wait_for(r"^\[root\] linux: \[ *[\d.]+\] Linux version \S+-cloud-amd64 ", timeout=180)
    # (A kernel line may cut into /init's: the start of the line is enough.)
    con.wait_for(r"^\[root\] linux: (\[ *[\d.]+\] .*)?bulkhead-guest: busybox", timeout=120)
    # Nothing of the kernel's came on the emulated UART: console=hvc0 is the only console.
    assert con.count(r"^\[linux\] \[ *[\d.]+\] ") == 0

    # What the kernel said about the bus, from its log (the console may drop
    # lines while hvc0 replays the backlog into a full ring).
    out = "\n".join(sh(con, "dmesg | grep -e 'command line' -e 'IOAPIC\\[' -e BLKH0001 -e bh_hvc",
                       "DONE-DMESG"))
    assert re.search(r"Kernel command line: console=hvc0 tsc=reliable nokaslr panic=-1 "
                     r"tsc_early_khz=\d+$", out, re.M), out
    # The MADT lists the virtual IOAPIC, for the bus's pin.
    assert re.search(r"\] IOAPIC\[0\]: apic_id 0, version 32, address 0xfec00000, GSI 0-23$",
                     out, re.M), out
    assert re.search(r"\] bh_hvc console-linux: hvc0 to root, console version 1\.\.2$", out, re.M), out
    assert re.search(r"\] bulkhead-vmbus BLKH0001:00: 4 channels, bus interrupt \d+$", out, re.M), out

    out = sh(con, "echo X-$((6*7))", "DONE-ECHO")
    assert out[-1] == "X-42", out
    out = sh(con, "cat /sys/bus/bulkhead_vmbus/devices/console-linux/state "
             "/sys/bus/bulkhead_vmbus/devices/console-linux/peer", "DONE-STATE")
    assert out[-2:] == ["open", "root"], out
    # The bus interrupt is an IO-APIC edge interrupt on GSI 16, and it fired.
    out = sh(con, "grep bulkhead-vmbus /proc/interrupts", "DONE-IRQ")
    m = re.search(r"^\s*\d+:((?:\s+\d+)+)\s+IO-APIC\s+16-edge\s+bulkhead-vmbus$", out[-1])
    assert m and sum(int(n) for n in m.group(1).split()) > 0, out
    out = sh(con, "uname -r; cat /proc/sys/kernel/tainted", "DONE-UNAME")
    assert out[-2].endswith("-cloud-amd64") and out[-1] == "12288", out

    start = len(con.text)
    con.send("channels\r")
    con.wait_for(r"^\[root\] channel \d+ console-linux: console provider, peer linux epoch 1, "
                 r"open$", start=start)
    assert con.count(r"^\[bulkhead\] .*(unhandled|trapped|fault|halted)") == 0


def test_x86_block_and_rpc(linux):
    """The block and rpc classes on x86: an ext2 file system on /dev/bhblk0
    keeps a file across a remount, and the clock is the root's."""
    con = linux
    out = sh(con, "cat /sys/block/bhblk0/size", "DONE-SIZE")
    assert out[-1] == "16384", out
    out = sh(con, "mke2fs -q /dev/bhblk0 && mkdir -p /mnt && mount /dev/bhblk0 /mnt && "
             "seq 1 20000 > /mnt/f && md5sum /mnt/f && umount /mnt && sync && "
             "mount /dev/bhblk0 /mnt && md5sum /mnt/f && umount /mnt", "DONE-EXT2", timeout=120)
    sums = [line.split()[0] for line in out if line.endswith("/mnt/f")]
    assert len(sums) == 2 and sums[0] == sums[1], out
    start = len(con.text)
    con.send("time\r")
    before = float(con.wait_for(r"^\[root\] time: (\d+\.\d{9}) s ", start=start).group(1))
    date = int(sh(con, "date +%s", "DONE-DATE")[-1])
    start = len(con.text)
    con.send("time\r")
    after = float(con.wait_for(r"^\[root\] time: (\d+\.\d{9}) s ", start=start).group(1))
    assert before - 1 < date + 1 and date < after + 1, (before, date, after)
    out = sh(con, "cat /sys/bus/bulkhead_vmbus/devices/rpc-linux/measurements", "DONE-MEAS")
    assert any(re.match(r"linux image slot A version 0 size \d+ sha256 [0-9a-f]{64}$", line)
               for line in out), out


def test_x86_net_pings_the_host(linux):
    """The net class on x86: bhnet0 carries ARP and ICMP both ways through
    the root's NIC to the host end, which answers for 10.0.2.2."""
    con = linux
    out = sh(con, "ip link set bhnet0 up && ip addr add 10.0.2.15/24 dev bhnet0 && "
             "cat /sys/class/net/bhnet0/address", "DONE-UP")
    assert out[-1] == "02:00:00:00:00:2b", out
    with HostEnd(con.host) as host:
        out = sh(con, "sleep 1; ping -c 3 -W 5 10.0.2.2", "DONE-PING", timeout=60)
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    echo = [f for f in host.got if f[12:14] == b"\x08\x00" and f[23] == 1 and f[34] == 8]
    assert len(echo) == 3 and len(host.sent) >= 4, host.got
