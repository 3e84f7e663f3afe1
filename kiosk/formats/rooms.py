"""Which rooms of a multi-room schedule the board shows: one rule for every reader.

A configured room (``[source] room``, or each of ``[source] rooms``) matches a schedule's room by
whole words, in order (``kiosk.core.names``): "H-103" is "H-103", "h103", "Room H-103, 1st floor"
and "H-103 (Open Spaces)"; "Room 1" is never "Room 10". Neither an exact name nor a word match is
a problem; a configured room that takes in several spellings is worth a note, and so is a schedule
room that two of ``[source] rooms`` match (it goes to the longer match). A session without a room
is always shown: a schedule kept for one room often leaves it empty. The sessions left out are
counted by room, so that ``check`` can list them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kiosk.core.model import Problem, Session
from kiosk.core.names import name_words, words_within

SHOWN_NAMES = 10  # room names listed in a problem; a long list is cut with "…"


@dataclass(frozen=True, slots=True)
class RoomChoice:
    """The rooms ``wanted`` takes in (by its words), the schedule's names among them, and what to report."""

    wanted: str
    words: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    problem: Problem | None = None
    note: Problem | None = None

    def shows(self, room: str) -> bool:
        return not self.words or not room.strip() or self.matches(room)

    def matches(self, room: str) -> bool:
        return words_within(self.words, name_words(room))

    @property
    def length(self) -> tuple[int, int]:
        """How long a match it makes: its words, then their letters (the longer match wins)."""
        return len(self.words), sum(len(word) for word in self.words)


def choose_room(wanted: str, rooms: Iterable[str], config_key: str = "room") -> RoomChoice:
    """The rooms among ``rooms`` (every room the schedule names) that ``wanted`` picks.

    ``config_key`` is the key that named it (``room``, or ``rooms`` for one of several), for the report.
    """
    words = name_words(wanted)
    if not words:
        return RoomChoice("")
    names = list(dict.fromkeys(room.strip() for room in rooms if room.strip()))
    choice = RoomChoice(wanted, words)
    taken = tuple(name for name in names if choice.matches(name))
    if taken:
        return replace(choice, names=taken, note=spellings(wanted, taken, config_key))
    if not names:
        return choice  # a schedule without rooms is one room's schedule
    problem = f"no room matches '{wanted}'; rooms in this schedule: {_listed(names)}"
    return replace(choice, problem=Problem("rooms", problem))


def spellings(wanted: str, names: tuple[str, ...], config_key: str) -> Problem | None:
    """The note that one configured room takes in several of the schedule's spellings; None for one."""
    if len(names) < 2:
        return None
    return Problem(
        "rooms", f"[source] {config_key} '{wanted}' takes in {len(names)} spellings: {_listed(list(names))}"
    )


@dataclass(frozen=True, slots=True)
class RoomSplit:
    """The sessions shown, the sessions left out by room (in the order the rooms first appear), and
    what to report: ``problems`` (no room matches) and ``notes`` (information, not problems)."""

    kept: tuple[Session, ...]
    other_rooms: tuple[tuple[str, int], ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()


def in_room(sessions: Iterable[Session], wanted: str) -> RoomSplit:
    """The sessions ``wanted`` shows, chosen among the rooms the sessions name, and what was left out."""
    every = list(sessions)
    choice = choose_room(wanted, (session.room for session in every))
    shown = [choice.shows(session.room) for session in every]
    kept = tuple(session for session, shows in zip(every, shown, strict=True) if shows)
    left = [session.room for session, shows in zip(every, shown, strict=True) if not shows]
    return RoomSplit(
        kept,
        counted(left),
        (choice.problem,) if choice.problem else (),
        (choice.note,) if choice.note else (),
    )


def counted(rooms: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """How many times each room name comes, in the order the names first appear."""
    return added((room, 1) for room in rooms)


def added(counts: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Each room once with the sum of its counts (rooms left out by several sources), in the order
    the names first appear."""
    totals: dict[str, int] = {}
    for room, count in counts:
        totals[room.strip()] = totals.get(room.strip(), 0) + count
    return tuple(totals.items())


def _listed(names: list[str]) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:SHOWN_NAMES])
    return shown + (", …" if len(names) > SHOWN_NAMES else "")


def home_room(rooms: tuple[str, ...], beside: str) -> str:
    """Which of ``rooms`` the screen stands beside: the one ``[event] room`` names, else the first.

    "Names" by the room rule, either way round: ``[event] room = "Room H-103"`` is ``rooms``' "H-103".
    """
    words = name_words(beside)
    exact = next((room for room in rooms if name_words(room) == words), None)
    either = next(
        (
            room
            for room in rooms
            if words_within(words, name_words(room)) or words_within(name_words(room), words)
        ),
        None,
    )
    return exact or either or (rooms[0] if rooms else "")


def in_rooms(sessions: Iterable[Session], wanted: tuple[str, ...], home: str) -> RoomSplit:
    """The sessions of several rooms (``[source] rooms``), each matched as ``choose_room`` matches one.

    A schedule room that two configured rooms match goes to the longer match ("Room H-103, 1st floor"
    to "Room H-103" rather than "H-103"), with a note. A session without a room belongs to ``home``:
    a feed without rooms (a plain sheet) is one room's. A room's sessions are renamed to the room's
    configured name, so the board's columns line up however the feed spells them.
    """
    every = list(sessions)
    names = list(dict.fromkeys(session.room.strip() for session in every if session.room.strip()))
    choices = [choose_room(room, names, "rooms") for room in wanted]
    assigned: dict[str, str] = {}
    notes: list[Problem] = []
    for name in names:
        matching = [choice for choice in choices if choice.words and choice.matches(name)]
        if not matching:
            continue
        best = max(matching, key=lambda choice: choice.length)  # the first of equals
        assigned[name] = best.wanted
        if len(matching) > 1:
            others = ", ".join(f"'{choice.wanted}'" for choice in matching)
            notes.append(
                Problem(
                    "rooms",
                    f"'{name}' matches {others} in [source] rooms; "
                    f"its sessions are shown in '{best.wanted}', the longer match",
                )
            )
    for choice in choices:
        taken = tuple(name for name, room in assigned.items() if room == choice.wanted)
        note = spellings(choice.wanted, taken, "rooms")
        notes += [note] if note else []
    kept: list[Session] = []
    left: list[str] = []
    for session in every:
        room = assigned.get(session.room.strip()) if session.room.strip() else home
        if room is None:
            left.append(session.room)
        else:
            kept.append(replace(session, room=room))
    problems = tuple(choice.problem for choice in choices if choice.problem)
    return RoomSplit(tuple(kept), counted(left), problems, tuple(notes))
