"""The scene is pure: what it measures or compares is handed to it (fonts' widths, laid-out pages)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import boards

from kiosk.core.model import Latest, Reading
from kiosk.layout import Box, Layout
from kiosk.shell import scene


class Widths:
    """Fonts whose every character is ``share`` of the font size wide."""

    def __init__(self, share: float) -> None:
        self.share = share

    def width(self, text: str, style: str, size: int) -> int:
        return int(len(text) * size * self.share)


def test_the_parts_of_a_page_are_counted_with_the_fonts_it_is_given() -> None:
    today = boards.view(boards.at(9, 0), "today")
    assert scene.parts(today, (1920, 1080), Widths(0.01)) == 1
    assert scene.parts(today, (1920, 1080), Widths(2)) == 2, "wider letters: the day needs two screens"
    assert scene.parts(boards.view(boards.at(9, 0), "now"), (1920, 1080), Widths(2)) == 1


def test_the_changed_area_of_two_layouts_is_round_the_boxes_only_one_has() -> None:
    kept = Box("text", (0, 0, 1920, 100), lines=("Header",))
    before = Layout((1920, 1080), (0, 0, 0), (kept, Box("text", (100, 300, 200, 50), lines=("Old",))))
    after = Layout((1920, 1080), (0, 0, 0), (kept, Box("text", (400, 500, 100, 50), lines=("New",))))
    assert scene.changed_area(before, after, (1920, 1080)) == (90, 290, 420, 270)
    assert scene.changed_area(before, before, (1920, 1080)) is None, "nothing changed"
    assert scene.changed_area(before, Layout((1920, 1080), (9, 9, 9), after.boxes), (1920, 1080)) is None


def test_the_places_that_changed_are_apart_unless_they_overlap() -> None:
    kept = Box("text", (0, 0, 1920, 100), lines=("Header",))
    clock, was = (
        Box("text", (1700, 20, 200, 60), lines=("11:01",)),
        Box("text", (1700, 20, 200, 60), lines=("11:00",)),
    )
    left, was_left = (
        Box("text", (100, 600, 300, 50), lines=("in 4 min",)),
        Box("text", (100, 600, 300, 50), lines=("in 5 min",)),
    )
    # Two boxes that overlap only once the first has been joined with a third.
    a, b, c = (
        Box("text", r, lines=("x",)) for r in [(100, 900, 100, 40), (190, 900, 100, 40), (280, 900, 100, 40)]
    )
    before = Layout((1920, 1080), (0, 0, 0), (kept, was, was_left))
    after = Layout((1920, 1080), (0, 0, 0), (kept, clock, left, c, a, b))
    assert scene.changed_areas(before, after, (1920, 1080)) == [
        (1690, 10, 220, 80),  # the clock, with the 10 px margin at 1920x1080
        (90, 590, 320, 70),
        (90, 890, 300, 60),  # the three boxes in a row, joined
    ]
    assert scene.changed_area(before, after, (1920, 1080)) == (90, 10, 1820, 940)  # round all of them
    assert scene.changed_areas(before, before, (1920, 1080)) is None


def test_a_changed_second_schedule_source_starts_the_sources_afresh() -> None:
    config = boards.CONFIG
    second = replace(config.source, url="https://example.org/open-spaces.csv")
    with_two = replace(config, more_sources=(second,))
    assert scene.source_changed(config, with_two)
    moved = replace(with_two, more_sources=(replace(second, room="H-103"),))
    assert scene.source_changed(with_two, moved)
    assert not scene.source_changed(with_two, replace(with_two, pages=config.pages))


def test_the_board_is_worked_out_once_for_the_same_reading_and_instant() -> None:
    reading = Reading("json", boards.demo_schedule())
    latest = Latest(reading=reading)
    at = datetime(2026, 12, 5, 11, 0, tzinfo=boards.TZ)
    first = scene.board_of(boards.CONFIG, latest, at)
    assert scene.board_of(boards.CONFIG, replace(latest, error="timed out"), at) is first  # same reading
    assert scene.board_of(boards.CONFIG, Latest(reading=replace(reading)), at) is not first
    later = scene.board_of(boards.CONFIG, latest, datetime(2026, 12, 5, 11, 1, tzinfo=boards.TZ))
    assert later is not first and later[1].now.minute == 1
    # The hour a clock goes back reads twice: the same wall time, fold 0 and then fold 1.
    berlin = ZoneInfo("Europe/Berlin")
    before = scene.board_of(boards.CONFIG, latest, datetime(2026, 10, 25, 2, 30, tzinfo=berlin))
    after = scene.board_of(boards.CONFIG, latest, datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=berlin))
    assert (before[1].now.fold, after[1].now.fold) == (0, 1)
