"""What the readers of conference exports (Sessionize, Indico, frab/pretalx) share.

Their JSON gives text where it gives anything, no status field, and the time zone by name; a
cancelled session keeps its slot with its title marked by hand (``kiosk.core.status``).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.model import SESSION, Problem, Session
from kiosk.core.status import session_status
from kiosk.core.text import clean
from kiosk.formats._times import span_problem


def text(fields: dict[str, Any], key: str) -> str:
    """The text at ``key``, cleaned; empty when there is none or it is not text."""
    value = fields.get(key)
    return clean(value) if isinstance(value, str) else ""


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo | None:
    """The IANA time zone ``name``, or None when there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a folder of zones ("Europe") is an OSError
        return None


def session(
    title: str,
    start: datetime,
    end: datetime,
    *,
    host: str,
    description: str,
    room: str,
    url: str = "",
    kind: str = SESSION,
) -> Session:
    """The session, its status read from a cancelled mark in ``title``; ValueError (plain words) when
    ``start``–``end`` cannot be a session."""
    if reason := span_problem(start, end):
        raise ValueError(reason)
    status, title, _ = session_status("", title)
    return Session(title, start, end, host, status, description, url, room, kind)


def entry_problem(where: str, title: str, error: Exception) -> Problem:
    """The problem for an entry that is not shown, naming its title when it has one."""
    return Problem(where, f'"{title}" {error}' if title else str(error))
