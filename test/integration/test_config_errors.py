"""A bad system description stops the build with the generator's message
(file, node, conflict) on stderr and a non-zero status from make."""
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


def test_bad_description_fails_the_build(tmp_path):
    dts = system_dts(tmp_path, BAD, "bad.dts")
    b = board_variant("qemu_arm64", "bad", dts)
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


def test_fit_larger_than_image_store(tmp_path):
    dts = tmp_path / "small-store.dts"
    dts.write_text(SMALL_STORE % "")
    b = board_variant("qemu_arm64", "small-store", str(dts))
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert re.search(rf"^{re.escape(str(dts))}: /bulkhead/hypervisor: bulkhead.itb \(\d+ bytes\) does not "
                     r"fit into the image-store 0x40800000\+0x8000$", r.stderr, re.M), r.stderr
    assert not os.path.exists(os.path.join(b.objtree, "bulkhead.itb"))


def test_missing_relative_image_names_both_places(tmp_path):
    child = ("\t\tpartition-guest {\n\t\t\tcompatible = \"bulkhead,partition\";\n"
             "\t\t\tcpus = <&cpu1>;\n\t\t\tmemory = <0x0 0x50000000 0x0 0x08000000>;\n"
             "\t\t\timage = \"kernels/NoSuchImage\";\n\t\t};")
    dts = tmp_path / "noimage.dts"
    dts.write_text(SMALL_STORE.replace("0x8000>", "0x03800000>") % child)
    b = board_variant("qemu_arm64", "noimage", str(dts))
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert (f"{dts}: /bulkhead/partition-guest: image 'kernels/NoSuchImage': No such file or directory "
            f"(looked in {tmp_path} and {b.objtree})\n") in r.stderr, r.stderr
