"""``[source] room`` and ``rooms``: one rule in every reader, rooms matched by whole words in order."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Problem, Session
from kiosk.core.names import name_words
from kiosk.formats import ReadOptions, read_schedule
from kiosk.formats.rooms import choose_room, in_rooms

ROOMS = ("Room 1", "Room 10", "Room 11", "Hall B")
START = datetime(2026, 12, 5, 10, tzinfo=ZoneInfo("Europe/Berlin"))


def native(rooms: tuple[str, ...]) -> bytes:
    sessions = [{"title": f"In {room}", "start": "10:00", "end": "10:30", "room": room} for room in rooms]
    return json.dumps(
        {"sessions": [*sessions, {"title": "Nowhere", "start": "11:00", "end": "11:30"}]}
    ).encode()


def csv(rooms: tuple[str, ...]) -> bytes:
    rows = [f'"In {room}",10:00,10:30,"{room}"' for room in rooms]
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
def test_room_1_is_never_room_10_or_room_11(format: str) -> None:
    shown, problems = titles(format, "room 1", ("Room 10", "Room 11", "Hall B"))
    assert shown == []
    assert problems == [
        Problem("rooms", "no room matches 'room 1'; rooms in this schedule: 'Room 10', 'Room 11', 'Hall B'")
    ]


@pytest.mark.parametrize("format", sorted(READERS))
def test_a_longer_name_with_the_words_in_order_is_the_room_and_no_problem(format: str) -> None:
    rooms = ("H-103", "Room H-103, 1st floor", "Room H-1030", "103 H")
    shown, problems = titles(format, "H-103", rooms)
    assert shown == ["In H-103", "In Room H-103, 1st floor"]
    assert problems == []


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
    assert name_words(" Room\t1 ") == name_words("ROOM1") == ("room", "1")
    assert choose_room("", ROOMS).shows("anything")
    choice = choose_room("room 1", ROOMS)
    assert [room for room in ROOMS if choice.shows(room)] == ["Room 1"] and choice.problem is None
    many = [f"Room {n}" for n in range(20, 35)]
    problem = choose_room("Garden", many).problem
    assert problem is not None and problem.message.endswith("'Room 29', …")
    assert choose_room("Garden", []).problem is None


@pytest.mark.parametrize(
    ("wanted", "room", "matches"),
    [
        ("H-103", "H-103", True),
        ("H-103", "h103", True),
        ("H-103", "Room H-103", True),
        ("H-103", "Room H-103, 1st floor", True),
        ("H-103", "H-103 (Open Spaces)", True),
        ("H-103", "H 103", True),
        ("H-103", "H-1030", False),
        ("H-103", "103-H", False),
        ("Room 1", "Room 10", False),
        ("Room 1", "Room 11", False),
        ("Room 1", "Room 1 (upstairs)", True),
        ("r3s", "r3s - Monheim/Rhein", True),
        ("Monheim", "r3s - Monheim/Rhein", True),
        ("Saal", "Saal 1", True),
        ("ＲＯＯＭ １", "Room 1", True),
        ("会議室A", "会議室A（2階）", True),
    ],
)
def test_whole_words_in_order(wanted: str, room: str, matches: bool) -> None:
    assert choose_room(wanted, [room]).shows(room) is matches
    assert (choose_room(wanted, [room]).problem is None) is matches


def test_one_room_taking_in_several_spellings_is_a_note_not_a_problem() -> None:
    rooms = ("H-103", "Room H-103, 1st floor", "Main Hall")
    choice = choose_room("H-103", rooms)
    assert choice.problem is None
    assert choice.note == Problem(
        "rooms", "[source] room 'H-103' takes in 2 spellings: 'H-103', 'Room H-103, 1st floor'"
    )


def test_several_rooms_a_room_two_of_them_match_goes_to_the_longer_match() -> None:
    sessions = [
        Session(f"In {room}", START, START + timedelta(minutes=30), room=room)
        for room in ("H-103", "Room H-103, 1st floor", "Room H-103", "h103", "Main Hall", "Main Hall", "")
    ]
    split = in_rooms(sessions, ("H-103", "Room H-103"), home="H-103")
    assert [(s.title, s.room) for s in split.kept] == [
        ("In H-103", "H-103"),
        ("In Room H-103, 1st floor", "Room H-103"),
        ("In Room H-103", "Room H-103"),
        ("In h103", "H-103"),
        ("In ", "H-103"),
    ]
    assert split.other_rooms == (("Main Hall", 2),)
    assert split.problems == ()
    assert split.notes == (
        Problem(
            "rooms",
            "'Room H-103, 1st floor' matches 'H-103', 'Room H-103' in [source] rooms; its sessions are shown "
            "in 'Room H-103', the longer match",
        ),
        Problem(
            "rooms",
            "'Room H-103' matches 'H-103', 'Room H-103' in [source] rooms; its sessions are shown in "
            "'Room H-103', the longer match",
        ),
        Problem("rooms", "[source] rooms 'H-103' takes in 2 spellings: 'H-103', 'h103'"),
        Problem(
            "rooms", "[source] rooms 'Room H-103' takes in 2 spellings: 'Room H-103, 1st floor', 'Room H-103'"
        ),
    )


@pytest.mark.parametrize("format", sorted(READERS))
def test_single_room_counts_what_it_left_out_by_room(format: str) -> None:
    options = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5), room="Room 1")
    reading = read_schedule(READERS[format]((*ROOMS, "Room 10")), options, format=format)
    nowhere = [] if format == "frab" else ["Nowhere"]  # every frab event is listed under a room
    assert [s.title for s in reading.schedule.sessions] == ["In Room 1", *nowhere]
    # frab lists events by room: the second "Room 10" is the same room's list, given once
    tens = 1 if format == "frab" else 2
    assert reading.other_rooms == (("Room 10", tens), ("Room 11", 1), ("Hall B", 1))


@pytest.mark.parametrize("format", sorted(READERS))
def test_several_rooms_room_1_room_10_room_11(format: str) -> None:
    options = ReadOptions(
        timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5), rooms=("Room 10", "Room 1"), home="Room 1"
    )
    reading = read_schedule(READERS[format](ROOMS), options, format=format)
    nowhere = [] if format == "frab" else [("Nowhere", "Room 1")]  # a session without a room is home's
    assert sorted((s.title, s.room) for s in reading.schedule.sessions) == [
        ("In Room 1", "Room 1"),
        ("In Room 10", "Room 10"),
        *nowhere,
    ]
    assert dict(reading.other_rooms) == {"Room 11": 1, "Hall B": 1}
    assert reading.problems == () and reading.notes == ()
