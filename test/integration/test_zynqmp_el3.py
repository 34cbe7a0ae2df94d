"""The ZynqMP EL3 stand-in (tools/emu/zynqmp-el3, emulation only) on QEMU's
xlnx-zcu102 with EL3 (secure=on): an EL2 test payload, where u-boot.elf
would be, makes the platform-management and PSCI calls u-boot and Bulkhead
make and prints every answer on UART0."""
import os
import subprocess
import time

import pytest
from conftest import Build

# They run the emulated board themselves (docs/hil.md: the "emulator" feature).
pytestmark = pytest.mark.lg_feature("emulator")

QEMU = ["qemu-system-aarch64", "-M", "xlnx-zcu102,virtualization=on,secure=on", "-m", "4G",
        "-nographic", "-nic", "none", "-monitor", "none"]

# Exactly these lines, in this order (the payload starts one CPU at a time).
EXPECTED = """\
el3-test: cpu 0 at EL2, MPIDR 0x80000000, x0 0x0
el3-test: PM_GET_API_VERSION: status 0 payload 0x10001
el3-test: PM_MMIO_READ BOOT_MODE_USER: status 0 payload 0xe
el3-test: PM_MMIO_WRITE BOOT_PIN_CTRL: status 0 payload 0x0
el3-test: PM_MMIO_READ BOOT_PIN_CTRL: status 0 payload 0x200
el3-test: PM_MMIO_READ CRF RST_FPD_APU: status 2002 payload 0x0
el3-test: PM_GET_CHIPID: status 0 payload 0x4738093 0x3
el3-test: PM_FEATURE_CHECK PM_IOCTL: status 0 payload 0x1
el3-test: PM_REQUEST_NODE UART0: status 0 payload 0x0
el3-test: PM api 99: status -1 payload 0xffffffff
el3-test: PSCI_VERSION: 0x10001
el3-test: PSCI_FEATURES CPU_ON: 0, CPU_SUSPEND: -1
el3-test: cpu 0 GIC: PMR 0xf0, SGI 1 acknowledged as 1
el3-test: cpu 1 at EL2, MPIDR 0x80000001, context 0x1
el3-test: cpu 1 GIC: PMR 0xf0, SGI 1 acknowledged as 1
el3-test: CPU_ON cpu 1: 0
el3-test: cpu 2 at EL2, MPIDR 0x80000002, context 0x2
el3-test: cpu 2 GIC: PMR 0xf0, SGI 1 acknowledged as 1
el3-test: CPU_ON cpu 2: 0
el3-test: cpu 3 at EL2, MPIDR 0x80000003, context 0x3
el3-test: cpu 3 GIC: PMR 0xf0, SGI 1 acknowledged as 1
el3-test: CPU_ON cpu 3: 0
el3-test: CPU_ON cpu 2: -4
el3-test: CPU_ON cpu 4: -2
el3-test: AFFINITY_INFO cpu 1: 0
el3-test: AFFINITY_INFO cpu 2: 0
el3-test: AFFINITY_INFO cpu 3: 0
el3-test: AFFINITY_INFO cpu 1: 1
el3-test: cpu 1 at EL2, MPIDR 0x80000001, context 0x101
el3-test: cpu 1 GIC: PMR 0xf0, SGI 1 acknowledged as 1
el3-test: CPU_ON cpu 1: 0
el3-test: AFFINITY_INFO cpu 1: 0
""".splitlines()


@pytest.fixture(scope="module")
def emu():
    b = Build("default")
    b.make("emu-firmware")
    d = os.path.join(b.objtree, "emu")
    return os.path.join(d, "zynqmp-el3.elf"), os.path.join(d, "zynqmp-el3-test.elf")


def start(emu, tmp_path, extra):
    standin, payload = emu
    log = tmp_path / "uart0.log"
    cmd = ["timeout", "-k", "10", "300"] + QEMU + [
        "-serial", f"file:{log}", "-serial", "null",
        "-device", f"loader,file={standin},cpu-num=0",
        "-device", f"loader,file={payload}"] + extra
    env = dict(os.environ, QEMU_AUDIO_DRV="none")
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    return p, log


def lines(log):
    try:
        return log.read_text(errors="replace").replace("\r", "").splitlines()
    except FileNotFoundError:
        return []


def wait_line(p, log, line, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if line in lines(log):
            return
        if p.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"no {line!r} on UART0; it had:\n" + "\n".join(lines(log)))


def wait_exit(p, timeout=240):
    """QEMU's exit status once it ends by itself (semihosting SYSTEM_OFF); killed if it does not."""
    try:
        return p.wait(timeout=timeout)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def test_calls_answered_and_system_off_ends_qemu(emu, tmp_path):
    """Semihosting on: SYSTEM_OFF ends QEMU with status 0."""
    p, log = start(emu, tmp_path, ["-semihosting-config", "enable=on,target=native"])
    rc = wait_exit(p)
    assert lines(log) == EXPECTED + ["el3-test: SYSTEM_OFF"], "\n".join(lines(log))
    assert rc == 0, p.stderr.read().decode(errors="replace")


def test_system_reset_without_semihosting_parks(emu, tmp_path):
    """No semihosting: SYSTEM_RESET holds every CPU in reset and QEMU keeps
    running, silent (the harness stops it); the call never returns."""
    p, log = start(emu, tmp_path, ["-device", "loader,addr=0x9000000,data=1,data-len=4"])
    try:
        wait_line(p, log, "el3-test: SYSTEM_RESET", 240)
        time.sleep(2)
        assert p.poll() is None, "QEMU ended by itself"
        assert lines(log) == EXPECTED + ["el3-test: SYSTEM_RESET"], "\n".join(lines(log))
    finally:
        p.terminate()
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def test_cpu_off_on_cycles(emu, tmp_path):
    """CPU_ON right after CPU_OFF, 300 times: QEMU powers a CPU off only at
    its next instruction block, a release before that is lost, and the
    stand-in must notice and release it again (about 1 in 100 cycles)."""
    p, log = start(emu, tmp_path, ["-semihosting-config", "enable=on,target=native",
                                   "-device", "loader,addr=0x9000000,data=2,data-len=4"])
    rc = wait_exit(p)
    assert lines(log) == EXPECTED + ["el3-test: 300 CPU_OFF/CPU_ON cycles, 0 failed",
                                     "el3-test: SYSTEM_OFF"], "\n".join(lines(log)[-5:])
    assert rc == 0
