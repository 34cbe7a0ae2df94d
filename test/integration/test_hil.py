"""The rig path on every commit (docs/hil.md): the suite's own test files
run against an emulated rig (test/env/emulated-rig.yaml: a serial port on
a pseudo-terminal, a power switch script, an SD card the strategy writes),
not through the QEMU driver; and the real rigs' environment files name
what labgrid has and what the strategy needs."""
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from labgrid.config import Config
from labgrid.factory import target_factory
from labgrid.protocol import ConsoleProtocol, PowerProtocol

import bulkhead_labgrid  # noqa: F401  (registers the strategy and card driver)
from conftest import OBJ, SRC

ENV_DIR = os.path.join(SRC, "test", "env")
# The files the emulated rig runs: boots, a block test that reads the disk
# back on the host (an emulator's feature), tests that need a flash bank
# file or a board that powers itself off, and tests of other boards.
RIG_FILES = ["test_boot.py", "test_vmbus_block.py", "test_rollback.py", "test_image_verify.py"]


def results(xml):
    """{test id: (outcome, message)} from a JUnit file."""
    out = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        name = f"{case.get('classname').rsplit('.', 1)[-1]}::{case.get('name')}"
        outcome, message = "passed", ""
        for tag in ("failure", "error", "skipped"):
            el = case.find(tag)
            if el is not None:
                outcome, message = tag, el.get("message", "")
        out[name] = (outcome, message)
    return out


@pytest.mark.lg_feature("emulator")
def test_suite_on_an_emulated_rig(tmp_path):
    rig = tmp_path / "rig"
    xml = tmp_path / "rig.xml"
    env = dict(os.environ, LG_ENV=os.path.join(ENV_DIR, "emulated-rig.yaml"),
               LG_RIG_BOARD="zcu102", LG_RIG_DIR=str(rig), BH_OBJTREE=OBJ)
    r = subprocess.run(["/usr/bin/python3", "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs",
                        f"--basetemp={tmp_path / 'inner'}", f"--junitxml={xml}"]
                       + [os.path.join(SRC, "test", "integration", f) for f in RIG_FILES],
                       env=env, capture_output=True, text=True, timeout=1200)
    got = results(xml)
    failed = {k: v for k, v in got.items() if v[0] in ("failure", "error")}
    assert not failed and r.returncode == 0, f"{failed}\n{r.stdout[-4000:]}\n{r.stderr[-2000:]}"

    # The zcu102 boot passed on the rig; the block test ran to the point
    # where it would read the card on the host, which a rig cannot.
    assert got["test_boot::test_banners_memory_cpus_disk_ticks[zcu102]"][0] == "passed"
    outcome, why = got["test_vmbus_block::test_block_ranges_written_flushed_and_on_the_host_disk[zcu102]"]
    assert (outcome, why) == ("skipped", "the environment emulated-rig.yaml has no host-disk"), why
    # Skipped with the reason named: features a rig lacks, boards it does not hold.
    for name, (outcome, why) in got.items():
        if name.startswith("test_rollback::"):
            assert outcome == "skipped" and "board-state-file" in why, (name, why)
        if name == "test_image_verify::test_refused_root_halts_system":
            assert outcome == "skipped" and "self-power-off" in why, (name, why)
        for board in ("qemu_arm64", "qemu_x86_64"):
            if f"[{board}" in name:
                assert outcome == "skipped" and (
                    why == f"{board}: the environment emulated-rig.yaml holds zcu102"
                    or why.startswith("Skipping because feature")), (name, why)

    # The board ran from the card the strategy wrote, through the terminal.
    card = (rig / "card.img").read_bytes()
    assert len(card) >= 128 << 20 and card[510:512] == b"\x55\xaa"
    log = (rig / "emulator.log").read_text()
    assert f"unix:{rig}/uart.sock,server=on" in log, log
    assert not (rig / "emulator.pid").exists(), "the rig's board was left on"


@pytest.mark.parametrize("name", sorted(f for f in os.listdir(ENV_DIR) if f.endswith("-rig.yaml")
                                        and f != "emulated-rig.yaml"))
def test_rig_environment_names_what_the_strategy_needs(name, monkeypatch):
    """Each real rig's file names only classes labgrid (or bulkhead_labgrid)
    has, with a power switch, a console and, for an SD card board, a mux and
    the storage driver that writes the card."""
    cfg = Config(os.path.join(ENV_DIR, name))
    target = cfg.get_targets()["main"]
    resources = target.get("resources", {})
    drivers = target.get("drivers", {})
    for cls in resources:
        assert cls in target_factory.resources, f"{name}: no labgrid resource {cls}"
    for cls in drivers:
        assert cls in target_factory.drivers, f"{name}: no labgrid driver {cls}"
    classes = [target_factory.drivers[d] for d in drivers]
    assert any(issubclass(c, PowerProtocol) for c in classes), f"{name}: no power switch"
    assert any(issubclass(c, ConsoleProtocol) for c in classes), f"{name}: no console"
    assert "BulkheadStrategy" in drivers
    assert {"USBSDMuxDriver", "USBStorageDriver"} <= set(drivers), f"{name}: no SD mux"
    assert any(f.startswith("board:") for f in target.get("features", [])), f"{name}: names no board"
