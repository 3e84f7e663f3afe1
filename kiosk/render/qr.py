"""QR codes: the module matrix made once per payload, drawn with whole-pixel modules and a quiet zone."""

from __future__ import annotations

from functools import lru_cache

import pygame
import qrcode
import qrcode.constants

from kiosk.layout import Colour

QUIET = 4  # modules of light border on each side; phones need it to find the code


@lru_cache(maxsize=32)
def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``payload``'s QR code, without the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def geometry(payload: str, side: int) -> tuple[int, int]:
    """(module size, drawn side) in pixels of the largest code with whole-pixel modules in ``side``."""
    count = len(matrix(payload)) + 2 * QUIET
    module = max(1, side // count)
    return module, module * count


@lru_cache(maxsize=16)
def surface(payload: str, side: int, dark: Colour, light: Colour) -> pygame.Surface:
    """The code with its quiet zone, as large as fits in ``side`` pixels with whole-pixel modules."""
    module, drawn = geometry(payload, side)
    image = pygame.Surface((drawn, drawn))
    image.fill(light)
    for y, row in enumerate(matrix(payload)):
        for x, cell in enumerate(row):
            if cell:
                image.fill(dark, ((x + QUIET) * module, (y + QUIET) * module, module, module))
    return image
