"""The fault log (issue 22 item 5): a fault is written to the hypervisor's
store before its restart policy runs, a board reset included; after the
reset the hypervisor reads it back, and on a board without the faulter,
started again from the same flash, the root's shell lists every fault with
its partition, cause, address, start and boot."""
import re

import pytest

from conftest import BOARDS, board_variant, system_dts
from test_faults import PART, ROOT

FAULT = r"(?:data abort|nested page fault): read of 0x[0-9a-f]+, outside its memory and devices at (0x[0-9a-f]+)"


def body(board, boom):
    program, devices, base = ROOT[board]
    text = PART.format(name="root", extra="\n\t\t\tbulkhead,root;" + devices, cpu="cpu0",
                       base=base, size=0x4000000, program=program)
    if boom:
        text += PART.format(name="boom", extra='\n\t\t\trestart = "system-reset";', cpu="cpu1",
                            base=base + 0x4000000, size=0x1000000, program="faulter")
    return text


@pytest.mark.lg_feature("board-state-file")
@pytest.mark.lg_feature("emulator-devices")
@pytest.mark.parametrize("board", BOARDS)
@pytest.mark.req("BH-FLT-7")
def test_fault_log_survives_board_reset(tmp_path, boot, board):
    flash = str(tmp_path / "board-flash.img")
    banner = r"^\[bulkhead\] Bulkhead \S+ \(\S+, %s\)" % board
    a = board_variant(board, "fault-log-reset", system_dts(tmp_path, body(board, True), "a.dts", board),
                      extra=["QEMU_ARGS=-action reboot=reset"])
    a.make("all")
    with boot(a, flash=flash) as con:
        first = con.wait_for(banner, timeout=120)
        assert con.count(r"^\[bulkhead\] fault log: ", start=first.start()) == 0  # a new board
        m = con.wait_for(r"^\[bulkhead\] boom: (%s); resetting the board$" % FAULT,
                         start=first.end(), timeout=60)
        cause, pc = m.group(1), m.group(2)
        again = con.wait_for(banner, start=m.end(), timeout=120)
        # Read back by the hypervisor after the reset, before anything runs.
        con.wait_for(r"^\[bulkhead\] fault log: 1 kept of 1 logged; the newest: boom, boot 1, "
                     r"start 1: %s$" % re.escape(cause), start=again.end(), timeout=60)
        # It faults again in boot 2 (and resets again): the log grows.
        m2 = con.wait_for(r"^\[bulkhead\] boom: %s; resetting the board$" % re.escape(cause),
                          start=again.end(), timeout=60)
        third = con.wait_for(banner, start=m2.end(), timeout=120)
        con.wait_for(r"^\[bulkhead\] fault log: 2 kept of 2 logged; the newest: boom, boot 2, "
                     r"start 1: %s$" % re.escape(cause), start=third.end(), timeout=60)
    # The same flash on a board without the faulter (a power cycle, not a
    # reset): every fault that was written is there, newest first.
    b = board_variant(board, "fault-log-read", system_dts(tmp_path, body(board, False), "b.dts", board))
    b.make("all")
    with boot(b, flash=flash) as con:
        k = con.wait_for(r"^\[bulkhead\] fault log: (\d+) kept of \1 logged; the newest: boom, boot (\d+), "
                         r"start 1: %s$" % re.escape(cause), timeout=120)
        n = int(k.group(1))
        assert n >= 2 and int(k.group(2)) == n
        if ROOT[board][0] != "root":
            return  # no shell on this board's root
        con.wait_for(r"^\[root\] root ready$", timeout=60)
        at = len(con.text)
        con.send("faults\r")
        con.wait_for(r"^\[root\] fault log: %d kept of %d logged \(kept across board resets\); "
                     r"this is boot %d$" % (n, n, n + 1), start=at)
        for i in range(n):
            con.wait_for(r"^\[root\] fault %d: boot %d at \d+\.\d{3} s, boom start 1, pc %s: %s$"
                         % (i, n - i, pc, re.escape(cause)), start=at)
