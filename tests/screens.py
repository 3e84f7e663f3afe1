"""The kiosk's own Screen as tests open it: windowed, at a given size and turn, through SDL's dummy
driver (conftest.py sets it). The ``screen`` and ``open_screen`` fixtures in conftest.py use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
