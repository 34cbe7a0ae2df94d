"""labgrid glue for Bulkhead boards, emulated or real (docs/hil.md).

BulkheadStrategy brings a target from off to a board running Bulkhead with
its console open, through labgrid's protocols only: PowerProtocol to switch
it, ConsoleProtocol to read it and, where the environment has them, an SD
mux and a storage driver to write the boot medium ("make flash"'s image)
while the board is off. QEMU's driver is one PowerProtocol + ConsoleProtocol;
a rig's power switch and serial port are another; the tests are the same.

Environment files load this module with "imports:" (test/env/*.yaml).
"""
import enum
import os
import shutil
import subprocess
import time

import attr
from labgrid.driver.common import Driver
from labgrid.driver.qemudriver import QEMUDriver
from labgrid.factory import target_factory
from labgrid.step import step
from labgrid.strategy.common import Strategy, StrategyError

# The variables make print-lg-env gives the environments for each boot.
BUILD_LG_VARIABLES = ("LG_BOOT_IMG", "LG_QEMU_WRAPPER", "LG_QEMU_SYSTEM", "LG_QEMU_MACHINE",
                      "LG_QEMU_CPU", "LG_QEMU_MEM", "LG_QEMU_EXTRA")
# Make variables that reach into an emulated board, and the environment
# feature a test that sets one needs (docs/hil.md).
EMULATOR_MAKE_VARIABLES = {"QEMU_ARGS": "emulator-devices", "QEMU_SMP": "emulator-devices",
                           "NETDEV": "net-peer"}


def _register(cls):
    """labgrid runs an environment's imports each time it loads one:
    register the first definition only."""
    if cls.__name__ not in target_factory.drivers:
        target_factory.reg_driver(cls)
    return cls


@_register
@attr.s(eq=False)
class CardImageDriver(Driver):
    """The boot medium of an emulated rig: a file the board's emulator
    boots from, written like USBStorageDriver writes a card in an SD mux."""

    path = attr.ib(validator=attr.validators.instance_of(str))

    @Driver.check_active
    @step(args=["filename"])
    def write_image(self, filename):
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        tmp = self.path + ".tmp"
        shutil.copyfile(filename, tmp)
        # Whole, or not at all: a half-written card must never boot.
        shutil.move(tmp, self.path)


class Status(enum.Enum):
    unknown = 0
    off = 1
    written = 2  # off, with the boot medium written
    on = 3  # powered, console open


@_register
@attr.s(eq=False)
class BulkheadStrategy(Strategy):
    """off -> written -> on. image: the boot medium to write before power-on
    (None: the board boots what it has). console_first: open the console
    before power-on so nothing is missed (a serial server that exists only
    while the board runs, as an emulator's socket, says false)."""

    bindings = {
        "power": "PowerProtocol",
        "console": "ConsoleProtocol",
        "sdmux": {"USBSDMuxDriver", "USBSDWireDriver", None},
        "storage": {"USBStorageDriver", "CardImageDriver", None},
    }

    console_first = attr.ib(default=True, validator=attr.validators.instance_of(bool))
    # Seconds to wait for a console that opens only after power-on.
    console_timeout = attr.ib(default=20.0, validator=attr.validators.instance_of(float))
    status = attr.ib(default=Status.unknown)
    image = None

    @step(args=["status"])
    def transition(self, status, *, step):
        if not isinstance(status, Status):
            status = Status[status]
        if status == Status.unknown:
            raise StrategyError(f"can not transition to {status}")
        if status == self.status:
            step.skip("nothing to do")
            return
        if status == Status.off:
            self._off()
        elif status == Status.written:
            self._off()
            self._write()
        elif status == Status.on:
            if self.status != Status.written:
                self.transition(Status.written)
            self._on()
        self.status = status

    def _off(self):
        self.target.activate(self.power)
        self.power.off()
        if self.console is not self.power:
            self.target.deactivate(self.console)

    def _write(self):
        if self.image is None or self.storage is None:
            return
        if self.sdmux is not None:
            self.target.activate(self.sdmux)
            self.sdmux.set_mode("host")
        self.target.activate(self.storage)
        self.storage.write_image(self.image)
        if self.sdmux is not None:
            self.sdmux.set_mode("dut")

    def _on(self):
        if self.console_first:
            self.target.activate(self.console)
            self.power.on()
            return
        self.power.on()
        end = time.monotonic() + self.console_timeout
        while True:
            try:
                self.target.activate(self.console)
                return
            except Exception:
                if time.monotonic() > end:
                    raise
                time.sleep(0.2)

    def force(self, status):
        self.status = Status[status] if not isinstance(status, Status) else status


@_register
@attr.s(eq=False)
class BulkheadQEMUDriver(QEMUDriver):
    """QEMUDriver that also knows a board which powered itself off (an
    emulator-only capability: "self-power-off" in test/env/qemu.yaml)."""

    def powered_off(self):
        """Whether the emulated board ended by itself (powered off, or reset under -no-reboot)."""
        return self._child is not None and self._child.poll() is not None

    def off(self):
        if self.status and not self.powered_off():
            try:
                super().off()
                return
            except Exception:
                # The board may be ending by itself (its monitor gone first):
                # give the process the time to end before calling it an error.
                try:
                    self._child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
                if not self.powered_off():
                    raise
        if self.status:
            # Ended by itself: nothing to quit through the monitor. Forget
            # the process, or labgrid's exit handler tries the dead monitor.
            self._child.wait()
            self._child = None
            self.status = 0
