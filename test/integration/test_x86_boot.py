"""x86-64 only: the partition image layout the x86 boot protocol needs, and
a device on I/O ports passed through. (The default q35 system's boot is
test_boot.py, run for every board.)"""
import os
import socket
import time

import pytest

from conftest import Build, board_variant, system_dts

PORTS_BODY = """
\t\troot: partition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x10000000 0x0 0x04000000>;
\t\t\tprogram = "root";
\t\t};
\t\tporty: partition-porty {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x14000000 0x0 0x02000000>;
\t\t\tdevices = <&com2>;
\t\t\tprogram = "hello";
\t\t};
\t\tnosy: partition-nosy {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x16000000 0x0 0x02000000>;
\t\t\tprogram = "hello";
\t\t};
"""


@pytest.mark.lg_feature("emulator-devices")
@pytest.mark.req("BH-ISO-6")
def test_x86_com2_passed_through(tmp_path, boot):
    """porty owns COM2: its greeting reaches QEMU's second serial port
    directly, and a line typed there reaches it by COM2's interrupt (IOAPIC
    pin 3, routed in porty's virtual IOAPIC to vector 0x90 + 3); nosy, which
    does not own it, has no COM2 in its DTB, and nothing else reaches that
    port."""
    sock_path = str(tmp_path / "com2.sock")
    b = board_variant("qemu_x86_64", "x86-ports", system_dts(tmp_path, PORTS_BODY, board="qemu_x86_64"),
                      extra=[f"QEMU_ARGS=-chardev socket,id=com2,path={sock_path},server=on,wait=off "
                             "-device isa-serial,chardev=com2,index=1"])
    b.make("all")
    con = boot(b).__enter__()
    for _ in range(100):  # QEMU makes the socket as it starts
        if os.path.exists(sock_path):
            break
        time.sleep(0.1)
    com2 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    com2.connect(sock_path)
    com2.settimeout(120)
    con.wait_for(r"^\[bulkhead\] porty: I/O ports 0x2f8-0x2ff passed through$", timeout=120)
    con.wait_for(r"^\[porty\] greeted its UART at 0x2f8$", timeout=60)
    con.wait_for(r"^\[porty\] reading its UART at 0x2f8 by interrupt 147$")
    greeting = b""
    while not greeting.endswith(b"\r\n"):
        greeting += com2.recv(256)
    assert greeting == b"hello from porty on its own UART at 0x2f8\r\n"
    for n in range(3):
        mark = len(con.text)
        com2.sendall(f"line {n} typed on COM2\r".encode())
        m = con.wait_for(r"^\[porty\] its UART at 0x2f8: 'line %d typed on COM2', by interrupt 147 "
                         r"\((\d+) taken\)$" % n, start=mark)
        assert int(m.group(1)) >= n + 1
    con.wait_for(r"^\[nosy\] cpu 0 up$", timeout=60)
    assert con.count(r"^\[nosy\] (greeted|reading)") == 0
    assert con.count(r"I/O ports .* passed through") == 1
    com2.close()


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


@pytest.mark.req("BH-CFG-6")
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
    # The line of the image property in low.dts (LOW_IMAGE).
    line = 1 + LOW_IMAGE.split("\n").index(next(l for l in LOW_IMAGE.split("\n")
                                               if "image = " in l))
    assert (f"{dts}:{line}: /bulkhead/partition-root: image '{tmp_path}/low.bin': text offset 0x0 "
            "overlaps the boot page tables the hypervisor writes at the start of the "
            "partition's RAM (0x2000 bytes)\n") in r.stderr, r.stderr
    assert r.stderr.count("warning: no rollback-store") == 1, r.stderr
