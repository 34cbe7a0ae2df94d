"""Debian's own amd64 kernel, unmodified, as a VMBus client: its kernels
have no device tree (CONFIG_OF off), so the bus is an ACPI device of the
partition's DSDT (BLKH0001, tools/gen/acpi_vmbus.c) whose interrupt is a
GSI of its virtual IOAPIC; bh_vmbus.ko binds it as it binds the arm64 DTB's
node (test_linux_vmbus.py).

The system is test_linux_vmbus.py's (linux_bus.py), on qemu_x86_64: the
root on cpu0 with the virtio disk and NIC; Linux on cpu1 and cpu2 with
console=hvc0 and a console, an rpc, a block and a net channel. One boot
serves every test, in order: each class's checks, Linux's reboot, a
hostile root, the root's restart, then its stop for good, and last the
root's disk after power-off."""
import re
import time

import pytest

import linux_bus
from linux_bus import HostEnd

# The root's NIC is on QEMU's 127.0.0.1 UDP backend, with this file's end on the host.
pytestmark = pytest.mark.lg_feature("net-peer")


# The root's hostile block answers start here (its bootargs; block_villain.c):
# away from the partition table scan's pages and after the tests' file system.
VILLAIN_LBA = 16000


@pytest.fixture(scope="module")
def linux(request, tmp_path_factory):
    # The root restarts when it first powers off (the restart tests) and
    # stays halted the second time (the root-down test): one restart in a
    # row at most, and no run of the boot is long enough to end the row. Its
    # block service answers 4 KiB reads at VILLAIN_LBA hostilely.
    yield from linux_bus.boot(request, tmp_path_factory, "qemu_x86_64", root_restart="restart",
                              root_args=f"villain-block={VILLAIN_LBA}",
                              root_props=("restart-limit = <1>", "restart-stable-ms = <3600000>"))


def test_x86_hvc_console_through_the_root(linux):
    """console=hvc0 on x86: the bus device comes from ACPI, its interrupt is
    the GSI the tables name; the kernel's boot lines and the shell's arrive
    through the root as "[root] linux: <line>" and what the root sends
    reaches the shell."""
    con = linux.con
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
    out = "\n".join(linux.sh("dmesg | grep -e 'command line' -e 'IOAPIC\\[' -e BLKH0001 "
                             "-e bh_hvc", "DONE-DMESG"))
    assert re.search(r"Kernel command line: console=hvc0 tsc=reliable nokaslr panic=-1 "
                     r"tsc_early_khz=\d+$", out, re.M), out
    # The MADT lists the virtual IOAPIC, for the bus's pin.
    assert re.search(r"\] IOAPIC\[0\]: apic_id 0, version 32, address 0xfec00000, GSI 0-23$",
                     out, re.M), out
    assert re.search(r"\] bh_hvc console-linux: hvc0 to root, console version 1\.\.2$", out, re.M), out
    assert re.search(r"\] bulkhead-vmbus BLKH0001:00: 4 channels, bus interrupt \d+$", out, re.M), out

    out = linux.sh("echo X-$((6*7))", "DONE-ECHO")
    assert out[-1] == "X-42", out
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/console-linux/state "
                   "/sys/bus/bulkhead_vmbus/devices/console-linux/peer", "DONE-STATE")
    assert out[-2:] == ["open", "root"], out
    # The bus interrupt is an IO-APIC edge interrupt on GSI 16, and it fired.
    out = linux.sh("grep bulkhead-vmbus /proc/interrupts", "DONE-IRQ")
    m = re.search(r"^\s*\d+:((?:\s+\d+)+)\s+IO-APIC\s+16-edge\s+bulkhead-vmbus$", out[-1])
    assert m and sum(int(n) for n in m.group(1).split()) > 0, out
    out = linux.sh("uname -r; cat /proc/sys/kernel/tainted", "DONE-UNAME")
    assert out[-2].endswith("-cloud-amd64") and out[-1] == "12288", out

    start = len(con.text)
    linux.root("channels")
    con.wait_for(r"^\[root\] channel \d+ console-linux: console provider, peer linux epoch 1, "
                 r"open$", start=start)
    assert con.count(r"^\[bulkhead\] .*(unhandled|trapped|fault|halted)") == 0


def test_x86_block_and_rpc(linux):
    """The block and rpc classes on x86: an ext2 file system on /dev/bhblk0
    keeps a file across a remount, the clock is the root's and the
    measurement log in sysfs is the root's."""
    out = linux.sh("cat /sys/block/bhblk0/size", "DONE-SIZE")
    assert out[-1] == "16384", out
    out = linux.sh("mke2fs -q /dev/bhblk0 && mkdir -p /mnt && mount /dev/bhblk0 /mnt && "
                   "seq 1 20000 > /mnt/f && md5sum /mnt/f && umount /mnt && sync && "
                   "mount /dev/bhblk0 /mnt && md5sum /mnt/f && umount /mnt", "DONE-EXT2", timeout=120)
    sums = [line.split()[0] for line in out if line.endswith("/mnt/f")]
    assert len(sums) == 2 and sums[0] == sums[1], out
    before = linux.root_time()
    date = int(linux.sh("date +%s", "DONE-DATE")[-1])
    after = linux.root_time()
    assert before - 1 < date + 1 and date < after + 1, (before, date, after)
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/rpc-linux/measurements", "DONE-MEAS")
    assert any(re.match(r"linux image slot A version 0 size \d+ sha256 [0-9a-f]{64}$", line)
               for line in out), out
    # Line for line what the root's "measured" command prints.
    start = len(linux.con.text)
    linux.root("measured")
    linux.con.wait_for(r"^\[root\] measured: linux initrd slot A .* sha256 [0-9a-f]{64}$", start=start)
    mine = re.findall(r"^\[root\] measured: (\S+ (?:image|fdt|initrd) slot .+)$",
                      linux.con.text[start:], re.M)
    assert len(mine) >= 3 and out[-len(mine):] == mine, (out, mine)


@pytest.mark.req("BH-FLT-2", "BH-FLT-4")
def test_x86_block_files_survive_a_child_restart(linux):
    """test_linux_vmbus.py's files on an ext2 file system on /dev/bhblk0,
    synced; then Linux reboots (busybox reboot -f: the FADT's reset
    register, port 0xcf9; x86 partitions have no watchdog yet), which stops
    the partition, and restart = "restart" starts it again: the root finds
    it in its second epoch, the new kernel gets the disk afresh and mounts
    the same files. (The file system ends where the hostile root's blocks
    begin: test_x86_block_survives_a_hostile_root writes there.)"""
    linux_bus.blk_ext2_files(linux, kib=VILLAIN_LBA // 2)
    con = linux.con
    start = len(con.text)
    linux.root("send linux sync; umount /mnt/b; reboot -f")
    con.wait_for(r"^\[bulkhead\] linux: reset \(ACPI reset register\); restarting$", timeout=60,
                 start=start)
    con.wait_for(r"^\[bulkhead\] linux: started again \(start 2\)$", timeout=60, start=start)
    linux_bus.blk_files_after_the_child_restart(linux, start)
    start = len(con.text)
    linux.root("channels")
    con.wait_for(r"^\[root\] channel \d+ blk-linux: block provider, peer linux epoch 2, open$",
                 start=start)


def test_x86_net_pings_the_host(linux):
    """The net class on x86: bhnet0 carries ARP and ICMP both ways through
    the root's NIC to the host end, which answers for 10.0.2.2."""
    out = linux.sh("ip link set bhnet0 up && ip addr add 10.0.2.15/24 dev bhnet0 && "
                   "cat /sys/class/net/bhnet0/address", "DONE-UP")
    assert out[-1] == "02:00:00:00:00:2b", out
    with HostEnd(linux.host) as host:
        out = linux.sh("sleep 1; ping -c 3 -W 5 10.0.2.2", "DONE-PING", timeout=60)
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    echo = [f for f in host.got if f[12:14] == b"\x08\x00" and f[23] == 1 and f[34] == 8]
    assert len(echo) == 3 and len(host.sent) >= 4, host.got


# The root's forged answers to the 4 KiB reads at VILLAIN_LBA + 8 k, by k (block_villain.c).
VILLAIN = [("a completion for no request, then the true one", "stray", 0),
           ("twice the bytes asked", "bad", 1),
           ("a reply that ends after its header", "bad", 1),
           ("the true answer twice", "stray", 0)]


@pytest.mark.req("BH-BUS-4")
def test_x86_block_survives_a_hostile_root(linux):
    """The root (bootargs "villain-block") forges its answers to four 4 KiB
    reads (page-aligned direct reads: one request each): bh_blk ignores, counts and reports a completion that matches no
    request in flight (the read gets the true answer, its bytes the disk's),
    fails a read whose answer has the wrong byte count or is cut short with
    EIO and reports it, and the disk and its channel go on working."""
    con = linux.con
    con.wait_for(r"^\[root\] block: villain-block: 4 KiB READs at block 16000 \+ 8 k \(k < 4\) "
                 r"get hostile answers \(a test mode\)$")

    def stats(marker):
        out = linux.sh("cat /sys/block/bhblk0/vmbus_stats", marker)
        return dict(zip(out[-1].split()[::2], map(int, out[-1].split()[1::2])))
    # Random bytes on the 16 KiB, written and read back in one 16 KiB
    # request each, which the root answers truly.
    out = linux.sh(f"dd if=/dev/urandom of=/tmp/t bs=16k count=1 2>/dev/null;dd if=/tmp/t "
                   f"of=/dev/bhblk0 bs=16k seek={VILLAIN_LBA // 32} oflag=direct 2>/dev/null;"
                   f"dd if=/dev/bhblk0 bs=16k count=1 skip={VILLAIN_LBA // 32} iflag=direct "
                   "2>/dev/null|cmp - /tmp/t && echo SAME", "DONE-TRUE")
    assert out[-1] == "SAME", out
    for i, (what, counter, rc) in enumerate(VILLAIN):
        before = stats(f"DONE-VSTATS-{i}")
        start = len(con.text)
        out = linux.sh(f"dd if=/dev/bhblk0 bs=4k count=1 skip={VILLAIN_LBA // 8 + i} iflag=direct "
                       f"2>/tmp/e|md5sum;dd if=/tmp/t bs=4k count=1 skip={i} 2>/dev/null|md5sum;"
                       "cat /tmp/e;echo RC $(grep -c 'Input/output error' /tmp/e)",
                       f"DONE-VILLAIN-{i}")
        after = stats(f"DONE-VSTATS2-{i}")
        delta = {k: after[k] - before[k] for k in after}
        print(f"hostile root, {what}: {delta}")
        assert out[-1] == f"RC {rc}", (what, out)
        assert delta == {**{k: 0 for k in after}, counter: 1}, (what, delta)
        sums = [line.split()[0] for line in out if line.endswith("  -")]  # the read's, the disk's
        assert len(sums) == 2, out
        if rc:
            assert "dd: /dev/bhblk0: Input/output error" in out, (what, out)
            con.wait_for(rf"^\[root\] linux: .*\[ *[\d.]+\] bh_blk blk-linux: request type 3, 8 "
                         rf"blocks at {VILLAIN_LBA + 8 * i}: ok, {8192 if i == 1 else 0} bytes: "
                         r"I/O error$", start=start)
        else:
            assert sums[0] == sums[1], (what, out)  # the bytes the disk holds
            con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_blk blk-linux: completion 0x[0-9a-f]+ "
                         r"matches no request: ignored$", start=start)
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/blk-linux/state;dd if=/dev/bhblk0 "
                   "of=/dev/null bs=64k count=16 iflag=direct 2>&1", "DONE-VAFTER")
    assert out[-3:] == ["open", "16+0 records in", "16+0 records out"], out


@pytest.mark.req("BH-FLT-4")
def test_x86_block_acknowledged_writes_survive_a_root_restart(linux):
    """The root's first power-off, which its policy restarts, while Linux
    writes file after file on the file system, each synced: every file
    acknowledged reads back intact, after a remount too; requests that met
    the restart were sent again or held (test_linux_vmbus.py's test). The
    hostile answers of the test before stay bh_blk's only strays and bad
    replies."""
    linux_bus.blk_acknowledged_writes_survive_a_root_restart(linux, stray=2, bad=2)


@pytest.mark.req("BH-FLT-4")
def test_x86_net_device_follows_the_root_restart(linux):
    """bhnet0 (up since test_x86_net_pings_the_host) lost its carrier while
    the root restarted and got it back with the channel at the root's new
    epoch; ping answers again."""
    linux_bus.net_follows_the_root_restart(linux)


ESC = "\x1d"  # CONFIG_CONSOLE_ESCAPE_CHAR: Ctrl-]
UPTIME = "$(cut -d' ' -f1 /proc/uptime)"


def uart(linux, cmd, marker, timeout=60):
    """Runs cmd in the shell on Linux's emulated UART (the console mux gives
    Linux the input); the lines it printed before marker."""
    con = linux.con
    start = len(con.text)
    con.send(f"{cmd}; echo {marker}\r")
    m = con.wait_for(rf"^\[linux\] {marker}$", timeout=timeout, start=start)
    return re.findall(r"^\[linux\] (.*)$", con.text[start:m.start()], re.M)


# Keep this test after the root's restart: the root stays down.
@pytest.mark.req("BH-FLT-4", "BH-FLT-6")
def test_x86_block_request_fails_when_the_root_stays_down(linux):
    """The root powers off again and stays halted (restart-limit: one
    restart in a row, and it has had it) while Linux reads /dev/bhblk0 in a
    loop: the request in flight is never answered and fails with an I/O
    error once the queue's io_timeout passed after it was sent (30 s by
    default; 8 s here, set in sysfs), neither hanging nor succeeding; the
    channel then stops, so the next request fails at once. Linux stays
    responsive: hvc0 went down with the root, so the test watches it on its
    emulated UART (ttyS0), through a shell it starts there."""
    con = linux.con
    out = linux.sh("cat /sys/block/bhblk0/queue/io_timeout; echo 8000 >/sys/block/bhblk0/queue/"
                   "io_timeout; cat /sys/block/bhblk0/queue/io_timeout", "DONE-IOTIMEOUT")
    assert out[-2:] == ["30000", "8000"], out  # the driver's default, then the test's
    # (What is typed before it reads waits in the UART and the tty.)
    linux.sh("(setsid sh -c 'exec sh </dev/ttyS0 >/dev/ttyS0 2>&1' &)", "DONE-UART")
    # Reads until one fails; then when it started and ended, and dd's words, on the UART.
    linux.sh(f"((while s={UPTIME};dd if=/dev/bhblk0 of=/dev/null bs=64k count=128 iflag=direct "
             f"2>/tmp/e;do :;done;echo DDFAIL $s {UPTIME})>/dev/ttyS0 2>&1 &)",
             "DONE-READER")
    time.sleep(2)  # the reader runs: a request is in flight whenever the root stops
    start = len(con.text)
    linux.root("poweroff")
    con.wait_for(r"^\[bulkhead\] root: powered off \(PSCI SYSTEM_OFF\); halted \(restart limit "
                 r"reached\)$", start=start)
    con.wait_for(r"^\[bulkhead\] root: 1 restarts in a row, none ran 3600000 ms: it stays halted$",
                 start=start)
    t0 = time.time()
    con.send(ESC + str(linux.board.build.system().partition("linux")["index"]))
    con.wait_for(r"^\[bulkhead\] console input: linux$", start=start)
    m = con.wait_for(r"^\[linux\] DDFAIL ([\d.]+) ([\d.]+)$", timeout=60, start=start)
    waited = time.time() - t0
    took = float(m.group(2)) - float(m.group(1))
    print(f"the read in flight when the root stopped failed after {took:.2f} s of Linux's "
          f"uptime ({waited:.1f} s after the root's power-off)")
    # The request that timed out was sent after the failing dd started: its
    # 8 s are in that dd's time; the reads before it took a second at most.
    assert 8 <= took < 8 + 10, m.group(0)
    out = uart(linux, "cat /tmp/e", "DONE-DDERR")
    assert "dd: /dev/bhblk0: Input/output error" in out, out

    # Linux answers; the kernel said why, the channel stopped, the next read fails at once.
    out = uart(linux, "dmesg | grep -e bh_blk -e 'I/O error'; cat /sys/block/bhblk0/vmbus_stats "
               "/sys/bus/bulkhead_vmbus/devices/blk-linux/state", "DONE-KLOG")
    assert re.search(r"^\[ *[\d.]+\] bh_blk blk-linux: root stopped with a request unanswered "
                     r"for 8 s: I/O error; channel stopped until it restarts$", "\n".join(out),
                     re.M), out
    assert re.search(r"^\[ *[\d.]+\] I/O error, dev bhblk0, sector \d+ op 0x0:\(READ\) ",
                     "\n".join(out), re.M), out
    # (stray and bad: test_x86_block_survives_a_hostile_root's; resent and
    # held: the root's restart's)
    assert re.match(r"^depth 4 slot 65536 stray 2 bad 2 resent \d+ held \d+ timedout 1$",
                    out[-2]), out
    assert out[-1] == "broken", out
    out = uart(linux, f"a={UPTIME};dd if=/dev/bhblk0 of=/dev/null bs=4k count=1 iflag=direct;"
               f"echo DD2 $? $a {UPTIME}", "DONE-DD2")
    assert "dd: /dev/bhblk0: Input/output error" in out, out
    rc, a, b = re.match(r"^DD2 (\d+) ([\d.]+) ([\d.]+)$", out[-1]).groups()
    assert rc == "1" and float(b) - float(a) < 2, out
    # rpc to the stopped root: the request is never answered, the read times
    # out (5 s). dd reads once (busybox cat tries sendfile, then read: twice).
    clock = "/sys/bus/bulkhead_vmbus/devices/rpc-linux/clock"
    out = uart(linux, f"a={UPTIME};dd if={clock} status=none;echo RPC $? $a {UPTIME}", "DONE-RPC")
    assert f"dd: {clock}: Connection timed out" in out, out
    rc, a, b = re.match(r"^RPC (\d+) ([\d.]+) ([\d.]+)$", out[-1]).groups()
    assert rc == "1" and 5 <= float(b) - float(a) < 8, out
    assert con.count(r"^\[linux\] .*(hung_task|blocked for more than|BUG|Oops)", start) == 0
    assert con.count(r"^\[bulkhead\] linux: ", start) == 0  # Linux itself never stopped


# Keep this the file's last test: it ends the boot.
@pytest.mark.req("BH-BUS-4")
def test_x86_block_files_on_the_roots_disk_in_range(linux):
    """After power-off the root's disk holds every 1 KiB of the files
    (synced before Linux's restart) inside the channel's range, and nothing
    outside it (the disk started all zero)."""
    linux_bus.blk_files_on_the_roots_disk_in_range(linux)
