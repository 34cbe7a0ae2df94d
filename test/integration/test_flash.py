"""Flashing a board (issue 19 item 4, docs/flashing.md): the Zynq
UltraScale+ SD card image read back (MBR, FAT32, boot.scr, the slots' FITs,
BOOT.BIN), the same card booted by u-boot under QEMU, the TFTP development
loop, and make flash DEVICE='s refusals and its write to a loop device.

BOOT.BIN is checked for its structure only (dumpimage -l): TF-A is the real
one, built from Debian's source, but the PMU firmware, the first-stage
loader and u-boot are stand-ins, since no real board runs here."""
import os
import re
import shutil
import struct
import subprocess
import time

import pytest

from conftest import SRC, Build

SD_NO_BOOTBIN = (
    "warning: qemu_arm64: no PMU firmware (PMUFW=<pmufw.elf>), so {img} has no BOOT.BIN and will not "
    "boot a real board (QEMU needs none). Debian ships no PMU firmware: build it from Xilinx's embeddedsw "
    "repository (lib/sw_apps/zynqmp_pmufw) or take pmufw.elf from a Vitis or PetaLinux build, as UG1137 "
    "(Zynq UltraScale+ MPSoC Software Developer Guide, PMU Firmware) describes; docs/flashing.md")


def run(*cmd, check=True, env=None):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if check and r.returncode:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}")
    return r


def stores(build):
    mk = open(os.path.join(build.objtree, "generated/system.mk")).read()
    a = re.search(r"^HV_STORE_BASE := (\S+)$", mk, re.M).group(1)
    b = re.search(r"^HV_STORE_B_BASE := (\S+)$", mk, re.M)
    return a, b.group(1) if b else None


def read_mbr(img):
    with open(img, "rb") as f:
        mbr = f.read(512)
    assert mbr[510:512] == b"\x55\xaa"
    parts = []
    for i in range(4):
        e = mbr[446 + 16 * i:462 + 16 * i]
        boot, ptype = e[0], e[4]
        start, count = struct.unpack("<II", e[8:16])
        parts.append((boot, ptype, start, count))
    return parts


def fat_files(img):
    """{name: bytes} of the first partition's root directory (mtools)."""
    out = run("mdir", "-b", "-i", f"{img}@@1M", "::/").stdout.split()
    files = {}
    for p in out:
        name = p.split("/")[-1]
        files[name] = subprocess.run(["mtype", "-i", f"{img}@@1M", f"::/{name}"],
                                     capture_output=True, check=True).stdout
    return files


def script_text(scr, tmp_path):
    """The commands of a u-boot script image (dumpimage: a length word list, then the text)."""
    out = tmp_path / (os.path.basename(scr) + ".txt")
    run("dumpimage", "-T", "script", "-p", "0", "-o", str(out), scr)
    data = out.read_bytes()
    assert data[4:8] == b"\0\0\0\0"
    return data[8:8 + struct.unpack(">I", data[:4])[0]].decode()


@pytest.fixture(scope="module")
def fw(tmp_path_factory):
    """Stand-ins for the PMU firmware, the FSBL (or SPL) and u-boot.elf:
    tiny files where the real ones would be, linked where those run."""
    d = tmp_path_factory.mktemp("fw")
    (d / "loop.S").write_text(".global _start\n_start: b _start\n.space 1020\n")
    for name, at in (("fsbl.elf", "0xfffc0000"), ("u-boot.elf", "0x8000000")):
        run("aarch64-linux-gnu-gcc", "-nostdlib", "-static", f"-Wl,-Ttext={at}", "-Wl,--build-id=none",
            "-o", str(d / name), str(d / "loop.S"))
    run("aarch64-linux-gnu-objcopy", "-O", "binary", str(d / "fsbl.elf"), str(d / "u-boot-spl.bin"))
    (d / "pmufw.bin").write_bytes(bytes(range(256)) * 16)
    return d


def test_sd_image_structure(default_build, tmp_path):
    img = str(tmp_path / "sd.img")
    r = default_build.make("flash", "BOOT_MEDIUM=sd", f"BOOT_IMG={img}", f"FLASH_IMG={tmp_path}/flash.img")
    assert f"qemu_arm64: SD card image {img} (slot A: bulkhead.itb, slot B: bulkhead.itb), flash bank" in r.stdout
    assert SD_NO_BOOTBIN.format(img=img) in r.stderr.splitlines()
    size = os.path.getsize(img)
    assert size >= 128 << 20 and size & (size - 1) == 0, "QEMU's SD model wants a power of two"
    parts = read_mbr(img)
    # The FAT boot partition, then the root's disk (make's DISK_IMG, 16 MiB) as
    # the data partition at the end of the card, the only part block channels reach.
    data = 16 << 20 >> 9
    assert parts[0] == (0x80, 0x0C, 2048, (size >> 9) - 2048 - data)
    assert parts[1] == (0, 0xDA, (size >> 9) - data, data)
    assert parts[2:] == [(0, 0, 0, 0)] * 2
    with open(img, "rb") as f:
        f.seek(size - (data << 9))
        assert f.read(len(b"BULKHEAD-DISK\n")) == b"BULKHEAD-DISK\n"
    info = run("minfo", "-i", f"{img}@@1M", "::").stdout
    assert 'disk label="BULKHEAD   "' in info and 'disk type="FAT32   "' in info
    files = fat_files(img)
    assert sorted(files) == ["boot.scr", "bulkhead-a.itb", "bulkhead-b.itb"]
    itb = open(os.path.join(default_build.objtree, "bulkhead.itb"), "rb").read()
    assert files["bulkhead-a.itb"] == itb and files["bulkhead-b.itb"] == itb
    (tmp_path / "boot.scr").write_bytes(files["boot.scr"])
    a, b = stores(default_build)
    dev = "${devtype} ${devnum}:${distro_bootpart}"
    assert script_text(str(tmp_path / "boot.scr"), tmp_path) == (
        f"echo Bulkhead: image slots from {dev}\n"
        f"load {dev} {a} /bulkhead-a.itb\n"
        f"load {dev} {b} /bulkhead-b.itb\n"
        f"bootm {a}#hypervisor - ${{fdtcontroladdr}} || bootm {b}#hypervisor - ${{fdtcontroladdr}}\n")


def test_sd_image_boots_through_uboot(boot, tmp_path):
    """The SD card's FAT partition and boot.scr, booted by Debian's
    qemu_arm64 u-boot from a virtio disk (the ZCU102's u-boot reads the
    same card as mmc 0:1)."""
    b = Build("default", extra=["BOOT_MEDIUM=sd"])
    with boot(b) as con:
        con.wait_for(r"^Found U-Boot script /boot\.scr$", timeout=60)
        con.wait_for(r"^Bulkhead: image slots from virtio 0:1$")
        con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, ", timeout=60)
    assert 'disk type="FAT32   "' in run("minfo", "-i", f"{tmp_path}/boot.img@@1M", "::").stdout


def test_boot_bin_fsbl(default_build, fw, tmp_path):
    """BOOT.BIN with an FSBL: PMU firmware, FSBL, TF-A at EL3, u-boot at EL2,
    and the SD card carries it."""
    args = [f"PMUFW={fw}/pmufw.bin", f"FSBL={fw}/fsbl.elf", f"ZYNQMP_UBOOT={fw}/u-boot.elf"]
    r = default_build.make("boot-bin", *args)
    firmware = os.path.join(default_build.objtree, "flash/qemu_arm64/firmware")
    bootbin = os.path.join(firmware, "BOOT.BIN")
    assert f"qemu_arm64: {bootbin} (FSBL {fw}/fsbl.elf, PMU firmware {fw}/pmufw.bin" in r.stdout
    listing = run("dumpimage", "-l", bootbin).stdout
    assert "PMUFW Size   : 4096 bytes" in listing
    assert re.search(r"Image Size   : 1024 bytes.*\n.*\nImage Load   : 0xfffc0000", listing)
    assert re.search(r"Load       : 0xfffea000\n    Attributes : EL3 secure", listing), listing
    assert re.search(r"Load       : 0x08000000\n    Attributes : EL2", listing), listing
    img = str(tmp_path / "sd.img")
    r = default_build.make("flash", "BOOT_MEDIUM=sd", f"BOOT_IMG={img}", f"FLASH_IMG={tmp_path}/flash.img", *args)
    assert "warning" not in r.stderr
    files = fat_files(img)
    assert sorted(files) == ["BOOT.BIN", "boot.scr", "bulkhead-a.itb", "bulkhead-b.itb"]
    assert files["BOOT.BIN"] == open(bootbin, "rb").read()


def test_boot_bin_spl(default_build, fw, tmp_path):
    """BOOT.BIN with u-boot's SPL: PMU firmware and SPL; TF-A and u-boot go
    to u-boot.itb, the FIT the SPL loads from the card."""
    args = [f"PMUFW={fw}/pmufw.bin", f"ZYNQMP_SPL={fw}/u-boot-spl.bin", f"ZYNQMP_UBOOT={fw}/u-boot.elf"]
    default_build.make("boot-bin", *args)
    firmware = os.path.join(default_build.objtree, "flash/qemu_arm64/firmware")
    listing = run("dumpimage", "-l", os.path.join(firmware, "BOOT.BIN")).stdout
    assert "PMUFW Size   : 4096 bytes" in listing and "Image Load   : 0xfffc0000" in listing
    assert "Attributes : EL3" not in listing
    fit = run("dumpimage", "-l", os.path.join(firmware, "u-boot.itb")).stdout
    assert re.search(r"OS:           ARM Trusted Firmware\n  Load Address: 0xfffea000", fit), fit
    assert re.search(r"OS:           U-Boot\n  Load Address: 0x08000000", fit), fit
    assert "Firmware:     atf" in fit and "Loadables:    uboot" in fit
    img = str(tmp_path / "sd.img")
    default_build.make("flash", "BOOT_MEDIUM=sd", f"BOOT_IMG={img}", f"FLASH_IMG={tmp_path}/flash.img", *args)
    files = fat_files(img)
    assert sorted(files) == ["BOOT.BIN", "boot.scr", "bulkhead-a.itb", "bulkhead-b.itb", "u-boot.itb"]
    # u-boot's own spl/boot.bin (a boot image already) gives the same BOOT.BIN.
    spl_boot = tmp_path / "spl-boot.bin"
    spl_boot.write_bytes(files["BOOT.BIN"])
    default_build.make("boot-bin", f"PMUFW={fw}/pmufw.bin", f"ZYNQMP_SPL={spl_boot}", f"ZYNQMP_UBOOT={fw}/u-boot.elf")
    assert open(os.path.join(firmware, "BOOT.BIN"), "rb").read() == files["BOOT.BIN"]


def test_boot_bin_names_what_is_missing(default_build, fw):
    r = default_build.make("boot-bin", f"FSBL={fw}/fsbl.elf", f"ZYNQMP_UBOOT={fw}/u-boot.elf", check=False)
    assert r.returncode
    assert "make-zynqmp-boot: PMUFW is not set (the PMU firmware; Debian ships none: docs/flashing.md)" \
        in r.stderr.splitlines()
    r = default_build.make("boot-bin", f"PMUFW={fw}/pmufw.bin", f"ZYNQMP_UBOOT={fw}/u-boot.elf", check=False)
    assert "make-zynqmp-boot: ZYNQMP_SPL is not set (u-boot's SPL, or name an FSBL=)" in r.stderr.splitlines()
    r = default_build.make("boot-bin", f"PMUFW={fw}/pmufw.bin", f"ZYNQMP_SPL={fw}/fsbl.elf",
                           f"ZYNQMP_UBOOT={fw}/u-boot.elf", check=False)
    assert f"make-zynqmp-boot: ZYNQMP_SPL={fw}/fsbl.elf is an ELF, which lacks the SPL's device tree: " \
        "name spl/u-boot-spl.bin or spl/boot.bin of the u-boot build" in r.stderr.splitlines()
    r = default_build.make("boot-bin", f"PMUFW={fw}/nothere.elf", f"FSBL={fw}/fsbl.elf",
                           f"ZYNQMP_UBOOT={fw}/u-boot.elf", check=False)
    assert f"make-zynqmp-boot: PMUFW={fw}/nothere.elf: no such file (the PMU firmware; Debian ships none: " \
        "docs/flashing.md)" in r.stderr.splitlines()


def test_tf_a_source_offline(tmp_path):
    """TF-A's source comes from the download cache like the libraries':
    with BH_OFFLINE=1 an empty cache is named, nothing is fetched."""
    env = dict(os.environ, BH_OFFLINE="1", BH_DL_DIR=str(tmp_path / "dl"))
    r = run(os.path.join(SRC, "scripts/fetch-source"), str(tmp_path / "src"), "tf-a", check=False, env=env)
    assert r.returncode
    assert r.stderr == (f"fetch-source: {tmp_path}/dl/src/arm-trusted-firmware/arm-trusted-firmware_*.orig.tar.* "
                        "is missing and BH_OFFLINE=1 forbids downloading it: run 'make fetch' where the network "
                        "is reachable (docs/offline.md)\n")
    assert not os.path.exists(tmp_path / "src" / "tf-a")


@pytest.mark.lg_feature("emulator-devices")
def test_tftp_loop(default_build, boot, tmp_path):
    """make tftp-script's script, fetched and run by u-boot from QEMU's
    built-in TFTP server (user-mode network, restrict=on: nothing leaves
    the guest), with the u-boot commands docs/flashing.md gives."""
    tftp = tmp_path / "tftp"
    r = default_build.make("tftp-script", f"TFTP_DIR={tftp}")
    assert f"qemu_arm64: TFTP directory {tftp}: boot.scr.uimg" in r.stdout
    a, b = stores(default_build)
    assert script_text(str(tftp / "boot.scr.uimg"), tmp_path) == (
        'if test -z "${ipaddr}"; then setenv autoload no; dhcp; fi\n'
        "echo Bulkhead: image slots from tftp ${serverip}\n"
        f"tftpboot {a} bulkhead-a.itb\n"
        f"tftpboot {b} bulkhead-b.itb\n"
        f"bootm {a}#hypervisor - ${{fdtcontroladdr}} || bootm {b}#hypervisor - ${{fdtcontroladdr}}\n")
    bld = Build("default", extra=[f"QEMU_ARGS=-nic user,model=virtio-net-pci,restrict=on,tftp={tftp}"])
    with boot(bld) as con:
        con.wait_for(r"Hit any key to stop autoboot", timeout=60)
        con.send(" ")
        con.wait_for(r"^=> ", timeout=30)
        con.send("setenv ipaddr 10.0.2.15; setenv serverip 10.0.2.2; "
                 "tftpboot ${scriptaddr} boot.scr.uimg && source ${scriptaddr}\n")
        con.wait_for(r"^Bulkhead: image slots from tftp 10\.0\.2\.2$", timeout=60)
        con.wait_for(r"^\[bulkhead\] root: verified \(sha256,ecdsa256, key bulkhead, slot A, ", timeout=120)


# ---------------------------------------------------------------- make flash DEVICE=

def flash_device(img, dev, **env):
    e = dict(os.environ)
    e.update(env)
    return run(os.path.join(SRC, "scripts/flash-device"), img, dev, check=False, env=e)


@pytest.fixture
def image(tmp_path):
    """A 4 MiB image with a recognisable pattern, and a sparse hole."""
    img = tmp_path / "card.img"
    with open(img, "wb") as f:
        f.write(b"BULKHEAD-CARD\n" * 1000)
        f.truncate(4 << 20)
        f.seek((4 << 20) - 14)
        f.write(b"END-OF-IMAGE\n\n")
    return str(img)


def test_flash_device_refuses_what_is_no_card(image, tmp_path):
    r = flash_device(image, "/dev/bulkhead-no-such-card")
    assert r.returncode and r.stderr == "flash-device: DEVICE=/dev/bulkhead-no-such-card does not exist\n"
    r = flash_device(image, image)
    assert r.returncode and r.stderr == f"flash-device: DEVICE={image} is not a block device\n"
    root = run("findmnt", "-nro", "SOURCE", "--mountpoint", "/", check=False).stdout.strip()
    if root.startswith("/dev/") and os.path.exists(root):
        r = flash_device(image, root)
        assert r.returncode
        assert r.stderr == (f"flash-device: DEVICE={root} holds the host's root file system (/ on {root}): "
                            "refusing to overwrite it\n")


def test_make_flash_device_refuses_before_writing(default_build, tmp_path):
    r = default_build.make("flash", f"FLASH_IMG={tmp_path}/flash.img", f"BOOT_IMG={tmp_path}/boot.img",
                           f"DEVICE={tmp_path}/boot.img", check=False)
    assert r.returncode
    assert f"flash-device: DEVICE={tmp_path}/boot.img is not a block device" in r.stderr.splitlines()


@pytest.fixture
def loopdev(tmp_path, request):
    """A loop device on a 16 MiB file (root only; a test marked
    @pytest.mark.parametrize("loop_mib", ...) names another size); detached
    afterwards."""
    if os.geteuid() != 0:
        pytest.skip("loop devices need root")
    backing = tmp_path / "loop.img"
    with open(backing, "wb") as f:
        f.truncate(getattr(request, "param", 16) << 20)
    r = run("losetup", "-f", "--show", str(backing), check=False)
    if r.returncode:
        pytest.skip("losetup: " + r.stderr.strip())
    dev = r.stdout.strip()
    yield dev, backing
    run("losetup", "-d", dev, check=False)


def test_flash_device_writes_a_card(image, loopdev):
    dev, backing = loopdev
    r = flash_device(image, dev)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == f"  FLASH    {dev} written; remove it only after this line"
    with open(backing, "rb") as f:
        assert f.read(4 << 20) == open(image, "rb").read()


def test_flash_device_refuses_big_small_and_mounted(image, loopdev, tmp_path):
    dev, backing = loopdev
    r = flash_device(image, dev, FLASH_DEVICE_MAX="8M")
    assert r.returncode and r.stderr == (
        f"flash-device: DEVICE={dev} is 16MiB, larger than FLASH_DEVICE_MAX=8M: is it really the card? "
        f"If so, raise the limit (make flash DEVICE={dev} FLASH_DEVICE_MAX=16M)\n")
    big = tmp_path / "big.img"
    with open(big, "wb") as f:
        f.truncate(32 << 20)
    r = flash_device(str(big), dev)
    assert r.returncode and r.stderr == f"flash-device: the image {big} (32MiB) does not fit DEVICE={dev} (16MiB)\n"
    run("mkfs.ext4", "-q", "-F", dev)
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if run("mount", dev, str(mnt), check=False).returncode:
        pytest.skip("cannot mount here")
    try:
        r = flash_device(image, dev)
        assert r.returncode and r.stderr == f"flash-device: DEVICE={dev} is mounted ({dev} on {mnt}): unmount it first\n"
    finally:
        run("umount", str(mnt), check=False)
    # Unmounted, the same device is taken.
    assert flash_device(image, dev).returncode == 0


def test_flash_device_refuses_read_only(image, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("loop devices need root")
    backing = tmp_path / "ro.img"
    with open(backing, "wb") as f:
        f.truncate(16 << 20)
    r = run("losetup", "-r", "-f", "--show", str(backing), check=False)
    if r.returncode:
        pytest.skip("losetup: " + r.stderr.strip())
    dev = r.stdout.strip()
    try:
        r = flash_device(image, dev)
        assert r.returncode and r.stderr == f"flash-device: DEVICE={dev} is read-only (an SD card's lock switch?)\n"
    finally:
        run("losetup", "-d", dev, check=False)


@pytest.mark.parametrize("loopdev", [128], indirect=True)
def test_make_flash_writes_the_sd_card(default_build, loopdev, tmp_path):
    """make flash DEVICE= end to end: the SD card image on a 128 MiB "card"."""
    dev, backing = loopdev
    img = str(tmp_path / "sd.img")
    r = default_build.make("flash", "BOOT_MEDIUM=sd", f"BOOT_IMG={img}", f"FLASH_IMG={tmp_path}/flash.img",
                           f"DEVICE={dev}")
    assert f"  FLASH    {dev} written; remove it only after this line" in r.stdout.splitlines()
    assert open(backing, "rb").read() == open(img, "rb").read()
    assert sorted(fat_files(str(backing))) == ["boot.scr", "bulkhead-a.itb", "bulkhead-b.itb"]


def test_sd_card_made_again_keeps_its_data_partition(default_build, tmp_path):
    """A new FIT makes the card again: the root's data partition, what its
    block channels wrote, is kept; a disk image newer than the card replaces it."""
    img, disk, fit = tmp_path / "sd.img", tmp_path / "disk.img", tmp_path / "a.itb"
    disk.write_bytes(b"FIRST-DISK\n".ljust(16 << 20, b"\0"))
    shutil.copy(os.path.join(default_build.objtree, "bulkhead.itb"), fit)
    args = ["flash", "BOOT_MEDIUM=sd", f"BOOT_IMG={img}", f"DISK_IMG={disk}", f"RUN_ITB={fit}",
            f"FLASH_IMG={tmp_path}/flash.img"]
    past = time.time() - 60
    os.utime(disk, (past, past))
    os.utime(fit, (past, past))
    default_build.make(*args)
    first, count = read_mbr(str(img))[1][2:]
    assert count == 32768
    with open(img, "r+b") as f:
        f.seek(first * 512 + 4096)
        f.write(b"WRITTEN-BY-ROOT")
    later = time.time() + 10  # file times are coarser than these steps
    os.utime(fit, (later, later))  # a new FIT: the card is made again
    assert f"  BOOTDISK {img}" in default_build.make(*args).stdout
    data = open(img, "rb").read()[first * 512:(first + count) * 512]
    assert data.startswith(b"FIRST-DISK\n") and data[4096:4111] == b"WRITTEN-BY-ROOT"
    assert files_equal(fat_files(str(img))["bulkhead-a.itb"], fit)
    disk.write_bytes(b"SECOND-DISK\n".ljust(16 << 20, b"\0"))  # newer than the card: replaces it
    os.utime(disk, (later + 10, later + 10))
    assert f"  BOOTDISK {img}" in default_build.make(*args).stdout
    data = open(img, "rb").read()[first * 512:(first + count) * 512]
    assert data.startswith(b"SECOND-DISK\n") and data[4096:4111] == b"\0" * 15


def files_equal(content, path):
    with open(path, "rb") as f:
        return content == f.read()
