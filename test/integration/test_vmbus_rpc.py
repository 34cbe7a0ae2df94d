"""VMBus rpc end to end: the echo child makes 1000 round trips with payloads
up to the channel's maximum, each answer checked byte for byte in the child;
then the root's time, partition-status and measurement services, and an
unknown service.
Its console travels over a console channel, so every line is the root's."""
import hashlib
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
\t\techo: partition-echo {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "echo";
\t\t};
\t\tidle: partition-idle {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x02000000>;
\t\t\tprogram = "hello";
\t\t};
\t\tvmbus {
\t\t\trpc-echo {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "rpc";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&echo>;
\t\t\t\tring-size = <0x8000>;
\t\t\t\tmax-packet-size = <2048>;
\t\t\t\tmax-outstanding = <4>;
\t\t\t};
\t\t\tconsole-echo {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&echo>;
\t\t\t};
\t\t\tconsole-idle {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "console";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&idle>;
\t\t\t};
\t\t};
"""


@pytest.mark.parametrize("board", ALL_BOARDS)
@pytest.mark.req("BH-IMG-6")
def test_rpc_echo_time_status_measurements(tmp_path, boot, board):
    b = board_variant(board, "vmbus-rpc", system_dts(tmp_path, BODY, board=board))
    b.make("all")
    con = boot(b).__enter__()
    # 2048 - 24 bytes of rpc header: the largest echo payload (i * 97 % 2025 reaches 2024).
    m = con.wait_for(r"^\[root\] echo: echo: 1000 round trips, (\d+) errors, payloads up to (\d+) "
                     r"bytes, (\d+) ns each$", timeout=60)
    assert m.group(1) == "0", con.text[-2000:]
    assert int(m.group(2)) == 2048 - 24
    # arm64: the generic timer's 62.5 MHz; x86: the TSC, whose rate the hypervisor gives in kHz.
    hz = {"qemu_arm64": "62500000", "qemu_x86_64": r"[1-9]\d*000", "zcu102": "62500000"}[board]
    con.wait_for(rf"^\[root\] echo: time: counter at {hz} Hz, consistent with mine$")
    # The root's peers, each up once; the order is the root's channel order.
    con.wait_for(r"^\[root\] echo: unknown service: unknown service or method$")
    status = re.findall(r"^\[root\] echo: status: (\S+) (up|down), epoch (\d+)$", con.text, re.M)
    assert status == [("echo", "up", "1"), ("idle", "up", "1")]
    assert con.count(r"^\[root\] (rpc|vmbus): ") == 0
    # The measurement log through rpc: the root's own log line for line, and
    # the echo image's hash is that of the file the build packed.
    con.wait_for(r"^\[root\] echo: measured: (\d+) entries$")
    mine = re.findall(r"^\[root\] measured: (.+)$", con.text, re.M)
    theirs = re.findall(r"^\[root\] echo: measured: (\S+ (?:image|fdt) .+)$", con.text, re.M)
    assert len(mine) == 6 and theirs == mine, con.text[-3000:]
    assert con.count(r"^\[root\] echo: measured: 6 entries$") == 1
    with open(os.path.join(b.objtree, "partitions", "echo", "echo.bin"), "rb") as f:
        data = f.read()
    assert "echo image slot A version 0 size %d sha256 %s" % (len(data), hashlib.sha256(data).hexdigest()) in mine
