"""Hostile sizes are bounded by counting work, never by timing: entries read, pairs compared,
characters measured. ``bench/hostile_inputs.py`` measures the time and memory they take."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import boards
import pytest

from kiosk.board import timeline
from kiosk.config import SlotsConfig
from kiosk.core.model import Problem, Schedule, Session
from kiosk.formats import ReadOptions, read_schedule
from kiosk.formats._bounds import MAX_ENTRIES
from kiosk.layout import layout
from kiosk.layout.fit import ELLIPSIS, fit
from kiosk.render.fonts import Fonts

ZONE = ZoneInfo("Asia/Kolkata")
OPTIONS = ReadOptions(timezone=ZONE, date=date(2026, 12, 5))


class Counting:
    """A Measure that counts what it is asked to measure."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.calls = 0
        self.characters = 0
        self.longest = 0

    def width(self, text: str, style: str, size: int) -> int:
        self.calls += 1
        self.characters += len(text)
        self.longest = max(self.longest, len(text))
        return self.fonts.width(text, style, size)


def test_json_entries_past_the_bound_are_one_problem() -> None:
    data = json.dumps({"sessions": [1] * (MAX_ENTRIES + 5)}).encode()
    reading = read_schedule(data, OPTIONS, format="json")
    assert len(reading.problems) == MAX_ENTRIES + 1
    assert reading.problems[0] == Problem(
        "sessions",
        "only the first 20,000 of 20,005 sessions are read; the other 5 are left out "
        "(is this the right schedule?)",
    )
    assert reading.problems[-1].where == f"sessions[{MAX_ENTRIES - 1}]"


def test_csv_rows_past_the_bound_are_one_problem() -> None:
    rows = "".join(f"T{n},10:00,oops\r\n" for n in range(MAX_ENTRIES + 3))
    reading = read_schedule(("Title,Start,End\r\n" + rows).encode(), OPTIONS, format="csv")
    assert len(reading.problems) == MAX_ENTRIES + 1
    assert reading.problems[-2].where == f"row {MAX_ENTRIES + 1}"
    assert reading.problems[-1].where == f"rows {MAX_ENTRIES + 2}–{MAX_ENTRIES + 4}"
    assert "only the first 20,000 of 20,003 rows" in reading.problems[-1].message


def test_frab_events_past_the_bound_are_one_problem() -> None:
    events = [
        {"guid": str(n), "title": f"T{n}", "start": "10:00", "duration": "x"} for n in range(MAX_ENTRIES + 2)
    ]
    document = {"schedule": {"conference": {"days": [{"date": "2026-12-05", "rooms": {"A": events}}]}}}
    reading = read_schedule(json.dumps(document).encode(), OPTIONS, format="frab")
    assert len(reading.problems) == MAX_ENTRIES + 1
    assert "only the first 20,000 of 20,002 events" in reading.problems[0].message


@pytest.mark.parametrize(
    ("document", "format", "message"),
    [
        (
            {"sessions": [{"id": str(n), "title": f"T{n}", "startsAt": "x"} for n in range(MAX_ENTRIES + 4)]},
            "sessionize",
            "only the first 20,000 of 20,004 sessions",
        ),
        (
            {"results": {"1": {"20261205": {str(n): {"title": f"T{n}"} for n in range(MAX_ENTRIES + 1)}}}},
            "indico",
            "only the first 20,000 of 20,001 entries",
        ),
    ],
)
def test_sessionize_and_indico_entries_past_the_bound_are_one_problem(
    document: object, format: str, message: str
) -> None:
    reading = read_schedule(json.dumps(document).encode(), OPTIONS, format=format)
    assert len(reading.problems) == MAX_ENTRIES + 1
    assert message in reading.problems[0].message


def test_overlaps_are_found_by_a_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []
    utc = timeline._utc

    def counting(moment: datetime) -> datetime:
        compared.append(1)
        return utc(moment)

    start = datetime(2026, 12, 5, 10, tzinfo=ZONE)
    apart = tuple(
        Session(f"S{n}", start + timedelta(minutes=n), start + timedelta(minutes=n + 1)) for n in range(2000)
    )
    monkeypatch.setattr(timeline, "_utc", counting)
    assert timeline._overlaps(apart) == ()
    assert len(compared) <= 3 * len(apart)  # every pair would be 2 million

    together = tuple(Session(f"S{n}", start, start + timedelta(hours=1)) for n in range(2000))
    compared.clear()
    pairs = timeline._overlaps(together)
    assert len(pairs) == timeline.MAX_OVERLAPS and pairs[0] == (together[0], together[1])
    assert len(compared) <= 3 * timeline.MAX_OVERLAPS


@pytest.mark.parametrize("length", [10_000, 200_000])
def test_fitting_a_huge_word_measures_only_what_could_show(fonts: Fonts, length: int) -> None:
    counting = Counting(fonts)
    fitted = fit(counting, "W" * length, "bold", 80, 1200, 3, 40)
    assert len(fitted.lines) == 3 and fitted.lines[-1].endswith(ELLIPSIS)
    assert all(fonts.width(line, "bold", fitted.size) <= 1200 for line in fitted.lines)
    # At 40 px no character is narrower than 5 px: 3 lines of 1200 px show fewer than 723 of them.
    assert counting.longest <= 3 * (1200 // 5 + 1) + 1
    assert counting.characters <= 400_000  # the same for 10,000 and 200,000 characters


def test_a_day_of_thousands_of_sessions_lays_out_what_fits(fonts: Fonts) -> None:
    start = datetime(2026, 12, 5, 10, tzinfo=ZONE)
    sessions = tuple(
        Session(
            f"Session {n} " + "word " * 20,
            start + timedelta(seconds=6 * n),
            start + timedelta(seconds=6 * n, minutes=30 + n % 7),
        )
        for n in range(5000)
    )
    board = timeline.board_at(Schedule(sessions), SlotsConfig(), datetime(2026, 12, 5, 12, 10, tzinfo=ZONE))
    counting = Counting(fonts)
    for page in ("now", "today"):
        boxes = layout(boards.view(board, page, 0), (1920, 1080), counting).boxes
        assert all(len(line) < 300 for box in boxes for line in box.lines)
    assert counting.longest <= 2000
    assert counting.characters <= 2_000_000
