"""The off-hours page is laid out and drawn like the others; ``snapshot`` draws what the screen shows.

``kiosk.layout.offhours``, with the off-hours value of ``kiosk.board.display_hours`` it lays out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pygame
import pytest
from boards import SIZES
from doubles import FixedSource

from kiosk import cli
from kiosk.board import carousel
from kiosk.board.display_hours import OffHours
from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.layout import TAIL
from kiosk.layout.offhours import off_hours_page
from kiosk.render.fonts import Fonts
from kiosk.shell import app
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.screen import Screen

TZ = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 5, 11, 10, tzinfo=TZ)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "text",
    ["Open Spaces resume tomorrow at 10:30", "ओपन स्पेसेज़ कल सुबह 10:30 बजे फिर से शुरू होंगे " * 3],
    ids=["english", "long hindi"],
)
def test_the_off_hours_line_fits_below_the_middle(fonts: Fonts, size: tuple[int, int], text: str) -> None:
    page = OffHours(text=text, background=(5, 5, 5), colour=(60, 60, 60), shift=(4, 2))
    laid = off_hours_page(page, size, fonts)
    assert laid.background == (5, 5, 5) and len(laid.boxes) == 1
    box = laid.boxes[0]
    x, y, w, h = box.rect
    assert x >= 0 and x + w <= size[0] and size[1] // 2 < y and y + h <= size[1]
    assert box.align == "center" and box.colour == (60, 60, 60) and 1 <= len(box.lines) <= 2
    for line in box.lines:
        assert fonts.width(line, box.style, box.size) <= w
    assert len(box.lines) * box.line_height + round(box.size * TAIL) <= h


def test_a_blank_off_hours_page_has_nothing_on_it(fonts: Fonts) -> None:
    page = OffHours(text="", background=(0, 0, 0), colour=(0, 0, 0), shift=(0, 0))
    assert off_hours_page(page, (1920, 1080), fonts).boxes == ()


def test_showing_stands_on_a_page_and_part() -> None:
    order = ("now", "today", "propose")
    assert (carousel.showing(order, "today", 2).index, carousel.showing(order, "today", 2).part) == (1, 2)
    alone = carousel.showing(order, "vote")
    assert (alone.order, alone.page) == (("vote",), "vote")


@pytest.mark.parametrize("page", ["now", "today", "propose"])
def test_snapshot_writes_the_pixels_the_screen_shows(tmp_path: Path, screen: Screen, page: str) -> None:
    session = Session("Typing in anger", NOW.replace(minute=0), NOW.replace(minute=30), host="Ana")
    latest = Latest(reading=Reading("json", Schedule(sessions=(session,))), fetched_at=NOW)
    config = configs.kiosk_config(
        tmp_path,
        event={"timezone": TZ.key},
        source={"url": tmp_path / "schedule.json"},
        pages={"order": [page], "transition_seconds": 0},
    )
    kiosk = app.Kiosk(
        LiveConfig(config),
        screen,
        source_for=lambda c: FixedSource(latest),
        clock=lambda: NOW,
        notifier=Notifier({}),
    )
    kiosk.step()
    shown = pygame.display.get_surface()
    output = tmp_path / "page.png"
    assert cli.write_png(config, latest, NOW, page, 0, (640, 360), output) == cli.EXIT_OK
    written = pygame.image.load(str(output))
    grid = [(x, y) for x in range(0, 640, 8) for y in range(0, 360, 8)]
    assert len({shown.get_at(point)[:3] for point in grid}) > 2  # a page, not an empty screen
    differing = [
        (x, y)
        for x in range(0, 640, 8)
        for y in range(0, 360, 8)
        if shown.get_at((x, y))[:3] != written.get_at((x, y))[:3]
    ]
    assert not differing
