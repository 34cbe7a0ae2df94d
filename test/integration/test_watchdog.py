"""The partition watchdog (watchdog = <ms>; arm64 an emulated SP805, x86 an
emulated IB700): a partition that feeds it for a while and then stops is
stopped with its restart policy when the timeout has passed since the last
feed; one that never feeds it (hello does not know it exists) is caught a
timeout after its start; the ticker beside them never misses a tick; the
root hears why."""
import re

import pytest

from test_faults import PART, ROOT
from conftest import ALL_BOARDS, board_variant, system_dts

FEED_MS = 1000   # the feeder's timeout
FEEDS = 5        # it feeds that many times, every PERIOD_MS, then only prints
PERIOD_MS = 100
HANG_MS = 700    # hello's timeout: it never feeds
# What the feeder's device says, and how long after its last feed it expires: the SP805 keeps
# the DT's timeout (sp805_wdt reloads the load it finds); an IB700 feed selects its own, as
# Linux's ib700wdt does for timeout-sec 1: the value 0xe, 2 s.
SP805 = (r"sp805 at 0x[0-9a-f]+1000, periph id 0x00141805, cell id 0xb105f00d, control 0x3, "
         r"load %d" % (FEED_MS * 1000 // 2 - 1), FEED_MS)
IB700 = (r"ib700 at ports 0x441 and 0x443, timeout-sec 1, feeding 0xe \(2 s\)", 2000)


def body(board):
    program, devices, base = ROOT[board]
    return (PART.format(name="root", extra="\n\t\t\tbulkhead,root;" + devices, cpu="cpu0",
                        base=base, size=0x4000000, program=program)
            + PART.format(name="ticker", extra='\n\t\t\tbootargs = "period-ms=100 show-gap";',
                          cpu="cpu1", base=base + 0x4000000, size=0x2000000, program="ticker")
            + PART.format(name="feeder", extra=f'\n\t\t\trestart = "restart";\n\t\t\twatchdog = '
                          f'<{FEED_MS}>;\n\t\t\tbootargs = "feeds={FEEDS} period-ms={PERIOD_MS}";',
                          cpu="cpu2", base=base + 0x6000000, size=0x1000000, program="wdfeed")
            + PART.format(name="hang", extra=f'\n\t\t\trestart = "halt";\n\t\t\twatchdog = <{HANG_MS}>;',
                          cpu="cpu3", base=base + 0x7000000, size=0x1000000, program="hello"))


@pytest.mark.parametrize("board", ALL_BOARDS)
@pytest.mark.req("BH-FLT-8", "BH-TMP-4")
def test_watchdog_stops_a_partition_that_stops_feeding(tmp_path, boot, board):
    dts = system_dts(tmp_path, body(board), board=board)
    b = board_variant(board, "watchdog", dts)
    b.make("all")
    con = boot(b).__enter__()
    # The feeder sees its device: a running SP805 whose AMBA IDs Linux's amba bus matches, or
    # the IB700 at its ports.
    device, unfed_ms = IB700 if board == "qemu_x86_64" else SP805
    con.wait_for(r"^\[feeder\] wdfeed on feeder: %s; %d feeds every %d ms$"
                 % (device, FEEDS, PERIOD_MS), timeout=120)
    fed = []
    at = 0
    for start in (1, 2):
        stopped = con.wait_for(r"^\[feeder\] stopped feeding after %d feeds$" % FEEDS, start=at,
                               timeout=30)
        exp = con.wait_for(r"^\[bulkhead\] feeder: watchdog expired \(no feed for (\d+) ms\) at "
                           r"0x[0-9a-f]+; restarting$", start=stopped.end(), timeout=30)
        ms = int(exp.group(1))
        alive = con.count(r"^\[feeder\] alive \d+$", start=stopped.end()) - \
            con.count(r"^\[feeder\] alive \d+$", start=exp.start())
        fed.append((ms, alive * PERIOD_MS))
        # Not before the timeout; late by no more than a loaded host's scheduling.
        assert unfed_ms <= ms <= unfed_ms + 100, ms
        assert unfed_ms // PERIOD_MS - 2 <= alive <= unfed_ms // PERIOD_MS, alive
        at = con.wait_for(r"^\[bulkhead\] feeder: started again \(start %d\)$" % (start + 1),
                          start=exp.end(), timeout=30).end()
    # hello never feeds: caught HANG_MS after its start, then halted.
    hang = con.wait_for(r"^\[bulkhead\] hang: watchdog expired \(no feed for (\d+) ms\) at "
                        r"0x[0-9a-f]+; halted$", timeout=30)
    hang_ms = int(hang.group(1))
    assert HANG_MS <= hang_ms <= HANG_MS + 100, hang_ms
    # The ticker beside them: consecutive ticks, none late by a period.
    t = con.wait_for(r"^\[ticker\] tick (\d+) gap", start=at, timeout=30)
    con.wait_for(rf"^\[ticker\] tick {int(t.group(1)) + 10} gap", start=at, timeout=30)
    ticks = [(int(n), int(g)) for n, g in
             re.findall(r"^\[ticker\] tick (\d+) gap (\d+) us$", con.text, re.M)][1:]
    assert [n for n, _ in ticks] == list(range(ticks[0][0], ticks[0][0] + len(ticks)))
    gaps = [g for _, g in ticks]
    assert max(gaps) < 2 * 100 * 1000, gaps
    assert con.count(r"^\[bulkhead\] (ticker|root): ") == 4  # only verification and start
    print(f"{board}: watchdog {FEED_MS} ms (fed: {unfed_ms} ms), feeder unfed for (hypervisor ms, "
          f"its own alive ms) {fed}; hello {HANG_MS} ms caught at {hang_ms} ms; ticker gap max {max(gaps)} us")
    if ROOT[board][0] == "root":
        con.wait_for(r"^\[root\] root ready$", timeout=60)
        at = len(con.text)
        con.send("partitions\r")
        con.wait_for(r"^\[root\] partition 3 hang: halted, .*last stop: watchdog expired "
                     r"\(no feed for %d ms\) at 0x" % hang_ms, start=at)
        at = len(con.text)
        con.send("faults\r")
        con.wait_for(r"^\[root\] fault \d+: boot \d+ at \d+\.\d{3} s, hang start 1, pc 0x[0-9a-f]+: "
                     r"watchdog expired \(no feed for %d ms\) at 0x" % hang_ms, start=at)

# Debian's Linux driving it with sp805_wdt: test_linux_vmbus.py, on that file's one boot. x86:
# the cloud-amd64 kernel the Linux tests boot has no ib700wdt (docs/system-dt.md).
