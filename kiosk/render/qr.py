"""QR codes drawn with whole-pixel modules and a quiet zone (the grid comes from ``kiosk.layout.qrgrid``)."""

from __future__ import annotations

from functools import lru_cache

import pygame

from kiosk.layout import Colour
from kiosk.layout.qrgrid import QUIET, geometry, matrix

__all__ = ["QUIET", "geometry", "matrix", "surface"]


@lru_cache(maxsize=16)
def surface(payload: str, side: int, dark: Colour, light: Colour) -> pygame.Surface:
    """The code with its quiet zone, as large as fits in ``side`` pixels with whole-pixel modules."""
    module, drawn = geometry(payload, side)
    # Two colours need one byte a pixel, not four: a code a third of a 4K screen high is 1.6 MiB less.
    image = pygame.Surface((drawn, drawn), depth=8)
    image.set_palette([light, dark])
    image.fill(light)
    for y, row in enumerate(matrix(payload)):
        for x, cell in enumerate(row):
            if cell:
                image.fill(dark, ((x + QUIET) * module, (y + QUIET) * module, module, module))
    return image
