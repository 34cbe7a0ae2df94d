"""VMBus console channels end to end: two children's console lines reach the
root over their channels and the root prints them with the child's name;
the root keeps each child's output and prints it on request ("log"); a
partition without a console channel still writes to its own UART."""
import os
import re

import pytest

from conftest import ALL_BOARDS, board_variant, system_dts

BODY = """
\t\troot: partition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "root";
\t\t};
\t\ta: partition-alpha {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1 &cpu2>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "hello";
\t\t};
\t\tb: partition-beta {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu3>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x02000000>;
\t\t\tprogram = "ticker";
\t\t};
\t\tvmbus {
\t\t\tmemory = <0x0 0x60000000 0x0 0x00100000>;
\t\t\tcon-alpha {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&a>;
\t\t\t\tring-size = <0x2000>;
\t\t\t};
\t\t\tcon-beta {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&b>;
\t\t\t};
\t\t};
"""


@pytest.mark.parametrize("board", ALL_BOARDS)
@pytest.mark.req("BH-CON-1")
def test_console_lines_from_two_children_and_log(tmp_path, boot, board):
    b = board_variant(board, "vmbus-console", system_dts(tmp_path, BODY, board=board))
    b.make("all")
    con = boot(b).__enter__()
    con.wait_for(r"^\[root\] root ready$")
    system = b.system()
    hello = f"hello from alpha: cpus {len(system.partition('alpha')['cpus'])} memory {system.memory('alpha')}"
    con.wait_for(rf"^\[root\] alpha: {re.escape(hello)}$", timeout=60)
    con.wait_for(r"^\[root\] alpha: cpu 1 up$")
    con.wait_for(r"^\[root\] beta: tick 30$", timeout=60)
    # Nothing of theirs went to their own UARTs.
    assert con.count(r"^\[(alpha|beta)\] ") == 0
    ticks = [int(n) for n in re.findall(r"^\[root\] beta: tick (\d+)$", con.text, re.M)]
    assert ticks[:30] == list(range(1, 31))

    # The root keeps what alpha wrote: exactly its three lines, in order.
    at = len(con.text)
    con.send("log alpha\r")
    m = con.wait_for(r"^\[root\] log of alpha: (\d+) bytes kept of (\d+)$", start=at)
    lines = f"{hello}\ncpu 0 up\ncpu 1 up\n"
    assert int(m.group(1)) == int(m.group(2)) == len(lines)
    con.wait_for(r"^\[root\] \| cpu 1 up$", start=m.end())
    dump = re.findall(r"^\[root\] \| (.*)$", con.text[m.end():], re.M)
    assert dump[:3] == lines.splitlines()

    at = len(con.text)
    con.send("channels\r")
    con.wait_for(r"^\[root\] channel 0 con-alpha: console provider, peer alpha epoch 1, open$", start=at)
    con.wait_for(r"^\[root\] channel 1 con-beta: console provider, peer beta epoch 1, open$", start=at)
    con.send("log nobody\r")
    con.wait_for(r"^\[root\] log: no console channel from 'nobody'$", start=at)
    assert con.count(r"^\[root\] vmbus: ") == 0


@pytest.mark.req("BH-BUS-6")
def test_root_serves_every_channel_the_hypervisor_allows(tmp_path, boot, board):
    """With CONFIG_VMBUS_MAX_CHANNELS=20 the root provides 17 channels: 16
    to alpha, the 17th to beta. The root runtime serves all of them (its
    tables are sized from the config, not a fixed 16): beta's console lines
    reach the root over the 17th, none on beta's own UART."""
    chans = "".join(f"\t\t\tc{i} {{ compatible = \"bulkhead,channel\"; class = \"console\"; "
                    f"provider = <&root>; consumer = <&a>; ring-size = <0x2000>; }};\n"
                    for i in range(16))
    body = (BODY[:BODY.index("\t\tvmbus {")] + "\t\tvmbus {\n" + chans
            + "\t\t\tcon-beta { compatible = \"bulkhead,channel\"; class = \"console\"; "
              "provider = <&root>; consumer = <&b>; };\n\t\t};\n")
    b = board_variant(board, "vmbus-17-channels", system_dts(tmp_path, body, board=board))
    if board == "qemu_arm64":
        b.make("qemu_arm64_defconfig")
    with open(os.path.join(b.objtree, ".config"), "a") as f:
        f.write("CONFIG_VMBUS_MAX_CHANNELS=20\nCONFIG_MAX_REGIONS_PER_PARTITION=128\n")
    b.make("olddefconfig")
    b.make("all")
    con = boot(b).__enter__()
    con.wait_for(r"^\[root\] root ready$")
    con.wait_for(r"^\[root\] beta: tick 3$", timeout=60)
    assert con.count(r"^\[beta\] ") == 0
    at = len(con.text)
    con.send("channels\r")
    con.wait_for(r"^\[root\] channel 16 con-beta: console provider, peer beta epoch 1, open$",
                 start=at)
