"""Indico's timetable export (``https://INDICO/export/timetable/{id}.json``), as scientific events publish it.

``results["{id}"]`` maps each day (``"YYYYMMDD"``) to its entries by id; an entry's ``entryType`` is
``Contribution``, ``Break`` or ``Session`` (a session block, whose contributions and breaks are
nested in its own ``entries``). Times are ``{date, time, tz}`` in the zone ``tz`` names (the
event's, when it is missing); ``room`` is the room's name. The board shows a session block's
contributions, and the block itself only when it has none; a ``Break`` is a ``BREAK``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from kiosk.core.model import BREAK, SESSION, Problem, Schedule, Session, UnreadableError
from kiosk.core.text import clean
from kiosk.core.wallclock import wall_time
from kiosk.formats._bounds import first_entries
from kiosk.formats._export import entry_problem, session, text, zone
from kiosk.formats._json import load
from kiosk.formats._times import in_zone
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import choose_room, counted

# (where in the file, the room it inherits, the entry)
_Listed = tuple[str, str, Any]
MAX_DEPTH = 4  # session blocks hold contributions, which hold nothing the board shows


def _days(document: Any) -> dict[str, Any]:
    results = document.get("results") if isinstance(document, dict) else None
    if isinstance(results, list):
        raise UnreadableError(
            "an Indico export, but of events, not a timetable: use the address "
            "https://INDICO/export/timetable/ID.json (ID is the number in the event's address)"
        )
    if not isinstance(results, dict):
        raise UnreadableError('JSON, but not an Indico timetable (no "results" object)')
    days: dict[str, Any] = {}
    for event in results.values():
        if isinstance(event, dict):
            days.update(event)
    return days


def _entries(days: dict[str, Any]) -> Iterator[_Listed]:
    for day, entries in sorted(days.items()):
        if isinstance(entries, list):  # entries listed rather than keyed by id: named by position
            entries = {str(index): entry for index, entry in enumerate(entries)}
        if isinstance(entries, dict):
            yield from _nested(day, entries, "", 1)
        else:
            yield day, "", entries  # reported where it stands: not a day of entries


def _nested(path: str, entries: dict[str, Any], room: str, depth: int) -> Iterator[_Listed]:
    for key, entry in entries.items():
        place = f"{path}/{clean(str(key))}"
        inner = entry.get("entries") if isinstance(entry, dict) else None
        if isinstance(inner, dict) and inner and depth < MAX_DEPTH:
            yield from _nested(place, inner, text(entry, "room") or room, depth + 1)
        else:
            yield place, room, entry


def _moment(entry: dict[str, Any], key: str, options: ReadOptions) -> datetime:
    value = entry.get(key)
    name = "start" if key == "startDate" else "end"
    if not isinstance(value, dict):
        raise ValueError(f"has no {name} ({key})")
    day_text, time_text, zone_name = (text(value, part) for part in ("date", "time", "tz"))
    written_in = zone(zone_name) if zone_name else options.timezone
    if written_in is None:
        raise ValueError(f"its {name} is in an unknown time zone {zone_name!r}")
    try:
        moment = wall_time(date.fromisoformat(day_text), time.fromisoformat(time_text), written_in)
    except ValueError:
        raise ValueError(f"its {name} {f'{day_text} {time_text}'.strip()!r} is not a date and time") from None
    here = in_zone(moment, options.timezone)
    if here is None:
        raise ValueError(f"its {name} is out of range")
    return here


def _person(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    whole = " ".join(part for part in (text(person, "firstName"), text(person, "familyName")) if part)
    return whole or text(person, "name") or text(person, "fullName")


def _people(entry: dict[str, Any]) -> str:
    for key in ("presenters", "speakers", "conveners"):
        listed = entry.get(key)
        names = [_person(person) for person in (listed if isinstance(listed, list) else [])]
        if any(names):
            return ", ".join(name for name in names if name)
    return ""


def _session(entry: dict[str, Any], room: str, options: ReadOptions) -> Session:
    kind = text(entry, "entryType")
    title = text(entry, "title")
    slot = text(entry, "slotTitle")
    if kind == "Session" and slot and slot != title:
        title = f"{title}: {slot}" if title else slot
    if not title:
        raise ValueError("has no title")
    return session(
        title,
        _moment(entry, "startDate", options),
        _moment(entry, "endDate", options),
        host=_people(entry),
        description=text(entry, "description"),
        url=text(entry, "url"),
        room=room,
        kind=BREAK if kind == "Break" else SESSION,
    )


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    days = _days(load(data))
    listed, problems = first_entries(lambda: _entries(days), "timetable", "entries")
    if not listed:
        problems.append(Problem("timetable", "the timetable has no entries"))
    rooms = [(text(entry, "room") if isinstance(entry, dict) else "") or room for _, room, entry in listed]
    choice = choose_room(options.room, rooms)
    if choice.problem:
        problems.append(choice.problem)
    sessions: list[Session] = []
    left: list[str] = []
    for (place, _, entry), room in zip(listed, rooms, strict=True):
        if not choice.shows(room):
            left.append(room)
            continue
        where = f"timetable {place.lstrip('/')}"
        if not isinstance(entry, dict):
            problems.append(Problem(where, "is not a timetable entry"))
            continue
        try:
            sessions.append(_session(entry, room, options))
        except (ValueError, OverflowError) as error:
            problems.append(entry_problem(where, text(entry, "title"), error))
    notes = (choice.note,) if choice.note else ()
    return Schedule(sessions=tuple(sessions), other_rooms=counted(left), notes=notes), problems
