"""Guest-visible behaviour that must be as on real hardware and under KVM
(the cases kvm-unit-tests' arm64 timer, PMU and PSCI tests look at), checked
by the hwcheck program in one boot: PSCI CPU_ON of a vCPU being started,
level-sensitive timer interrupts that stop being pending when their line
drops, the EL1 physical timer, the PMU's description and overflow interrupt,
and on-bad-access = "abort" (an external abort in the guest, reported once),
next to a faulter with the default "stop" (unchanged: the partition stops).
On x86 "abort" is what a PC does where no device answers: reads all-ones."""
from conftest import board_variant, system_dts

BODY = """
\t\tpartition-hwcheck {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0 &cpu1>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "hwcheck";
\t\t\ton-bad-access = "abort";
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


def test_hwcheck_arm64(tmp_path, boot):
    b = board_variant("qemu_arm64", "hwcheck", system_dts(tmp_path, BODY))
    b.make("all")
    con = boot(b).__enter__()
    started = con.wait_for(r"^\[bulkhead\] hwcheck: 2 vCPUs, memory ", timeout=120)
    con.wait_for(LINE + r"hwcheck on hwcheck: 2 vCPUs$", timeout=60)
    # CPU_ON: started (0), then ALREADY_ON while it starts and once it runs (never ON_PENDING).
    con.wait_for(LINE + r"psci: cpu_on 0, again at once -4, once up -4$", timeout=60)
    # Level-sensitive timers: pending while the line is high, not after it dropped, never taken.
    for t, how in ((27, "disabled"), (27, "masked"), (27, "moved"), (27, "disabled \\(enabled\\)"),
                   (30, "disabled"), (30, "moved \\(enabled\\)")):
        con.wait_for(LINE + rf"timer {t} {how}: pending 1, then 0, taken 0$", timeout=60)
    con.wait_for(LINE + r"physical timer: interrupt taken$", timeout=60)
    con.wait_for(LINE + r"pmu: DTB interrupt 23$", timeout=60)
    con.wait_for(LINE + r"pmu overflow: interrupt taken$", timeout=60)
    con.wait_for(LINE + r"pmu overflow cleared: pending 1, then 0$", timeout=60)
    con.wait_for(LINE + r"pmu: cycles counted at EL2 over 16 hypercalls: 0$", timeout=60)
    # Synchronous external aborts at EL1: EC 0x25 (data, same EL), 0x21 (instruction), IL, FSC 0x10.
    con.wait_for(LINE + r"bad read: aborts 1 ESR 0x96000010 FAR %#x$" % BAD, timeout=60)
    con.wait_for(LINE + r"bad write: aborts 2 ESR 0x96000050 FAR %#x$" % BAD, timeout=60)
    con.wait_for(LINE + r"bad fetch: aborts 3 ESR 0x86000010 FAR %#x ELR %#x$" % (BAD, BAD),
                 timeout=60)
    done = con.wait_for(LINE + r"hwcheck: done$", timeout=60)
    # Reported once, with the partition's name and the address; the partition keeps running.
    assert con.count(r"^\[bulkhead\] hwcheck: data abort: read of %#x, outside its memory and "
                     r"devices at 0x44[0-9a-f]{6}; external abort injected \(reported once\)$"
                     % BAD) == 1, con.text[-3000:]
    assert con.count(r"^\[bulkhead\] hwcheck: ", start=started.end()) == 1
    # The default "stop": the faulter is stopped as before.
    con.wait_for(r"^\[bulkhead\] oops: data abort: read of 0x49000000, outside its memory and "
                 r"devices at 0x48[0-9a-f]{6}; halted$", timeout=60)
    assert con.count(r"still running, isolation is broken") == 0
    assert con.count(r"fatal exception") == 0, con.text[done.end() - 3000:]


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
