"""One line of text to a Surface: runs of the fallback chain set on a common baseline, cached."""

from __future__ import annotations

from collections import OrderedDict

import pygame

from kiosk.layout import BASELINE, TAIL, Colour
from kiosk.render.fonts import EMOJI_IGNORED, Fonts

# Rendered lines are kept up to this many screens' worth of pixels: every line of the three pages
# takes less than one screen, so a redraw renders only what changed. A count of lines would not do:
# a line is about 100 KiB at 1920x1080, and a day of renamed titles filled 1024 of them (~100 MiB).
# The bound counts pixels as rendered; kept run-length encoded, lines hold about a fifth of that.
SCREENS_OF_TEXT = 1
DEFAULT_BUDGET = SCREENS_OF_TEXT * 1920 * 1080 * 4


class TextCache:
    """Renders lines of text once and keeps the surfaces in a least-recently-used cache bounded by
    the bytes of their pixels (``budget``; ``fit_to`` sets it from the screen's size)."""

    def __init__(self, fonts: Fonts, budget: int = DEFAULT_BUDGET) -> None:
        self.fonts = fonts
        self.budget = budget
        self.used = 0  # bytes of pixels in the kept surfaces
        self._lines: OrderedDict[tuple[str, str, int, int, Colour, bool], pygame.Surface] = OrderedDict()

    def line(
        self, text: str, style: str, size: int, line_height: int, colour: Colour, strike: bool = False
    ) -> pygame.Surface:
        key = (text, style, size, line_height, colour, strike)
        surface = self._lines.get(key)
        if surface is None:
            surface = self._render(*key)
            self._lines[key] = surface
            self.used += _bytes(surface)
            self._trim()
        else:
            self._lines.move_to_end(key)
        return surface

    def fit_to(self, size: tuple[int, int]) -> None:
        """Bound the cache by SCREENS_OF_TEXT screens of ``size`` pixels."""
        self.budget = SCREENS_OF_TEXT * size[0] * size[1] * 4
        self._trim()

    def _trim(self) -> None:
        while self.used > self.budget and len(self._lines) > 1:
            _, dropped = self._lines.popitem(last=False)
            self.used -= _bytes(dropped)

    def _render(
        self, text: str, style: str, size: int, line_height: int, colour: Colour, strike: bool
    ) -> pygame.Surface:
        bold = style == "bold"
        baseline = round(line_height * BASELINE)
        # Room below the line for deep descenders (Telugu, Tamil); layout leaves it free under a box.
        height = line_height + round(size * TAIL)
        width = max(1, self.fonts.width(text, style, size))
        surface = pygame.Surface((width, height), pygame.SRCALPHA)
        x = 0
        for run in self.fonts.visual_runs(text):
            font = self.fonts.shaped(run, bold, size)
            if run.face.emoji:
                glyphs = run.text.translate(EMOJI_IGNORED)
                if not glyphs:
                    continue
                image = font.render(glyphs, True, colour)
                scale = self.fonts.emoji_scale(size)
                image = pygame.transform.smoothscale(
                    image,
                    (max(1, round(image.get_width() * scale)), max(1, round(image.get_height() * scale))),
                )
                top = baseline - round(font.get_ascent() * scale)
            else:
                image = font.render(run.text, True, colour)
                top = baseline - font.get_ascent()
            surface.blit(image, (x, top))
            x += self.fonts.run_width(run, bold, size)
        if strike:
            thickness = max(2, size // 12)
            y = baseline - round(size * 0.3)
            pygame.draw.rect(surface, colour, (0, y - thickness // 2, width, thickness))
        # Run-length encoded at its first blit, SDL frees the line's pixels and keeps runs of the few
        # that are not clear: about a fifth of the memory, and later blits skip the clear runs.
        surface.set_alpha(255, pygame.RLEACCEL)
        return surface


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_pitch() * surface.get_height()
