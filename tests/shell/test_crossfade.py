"""A crossfade blends only where the new page differs from the old one, turned as the screen is.

The crossfade of the loop and ``kiosk.shell.screen``'s turn, drawn through SDL's dummy driver.
"""

from __future__ import annotations

from collections.abc import Callable

import boards
import pygame
import pytest

from kiosk.board.display_hours import OffHours
from kiosk.render import renderer
from kiosk.shell import paint
from kiosk.shell.screen import Screen, turned_rect


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_rect_lands_where_the_turn_puts_it(rotate: int) -> None:
    pygame.display.init()
    page = pygame.Surface((60, 40))
    page.fill((0, 0, 0))
    rect = (5, 7, 10, 4)
    page.fill((255, 255, 255), rect)
    turned = pygame.transform.rotate(page, -rotate)
    found = pygame.mask.from_threshold(turned, (255, 255, 255), (1, 1, 1, 255)).get_bounding_rects()
    assert [tuple(r) for r in found] == [turned_rect(rect, (60, 40), rotate)]


def test_the_changed_area_holds_every_box_that_differs_and_leaves_the_header_out() -> None:
    board = boards.at(12, 12)
    size = (1920, 1080)
    old, new = boards.view(board, "now"), boards.view(board, "propose")
    area = paint.changed_area(old, new, size)
    assert area is not None
    x, y, w, h = area
    assert x >= 0 and y > 0 and x + w <= size[0] and y + h <= size[1] and h < size[1]
    before, after = renderer().layout(old, size), renderer().layout(new, size)
    for box in set(before.boxes) ^ set(after.boxes):
        bx, by, bw, bh = box.rect
        assert x <= bx and y <= by and bx + bw <= x + w and by + bh <= y + h, box
    kept = set(before.boxes) & set(after.boxes)
    assert any(box.rect[1] + box.rect[3] <= y for box in kept)  # the header is the same on both


def test_everything_changes_from_or_to_the_off_hours_page() -> None:
    dark = OffHours(
        text="The board is back at 08:00", background=(0, 0, 0), colour=(40, 40, 40), shift=(0, 0)
    )
    assert paint.changed_area(boards.view(boards.at(12, 12), "now"), dark, (1920, 1080)) is None


@pytest.fixture
def screen(open_screen: Callable[..., Screen]) -> Screen:
    return open_screen((400, 320))


def test_only_the_area_is_blended_and_sent_to_the_display_the_last_frame_too(screen: Screen) -> None:
    old, new = pygame.Surface((400, 320)), pygame.Surface((400, 320))
    old.fill((0, 0, 0))
    new.fill((200, 100, 50))
    screen.show(old)
    display = pygame.display.get_surface()
    screen.fade(new, 0.0, 0.5, (100, 100, 50, 50))
    assert display.get_at((120, 120))[:3] == pytest.approx((100, 50, 25), abs=3)
    assert display.get_at((10, 10))[:3] == (0, 0, 0)
    screen.fade(new, 0.5, 1.0, (100, 100, 50, 50))
    assert display.get_at((120, 120))[:3] == (200, 100, 50)
    assert display.get_at((10, 10))[:3] == (0, 0, 0)  # outside the area the pages are the same
