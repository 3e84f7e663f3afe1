"""The ``updates`` page at every screen size with 1, 3 and 10 posts of mixed lengths: everything fits,
newest first, each post with its name, handle and age, and a QR code that scans to the first account."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import boards
import pytest
from boards import SIZES, check
from screens import qr_codes

from kiosk.config import UpdatesConfig
from kiosk.layout import Layout, layout
from kiosk.layout.fit import ELLIPSIS
from kiosk.render import render
from kiosk.render.fonts import Fonts
from kiosk.sides.updates import Post

BOARD = boards.at(12, 12)
NOW = BOARD.now
CONFIG = replace(
    boards.CONFIG,
    updates=UpdatesConfig(mastodon=("https://fosstodon.org/@pyconf",), bluesky=("pyconf.bsky.social",)),
)
TEXTS = (
    "Room change: the packaging Open Space moves to H-104 at 14:00.\n\nSee you there!",
    "Lunch runs 15 minutes late 🍛",
    "New Open Space at 15:30, maintainer burnout: a support circle. " * 6,
    "שלום לכולם 👋 مرحبا بالجميع في المساحات المفتوحة",
    "Two words",
    "x" * 5000,
    " ".join(["Supercalifragilisticexpialidocious"] * 40),
    boards.SCRIPTS[0],
)
AUTHORS = (
    ("PyConf Organisers", "@pyconf@fosstodon.org"),
    ("Open Spaces ✨ " * 6, "@openspaces.bsky.social"),
    ("Kavya", "@kavya.with.a.very.long.handle.example.bsky.social"),
)


def posts(count: int) -> tuple[Post, ...]:
    return tuple(
        Post(
            *AUTHORS[i % len(AUTHORS)],
            at=NOW - timedelta(minutes=2 + 11 * i),
            text=TEXTS[(i * 5) % len(TEXTS)],  # a long one among the first three
            url=f"https://fosstodon.org/@pyconf/{i}",
        )
        for i in range(count)
    )


def page(count: int, size: tuple[int, int], fonts: Fonts, config: object = CONFIG) -> Layout:
    return layout(boards.view(BOARD, "updates", config=config, updates=posts(count)), size, fonts)  # type: ignore[arg-type]


def texts(page: Layout) -> list[str]:
    return [" ".join(b.lines) for b in page.boxes if b.kind == "text"]


@pytest.mark.parametrize("count", [1, 3, 10])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_updates_fit_newest_first_with_name_handle_and_age(
    fonts: Fonts, size: tuple[int, int], count: int
) -> None:
    laid = page(count, size, fonts)
    check(laid, fonts)
    shown = texts(laid)
    ages = [t for t in shown if re.fullmatch(r"\d+ min ago", t)]
    # 1 and 3 posts are all shown; of 10, as many as fit legibly, newest first, at least three.
    assert len(ages) == count if count <= 3 else 3 <= len(ages) < count
    assert ages == [f"{2 + 11 * i} min ago" for i in range(len(ages))]
    # Each post's age is followed by its display name (cut if need be) and its whole handle.
    for post, age in zip(posts(count), ages, strict=False):
        name, handle = shown[shown.index(age) + 1 : shown.index(age) + 3]
        assert " ".join(post.author.split()).startswith(name.rstrip(ELLIPSIS))
        assert handle == post.handle, "the handle says who posted: it is never cut"
    body = [b for b in laid.boxes if b.kind == "text" and b.style == "regular" and len(b.lines) > 1]
    assert body and all(b.size >= 0.03 * min(size) for b in body)  # legible from the hallway


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_post_is_cut_with_an_ellipsis_not_shrunk(fonts: Fonts, size: tuple[int, int]) -> None:
    laid = page(3, size, fonts)
    long = [b for b in laid.boxes if b.kind == "text" and b.lines[0].startswith("xxxx")]
    assert len(long) == 1 and long[0].lines[-1].endswith(ELLIPSIS)
    assert len(long[0].lines) <= 6


def test_paragraphs_start_on_their_own_lines(fonts: Fonts) -> None:
    laid = page(1, (1920, 1080), fonts)
    body = next(b for b in laid.boxes if b.kind == "text" and b.lines[0].startswith("Room change"))
    assert body.lines[-1] == "See you there!"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_qr_code_scans_to_the_first_account(size: tuple[int, int]) -> None:
    surface = render(boards.view(BOARD, "updates", config=CONFIG, updates=posts(3)), size)
    assert qr_codes(surface) == ["https://fosstodon.org/@pyconf"]


def test_without_posts_the_page_says_so(fonts: Fonts) -> None:
    laid = page(0, (1920, 1080), fonts)
    assert "No updates in the last 24 hr" in texts(laid)


def test_without_a_named_account_there_is_no_qr_code(fonts: Fonts) -> None:
    config = replace(CONFIG, updates=UpdatesConfig(hashtags=("https://fosstodon.org/tags/pyconf",)))
    laid = page(3, (1920, 1080), fonts, config)
    check(laid, fonts)
    assert not any(b.kind == "qr" for b in laid.boxes)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_right_to_left_post_is_aligned_right(fonts: Fonts, size: tuple[int, int]) -> None:
    rtl = Post("Kavya", "@kavya@fosstodon.org", NOW, "שלום לכולם 👋 مرحبا بالجميع", "https://x/1")
    laid = layout(boards.view(BOARD, "updates", config=CONFIG, updates=(rtl, *posts(1))), size, fonts)
    check(laid, fonts)
    starts = ("שלום", "Room change")
    aligns = {
        start: b.align for b in laid.boxes for start in starts if b.lines and b.lines[0].startswith(start)
    }
    assert aligns == {"שלום": "right", "Room change": "left"}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_a_right_to_left_board_a_left_to_right_post_is_aligned_left(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    arabic = replace(CONFIG, event=replace(CONFIG.event, language="ar"))
    rtl = Post("Kavya", "@kavya@fosstodon.org", NOW, "مرحبا بالجميع في المساحات المفتوحة", "https://x/1")
    laid = layout(boards.view(BOARD, "updates", config=arabic, updates=(rtl, *posts(1))), size, fonts)
    check(laid, fonts)
    starts = ("مرحبا", "Room change")
    aligns = {
        start: b.align for b in laid.boxes for start in starts if b.lines and b.lines[0].startswith(start)
    }
    assert aligns == {"مرحبا": "right", "Room change": "left"}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_in_portrait_the_follow_code_sits_evenly_in_its_panel_with_its_words_centred(
    fonts: Fonts, language: str
) -> None:
    config = replace(CONFIG, event=replace(CONFIG.event, language=language))
    laid = layout(boards.view(BOARD, "updates", config=config, updates=posts(3)), (1080, 1920), fonts)
    check(laid, fonts)
    (code,) = [b for b in laid.boxes if b.kind == "qr"]
    _, y, _, h = code.rect
    (panel,) = [
        b for b in laid.boxes if b.kind == "panel" and b.rect[1] <= y and y + h <= b.rect[1] + b.rect[3]
    ]
    above, below = y - panel.rect[1], panel.rect[1] + panel.rect[3] - (y + h)
    assert abs(above - below) <= 1, (above, below)
    words = [b for b in laid.boxes if b.kind == "text" and panel.rect[1] <= b.rect[1] <= y + h]
    top, bottom = min(b.rect[1] for b in words), max(b.rect[1] + b.rect[3] for b in words)
    assert abs((top + bottom) / 2 - (y + h / 2)) <= h * 0.1, (top, bottom, y, h)
