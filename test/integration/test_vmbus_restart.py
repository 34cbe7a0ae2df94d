"""A child restarted (restart = "restart") gets its channels back with a new
epoch: echo powers off after its round trips and runs again, three times;
each run's 1000 rpc round trips succeed on the fresh channel, its console
lines keep arriving through the root, the root sees its epoch grow, and the
ticker next to it never stops or skips a tick."""
import pytest
import re

from conftest import board_variant, system_dts

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
\t\t\tbootargs = "poweroff";
\t\t\trestart = "restart";
\t\t};
\t\tticker: partition-ticker {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x02000000>;
\t\t\tprogram = "ticker";
\t\t};
\t\tvmbus {
\t\t\trpc-echo { compatible = "bulkhead,channel"; class = "rpc"; provider = <&root>; consumer = <&echo>; };
\t\t\tcon-echo { compatible = "bulkhead,channel"; class = "console"; provider = <&root>; consumer = <&echo>; };
\t\t\tcon-ticker { compatible = "bulkhead,channel"; class = "console"; provider = <&root>; consumer = <&ticker>; };
\t\t};
"""


@pytest.mark.req("BH-TMP-4", "BH-FLT-2", "BH-FLT-4")
def test_restarted_child_recovers_its_channels(tmp_path, boot, board):
    b = board_variant(board, "vmbus-restart", system_dts(tmp_path, BODY, board=board))
    b.make("all")
    con = boot(b).__enter__()
    for start in (2, 3, 4):
        con.wait_for(rf"^\[bulkhead\] echo: started again \(start {start}\)$", timeout=90)
    con.wait_for(r"^\[root\] echo: status: echo up, epoch 4$", timeout=60)
    con.wait_for(r"^\[root\] ticker: tick 20$", timeout=60)
    runs = re.findall(r"^\[root\] echo: echo: 1000 round trips, (\d+) errors", con.text, re.M)
    assert len(runs) >= 3 and set(runs) == {"0"}, runs
    # Each run sees itself up in the epoch the hypervisor gave it.
    epochs = re.findall(r"^\[root\] echo: status: echo up, epoch (\d+)$", con.text, re.M)
    assert epochs[:4] == ["1", "2", "3", "4"]
    assert con.count(r"^\[bulkhead\] echo: powered off \(PSCI SYSTEM_OFF\); restarting$") >= 3
    # The root acknowledged every reset in time, and nothing broke.
    assert con.count(r"did not acknowledge") == 0
    assert con.count(r"^\[root\] (vmbus|rpc|console): ") == 0
    # No CPU ran the firmware again: a CPU no partition owns (cpu3 on
    # x86) stays where u-boot parked it, and nothing may interrupt it.
    after = con.text[con.text.index("[bulkhead] Bulkhead"):]
    assert "U-Boot" not in after and "### ERROR ###" not in after, after
    # The ticker ran throughout: consecutive ticks, none lost.
    ticks = [int(n) for n in re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)]
    assert len(ticks) >= 20 and ticks == list(range(1, len(ticks) + 1))
    assert con.count(r"^\[bulkhead\] (root|ticker): .*(halted|restarting)") == 0
