"""The system test_linux_vmbus.py (arm64) and test_linux_vmbus_x86.py boot,
and what their tests share: the root on cpu0 owns the disk and a NIC on
QEMU's 127.0.0.1 UDP backend (the host's end is Linux.host); Debian's
kernel on cpu1 and cpu2 with console=hvc0 and a console, an rpc, a block
and a net channel from the root. One boot per file (boot() below)."""
import gzip
import os
import re
import socket
import struct
import subprocess
import threading

from conftest import Board, Build, system_dts

# What the two boards' systems differ in. The channels are the same on both.
LINUX_WDOG_MS = 30000  # arm64 Linux's watchdog = <ms> (the kernel feeds it until user space does)

ARCH = {
    "qemu_arm64": {
        "build": "linux",  # test_linux.py's folder: only what the description makes is made again
        "defconfig": None,
        "cc": "aarch64-linux-gnu-gcc",
        "root_memory": "0x44000000",
        "root_devices": "&virtio_mmio31 &virtio_mmio30",
        "linux_memory": "0x50000000",
        # The emulated SP805, running from the start (test_linux_vmbus.py's
        # watchdog tests): longer than Linux takes to load sp805_wdt.
        "linux_extra": f"\t\t\twatchdog = <{LINUX_WDOG_MS}>;\n",
        "image": "linux/Image",
        "bootargs": "console=hvc0 panic=-1",
    },
    "qemu_x86_64": {
        "build": "linux-vmbus-x86",
        "defconfig": "qemu_x86_64_defconfig",
        "cc": "gcc",
        "root_memory": "0x10000000",
        "root_devices": "&pcie",
        "linux_memory": "0x18000000",
        "linux_extra": "\t\t\tipa-base = <0x0 0x0>;\n",
        "image": "linux/bzImage",
        # Debian's amd64 kernels: no KASLR (the partition's RAM is seen
        # from 0), the TSC rate from the hypervisor (docs/linux-guest.md).
        "bootargs": "console=hvc0 tsc=reliable nokaslr panic=-1",
    },
}

BODY = """
\t\troot: partition-root {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 {root_memory} 0x0 0x04000000>;
\t\t\tdevices = <{root_devices}>;
\t\t\tprogram = "root";
{root_bootargs}\t\t\trestart = "{root_restart}";
\t\t}};
\t\tlinux: partition-linux {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1 &cpu2>;
\t\t\tmemory = <0x0 {linux_memory} 0x0 0x10000000>;
{linux_extra}\t\t\timage = "{image}";
\t\t\tinitrd = "initramfs-test.cpio.gz"; /* beside this file: test_initramfs() */
\t\t\tbootargs = "{bootargs}";
\t\t\trestart = "restart";
\t\t}};
\t\tvmbus {{
\t\t\tconsole-linux {{
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tring-size = <0x4000>; /* small: the boot log must get through whole all the same */
\t\t\t}};
\t\t\trpc-linux {{
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "rpc";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t}};
\t\t\tblk-linux {{
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "block";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tring-size = <0x10000>;
\t\t\t\tdata-window = <0x40000>;
\t\t\t\tblock-range = <0x0 0x100000 0x0 0x800000>;
\t\t\t}};
\t\t\tnet-linux {{
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "net";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&linux>;
\t\t\t\tmac-address = [02 00 00 00 00 2b];
\t\t\t\tmtu = <1500>;
\t\t\t\tring-size = <0x4000>;   /* 8 full frames: a burst fills it */
\t\t\t}};
\t\t}};
"""

# The block channel's range of the root's disk (block-range above).
BLK_RANGE = (1 << 20, 8 << 20)


def body(board, root_restart, root_args=""):
    """The /bulkhead body of the system on board; root_restart: the root's
    policy; root_args: its bootargs."""
    args = f'\t\t\tbootargs = "{root_args}";\n' if root_args else ""
    return BODY.format(root_restart=root_restart, root_bootargs=args, **ARCH[board])


class Linux:
    """The booted system: its console, the host's end of the root's NIC,
    the board (for the disk after power-off)."""

    def __init__(self, con, board, host_sock):
        self.con = con
        self.board = board
        self.host = host_sock
        self.off = False

    def power_off(self):
        """Ends the boot (the last test's business): the disk is then the host's to read."""
        if not self.off:
            self.off = True
            self.board.__exit__(None)

    def root(self, cmd):
        """Types a command into the root's shell (the root has the input)."""
        self.con.send(cmd + "\r")

    def sh(self, cmd, marker, timeout=60):
        """Runs cmd in Linux's shell on hvc0 (through the root's "send");
        returns the lines it printed before marker, without the prefix."""
        start = len(self.con.text)
        self.root(f"send linux {cmd}; echo {marker}")
        m = self.con.wait_for(rf"^\[root\] linux: {marker}$", timeout=timeout, start=start)
        out = self.con.text[start:m.start()]
        return [line for line in re.findall(r"^\[root\] linux: (.*)$", out, re.M)
                if marker not in line]

    def root_time(self):
        """The root's clock as its "time" command prints it: seconds since
        the system counter started (the root knows no date)."""
        start = len(self.con.text)
        self.root("time")
        m = self.con.wait_for(r"^\[root\] time: (\d+\.\d{9}) s \(counter \d+ at \d+ Hz\)$",
                              start=start)
        return float(m.group(1))


def test_initramfs(build, tmp, board):
    """The build's initramfs (busybox, /init, bh_vmbus.ko) and a layer of
    the tests' own programs after it (linux/*.c beside this file, static):
    /bin/sysfs-poll. A file of the test's; the shipped initramfs stays as
    make made it. (The kernel unpacks concatenated archives in turn.)"""
    layer = tmp / "layer"
    os.makedirs(layer / "bin", exist_ok=True)
    src = os.path.join(os.path.dirname(__file__), "linux", "sysfs_poll.c")
    cc = [ARCH[board]["cc"], "-static", "-s", "-O2", "-Wall", "-Wextra", "-Werror",
          "-o", str(layer / "bin" / "sysfs-poll"), src]
    r = subprocess.run(cc, capture_output=True, text=True)
    assert r.returncode == 0, (f"{' '.join(cc)} failed (scripts/setup-host installs the static "
                               f"C libraries):\n{r.stderr}")
    cpio = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"], cwd=layer,
                          input=b"bin\nbin/sysfs-poll\n", capture_output=True, check=True).stdout
    with open(os.path.join(build.objtree, "linux", "initramfs.cpio.gz"), "rb") as f:
        base = f.read()
    (tmp / "initramfs-test.cpio.gz").write_bytes(base + gzip.compress(cpio))


def boot(request, tmp_path_factory, board, root_restart, root_args=""):
    """The module-scoped fixture's body: builds and boots the system on
    board, yields its Linux once its shell is up, powers it off at the end."""
    tmp = tmp_path_factory.mktemp(ARCH[board]["build"])
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(("127.0.0.1", 0))
    host.settimeout(10)
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    qemu_port = probe.getsockname()[1]
    probe.close()
    netdev = f"socket,udp=127.0.0.1:{host.getsockname()[1]},localaddr=127.0.0.1:{qemu_port}"
    b = Build(ARCH[board]["build"], system_dts(tmp, body(board, root_restart, root_args), board=board),
              extra=[f"NETDEV={netdev}"])
    b.board = board
    if ARCH[board]["defconfig"]:
        b.make(ARCH[board]["defconfig"])
    b.make("linux-guest")
    test_initramfs(b, tmp, board)
    b.make("all")
    bd = Board(b, tmp, request.node)
    lx = Linux(bd.__enter__(), bd, host)
    # Each test may be run alone (-k): it starts with Linux's shell up.
    lx.con.wait_for(r"^\[root\] linux: .*bulkhead-guest: busybox initramfs is up on 2 cpus$",
                    timeout=300)
    yield lx
    lx.power_off()
    host.close()


# ---------------------------------------------------------------- the host's end of the NIC

LINUX_MAC = bytes.fromhex("02000000002b")  # net-linux's mac-address above
HOST_MAC = bytes.fromhex("020000000001")
LINUX_IP, HOST_IP = bytes([10, 0, 2, 15]), bytes([10, 0, 2, 2])


def ip_checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def host_answer(f):
    """The host's end of 10.0.2.2: the reply to an ARP request for it or an
    ICMP echo request to it from Linux, built here; None for anything else
    (IPv6 neighbour discovery and the like)."""
    if len(f) < 42 or f[6:12] != LINUX_MAC:
        return None
    eth = LINUX_MAC + HOST_MAC
    if f[12:14] == b"\x08\x06" and f[20:22] == b"\x00\x01" and f[38:42] == HOST_IP:
        return (eth + b"\x08\x06" + f[14:20] + b"\x00\x02" + HOST_MAC + HOST_IP
                + f[22:28] + f[28:32])
    if (f[12:14] != b"\x08\x00" or f[23] != 1 or f[30:34] != HOST_IP
            or struct.unpack("!H", f[20:22])[0] & 0x3fff):
        return None  # not ICMP to us, or a fragment (more to come or an offset)
    ihl = (f[14] & 0xf) * 4
    total = struct.unpack("!H", f[16:18])[0]
    icmp = bytearray(f[14 + ihl:14 + total])
    if len(icmp) < 8 or icmp[0] != 8:
        return None
    icmp[0], icmp[2:4] = 0, b"\0\0"
    icmp[2:4] = struct.pack("!H", ip_checksum(bytes(icmp)))
    ip = bytearray(f[14:14 + ihl])
    ip[8], ip[10:12] = 64, b"\0\0"
    ip[12:16], ip[16:20] = HOST_IP, f[26:30]
    ip[10:12] = struct.pack("!H", ip_checksum(bytes(ip)))
    return eth + b"\x08\x00" + bytes(ip) + bytes(icmp)


class HostEnd(threading.Thread):
    """The host's end of the root's NIC: answers ARP and ICMP echo for
    10.0.2.2 and keeps every frame it got."""

    def __init__(self, sock):
        super().__init__(daemon=True)
        self.sock, self.got, self.sent, self.stop = sock, [], [], threading.Event()
        self.peer = None  # QEMU's end, once a frame came from it

    def run(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                f, qemu = self.sock.recvfrom(65536)
            except socket.timeout:
                continue
            self.got.append(f)
            self.peer = qemu
            r = host_answer(f)
            if r:
                self.sock.sendto(r, qemu)
                self.sent.append(r)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join()
        self.sock.settimeout(10)
