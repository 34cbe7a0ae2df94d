"""Starting the CPUs a system gives partitions (arm64: PSCI CPU_ON to the
firmware; x86: INIT-SIPI-SIPI through the ap-trampoline page). Each shipped
system has a two-vCPU hello1 on cpu1 and cpu3, and ticker on cpu2; on a board with only two CPUs, the missing ones are reported per
partition, hello1's second vCPU answers CPU_ON with INTERNAL_FAILURE instead
of pending forever, and the rest of the system still runs."""
import pytest

from conftest import Build

ON_CPU2 = "ticker"  # in each board's shipped system


def said(part):
    """A child's console line: its own (the emulated UART) or relayed by the
    root over its VMBus console channel."""
    return r"^(?:\[%s\] |\[root\] %s: )" % (part, part)


@pytest.mark.req("BH-TMP-1")
def test_every_cpu_started(board_build, boot):
    with boot(board_build) as con:
        con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(\w+, %s\), 4 CPUs, 3 partitions$"
                     % board_build.board, timeout=120)
        con.wait_for(said("hello1") + r"hello from hello1: cpus 2 ", timeout=60)
        con.wait_for(said("hello1") + r"cpu 1 up$", timeout=30)
        con.wait_for(r"^\[bulkhead\] %s: 1 vCPU, memory " % ON_CPU2,
                     timeout=60)
        con.wait_for(r"^\[root\] ", timeout=60)
        assert con.count(r"did not start|did not answer|CPU_ON failed") == 0, con.text[-3000:]


@pytest.mark.lg_feature("emulator-devices")
@pytest.mark.req("BH-TMP-1", "BH-FLT-5")
def test_missing_cpus_reported_and_the_rest_runs(board_build, boot):
    two = Build(board_build.name, extra=["QEMU_SMP=2"])
    with boot(two) as con:
        con.wait_for(r"^\[bulkhead\] %s: cpu2 did not start \(error -\d+\); the partition "
                     r"will not run$" % ON_CPU2, timeout=120)
        con.wait_for(r"^\[bulkhead\] hello1: cpu3 did not start \(error -\d+\); its vCPU 1 will "
                     r"not run \(CPU_ON answers INTERNAL_FAILURE\)$", timeout=30)
        con.wait_for(said("hello1") + r"cpu 0 up$", timeout=60)
        con.wait_for(said("hello1") + r"cpu 1: CPU_ON failed \(-6\)$", timeout=30)
        con.wait_for(r"^\[root\] ", timeout=60)
        assert con.count(r"^\[bulkhead\] %s: 1 vCPU" % ON_CPU2) == 0
