"""What ``check`` says about switching the screen off: which of ``[display] power``'s methods this
machine has (``cec-ctl`` and a ``/dev/cec*``, the tool or the DRM connector for DPMS, the commands)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import POWER_METHODS, Config
from kiosk.core.model import Problem
from kiosk.shell import drm, power_methods
from kiosk.shell.power_methods import Method


@dataclass(frozen=True, slots=True)
class Availability:
    method: str  # as [display] power names it
    name: str  # the method as the kiosk would run it here, e.g. "dpms (xset)"
    detail: str  # what was found, or why it cannot be used
    available: bool


def availability(
    config: Config, environ: Mapping[str, str], drm_tree: Path = drm.DRM
) -> tuple[Availability, ...]:
    """Every method, whether or not it is configured, as it would be tried on this machine."""
    display = config.display
    driver = power_methods.guess_driver(environ).lower()
    made: dict[str, Method] = {
        "cec": power_methods.Cec(device=display.cec_device),
        "dpms": power_methods.dpms_for(driver),
        "command": power_methods.Commands(off=display.power_off, on=display.power_on),
    }
    found = []
    for method in POWER_METHODS:
        chosen = made[method]
        why = chosen.missing()
        if why is None and method == "dpms":
            why = _dpms_here(chosen, driver, drm_tree)
        if method == "command" and not (display.power_off and display.power_on):
            why = "[display] power_off and power_on are not set"
        detail = why or _found(method, chosen, driver, drm_tree)
        found.append(Availability(method, chosen.name, detail, why is None))
    return tuple(found)


def _dpms_here(chosen: Method, driver: str, drm_tree: Path) -> str | None:
    """Beyond the tool: a connected screen under kmsdrm; an X server that has DPMS (xset exits 0 without)."""
    if driver == "kmsdrm":
        return None if drm.choose(drm.connectors(drm_tree)) else f"no connected screen in {drm_tree}"
    if isinstance(chosen, power_methods.Xset):
        try:
            state = power_methods.monitor_state(power_methods.run_command(["xset", "q"]))
        except power_methods.PowerFailed as error:
            return f"xset cannot reach the X server ({error})"
        return None if state is not None else "the X server has no DPMS extension"
    return None


def _found(method: str, chosen: Method, driver: str, drm_tree: Path) -> str:
    if isinstance(chosen, power_methods.Cec):
        return f"{shutil.which('cec-ctl')} on {chosen.adapter()}"
    if method == "dpms" and driver == "kmsdrm":
        screen = drm.choose(drm.connectors(drm_tree))
        return f"the DRM connector {screen.label if screen else '?'} (as the kiosk, under kmsdrm)"
    if isinstance(chosen, power_methods.Xset | power_methods.Wlopm):
        tool = "xset" if isinstance(chosen, power_methods.Xset) else "wlopm"
        return f"{shutil.which(tool)} (video driver {driver})"
    return "power_off and power_on are set"


def report_fields(config: Config, found: tuple[Availability, ...]) -> dict[str, object]:
    """``check --json``'s ``"power"``: the configured methods and what this machine has."""
    return {
        "methods": list(config.display.power),
        "available": {
            a.method: {"name": a.name, "available": a.available, "detail": a.detail} for a in found
        },
    }


def report_lines(config: Config, found: tuple[Availability, ...]) -> list[str]:
    configured = config.display.power
    head = (
        f"Screen power ([display] power = {list(configured)}):"
        if configured
        else ("Screen power ([display] power is not set: the screen stays lit out of hours):")
    )
    lines = ["", head]
    for a in found:
        mark = "yes" if a.available else "no "
        used = "  (configured)" if a.method in configured else ""
        lines.append(f"  {mark} {a.name}: {a.detail}{used}")
    return lines


def problems(config: Config, found: tuple[Availability, ...]) -> list[Problem]:
    """A problem only when none of the configured methods can work here: the screen would stay lit."""
    configured = config.display.power
    if configured and not any(a.available for a in found if a.method in configured):
        return [Problem("[display] power", "none of the methods can switch the screen on this machine")]
    return []
