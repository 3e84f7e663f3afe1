"""The display coming and going: lost (a cable pulled, a KVM switched), sought again every few
seconds, and a screen plugged in again, which ends the run so that systemd starts it afresh on it."""

from __future__ import annotations

import logging

import pygame

from kiosk.shell.notify import Notifier
from kiosk.shell.remote.link import Link
from kiosk.shell.screen import Screen

log = logging.getLogger("kiosk.shell.app")

# EX_TEMPFAIL: a screen was plugged in again; systemd (Restart=always) starts the kiosk afresh on it.
EXIT_REPLUGGED = 75
RETRY_DISPLAY = 5.0  # seconds between attempts to get a lost display back


class Display:
    def __init__(self, screen: Screen, notifier: Notifier, link: Link) -> None:
        self.screen = screen
        self.notifier = notifier
        self.link = link
        self.lost_at: float | None = None

    @property
    def lost(self) -> bool:
        return self.lost_at is not None

    def replugged(self, tick: float) -> bool:
        plugged = self.screen.plugged_in(tick)
        if plugged:
            log.warning("screen connected on %s: exiting to start afresh on it", ", ".join(sorted(plugged)))
        return bool(plugged)

    def lose(self, tick: float, error: pygame.error) -> None:
        log.warning("display lost (%s); retrying every %.0f s", error, RETRY_DISPLAY)
        self.notifier.status("display lost, retrying")
        self.lost_at = tick
        self.link.display_lost()

    def regain(self, tick: float) -> bool:
        """Try to open the display again once ``RETRY_DISPLAY`` has passed; True when it is back."""
        if self.lost_at is None:
            return True
        if tick - self.lost_at < RETRY_DISPLAY:
            return False
        try:
            self.screen.reopen()
        except pygame.error as error:
            log.debug("display still missing: %s", error)
            self.lost_at = tick
            return False
        self.lost_at = None
        self.link.display_regained()
        return True
