"""The system test_linux_vmbus.py (arm64) and test_linux_vmbus_x86.py boot,
and what their tests share: the root on cpu0 owns the disk and a NIC on
QEMU's 127.0.0.1 UDP backend (the host's end is Linux.host); Debian's
kernel on cpu1 and cpu2 with console=hvc0 and a console, an rpc, a block
and a net channel from the root. One boot per file (boot() below)."""
import gzip
import hashlib
import os
import re
import socket
import struct
import subprocess
import threading
import time

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
{root_extra}\t\t}};
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

# /init's line once Linux's shell is up. On hvc0 a kernel line may follow it
# on the same line (bh_net's "carrier on" was seen there): it ends the line
# or a kernel stamp does.
SHELL_UP = r"^\[root\] linux: .*bulkhead-guest: busybox initramfs is up on 2 cpus(?:$|\[ *[\d.]+\] )"

# The block channel's range of the root's disk (block-range above).
BLK_RANGE = (1 << 20, 8 << 20)


def body(board, root_restart, root_args="", root_props=()):
    """The /bulkhead body of the system on board; root_restart: the root's
    policy; root_args: its bootargs; root_props: more of its properties
    ("name = <value>" each)."""
    args = f'\t\t\tbootargs = "{root_args}";\n' if root_args else ""
    props = "".join(f"\t\t\t{p};\n" for p in root_props)
    return BODY.format(root_restart=root_restart, root_bootargs=args, root_extra=props,
                       **ARCH[board])


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


def boot(request, tmp_path_factory, board, root_restart, root_args="", root_props=()):
    """The module-scoped fixture's body: builds and boots the system on
    board (the root's restart policy, bootargs and more properties as
    body() takes them), yields its Linux once its shell is up, powers it
    off at the end."""
    tmp = tmp_path_factory.mktemp(ARCH[board]["build"])
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(("127.0.0.1", 0))
    host.settimeout(10)
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    qemu_port = probe.getsockname()[1]
    probe.close()
    netdev = f"socket,udp=127.0.0.1:{host.getsockname()[1]},localaddr=127.0.0.1:{qemu_port}"
    b = Build(ARCH[board]["build"], system_dts(tmp, body(board, root_restart, root_args, root_props),
                                                board=board),
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
    lx.con.wait_for(SHELL_UP, timeout=300)
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


# ---------------------------------------------------------------- what both files' tests share

def bg_line(text):
    """A line a background job printed: it may follow the shell's prompt or
    a part of a command's echo."""
    return rf"^\[root\] linux: .*?{text}$"


def net_sysfs(linux, marker):
    """bhnet0's sysfs values, name -> text (the root's command line takes 255 bytes)."""
    out = linux.sh('cd /sys/class/net/bhnet0;for f in mtu address carrier operstate statistics/*;'
                   'do echo "NET $f=$(cat $f)";done;cd /', marker)
    vals = dict(m.groups() for line in out if (m := re.match(r"^NET ([\w/]+)=(.*)$", line)))
    want = {"mtu", "address", "carrier", "operstate"} | {
        "statistics/" + k for k in ("rx_bytes", "tx_bytes", "rx_packets", "tx_packets",
                                    "rx_dropped", "tx_dropped", "rx_errors", "tx_errors")}
    assert want <= set(vals), out
    return vals


def net_sysfs_up(linux, marker):
    """net_sysfs once operstate is up: the kernel's link watch sets it
    within a second of the carrier."""
    for i in range(10):
        vals = net_sysfs(linux, f"{marker}-{i}")
        if vals["operstate"] == "up":
            break
        time.sleep(0.5)
    return vals


def net_follows_the_root_restart(linux):
    """bhnet0 (up and addressed before the root's restart) lost its carrier
    while the root restarted (unless Linux saw the reset too late); the
    channel opened again at the root's new epoch, the carrier came back
    with it, and the device carries frames both ways again."""
    con = linux.con
    off = re.search(r"^\[root\] linux: .*\[ *[\d.]+\] bh_net net-linux bhnet0: carrier off: "
                    r"root is down$", con.text, re.M)
    # ".*": a byte of the shell's may come first on the line (seen once).
    if off:
        con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_net net-linux bhnet0: carrier on: "
                     r"channel to root open$", timeout=60, start=off.end())
    else:
        # Linux saw the reset too late (a loaded host): the new epoch alone
        # reopened the channel.
        assert con.count(r"linux did not acknowledge the reset of channel net-linux"), \
            con.text[-3000:]
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/net-linux/epoch "
                   "/sys/bus/bulkhead_vmbus/devices/net-linux/state", "DONE-NETEPOCH")
    assert out[-2:] == ["2", "open"], out
    vals = net_sysfs_up(linux, "DONE-SYS6")
    assert vals["carrier"] == "1" and vals["operstate"] == "up", vals
    with HostEnd(linux.host) as host:
        out = linux.sh("ping -c 3 -W 5 10.0.2.2", "DONE-PING2", timeout=60)
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    assert sum(1 for f in host.got if f[12:14] == b"\x08\x00" and f[34] == 8) == 3, host.got


def blk_file(name, lines):
    """A test file's bytes: numbered 32-byte lines, so every 1 KiB of it is
    unique and can be found on the root's disk afterwards. BLK_AWK writes
    the same bytes in Linux."""
    return b"".join(f"{f'bhblk {name} {i:010d}':<31}\n".encode() for i in range(lines))


BLK_FILES = {"f1": 16384, "f2": 10000}  # 512 KiB, 312.5 KiB: not a whole number of blocks
BLK_AWK = ("awk 'BEGIN{for(i=0;i<%d;i++)printf \"%%-31s\\n\",sprintf(\"bhblk %s %%010d\",i)}' "
           ">/mnt/b/%s")


def blk_md5s(linux, marker):
    out = linux.sh("md5sum /mnt/b/f1 /mnt/b/f2", marker)
    return {m.group(2): m.group(1) for line in out
            if (m := re.match(r"^([0-9a-f]{32})  /mnt/b/(f\d)$", line))}


def blk_want():
    """BLK_FILES' md5 sums, name -> hex."""
    return {name: hashlib.md5(blk_file(name, lines)).hexdigest() for name, lines in BLK_FILES.items()}


def blk_ext2_files(linux, kib=""):
    """busybox mke2fs on /dev/bhblk0 (its first kib KiB; all of it by
    default), BLK_FILES written, synced (FLUSH to the root's disk),
    unmounted, mounted again at /mnt/b: the same bytes."""
    out = linux.sh(f"mke2fs -F /dev/bhblk0 {kib} >/dev/null 2>&1; mkdir -p /mnt/b && "
                   "mount -t ext2 /dev/bhblk0 /mnt/b && echo MOUNTED", "DONE-MKFS", timeout=120)
    assert out[-1] == "MOUNTED", out
    for name, lines in BLK_FILES.items():
        linux.sh(BLK_AWK % (lines, name, name), f"DONE-WRITE-{name}", timeout=120)
    assert blk_md5s(linux, "DONE-MD5-1") == blk_want()
    out = linux.sh("sync; umount /mnt/b && mount -t ext2 /dev/bhblk0 /mnt/b && echo REMOUNTED",
                   "DONE-REMOUNT", timeout=60)
    assert out[-1] == "REMOUNTED", out
    assert blk_md5s(linux, "DONE-MD5-2") == blk_want()
    out = linux.sh("cat /sys/block/bhblk0/vmbus_stats", "DONE-BLKSTATS")
    assert " stray 0 bad 0 " in out[-1], out


def blk_files_after_the_child_restart(linux, start):
    """Linux restarted (its console from start on): the new kernel's shell
    is up, it found bhblk0 afresh and mounts BLK_FILES' file system, the
    same bytes."""
    con = linux.con
    con.wait_for(SHELL_UP, timeout=180, start=start)
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_blk blk-linux: bhblk0: 16384 blocks on root",
                 timeout=30, start=start)
    out = linux.sh("mkdir -p /mnt/b && mount -t ext2 /dev/bhblk0 /mnt/b && echo MOUNTED",
                   "DONE-MOUNT-AGAIN", timeout=60)
    assert out[-1] == "MOUNTED", out
    assert blk_md5s(linux, "DONE-MD5-3") == blk_want()
    linux.sh("umount /mnt/b", "DONE-UMOUNT")


def blk_rfile(i):
    """The i-th file of the writer during the root's restart (32 KiB)."""
    return b"".join(f"{f'r{i:05d} {j:010d}':<31}\n".encode() for j in range(1024))


ACK = bg_line("ACK ({})")


def blk_acknowledged_writes_survive_a_root_restart(linux, stray=0, bad=0):
    """The root restarts (poweroff, restart = "restart") while Linux writes
    file after file on BLK_FILES' file system, each synced: the writer sees
    no error, goes on once the root is back, and every file it was told is
    on the disk (its ACK) reads back intact, after a remount too. Requests
    met the restart: sent again once the channel opened (vmbus_stats:
    resent) or held while it was down (held). stray, bad: bh_blk's counts
    of hostile answers before (none came since)."""
    con = linux.con
    out = linux.sh("mount -t ext2 /dev/bhblk0 /mnt/b && echo MOUNTED", "DONE-MOUNT-R", timeout=60)
    assert out[-1] == "MOUNTED", out
    start = len(con.text)
    # Readers keep requests in flight: some are in the ring when the root stops.
    # Typing is slow: each command has reached Linux's shell before the next is typed.
    for n in range(3):
        linux.root(f"send linux (while [ ! -e /tmp/s ];do dd if=/dev/bhblk0 of=/dev/null bs=64k "
                   f"count=128 iflag=direct 2>&1|grep -v records;done;echo RDONE{n})&")
        con.wait_for(rf"^\[root\] linux: .*echo RDONE{n}\)&$", start=start)
    linux.root("send linux (i=0;while [ $i -lt 150 ]&&[ ! -e /tmp/s ];do awk -v i=$i 'BEGIN{for(j=0;"
               "j<1024;j++)printf \"%-31s\\n\",sprintf(\"r%05d %010d\",i,j)}'>/mnt/b/r$i&&sync&&"
               "echo ACK $i;i=$((i+1));done;echo WDONE)&")
    con.wait_for(r"^\[root\] linux: .*echo WDONE\)&$", start=start)
    con.wait_for(ACK.format(2), timeout=60, start=start)
    at = len(con.text)
    linux.root("poweroff")
    con.wait_for(r"^\[bulkhead\] root: powered off \(PSCI SYSTEM_OFF\); restarting", start=at)
    m = con.wait_for(r"^\[root\] root ready$", timeout=60, start=at)
    acked = [int(n) for n in re.findall(ACK.format(r"\d+"), con.text[start:m.start()], re.M)]
    # Writes go on after the restart; then the writer stops.
    con.wait_for(ACK.format(max(acked) + 3), timeout=120, start=at)
    linux.sh("touch /tmp/s", "DONE-STOP")
    con.wait_for(bg_line("WDONE"), timeout=60, start=start)
    for n in range(3):
        con.wait_for(bg_line(f"RDONE{n}"), timeout=60, start=start)
    acked = [int(n) for n in re.findall(ACK.format(r"\d+"), con.text[start:], re.M)]
    assert acked == list(range(len(acked))), acked  # no write failed
    want = {f"r{i}": hashlib.md5(blk_rfile(i)).hexdigest() for i in acked}

    def sums(marker):
        out = linux.sh("cd /mnt/b && md5sum r*; cd /", marker, timeout=60)
        return {m.group(2): m.group(1) for line in out
                if (m := re.match(r"^([0-9a-f]{32})  (r\d+)$", line))}
    assert sums("DONE-RSUM-1") == want
    out = linux.sh("umount /mnt/b && mount -t ext2 /dev/bhblk0 /mnt/b && echo REMOUNTED",
                   "DONE-REMOUNT-R", timeout=60)
    assert out[-1] == "REMOUNTED", out
    assert sums("DONE-RSUM-2") == want
    out = linux.sh("umount /mnt/b; cat /sys/block/bhblk0/vmbus_stats", "DONE-RSTATS")
    print("after the root's restart:", out[-1])
    m = re.match(rf"^depth 4 slot 65536 stray {stray} bad {bad} resent (\d+) held (\d+) "
                 r"timedout 0$", out[-1])
    # Requests met the restart: sent again, or held until the channel opened.
    assert m and int(m.group(1)) + int(m.group(2)) > 0, out
    assert con.count(r"^\[root\] linux: .*dd: ", start) == 0
    assert con.count(r"^\[root\] linux: .*(I/O error|bh_blk .*(broke|unanswered))", start) == 0


def blk_files_on_the_roots_disk_in_range(linux):
    """Powers the board off: the root's disk then holds every 1 KiB of
    BLK_FILES inside the channel's range, and nothing outside it (the disk
    started all zero)."""
    linux.power_off()
    disk = linux.board.read_disk()
    lo, size = BLK_RANGE
    hi = lo + size
    assert disk[:lo].count(0) == lo and disk[hi:].count(0) == len(disk) - hi
    for name, lines in BLK_FILES.items():
        data = blk_file(name, lines)
        for off in range(0, len(data), 1024):
            chunk = data[off:off + 1024]
            at = disk.find(chunk)
            assert lo <= at and at + len(chunk) <= hi, (name, off, at)
