"""A new integrator's first hour: the README's commands in its order, in
one fresh build folder, each boot checked by its banner; configuration
mistakes caught with the file, the line and the symbol; builds that take
every Debian download from the cache (make fetch) and never the network."""
import os
import re
import signal
import stat
import subprocess
import time

import pytest

from conftest import OBJ, SRC

DL = os.path.join(OBJ, "dl")  # the cache every test build shares

# make's goals in the README's order, and the banner each boot must print.
README_ORDER = [
    (["run"], r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, 3 partitions$",
     r"^\[bulkhead\] hello1: 2 vCPUs, memory 0x48000000\+0x2000000, "),
    (["qemu_x86_64_defconfig", "run"],
     r"^\[bulkhead\] Bulkhead \S+ \(x86, qemu_x86_64\), 4 CPUs, \d+ partitions$",
     r"^\[bulkhead\] AMD SVM with nested paging"),
    (["qemu_arm64_defconfig", "run"],
     r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, 3 partitions$",
     r"^\[bulkhead\] hello1: 2 vCPUs, memory 0x48000000\+0x2000000, "),
    (["qemu_arm64_linux_defconfig", "run"],
     r"^\[bulkhead\] Bulkhead \S+ \(arm64, qemu_arm64\), 4 CPUs, \d+ partitions$",
     r"^\[bulkhead\] linux: 2 vCPUs, memory 0x50000000\+0x10000000, "),
]


def no_network_path(tmp_path):
    """A PATH whose apt-get and apt-cache record every call and fail: an
    offline build must not call them."""
    d = tmp_path / "no-apt"
    d.mkdir()
    for tool in ("apt-get", "apt-cache"):
        p = d / tool
        p.write_text(f'#!/bin/sh\necho "{tool} $*" >>{d}/calls\nexit 100\n')
        p.chmod(p.stat().st_mode | stat.S_IEXEC)
    return str(d), d / "calls"


def make_run(objtree, goals, patterns, env, log, timeout=900):
    """Runs make <goals> (the last one "run") as a user types it, reads the
    console until every pattern has appeared, then ends the boot."""
    cmd = ["make", "-j2", "-C", SRC, f"O={objtree}"] + goals
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=env, start_new_session=True)
    os.set_blocking(p.stdout.fileno(), False)
    out = b""
    end = time.time() + timeout
    try:
        while time.time() < end:
            chunk = p.stdout.read()
            if chunk:
                out += chunk
                log.write(chunk)
                text = out.decode("utf-8", "replace").replace("\r", "")
                if all(re.search(pat, text, re.M) for pat in patterns):
                    return text
            elif p.poll() is not None:
                break
            else:
                time.sleep(0.2)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    raise AssertionError(f"make {' '.join(goals)}: no {patterns} (status {p.returncode});"
                         f" output ended:\n{out.decode('utf-8', 'replace')[-4000:]}")


@pytest.mark.lg_feature("emulator")
def test_readme_order_in_one_build_folder(tmp_path):
    """make run, then make <board>_defconfig run for x86, arm64 and arm64
    Linux, in one folder: each command boots the board it just configured
    (the flash bank and disks of the other board are never reused), and,
    after make fetch, without any download."""
    env = dict(os.environ, BH_DL_DIR=DL)
    r = subprocess.run(["make", "-C", SRC, f"O={tmp_path / 'fetch'}", "fetch"], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"download cache {DL}: " in r.stdout
    path, calls = no_network_path(tmp_path)
    env.update(BH_OFFLINE="1", PATH=path + os.pathsep + os.environ["PATH"], RUN_TIMEOUT="900")
    objtree = tmp_path / "build"
    with open(tmp_path / "console.log", "wb") as log:
        for goals, banner, line in README_ORDER:
            text = make_run(objtree, goals, [banner, line], env, log)
            # Exactly this board booted: no banner of another one.
            assert len(re.findall(r"^\[bulkhead\] Bulkhead ", text, re.M)) == 1, text
    assert not calls.exists(), calls.read_text()
    # Each board's run files in a folder of its own, at its own size.
    flash = objtree / "flash"
    assert os.path.getsize(flash / "qemu_arm64" / "pflash1.img") == 64 << 20
    assert os.path.getsize(flash / "qemu_x86_64" / "pflash1.img") == 1 << 20


def test_flash_bank_of_another_board_refused(tmp_path):
    """A flash bank of the wrong size is named and never given to QEMU."""
    other = tmp_path / "pflash-x86.img"
    other.write_bytes(b"\xff" * (1 << 20))
    r = subprocess.run(["make", "-C", SRC, f"O={OBJ}", f"FLASH_IMG={other}", "print-qemu-cmd"],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert (f"error: {other} is 1048576 bytes, but the flash bank of qemu_arm64 is 67108864 "
            "bytes: it belongs to another board") in r.stderr, r.stderr
    assert "qemu-system" not in r.stdout


def test_unknown_kconfig_symbol_is_an_error(tmp_path):
    """A .config line kconfig does not know stops make with file:line."""
    objtree = tmp_path / "build"
    r = subprocess.run(["make", "-C", SRC, f"O={objtree}", "qemu_arm64_defconfig"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    config = objtree / ".config"
    lines = config.read_text().splitlines()
    config.write_text("\n".join(lines + ["CONFIG_NR_CPU=8", "CONFIG_LOG_LEVEL=7"]) + "\n")
    r = subprocess.run(["make", "-C", SRC, f"O={objtree}"], capture_output=True, text=True)
    assert r.returncode != 0
    n = len(lines) + 1
    assert (f"{config}:{n}: unknown symbol CONFIG_NR_CPU; did you mean CONFIG_NR_CPUS?\n"
            in r.stderr), r.stderr
    # A value out of range in a defconfig is caught with the rest.
    defconfig = tmp_path / "x_defconfig"
    defconfig.write_text("CONFIG_ARCH_ARM64=y\nCONFIG_BOARD_QEMU_X86_64=y\nCONFIG_LOG_LEVEL=7\n")
    r = subprocess.run(["/usr/bin/python3", os.path.join(SRC, "scripts/kconfig-check"),
                        os.path.join(SRC, "Kconfig"), str(defconfig)],
                       capture_output=True, text=True, env=dict(os.environ, srctree=SRC))
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"{defconfig}:2: CONFIG_BOARD_QEMU_X86_64=y cannot hold: it depends on ARCH_X86_64, "
        "which this configuration does not set",
        f"{defconfig}:3: CONFIG_LOG_LEVEL=7 is outside its range 0..3"], r.stderr
    # Every shipped defconfig passes the same check.
    for f in sorted(os.listdir(os.path.join(SRC, "configs"))):
        if f.endswith("_defconfig"):
            r = subprocess.run(["/usr/bin/python3", os.path.join(SRC, "scripts/kconfig-check"),
                                os.path.join(SRC, "Kconfig"), os.path.join(SRC, "configs", f)],
                               capture_output=True, text=True, env=dict(os.environ, srctree=SRC))
            assert r.returncode == 0, f + r.stderr


def test_every_kconfig_prompt_has_help():
    import kconfiglib
    os.environ["srctree"] = SRC
    kconf = kconfiglib.Kconfig(os.path.join(SRC, "Kconfig"), warn_to_stderr=False)
    bare = [f"{n.filename}:{n.linenr}: {n.prompt[0]}" for n in kconf.node_iter()
            if n.prompt and isinstance(n.item, (kconfiglib.Symbol, kconfiglib.Choice))
            and not getattr(n, "help", None)]
    assert bare == []
    board = next(n for n in kconf.node_iter()
                 if n.item == kconfiglib.MENU and n.prompt[0] == "Board")
    inside = set()
    n = board.list
    while n:
        if isinstance(n.item, kconfiglib.Choice):
            inside.add(n.prompt[0])
        elif isinstance(n.item, kconfiglib.Symbol):
            inside.add(n.item.name)
        n = n.next
    assert {"Architecture", "Board", "NR_CPUS"} <= inside, inside


def test_offline_build_names_what_the_cache_lacks(tmp_path):
    """BH_OFFLINE=1 with an empty cache: the build stops at the first
    download it would need, naming the file, and calls no apt."""
    path, calls = no_network_path(tmp_path)
    env = dict(os.environ, BH_OFFLINE="1", BH_DL_DIR=str(tmp_path / "empty-dl"),
               PATH=path + os.pathsep + os.environ["PATH"])
    r = subprocess.run(["make", "-C", SRC, f"O={tmp_path / 'build'}", "qemu_arm64_defconfig", "all"],
                       capture_output=True, text=True, env=env)
    assert r.returncode != 0
    dl = tmp_path / "empty-dl"
    assert re.search(rf"^fetch-source: (neither {dl}/src/device-tree-compiler/device-tree-compiler_"
                     rf"\*\.orig\.tar\.\* nor {dl}/src/u-boot/u-boot_\*\.orig\.tar\.\* is there "
                     r"\(libfdt's sources\)|"
                     rf"{dl}/src/mbedtls/mbedtls_\*\.orig\.tar\.\* is missing)"
                     r".* BH_OFFLINE=1 forbids downloading", r.stderr, re.M), r.stderr
    assert not calls.exists(), calls.read_text()


def test_log_level_filters_at_build_time(tmp_path):
    """CONFIG_LOG_LEVEL decides which of the hypervisor's lines exist at all:
    at 0 only errors (and the banner), at 3 also the debug lines."""
    objtree = tmp_path / "build"
    r = subprocess.run(["make", "-C", SRC, f"O={objtree}", "qemu_arm64_defconfig"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    config = objtree / ".config"
    lines = {
        "error": b"%s: cannot set up its address space; not started",
        "warning": b"%s: started again (start %u)",
        "info": b"%s: %u vCPU%s, memory 0x%llx+0x%llx, image 0x%x bytes, entry 0x%llx",
        "debug": b"%s: maps 0x%llx+0x%llx at 0x%llx (flags 0x%x)",
    }
    for level, kept in ((0, {"error"}), (1, {"error", "warning"}),
                        (3, {"error", "warning", "info", "debug"})):
        text = re.sub(r"^CONFIG_LOG_LEVEL=.*$", f"CONFIG_LOG_LEVEL={level}",
                      config.read_text(), flags=re.M)
        config.write_text(text)
        obj = objtree / "core" / "partition.o"
        r = subprocess.run(["make", "-C", SRC, f"O={objtree}", str(obj)],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        data = obj.read_bytes()
        assert {k for k, s in lines.items() if s in data} == kept, level
