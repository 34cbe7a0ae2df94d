"""A bad system description stops the build with the generator's message
(file, node, conflict) on stderr and a non-zero status from make."""
from conftest import Build, system_dts

BAD = """
\t\tpartition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "root";
\t\t};
\t\tpartition-child1 {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x46000000 0x0 0x04000000>;
\t\t\tprogram = "hello";
\t\t\trestart = "sometimes";
\t\t};
"""


def test_bad_description_fails_the_build(tmp_path):
    dts = system_dts(tmp_path, BAD, "bad.dts")
    b = Build("bad", system_dts=dts)
    r = b.make("all", check=False)
    assert r.returncode != 0
    err = r.stderr
    assert f"{dts}: /bulkhead/partition-child1: memory 0x46000000+0x4000000 overlaps /bulkhead/partition-root\n" in err
    assert f"{dts}: /bulkhead/partition-child1: cpu /cpus/cpu@0 is already assigned to /bulkhead/partition-root\n" in err
    assert f"{dts}: /bulkhead/partition-child1: unknown restart 'sometimes' (halt, restart or system-reset)\n" in err
    assert f"{dts}: 3 errors in the system description\n" in err


def test_missing_system_dts(tmp_path):
    b = Build("missing", system_dts=str(tmp_path / "nope.dts"))
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert f"error: {tmp_path}/nope.dts: no such system description" in r.stderr
