"""systemd's watchdog, fed only while the board is recomposed as often as its clock needs.

A loop that still turns but no longer recomposes (a page that never comes due, a hung compose) shows
a stale clock: after ``STUCK_AFTER`` the pings stop and systemd restarts the kiosk.
"""

from __future__ import annotations

import logging

from kiosk.shell.notify import Notifier

log = logging.getLogger("kiosk.shell.app")

STUCK_AFTER = 120.0  # seconds without recomposing (the clock changes each minute) before the watchdog starves


class Watchdog:
    def __init__(self, notifier: Notifier, tick: float) -> None:
        self.notifier = notifier
        self._composed_at = tick
        self._stuck = False

    def composed(self, tick: float) -> None:
        self._composed_at = tick

    def feed(self, tick: float) -> None:
        stuck = tick - self._composed_at > STUCK_AFTER
        if stuck and not self._stuck:
            log.error(
                "the board has not been recomposed for %.0f s; no longer pinging the watchdog",
                tick - self._composed_at,
            )
        self._stuck = stuck
        if not stuck:
            self.notifier.watchdog()

    def seconds_to_ping(self) -> float | None:
        """How long until the next ping is due; None when none is (no watchdog, or stuck)."""
        return None if self._stuck else self.notifier.seconds_to_ping()
