"""Each board's default system booted through u-boot (configs/<board>.dts):
every partition's banner, memory lines that match the DT, both vCPUs of
hello1, the disk label the root reads from its virtio disk (virtio-mmio on
arm64, virtio-pci on x86), and the ticker's ticks, once a second. The
children's consoles are VMBus console channels, so their lines arrive
through the root. Then the operator at the console: the root's shell echoes
and edits what is typed and lists the partitions; Ctrl-] to a partition that
does not exist or reads nothing is answered."""
import random
import re

import pytest

from conftest import ALL_BOARDS


def render(text):
    """The lines a terminal shows for text: backspaces move back, characters overwrite."""
    out = []
    for raw in text.split("\n"):
        line, col = [], 0
        for ch in raw:
            if ch == "\b":
                col = max(col - 1, 0)
                continue
            if col < len(line):
                line[col] = ch
            else:
                line.append(ch)
            col += 1
        out.append("".join(line).rstrip(" "))
    return out


# zcu102: qemu_arm64's default system moved to the board (conftest.board_build_of).
@pytest.mark.parametrize("board_build", ALL_BOARDS, indirect=True)
@pytest.mark.req("BH-CON-1")
def test_banners_memory_cpus_disk_ticks(board_build, boot, capfd):
    board = board_build.board
    # Partitions, CPUs and addresses as the build generated them.
    system = board_build.system()
    assert system["board"] == board and [p["name"] for p in system["partitions"]] == ["root", "hello1", "ticker"]
    label = f"BULKHEAD-TEST-{random.randrange(1 << 32):08x}"
    con = boot(board_build, disk_label=label).__enter__()
    # u-boot found the boot script by its standard scan; nobody typed at its prompt.
    con.wait_for(r"^Found U-Boot script /boot.scr$", timeout=120)
    con.wait_for(system.banner(), timeout=60)
    if board == "qemu_x86_64":
        con.wait_for(r"^\[bulkhead\] AMD SVM with nested paging, 16 ASIDs$")
    # Images are hashed with the CPU's SHA-2 instructions where it has them (QEMU's
    # max and Cortex-A53 do); x86 keeps the portable code.
    impl = r"portable \(mbedtls\)" if board == "qemu_x86_64" else "armv8 instructions"
    con.wait_for(rf"^\[bulkhead\] sha256: {impl}$")
    con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, "
                 r"security version 0\)$")
    # Each hello line matches the system DT.
    hello1 = system.partition("hello1")
    con.wait_for(rf"^\[root\] hello1: hello from hello1: cpus {len(hello1['cpus'])} "
                 rf"memory {re.escape(system.memory('hello1'))}$", timeout=60)
    for cpu in range(len(hello1["cpus"])):
        con.wait_for(rf"^\[root\] hello1: cpu {cpu} up$")
    con.wait_for(rf"^\[root\] root partition root: cpus {len(system.partition('root')['cpus'])} "
                 rf"memory {re.escape(system.memory('root'))}$")
    con.wait_for(r"^\[root\] disk label: " + re.escape(label) + "$")
    # The shipped system ticks once a second (its bootargs): a period of the counter's frequency.
    m = con.wait_for(r"^\[root\] ticker: ticker on ticker: (\d+) Hz counter, a tick every (\d+) counts$")
    assert m.group(1) == m.group(2)
    con.wait_for(r"^\[root\] ticker: tick 5$", timeout=60)
    # Ticks are consecutive and only the ticker prints them.
    ticks = [int(n) for n in re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)]
    assert ticks[:5] == list(range(1, 6))
    assert con.count(r"^(?!\[root\] ticker: ).*tick \d+$") == 0
    assert con.count(r"^\[bulkhead\] .*(fatal|cannot|nested page fault|unhandled exit)") == 0
    if board == "qemu_x86_64":  # a CPU model that TCG implements: no CPUID warnings
        assert "TCG doesn't support" not in capfd.readouterr().err

    # The root's shell echoes what is typed; DEL and Ctrl-U erase on screen.
    con.wait_for(r"^\[root\] root ready$")
    at = len(con.text)
    con.send("chx\x7fannels\r")
    con.wait_for(r"^\[root\] channel \d+ \S+: console provider, peer ticker epoch 1, open$", start=at)
    assert "chx\b \bannels" in con.text[at:]
    assert "[root] channels" in render(con.text[at:])
    at = len(con.text)
    con.send("log hel\x15partitions\r")
    listed = [f"[root] partition {p['index']} {p['name']}: running, vCPUs {len(p['cpus'])}/{len(p['cpus'])}, "
              "epoch 1, restarts 0, stops 0, last stop: none" for p in system["partitions"]]
    m = con.wait_for("^" + re.escape(listed[-1]) + "$", start=at)
    shown = render(con.text[at:m.end()])
    assert "[root] partitions" in shown
    for line in listed:
        assert line in shown

    # Ctrl-] to a partition that is not there; to one that reads no input (said once).
    at = len(con.text)
    last = len(system["partitions"]) - 1
    con.send("\x1d9")
    con.wait_for(rf"^\[bulkhead\] no partition 9 \(0-{last}\)$", start=at)
    con.send(f"\x1d{system.partition('ticker')['index']}")
    con.wait_for(r"^\[bulkhead\] console input: ticker$", start=at)
    con.send("xy")
    con.wait_for(r"^\[bulkhead\] ticker reads no input$", start=at)
    con.send("z")
    con.send("\x1d0")
    con.wait_for(r"^\[bulkhead\] console input: root$", start=at)
    con.send("help\r")
    con.wait_for(r"^\[root\] commands: help, log <child>, channels, partitions, devices, "
                 r"send <child> <text>, attach <child>, time, measured, faults, poweroff$", start=at)
    assert con.count(r"reads no input", start=at) == 1
