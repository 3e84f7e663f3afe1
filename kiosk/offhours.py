"""The off-hours page: outside ``[display]`` hours a very dark screen with one small line saying when
Open Spaces resume, or plain black with ``blank = true``. It costs the panel almost nothing and
wakes by itself at ``[display] on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pygame

from kiosk import hours
from kiosk.config import Config
from kiosk.render.fonts import CHAIN, FONTS_DIR
from kiosk.timeline import Board

DIM = 0.3  # the theme's colours at under a third of their brightness


@dataclass(frozen=True, slots=True)
class OffHours:
    text: str  # empty when the screen is blank
    background: tuple[int, int, int]
    colour: tuple[int, int, int]
    shift: tuple[int, int]


def off_hours(config: Config, board: Board, now: datetime) -> OffHours:
    if config.display.blank:
        return OffHours(text="", background=(0, 0, 0), colour=(0, 0, 0), shift=(0, 0))
    wake = hours.wake_at(config.display, now)
    return OffHours(
        text=hours.resume_text(now, hours.next_start(board, now), wake, config.words),
        background=_dim(config.theme.background, DIM / 2),
        colour=_dim(config.theme.muted, DIM),
        shift=hours.burn_in_shift(now),
    )


def draw_off_hours(page: OffHours, size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill(page.background)
    if not page.text:
        return surface
    width, height = size
    pygame.font.init()  # snapshot draws this page without a display
    font = pygame.font.Font(str(FONTS_DIR / CHAIN[0].regular), max(12, min(width, height) // 30))
    line = font.render(page.text, True, page.colour)
    # Placed a little below the centre and moved with the burn-in cycle, like everything static.
    x = (width - line.get_width()) // 2 + page.shift[0]
    y = height * 3 // 5 + page.shift[1]
    surface.blit(line, (x, y))
    return surface


def _dim(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    r, g, b = (round(c * factor) for c in colour)
    return (r, g, b)
