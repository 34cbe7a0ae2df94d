"""The hypervisor verifies every partition's images before it runs them
(issue 5 item 2), on every board: each tampered or foreign child is refused with its exact
message while the other partitions boot; a refused root halts the system;
the root prints the measurement log, which matches sha256sum of the files
the build packed. Tampered FITs are made on the host from this build's
bulkhead.its with mkimage, or by flipping bytes of bulkhead.itb."""
import hashlib
import os
import re
import shutil
import subprocess

import pytest

from conftest import board_build_of, flipped_fit


def its_of(build):
    """The FIT source make packed: with a verifying u-boot, the generator's
    plus the hypervisor's signature for u-boot (scripts/Makefile.uboot)."""
    gen = os.path.join(build.objtree, "generated", "bulkhead.its")
    uboot = os.path.join(build.objtree, "generated", "bulkhead-uboot.its")
    if os.path.exists(uboot) and os.path.getmtime(uboot) >= os.path.getmtime(gen):
        return uboot
    return gen


def keys_of(build):
    return os.path.join(build.objtree, "keys")


def config_block(its, part):
    """The text of /configurations/partition-<part> in the .its."""
    m = re.search(r"\t\tpartition-%s \{\n.*?\n\t\t\};\n" % re.escape(part), its, re.S)
    assert m, part
    return m


def make_fit(tmp_path, its, keydir, name="test.itb"):
    src = tmp_path / (name + ".its")
    src.write_text(its)
    out = str(tmp_path / name)
    subprocess.run(["mkimage", "-f", str(src), "-k", keydir, out], check=True, capture_output=True)
    return out


def other_key(tmp_path, name, keys):
    d = tmp_path / ("keys-" + name)
    d.mkdir(exist_ok=True)
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                    str(d / (name + ".pem"))], check=True, capture_output=True)
    for f in os.listdir(keys):  # the build's key too, for the other partitions
        shutil.copy(os.path.join(keys, f), d)
    return str(d)


def image_data(part_file):
    with open(part_file, "rb") as f:
        return f.read()


def assert_others_boot(con, refused):
    for p in ("root", "hello1", "ticker"):
        if p != refused:
            con.wait_for(r"^\[bulkhead\] %s: verified \(sha256,ecdsa256, key bulkhead, slot A," % p,
                         timeout=60)
    con.wait_for(r"^\[root\] ticker: tick 3$", timeout=60)
    assert con.count(r"^\[bulkhead\] %s: verified" % refused) == 0


@pytest.mark.req("BH-IMG-1", "BH-IMG-6")
def test_good_images_verified_and_measured(board_build, boot):
    with boot(board_build) as con:
        for p in ("root", "hello1", "ticker"):
            con.wait_for(r"^\[bulkhead\] %s: verified \(sha256,ecdsa256, key bulkhead, slot A, "
                         r"security version 0\)$" % p, timeout=60)
        con.wait_for(r"^\[root\] measured: ticker fdt ", timeout=60)
        files = {("root", "image"): "partitions/root/root.bin", ("root", "fdt"): "partitions/root.dtb",
                 ("hello1", "image"): "partitions/hello/hello.bin",
                 ("hello1", "fdt"): "partitions/hello1.dtb",
                 ("ticker", "image"): "partitions/ticker/ticker.bin",
                 ("ticker", "fdt"): "partitions/ticker.dtb"}
        for (part, kind), f in files.items():
            data = image_data(os.path.join(board_build.objtree, f))
            con.wait_for(r"^\[root\] measured: %s %s slot A version 0 size %d sha256 %s$"
                         % (part, kind, len(data), hashlib.sha256(data).hexdigest()))


@pytest.mark.req("BH-IMG-2", "BH-IMG-3")
def test_flipped_bit_in_child_refused(board_build, boot, tmp_path):
    itb = flipped_fit(board_build.objtree, "hello", tmp_path / "flipped.itb")
    with boot(board_build, itb=itb) as con:
        con.wait_for(r"^\[bulkhead\] hello1: image rejected: hash mismatch$", timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: not started$")
        assert_others_boot(con, "hello1")


@pytest.mark.parametrize("case,message", [
    ("other-key", "unknown key"),
    ("other-key-same-name", "signature mismatch"),
    ("unsigned", "unsigned"),
    ("raised-version", "signature mismatch"),
])
@pytest.mark.req("BH-IMG-1", "BH-IMG-3", "BH-CON-4")
def test_foreign_child_refused(board_build, boot, tmp_path, case, message):
    its = open(its_of(board_build)).read()
    m = config_block(its, "hello1")
    block = m.group(0)
    keydir = keys_of(board_build)
    if case == "other-key":
        keydir = other_key(tmp_path, "other", keydir)
        block = block.replace('key-name-hint = "bulkhead"', 'key-name-hint = "other"')
    elif case == "unsigned":
        block = re.sub(r"\t\t\tsignature-1 \{.*?\};\n", "", block, flags=re.S)
    its = its[:m.start()] + block + its[m.end():]
    itb = make_fit(tmp_path, its, keydir)
    if case == "other-key-same-name":
        # hello1's configuration signed by another key that calls itself "bulkhead"
        fake = tmp_path / "fake"
        fake.mkdir()
        subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                        str(fake / "bulkhead.pem")], check=True, capture_output=True)
        forged = make_fit(tmp_path, its, str(fake), "forged.itb")
        sig = subprocess.run(["fdtget", "-t", "bx", forged, "/configurations/partition-hello1/signature-1",
                              "value"], check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["fdtput", "-t", "bx", itb, "/configurations/partition-hello1/signature-1",
                        "value"] + sig, check=True)
    if case == "raised-version":
        # A higher security version written into a signed FIT, without the key.
        subprocess.run(["fdtput", "-t", "u", itb, "/images/hello1", "bulkhead,security-version", "9"],
                       check=True)
    with boot(board_build, itb=itb) as con:
        con.wait_for(r"^\[bulkhead\] hello1: image rejected: %s$" % message, timeout=60)
        assert_others_boot(con, "hello1")


@pytest.mark.lg_feature("self-power-off")
@pytest.mark.req("BH-IMG-3")
def test_refused_root_halts_system(board_build, boot, tmp_path):
    itb = flipped_fit(board_build.objtree, "root", tmp_path / "root.itb", mask=0x80)
    bd = boot(board_build, itb=itb)
    with bd as con:
        con.wait_for(r"^\[bulkhead\] root: image rejected: hash mismatch$", timeout=60)
        con.wait_for(r"^\[bulkhead\] fatal: root partition root cannot start; system halted$")
        # ... and the board is off (PSCI SYSTEM_OFF; x86: S5 through the DT's PM1a control).
        assert bd.exited(30), "the board did not power off"
        assert con.count(r"^\[root\]") == 0
        assert con.count(r"power-off did not take effect|describes no power-off") == 0


@pytest.mark.req("BH-IMG-1", "BH-IMG-2", "BH-IMG-6")
def test_chunk_hashes_checked(boot, tmp_path):
    """Images packed with signed chunk hashes (4 KiB chunks here, as make
    does with CONFIG_IMAGE_CHUNK_KIB): every chunk is checked, a flipped bit
    names its chunk, a changed chunk hash breaks the signature, and the
    measurement is still the SHA-256 of the whole file. Board-independent
    (core/image.c, core/image_hash.c): qemu_arm64 only."""
    build = board_build_of("qemu_arm64")
    fit = str(tmp_path / "chunked.itb")
    subprocess.run(["mkimage", "-f", its_of(build), fit], check=True, capture_output=True)
    subprocess.run([os.path.join(build.objtree, "tools", "bulkhead-fitchunk"), fit, "4096"],
                   check=True)
    subprocess.run(["mkimage", "-F", "-k", keys_of(build), fit], check=True, capture_output=True)
    shutil.copy(fit, tmp_path / "bulkhead.itb")
    os.makedirs(tmp_path / "partitions" / "hello", exist_ok=True)
    hello = image_data(os.path.join(build.objtree, "partitions/hello/hello.bin"))
    (tmp_path / "partitions" / "hello" / "hello.bin").write_bytes(hello)
    itb = flipped_fit(str(tmp_path), "hello", tmp_path / "tampered.itb")
    lst = subprocess.run(["fdtget", "-t", "bx", itb, "/images/ticker", "bulkhead,chunk-sha256"],
                         check=True, capture_output=True, text=True).stdout.split()
    lst[0] = "%02x" % (int(lst[0], 16) ^ 1)
    subprocess.run(["fdtput", "-t", "bx", itb, "/images/ticker", "bulkhead,chunk-sha256"] + lst,
                   check=True)
    root = image_data(os.path.join(build.objtree, "partitions/root/root.bin"))
    with boot(build, itb=itb) as con:
        con.wait_for(r"^\[bulkhead\] root: %d pieces copied and hashed by 1 CPU \(%d\)$"
                     % (-(-len(root) // 4096) + 1, -(-len(root) // 4096) + 1), timeout=60)
        con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, ",
                     timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: the SHA-256 of its image's chunk at 0x%x is not "
                     r"the signed one$" % (len(hello) // 2 // 4096 * 4096), timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: image rejected: hash mismatch$")
        con.wait_for(r"^\[bulkhead\] ticker: image rejected: signature mismatch$", timeout=60)
        con.wait_for(r"^\[root\] measured: root image slot A version 0 size %d sha256 %s$"
                     % (len(root), hashlib.sha256(root).hexdigest()), timeout=60)
        assert con.count(r"^\[bulkhead\] (hello1|ticker): verified") == 0
