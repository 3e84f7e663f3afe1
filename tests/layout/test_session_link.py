"""A session with a link gets a labelled QR code on its ``now`` card that decodes to that link.

Part of the now page (``kiosk.layout.now``); test_layout.py has the rest of it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import boards
import pytest
from boards import SIZES, check
from screens import qr_codes

from kiosk.core.model import Schedule, Session
from kiosk.layout import layout
from kiosk.layout.fit import ELLIPSIS
from kiosk.render import render
from kiosk.render.fonts import Fonts

NOTES = "https://docs.example.org/d/1a2b3c4d5e6f7g8h9i0j/edit?usp=sharing&title=Async%20war%20stories"


def board(url: str) -> boards.Board:
    start = datetime.combine(boards.DAY, time(12, 0), boards.TZ)
    session = Session("Async Python war stories", start, start + timedelta(minutes=30), "Ravi", url=url)
    return boards.at(12, 12, Schedule((session,)))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_session_link_is_a_qr_code_that_decodes_to_it(fonts: Fonts, size: tuple[int, int]) -> None:
    view = boards.view(board(NOTES), "now")
    drawn = layout(view, size, fonts)
    check(drawn, fonts)
    assert [b.payload for b in drawn.boxes if b.kind == "qr"] == [NOTES, boards.CONFIG.propose.url]
    assert "Notes & slides" in " ".join(line for b in drawn.boxes for line in b.lines)
    surface = render(view, size)
    assert sorted(qr_codes(surface)) == sorted([NOTES, boards.CONFIG.propose.url])


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "file:///etc/passwd"])
def test_only_web_links_get_a_code(fonts: Fonts, url: str) -> None:
    drawn = layout(boards.view(board(url), "now"), (1920, 1080), fonts)
    assert [b.payload for b in drawn.boxes if b.kind == "qr"] == [boards.CONFIG.propose.url]


def test_the_title_keeps_its_size_beside_the_code(fonts: Fonts) -> None:
    with_link = layout(boards.view(board(NOTES), "now"), (1920, 1080), fonts)
    title = next(b for b in with_link.boxes if b.lines and b.lines[0].startswith("Async"))
    assert title.size >= 0.07 * 1080


@pytest.mark.parametrize("language", ["en", "de", "nl", "ja", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_code_goes_rather_than_show_its_caption_cut(
    fonts: Fonts, size: tuple[int, int], language: str
) -> None:
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, language=language))
    drawn = layout(boards.view(boards.at(12, 12), "now", config=config), size, fonts)  # the demo's link
    check(drawn, fonts)
    caption = config.words("session_link", "Notes & slides").replace(" ", "")
    texts = ["".join(b.lines).replace(" ", "") for b in drawn.boxes if b.kind == "text"]
    assert not [t for t in texts if t.endswith(ELLIPSIS) and caption.startswith(t[:-1])]
    with_link = any(b.kind == "qr" and b.payload != config.propose.url for b in drawn.boxes)
    assert with_link == (caption in texts)
