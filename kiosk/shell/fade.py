"""The crossfade from the page on screen to the next one, a frame at a time, and the surface the next
page is drawn on for it."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.layout import Rect
from kiosk.shell.screen import Screen, release_pixels

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


class Canvas:
    """The one surface a page turn's new page is drawn on, kept for the life of the loop and holding
    memory only while a crossfade shows it.

    A fresh page-sized surface at each turn cost twice: SDL zeroes its pixels (8 MiB at 1920x1080) as
    the kernel maps them in page by page, and each kept text line, which SDL keeps run-length encoded
    for the one surface it was last blitted onto, is decoded and encoded again for the new one. Kept,
    the surface keeps the lines' encodings; ``release`` gives its pixels' memory back as a crossfade
    ends, so between turns it holds none.

    It has an alpha channel (every pixel drawn opaque): pygame-ce blends such a surface with its own
    SIMD blitter, where one without goes through SDL's plain one: a page turn's crossfade at
    1920x1080 blends in 29.9 ms of CPU against 39.4 (bench/fade_loop.py), and looks the same.
    """

    def __init__(self) -> None:
        self._surface: pygame.Surface | None = None

    def surface(self, size: tuple[int, int]) -> pygame.Surface:
        """The canvas at ``size``, made anew when the size changes. What is not drawn on it since the
        last ``release`` reads as clear pixels."""
        if self._surface is None or self._surface.get_size() != size:
            self._surface = None  # the old one's pixels are freed before the new ones are taken
            self._surface = pygame.Surface(size, pygame.SRCALPHA)
        return self._surface

    def release(self) -> None:
        """Give the pixels' memory back to the system; the surface stays for the next turn."""
        if self._surface is not None:
            release_pixels(self._surface)
