"""The plain page shown instead of one that failed to be composed or drawn.

Whatever a source holds, the loop goes on: a page that raises is replaced by this one, which says
so in a few fixed words and the reason, and the rotation moves on to the next page as usual. It is
drawn with one bundled font and no layout, so that little can fail in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.config import Config
from kiosk.core.resources import fonts_dir
from kiosk.core.text import clean, printable
from kiosk.render.fonts import CHAIN

TITLE = "This page cannot be shown right now"
NEXT = "The board goes on with the next page."
REASON_CHARS = 120  # the reason is cut to this, to stay on one line at 1280 pixels


@dataclass(frozen=True, slots=True)
class Fallback:
    page: str
    reason: str
    background: tuple[int, int, int]
    colour: tuple[int, int, int]
    muted: tuple[int, int, int]


def fallback(config: Config, page: str, error: BaseException) -> Fallback:
    reason = printable(clean(f"{type(error).__name__}: {error}"))
    if len(reason) > REASON_CHARS:
        reason = reason[: REASON_CHARS - 1] + "…"
    theme = config.theme
    return Fallback(page, reason, theme.background, theme.text, theme.muted)


def draw_fallback(page: Fallback, size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill(page.background)
    width, height = size
    unit = max(12, min(width, height) // 24)
    pygame.font.init()  # snapshot draws this page without a display
    path = str(fonts_dir() / CHAIN[0].regular)
    lines = (
        (TITLE, 2 * unit, page.colour),
        (NEXT, unit, page.colour),
        (page.reason, unit * 2 // 3, page.muted),
    )
    y = height // 3
    for text, font_size, colour in lines:
        font = pygame.font.Font(path, font_size)
        while font_size > 8 and font.size(text)[0] > width * 9 // 10:
            font_size = font_size * 9 // 10
            font = pygame.font.Font(path, font_size)
        image = font.render(text, True, colour)
        surface.blit(image, ((width - image.get_width()) // 2, y))
        y += image.get_height() + unit
    return surface
