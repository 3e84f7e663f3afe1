"""Sessionize's All and GridSmart views, read as the organisers published them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import BREAK, CANCELLED, SESSION, Problem, UnreadableError
from kiosk.formats import ReadOptions, read_schedule, sessionize

DATA = Path(__file__).parents[1] / "data"
KOLKATA = ZoneInfo("Asia/Kolkata")


def options(room: str = "") -> ReadOptions:
    return ReadOptions(timezone=KOLKATA, date=date(2026, 12, 5), room=room)


def shown(name: str, room: str = "") -> tuple[list[tuple[str, ...]], list[Problem]]:
    schedule, problems = sessionize.read((DATA / name).read_bytes(), options(room))
    rows = [
        (s.start.isoformat(), s.end.strftime("%H:%M"), s.title, s.host, s.room, s.kind)
        for s in schedule.sessions
    ]
    return rows, problems


def test_the_all_view_resolves_speakers_and_rooms_and_marks_service_sessions() -> None:
    rows, problems = shown("sessionize-all.json")
    assert rows == [
        # A service session without a room: on every room's board, as a break.
        ("2026-12-05T09:00:00+05:30", "09:45", "Registration and coffee", "", "", BREAK),
        (
            "2026-12-05T10:00:00+05:30",
            "10:45",
            "Typing the untypable: mypy in a legacy code base",
            "Priya Raman, Arjun Menon",
            "Main Hall",
            SESSION,
        ),
        # Written in UTC ("Z"): 05:00Z is 10:30 in Kolkata.
        (
            "2026-12-05T10:30:00+05:30",
            "11:00",
            "Open Spaces: packaging pain points",
            "Sam Lee",
            "Room H-103 (Open Spaces)",
            SESSION,
        ),
        ("2026-12-05T12:30:00+05:30", "13:30", "Lunch", "", "Room H-103 (Open Spaces)", BREAK),
        (
            "2026-12-05T13:30:00+05:30",
            "14:15",
            "Async all the things",
            "Arjun Menon",
            "Room H-103 (Open Spaces)",
            SESSION,
        ),
    ]
    assert problems == [
        Problem(
            'session "801255"',
            "\"Async all the things\": its speaker '0000dead-0000-0000-0000-000000000000' is not in the "
            "file's speakers (shown without that name)",
        ),
        Problem(
            'session "801260"',
            '"Sprint planning for first-time contributors" is not on the schedule yet (no start time)',
        ),
        Problem('session "801261"', '"Closing keynote" end 16:00 is before start 17:00'),
    ]


def test_the_gridsmart_view_gives_each_room_its_sessions_and_a_plenum_session_once() -> None:
    rows, problems = shown("sessionize-gridsmart.json")
    assert [(start[11:16], title, room, kind) for start, _, title, _, room, kind in rows] == [
        ("09:00", "Registration and coffee", "Main Hall", BREAK),
        ("10:00", "Typing the untypable: mypy in a legacy code base", "Main Hall", SESSION),
        ("10:30", "Open Spaces: packaging pain points", "Room H-103 (Open Spaces)", SESSION),
        ("12:30", "Lunch", "Room H-103 (Open Spaces)", BREAK),
    ]
    assert rows[1][3] == "Priya Raman, Arjun Menon"
    assert problems == [
        Problem(
            'session "801255"',
            "\"Async all the things\" its end 'after lunch' (endsAt) is not a date and time",
        )
    ]


def test_one_room_is_chosen_by_the_room_rule() -> None:
    rows, problems = shown("sessionize-gridsmart.json", room="H-103")
    # The plenum session is listed in this room too, so the room's board has it.
    assert [title for _, _, title, *_ in rows] == [
        "Registration and coffee",
        "Open Spaces: packaging pain points",
        "Lunch",
    ]
    # "H-103" is "Room H-103 (Open Spaces)" by its words: no problem about the room.
    assert [p.where for p in problems] == ['session "801255"']


def test_a_gridsmart_view_before_the_schedule_is_published_says_so() -> None:
    reading = read_schedule(b"[]", options())
    assert reading.format == "sessionize" and reading.schedule.sessions == ()
    assert [p.message for p in reading.problems] == [sessionize.NOT_PUBLISHED]


def session(**fields: Any) -> dict[str, Any]:
    return {
        "id": "1",
        "title": "Packaging",
        "startsAt": "2026-12-05T10:00:00",
        "endsAt": "2026-12-05T10:30:00",
        "speakers": [],
        "roomId": None,
        "isServiceSession": False,
    } | fields


def all_view(*sessions: dict[str, Any], rooms: list[dict[str, Any]] | None = None) -> bytes:
    return json.dumps(
        {"sessions": list(sessions), "speakers": [], "rooms": rooms or [], "categories": [], "questions": []}
    ).encode()


def test_a_session_in_a_room_the_file_does_not_list_is_left_out_rather_than_shown_everywhere() -> None:
    data = all_view(session(roomId=7), session(id="2", title="Ok", roomId=1), rooms=[{"id": 1, "name": "A"}])
    schedule, problems = sessionize.read(data, options())
    assert [s.title for s in schedule.sessions] == ["Ok"]
    assert problems == [Problem('session "1"', '"Packaging" its room (id 7) is not in the file\'s rooms')]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "has no title"),
        ({"startsAt": "soon"}, "\"Packaging\" its start 'soon' (startsAt) is not a date and time"),
        ({"endsAt": None}, '"Packaging" has no end time'),
        (
            {"startsAt": "0001-01-01T00:00:00"},
            '"Packaging" start 0001-01-01 is not a date a session can be on',
        ),
    ],
)
def test_each_bad_session_is_a_problem_with_its_place(fields: dict[str, Any], message: str) -> None:
    data = all_view(session(**fields), session(id="2", title="Fine"))
    schedule, problems = sessionize.read(data, options())
    assert [s.title for s in schedule.sessions] == ["Fine"]
    assert len(problems) == 1 and problems[0].where == 'session "1"'
    assert problems[0].message.startswith(message)


def test_a_session_that_is_not_an_object_is_named_by_its_place() -> None:
    schedule, problems = sessionize.read(all_view(session(), "oops"), options())  # type: ignore[arg-type]
    assert len(schedule.sessions) == 1
    assert problems == [Problem("sessions[1]", "is not a session object")]


def test_json_that_is_no_sessionize_view_is_unreadable() -> None:
    with pytest.raises(UnreadableError, match="not a Sessionize schedule"):
        sessionize.read(b'{"talks": []}', options())
    with pytest.raises(UnreadableError, match="line 1, column"):
        sessionize.read(b'{"sessions": [', options())


def test_a_title_marked_as_cancelled_is_a_cancelled_session() -> None:
    schedule, _ = sessionize.read(all_view(session(title="CANCELLED: Packaging")), options())
    assert [(s.title, s.status) for s in schedule.sessions] == [("Packaging", CANCELLED)]


def test_the_speakers_view_says_which_view_to_use() -> None:
    speakers = [{"id": "1", "firstName": "Sam", "lastName": "Lee", "fullName": "Sam Lee", "sessions": []}]
    with pytest.raises(UnreadableError, match="Speakers view, which has no times: use the All view"):
        read_schedule(json.dumps(speakers).encode(), options())
