"""Integration-test harness: builds a system with make (any SYSTEM_DTS, in
its own build folder), boots it through u-boot on the board of a labgrid
environment and gives the test the console.

The board is whatever the environment holds: every board under QEMU
(test/env/qemu.yaml, the default), a rig (test/env/zcu102-rig.yaml) or an
emulated rig (test/env/emulated-rig.yaml). Tests reach it only through
BulkheadStrategy and labgrid's protocols (bulkhead_labgrid.py); what only
an emulator can do is a feature of the environment, which a test asks for
with @pytest.mark.lg_feature(...) (docs/hil.md).

Environment: BH_SRCTREE, BH_OBJTREE (set by "make integration"),
LG_ENV (labgrid environment file, or --lg-env; default test/env/qemu.yaml),
BH_ZYNQMP_UBOOT (another u-boot.elf for the zcu102 tests, from make's
ZYNQMP_UBOOT on its command line; by default each zcu102 build boots the
u-boot it builds from Debian's source).
"""
import json
import os
import re
import struct
import subprocess
import threading
import time

import pytest
from labgrid import Environment

from bulkhead_labgrid import BUILD_LG_VARIABLES, EMULATOR_MAKE_VARIABLES

SRC = os.environ.get("BH_SRCTREE", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))
OBJ = os.environ.get("BH_OBJTREE", os.path.join(SRC, "build"))
# labgrid's own variable, so that its pytest plugin (which skips tests
# whose lg_feature the environment lacks) reads the same file.
LG_ENV = os.environ.setdefault("LG_ENV", os.path.join(SRC, "test/env/qemu.yaml"))
# The build fills the environments' LG_* variables for each boot (make
# print-lg-env); until then they are empty, so the file loads.
for _var in BUILD_LG_VARIABLES:
    os.environ.setdefault(_var, "")
ENV_FEATURES = Environment(LG_ENV).get_target_features()
# "board:<name>": the boards the environment holds; none named: any (an emulator).
ENV_BOARDS = sorted(f.split(":", 1)[1] for f in ENV_FEATURES if f.startswith("board:"))
# Every test build takes Debian's sources and packages from one download
# cache (docs/offline.md): each is fetched once per run, not once per build.
os.environ.setdefault("BH_DL_DIR", os.path.join(OBJ, "dl"))
# Another u-boot for the Zynq UltraScale+ boards (make integration ZYNQMP_UBOOT=...); "": the build's own.
ZYNQMP_UBOOT = os.environ.get("BH_ZYNQMP_UBOOT", "")



def pytest_configure(config):
    # make trace (tools/trace/trace.py) reads these; docs/safety/requirements.md.
    config.addinivalue_line("markers", "req(*ids): the requirements (BH-<AREA>-<n>, "
                            "docs/safety/requirements.md) the test shows")


def require(node, feature, marked=True):
    """A test about to use an environment feature: skipped where the
    environment lacks it. marked: the test must say so in its lg_feature
    marker (what a rig run skips it by before it builds anything), or it
    fails; False for a last step a rig skips after the rest has run (reading
    the disk back on the host)."""
    have = set()
    for m in node.iter_markers("lg_feature"):
        have |= {m.args[0]} if isinstance(m.args[0], str) else set(m.args[0])
    assert feature in have or not marked, (f"{node.nodeid} uses the environment feature {feature!r} "
                                           f"but has no @pytest.mark.lg_feature({feature!r})")
    if feature not in ENV_FEATURES:
        pytest.skip(f"the environment {os.path.basename(LG_ENV)} has no {feature}")


def skip_unless_in_env(board):
    """A build for a board the environment does not hold is skipped, named."""
    if ENV_BOARDS and board not in ENV_BOARDS:
        pytest.skip(f"{board}: the environment {os.path.basename(LG_ENV)} holds {', '.join(ENV_BOARDS)}")


class Build:
    """A build of Bulkhead in its own folder."""

    def __init__(self, name, system_dts=None, extra=()):
        self.name = name
        self.objtree = os.path.join(OBJ, "tests", "builds", name) if name != "default" else OBJ
        self.system_dts = system_dts
        self.extra = list(extra)
        self._board = None

    @property
    def board(self):
        """The board this build is for: as set, or its configuration's."""
        if self._board:
            return self._board
        cfg = os.path.join(self.objtree, ".config")
        m = re.search(r'^CONFIG_BOARD="([^"]*)"$', open(cfg).read(), re.M) if os.path.exists(cfg) else None
        return m.group(1) if m else "qemu_arm64"

    @board.setter
    def board(self, name):
        self._board = name

    def make(self, *targets, check=True):
        cmd = ["make", "-C", SRC, f"O={self.objtree}"]
        if self.system_dts:
            cmd.append(f"SYSTEM_DTS={self.system_dts}")
        if self.board in ZCU_BOARDS and ZYNQMP_UBOOT:
            cmd.append(f"ZYNQMP_UBOOT={ZYNQMP_UBOOT}")
        cmd += self.extra + list(targets)
        r = subprocess.run(cmd, capture_output=True, text=True)
        if check and r.returncode:
            raise AssertionError(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}")
        return r

    def system(self):
        """The generated system (generated/system.json, written with the
        map): board, arch, CPUs, partitions by index with their CPUs and RAM,
        channels. What a boot of this build must show comes from here."""
        with open(os.path.join(self.objtree, "generated", "system.json")) as f:
            return System(json.load(f))

    def lg_env(self, disk, boot_img, itb=None, flash=None, itb_b=None):
        r = self.make("-s", "print-lg-env", f"DISK_IMG={disk}", f"BOOT_IMG={boot_img}",
                      *([f"RUN_ITB={itb}"] if itb else []),
                      *([f"FLASH_IMG={flash}"] if flash else []),
                      *([f"RUN_ITB_B={itb_b}"] if itb_b else []))
        env = {}
        for line in r.stdout.splitlines():
            if line.startswith("LG_"):
                k, v = line.split("=", 1)
                env[k] = v
        return env


class System(dict):
    """A build's generated system, with look-ups the tests share."""

    def partition(self, name):
        return next(p for p in self["partitions"] if p["name"] == name)

    def memory(self, name):
        """A partition's RAM as the partition prints it: 0x<base>+0x<size>."""
        ram = self.partition(name)["ram"]
        return f"0x{ram['base']:x}+0x{ram['size']:x}"

    def banner(self):
        """The hypervisor's banner line as a regex."""
        return (rf"^\[bulkhead\] Bulkhead \S+ \({self['arch']}, {self['board']}\), "
                rf"{self['nr_cpus']} CPUs, {len(self['partitions'])} partitions$")


class Console:
    """The board console as the tests see it: everything read, \\r stripped."""

    def __init__(self, drv, log):
        self.drv = drv
        self.text = ""
        self.log = open(log, "w")

    def _pump(self, timeout, quiet=False):
        """quiet: outside labgrid's step log, whose stack is one thread's
        (ConsoleExpectMixin's _read, which every console driver has)."""
        if self.drv is None:
            return
        try:
            read = self.drv._read if quiet else self.drv.read
            data = read(size=4096, timeout=timeout)
        except Exception:
            return
        if data:
            s = data.decode("utf-8", "replace").replace("\r", "")
            self.text += s
            self.log.write(s)
            self.log.flush()

    def wait_for(self, pattern, timeout=30, start=0):
        """Waits until regex pattern appears after offset start; returns the match."""
        rx = re.compile(pattern, re.M)
        end = time.time() + timeout
        while True:
            m = rx.search(self.text, start)
            if m:
                return m
            if time.time() > end:
                raise AssertionError(f"timeout waiting for {pattern!r}; console was:\n{self.text[-3000:]}")
            self._pump(0.2)

    def count(self, pattern, start=0):
        return len(re.findall(pattern, self.text[start:], re.M))

    def send(self, s):
        self.drv.write(s.encode())


class Board:
    def __init__(self, build, tmp_path, node, disk_label=None, itb=None, flash=None, itb_b=None):
        """node: the test (for its lg_feature markers); itb, itb_b: FITs for
        slots A and B; flash: the board's state file (u-boot env + rollback
        store, an emulator's flash bank); default a fresh copy of the
        build's, so that no test sees another's minima."""
        self.build = build
        self.node = node
        skip_unless_in_env(build.board)
        for var in build.extra:
            feature = EMULATOR_MAKE_VARIABLES.get(var.split("=", 1)[0])
            if feature:
                require(node, feature)
        if flash is not None:
            require(node, "board-state-file")
        self.disk = str(tmp_path / "disk.img")
        # No flash named: a new board, whose erased bank make writes.
        self.flash = flash or str(tmp_path / "flash.img")
        if flash is None and os.path.exists(self.flash):
            os.unlink(self.flash)
        # The root's disk; on an SD card board, make puts it on the card as the
        # data partition (read_disk gives it back after the run).
        with open(self.disk, "wb") as f:
            f.truncate(16 << 20)
            if disk_label:
                f.seek(0)
                f.write(disk_label.encode() + b"\n")
        # The board boots from its own boot medium (make flash's), made anew;
        # the strategy writes it where the environment has a card to write.
        self.boot_img = boot_img = str(tmp_path / "boot.img")
        if os.path.exists(boot_img):
            os.unlink(boot_img)
        os.environ.update(build.lg_env(self.disk, boot_img, itb, self.flash, itb_b))
        self.env = Environment(LG_ENV)
        self.target = self.env.get_target("main")
        self.strategy = self.target.get_driver("BulkheadStrategy")
        self.strategy.image = boot_img
        self.console = Console(None, str(tmp_path / "console.log"))

    def __enter__(self):
        self.strategy.transition("on")
        self.console.drv = self.strategy.console
        return self.console

    def read_disk(self):
        """The root's disk as the board left it (after __exit__): the disk
        image, or on an SD card board the card's data partition (MBR type 0xda)."""
        require(self.node, "host-disk", marked=False)
        if self.build.board not in ZCU_BOARDS:
            with open(self.disk, "rb") as f:
                return f.read()
        with open(self.boot_img, "rb") as f:
            card = f.read()
        assert card[510:512] == b"\x55\xaa", "the SD card has no MBR"
        for i in range(4):
            e = card[446 + 16 * i:462 + 16 * i]
            if e[4] == 0xda:
                first, count = struct.unpack("<II", e[8:16])
                return card[first * 512:(first + count) * 512]
        raise AssertionError("the SD card has no data partition")

    def exited(self, timeout):
        """Whether the board turned itself off (powered off, or reset under
        -no-reboot) within timeout seconds; the console is read meanwhile."""
        require(self.node, "self-power-off")
        power = self.strategy.power
        end = time.time() + timeout
        while not power.powered_off() and time.time() < end:
            self.console._pump(0.2)
        return power.powered_off()

    def __exit__(self, *exc):
        # A board blocks on a full console (an emulator's vCPU can hold the
        # lock its monitor needs): keep reading the console until it is off.
        stop = threading.Event()

        def drain():
            while not stop.is_set():
                try:
                    self.console._pump(0.05, quiet=True)
                except Exception:
                    return

        t = threading.Thread(target=drain, daemon=True)
        if self.console.drv is not None:
            t.start()
        try:
            self.strategy.transition("off")
        finally:
            stop.set()
            if t.is_alive():
                t.join(2)
        try:
            self.target.deactivate_all_drivers()
        except Exception:
            pass


@pytest.fixture(scope="session")
def default_build():
    b = Build("default")
    b.make("all")
    return b


# The boards every board-independent test runs on: the build of each one's
# shipped defconfig (the default build for the default board).
BOARDS = ("qemu_arm64", "qemu_x86_64")
# Real boards under emulation (QEMU's xlnx-zcu102 booted by the EL3 stand-in
# and Xilinx's u-boot): slower to boot, so only the tests that name ALL_BOARDS
# run there, one or two per area (console, rpc, block, net, villain, faults).
ZCU_BOARDS = ("zcu102",)
ALL_BOARDS = BOARDS + ZCU_BOARDS
_board_builds = {}


def skip_unless_bootable(board):
    """zcu102 with another u-boot (make integration ZYNQMP_UBOOT=...): skips when it is not there."""
    if board not in ZCU_BOARDS or not ZYNQMP_UBOOT:
        return
    if not os.path.isfile(ZYNQMP_UBOOT):
        pytest.skip(f"{board}: ZYNQMP_UBOOT={ZYNQMP_UBOOT} does not exist")


def default_body():
    """The /bulkhead partitions and channels of configs/qemu_arm64.dts (no hypervisor node)."""
    with open(os.path.join(SRC, "configs", "qemu_arm64.dts")) as f:
        text = f.read()
    return text[text.index("\t\troot: partition-root"):text.rindex("\t};\n};")]


def board_build_of(board):
    skip_unless_in_env(board)
    skip_unless_bootable(board)
    if board not in _board_builds:
        if board == "qemu_arm64":
            b = Build("default")
        elif board in ZCU_BOARDS:
            # Not the board's own default system (it carries Debian's Linux, a
            # 27 MB image to load): qemu_arm64's, moved to the board, built in
            # the board's variants folder (every make there names its system).
            os.makedirs(os.path.join(OBJ, "tests"), exist_ok=True)
            dts = os.path.join(OBJ, "tests", f"{board}-default.dts")
            with open(dts, "w") as f:
                f.write(system_text(board, default_body()))
            b = board_variant(board, "default", dts)
        else:
            b = Build(board)
            b.make(f"{board}_defconfig")
        b.board = board
        b.make("all")
        _board_builds[board] = b
    return _board_builds[board]


@pytest.fixture(scope="session", params=BOARDS)
def board_build(request):
    return board_build_of(request.param)


@pytest.fixture
def boot(tmp_path, request):
    boards = []

    def _boot(build, disk_label=None, itb=None, flash=None, itb_b=None):
        """itb, itb_b: put these FITs into slots A and B instead of the build's
        bulkhead.itb; flash: this flash bank file (kept between boots that
        name the same file)."""
        bd = Board(build, tmp_path, request.node, disk_label, itb, flash, itb_b)
        boards.append(bd)
        return bd

    yield _boot
    for bd in boards:
        bd.__exit__(None)


# The /bulkhead/hypervisor node each board's test systems use.
HYPERVISOR_NODE = {
    "qemu_arm64": ("\t\t\tmemory = <0x0 0x40000000 0x0 0x00800000>;\n"
                   "\t\t\timage-store = <0x0 0x40800000 0x0 0x03800000>;\n"
                   "\t\t\trollback-store = <0x0 0x07f80000 0x0 0x00080000>;\n"
                   "\t\t\tconsole = <&uart0>;\n"),
    # No rollback store: the ZCU102's non-volatile memory is QSPI flash.
    "zcu102": ("\t\t\tmemory = <0x0 0x40000000 0x0 0x00800000>;\n"
               "\t\t\timage-store = <0x0 0x40800000 0x0 0x03800000>;\n"
               "\t\t\tconsole = <&uart0>;\n"),
    "qemu_x86_64": ("\t\t\tmemory = <0x0 0x01000000 0x0 0x00800000>;\n"
                    "\t\t\timage-store = <0x0 0x02000000 0x0 0x03800000>;\n"
                    "\t\t\trollback-store = <0x0 0xffe00000 0x0 0x00010000>;\n"
                    "\t\t\tconsole = <&com1>;\n"
                    "\t\t\tap-trampoline = <0x0 0x00008000 0x0 0x00001000>;\n"),
}


# Test systems are written for qemu_arm64 (partitions' RAM from 0x44000000,
# the root's disk virtio_mmio31 and NIC virtio_mmio30). On another board the
# same body is moved: partition RAM by a fixed shift, the root's devices to
# the board's (x86: the PCI host, with the virtio-pci disk and NIC behind it;
# zcu102: the SD card's host sdhci1, whose data partition is the disk, and
# gem3). zcu102 has RAM at 0x44000000 too (u-boot keeps to its top, above
# 0x70000000, which test systems stay below).
BOARD_RAM_SHIFT = {"qemu_arm64": 0, "qemu_x86_64": 0x10000000 - 0x44000000, "zcu102": 0}
BOARD_ROOT_DEVICES = {"qemu_x86_64": {"&virtio_mmio31 &virtio_mmio30": "&pcie",
                                      "&virtio_mmio31": "&pcie"},
                      "zcu102": {"&virtio_mmio31 &virtio_mmio30": "&sdhci1 &gem3",
                                 "&virtio_mmio31": "&sdhci1"}}
# The root's NIC, as it names it.
BOARD_NIC = {"qemu_arm64": "virtio-net at 0xa003c00", "qemu_x86_64": "virtio-net at pci 00:05.0",
             "zcu102": "gem at ff0e0000"}


def board_addr(board, arm64_addr):
    """The address a qemu_arm64 partition address moves to on board, as hex."""
    a = arm64_addr
    if 0x44000000 <= a < 0x80000000:
        a += BOARD_RAM_SHIFT[board]
    # zcu102: u-boot runs from the top of the low 2 GiB while it loads the FITs.
    assert not (board in ZCU_BOARDS and 0x70000000 <= a < 0x80000000), \
        f"{board}: test systems stay below 0x70000000 (u-boot's), not {a:#x}"
    return f"0x{a:x}"


def on_board(board, body):
    """A qemu_arm64 /bulkhead body moved to board."""
    if board == "qemu_arm64":
        return body
    body = re.sub(r"\b0x([0-9a-f]{8})\b", lambda m: board_addr(board, int(m.group(1), 16)), body)
    for arm, dev in BOARD_ROOT_DEVICES.get(board, {}).items():
        body = body.replace(f"devices = <{arm}>", f"devices = <{dev}>")
    return body


def system_text(board, body):
    """A system description for board from a body written for qemu_arm64 (see on_board)."""
    return (f'#include "{board}.dtsi"\n/ {{\n\tbulkhead {{\n'
            '\t\tcompatible = "bulkhead,system-v1";\n\t\thypervisor {\n'
            + HYPERVISOR_NODE[board] + "\t\t};\n" + on_board(board, body) + "\n\t};\n};\n")


def system_dts(tmp_path, body, name="system.dts", board="qemu_arm64"):
    """Writes a system description for board outside the source tree (a
    body written for qemu_arm64 is moved to board, see on_board)."""
    p = tmp_path / name
    p.write_text(system_text(board, body))
    return str(p)


@pytest.fixture(params=BOARDS)
def board(request):
    """Runs a test once per board."""
    return request.param


def board_variant(board, name, system_dts=None, extra=()):
    """A build of board's defconfig with another system description (name
    says which, in logs). All variants of a board share one build folder:
    every make names its own SYSTEM_DTS, so switching remakes only what the
    description makes (tables, partition DTBs, the FIT), not the objects.
    Tests run one at a time, each makes its variant right before it boots."""
    skip_unless_in_env(board)
    skip_unless_bootable(board)
    b = Build(f"variants-{board}", system_dts=system_dts, extra=extra)
    b.label = name
    b.board = board
    if board != "qemu_arm64" and not os.path.exists(os.path.join(b.objtree, ".config")):
        b.make(f"{board}_defconfig")
    return b


def flipped_fit(objtree, program, out, mask=0x04):
    """A copy of the build's FIT with one bit in the middle of <program>'s
    image flipped (the image must occur in it exactly once)."""
    with open(os.path.join(objtree, "bulkhead.itb"), "rb") as f:
        blob = bytearray(f.read())
    with open(os.path.join(objtree, "partitions", program, program + ".bin"), "rb") as f:
        img = f.read()
    at = blob.find(img)
    assert at > 0 and blob.find(img, at + 1) < 0, program
    blob[at + len(img) // 2] ^= mask
    with open(out, "wb") as f:
        f.write(blob)
    return str(out)
