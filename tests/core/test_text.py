"""Text from a source is cleaned once, where it enters the model: ``kiosk.core.text.clean``."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.core.text import MAX_MARKS, clean, cut, hide_url_secrets, printable, shown_url


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Bad\x00title", "Badtitle"),
        ("Lone \ud800surrogate\udfff", "Lone surrogate"),
        ("Red \x1b[31mtitle\x07", "Red [31mtitle"),
        ("DEL\x7f and C1\x9b", "DEL and C1"),
        ("\u202eevil\u202c \u2067isolated\u2069", "evil isolated"),
        ("zero\ufeffwidth no-break", "zerowidth no-break"),
        ("tab\there", "tab here"),
        ("lines\r\nand\rmore\u2028end", "lines\nand\nmore\nend"),
        ("  padded  ", "padded"),
    ],
)
def test_what_has_no_place_on_a_board_is_removed(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize(
    "kept",
    [
        "Café naïve Straße",
        "Tiếng Việt",  # two marks on one letter
        "ה\u05b8\u05bc\u0591",  # a Hebrew letter with points and a cantillation mark
        "नमस्ते क्षत्रिय",  # Devanagari: virama, vowel signs
        "emoji\u200dword zero\u200bwidth non\u200cjoiner",
        "👨\u200d👩\u200d👧 🇩🇪 👍🏽 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f ❤\ufe0f",
        "soft\u00adhyphen left\u200eright\u200fmarks",
        "مرحبا עברית 中文",
    ],
)
def test_text_that_needs_invisible_characters_keeps_them(kept: str) -> None:
    assert clean(kept) == kept


def test_a_tower_of_combining_marks_is_capped_per_letter() -> None:
    zalgo = "Z" + "\u0336\u0301" * 200 + "a" + "\u0489" * 50 + "lgo"
    cleaned = clean(zalgo)
    assert cleaned.startswith("Z") and cleaned.endswith("lgo")
    letters = [c for c in cleaned if not unicodedata.category(c).startswith("M")]
    assert letters == list("Zalgo")
    assert len(cleaned) == len("Zalgo") + 2 * MAX_MARKS
    assert clean(cleaned) == cleaned


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("a\x1b[31mb\x07\n") == "a\\x1b[31mb\\x07\\x0a"
    assert printable("\u202eevil \ud800") == "\\u202eevil \\ud800"
    family = "👨\u200d👩\u200d👧 Café"
    assert printable(family) == family


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://docs.example/d/e/2PACX/pub?output=csv&key=s3cret", "https://docs.example/d/e/2PACX/pub?…"),
        ("https://reader:hunter2@cloud.example/s.ics", "https://reader:…@cloud.example/s.ics"),
        ("https://reader@cloud.example/s.ics#frag", "https://reader@cloud.example/s.ics#…"),
        ("https://a:b:c@x.example/?", "https://a:…@x.example/"),
        ("http://[::1/schedule.json?key=1", "http://…"),
        ("/srv/schedule.json", "/srv/schedule.json"),
        ("https://plain.example/schedule.json", "https://plain.example/schedule.json"),
    ],
)
def test_a_shown_url_hides_its_password_and_query(url: str, shown: str) -> None:
    assert shown_url(url) == shown


def test_urls_in_a_message_are_shown_without_secrets() -> None:
    message = "cannot fetch https://u:pw@h.example/x?token=abc (see 'http://h.example/y?z=1')"
    assert hide_url_secrets(message) == "cannot fetch https://u:…@h.example/x?… (see 'http://h.example/y?…')"


def test_a_value_quoted_in_a_report_is_cut_to_its_limit_with_dots() -> None:
    assert cut("Room H-103", 40) == "Room H-103"
    assert cut("x" * 40, 40) == "x" * 40
    assert cut("x" * 41, 40) == "x" * 37 + "..."
