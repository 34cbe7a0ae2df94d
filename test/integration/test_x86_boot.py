"""x86-64 (issue 6, first steps): Debian's u-boot ROM for x86-64 boots
Bulkhead from the disk "make flash" wrote, by its standard boot scan, on q35
with -cpu EPYC. The hypervisor finds SVM with nested paging, verifies the
root's signed image itself (this u-boot checks no signatures) and runs it
under SVM; the partitions' lines arrive through the emulated 16550, the
ticker's from its timer interrupt."""
import re

import pytest

from conftest import Build, board_build_of


@pytest.fixture(scope="module")
def x86_build():
    return board_build_of("qemu_x86_64")


def test_x86_root_verified_and_run_under_svm(x86_build, boot):
    con = boot(x86_build).__enter__()
    con.wait_for(r"^Found U-Boot script /boot.scr$", timeout=120)
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(x86, qemu_x86_64\), 4 CPUs, 3 partitions$",
                 timeout=60)
    con.wait_for(r"^\[bulkhead\] AMD SVM with nested paging, 16 ASIDs$")
    con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, "
                 r"security version 0\)$")
    con.wait_for(r"^\[bulkhead\] root: 1 vCPU, memory 0x10000000\+0x4000000, image 0x[0-9a-f]+ "
                 r"bytes, entry 0x10002000$")
    con.wait_for(r"^\[root\] hello from root: cpus 1 memory 0x10000000\+0x4000000$", timeout=60)
    con.wait_for(r"^\[root\] cpu 0 up$")
    # The ticker's ticks come from its virtual x2APIC timer (TSC deadline), in order.
    con.wait_for(r"^\[ticker\] ticker on ticker: \d+ Hz counter", timeout=60)
    con.wait_for(r"^\[ticker\] tick 20$", timeout=60)
    ticks = [int(n) for n in re.findall(r"^\[ticker\] tick (\d+)$", con.text, re.M)]
    assert ticks[:20] == list(range(1, 21))
    assert con.count(r"triple fault|nested page fault|fatal|unhandled exit") == 0, con.text[-2000:]


LOW_IMAGE = """#include "qemu_x86_64.dtsi"
/ {
\tbulkhead {
\t\tcompatible = "bulkhead,system-v1";
\t\thypervisor {
\t\t\tmemory = <0x0 0x01000000 0x0 0x00800000>;
\t\t\timage-store = <0x0 0x02000000 0x0 0x03800000>;
\t\t\tconsole = <&com1>;
\t\t};
\t\tpartition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x10000000 0x0 0x04000000>;
\t\t\timage = "low.bin";
\t\t};
\t};
};
"""


def test_x86_image_over_the_boot_page_tables_refused(tmp_path):
    """An x86 image must load above the page tables the hypervisor writes at
    the start of the partition's RAM; the generator says so by name."""
    header = bytearray(64)
    header[0x38:0x3c] = b"BH86"  # text_offset (bytes 8..15) stays 0
    (tmp_path / "low.bin").write_bytes(bytes(header) + b"\xf4" * 64)
    dts = tmp_path / "low.dts"
    dts.write_text(LOW_IMAGE)
    b = Build("x86-low-image", system_dts=str(dts))
    b.make("qemu_x86_64_defconfig")
    r = b.make("all", check=False)
    assert r.returncode != 0
    assert (f"{dts}: /bulkhead/partition-root: image '{tmp_path}/low.bin': text offset 0x0 "
            "overlaps the boot page tables the hypervisor writes at the start of the "
            "partition's RAM (0x2000 bytes)\n") in r.stderr, r.stderr
