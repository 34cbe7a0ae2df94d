"""VMBus block end to end: two blkcheck children, each on its own 1 MiB range
of the root's virtio-blk disk, write a pattern, flush, read it back and
print the CRC-32. After QEMU exits the test reads the disk image file: each
range holds exactly its child's pattern, and every byte outside the two
ranges is as it was (the label in sector 0, zeroes elsewhere)."""
import os
import re
import struct
import subprocess
import zlib

import pytest

from conftest import ALL_BOARDS, board_variant, system_dts

MiB = 1 << 20
RANGES = {"blk-a": (1 * MiB, MiB), "blk-b": (5 * MiB, MiB)}

BODY = """
\t\troot: partition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tdevices = <&virtio_mmio31>;
\t\t\tprogram = "root";
\t\t};
\t\ta: partition-a {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "blkcheck";
\t\t};
\t\tb: partition-b {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu2>;
\t\t\tmemory = <0x0 0x4a000000 0x0 0x02000000>;
\t\t\tprogram = "blkcheck";
\t\t};
\t\tvmbus {
\t\t\tcon-a { compatible = "bulkhead,channel"; class = "console"; provider = <&root>; consumer = <&a>; };
\t\t\tcon-b { compatible = "bulkhead,channel"; class = "console"; provider = <&root>; consumer = <&b>; };
\t\t\tblk-a {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "block";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&a>;
\t\t\t\tdata-window = <0x10000>;
\t\t\t\tblock-range = <0x0 0x100000 0x0 0x100000>;
\t\t\t};
\t\t\tblk-b {
\t\t\t\tcompatible = "bulkhead,channel";
\t\t\t\tclass = "block";
\t\t\t\tprovider = <&root>;
\t\t\t\tconsumer = <&b>;
\t\t\t\tdata-window = <0x8000>;
\t\t\t\tblock-range = <0x0 0x500000 0x0 0x100000>;
\t\t\t};
\t\t};
"""


def pattern(size, seed):
    return b"".join(struct.pack("<I", ((i * 2654435761) & 0xffffffff) ^ seed) for i in range(size // 4))


# x86 adds a second disk to the emulated board.
@pytest.mark.parametrize("board", [pytest.param(b, marks=pytest.mark.lg_feature("emulator-devices"))
                                   if b == "qemu_x86_64" else b for b in ALL_BOARDS])
@pytest.mark.req("BH-BUS-4")
def test_block_ranges_written_flushed_and_on_the_host_disk(tmp_path, boot, board):
    extra = []
    if board == "qemu_x86_64":
        # A second disk behind the root's PCI host: labelled, set up, left alone; the
        # channels stay on the first one (each disk has its own queue).
        second = tmp_path / "second.img"
        second.write_bytes(b"SECOND-DISK\n".ljust(1 << 20, b"\0"))
        extra = [f"QEMU_ARGS=-drive if=none,id=disk1,format=raw,file={second} "
                 "-device virtio-blk-pci,drive=disk1,addr=07.0,disable-legacy=on"]
    b = board_variant(board, "vmbus-block", system_dts(tmp_path, BODY, board=board), extra=extra)
    b.make("all")
    board_name, board = board, boot(b, disk_label="BLOCK-TEST")
    con = board.__enter__()
    if board_name == "qemu_x86_64":
        con.wait_for(r"^\[root\] virtio-blk at pci 00:04.0: 32768 sectors \(virtio-pci\)\n"
                     r"\[root\] disk label: BLOCK-TEST$", timeout=60)
        con.wait_for(r"^\[root\] virtio-blk at pci 00:07.0: 2048 sectors \(virtio-pci\)\n"
                     r"\[root\] disk label: SECOND-DISK$")
    if board_name == "zcu102":
        # The disk is the SD card's data partition, after the FAT boot partition.
        con.wait_for(r"^\[root\] sdhci at ff170000: data partition 2: sectors (\d+)\+32768\n"
                     r"\[root\] disk label: BLOCK-TEST$", timeout=60)
    crcs = {}
    for name in ("a", "b"):
        con.wait_for(rf"^\[root\] {name}: blkcheck: 2048 blocks of 512 bytes, (128|64) per request$")
        con.wait_for(rf"^\[root\] {name}: blkcheck: past the end: out of range$", timeout=120)
        m = con.wait_for(rf"^\[root\] {name}: blkcheck: wrote, flushed and read back 1048576 bytes, "
                         r"(\d+) errors, crc32 0x([0-9a-f]{8})$", timeout=120)
        assert m.group(1) == "0"
        crcs[name] = int(m.group(2), 16)
    assert con.count(r"^\[root\] block: ") == 2  # each child's probe past its end, reported once
    # The disk's completions came as interrupts (x86: its INTx through the IOAPIC), not polls;
    # the SD host is polled, without a failed transfer.
    mark = len(con.text)
    if board_name == "zcu102":
        con.send("devices\r")
        con.wait_for(r"^\[root\] sdhci at ff170000: polled, 0 failed transfers$", start=mark)
    elif board_name == "qemu_x86_64":
        # slot 4, INTA: PIRQ E, IOAPIC pin 20 (the q35 DT's interrupt-map); vector 0x90 + pin.
        con.wait_for(r"^\[root\] virtio-blk at pci 00:04.0: INTx on line 20 \(interrupt 164\)$")
        where, intid = "pci 00:04.0", 164
    else:
        where, intid = "0xa003e00", 79  # virtio_mmio31: SPI 47
    if board_name != "zcu102":
        con.send("devices\r")
        m = con.wait_for(rf"^\[root\] virtio-blk at {re.escape(where)}: interrupt {intid}, (\d+) taken$",
                         start=mark)
        assert 1 <= int(m.group(1)) < 100000, m.group(0)
    board.__exit__(None)

    disk = board.read_disk()
    assert len(disk) == 16 * MiB
    if board_name == "zcu102":
        # The card's boot partition still holds what u-boot boots: the FIT byte for byte.
        fit = subprocess.run(["mtype", "-i", f"{board.boot_img}@@1M", "::/bulkhead-a.itb"],
                             capture_output=True, check=True, env=dict(os.environ, MTOOLS_SKIP_CHECK="1")).stdout
        with open(os.path.join(b.objtree, "bulkhead.itb"), "rb") as f:
            assert fit == f.read()
    # Seeds: 0xb10c0000 + the channel's local index in the child (console 0, block 1).
    for name, (off, size) in (("a", RANGES["blk-a"]), ("b", RANGES["blk-b"])):
        want = pattern(size, 0xb10c0001)
        got = disk[off:off + size]
        assert got == want, f"{name}: range differs from the pattern"
        assert zlib.crc32(got) == crcs[name]
    outside = disk[:1 * MiB] + disk[2 * MiB:5 * MiB] + disk[6 * MiB:]
    assert outside.startswith(b"BLOCK-TEST\n")
    assert outside[len(b"BLOCK-TEST\n"):].count(0) == len(outside) - len(b"BLOCK-TEST\n")
