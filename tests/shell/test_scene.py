"""The scene is pure: what it measures or compares is handed to it (fonts' widths, laid-out pages)."""

from __future__ import annotations

from dataclasses import replace

import boards

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


def test_a_changed_second_schedule_source_starts_the_sources_afresh() -> None:
    config = boards.CONFIG
    second = replace(config.source, url="https://example.org/open-spaces.csv")
    with_two = replace(config, more_sources=(second,))
    assert scene.source_changed(config, with_two)
    moved = replace(with_two, more_sources=(replace(second, room="H-103"),))
    assert scene.source_changed(with_two, moved)
    assert not scene.source_changed(with_two, replace(with_two, pages=config.pages))
