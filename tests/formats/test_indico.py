"""Indico's timetable export, read as a scientific event publishes it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import BREAK, CANCELLED, SESSION, Problem, Schedule, UnreadableError
from kiosk.formats import ReadOptions, indico, read_schedule

DATA = Path(__file__).parents[1] / "data"
KOLKATA = ZoneInfo("Asia/Kolkata")


def options(room: str = "", zone: ZoneInfo = KOLKATA) -> ReadOptions:
    return ReadOptions(timezone=zone, date=date(2026, 12, 5), room=room)


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    """As the kiosk reads it: by name, sessions in time order."""
    reading = read_schedule(data, options, format="indico")
    return reading.schedule, list(reading.problems)


def test_a_timetable_with_session_blocks_breaks_and_contributions() -> None:
    schedule, problems = read((DATA / "indico-timetable.json").read_bytes(), options())
    assert [
        (s.start.isoformat(), s.end.strftime("%H:%M"), s.title, s.host, s.room, s.kind)
        for s in schedule.sessions
    ] == [
        (
            "2026-12-05T09:30:00+05:30",
            "10:30",
            "Keynote: Python in the lab",
            "Meera Nair",
            "Main Hall",
            SESSION,
        ),
        # A break without a room is every room's.
        ("2026-12-05T10:30:00+05:30", "11:00", "Coffee break", "", "", BREAK),
        # Written in UTC (tz "UTC"); the room is the session block's.
        (
            "2026-12-05T11:00:00+05:30",
            "11:30",
            "Packaging pain points",
            "Priya Raman, Arjun Menon",
            "Room H-103",
            SESSION,
        ),
        # No tz: the event's time zone.
        (
            "2026-12-05T12:00:00+05:30",
            "12:45",
            "Sprint planning for first-time contributors",
            "",
            "Room H-103",
            SESSION,
        ),
        ("2026-12-05T13:00:00+05:30", "14:00", "Lunch", "", "Room H-103", BREAK),
        # A session block with nothing in it is shown itself, with its conveners.
        ("2026-12-05T14:00:00+05:30", "15:00", "Poster session", "Meera Nair", "Foyer", SESSION),
    ]
    assert schedule.sessions[2].url == "https://indico.example.org/event/1482/contributions/2301/"
    assert problems == [
        Problem(
            "timetable 20261205/s3/c2303",
            "\"Async all the things\" its start '2026-12-05 25:00:00' is not a date and time",
        )
    ]


def test_one_room_and_the_breaks_without_a_room() -> None:
    schedule, problems = read((DATA / "indico-timetable.json").read_bytes(), options(room="room h-103"))
    assert [s.title for s in schedule.sessions] == [
        "Coffee break",
        "Packaging pain points",
        "Sprint planning for first-time contributors",
        "Lunch",
    ]
    assert [p.where for p in problems] == ["timetable 20261205/s3/c2303"]


def timetable(**entries: dict[str, Any]) -> bytes:
    return json.dumps({"count": 1, "results": {"9": {"20261205": entries}}}).encode()


def entry(**fields: Any) -> dict[str, Any]:
    return {
        "entryType": "Contribution",
        "title": "Packaging",
        "startDate": {"date": "2026-12-05", "time": "10:00:00", "tz": "Europe/Berlin"},
        "endDate": {"date": "2026-12-05", "time": "10:30:00", "tz": "Europe/Berlin"},
        "room": "",
    } | fields


def test_times_in_another_zone_come_out_in_the_events() -> None:
    schedule, problems = read(timetable(c1=entry()), options())
    assert problems == []
    assert schedule.sessions[0].start.isoformat() == "2026-12-05T14:30:00+05:30"


def test_a_session_block_with_a_slot_title_names_both() -> None:
    block = entry(
        entryType="Session", title="Open Spaces", slotTitle="Afternoon", conveners=[{"name": "Sam"}]
    )
    schedule, _ = read(timetable(s1=block), options())
    assert [(s.title, s.host) for s in schedule.sessions] == [("Open Spaces: Afternoon", "Sam")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "has no title"),
        ({"startDate": None}, '"Packaging" has no start (startDate)'),
        (
            {"endDate": {"date": "2026-12-05", "time": "10:30:00", "tz": "Mars/Olympus"}},
            "\"Packaging\" its end is in an unknown time zone 'Mars/Olympus'",
        ),
        (
            {"endDate": {"date": "2026-12-05", "time": "09:00:00", "tz": "Europe/Berlin"}},
            '"Packaging" end 13:30 is before start 14:30',
        ),
    ],
)
def test_each_bad_entry_is_a_problem_with_its_place(fields: dict[str, Any], message: str) -> None:
    schedule, problems = read(timetable(c1=entry(**fields), c2=entry(title="Fine")), options())
    assert [s.title for s in schedule.sessions] == ["Fine"]
    assert problems == [Problem("timetable 20261205/c1", message)]


def test_an_event_export_instead_of_a_timetable_says_which_address_to_use() -> None:
    with pytest.raises(UnreadableError, match=r"export/timetable/ID\.json"):
        indico.read(b'{"count": 1, "results": [{"id": "1482", "title": "PyCon"}]}', options())
    with pytest.raises(UnreadableError, match="not an Indico timetable"):
        indico.read(b'{"results": 3}', options())


def test_a_title_marked_as_cancelled_is_a_cancelled_session() -> None:
    schedule, _ = read(timetable(c1=entry(title="[Cancelled] Packaging")), options())
    assert [(s.title, s.status) for s in schedule.sessions] == [("Packaging", CANCELLED)]


def test_a_day_that_is_no_day_of_entries_is_a_problem_and_listed_entries_are_read() -> None:
    data = json.dumps({"results": {"9": {"20261205": [entry()], "20261206": "closed"}}}).encode()
    schedule, problems = read(data, options())
    assert [s.title for s in schedule.sessions] == ["Packaging"]
    assert problems == [Problem("timetable 20261206", "is not a timetable entry")]
