"""What every schedule reader is told besides the bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader needs besides the bytes.

    ``timezone`` is the event's: times without an offset are read in it and every session comes out
    in it. ``date`` is the day that bare ``HH:MM`` times fall on. ``room`` picks one room of a
    multi-room feed (``kiosk.formats.rooms``); empty means every room. ``rooms`` picks several,
    in the board's order; sessions without a room are then ``home``'s (the room beside the screen).
    ``untimed`` is how long a session is shown when its source gives a start and no end (an
    iCalendar event without DTEND).
    """

    timezone: ZoneInfo
    date: date
    room: str = ""
    untimed: timedelta = timedelta(minutes=30)
    rooms: tuple[str, ...] = ()
    home: str = ""
