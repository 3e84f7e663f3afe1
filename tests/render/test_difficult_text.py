"""Difficult text on the board: Zalgo towers, zero-width joiners and spaces, emoji sequences.

Through ``kiosk.render.fonts``, ``kiosk.render.text`` and ``kiosk.render.emoji`` together, as a title is
drawn.
"""

from __future__ import annotations

import pytest

from kiosk.core.text import clean
from kiosk.layout.fit import ELLIPSIS, fit
from kiosk.render.emoji import as_drawn
from kiosk.render.fonts import REPLACEMENT, Fonts
from kiosk.render.text import TextCache

FAMILY = "👨\u200d👩\u200d👧"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        (f"{FAMILY} family", "👨 family"),
        ("👩\u200d💻 coder", "👩 coder"),
        ("👩🏽\u200d💻", "👩"),
        ("🇩🇪 and 🇮🇳", "DE and IN"),
        ("👍🏽 ok", "👍 ok"),
        (SCOTLAND, "🏴"),
        ("❤\ufe0f", "❤\ufe0f"),
        ("क्\u200dष and ക്\u200d", "क्\u200dष and ക്\u200d"),  # a joiner in Indic text shapes a letter
        ("plain text", "plain text"),
    ],
)
def test_emoji_sequences_are_drawn_as_what_the_font_has(text: str, drawn: str) -> None:
    assert as_drawn(text) == drawn


def test_a_sequence_takes_the_room_of_its_first_emoji(fonts: Fonts) -> None:
    for sequence, first in ((FAMILY, "👨"), ("👍🏽", "👍"), (SCOTLAND, "🏴")):
        assert fonts.width(sequence, "regular", 48) == fonts.width(first, "regular", 48)
    assert fonts.width("🇩🇪", "regular", 48) == fonts.width("DE", "regular", 48)
    lines = TextCache(fonts)
    drawn = lines.line(FAMILY, "regular", 48, 60, (255, 255, 255))
    assert drawn.get_width() == lines.line("👨", "regular", 48, 60, (255, 255, 255)).get_width()


def test_zero_width_characters_draw_nothing_and_let_a_line_break(fonts: Fonts) -> None:
    assert all(fonts.face_for(char) is not None for char in "\u200b\u200c\u200d")
    assert all(run.text.find(REPLACEMENT) < 0 for run in fonts.runs("zero\u200bwidth\u200djoin"))
    word = "Kommunikations\u200bwissenschaft\u200bstudierende"
    fitted = fit(fonts, word, "bold", 60, fonts.width("Kommunikationswissen", "bold", 60), 3)
    assert [line.replace("\u200b", "") for line in fitted.lines] == [
        "Kommunikations",
        "wissenschaft",
        "studierende",
    ]


def test_a_zalgo_title_is_shown_as_its_letters(fonts: Fonts) -> None:
    title = clean("Z" + "\u0336\u0301" * 300 + "algo " * 40)
    fitted = fit(fonts, title, "bold", 80, 1100, 2, 50)
    assert len(fitted.lines) == 2 and fitted.lines[-1].endswith(ELLIPSIS)
    assert fitted.lines[0].startswith("Z") and "algo" in fitted.lines[0]
    assert all(fonts.width(line, "bold", fitted.size) <= 1100 for line in fitted.lines)


def test_the_last_line_goes_on_as_the_text_is_written(fonts: Fonts) -> None:
    word = "Kommunikations\u200bwissenschafts\u200bstudierende\u200btreffen"
    fitted = fit(fonts, word, "regular", 60, fonts.width("Kommunikationswissen", "regular", 60), 1)
    assert fitted.lines[0].startswith("Kommunikations\u200bwiss") and fitted.lines[0].endswith(ELLIPSIS)
    assert " " not in fitted.lines[0]
