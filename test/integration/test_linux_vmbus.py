"""Debian's own arm64 kernel, unmodified, as a VMBus client: the initramfs
loads bh_vmbus.ko (partitions/linux/, built against the fetched kernel's
headers), which binds the channels the partition's DTB lists. One boot of
one system serves every test here, in order (each class's checks, then the
restarts); a test that needs the boot takes the `linux` fixture.

The system (linux_bus.py, which test_linux_vmbus_x86.py boots on x86): the
root on cpu0 owns the virtio disk and NIC and restarts when it powers off;
Linux on cpu1 and cpu2 with console=hvc0 and a console, rpc, block and net
channel.

hvc0 carries the kernel's lines and the shell's, as a serial console does:
the kernel writes its lines in 16-byte pieces, so a shell's prompt or a
piece of another line may come first on the root's line. Waits for a kernel
line therefore match "linux: .*[ stamp] text", not the line's start."""
import hashlib
import os
import re
import struct
import subprocess
import time

import pytest

import linux_bus
from linux_bus import (LINUX_WDOG_MS, HOST_IP, HOST_MAC, LINUX_IP, LINUX_MAC, HostEnd, bg_line,
                       net_sysfs, net_sysfs_up)

# The root's NIC is on QEMU's 127.0.0.1 UDP backend, with this file's end on the host.
pytestmark = pytest.mark.lg_feature("net-peer")


@pytest.fixture(scope="module")
def linux(request, tmp_path_factory):
    # The root restarts when it powers off: the restart tests below.
    yield from linux_bus.boot(request, tmp_path_factory, "qemu_arm64", root_restart="restart")


def test_modules_built_for_the_fetched_kernel(linux):
    """The module in the initramfs is made for exactly the kernel the build
    fetched: its vermagic names that release, and it is stripped."""
    objtree = linux.board.build.objtree
    krel = os.path.basename(open(os.path.join(objtree, "linux/KHEADERS")).read().strip())
    krel = krel.removeprefix("linux-headers-")
    ko = os.path.join(objtree, "linux/modules-root/lib/modules/bulkhead/bh_vmbus.ko")
    info = subprocess.run(["modinfo", "-F", "vermagic", ko], capture_output=True, text=True,
                          check=True).stdout
    assert info.split()[0] == krel, info
    assert os.path.getsize(ko) < 200_000
    assert open(os.path.join(objtree, "linux/modules-root/lib/modules/bulkhead/load-order")
                ).read().split() == ["bh_vmbus"]


def test_hvc_console_through_the_root(linux):
    """console=hvc0: the kernel's boot lines and the shell's arrive through
    the root as "[root] linux: <line>"; what the root sends reaches the
    shell; "channels" and "log linux" show the channel and what it carried."""
    con = linux.con
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] Booting Linux on physical CPU 0x0+ ", timeout=120)
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] Kernel command line: console=hvc0 panic=-1$")
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] printk: console \[hvc0\] enabled$", timeout=180)
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_hvc console-linux: hvc0 to root, "
                 r"console version 1\.\.2$")
    con.wait_for(linux_bus.SHELL_UP, timeout=120)
    # Nothing of the kernel's came on the emulated UART: console=hvc0 is the only console.
    assert con.count(r"^\[linux\] \[ *[\d.]+\] ") == 0
    # The log the kernel replayed when hvc0 became its console arrived whole:
    # every line dmesg has came through the root, none cut into another.
    seen = re.findall(r"^\[root\] linux: (\[ *\d+\.\d{6}\])", con.text, re.M)
    # dmesg -r: "<priority>[ stamp] ..."; the console shows levels 0-6, not debug (7).
    raw = linux.sh("dmesg -r | cut -c1-20", "DONE-DMESG", timeout=120)
    stamps = {m.group(2) for m in (re.match(r"<(\d+)>(\[ *\d+\.\d{6}\])", r) for r in raw)
              if m and int(m.group(1)) & 7 < 7}
    missing = sorted(stamps - set(seen))
    assert len(stamps) > 150 and not missing, missing[:10]
    assert con.count(r"^\[root\] linux: \[ *\d+\.\d{6}\] .*\[ *\d+\.\d{6}\] ") == 0

    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/console-linux/state", "DONE-STATE")
    assert out[-1] == "open", out
    out = linux.sh("uname -r; cat /proc/sys/kernel/tainted", "DONE-UNAME")
    assert out[-2].endswith("-cloud-arm64") and out[-1] == "12288", out  # O + E: unsigned out of tree

    start = len(con.text)
    linux.root("channels")
    con.wait_for(r"^\[root\] channel \d+ console-linux: console provider, peer linux epoch 1, open$",
                 start=start)
    start = len(con.text)
    linux.root("log linux")
    con.wait_for(r"^\[root\] log of linux: \d+ bytes kept of \d+$", start=start)
    con.wait_for(r"^\[root\] \| DONE-UNAME$", start=start)


def test_root_refuses_input_it_cannot_deliver(linux):
    """"send" names what is wrong: an unknown child, a console that takes
    no input."""
    con = linux.con
    start = len(con.text)
    linux.root("send nobody echo x")
    con.wait_for(r"^\[root\] send: no console channel to 'nobody'$", start=start)


RPC_DEV = "/sys/bus/bulkhead_vmbus/devices/rpc-linux"


def test_rpc_sets_the_clock_to_the_roots(linux):
    """bh_rpc sets CLOCK_REALTIME from the root's time service when the
    channel opens: Linux's `date +%s` is the root's clock (counter seconds
    since the board started, from the Unix epoch) within a second. The
    root's clock is read before and after, so the console's delay only
    widens the window, never the error allowed."""
    con = linux.con
    m = con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_rpc rpc-linux: clock set to the root's: "
                     r"(\d+)\.\d{9} s \(counter \d+ at (\d+) Hz\)$", timeout=60)
    assert m.group(2) == "62500000"
    before = linux.root_time()
    out = linux.sh("date +%s", "DONE-DATE")
    after = linux.root_time()
    date = int(out[-1])
    # date truncates: the clock itself was in [date, date + 1).
    assert before - 1 < date + 1 and date < after + 1, (before, date, after)
    # Without bh_rpc Linux would count from its own start, seconds behind the root.
    out = linux.sh(f"cat {RPC_DEV}/clock; date +%s", "DONE-CLOCK")
    assert abs(float(out[-2]) - int(out[-1])) < 2, out


@pytest.mark.req("BH-IMG-6")
def test_rpc_measurement_log_in_sysfs(linux):
    """The hypervisor's measurement log through the root's rpc service, in
    sysfs: line for line what the root prints as its "measured:" lines. At
    boot the root stops waiting for Linux's 27 MB image after 2 s, so its
    boot lines may end early; they begin the log, and the root's "measured"
    command prints all of it."""
    con = linux.con
    pat = r"^\[root\] measured: (\S+ (?:image|fdt|initrd) slot .+)$"
    booted = re.findall(pat, con.text, re.M)
    out = linux.sh(f"cat {RPC_DEV}/measurements", "DONE-MEASURED")
    start = len(con.text)
    linux.root("measured")
    con.wait_for(r"^\[root\] measured: linux initrd slot A .* sha256 [0-9a-f]{64}$", start=start)
    mine = re.findall(pat, con.text[start:], re.M)
    assert len(mine) == 5 and out[-len(mine):] == mine, (out, mine)
    assert booted == mine[:len(booted)] and len(booted) >= 2, booted
    # The image that runs is the one the build fetched.
    image = os.path.join(linux.board.build.objtree, "linux/Image")
    with open(image, "rb") as f:
        data = f.read()
    assert mine[2] == "linux image slot A version 0 size %d sha256 %s" % (
        len(data), hashlib.sha256(data).hexdigest()), mine


@pytest.mark.req("BH-CON-4")
def test_rpc_partition_status_in_sysfs(linux):
    """"partitions": the root (this channel's peer, from the status page),
    then the root's peers from its status service; both up in their first
    epoch. No status event came: nothing started or stopped since."""
    out = linux.sh(f"cat {RPC_DEV}/partitions {RPC_DEV}/events {RPC_DEV}/state",
                   "DONE-PARTITIONS")
    assert out[-4:] == ["root up 1", "linux up 1", "0", "open"], out
    # Twelve readers at once, more than the driver's eight requests in
    # flight: each waits for a slot, every answer reaches its own reader.
    out = linux.sh(f"d={RPC_DEV}; (for i in 1 2 3 4 5 6 7 8 9 10 11 12; do "
                   "cat $d/partitions >/tmp/p$i & done; wait); cat /tmp/p* | sort | uniq -c",
                   "DONE-PARALLEL")
    assert [line.split() for line in out[-2:]] == [["12", "linux", "up", "1"],
                                                   ["12", "root", "up", "1"]], out
    # bh_rpc said only what it says when all is well.
    assert linux.con.count(r"^\[root\] linux: \[ *[\d.]+\] bh_rpc rpc-linux: "
                           r"(?!clock set|rpc to)") == 0


def test_net_device_pings_the_host(linux):
    """The net channel is bhnet0, with the channel's MAC address and MTU
    (larger ones refused); up, with an address, it carries ARP and ICMP
    both ways through the root's NIC: the host end answers and ping gets
    every reply; the statistics count the frames and bytes each way."""
    con = linux.con
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_net net-linux: bhnet0 to root, "
                 r"mac 02:00:00:00:00:2b, mtu 1500$")
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/net-linux/state", "DONE-NETSTATE")
    assert "open" in out, out
    out = linux.sh("ip link set bhnet0 mtu 1501 || echo REFUSED-1501", "DONE-MTU")
    assert "REFUSED-1501" in out, out
    out = linux.sh("ip link set bhnet0 up && ip addr add 10.0.2.15/24 dev bhnet0 && echo NET-UP",
                   "DONE-UP")
    assert "NET-UP" in out, out
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_net net-linux bhnet0: carrier on: "
                 r"channel to root open$", timeout=10)
    before = net_sysfs_up(linux, "DONE-SYS1")
    assert before["mtu"] == "1500" and before["address"] == "02:00:00:00:00:2b", before
    assert before["carrier"] == "1" and before["operstate"] == "up", before

    with HostEnd(linux.host) as host:
        out = linux.sh("ping -c 3 -W 5 10.0.2.2", "DONE-PING", timeout=60)
    rtts = [line for line in out
            if re.match(r"^\d+ bytes from 10\.0\.2\.2: seq=\d ttl=64 time=", line)]
    for line in rtts + [line for line in out if line.startswith("round-trip")]:
        print("bhnet0 ping:", line)
    assert "3 packets transmitted, 3 packets received, 0% packet loss" in out, out
    assert len(rtts) == 3, out

    # The frames Linux sent arrived at the host whole: its ARP request for
    # 10.0.2.2 from its own address, and three echo requests of 56 bytes of data.
    arp = [f for f in host.got if f[12:14] == b"\x08\x06" and f[38:42] == HOST_IP]
    echo = [f for f in host.got if f[12:14] == b"\x08\x00" and f[23] == 1 and f[34] == 8]
    assert arp and arp[0][6:12] == LINUX_MAC and arp[0][28:32] == LINUX_IP, host.got
    assert len(echo) == 3 and all(len(f) == 14 + 20 + 8 + 56 for f in echo), host.got
    assert all(f[:6] == HOST_MAC and f[26:30] == LINUX_IP for f in echo), host.got
    # ... and what the host sent arrived in Linux: the device counted it.
    after = net_sysfs(linux, "DONE-SYS2")
    delta = {k: int(after[k]) - int(before[k]) for k in after if k.startswith("statistics/")}
    answers = sum(len(f) for f in host.sent)
    assert len(host.sent) >= 4, host.sent
    assert delta["statistics/rx_packets"] >= len(host.sent), (delta, host.sent)
    assert delta["statistics/rx_bytes"] >= answers, (delta, answers)
    assert delta["statistics/tx_packets"] >= 4, delta
    assert delta["statistics/tx_bytes"] >= sum(len(f) for f in arp[:1] + echo), delta
    for k in ("rx_dropped", "tx_dropped", "rx_errors", "tx_errors"):
        assert delta["statistics/" + k] == 0, delta
    print(f"bhnet0: {delta['statistics/tx_packets']} frames ({delta['statistics/tx_bytes']} bytes) "
          f"out, {delta['statistics/rx_packets']} ({delta['statistics/rx_bytes']} bytes) in")


def test_net_device_bursts(linux):
    """Bursts both ways: 400 small frames from the host, ten at a time, all
    reach bhnet0 (the root passes up to 32 per pass), and four pings at once
    with 1400 bytes of data, each sent as soon as the last reply came, lose
    nothing and drop nothing at the device."""
    before = net_sysfs(linux, "DONE-SYS3")
    burst = [LINUX_MAC + HOST_MAC + b"\x88\xb5" + struct.pack(">I", i) + bytes(42)
             for i in range(400)]
    with HostEnd(linux.host) as host:
        out = linux.sh("ping -c 1 10.0.2.2", "DONE-PING1")  # the host learns QEMU's port
        assert "1 packets transmitted, 1 packets received, 0% packet loss" in out, out
        qemu = host.peer
        # Ten at a time: the root's NIC has 16 receive buffers and QEMU's socket
        # drops what the host sends while they are full.
        for i, f in enumerate(burst):
            linux.host.sendto(f, qemu)
            if i % 10 == 9:
                time.sleep(0.002)
        mid = net_sysfs(linux, "DONE-SYS4")
        out = linux.sh("for i in 1 2 3 4; do ping -q -A -c 100 -s 1400 10.0.2.2 & done; wait",
                       "DONE-PINGS", timeout=120)
    after = net_sysfs(linux, "DONE-SYS5")
    got = int(mid["statistics/rx_packets"]) - int(before["statistics/rx_packets"])
    print(f"bhnet0: {got} of 400 burst frames (and a ping) received")
    assert got >= 400, (before, mid)
    # -A sends on a reply and on its 1 s timer too: a slow reply may make it 101.
    summary = [line for line in out if "packets transmitted" in line]
    assert len(summary) == 4 and all(
        re.match(r"^10[01] packets transmitted, 100 packets received, 0% packet loss$", line)
        for line in summary), out
    delta = {k: int(after[k]) - int(mid[k]) for k in after if k.startswith("statistics/")}
    print(f"bhnet0: 4 pings of 100 x 1400 bytes: {delta['statistics/tx_packets']} frames "
          f"({delta['statistics/tx_bytes']} bytes) out, {delta['statistics/rx_packets']} in; "
          + ", ".join(line for line in out if line.startswith("round-trip")))
    assert delta["statistics/tx_packets"] >= 400 and delta["statistics/rx_packets"] >= 400, delta
    for k in ("tx_dropped", "rx_errors", "tx_errors"):
        assert after["statistics/" + k] == before["statistics/" + k], (k, before, after)
    # The stack has no handler for the burst's EtherType and counts those in
    # rx_dropped: all 400 reached it; the pings' frames all found theirs.
    dropped = [int(d["statistics/rx_dropped"]) for d in (before, mid, after)]
    assert dropped[1] - dropped[0] == 400 and dropped[2] == dropped[1], dropped


def test_net_device_tx_queue_stops_and_wakes(linux):
    """Pings of 65000 bytes: each leaves as 44 fragments in one go, more
    than the 12 KiB ring (ring-size above) holds, so the transmit queue
    stops when the ring has no room for one more frame and the root's read
    wakes it (the channel's tx_queue counts both): the device drops nothing.
    (The root's NIC may: it has 16 buffers; the host answers no fragments.)"""
    before = net_sysfs(linux, "DONE-SYS7")
    with HostEnd(linux.host) as host:
        out = linux.sh("ping -q -c 5 -i 0.2 -W 1 -s 65000 10.0.2.2; "
                       "cat /sys/bus/bulkhead_vmbus/devices/net-linux/tx_queue",
                       "DONE-BIG", timeout=60)
    after = net_sysfs(linux, "DONE-SYS8")
    queue = [m.groups() for line in out if (m := re.match(r"^(\d+) stops (\d+) wakes$", line))]
    delta = {k: int(after[k]) - int(before[k]) for k in after if k.startswith("statistics/")}
    frags = [f for f in host.got if f[12:14] == b"\x08\x00" and f[23] == 1]
    print(f"bhnet0 65000-byte pings: {delta['statistics/tx_packets']} frames "
          f"({delta['statistics/tx_bytes']} bytes) out, {len(frags)} reached the host; "
          f"tx queue {queue}")
    assert len(queue) == 1, out
    assert delta["statistics/tx_packets"] >= 5 * 44, delta
    assert delta["statistics/tx_dropped"] == 0 and delta["statistics/tx_errors"] == 0, delta
    stops, wakes = map(int, queue[0])
    assert stops >= 1 and wakes == stops, queue


# Readers of rpc-linux's files, each in a loop until /tmp/rs exists, into
# /tmp/l<file>. dd reads once (busybox cat tries sendfile, then read: twice)
# and says why a read failed. The clock's reader forks nothing (the shell's
# read: a failure is "ERR"), so that one of its requests is in flight
# whenever the root stops; the others are half their time in fork and exec.
RPC_READERS = ("send linux d=/sys/bus/bulkhead_vmbus/devices/rpc-linux;for f in measurements "
               "partitions;do (echo RPCSTART $f;while [ ! -e /tmp/rs ];do dd if=$d/$f status=none "
               "2>&1;done>/tmp/l$f;echo RPCDONE $f)& done")
CLOCK_READER = ("send linux d=/sys/bus/bulkhead_vmbus/devices/rpc-linux;(f=clock;echo RPCSTART $f;"
                "while [ ! -e /tmp/rs ];do read -r v <$d/$f&&echo $v||echo ERR;done>/tmp/l$f;"
                "echo RPCDONE $f)&")


@pytest.mark.req("BH-FLT-2", "BH-FLT-4")
def test_root_restart_renegotiates(linux):
    """The root powers off and starts again (restart = "restart"): Linux's
    channels go down and open again at the root's new epoch (HELLO again),
    nothing hangs, what Linux wrote meanwhile arrives, and input works.
    Meanwhile rpc readers, a poll() on "partitions" and a uevent listener
    run in Linux (the tests after this one look at what they got)."""
    con = linux.con
    linux.rpc_meas = linux.sh(f"cat {RPC_DEV}/measurements", "DONE-MEASURED-0")[-5:]
    linux.rpc_before = linux.root_time()
    linux.sh("(uevent sh -c 'echo UE $ACTION $SUBSYSTEM $DEVPATH' >/tmp/ue &)", "DONE-UEVENT")
    # sysfs-poll (linux_bus.py's test layer): poll() on "partitions" for POLLPRI.
    out = linux.sh(f"(sysfs-poll {RPC_DEV}/partitions 120000 >/tmp/poll 2>&1 &);"
                   "for i in $(seq 50);do grep -q armed /tmp/poll&&break;sleep 0.1;done;cat /tmp/poll",
                   "DONE-ARMED")
    assert out[-1] == "armed", out
    start = len(con.text)
    # Typing is slow: each command has reached Linux's shell before the next is typed.
    linux.root(RPC_READERS)
    con.wait_for(bg_line("RPCSTART partitions"), start=start)
    linux.root(CLOCK_READER)
    con.wait_for(bg_line("RPCSTART clock"), start=start)
    time.sleep(1)  # the readers read: requests are in flight when the root stops
    start = len(con.text)
    t0 = time.time()
    linux.root("poweroff")
    con.wait_for(r"^\[bulkhead\] root: powered off \(PSCI SYSTEM_OFF\); restarting$", start=start)
    con.wait_for(r"^\[bulkhead\] root: started again \(start 2\)$", timeout=60, start=start)
    con.wait_for(r"^\[root\] root ready$", timeout=60, start=start)
    print(f"the root was away for {time.time() - t0:.1f} s")
    # "root restarts: channel down" comes first unless Linux was too slow to
    # see the reset before the hypervisor gave up waiting for it (100 ms,
    # "did not acknowledge": a loaded host); then the new epoch alone says it.
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_hvc console-linux: root is back \(epoch 2\): "
                 r"channel (HELLO sent|open)$", timeout=60, start=start)
    assert (con.count(r"^\[root\] linux: \[ *[\d.]+\] bh_hvc console-linux: root restarts: "
                      r"channel down$", start=start) == 1
            or con.count(r"linux did not acknowledge the reset of channel console-linux", start=start))
    out = linux.sh("cat /sys/bus/bulkhead_vmbus/devices/console-linux/epoch "
                   "/sys/bus/bulkhead_vmbus/devices/console-linux/state", "DONE-AFTER")
    assert out[-2:] == ["2", "open"], out
    assert con.count(r"^\[root\] linux: .*(hung_task|blocked for more than|broke the channel)") == 0


@pytest.mark.req("BH-FLT-4")
def test_rpc_reads_across_the_root_restart(linux):
    """The rpc readers of the test before read on while the root restarted:
    every read gave the right answer or failed with EIO (a request in
    flight when the root went down), none hung (all stop when told), none
    gave wrong or cut data; reads after the channel opened again give the
    root's new epoch. The clock never went back and stayed within the
    root's own readings before and after."""
    con = linux.con
    time.sleep(1)  # some reads after the channel opened again
    start = len(con.text)
    linux.sh("touch /tmp/rs", "DONE-RPCSTOP")
    for f in ("measurements", "partitions", "clock"):
        con.wait_for(bg_line(f"RPCDONE {f}"), timeout=30, start=start)
    after = linux.root_time()
    want = linux.rpc_meas  # read before the restart (test_rpc_measurement_log_in_sysfs checked it)
    out = linux.sh("for f in measurements partitions;do sort /tmp/l$f|uniq -c|sed \"s/^/$f/\";done;"
                   "tail -n2 /tmp/lpartitions", "DONE-RPCSUM", timeout=60)
    counts = {}
    for line in out:
        m = re.match(r"^(measurements|partitions) +(\d+) (.*)$", line)
        if m:
            counts.setdefault(m.group(1), {})[m.group(3)] = int(m.group(2))
    print("rpc reads across the root's restart:", counts)
    meas, parts = counts["measurements"], counts["partitions"]
    eio = {f"dd: {RPC_DEV}/{f}: Input/output error" for f in ("measurements", "partitions")}
    # Every read of the log was all of it: its five lines as often each.
    assert set(meas) - eio == set(want) and len({meas[w] for w in want}) == 1, (meas, want)
    # The root in its first epoch, then its second; Linux never restarted.
    # The root's line is its status page when the answer came: an answer of
    # the old root's may meet the reset (down, or resetting at the next epoch).
    roots = {"root up 1", "root up 2", "root down 1", "root resetting 2"}
    assert set(parts) - eio <= roots | {"linux up 1"} and "root up 2" in parts, parts
    assert parts["linux up 1"] == sum(parts.get(r, 0) for r in roots), parts
    assert out[-2:] == ["root up 2", "linux up 1"], out  # reads work again
    out = linux.sh("awk '/^[0-9]+\\.[0-9]{9}$/{n++;if($1<p)b++;p=$1;if(!f)f=$1;next}"
                   "{print \"CLOCKERR\",$0}END{print \"CLOCK\",n,f,p,b+0}' /tmp/lclock|sort|uniq -c",
                   "DONE-CLOCKSUM", timeout=60)
    print("rpc clock reads:", out)
    # sort puts "CLOCK ..." before "CLOCKERR ...": the summary is not always last.
    m = next((m for m in (re.match(r"^ *1 CLOCK (\d+) ([\d.]+) ([\d.]+) 0$", line) for line in out)
              if m), None)
    assert m and int(m.group(1)) > 10, out
    assert linux.rpc_before <= float(m.group(2)) < float(m.group(3)) <= after, (
        linux.rpc_before, out, after)
    # The shell's read says no more than that a read failed: EIO (or
    # ETIMEDOUT, had the root been away for more than 5 s: printed above).
    errs = [line for line in out if "CLOCKERR" in line]
    assert all(re.match(r"^ *\d+ CLOCKERR ERR$", line) for line in errs), out


@pytest.mark.req("BH-FLT-4")
def test_rpc_root_restart_notifies_partitions(linux):
    """The root's restart, once the channel opened again, is news of the
    partitions' status: bh_rpc notifies "partitions", so poll() on it for
    POLLPRI wakes (sysfs-poll, waiting since before the restart, then reads
    the root's new epoch), and sends a change uevent for its device, which
    the uevent listener (busybox "uevent") of the restart test got."""
    out = linux.sh("cat /tmp/poll /tmp/ue", "DONE-UE")
    print("poll and uevents:", out)
    i = out.index("armed")
    m = re.match(r"^woke 0x([0-9a-f]+) after (\d+) ms$", out[i + 1])
    assert m and int(m.group(1), 16) == 0xa, out  # POLLPRI | POLLERR: sysfs_notify
    assert out[i + 2:i + 4] == ["root up 2", "linux up 1"], out
    ue = [line for line in out if line.startswith("UE ")]
    rpc = [line for line in ue if re.match(r"^UE change bulkhead_vmbus /devices/\S+/rpc-linux$", line)]
    assert len(rpc) == 1, ue


@pytest.mark.req("BH-FLT-4")
def test_net_device_follows_the_root_restart(linux):
    """While the root restarted (the test before), bhnet0 lost its carrier
    (unless Linux saw the reset too late); the channel opened again at the
    root's new epoch, the carrier came back with it, and the device carries
    frames both ways again."""
    linux_bus.net_follows_the_root_restart(linux)


# ---------------------------------------------------------------- block

def test_block_disk_from_get_info(linux):
    """The block channel is /dev/bhblk0: its size is the range GET_INFO
    reports (8 MiB), its requests as large as the root's max_blocks and as
    many in flight as the 256 KiB windows hold."""
    con = linux.con
    con.wait_for(r"^\[root\] linux: .*\[ *[\d.]+\] bh_blk blk-linux: bhblk0: 16384 blocks on root, "
                 r"4 requests of up to 64 KiB in flight$", timeout=30)
    out = linux.sh("cat /sys/block/bhblk0/size /sys/block/bhblk0/queue/max_hw_sectors_kb "
                   "/sys/block/bhblk0/queue/write_cache /sys/block/bhblk0/vmbus_stats; "
                   "ls -l /dev/bhblk0", "DONE-BLKINFO")
    assert out[-5:-2] == ["16384", "64", "write back"], out
    assert out[-2] == "depth 4 slot 65536 stray 0 bad 0 resent 0 held 0 timedout 0", out
    assert re.match(r"^brw-.* /dev/bhblk0$", out[-1]), out


def test_block_raw_throughput(linux):
    """Raw 64 KiB direct writes and reads of the whole range (printed, not judged)."""
    rates = {}
    for what, dd in (("write", "if=/dev/zero of=/dev/bhblk0 oflag=direct"),
                     ("read", "if=/dev/bhblk0 of=/dev/null iflag=direct")):
        out = linux.sh(f"u=/proc/uptime; a=$(cut -d' ' -f1 $u); dd {dd} bs=64k count=128 2>&1; "
                       "echo T $a $(cut -d' ' -f1 $u)", f"DONE-DD-{what}", timeout=120)
        assert "128+0 records out" in out, out
        t0, t1 = (float(x) for x in out[-1].split()[1:])
        rates[what] = 8 / max(t1 - t0, 0.01)
    print(f"bhblk0, 8 MiB in 64 KiB direct requests: write {rates['write']:.1f} MiB/s, "
          f"read {rates['read']:.1f} MiB/s")


def test_block_ext2_files_survive_remount(linux):
    """busybox mke2fs on /dev/bhblk0, files of known content written, synced
    (FLUSH to the root's disk), unmounted, mounted again: the same bytes."""
    linux_bus.blk_ext2_files(linux)


@pytest.mark.req("BH-FLT-8")
def test_sp805_watchdog_fed_by_the_kernel(linux):
    """Debian's sp805_wdt finds the emulated SP805 (running since the
    partition started, timeout-sec from the DTB) and the kernel's watchdog
    core feeds it while no user space has it open: no expiry although
    more than its timeout has passed since the partition started."""
    out = linux.sh("dmesg | grep sp805; cd /sys/class/watchdog/watchdog0; cat identity timeout; "
                   "cat /proc/device-tree/watchdog@9001000/compatible | tr '\\000' ' '; echo; cd /",
                   "DONE-WDOG")
    assert any(re.search(r"sp805-wdt 9001000\.watchdog: registration successful$", l) for l in out), out
    assert "sp805-wdt" in out and str(LINUX_WDOG_MS // 1000) in out, out
    assert any(l.endswith("arm,sp805 arm,primecell ") for l in out), out
    up = LINUX_WDOG_MS // 1000 + 10  # unfed since the partition started, it would have fired
    out = linux.sh(f"while [ $(cut -d. -f1 /proc/uptime) -lt {up} ]; do sleep 1; done; "
                   "cut -d. -f1 /proc/uptime", "DONE-UPTIME", timeout=up + 60)
    assert int(out[-1]) >= up, out
    assert linux.con.count(r"^\[bulkhead\] linux: (watchdog|started again)") == 0


@pytest.mark.req("BH-FLT-4", "BH-FLT-8")
def test_block_files_survive_a_child_restart(linux):
    """User space takes the watchdog over (busybox watchdog asking for 3 s,
    feeding every 60 s) and the hypervisor stops Linux 3 s after the last
    feed; restart = "restart": the new kernel gets the disk afresh and
    mounts the same files."""
    con = linux.con
    start = len(con.text)
    linux.root("send linux sync; umount /mnt/b; watchdog -T 3 -t 60 /dev/watchdog")
    m = con.wait_for(r"^\[bulkhead\] linux: watchdog expired \(no feed for (\d+) ms\) at "
                     r"0x[0-9a-f]+; restarting$", timeout=60, start=start)
    assert 3000 <= int(m.group(1)) <= 3100, m.group(0)
    linux_bus.blk_files_after_the_child_restart(linux, start)


@pytest.mark.req("BH-FLT-4")
def test_block_acknowledged_writes_survive_a_root_restart(linux):
    """The root restarts (poweroff, restart = "restart") while Linux writes
    a file after file, each synced: the writer sees no error, goes on once
    the root is back, and every file it was told is on the disk (its ACK)
    reads back intact, after a remount too. Requests met the restart: sent
    again once the channel opened (vmbus_stats: resent) or held while it
    was down (held)."""
    linux_bus.blk_acknowledged_writes_survive_a_root_restart(linux)


# Keep this the file's last test: it ends the boot.
@pytest.mark.req("BH-BUS-4")
def test_block_files_on_the_roots_disk_in_range(linux):
    """After power-off the root's disk holds every 1 KiB of the files inside
    the channel's range, and nothing outside it (the disk started all zero)."""
    linux.sh("sync", "DONE-LAST-SYNC")
    linux_bus.blk_files_on_the_roots_disk_in_range(linux)
