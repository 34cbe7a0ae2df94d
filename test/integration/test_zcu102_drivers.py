"""The root's SD host (sdhci.c) and GEM (gem.c) drivers against QEMU's own
models on -M xlnx-zcu102, before the hypervisor runs on that board: a bare
program (test/bare/zcu102) sets up the card on SD1, reads its label, writes
8 sectors at sector 64 and reads them back, then sets up GEM0, sends a frame
to a UDP socket peer (this test) and prints the frame the peer sends back.
SDSC (byte-addressed, up to 2 GiB) and SDHC (block-addressed) cards are both
QEMU's choice by image size; no card must be reported, not hang.
"""
import os
import socket
import subprocess
import threading

import pytest

from conftest import OBJ, Build

# They run the emulated board themselves (docs/hil.md: the "emulator" feature).
pytestmark = pytest.mark.lg_feature("emulator")

ELF = os.path.join(OBJ, "tests", "bare", "zcu102-drivers.elf")
MAC = bytes.fromhex("0200005a0001")
PEER_MAC = bytes.fromhex("020000000099")
ETH_TEST = b"\x88\xb5"


@pytest.fixture(scope="module")
def elf():
    Build("default").make(ELF)
    return ELF


def udp_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    return s


class Peer(threading.Thread):
    """The other end of the wire: takes one frame, answers it with one of its own."""

    def __init__(self, sock, qemu_port):
        super().__init__(daemon=True)
        self.sock, self.qemu_port, self.got = sock, qemu_port, None

    def run(self):
        self.sock.settimeout(120)
        try:
            self.got, _ = self.sock.recvfrom(4096)
        except OSError:
            return
        reply = MAC + PEER_MAC + ETH_TEST + b"reply from the peer\0"
        self.sock.sendto(reply.ljust(60, b"\0"), ("127.0.0.1", self.qemu_port))


def run_board(tmp_path, elf_path, image):
    peer_sock = udp_socket()
    probe = udp_socket()  # a free port for QEMU's end, released just before QEMU binds it
    qemu_port = probe.getsockname()[1]
    probe.close()
    peer = Peer(peer_sock, qemu_port)
    peer.start()
    console = tmp_path / "console.log"
    cmd = ["timeout", "120", "qemu-system-aarch64", "-M", "xlnx-zcu102", "-m", "2G",
           "-display", "none", "-monitor", "none", "-serial", f"file:{console}",
           "-device", f"loader,file={elf_path},cpu-num=0",
           "-netdev", f"socket,id=n0,udp=127.0.0.1:{peer_sock.getsockname()[1]},"
                      f"localaddr=127.0.0.1:{qemu_port}",
           "-net", "nic,netdev=n0,model=cadence_gem"]
    if image:
        cmd += ["-drive", f"if=sd,index=1,file={image},format=raw"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    peer_sock.close()
    peer.join(5)
    lines = console.read_text().replace("\r", "").splitlines() if console.exists() else []
    assert r.returncode == 0, f"QEMU ended with {r.returncode} (124: timeout):\n{r.stderr}\n" + "\n".join(lines)
    return lines, peer.got


@pytest.mark.parametrize("size,kind,sectors", [(64 << 20, "SDSC", 131072), (4 << 30, "SDHC", 8388608)],
                         ids=["sdsc", "sdhc"])
def test_sd_and_gem(elf, tmp_path, size, kind, sectors):
    image = tmp_path / "sd.img"
    with open(image, "wb") as f:
        f.write(b"ZCU102-SD-LABEL")
        f.truncate(size)
    lines, frame = run_board(tmp_path, elf, image)
    assert lines == [
        "drvtest: start",
        f"sdhci at ff170000: {sectors} sectors ({kind})",
        "disk label: ZCU102-SD-LABEL",
        "sd rw: 8 sectors at 64 read back",
        "gem at ff0b0000: mac 02:00:00:5a:00:01, link up",
        "gem tx: 60 bytes",
        "gem rx: 60 bytes: reply from the peer",
        "drvtest: done",
    ]
    with open(image, "rb") as f:
        f.seek(64 * 512)
        written = f.read(8 * 512)
    assert written[:18] == b"WRITTEN-BY-DRVTEST"
    assert written[512:] == b"".join(bytes([0x41 + i]) * 512 for i in range(7))
    assert frame is not None, "the GEM sent nothing to the peer"
    assert frame[:14] == b"\xff" * 6 + MAC + ETH_TEST
    assert frame[14:30] == b"bulkhead gem tx\0"


def test_no_card(elf, tmp_path):
    lines, frame = run_board(tmp_path, elf, None)
    assert lines[:3] == ["drvtest: start", "sdhci at ff170000: no card",
                         "gem at ff0b0000: mac 02:00:00:5a:00:01, link up"]
    assert lines[-1] == "drvtest: done"
    assert frame is not None
