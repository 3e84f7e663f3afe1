"""Schedule formats: each reader turns bytes into a ``Schedule`` and a list of ``Problem``s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader needs besides the bytes.

    ``timezone`` is the event's: times without an offset are read in it and every session comes out
    in it. ``date`` is the day that bare ``HH:MM`` times fall on. ``room`` filters multi-room feeds
    (case-insensitive, contained); empty means every room.
    """

    timezone: ZoneInfo
    date: date
    room: str = ""
