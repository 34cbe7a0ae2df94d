"""Guest-visible behaviour that must be as on real hardware and under KVM
(the cases kvm-unit-tests' arm64 timer, PMU and PSCI tests look at), checked
by the hwcheck program in one boot: PSCI CPU_ON of a vCPU being started,
level-sensitive timer interrupts that stop being pending when their line
drops, the EL1 physical timer, the PMU's description and overflow interrupt,
and on-bad-access = "abort" (an external abort in the guest, reported once),
next to a faulter with the default "stop" (unchanged: the partition stops).
A reset of the partition with its timers and PMU interrupting leaves none
of it behind: its next start passes the same checks. On x86 "abort" is what
a PC does where no device answers: reads all-ones."""
import re

import pytest

from conftest import board_variant, system_dts

BODY = """
\t\tpartition-hwcheck {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0 &cpu1>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "hwcheck";
\t\t\ton-bad-access = "abort";
\t\t\trestart = "restart";
\t\t\tbootargs = "dirty-reset";
\t\t};
\t\tpartition-oops {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x01000000>;
\t\t\tprogram = "faulter";
\t\t};
"""

LINE = r"^\[hwcheck\] "
BAD = 0x48000000  # past hwcheck's memory: oops's RAM, never mapped for hwcheck


def check_run(con, at, pmu=True):
    """One start of hwcheck from console offset at; the offset of its end.
    pmu=False: the board's DT describes no PMU interrupt (the ZCU102's are
    SPIs, not the PPI a partition's PMU is forwarded as): hwcheck says so."""
    def see(pattern, timeout=60):
        return con.wait_for(LINE + pattern, timeout=timeout, start=at)

    see(r"hwcheck on hwcheck: 2 vCPUs$")
    see(r"pmu at start: E 0, enabled 0x0, interrupts 0x0, overflows 0x0, counter 0 0x0$")
    # CPU_ON: started (0), then ALREADY_ON while it starts and once it runs (never ON_PENDING).
    see(r"psci: cpu_on 0, again at once -4, once up -4$")
    # Level-sensitive timers: pending while the line is high, not after it dropped, never taken.
    for t, how in ((27, "disabled"), (27, "masked"), (27, "moved"), (27, "disabled \\(enabled\\)"),
                   (30, "disabled"), (30, "moved \\(enabled\\)")):
        see(rf"timer {t} {how}: pending 1, then 0, taken 0$")
    see(r"physical timer: interrupt taken$")
    if pmu:
        see(r"pmu: DTB interrupt 23$")
        see(r"pmu overflow: interrupt taken$")
        see(r"pmu overflow cleared: pending 1, then 0$")
        see(r"pmu: cycles counted at EL2 over 16 hypercalls: 0$")
    else:
        see(r"pmu: DTB interrupt 0$")
    # Synchronous external aborts at EL1: EC 0x25 (data, same EL), 0x21 (instruction), IL, FSC 0x10.
    see(r"bad read: aborts 1 ESR 0x96000010 FAR %#x$" % BAD)
    see(r"bad write: aborts 2 ESR 0x96000050 FAR %#x$" % BAD)
    see(r"bad fetch: aborts 3 ESR 0x86000010 FAR %#x ELR %#x$" % (BAD, BAD))
    see(r"hwcheck: done$")
    end = see(r"hwcheck: resetting with %s pending$" % ("timers and PMU" if pmu else "timers")).end()
    # Reported once per start, with the partition's name and the address; it keeps running.
    run = con.text[at:end]
    assert len(re.findall(r"^\[bulkhead\] hwcheck: data abort: read of %#x, outside its memory "
                          r"and devices at 0x44[0-9a-f]{6}; external abort injected \(reported "
                          r"once\)$" % BAD, run, re.M)) == 1, run
    assert len(re.findall(r"^\[bulkhead\] hwcheck: ", run, re.M)) == 1, run
    assert "fatal exception" not in run
    return end


# zcu102: the same through its GIC-400 (the vGICv2's level-sensitive lines and PMU interrupt).
@pytest.mark.parametrize("board", ["qemu_arm64", "zcu102"])
@pytest.mark.req("BH-ISO-2", "BH-ISO-4", "BH-ISO-7", "BH-FLT-2", "BH-FLT-3")
def test_hwcheck_arm64(tmp_path, boot, board):
    b = board_variant(board, "hwcheck", system_dts(tmp_path, BODY, board=board))
    b.make("all")
    con = boot(b).__enter__()
    first = con.wait_for(r"^\[bulkhead\] hwcheck: 2 vCPUs, memory ", timeout=120)
    end = check_run(con, first.end(), pmu=board != "zcu102")
    # The reset leaves none of it behind: the next start checks the same, timers and PMU included.
    again = con.wait_for(r"^\[bulkhead\] hwcheck: reset \(PSCI SYSTEM_RESET\); restarting$",
                         start=end, timeout=60)
    second = con.wait_for(r"^\[bulkhead\] hwcheck: started again \(start 2\)$", start=again.end(),
                          timeout=120)
    check_run(con, second.end(), pmu=board != "zcu102")
    # The default "stop": the faulter is stopped as before.
    con.wait_for(r"^\[bulkhead\] oops: data abort: read of 0x49000000, outside its memory and "
                 r"devices at 0x48[0-9a-f]{6}; halted$", timeout=60)
    assert con.count(r"still running, isolation is broken") == 0


@pytest.mark.req("BH-ISO-2")
def test_hwcheck_x86(tmp_path, boot):
    """x86: on-bad-access = "abort" is a PC's bus where nothing answers: a read
    past its memory gives all-ones, a write is dropped, reported once; the
    faulter with the default "stop" still stops."""
    dts = system_dts(tmp_path, BODY, board="qemu_x86_64")
    b = board_variant("qemu_x86_64", "hwcheck", dts)
    b.make("all")
    con = boot(b).__enter__()
    started = con.wait_for(r"^\[bulkhead\] hwcheck: 2 vCPUs, memory ", timeout=180)
    con.wait_for(LINE + r"hwcheck on hwcheck: 2 vCPUs$", timeout=60)
    con.wait_for(LINE + r"bad read: 0xffffffff, after a write 0xffffffff$", timeout=60)
    con.wait_for(LINE + r"hwcheck: done$", timeout=60)
    assert con.count(r"^\[bulkhead\] hwcheck: nested page fault: read of 0x14000000, outside its "
                     r"memory and devices at 0x10[0-9a-f]{6}; no device answers: reads all-ones, "
                     r"writes dropped \(reported once\)$", start=started.end()) == 1, \
        con.text[-3000:]
    assert con.count(r"^\[bulkhead\] hwcheck: ", start=started.end()) == 1
    con.wait_for(r"^\[bulkhead\] oops: nested page fault: read of 0x15000000, outside its memory "
                 r"and devices at 0x14[0-9a-f]{6}; halted$", timeout=60)
