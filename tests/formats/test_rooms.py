"""``[source] room``: one rule in every reader (whole names; contained only when nothing is named so)."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Problem
from kiosk.formats import ReadOptions, read_schedule
from kiosk.formats.rooms import choose_room, room_key

ROOMS = ("Room 1", "Room 10", "Room 11", "Hall B")


def native(rooms: tuple[str, ...]) -> bytes:
    sessions = [{"title": f"In {room}", "start": "10:00", "end": "10:30", "room": room} for room in rooms]
    return json.dumps(
        {"sessions": [*sessions, {"title": "Nowhere", "start": "11:00", "end": "11:30"}]}
    ).encode()


def csv(rooms: tuple[str, ...]) -> bytes:
    rows = [f"In {room},10:00,10:30,{room}" for room in rooms]
    return "\r\n".join(["Title,Start,End,Room", *rows, "Nowhere,11:00,11:30,"]).encode()


def frab(rooms: tuple[str, ...]) -> bytes:
    events = {
        room: [{"guid": room, "title": f"In {room}", "start": "10:00", "duration": "00:30", "room": room}]
        for room in rooms
    }
    day = {"index": 1, "date": "2026-12-05", "rooms": events}
    return json.dumps({"schedule": {"conference": {"title": "C", "days": [day]}}}).encode()


READERS = {"json": native, "csv": csv, "frab": frab}


def titles(format: str, room: str, rooms: tuple[str, ...] = ROOMS) -> tuple[list[str], list[Problem]]:
    options = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5), room=room)
    reading = read_schedule(READERS[format](rooms), options, format=format)
    return [s.title for s in reading.schedule.sessions if s.title != "Nowhere"], list(reading.problems)


@pytest.mark.parametrize("format", sorted(READERS))
@pytest.mark.parametrize("room", ["Room 1", "room 1", "  ROOM   1 ", "Room1"])
def test_a_room_is_named_whole_in_any_case_and_spacing(format: str, room: str) -> None:
    assert titles(format, room) == (["In Room 1"], [])


@pytest.mark.parametrize("format", sorted(READERS))
def test_contained_names_are_a_fallback_that_is_reported(format: str) -> None:
    shown, problems = titles(format, "room 1", ("Room 10", "Room 11", "Hall B"))
    assert shown == ["In Room 10", "In Room 11"]
    assert problems == [
        Problem(
            "rooms",
            "no room is named exactly 'room 1'; showing the rooms whose names contain it: 'Room 10', "
            "'Room 11' (write the whole name in [source] room to show one room)",
        )
    ]


@pytest.mark.parametrize("format", sorted(READERS))
def test_no_room_matching_names_the_rooms(format: str) -> None:
    shown, problems = titles(format, "Garden")
    assert shown == []
    assert problems == [
        Problem(
            "rooms",
            "no room matches 'Garden'; rooms in this schedule: 'Room 1', 'Room 10', 'Room 11', 'Hall B'",
        )
    ]


def test_sessions_without_a_room_are_always_shown() -> None:
    options = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5), room="Hall B")
    reading = read_schedule(native(ROOMS), options, format="json")
    assert [s.title for s in reading.schedule.sessions] == ["In Hall B", "Nowhere"]


def test_the_rule_itself() -> None:
    assert room_key(" Room\t1 ") == room_key("ROOM 1") == "room1"
    assert choose_room("", ROOMS).shows("anything")
    choice = choose_room("room 1", ROOMS)
    assert [room for room in ROOMS if choice.shows(room)] == ["Room 1"] and choice.problem is None
    many = [f"Room {n}" for n in range(20, 35)]
    problem = choose_room("Garden", many).problem
    assert problem is not None and problem.message.endswith("'Room 29', …")
    assert choose_room("Garden", []).problem is None
