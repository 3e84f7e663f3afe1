"""A break (a conference's coffee break or lunch) on the pages: said as a break, never as an open slot.

One idea across the now and today pages (``kiosk.layout.now``, ``kiosk.layout.today``), so one file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import boards
import pytest
from boards import SIZES, TZ, check

from kiosk.board.timeline import board_at
from kiosk.core.model import BREAK, Schedule, Session
from kiosk.layout import layout
from kiosk.render.fonts import Fonts


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 12, 5, hour, minute, tzinfo=TZ)


DAY = Schedule(
    (
        Session("Packaging circle", at(11, 0), at(12, 0), host="Arjun"),
        Session("Lunch", at(12, 0), at(13, 0), kind=BREAK),
        Session("Testing with Hypothesis", at(13, 0), at(13, 30), host="Zac"),
    )
)


def texts(
    page: str, hour: int, minute: int, size: tuple[int, int], fonts: Fonts, language: str = "en"
) -> list[str]:
    config = boards.CONFIG
    if language != "en":
        config = replace(config, event=replace(config.event, language=language))
    board = board_at(DAY, config.slots, at(hour, minute))
    page_layout = layout(boards.view(board, page, config=config), size, fonts)
    check(page_layout, fonts)
    return [" ".join(box.lines) for box in page_layout.boxes if box.kind == "text"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_break_on_now_is_labelled_a_break_and_its_slot_is_not_free(
    size: tuple[int, int], fonts: Fonts
) -> None:
    shown = texts("now", 12, 10, size, fonts)
    assert "BREAK" in shown and "Lunch" in shown  # labels are set in capitals
    assert "NOW" not in shown and "FREE NOW" not in shown
    assert not any(text.startswith("This slot is open") for text in shown)


def test_the_slots_of_a_break_say_break_on_today(fonts: Fonts) -> None:
    board = board_at(DAY, boards.CONFIG.slots, at(10, 30))
    lunch = [slot for slot in board.slots if slot.sessions and slot.sessions[0].kind == BREAK]
    assert len(lunch) == 2 and not any(slot.free or slot.open for slot in lunch)
    shown = texts("today", 10, 30, (1920, 1080), fonts)
    assert shown.count("Lunch") == 2 and shown.count("Break") == 2


def test_the_word_is_the_boards_language(fonts: Fonts) -> None:
    assert "PAUSE" in texts("now", 12, 10, (1920, 1080), fonts, language="de")
    assert "休憩" in texts("today", 10, 30, (1920, 1080), fonts, language="ja")


def test_minutes_left_of_a_break_count_down_as_a_sessions_do(fonts: Fonts) -> None:
    shown = texts("now", 12, 40, (1920, 1080), fonts)
    assert any("20 min" in text for text in shown), shown
    assert at(13, 0) - at(12, 40) == timedelta(minutes=20)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_break_to_come_is_labelled_a_break_not_next(size: tuple[int, int], fonts: Fonts) -> None:
    shown = texts("now", 11, 40, size, fonts)
    assert "BREAK" in shown and "Lunch" in shown and "in 20 min" in shown
    assert "NEXT" not in shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_before_the_day_a_break_is_not_where_open_spaces_start(size: tuple[int, int], fonts: Fonts) -> None:
    coffee = Session("Coffee break", at(10, 30), at(11, 0), kind=BREAK)
    board = board_at(Schedule((coffee, *DAY.sessions)), boards.CONFIG.slots, at(9, 20))
    page_layout = layout(boards.view(board, "now"), size, fonts)
    check(page_layout, fonts)
    shown = [" ".join(box.lines) for box in page_layout.boxes if box.kind == "text"]
    assert "Open Spaces start at 11:00" in shown and "Packaging circle" in shown
    assert "Coffee break" not in shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_break_later_today_is_muted_as_on_the_today_page(size: tuple[int, int], fonts: Fonts) -> None:
    early = Session("Type hints", at(10, 0), at(10, 30), host="Priya")
    board = board_at(Schedule((early, *DAY.sessions)), boards.CONFIG.slots, at(10, 10))
    page_layout = layout(boards.view(board, "now"), size, fonts)
    check(page_layout, fonts)
    colours = {" ".join(b.lines): b.colour for b in page_layout.boxes if b.kind == "text"}
    assert colours["Lunch"] == colours["12:00"] == boards.CONFIG.theme.muted
    assert colours["Testing with Hypothesis"] == boards.CONFIG.theme.text
