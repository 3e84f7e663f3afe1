"""The crossfade from the page on screen to the next one, a frame at a time."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.layout import Rect
from kiosk.shell.screen import Screen

FRAME = 1 / 30  # crossfade frame time (≥ 25 fps measured, during a transition only)


@dataclass
class Fade:
    new: pygame.Surface
    started: float
    area: Rect | None  # where the new page differs from the one on screen (None: everywhere)
    level: float = 0.0  # how far the screen has gone from the old page to the new one

    def advance(self, screen: Screen, tick: float, length: float) -> bool:
        """Show the frame due at ``tick`` of a fade ``length`` seconds long; True once the new page
        is all there. Raises ``pygame.error`` when the display is gone."""
        alpha = min(1.0, (tick - self.started) / length) if length > 0 else 1.0
        screen.fade(self.new, self.level, alpha, self.area)
        self.level = alpha
        return alpha >= 1.0
