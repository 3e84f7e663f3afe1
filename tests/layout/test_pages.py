"""The page registry: one entry per page the config accepts, in the same order, each laid out by its own
function; the carousel passes over the pages with nothing to show."""

from __future__ import annotations

from dataclasses import replace

import pytest
from boards import CONFIG, at

from kiosk.config import PAGES, VoteConfig
from kiosk.layout import View, layout, pages
from kiosk.render.fonts import Fonts


def test_the_registry_and_the_config_name_the_same_pages_in_the_same_order() -> None:
    assert tuple(entry.name for entry in pages.PAGES) == PAGES


def test_an_unknown_page_is_the_now_page() -> None:
    assert pages.page("lobby") is pages.page("now")


@pytest.mark.parametrize("name", [name for name in PAGES if name != "now"])
def test_each_page_has_its_own_layout(fonts: Fonts, name: str) -> None:
    board = at(12, 10)
    view = View(config=CONFIG, board=board, footer="", footer_stale=False, warnings=(), page="now")
    assert layout(replace(view, page=name), (1920, 1080), fonts) != layout(view, (1920, 1080), fonts)


def test_pages_with_nothing_to_show() -> None:
    board = at(10, 10)  # the two proposals at 13:00 compete for their slot
    view = View(config=CONFIG, board=board, footer="", footer_stale=False, warnings=(), page="now")
    with_form = replace(view, config=replace(CONFIG, vote=VoteConfig(url="https://example.org/v?t={title}")))
    assert pages.empty(view) == {"vote", "updates"}, "no vote form, no posts"
    assert pages.empty(with_form) == {"updates"}


def test_the_pages_a_config_asks_for_by_setting_their_table() -> None:
    two_rooms = replace(CONFIG, source=replace(CONFIG.source, rooms=("H-101", "H-102")))
    with_form = replace(two_rooms, vote=VoteConfig(url="https://example.org/v?t={title}"))
    assert [p.name for p in pages.PAGES if p.asked(CONFIG)] == []
    assert [p.name for p in pages.PAGES if p.asked(with_form)] == ["vote", "rooms"]
    assert {p.name: p.asked_by for p in pages.PAGES if p.asked_by} == {
        "vote": "[vote] url",
        "updates": "[updates]",
        "rooms": "[source] rooms",
    }
