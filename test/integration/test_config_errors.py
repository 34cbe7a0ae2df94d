"""A bad system description stops the build with the generator's message
(file, node, conflict) on stderr and a non-zero status from make."""
import pytest
import os
import re

from conftest import Build, board_variant, system_dts

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


@pytest.mark.req("BH-CFG-1", "BH-CFG-7")
def test_bad_description_fails_the_build(tmp_path):
    dts = system_dts(tmp_path, BAD, "bad.dts")
    b = board_variant("qemu_arm64", "bad", dts)
    r = b.make("all", check=False)
    assert r.returncode != 0
    err = r.stderr
    # Each at the line of the property involved, in the file as the user named it.
    lines = open(dts).read().splitlines()
    child = lines.index("\t\tpartition-child1 {")

    def at(prop):
        return next(f"{dts}:{n + 1}: " for n in range(child, len(lines))
                    if lines[n].startswith(f"\t\t\t{prop} ="))
    assert f"{at('memory')}/bulkhead/partition-child1: memory 0x46000000+0x4000000 overlaps /bulkhead/partition-root\n" in err, err
    assert f"{at('cpus')}/bulkhead/partition-child1: cpu /cpus/cpu@0 is already assigned to /bulkhead/partition-root\n" in err
    assert f"{at('restart')}/bulkhead/partition-child1: unknown restart 'sometimes' (halt, restart or system-reset)\n" in err
    assert f"{dts}: 3 errors in the system description\n" in err


@pytest.mark.req("BH-CFG-6")
def test_missing_system_dts(tmp_path):
    b = Build("missing", system_dts=str(tmp_path / "nope.dts"))
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert f"error: {tmp_path}/nope.dts: no such system description" in r.stderr


SMALL_STORE = """#include "qemu_arm64.dtsi"
/ {
\tbulkhead {
\t\tcompatible = "bulkhead,system-v1";
\t\thypervisor {
\t\t\tmemory = <0x0 0x40000000 0x0 0x00800000>;
\t\t\timage-store = <0x0 0x40800000 0x0 0x8000>;
\t\t\tconsole = <&uart0>;
\t\t};
\t\tpartition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "root";
\t\t};
%s
\t};
};
"""


@pytest.mark.req("BH-IMG-4")
def test_fit_larger_than_image_store(tmp_path):
    dts = tmp_path / "small-store.dts"
    dts.write_text(SMALL_STORE % "")
    b = board_variant("qemu_arm64", "small-store", str(dts))
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert re.search(rf"^{re.escape(str(dts))}: /bulkhead/hypervisor: bulkhead.itb \(\d+ bytes\) does not "
                     r"fit into the image-store 0x40800000\+0x8000$", r.stderr, re.M), r.stderr
    assert not os.path.exists(os.path.join(b.objtree, "bulkhead.itb"))


@pytest.mark.req("BH-CFG-6")
def test_missing_relative_image_names_both_places(tmp_path):
    child = ("\t\tpartition-guest {\n\t\t\tcompatible = \"bulkhead,partition\";\n"
             "\t\t\tcpus = <&cpu1>;\n\t\t\tmemory = <0x0 0x50000000 0x0 0x08000000>;\n"
             "\t\t\timage = \"kernels/NoSuchImage\";\n\t\t};")
    dts = tmp_path / "noimage.dts"
    dts.write_text(SMALL_STORE.replace("0x8000>", "0x03800000>") % child)
    b = board_variant("qemu_arm64", "noimage", str(dts))
    r = b.make("all", check=False)
    assert r.returncode != 0
    line = dts.read_text().splitlines().index('\t\t\timage = "kernels/NoSuchImage";') + 1
    assert (f"{dts}:{line}: /bulkhead/partition-guest: image 'kernels/NoSuchImage': No such file or directory "
            f"(looked in {tmp_path} and {b.objtree})\n") in r.stderr, r.stderr


@pytest.mark.req("BH-CFG-7")
def test_cpp_or_dtc_error_stops_make_at_its_message(tmp_path):
    """A syntax error (dtc) or a missing #include (cpp) ends the build with
    that tool's own message and make's failed rule, nothing after it (make
    used to go on: "No rule to make target 'build/system.dtb'")."""
    syntax = system_dts(tmp_path, BAD.replace('program = "root";', 'program = "root"'), "syntax.dts")
    include = tmp_path / "include.dts"
    include.write_text('#include "no-such-board.dtsi"\n/ { };\n')
    for dts, msg in ((syntax, rf"^Error: {re.escape(syntax)}:\d+\.\d+-\d+ syntax error$"),
                     (str(include), rf"^{re.escape(str(include))}:1:10: fatal error: "
                                    r"no-such-board.dtsi: No such file or directory$")):
        r = Build("cpp-dtc-error", system_dts=dts).make("all", check=False)
        assert r.returncode != 0
        assert re.search(msg, r.stderr, re.M), r.stderr
        assert "No rule to make target" not in r.stderr, r.stderr
        assert "No such file or directory" not in r.stderr.replace("no-such-board.dtsi: No such", ""), r.stderr
        assert re.search(r"^make(\[\d+\])?: \*\*\* \[Makefile:\d+: .*/system\.dtb\] Error 1$",
                         r.stderr.splitlines()[-1]), r.stderr


@pytest.mark.req("BH-CFG-7", "BH-FLT-6")
def test_restart_backoff_errors_name_their_property(tmp_path):
    """Back-off properties on a partition that does not restart, and a cap
    below the first wait: each error at its property's line."""
    body = BAD.replace('\t\t\tcpus = <&cpu0>;\n\t\t\tmemory = <0x0 0x46000000',
                       '\t\t\tcpus = <&cpu1>;\n\t\t\tmemory = <0x0 0x48000000')
    body = body.replace('\t\t\trestart = "sometimes";\n',
                        '\t\t\trestart-limit = <3>;\n')
    body += ("\t\tpartition-loop {\n\t\t\tcompatible = \"bulkhead,partition\";\n"
             "\t\t\tcpus = <&cpu2>;\n\t\t\tmemory = <0x0 0x4c000000 0x0 0x01000000>;\n"
             "\t\t\tprogram = \"hello\";\n\t\t\trestart = \"restart\";\n"
             "\t\t\trestart-delay-ms = <500>;\n\t\t\trestart-delay-max-ms = <100>;\n\t\t};\n")
    dts = system_dts(tmp_path, body, "backoff.dts")
    b = board_variant("qemu_arm64", "bad-backoff", dts)
    r = b.make("all", check=False)
    assert r.returncode != 0
    lines = open(dts).read().splitlines()

    def at(prop):
        return next(f"{dts}:{n + 1}: " for n in range(len(lines)) if lines[n].startswith(f"\t\t\t{prop} ="))
    assert (f"{at('restart-limit')}/bulkhead/partition-child1: restart-limit applies only to "
            'restart = "restart" (this partition\'s restart is "halt")\n') in r.stderr, r.stderr
    assert (f"{at('restart-delay-max-ms')}/bulkhead/partition-loop: restart-delay-max-ms 100 is "
            "less than restart-delay-ms 500\n") in r.stderr
    assert f"{dts}: 2 errors in the system description\n" in r.stderr


@pytest.mark.req("BH-CFG-7", "BH-FLT-8")
def test_watchdog_errors_name_their_property(tmp_path):
    """A watchdog timeout out of range, and one given as two cells: each
    error at its property's line, and make stops."""
    body = BAD.replace('\t\t\tcpus = <&cpu0>;\n\t\t\tmemory = <0x0 0x46000000',
                       '\t\t\tcpus = <&cpu1>;\n\t\t\tmemory = <0x0 0x48000000')
    body = body.replace('\t\t\trestart = "sometimes";\n', '\t\t\twatchdog = <5>;\n')
    body += ("\t\tpartition-late {\n\t\t\tcompatible = \"bulkhead,partition\";\n"
             "\t\t\tcpus = <&cpu2>;\n\t\t\tmemory = <0x0 0x4c000000 0x0 0x01000000>;\n"
             "\t\t\tprogram = \"hello\";\n\t\t\twatchdog = <0x0 0x3e8>;\n\t\t};\n")
    dts = system_dts(tmp_path, body, "watchdog.dts")
    b = board_variant("qemu_arm64", "bad-watchdog", dts)
    r = b.make("all", check=False)
    assert r.returncode != 0
    lines = open(dts).read().splitlines()
    at = [f"{dts}:{n + 1}: " for n in range(len(lines)) if lines[n].startswith("\t\t\twatchdog =")]
    assert (f"{at[0]}/bulkhead/partition-child1: watchdog 5 ms is outside 10 to 3600000 "
            "(one hour)\n") in r.stderr, r.stderr
    assert (f"{at[1]}/bulkhead/partition-late: watchdog must be one 32-bit cell (the timeout "
            "in ms)\n") in r.stderr, r.stderr
    assert f"{dts}: 2 errors in the system description\n" in r.stderr
