"""The picture turned on its way to a screen mounted on its side or upside down: corner by corner."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from kiosk.shell.screen import Screen

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)
DISPLAY = (64, 40)  # the panel, landscape
CORNER = 6  # pixels of each coloured corner square


def page(size: tuple[int, int]) -> pygame.Surface:
    """A page with its top-left corner red, top-right green, bottom-left blue, bottom-right white."""
    width, height = size
    surface = pygame.Surface(size)
    surface.fill((40, 40, 40))
    for colour, (x, y) in [(RED, (0, 0)), (GREEN, (width - CORNER, 0))]:
        surface.fill(colour, (x, y, CORNER, CORNER))
    for colour, (x, y) in [(BLUE, (0, height - CORNER)), (WHITE, (width - CORNER, height - CORNER))]:
        surface.fill(colour, (x, y, CORNER, CORNER))
    return surface


# The display's corners (top-left, top-right, bottom-left, bottom-right) after each turn, clockwise.
@pytest.mark.parametrize(
    ("rotate", "page_size", "corners"),
    [
        (0, (64, 40), (RED, GREEN, BLUE, WHITE)),
        # 90° clockwise: the page's left edge becomes the top, its top edge the right.
        (90, (40, 64), (BLUE, RED, WHITE, GREEN)),
        (180, (64, 40), (WHITE, BLUE, GREEN, RED)),
        (270, (40, 64), (GREEN, WHITE, RED, BLUE)),
    ],
)
def test_each_turn_puts_the_corners_where_a_person_expects(
    open_screen: Callable[..., Screen],
    rotate: int,
    page_size: tuple[int, int],
    corners: tuple[tuple[int, int, int], ...],
) -> None:
    screen = open_screen(DISPLAY, rotate)
    assert screen.size == page_size
    screen.show(page(page_size))
    display = pygame.display.get_surface()
    width, height = display.get_size()
    points = [(1, 1), (width - 2, 1), (1, height - 2), (width - 2, height - 2)]
    assert tuple(tuple(display.get_at(point))[:3] for point in points) == corners
