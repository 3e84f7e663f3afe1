"""One status vocabulary: the same words mean the same in every format and every language.

``kiosk.core.status``; not test_status.py, which is the status file's (test basenames are unique across
folders).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.i18n import languages, words
from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED
from kiosk.core.status import VOCABULARY, cancelled_mark, meaning, read_status, session_status
from kiosk.formats import ReadOptions, read_schedule

Write = Callable[[str, str], bytes]
STATUS_ORDER = (SCHEDULED, PROPOSED, CANCELLED)
OPTIONS = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5))


def test_every_language_of_the_board_has_its_words_for_each_status() -> None:
    assert set(VOCABULARY) == set(languages())
    assert all(set(statuses) == {SCHEDULED, PROPOSED, CANCELLED} for statuses in VOCABULARY.values())
    assert all(all(found) for statuses in VOCABULARY.values() for found in statuses.values())


def test_no_word_has_two_meanings() -> None:
    seen: dict[str, str] = {}
    for statuses in VOCABULARY.values():
        for status, found in statuses.items():
            for word in found:
                assert seen.setdefault(word.casefold(), status) == status, word


@pytest.mark.parametrize("language", languages())
def test_the_word_the_board_shows_for_cancelled_reads_as_cancelled(language: str) -> None:
    shown = words(language)("cancelled", "cancelled")
    assert meaning(shown) == CANCELLED
    assert cancelled_mark(f"{shown}: Packaging") == "Packaging"


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("", SCHEDULED),
        ("  Confirmed ", SCHEDULED),
        ("TENTATIVE", PROPOSED),
        ("vorgeschlagen", PROPOSED),
        ("Canceled", CANCELLED),
        ("Fällt  aus", CANCELLED),
        ("annulée", CANCELLED),
        ("中止", CANCELLED),
        ("maybe", None),
    ],
)
def test_meaning(word: str, status: str | None) -> None:
    assert meaning(word) == status


def test_an_unknown_word_is_shown_as_scheduled_with_a_problem() -> None:
    assert read_status("maybe") == (
        SCHEDULED,
        "status 'maybe' is not a status word (scheduled, proposed, cancelled, or theirs in the board's "
        "languages); shown as scheduled",
    )
    assert read_status("proposed") == (PROPOSED, None)


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("Cancelled: Async", "Async"),
        ("CANCELLED: Async", "Async"),
        ("CANCELLED Async", "Async"),
        ("[cancelled] Async", "Async"),
        ("(Canceled) Async", "Async"),
        ("abgesagt: Async", "Async"),
        ("[Abgesagt] Async", "Async"),
        ("Annulé – Async", "Async"),
        ("【中止】非同期", "非同期"),
        ("Cancelled culture in open source", None),
        ("Cancelled", None),
        ("Async: cancelled", None),
    ],
)
def test_a_cancelled_mark_before_the_title(title: str, bare: str | None) -> None:
    assert cancelled_mark(title) == bare


def test_a_mark_in_the_title_wins_over_the_status_word() -> None:
    assert session_status("scheduled", "Cancelled: Async") == (CANCELLED, "Async", None)
    assert session_status("", "Async") == (SCHEDULED, "Async", None)


def _native(status: str, title: str) -> bytes:
    session = {"title": title, "start": "10:00", "end": "10:30", "status": status}
    return json.dumps({"sessions": [session]}).encode()


def _csv(status: str, title: str) -> bytes:
    return f"Title,Start,End,Status\r\n{title},10:00,10:30,{status}\r\n".encode()


def _ics(status: str, title: str) -> bytes:
    line = f"STATUS:{status}\r\n" if status else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261205T100000\r\n"
        f"DTEND:20261205T103000\r\nSUMMARY:{title}\r\n{line}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _frab(status: str, title: str) -> bytes:
    event = {"guid": "a", "title": title, "start": "10:00", "duration": "00:30", "room": "H-103"}
    day = {"index": 1, "date": "2026-12-05", "rooms": {"H-103": [event]}}
    return json.dumps({"schedule": {"conference": {"title": "C", "days": [day]}}}).encode()


@pytest.mark.parametrize(
    "title", ["Cancelled: Async", "[Cancelled] Async", "abgesagt: Async", "CANCELLED Async", "【中止】 Async"]
)
@pytest.mark.parametrize(
    ("format", "write"), [("json", _native), ("csv", _csv), ("ics", _ics), ("frab", _frab)]
)
def test_a_marked_title_is_cancelled_in_every_format(format: str, write: Write, title: str) -> None:
    reading = read_schedule(write("", title), OPTIONS, format=format)
    assert [(s.title, s.status) for s in reading.schedule.sessions] == [("Async", CANCELLED)]
    assert reading.problems == ()


@pytest.mark.parametrize(
    ("word", "status"), [("Tentative", PROPOSED), ("CANCELLED", CANCELLED), ("confirmed", SCHEDULED)]
)
@pytest.mark.parametrize(("format", "write"), [("json", _native), ("csv", _csv), ("ics", _ics)])
def test_a_status_word_means_the_same_in_every_format_with_a_status(
    format: str, write: Write, word: str, status: str
) -> None:
    reading = read_schedule(write(word, "Async"), OPTIONS, format=format)
    assert [(s.title, s.status) for s in reading.schedule.sessions] == [("Async", status)]


@pytest.mark.parametrize(("format", "write"), [("json", _native), ("csv", _csv), ("ics", _ics)])
def test_an_unknown_status_keeps_the_session_in_every_format(format: str, write: Write) -> None:
    reading = read_schedule(write("maybe", "Async"), OPTIONS, format=format)
    assert [(s.title, s.status) for s in reading.schedule.sessions] == [("Async", SCHEDULED)]
    assert len(reading.problems) == 1 and "status 'maybe' is not a status word" in reading.problems[0].message


def test_the_manual_lists_exactly_these_words() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "sources" / "index.md").read_text(encoding="utf-8")
    for language, statuses in VOCABULARY.items():
        cells = " | ".join(", ".join(f"`{word}`" for word in statuses[status]) for status in STATUS_ORDER)
        assert f"| `{language}` | {cells} |" in page, language
