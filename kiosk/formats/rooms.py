"""Which rooms of a multi-room schedule the board shows: one rule for every reader.

``[source] room`` names a room whole, without regard to case or spacing: "Room 1" is "room 1" and
"ROOM1", never "Room 10". Only when no room in the schedule has that name are the rooms whose
names contain it shown ("H-103" then finds "Room H-103 (Open Spaces)"), and a problem says so. A
session without a room is always shown: a schedule kept for one room often leaves it empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kiosk.core.model import Problem, Session

SHOWN_NAMES = 10  # room names listed in a problem; a long list is cut with "…"


def room_key(name: str) -> str:
    """What two room names must share to be the same room: their letters, in any case, without spaces."""
    return "".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class RoomChoice:
    """The rooms shown for ``wanted`` (by ``room_key``), and the problem to report, if any."""

    wanted: str
    keys: frozenset[str] = frozenset()
    problem: Problem | None = None

    def shows(self, room: str) -> bool:
        return not self.wanted or not room or room_key(room) in self.keys


def choose_room(wanted: str, rooms: Iterable[str], config_key: str = "room") -> RoomChoice:
    """The rooms among ``rooms`` (every room the schedule names) that ``wanted`` picks.

    ``config_key`` is the key that named it (``room``, or ``rooms`` for one of several), for the problem.
    """
    if not wanted.strip():
        return RoomChoice("")
    names = list(dict.fromkeys(room for room in rooms if room.strip()))
    key = room_key(wanted)
    if any(room_key(name) == key for name in names):
        return RoomChoice(wanted, frozenset({key}))
    contained = [name for name in names if key in room_key(name)]
    if contained:
        problem = (
            f"no room is named exactly '{wanted}'; showing the rooms whose names contain it: "
            f"{_listed(contained)} (write the whole name in [source] {config_key} to show one room)"
        )
        return RoomChoice(wanted, frozenset(room_key(name) for name in contained), Problem("rooms", problem))
    if not names:
        return RoomChoice(wanted)  # a schedule without rooms is one room's schedule
    problem = f"no room matches '{wanted}'; rooms in this schedule: {_listed(names)}"
    return RoomChoice(wanted, problem=Problem("rooms", problem))


def in_room(sessions: Iterable[Session], wanted: str) -> tuple[list[Session], list[Problem]]:
    """The sessions ``wanted`` shows, chosen among the rooms the sessions name, and the problem."""
    every = list(sessions)
    choice = choose_room(wanted, (session.room for session in every))
    kept = [session for session in every if choice.shows(session.room)]
    return kept, [choice.problem] if choice.problem else []


def _listed(names: list[str]) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:SHOWN_NAMES])
    return shown + (", …" if len(names) > SHOWN_NAMES else "")


def home_room(rooms: tuple[str, ...], beside: str) -> str:
    """Which of ``rooms`` the screen stands beside: the one ``[event] room`` names, else the first."""
    key = room_key(beside)
    exact = next((room for room in rooms if room_key(room) == key), None)
    contained = next(
        (room for room in rooms if key and (key in room_key(room) or room_key(room) in key)), None
    )
    return exact or contained or (rooms[0] if rooms else "")


@dataclass(frozen=True, slots=True)
class RoomSplit:
    """The sessions of the wanted rooms, each carrying its room's name as configured, and what was left."""

    kept: tuple[Session, ...]
    other_rooms: int  # sessions in rooms that were not asked for
    problems: tuple[Problem, ...]


def in_rooms(sessions: Iterable[Session], wanted: tuple[str, ...], home: str) -> RoomSplit:
    """The sessions of several rooms (``[source] rooms``), each matched as ``choose_room`` matches one.

    A session without a room belongs to ``home``: a feed without rooms (a plain sheet) is one room's.
    A room's sessions are renamed to the room's configured name, so the board's columns line up
    however the feed spells them ("Room H-101", "h-101").
    """
    every = list(sessions)
    names = [session.room for session in every]
    choices = [choose_room(room, names, "rooms") for room in wanted]
    kept: list[Session] = []
    other = 0
    for session in every:
        if not session.room.strip():
            kept.append(replace(session, room=home))
            continue
        room = next((choice.wanted for choice in choices if choice.shows(session.room)), None)
        if room is None:
            other += 1
        else:
            kept.append(replace(session, room=room))
    problems = tuple(choice.problem for choice in choices if choice.problem)
    return RoomSplit(tuple(kept), other, problems)
