"""Which rooms of a multi-room schedule the board shows: one rule for every reader.

``[source] room`` names a room whole, without regard to case or spacing: "Room 1" is "room 1" and
"ROOM1", never "Room 10". Only when no room in the schedule has that name are the rooms whose
names contain it shown ("H-103" then finds "Room H-103 (Open Spaces)"), and a problem says so. A
session without a room is always shown: a schedule kept for one room often leaves it empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.model import Problem, Session

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


def choose_room(wanted: str, rooms: Iterable[str]) -> RoomChoice:
    """The rooms among ``rooms`` (every room the schedule names) that ``wanted`` picks."""
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
            f"{_listed(contained)} (set [source] room to the whole name to show one room)"
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
