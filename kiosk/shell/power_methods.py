"""The ways of switching the screen itself on and off: HDMI-CEC, DPMS, or the facilitator's commands.

They run the tools that signage people run from a shell, so that a screen that works from a shell
works here: ``cec-ctl`` (v4l-utils), ``xset`` (X11), ``wlopm`` (Wayland). Under SDL's kmsdrm driver
only the kiosk itself, as the DRM master, may switch the connector (``kiosk.shell.dpms``). When to
switch is ``kiosk.shell.power``'s.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pygame

from kiosk.config import Config, DisplayConfig
from kiosk.shell import dpms

TIMEOUT = 10.0  # seconds a power command may take; a CEC standby is well under one
OSD_NAME = "Open Spaces"  # the name the television lists for the kiosk's HDMI input


class PowerFailed(Exception):
    pass


class Method(Protocol):
    @property
    def name(self) -> str: ...

    def missing(self) -> str | None:
        """Why the method cannot be used on this machine now; None when it can."""

    def switch(self, on: bool) -> None:
        """Switch the screen on or off; PowerFailed saying why when that did not happen."""


Run = Callable[[Sequence[str]], str]


def run_command(argv: Sequence[str]) -> str:
    """Run a power command and return what it printed; PowerFailed with its own words if it failed."""
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, errors="replace", timeout=TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise PowerFailed(f"{argv[0]}: not found") from None
    except subprocess.TimeoutExpired:
        raise PowerFailed(f"{argv[0]}: no answer within {TIMEOUT:g} s") from None
    except OSError as error:
        raise PowerFailed(f"{argv[0]}: {error.strerror or error}") from None
    if done.returncode != 0:
        said = _last_line(done.stderr) or _last_line(done.stdout)
        raise PowerFailed(f"{argv[0]} exited with status {done.returncode}" + (f": {said}" if said else ""))
    return done.stdout + done.stderr


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


@dataclass(frozen=True)
class Cec:
    """HDMI-CEC through ``cec-ctl``: standby off hours, image-view-on (which also wakes it) at ``on``.

    An adapter transmits only with a logical address, which the kernel drops when the screen's
    hot-plug line goes down (as many televisions do in standby), so the kiosk claims a playback
    address before every message.
    """

    device: str = ""  # empty: the first /dev/cec*
    run: Run = run_command
    name: str = "cec"
    devices: Path = Path("/dev")

    def adapter(self) -> str | None:
        if self.device:
            return self.device
        numbers = sorted(
            int(p.name[3:]) for p in self.devices.glob("cec*") if re.fullmatch(r"cec\d+", p.name)
        )
        return str(self.devices / f"cec{numbers[0]}") if numbers else None

    def missing(self) -> str | None:
        if shutil.which("cec-ctl") is None:
            return "cec-ctl not found on PATH (Debian package v4l-utils)"
        if self.device and not Path(self.device).exists():
            return f"no CEC adapter at {self.device}"
        if self.adapter() is None:
            return "no CEC adapter (/dev/cec*)"
        return None

    def switch(self, on: bool) -> None:
        device = self.adapter()
        why = self.missing()
        if why is not None or device is None:
            raise PowerFailed(why or "no CEC adapter")
        claimed = self.run(["cec-ctl", "--device", device, "--playback", "--osd-name", OSD_NAME])
        message = "--image-view-on" if on else "--standby"
        acknowledged(self.run(["cec-ctl", "--device", device, "--to", "0", message]))
        address = physical_address(claimed)
        if on and address is not None:
            # Image View On wakes the television; Active Source has it show the kiosk's input, not the
            # one somebody left it on.
            active = ["cec-ctl", "--device", device, "--to", "0", "--active-source", f"phys-addr={address}"]
            acknowledged(self.run(active))


def acknowledged(said: str) -> None:
    """cec-ctl exits 0 when the television did not acknowledge; it says so in the transmit status."""
    refused = [line.strip() for line in said.splitlines() if re.search(r"\bTx, (?!OK)", line)]
    if refused:
        raise PowerFailed(f"the television did not take it ({refused[-1]})")


def physical_address(claimed: str) -> str | None:
    """The adapter's HDMI physical address as cec-ctl reports it on configuring ("1.0.0.0"); None when
    it has none (f.f.f.f: no screen on the hot-plug line)."""
    match = re.search(r"Physical Address\s*:\s*([0-9a-fA-F](?:\.[0-9a-fA-F]){3})\b", claimed)
    return match[1] if match and match[1].lower() != "f.f.f.f" else None


@dataclass(frozen=True)
class Xset:
    """DPMS under X11: ``xset dpms force off|on``, checked with ``xset q``, as xset exits 0 even on a
    server without the DPMS extension."""

    run: Run = run_command
    name: str = "dpms (xset)"

    def missing(self) -> str | None:
        if shutil.which("xset") is None:
            return "xset not found on PATH (Debian package x11-xserver-utils)"
        return None

    def switch(self, on: bool) -> None:
        self.run(["xset", "dpms", "force", "on" if on else "off"])
        state = monitor_state(self.run(["xset", "q"]))
        if state is None:
            raise PowerFailed("the X server has no DPMS extension")
        if (state == "On") != on:
            raise PowerFailed(f"the X server says the monitor is {state}")


def monitor_state(query: str) -> str | None:
    """``Monitor is On`` (or Off, Standby, Suspend) from ``xset q``; None without DPMS."""
    match = re.search(r"Monitor is (\w+)", query)
    return match[1] if match else None


@dataclass(frozen=True)
class Wlopm:
    """DPMS under Wayland compositors with wlr-output-power-management (labwc, sway): ``wlopm``."""

    run: Run = run_command
    name: str = "dpms (wlopm)"

    def missing(self) -> str | None:
        if shutil.which("wlopm") is None:
            return "wlopm not found on PATH (Debian package wlopm)"
        return None

    def switch(self, on: bool) -> None:
        self.run(["wlopm", "--on" if on else "--off", "*"])


@dataclass(frozen=True)
class Commands:
    """``[display] power_off`` and ``power_on``: anything else (a relay, RS-232, a television's HTTP API).

    Each is split like a shell would split it but not run by one (``sh -c '…'`` for pipes)."""

    off: str
    on: str
    run: Run = run_command
    name: str = "command"

    def missing(self) -> str | None:
        return None  # the config accepts "command" only with both commands set

    def switch(self, on: bool) -> None:
        self.run(shlex.split(self.on if on else self.off))


@dataclass(frozen=True)
class Unavailable:
    """A method that cannot work under the running video driver, saying why."""

    name: str
    why: str

    def missing(self) -> str | None:
        return self.why

    def switch(self, on: bool) -> None:
        raise PowerFailed(self.why)


@dataclass(frozen=True)
class Drm:
    """DPMS under SDL's kmsdrm driver: the DRM connector's property, set by the kiosk as DRM master."""

    name: str = "dpms (drm)"

    def missing(self) -> str | None:
        return dpms.missing()

    def switch(self, on: bool) -> None:
        try:
            dpms.switch(on)
        except dpms.DrmError as error:
            raise PowerFailed(str(error)) from None


def dpms_for(driver: str) -> Method:
    """The DPMS method that fits SDL's video driver (``pygame.display.get_driver()``)."""
    driver = driver.lower()
    if driver == "x11":
        return Xset()
    if driver == "wayland":
        return Wlopm()
    if driver == "kmsdrm":
        return Drm()
    return Unavailable("dpms", f"no DPMS under SDL's {driver or 'unknown'} video driver")


def guess_driver(environ: Mapping[str, str]) -> str:
    """The video driver a run would use, for ``check`` (which opens no display)."""
    if environ.get("SDL_VIDEODRIVER"):
        return environ["SDL_VIDEODRIVER"]
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if environ.get("DISPLAY"):
        return "x11"
    return "kmsdrm"


def methods(display: DisplayConfig, dpms_method: Callable[[], Method]) -> tuple[Method, ...]:
    """``[display] power`` as methods, in its order; ``dpms_method`` is asked only when it is listed."""
    made: list[Method] = []
    for name in display.power:
        if name == "cec":
            made.append(Cec(device=display.cec_device))
        elif name == "dpms":
            made.append(dpms_method())
        elif name == "command":
            made.append(Commands(off=display.power_off, on=display.power_on))
    return tuple(made)


def for_config(config: Config) -> tuple[Method, ...]:
    """The running kiosk's methods: DPMS as SDL's video driver allows."""
    return methods(config.display, lambda: dpms_for(pygame.display.get_driver()))
