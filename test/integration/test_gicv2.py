"""The GICv2 back end (the ZCU102's GIC-400 is one) on QEMU virt with
gic-version=2 (configs/qemu_arm64_gicv2_defconfig): the default system
boots through u-boot with every kind of interrupt a partition gets going
through the virtual GICv2 — timer PPIs forwarded with the HW bit (the
ticker), SGIs between vCPUs (hello1's second vCPU), doorbells (the
children's console channels), the console UART's SPI at EL2 (the root's
shell answers what is typed). And the guest-visible GIC behaviour hwcheck
checks on the GICv3 (level-sensitive timer and PMU interrupts that stop
being pending when their line drops, through the GICv2's banked
GICD_ISPENDR0; an external abort injected for a bad access) on the GICv2,
before and after a reset of the partition with its interrupts pending."""
import os
import re

import pytest

from conftest import HYPERVISOR_NODE, Build
from test_hwcheck import BODY as HWCHECK_BODY, check_run


@pytest.fixture(scope="module")
def gicv2_build():
    b = Build("gicv2")
    b.make("qemu_arm64_gicv2_defconfig")
    b.make("all")
    b.board = "qemu_arm64"
    return b


def test_default_system_on_gicv2(gicv2_build, boot):
    with open(os.path.join(gicv2_build.objtree, "partitions", "root.dtb"), "rb") as f:
        dtb = f.read()
    # The root's DTB describes a GICv2: the board's compatible, no redistributors.
    assert b"arm,cortex-a15-gic" in dtb and b"arm,gic-v3" not in dtb
    con = boot(gicv2_build).__enter__()
    con.wait_for(r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, 3 partitions$",
                 timeout=120)
    con.wait_for(r"^\[root\] root ready$", timeout=60)
    con.wait_for(r"^\[root\] hello1: cpu 1 up$", timeout=30)
    con.wait_for(r"^\[root\] ticker: tick 3$", timeout=30)
    at = len(con.text)
    con.send("partitions\r")
    con.wait_for(r"^\[root\] partition 1 hello1: running, vCPUs 2/2, epoch 1, restarts 0, stops 0, "
                 r"last stop: none$", start=at, timeout=30)
    ticks = [int(n) for n in re.findall(r"^\[root\] ticker: tick (\d+)$", con.text, re.M)]
    assert ticks[:3] == [1, 2, 3]
    assert con.count(r"^\[bulkhead\] .*(fatal|cannot|unhandled|abort)") == 0


@pytest.mark.req("BH-ISO-2", "BH-ISO-7", "BH-FLT-3")
def test_hwcheck_on_gicv2(gicv2_build, boot, tmp_path):
    dts = tmp_path / "hwcheck-gicv2.dts"
    dts.write_text('#include "qemu_arm64_gicv2.dtsi"\n/ {\n\tbulkhead {\n'
                   '\t\tcompatible = "bulkhead,system-v1";\n\t\thypervisor {\n'
                   + HYPERVISOR_NODE["qemu_arm64"] + "\t\t};\n" + HWCHECK_BODY + "\n\t};\n};\n")
    b = Build("gicv2", system_dts=str(dts))
    b.board = "qemu_arm64"
    b.make("all")
    con = boot(b).__enter__()
    first = con.wait_for(r"^\[bulkhead\] hwcheck: 2 vCPUs, memory ", timeout=120)
    end = check_run(con, first.end())
    again = con.wait_for(r"^\[bulkhead\] hwcheck: started again \(start 2\)$", start=end,
                         timeout=120)
    check_run(con, again.end())
    con.wait_for(r"^\[bulkhead\] oops: data abort: read of 0x49000000, outside its memory and "
                 r"devices at 0x48[0-9a-f]{6}; halted$", timeout=60)
