"""The screen on a console (SDL's kmsdrm driver): which DRM card drives it, and when it is plugged in again.

A Raspberry Pi 5 has one card for the GPU, without connectors, and one for the HDMI outputs, and
their numbers can swap between boots; SDL opens the card it is told to through
``SDL_KMSDRM_DEVICE_INDEX``, so the kiosk tells it the card whose connector has a screen on it.
A screen switched off and on (or unplugged and plugged back) can come back with a black picture
from a running program, so once a screen is connected again the kiosk exits and systemd starts it
afresh on the screen as it is now. Both read the connectors' ``status`` in ``/sys/class/drm``,
which is a plain read: the kernel updates it on hot-plug without probing the screen again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DRM = Path("/sys/class/drm")
DEVICE_INDEX = "SDL_KMSDRM_DEVICE_INDEX"
LOOK_EVERY = 2.0  # seconds between looks at the connectors while the kiosk runs
CONNECTOR_DIR = re.compile(r"card(\d+)-(.+)")


@dataclass(frozen=True, order=True)
class Connector:
    card: int
    name: str  # as the kernel names it, e.g. HDMI-A-1
    status: str  # connected, disconnected or unknown

    @property
    def label(self) -> str:
        return f"card{self.card}-{self.name}"


def connectors(drm: Path = DRM) -> tuple[Connector, ...]:
    """Every card's connectors and their status, in card order; none when the folder is missing."""
    found = []
    try:
        entries = list(drm.iterdir())
    except OSError:
        return ()
    for entry in entries:
        match = CONNECTOR_DIR.fullmatch(entry.name)
        if not match:
            continue
        try:
            status = (entry / "status").read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        found.append(Connector(int(match.group(1)), match.group(2), status))
    return tuple(sorted(found))


def choose(found: Iterable[Connector]) -> Connector | None:
    """The connector to show the board on: the first connected one, by card and connector name."""
    return next((c for c in sorted(found) if c.status == "connected"), None)


def connected(found: Iterable[Connector]) -> frozenset[str]:
    return frozenset(c.label for c in found if c.status == "connected")


def point_sdl_at_screen(environ: MutableMapping[str, str], drm: Path = DRM) -> Connector | None:
    """Tell SDL's kmsdrm driver the card with a connected screen; a card set by hand is kept."""
    found = connectors(drm)
    chosen = choose(found)
    if DEVICE_INDEX in environ:
        log.info("screen: card%s, as %s says", environ[DEVICE_INDEX], DEVICE_INDEX)
    elif chosen is not None:
        environ[DEVICE_INDEX] = str(chosen.card)
        log.info("screen: card%d, connector %s", chosen.card, chosen.name)
    else:
        seen = ", ".join(f"{c.label} {c.status}" for c in found) or "no connectors"
        log.warning("no screen is connected (%s in %s)", seen, drm)
    return chosen


class Replug:
    """Notices a screen connected again (or newly): a connector that was not connected at the last look."""

    def __init__(self, drm: Path = DRM, every: float = LOOK_EVERY) -> None:
        self.drm = drm
        self.every = every
        self.connected = connected(connectors(drm))
        self._next: float | None = None

    def look(self, tick: float) -> frozenset[str]:
        """The connectors connected since the last look (at most every ``every`` seconds of ``tick``)."""
        if self._next is not None and tick < self._next:
            return frozenset()
        self._next = tick + self.every
        now = connected(connectors(self.drm))
        for label in sorted(self.connected - now):
            log.warning("screen on %s unplugged or switched off", label)
        new, self.connected = now - self.connected, now
        return new
