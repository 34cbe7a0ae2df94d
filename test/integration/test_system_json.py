"""generated/system.json, the system for programs (make lava-job, tests):
it parses, follows the schema and says what the system DTB of the default
build (configs/qemu_arm64.dts) says, read here with fdtget, not through the
generator. No QEMU."""
import json
import os
import re
import subprocess

from conftest import SRC


def fdtget(dtb, *args):
    return subprocess.run(["fdtget", dtb, *args], capture_output=True, text=True,
                          check=True).stdout.split()


def cells(dtb, path, prop):
    return [int(c, 16) for c in fdtget(dtb, "-t", "x", path, prop)]


def test_default_system_json(default_build):
    obj = default_build.objtree
    dtb = os.path.join(obj, "system.dtb")
    with open(os.path.join(obj, "generated", "system.json")) as f:
        sysj = json.load(f)
    with open(os.path.join(SRC, "include", "bulkhead", "version.h")) as f:
        version = re.search(r'#define BULKHEAD_VERSION "(.*)"', f.read()).group(1)
    assert (sysj["board"], sysj["arch"], sysj["nr_cpus"], sysj["version"]) == \
        ("qemu_arm64", "arm64", 4, version)
    assert sysj["source"] == "configs/qemu_arm64.dts"

    # The board's CPUs by the hypervisor's number (their order under /cpus).
    cpu_nodes = [n for n in fdtget(dtb, "-l", "/cpus") if n.startswith("cpu@")]
    cpu_index = {cells(dtb, f"/cpus/{n}", "phandle")[0]: i for i, n in enumerate(cpu_nodes)}
    nodes = [n for n in fdtget(dtb, "-l", "/bulkhead") if n.startswith("partition-")]
    parts = sysj["partitions"]
    assert [p["name"] for p in parts] == ["root", "hello1", "ticker"]
    assert [p["name"] for p in parts] == [n[len("partition-"):] for n in nodes]
    for i, (p, node) in enumerate(zip(parts, nodes)):
        path = f"/bulkhead/{node}"
        mem = cells(dtb, path, "memory")
        assert p["index"] == i
        assert p["cpus"] == [cpu_index[ph] for ph in cells(dtb, path, "cpus")]
        assert p["ram"] == {"base": (mem[0] << 32) | mem[1], "size": (mem[2] << 32) | mem[3]}
        assert p["program"] == fdtget(dtb, path, "program")[0]
        assert p["role"] == ("root" if node == "partition-root" else "child")
    assert [p["cpus"] for p in parts] == [[0], [1, 3], [2]]
    assert [p["ram"]["base"] for p in parts] == [0x44000000, 0x48000000, 0x4a000000]
    assert parts[0]["devices"] == ["virtio_mmio@a003e00"]

    hv = sysj["hypervisor"]
    mem = cells(dtb, "/bulkhead/hypervisor", "memory")
    assert hv["ram"] == {"base": mem[1], "size": mem[3]}
    assert hv["console"] == "pl011@9000000"
    assert hv["image_stores"] == [{"base": 0x40800000, "size": 0x3800000},
                                  {"base": 0x4c000000, "size": 0x3800000}]
    assert hv["rollback_store"] == {"base": 0x7f80000, "size": 0x80000}
    assert sysj["channels"] == [
        {"name": "console-hello1", "provider": "root", "client": "hello1", "class": "console"},
        {"name": "console-ticker", "provider": "root", "client": "ticker", "class": "console"}]
