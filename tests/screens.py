"""The kiosk's own Screen as tests open it: windowed, at a given size and turn, through SDL's dummy
driver (conftest.py sets it); the ``screen`` and ``open_screen`` fixtures in conftest.py use it. And what
a phone reads off a picture of the screen: ``qr_codes``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pygame
import zxingcpp
from PIL import Image

from kiosk.shell.screen import Screen

SIZE = (640, 360)  # small enough to draw fast, landscape like most screens


@contextmanager
def opened(size: tuple[int, int] = SIZE, rotate: int = 0) -> Iterator[Screen]:
    screen = Screen(windowed=True, size=size, rotate=rotate)
    screen.open()
    try:
        yield screen
    finally:
        screen.close()


def qr_codes(picture: pygame.Surface | Image.Image) -> list[str]:
    """The text of every QR code in ``picture`` (a drawn page or a screenshot), read by an independent
    decoder (zxing-cpp), as a phone would read them."""
    if isinstance(picture, pygame.Surface):
        picture = Image.frombytes("RGB", picture.get_size(), pygame.image.tobytes(picture, "RGB"))
    return [code.text for code in zxingcpp.read_barcodes(picture.convert("RGB"))]
