"""The system picture and map: the build draws build/system.svg (a box per
partition, an arrow per channel from provider to consumer), `make diagram`
draws it alone, and make prints the map once after a generation. No QEMU."""
import os
import re
import subprocess
import xml.etree.ElementTree as ET

from conftest import SRC, Build

SVG = "{http://www.w3.org/2000/svg}"


def fdtget(dtb, *args):
    return subprocess.run(["fdtget", dtb, *args], capture_output=True, text=True,
                          check=True).stdout.split()


def described(dtb):
    """Partitions and channels as the system DTB has them, without the
    generator: {name: phandle}, [(channel, provider phandle, consumer phandle)]."""
    parts = {}
    for node in fdtget(dtb, "-l", "/bulkhead"):
        if node.startswith("partition-"):
            ph = fdtget(dtb, "-t", "x", f"/bulkhead/{node}", "phandle", "-d", "0")
            parts[node[len("partition-"):]] = int(ph[0], 16)
    chans = []
    if "vmbus" in fdtget(dtb, "-l", "/bulkhead"):
        for node in fdtget(dtb, "-l", "/bulkhead/vmbus"):
            path = f"/bulkhead/vmbus/{node}"
            chans.append((node, int(fdtget(dtb, "-t", "x", path, "provider")[0], 16),
                          int(fdtget(dtb, "-t", "x", path, "consumer")[0], 16)))
    return parts, chans


def drawn(svg):
    """From the SVG: {partition: (graph node, its text)}, {channel: (from, to)}."""
    root = ET.parse(svg).getroot()
    nodes, edges = {}, {}
    for g in root.iter(f"{SVG}g"):
        gid, title = g.get("id", ""), g.findtext(f"{SVG}title")
        text = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
        if g.get("class") == "node" and gid.startswith("partition-"):
            nodes[gid[len("partition-"):]] = (title, text)
        elif g.get("class") == "edge" and gid.startswith("channel-"):
            edges[gid[len("channel-"):]] = tuple(title.split("->"))
    return nodes, edges


def check_picture(svg, dtb):
    parts, chans = described(dtb)
    nodes, edges = drawn(svg)
    assert parts and sorted(nodes) == sorted(parts)
    for name, (_, text) in nodes.items():
        assert name in text.split() and "RAM" in text
    by_phandle = {ph: nodes[name][0] for name, ph in parts.items()}
    assert sorted(edges) == sorted(c[0] for c in chans)
    for name, provider, consumer in chans:
        assert edges[name] == (by_phandle[provider], by_phandle[consumer]), name


def test_build_draws_the_system(board_build):
    """make (all) writes system.svg for each shipped board's default system."""
    obj = board_build.objtree
    check_picture(os.path.join(obj, "system.svg"), os.path.join(obj, "system.dtb"))


def test_map_printed_once_per_generation(default_build):
    shown = os.path.join(default_build.objtree, "generated", ".map-shown")
    os.remove(shown)
    out = default_build.make("all").stdout
    parts, chans = described(os.path.join(default_build.objtree, "system.dtb"))
    assert out.count("  MAP      ") == 1
    head = out[out.index("  MAP      "):].splitlines()
    assert re.match(rf"  MAP      \S+: {len(parts)} partitions, {len(chans)} channels$", head[0])
    for name in parts:
        assert any(re.match(rf"    {name} +cpu@\d.* RAM 0x[0-9a-f]+\+\d+ [MG]iB", l) for l in head)
    assert default_build.make("all").stdout.count("MAP") == 0
    os.remove(shown)
    assert "MAP" not in default_build.make("-s", "all").stdout


def test_make_diagram_builds_nothing_else(tmp_path):
    """A fresh folder: the x86 default system drawn with the generator only."""
    b = Build("diagram-x86")
    b.objtree = str(tmp_path / "o")
    b.make("qemu_x86_64_defconfig")
    out = b.make("diagram").stdout
    assert "DOT" in out and "MAP" not in out
    check_picture(os.path.join(b.objtree, "system.svg"), os.path.join(b.objtree, "system.dtb"))
    assert not os.path.exists(os.path.join(b.objtree, "bulkhead.elf"))
    assert not os.path.exists(os.path.join(b.objtree, "partitions"))


def test_readme_picture_is_the_default_system(default_build):
    """docs/system.svg (README) shows configs/qemu_arm64.dts as it is."""
    dtb = os.path.join(default_build.objtree, "tests", "qemu_arm64.dtb")
    pre = subprocess.run(["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp",
                          f"-I{SRC}/configs/boards", f"-I{SRC}/include/dt-bindings",
                          f"{SRC}/configs/qemu_arm64.dts"], capture_output=True, text=True,
                         check=True).stdout
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, "-"], input=pre,
                   text=True, check=True)
    check_picture(os.path.join(SRC, "docs", "system.svg"), dtb)
    assert "configs/qemu_arm64.dts" in open(os.path.join(SRC, "docs", "system.svg")).read()
