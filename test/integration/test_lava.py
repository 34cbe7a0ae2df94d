"""The farm: make lava-job's job for the default board, run by LAVA's own
dispatcher (lava-run, no server) with the device dictionary make wrote.
Every console step of the job must pass, as many as the job defines
(lava-run's exit status says pass either way: scripts/lava-results reads
the steps from its log). A job that expects a wrong line must be reported
failed, so that this test can fail. No network: the device dictionary gives
QEMU -nic none and nothing else."""
import copy
import importlib.machinery
import importlib.util
import io
import os
import subprocess
import time

import pytest
import yaml

from conftest import SRC

# LAVA's qemu device type runs the emulated board itself (docs/hil.md).
pytestmark = pytest.mark.lg_feature("emulator")


def _load(name, path):
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


lava_results = _load("lava_results", os.path.join(SRC, "scripts", "lava-results"))


def lava_run(job, device, tmp_path, name):
    """Runs job with lava-run; (its log lines, wall time in seconds)."""
    work = tmp_path / name
    (work / "out").mkdir(parents=True)
    job_file = work / "job.yaml"
    job_file.write_text(yaml.safe_dump(job, sort_keys=False))
    # lava-run keeps the images it deploys in /var/lib/lava/dispatcher/tmp/<prefix><job id>;
    # an absolute prefix puts them here instead (and it needs no write access there).
    dispatcher = work / "dispatcher.yaml"
    dispatcher.write_text(f"prefix: {work}/tmp-\n")
    start = time.monotonic()
    r = subprocess.run(["timeout", "300", "lava-run", "--job-id", "1", "--device", device,
                        "--dispatcher", str(dispatcher), "--output-dir", str(work / "out"),
                        str(job_file)], capture_output=True, text=True)
    took = time.monotonic() - start
    (work / "lava.log").write_text(r.stderr)
    assert r.returncode != 124, "lava-run timed out"
    return r.stderr.splitlines(), took


def steps_of(job, lines):
    out = io.StringIO()
    ok = lava_results.check(job, lines, out)
    return ok, dict(line.split(": ", 1) for line in out.getvalue().splitlines())


def test_lava_runs_the_job(default_build, tmp_path):
    default_build.make("lava-job")
    lava = os.path.join(default_build.objtree, "lava")
    with open(os.path.join(lava, "qemu_arm64-job.yaml")) as f:
        job = yaml.safe_load(f)
    device = os.path.join(lava, "qemu_arm64-device.yaml")
    with open(device) as f:
        options = yaml.safe_load(f)["actions"]["boot"]["methods"]["qemu"]["parameters"]["options"]
    assert "-nic none" in options and not any("netdev" in o or "user" in o for o in options)
    deploy = job["actions"][0]["deploy"]
    assert list(deploy["images"]) == ["bios", "flash", "disk", "boot"]

    lines, took = lava_run(job, device, tmp_path, "good")
    ok, steps = steps_of(job, lines)
    # The default system: u-boot, the banner, 9 lines of the start (3 start lines, the root's
    # 2, hello1's 3, the ticker's first tick), the shell's 3 lines.
    assert len(lava_results.job_steps(job)) == 14
    assert ok and set(steps.values()) == {"pass"}, steps
    assert len(steps) == 14
    print(f"lava-run: {took:.1f} s")

    # A wrong expected line (a script u-boot does not find): the banner that
    # follows ends the job at once, the rest is missing, and the job fails.
    bad = copy.deepcopy(job)
    test = bad["actions"][2]["test"]
    test["interactive"][0]["script"][0]["successes"][0]["message"] = "Found U-Boot script /nope"
    test["timeout"] = {"minutes": 1}
    lines, took = lava_run(bad, device, tmp_path, "bad")
    ok, steps = steps_of(bad, lines)
    assert not ok
    assert steps["u-boot-script"] == "fail" and steps["banner"] == "missing", steps
    # Ended by the line that follows (the step's failure pattern), not by its timeout.
    assert any("Matched a failure" in line and "Bulkhead" in line for line in lines), lines[-20:]
    assert not any("timed out" in line.lower() for line in lines), lines[-20:]
