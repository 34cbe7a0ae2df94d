"""The villain suite: a hostile child attacks its rings, doorbells and the
hypercall interface, case by case, and a second one runs the cases that must
stop it (one per start), while the honest echo child keeps making rpc round
trips through the same root. The root and the hypervisor survive all of it,
each attack gets an error answer or stops the villain, every one is reported
with the villain's name, and the honest child's traffic never fails."""
import re

import pytest

from conftest import ALL_BOARDS, board_variant, system_dts

CH = 'compatible = "bulkhead,channel"; provider = <&root>;'
# v-rpc6 takes the doorbell flood: 100 interrupts a second at most.
RPCS = "".join(f"\t\t\tv-rpc{i} {{ {CH} class = \"rpc\"; consumer = <&villain>; ring-size = <0x4000>;"
               f"{' doorbell-rate-limit = <100>;' if i == 6 else ''} }};\n" for i in range(8))
BODY = f"""
\t\troot: partition-root {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tdevices = <&virtio_mmio31 &virtio_mmio30>;
\t\t\tprogram = "root";
\t\t}};
\t\techo: partition-echo {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "echo";
\t\t\tbootargs = "poweroff";
\t\t\trestart = "restart";
\t\t}};
\t\tvillain: partition-villain {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x02000000>;
\t\t\tprogram = "villain";
\t\t}};
\t\tvillain2: partition-villain2 {{
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu3>;
\t\t\tmemory = <0x0 0x4c000000 0x0 0x02000000>;
\t\t\tprogram = "villain";
\t\t\tbootargs = "fatal root-memory=0x44000000";
\t\t\trestart = "restart";
\t\t}};
\t\tvmbus {{
\t\t\trpc-echo {{ {CH} class = "rpc"; consumer = <&echo>; }};
\t\t\tcon-echo {{ {CH} class = "console"; consumer = <&echo>; }};
\t\t\tcon-villain {{ {CH} class = "console"; consumer = <&villain>; }};
{RPCS}\t\t\tv-blk {{ {CH} class = "block"; consumer = <&villain>; data-window = <0x4000>;
\t\t\t\tblock-range = <0x0 0x200000 0x0 0x100000>; }};
\t\t\tv-net {{ {CH} class = "net"; consumer = <&villain>; }};
\t\t\tv2-rpc {{ {CH} class = "rpc"; consumer = <&villain2>; }};
\t\t\tcon-villain2 {{ {CH} class = "console"; consumer = <&villain2>; }};
\t\t}};
"""


@pytest.mark.parametrize("board", ALL_BOARDS)
@pytest.mark.req("BH-ISO-1", "BH-ISO-2", "BH-ISO-3", "BH-ISO-4", "BH-TMP-3", "BH-TMP-4", "BH-FLT-1", "BH-FLT-4", "BH-BUS-1", "BH-BUS-2", "BH-BUS-3", "BH-BUS-4", "BH-BUS-5", "BH-BUS-6", "BH-CON-2", "BH-CON-4")
def test_villain_cannot_hurt_root_or_honest_child(tmp_path, boot, board):
    b = board_variant(board, "villain", system_dts(tmp_path, BODY, board=board))
    b.make("all")
    system = b.system()
    # The stage-2 fault as each architecture names it.
    fault = {"arm64": "data abort", "x86": "nested page fault"}[system["arch"]]
    root_base = system.partition("root")["ram"]["base"]
    con = boot(b).__enter__()
    start = con.wait_for(r"^\[root\] villain: villain: starting$", timeout=60).end()
    end = con.wait_for(r"^\[root\] villain: villain: done$", timeout=120).start()
    con.wait_for(r"^\[root\] villain2: villain: fatal cases done$", timeout=120)
    done = len(con.text)
    # The honest child goes on: two more complete runs after both villains finished.
    first = con.wait_for(r"^\[root\] echo: echo: 1000 round trips", start=done, timeout=60)
    con.wait_for(r"^\[root\] echo: echo: 1000 round trips", start=first.end(), timeout=60)
    t = con.text
    runs = re.findall(r"^\[root\] echo: echo: 1000 round trips, (\d+) errors", t, re.M)
    assert set(runs) == {"0"}, runs
    # The root told it, by rpc events, that its peers (the villains) stopped and started.
    events = [int(n) for n in re.findall(r"^\[root\] echo: status events: (\d+)$", t, re.M)]
    assert events and max(events) >= 1, events
    # ... and it was working while the villain attacked (its flood alone lasts a second): its
    # progress lines (every 200 calls) came in between, not only before and after.
    progress = re.findall(r"^\[root\] echo: echo: (\d+) of 1000 round trips, (\d+) errors$",
                          t[start:end], re.M)
    assert progress and all(e == "0" for _, e in progress), progress

    def root(line):
        assert re.search("^" + re.escape("[root] " + line) + "$", t, re.M), line

    def villain(line):
        root("villain: " + line)

    # Ring attacks: each breaks only that channel, reported by the root with the villain's name.
    for ch, why in (("v-rpc0", "peer index outside the ring or not 8-byte aligned"),
                    ("v-rpc1", "peer index outside the ring or not 8-byte aligned"),
                    ("v-rpc3", "packet length beyond the written data or the maximum"),
                    ("v-rpc4", "packet length beyond the written data or the maximum")):
        root(f"vmbus: {ch}: villain broke the channel: {why}; it stays stopped until villain restarts")
    assert re.search(r"^\[root\] vmbus: v-rpc2: villain broke the channel: ", t, re.M)
    assert re.search(r"^\[root\] villain: case 6: header flipped 200000 times after the doorbell: "
                     r"the root (answered the request it copied|refused it)$", t, re.M)
    villain("case 7: a second of doorbells (some of them rate-limited), then an echo: answered")
    assert re.search(r"^\[bulkhead\] villain: channel v-rpc6: doorbells above its rate limit of 100/s",
                     t, re.M)
    villain("case 8: doorbells on channels 99, -1 and with x2 set: -3 -3 -3")
    villain("case 9: unknown and malformed hypercalls: 17 of 17 refused as expected")
    villain("case 13: HELLO for versions 40..60: no common version")
    villain("case 13: HELLO for versions 5..2: no common version")
    for what, st in (("past the end", "out of range"), ("lba + n wraps", "out of range"),
                     ("zero blocks", "out of range"), ("huge count", "out of range"),
                     ("window offset beyond the window", "out of range"),
                     ("unknown request", "invalid message")):
        villain(f"case 14: block {what}: {st}")
    assert re.search(r"^\[root\] block: villain asked for .* refused$", t, re.M)
    assert re.search(r"^\[root\] net: villain sent a frame that is malformed, larger than MTU 1500 \+ 14 "
                     r"or not from its own address \(\d+ bytes\); dropped$", t, re.M)
    # Terminal control bytes never reach the terminal: escaped alike by the root's relay of its
    # console channel and by the hypervisor's console (its UART; it is not attached).
    villain("case 18: escape \\x1b[2J\\x1b]0;pwned\\x07 bell")
    assert re.search("^" + re.escape("[villain] case 18: on its UART: escape \\x1b[2J\\x1b]0;pwned\\x07 bell")
                     + "$", t, re.M)
    assert "\x1b" not in t and "\x07" not in t
    root("console: villain sent a malformed message (24 bytes); ignored")
    assert re.search(r"^\[root\] villain: case 17: \d+ requests sent without reading an answer; "
                     r"the ring is full$", t, re.M)
    assert re.search(r"^\[bulkhead\] villain: powered off \(PSCI SYSTEM_OFF\); halted$", t, re.M)
    # Fatal cases stop villain2, once each, and it comes back for the next.
    assert re.search(rf"^\[bulkhead\] villain2: {fault}: write of 0x[0-9a-f]+, which it may only read, "
                     r"at 0x[0-9a-f]+; restarting$", t, re.M)
    assert re.search(rf"^\[bulkhead\] villain2: {fault}: read of {root_base:#x}, outside its memory and "
                     r"devices at 0x[0-9a-f]+; restarting$", t, re.M)
    m = re.search(r"^\[root\] villain2: case 12: reading (0x[0-9a-f]+), a channel region", t, re.M)
    assert m and re.search(rf"^\[bulkhead\] villain2: {fault}: read of {m.group(1)}, outside its "
                           r"memory and devices", t, re.M)
    # Nobody else was stopped or broke.
    assert not re.search(r"^\[bulkhead\] (root|echo): .*(halted|fault|abort)", t, re.M)
    assert not re.search(r"^\[root\] (vmbus|rpc|block|net|console): (rpc-echo|con-echo|echo)", t, re.M)
    assert "fatal exception" not in t and "hypervisor exception" not in t

    # The root's view: villain powered itself off and halted, echo powers off and restarts
    # after each run, villain2 restarted after each fault, its last one a fault.
    at = len(con.text)
    con.send("partitions\r")
    # (A partition in its restart back-off is "waiting to restart".)
    m = con.wait_for(r"^\[root\] partition 3 villain2: (\w+|waiting to restart), vCPUs [01]/1, epoch (\d+), restarts (\d+), "
                     r"stops (\d+), last stop: (.*)$", start=at)
    assert int(m.group(3)) == int(m.group(2)) - 1 >= 2 and int(m.group(4)) >= int(m.group(3))
    assert m.group(5).startswith(f"{fault}: "), m.group(5)
    t = con.text[at:]
    root("partition 2 villain: halted, vCPUs 0/1, epoch 1, restarts 0, stops 1, "
         "last stop: powered off (PSCI SYSTEM_OFF)")
    assert re.search(r"^\[root\] partition 1 echo: (\w+|waiting to restart), vCPUs [01]/1, epoch (\d+), restarts (\d+), "
                     r"stops (\d+), last stop: powered off \(PSCI SYSTEM_OFF\)$", t, re.M)
    assert re.search(r"^\[root\] partition 0 root: running, vCPUs 1/1, epoch 1, restarts 0, stops 0, "
                     r"last stop: none$", t, re.M)
