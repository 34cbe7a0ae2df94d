"""Anti-rollback (issue 5 item 2): a partition's minimum security version
lives in the hypervisor's flash store, is raised only when the root
confirms the partition booted, persists across QEMU runs that share the
flash file, and an image below it is refused while the others boot. A new
version is made on the host by raising bulkhead,security-version in a copy
of this build's FIT and re-signing it with "make sign"."""
import os
import shutil
import subprocess

import pytest

from conftest import SRC, board_variant

# Per emulated board: where the store lies in the flash bank file (the
# board-state-file feature), the size of each of its two copies (half the
# store in whole erase blocks). arm64: the last 512 KiB of bank 1 at
# 0x04000000, 256 KiB blocks; x86: the first 64 KiB of bank 1 at
# 0xffe00000, 4 KiB blocks. The store's address comes from the build.
STORE = {"qemu_arm64": (0x07f80000 - 0x04000000, 0x40000),
         "qemu_x86_64": (0, 0x8000)}


def store_at(build):
    """The rollback store's address as the hypervisor prints it."""
    return f"{build.system()['hypervisor']['rollback_store']['base']:#x}"


def signed_version(tmp_path, part, version, objtree):
    """A copy of the build's FIT with part at version, signed with the build's key."""
    out = str(tmp_path / f"{part}-v{version}.itb")
    shutil.copyfile(os.path.join(objtree, "bulkhead.itb"), out)
    subprocess.run(["fdtput", "-t", "u", out, f"/images/{part}", "bulkhead,security-version",
                    str(version)], check=True)
    r = subprocess.run(["make", "-C", SRC, f"O={objtree}", "-s", "sign", f"SIGN_ITB={out}"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"signed {out}: " in r.stdout
    return out


def booted(con, part, version):
    con.wait_for(r"^\[bulkhead\] %s: verified \(sha256,ecdsa256, key bulkhead, slot A, "
                 r"security version %d\)$" % (part, version), timeout=60)


@pytest.mark.lg_feature("board-state-file")
@pytest.mark.req("BH-RB-1", "BH-RB-2")
def test_minimum_persists_across_runs(board_build, boot, tmp_path):
    default_build = board_build
    at = store_at(board_build)
    store_off, copy_size = STORE[board_build.board]
    flash = str(tmp_path / "board-flash.img")
    v3 = signed_version(tmp_path, "hello1", 3, board_build.objtree)
    with boot(default_build, itb=v3, flash=flash) as con:
        con.wait_for(rf"^\[bulkhead\] rollback store at {at}: empty, generation 0, "
                     r"minima stored: 0$", timeout=60)
        booted(con, "hello1", 3)
        con.wait_for(r"^\[bulkhead\] hello1: minimum security version 0 -> 3 "
                     r"\(stored, generation 1\)$", timeout=60)
        con.wait_for(r"^\[root\] images confirmed$")
    # The old image, on the same board: refused, the rest boots.
    with boot(default_build, flash=flash) as con:
        con.wait_for(rf"^\[bulkhead\] rollback store at {at}: valid, generation 1, "
                     r"minima stored: 1$", timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: image rejected: security version 0 < 3$", timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: not started$")
        booted(con, "root", 0)
        booted(con, "ticker", 0)
        con.wait_for(r"^\[root\] ticker: tick 3$", timeout=60)
        assert con.count(r"^\[bulkhead\] hello1: verified") == 0
        assert con.count(r"^\[hello1\]") == 0
    # Version 5, then a bit flipped in the copy that holds it (a fault, a cut
    # write): the store falls back to the previous record, minimum 3.
    v5 = signed_version(tmp_path, "hello1", 5, board_build.objtree)
    with boot(default_build, itb=v5, flash=flash) as con:
        con.wait_for(r"^\[bulkhead\] hello1: minimum security version 3 -> 5 "
                     r"\(stored, generation 2\)$", timeout=60)
        con.wait_for(r"^\[root\] images confirmed$")
    with open(flash, "r+b") as f:
        f.seek(store_off + copy_size + 20)  # copy 1, inside the first entry's name
        b = f.read(1)
        f.seek(store_off + copy_size + 20)
        f.write(bytes([b[0] ^ 0x01]))
    with boot(default_build, itb=v3, flash=flash) as con:
        con.wait_for(rf"^\[bulkhead\] rollback store at {at}: valid, generation 1, "
                     r"minima stored: 1$", timeout=60)
        booted(con, "hello1", 3)
    # A fresh board takes version 0: the minimum was in that flash, nowhere else.
    with boot(default_build) as con:
        booted(con, "hello1", 0)


@pytest.mark.lg_feature("board-state-file")
@pytest.mark.req("BH-RB-2")
def test_unconfirmed_boot_raises_nothing(boot, tmp_path, board):
    """A root that does not confirm (a trial boot) leaves every minimum as it was."""
    src = open(os.path.join(SRC, f"configs/{board}.dts")).read()
    marker = '\t\t\tprogram = "root";\n'
    assert marker in src
    dts = tmp_path / "noconfirm.dts"
    dts.write_text(src.replace(marker, marker + '\t\t\tbootargs = "no-confirm";\n', 1))
    b = board_variant(board, "noconfirm", str(dts))
    b.make("all")
    at = store_at(b)
    flash = str(tmp_path / "board-flash.img")
    v3 = signed_version(tmp_path, "hello1", 3, objtree=b.objtree)
    with boot(b, itb=v3, flash=flash) as con:
        booted(con, "hello1", 3)
        con.wait_for(r"^\[root\] images not confirmed \(no-confirm\)$", timeout=60)
        con.wait_for(r"^\[root\] root ready$")
        assert con.count(r"minimum security version") == 0
    with boot(b, flash=flash) as con:
        con.wait_for(rf"^\[bulkhead\] rollback store at {at}: empty, generation 0, "
                     r"minima stored: 0$", timeout=60)
        booted(con, "hello1", 0)


@pytest.mark.lg_feature("board-state-file")
@pytest.mark.req("BH-RB-4")
def test_corrupt_store_fails_closed(board_build, boot, tmp_path):
    """Both copies garbage: no minimum can be checked, so nothing starts."""
    default_build = board_build
    at = store_at(board_build)
    store_off, copy_size = STORE[board_build.board]
    flash = str(tmp_path / "board-flash.img")
    shutil.copyfile(os.path.join(board_build.objtree, "flash", board_build.board, "pflash1-erased.img"), flash)
    with open(flash, "r+b") as f:
        for c in range(2):
            f.seek(store_off + c * copy_size)
            f.write(b"\x00" * 64)
    with boot(default_build, flash=flash) as con:
        con.wait_for(rf"^\[bulkhead\] rollback store at {at}: neither copy holds a valid "
                     r"record; no partition can start until it is restored or erased$", timeout=60)
        con.wait_for(r"^\[bulkhead\] root: image rejected: rollback store unreadable$", timeout=60)
        con.wait_for(r"^\[bulkhead\] fatal: root partition root cannot start; system halted$")
        assert con.count(r"^\[bulkhead\] \w+: verified") == 0
