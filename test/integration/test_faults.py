"""Fault isolation with a system description that lives outside the source
tree: a faulter that halts, one that restarts, and a ticker that must keep
ticking through all of it."""
import os

from conftest import SRC, Build, system_dts

BODY = """
\t\tpartition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tdevices = <&virtio_mmio31>;
\t\t\tprogram = "root";
\t\t};
\t\tpartition-ticker {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "ticker";
\t\t};
\t\tpartition-crash {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x01000000>;
\t\t\tprogram = "faulter";
\t\t\trestart = "restart";
\t\t};
\t\tpartition-oops {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu3>;
\t\t\tmemory = <0x0 0x4c000000 0x0 0x01000000>;
\t\t\tprogram = "faulter";
\t\t\trestart = "halt";
\t\t};
"""


def test_faults_stop_only_the_faulting_partition(tmp_path, boot):
    dts = system_dts(tmp_path, BODY)
    assert not os.path.realpath(dts).startswith(os.path.realpath(SRC) + os.sep)
    b = Build("faults", system_dts=dts)
    b.make("all")
    con = boot(b).__enter__()
    # The halting faulter: its line, the fault report with cause and pc, then silence.
    con.wait_for(r"^\[oops\] faulter on oops: reading 0x4d000000, past the end of my memory$")
    m = con.wait_for(r"^\[bulkhead\] oops: data abort: read of 0x4d000000, outside its memory "
                     r"and devices at 0x4c[0-9a-f]{6}; halted$")
    # The restarting faulter comes back at least twice, each time reloaded.
    con.wait_for(r"^\[bulkhead\] crash: data abort: read of 0x4b000000, outside its memory "
                 r"and devices at 0x4a[0-9a-f]{6}; restarting$")
    con.wait_for(r"^\[bulkhead\] crash: started again \(start 3\)$", timeout=60)
    # The ticker keeps ticking after the faults.
    after = m.end()
    t = con.wait_for(r"^\[ticker\] tick (\d+)$", start=after, timeout=30)
    first = int(t.group(1))
    con.wait_for(rf"^\[ticker\] tick {first + 10}$", start=after, timeout=30)
    assert con.count(r"isolation is broken") == 0
    assert con.count(r"^\[oops\] ", start=m.end()) == 0
    assert con.count(r"^\[bulkhead\] (ticker|root): ") == 4  # only their verification and start lines
