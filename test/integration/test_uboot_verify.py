"""u-boot verifies the hypervisor (issue 19 item 3): qemu_arm64's default
firmware is u-boot built from Debian's source with the build's u-boot key in
its control DTB, required for configurations. It checks the signature of
/configurations/hypervisor before it boots the hypervisor, and refuses a
hypervisor whose bytes were changed and whose hashes were recomputed,
whether its signature was removed or made with another key of the same
name. The same on zcu102, whose u-boot the build makes from Debian's
source for the ZCU102 (Xilinx's, run on QEMU's model). The changed
hypervisor itself works (signed with the build's u-boot
key, it boots), so only the signature check stops it."""
import hashlib
import os
import subprocess

import pytest

from conftest import SRC, Build, board_build_of

# What u-boot prints for a configuration signature it checked (FIT_VERBOSE):
# the algorithm and key name, "+" for the key that verified it.
VERIFIED = (r"^   Verifying Hash Integrity \.\.\. sha256,rsa3072:bulkhead-uboot\+ OK$")
BANNER = r"^\[bulkhead\] Bulkhead "


@pytest.fixture(scope="module")
def build():
    b = board_build_of("qemu_arm64")
    r = b.make("-s", "print-lg-env")
    # The firmware the test boots is the one built with the key, not Debian's.
    assert os.path.join(b.objtree, "u-boot", "u-boot.bin") in r.stdout, r.stdout
    return b


def fdtget(itb, node, prop, fmt="s"):
    return subprocess.run(["fdtget", "-t", fmt, itb, node, prop], capture_output=True, text=True,
                          check=True).stdout.strip()


def changed_hypervisor(build, tmp_path, how):
    """A copy of the build's FIT whose hypervisor says "Bulkhead 6.6" instead
    of its version, with the hashes recomputed (mkimage -F) and the u-boot
    signature removed ("unsigned"), made with a fresh key that is also called
    bulkhead-uboot ("other-key") or with the build's own u-boot key ("own-key")."""
    with open(os.path.join(build.objtree, "bulkhead.itb"), "rb") as f:
        blob = bytearray(f.read())
    with open(os.path.join(build.objtree, "bulkhead.bin"), "rb") as f:
        hv = f.read()
    at = blob.find(hv)
    assert at > 0 and blob.find(hv, at + 1) < 0
    v = hv.find(b"Bulkhead 0.1 (")
    assert v >= 0
    blob[at + v + 9:at + v + 12] = b"6.6"
    out = str(tmp_path / f"changed-{how}.itb")
    with open(out, "wb") as f:
        f.write(blob)
    if how == "unsigned":
        subprocess.run(["fdtput", "-r", out, "/configurations/hypervisor/signature-uboot"], check=True)
        subprocess.run(["mkimage", "-F", out], check=True, capture_output=True)
    else:
        keys = str(tmp_path / "other-keys")
        if how == "other-key":
            subprocess.run([os.path.join(SRC, "scripts/make-dev-key"), keys, "bulkhead-uboot", "rsa3072"],
                           check=True)
        r = build.make("-s", "sign", f"SIGN_ITB={out}",
                       *([f"SIGN_UBOOT_KEY_DIR={keys}"] if how == "other-key" else []))
        assert "1 for u-boot with key bulkhead-uboot" in r.stdout, r.stdout
    # A consistent FIT: the hash u-boot checks is the changed bytes' own.
    data = bytes(int(x, 16) for x in fdtget(out, "/images/hypervisor", "data", "bx").split())
    assert b"Bulkhead 6.6 (" in data
    digest = bytes(int(x, 16) for x in fdtget(out, "/images/hypervisor/hash-1", "value", "bx").split())
    assert digest == hashlib.sha256(data).digest()
    return out


@pytest.mark.req("BH-IMG-7")
def test_uboot_verifies_the_hypervisor(build, boot):
    with boot(build) as con:
        con.wait_for(r"^   Using 'hypervisor' configuration$", timeout=60)
        con.wait_for(VERIFIED)
        con.wait_for(r"^\[bulkhead\] Bulkhead 0\.1 \(arm64, qemu_arm64\)", timeout=60)
        con.wait_for(r"^\[root\] ticker: tick 2$", timeout=60)


@pytest.mark.parametrize("how,check,why", [
    ("unsigned", r"^   Verifying Hash Integrity \.\.\.  error!$",
     r"^No 'signature' subnode found for '<NULL>' hash node in 'hypervisor' config node$"),
    ("other-key", r"^   Verifying Hash Integrity \.\.\. sha256,rsa3072:bulkhead-uboot-  error!$",
     r"^Verification failed for '<NULL>' hash node in 'hypervisor' config node$"),
])
@pytest.mark.req("BH-IMG-7")
def test_uboot_refuses_a_changed_hypervisor(build, boot, tmp_path, how, check, why):
    itb = changed_hypervisor(build, tmp_path, how)
    # Both slots: u-boot tries slot B when slot A is refused.
    with boot(build, itb=itb, itb_b=itb) as con:
        at = 0
        for store in ("40800000", "4c000000"):
            at = con.wait_for(r"^## Loading kernel from FIT Image at %s \.\.\.$" % store,
                              timeout=60, start=at).end()
            for line in (check, why, r"^Failed to verify required signature 'key-bulkhead-uboot'$",
                         r"^Bad Data Hash$", r"^ERROR: can't get kernel image!$"):
                at = con.wait_for(line, start=at).end()
        con.wait_for(r"^SCRIPT FAILED: continuing\.\.\.$", start=at)
        # u-boot goes on with its boot scan and stops at its prompt.
        con.wait_for(r"^=> ", timeout=60, start=at)
        assert con.count(BANNER) == 0
        assert con.count(r"^\[bulkhead\]") == 0


@pytest.mark.req("BH-IMG-7")
def test_changed_hypervisor_with_the_uboot_key_boots(build, boot, tmp_path):
    """The control for the refusals above: the same changed hypervisor, signed
    with the build's u-boot key, is booted (and is the changed one)."""
    itb = changed_hypervisor(build, tmp_path, "own-key")
    with boot(build, itb=itb, itb_b=itb) as con:
        con.wait_for(VERIFIED, timeout=60)
        con.wait_for(r"^\[bulkhead\] Bulkhead 6\.6 \(arm64, qemu_arm64\)", timeout=60)


def test_one_uboot_build_for_every_build_folder(build):
    """u-boot is built once per source, defconfig, fragment and compiler, in
    the shared download cache; each build folder adds only its own key."""
    other = Build("uboot-second-folder")
    r = other.make("uboot")
    assert "  UBOOT    u-boot_" not in r.stderr, r.stderr  # no second build
    folder = {}
    for b in (build, other):
        with open(os.path.join(b.objtree, "u-boot", "build.path")) as f:
            folder[b.name] = f.read().strip()
    assert folder[build.name] == folder[other.name]
    assert folder[build.name].startswith(os.path.join(os.environ["BH_DL_DIR"], "build", "u-boot") + "/")
    bins = [open(os.path.join(b.objtree, "u-boot", "u-boot.bin"), "rb").read() for b in (build, other)]
    nodtb = open(os.path.join(folder[build.name], "u-boot-nodtb.bin"), "rb").read()
    assert bins[0].startswith(nodtb) and bins[1].startswith(nodtb)
    # Each folder's own development key, required for configurations.
    dtbs = [os.path.join(b.objtree, "u-boot", "u-boot.dtb") for b in (build, other)]
    for dtb in dtbs:
        assert fdtget(dtb, "/signature/key-bulkhead-uboot", "required") == "conf"
        assert fdtget(dtb, "/signature/key-bulkhead-uboot", "algo") == "sha256,rsa3072"
    assert fdtget(dtbs[0], "/signature/key-bulkhead-uboot", "rsa,modulus", "bx") != \
        fdtget(dtbs[1], "/signature/key-bulkhead-uboot", "rsa,modulus", "bx")


@pytest.mark.req("BH-IMG-7")
def test_zcu102_uboot_verifies_and_refuses_a_changed_hypervisor(boot, tmp_path):
    """The ZCU102's u-boot: it checked the signature of the build's own FIT
    (as every zcu102 boot shows), and refuses the unsigned changed one from
    the SD card (its test systems have one image slot), then goes on with
    its boot scan."""
    b = board_build_of("zcu102")
    itb = changed_hypervisor(b, tmp_path, "unsigned")
    with boot(b, itb=itb, itb_b=itb) as con:
        at = con.wait_for(r"^## Loading kernel from FIT Image at 40800000 \.\.\.$",
                          timeout=120).end()
        for line in (r"^   Verifying Hash Integrity \.\.\.  error!$",
                     r"^Failed to verify required signature 'key-bulkhead-uboot'$",
                     r"^ERROR: can't get kernel image!$"):
            at = con.wait_for(line, start=at).end()
        con.wait_for(r"^SCRIPT FAILED: continuing\.\.\.$", start=at)
        assert con.count(BANNER) == 0
        assert con.count(r"^\[bulkhead\]") == 0
