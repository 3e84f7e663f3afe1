from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import CANCELLED, SCHEDULED, Problem, UnreadableError
from kiosk.formats import ReadOptions, frab

DATA = Path(__file__).parents[1] / "data"
KOLKATA = ZoneInfo("Asia/Kolkata")
BERLIN = ZoneInfo("Europe/Berlin")


def options(zone: ZoneInfo = KOLKATA, room: str = "") -> ReadOptions:
    return ReadOptions(timezone=zone, date=date(2026, 12, 5), room=room)


def document(*events: dict[str, Any], zone: str | None = "Europe/Berlin", wrap: bool = True) -> bytes:
    conference: dict[str, Any] = {
        "title": "Test",
        "acronym": "t",
        "rooms": [{"name": "H-103"}, {"name": "Main Hall"}],
        "days": [{"index": 1, "date": "2026-10-24", "rooms": {"H-103": list(events), "Main Hall": []}}],
    }
    if zone is not None:
        conference["time_zone_name"] = zone
    body = {"conference": conference, "version": "1"}
    return json.dumps({"schedule": body} if wrap else body).encode()


def event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "guid": "g1",
        "id": 1,
        "date": "2026-10-24T10:30:00+02:00",
        "start": "10:30",
        "duration": "00:30",
        "room": "H-103",
        "title": "Talk",
        "persons": [],
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def test_pretalx_export_for_one_room() -> None:
    room = "room h-103  (OPEN SPACES)"
    schedule, problems = frab.read((DATA / "pretalx-schedule.json").read_bytes(), options(room=room))
    assert [
        (s.start.isoformat(), s.end.isoformat(), s.title, s.host, s.status) for s in schedule.sessions
    ] == [
        (
            "2026-12-05T10:30:00+05:30",
            "2026-12-05T11:00:00+05:30",
            "Packaging pain points",
            "Priya Raman, Arjun Menon",
            SCHEDULED,
        ),
        (
            "2026-12-05T11:00:00+05:30",
            "2026-12-05T12:30:00+05:30",
            "Sprint planning for first-time contributors",
            "Sam Lee",
            SCHEDULED,
        ),
        ("2026-12-05T14:00:00+05:30", "2026-12-05T14:30:00+05:30", "Async all the things", "", CANCELLED),
        # Listed under day 1, but its date says 00:30 the next morning.
        (
            "2026-12-06T00:30:00+05:30",
            "2026-12-06T01:15:00+05:30",
            "Night owls: lightning demos",
            "Meera Nair",
            SCHEDULED,
        ),
        (
            "2026-12-06T10:00:00+05:30",
            "2026-12-06T10:30:00+05:30",
            "Writing pytest plugins",
            "Ana Fernandes",
            SCHEDULED,
        ),
    ]
    assert problems == [
        Problem(
            'event "0a4b5c6d-7e8f-5a9b-1c2d-3e4f5a6b7c8d"',
            "\"Teaching Python to kids\" its duration 'half an hour' is not a length such as 00:30",
        )
    ]
    first = schedule.sessions[0]
    assert first.url == "https://pretalx.com/pyconindia-2026/talk/OS1A2B/"
    assert first.description == "Bring your pyproject.toml."
    assert first.room == "Room H-103 (Open Spaces)"


def test_without_a_room_every_room_is_read() -> None:
    schedule, _ = frab.read((DATA / "pretalx-schedule.json").read_bytes(), options())
    assert {session.room for session in schedule.sessions} == {
        "Main Hall",
        "Room H-103 (Open Spaces)",
        "Room H-104",
    }
    assert len(schedule.sessions) == 7


def test_no_matching_room_names_the_rooms() -> None:
    schedule, problems = frab.read((DATA / "pretalx-schedule.json").read_bytes(), options(room="H-105"))
    assert schedule.sessions == ()
    assert problems == [
        Problem(
            "rooms",
            "no room matches 'H-105'; rooms in this schedule:"
            " 'Main Hall', 'Room H-103 (Open Spaces)', 'Room H-104'",
        )
    ]


def test_a_declared_room_without_events_is_not_a_problem() -> None:
    schedule, problems = frab.read(document(event()), options(room="main hall"))
    assert schedule.sessions == () and problems == []


def test_a_schedule_without_events_says_so() -> None:
    schedule, problems = frab.read(document(), options())
    assert schedule.sessions == () and problems == [Problem("schedule", "the schedule lists no events")]


@pytest.mark.parametrize(
    ("fields", "zone", "start", "end"),
    [
        ({}, "Europe/Berlin", "2026-10-24T14:00:00+05:30", "2026-10-24T14:30:00+05:30"),
        ({"duration": "01:30:00"}, "Europe/Berlin", "2026-10-24T14:00:00+05:30", "2026-10-24T15:30:00+05:30"),
        ({"duration": 45}, "Europe/Berlin", "2026-10-24T14:00:00+05:30", "2026-10-24T14:45:00+05:30"),
        (
            {"end": "2026-10-24T11:15:00+02:00", "duration": None},
            "Europe/Berlin",
            "2026-10-24T14:00:00+05:30",
            "2026-10-24T14:45:00+05:30",
        ),
        # Without `date`, the day's date and `start` in the conference's zone.
        ({"date": None}, "Europe/Berlin", "2026-10-24T14:00:00+05:30", "2026-10-24T14:30:00+05:30"),
        # ... and in the event's zone when the conference names none.
        ({"date": None}, None, "2026-10-24T10:30:00+05:30", "2026-10-24T11:00:00+05:30"),
        (
            {"date": "2026-10-24T10:30:00Z"},
            "Europe/Berlin",
            "2026-10-24T16:00:00+05:30",
            "2026-10-24T16:30:00+05:30",
        ),
        ({"date": "2026-10-25"}, "Europe/Berlin", "2026-10-25T15:00:00+05:30", "2026-10-25T15:30:00+05:30"),
    ],
)
def test_times(fields: dict[str, Any], zone: str | None, start: str, end: str) -> None:
    schedule, problems = frab.read(document(event(**fields), zone=zone), options())
    assert problems == []
    assert [(s.start.isoformat(), s.end.isoformat()) for s in schedule.sessions] == [(start, end)]


def test_dst_change_night_in_berlin() -> None:
    # 02:30 happens twice on 25 October; the offset in `date` says which one, and 90 minutes later
    # is after the clocks went back.
    night = event(date="2026-10-25T02:30:00+01:00", duration="01:30")
    gap = event(guid="g2", date="2026-03-29T02:30:00", start="02:30", duration="00:30")
    schedule, problems = frab.read(document(night, gap), options(BERLIN))
    assert problems == []
    assert [(s.start.isoformat(), s.end.isoformat()) for s in schedule.sessions] == [
        ("2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00"),
        ("2026-10-25T02:30:00+01:00", "2026-10-25T04:00:00+01:00"),
    ]


@pytest.mark.parametrize(
    ("title", "shown", "status"),
    [
        ("CANCELLED: Async", "Async", CANCELLED),
        ("CANCELLED Async", "Async", CANCELLED),
        ("[cancelled] Async", "Async", CANCELLED),
        ("(Canceled) Async", "Async", CANCELLED),
        ("Cancelled: Async", "Async", CANCELLED),
        ("Cancelled culture in open source", "Cancelled culture in open source", SCHEDULED),
    ],
)
def test_cancelled_titles(title: str, shown: str, status: str) -> None:
    schedule, _ = frab.read(document(event(title=title)), options())
    assert [(s.title, s.status) for s in schedule.sessions] == [(shown, status)]


@pytest.mark.parametrize(
    ("persons", "host"),
    [
        ([{"public_name": "Ana"}, {"public_name": "Bo"}], "Ana, Bo"),
        ([{"name": "Ana", "code": "X1"}], "Ana"),
        ([{"id": 3, "full_public_name": "Cy Dee"}], "Cy Dee"),
        (["Ana", {"public_name": ""}], "Ana"),
        ("not a list", ""),
    ],
)
def test_persons_become_the_host(persons: Any, host: str) -> None:
    schedule, _ = frab.read(document(event(persons=persons)), options())
    assert schedule.sessions[0].host == host


def test_top_level_schedule_object_without_wrapper() -> None:
    schedule, problems = frab.read(document(event(), wrap=False), options())
    assert [s.title for s in schedule.sessions] == ["Talk"] and problems == []


@pytest.mark.parametrize(
    ("broken", "where", "message"),
    [
        (
            event(guid="b1", date="yesterday morning"),
            'event "b1"',
            "\"Talk\" its date 'yesterday morning' is not a date",
        ),
        (event(guid="b2", title=""), 'event "b2"', "has no title"),
        (event(guid="b3", duration="00:00"), 'event "b3"', "\"Talk\" its duration '00:00' is not a length"),
        (
            event(guid=None, id=77, duration="-01:00"),
            'event "77"',
            "\"Talk\" its duration '-01:00' is not a length",
        ),
        (
            event(guid=None, id=None, date=None, start="soon"),
            'days[0].rooms["H-103"][1]',
            '"Talk" has no start time',
        ),
        ("just a string", 'days[0].rooms["H-103"][1]', "is not an event object"),
    ],
)
def test_broken_event_is_skipped_with_its_place(broken: Any, where: str, message: str) -> None:
    schedule, problems = frab.read(document(event(guid="ok", title="Good"), broken), options())
    assert [s.title for s in schedule.sessions] == ["Good"]
    assert len(problems) == 1
    assert problems[0].where == where
    assert problems[0].message.startswith(message)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"schedule": {"version": "1"}}', "not a frab/pretalx schedule.json"),
        (b'{"sessions": []}', "not a frab/pretalx schedule.json"),
        (b"[1, 2, 3]", "not a frab/pretalx schedule.json"),
        (b'{"schedule": {"conference": {"days": [', "not valid JSON"),
        (b"<html><body>Not found</body></html>", "HTML web page"),
    ],
)
def test_not_a_schedule_is_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableError, match=reason):
        frab.read(data, options())


def test_a_zone_name_that_is_a_folder_of_zones_falls_back_to_the_event_zone() -> None:
    body = json.dumps(
        {
            "schedule": {
                "conference": {
                    "time_zone_name": "Europe",
                    "days": [
                        {
                            "date": "2026-12-05",
                            "rooms": {
                                "H-103": [
                                    {"title": "Typing", "date": "2026-12-05T11:00:00", "duration": "00:30"}
                                ]
                            },
                        }
                    ],
                }
            }
        }
    ).encode()
    schedule, _ = frab.read(body, ReadOptions(timezone=ZoneInfo("Asia/Kolkata"), date=None))
    assert [s.start.utcoffset() for s in schedule.sessions] == [timedelta(hours=5, minutes=30)]
