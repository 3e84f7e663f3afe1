"""The c3voc ``schedule.json`` that frab, pretalx, indico's exporter and others publish.

Only the room named in the options is shown (by ``kiosk.formats.rooms``), or every room when none
is named. An event's ``date`` carries its offset and is trusted over the day it is listed under, so
a session at 00:30 listed under the previous day stays where it really is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from kiosk.core.model import Problem, Schedule, Session, UnreadableError, in_time_order
from kiosk.core.text import clean
from kiosk.core.wallclock import settle, wall_time
from kiosk.formats._bounds import first_entries
from kiosk.formats._export import entry_problem, session, text, zone
from kiosk.formats._json import load
from kiosk.formats._times import in_zone, parse_clock, parse_duration
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import choose_room, counted


def _schedule(document: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``schedule`` and its ``conference`` objects, whether wrapped in ``schedule`` (frab) or
    not (some pretalx); a layout that is neither version 1 nor 2 is unreadable, saying which it is."""
    schedule = document.get("schedule", document) if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(schedule, dict) or not isinstance(conference, dict):
        raise UnreadableError("JSON, but not a frab/pretalx schedule.json (no schedule.conference)")
    days = conference.get("days")
    version_1 = isinstance(days, list) and any(isinstance(d, dict) and "rooms" in d for d in days)
    if not version_1 and not isinstance(schedule.get("events"), list) and days != []:
        version = schedule.get("version")
        shown = f" (version {clean(str(version))!r})" if version else ""
        raise UnreadableError(
            f"a schedule.json in a layout the kiosk does not read{shown}: neither days with rooms "
            "(c3voc schedule version 1, frab, pretalx) nor a list of events (version 2)"
        )
    return schedule, conference


def _zone(conference: dict[str, Any], options: ReadOptions) -> tzinfo:
    name = text(conference, "time_zone_name")
    return (zone(name) if name else None) or options.timezone


def _host(event: dict[str, Any]) -> str:
    persons = event.get("persons")
    if not isinstance(persons, list):
        return ""
    names = []
    for person in persons:
        if isinstance(person, dict):
            name = person.get("public_name") or person.get("name") or person.get("full_public_name")
        else:
            name = person
        if isinstance(name, str) and clean(name):
            names.append(clean(name))
    return ", ".join(names)


def _start(event: dict[str, Any], day: date | None, written_in: tzinfo) -> datetime:
    written = text(event, "date")
    if len(written) > len("2026-12-05"):
        try:
            moment = datetime.fromisoformat(written)
        except ValueError:
            raise ValueError(f"its date {written!r} is not a date and time") from None
        return moment if moment.tzinfo else settle(moment.replace(tzinfo=written_in))
    if written:
        try:
            day = date.fromisoformat(written)
        except ValueError:
            raise ValueError(f"its date {written!r} is not a date") from None
    clock = parse_clock(text(event, "start"))
    if clock is None or day is None:
        raise ValueError("has no start time (date or start)")
    return wall_time(day, clock, written_in)


def _end(event: dict[str, Any], start: datetime) -> datetime:
    end_text = text(event, "end")
    if len(end_text) > len("2026-12-05"):
        try:
            end = datetime.fromisoformat(end_text)
        except ValueError:
            raise ValueError(f"its end {end_text!r} is not a date and time") from None
        return end if end.tzinfo else settle(end.replace(tzinfo=start.tzinfo))
    duration = event.get("duration")
    # Most exporters write "00:30"; a few write the minutes as a number.
    length = parse_duration(str(duration)) if isinstance(duration, str | int) else None
    if length is None:
        raise ValueError(f"its duration {duration!r} is not a length such as 00:30")
    return start.astimezone(UTC) + length  # elapsed time, also on the night the clocks change


def _session(
    event: dict[str, Any], room: str, day: date | None, written_in: tzinfo, options: ReadOptions
) -> Session:
    title = text(event, "title")
    if not title:
        raise ValueError("has no title")
    start = _start(event, day, written_in)
    end = _end(event, start)
    start_here, end_here = in_zone(start, options.timezone), in_zone(end, options.timezone)
    if start_here is None or end_here is None:
        raise ValueError("its times are out of range")
    return session(
        title,
        start_here,
        end_here,
        host=_host(event),
        description=text(event, "abstract") or text(event, "description") or text(event, "subtitle"),
        url=text(event, "url"),
        room=text(event, "room") or room,
    )


def _listed(
    schedule: dict[str, Any], conference: dict[str, Any]
) -> Iterator[tuple[str, date | None, str, Any]]:
    """Every (place in the file, day's date, room name, event) as listed, in either version."""
    if isinstance(schedule.get("events"), list):
        for index, event in enumerate(schedule["events"]):
            yield f"events[{index}]", None, _room_of(event), _as_version_1(event)
        return
    for position, day in enumerate(conference.get("days") or []):
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            continue
        try:
            on: date | None = date.fromisoformat(str(day.get("date", ""))[:10])
        except ValueError:
            on = None
        for room, events in day["rooms"].items():
            name = clean(str(room))
            for index, event in enumerate(events if isinstance(events, list) else []):
                yield (
                    f"days[{position}].rooms[{json.dumps(name, ensure_ascii=False)}][{index}]",
                    on,
                    name,
                    event,
                )


def _room_of(event: Any) -> str:
    room = event.get("room") if isinstance(event, dict) else None
    name = room.get("name") if isinstance(room, dict) else room
    return clean(name) if isinstance(name, str) else ""


def _as_version_1(event: Any) -> Any:
    """A version 2 event (the 38C3 hub's: ``start``/``end`` date-times, the room as an object,
    ``participants``) in the words of version 1, which the rest of this reader speaks."""
    if not isinstance(event, dict):
        return event
    return event | {
        "date": event.get("start"),
        "start": "",
        "persons": event.get("participants", event.get("persons")),
        "room": _room_of(event),
    }


def _where(event: Any, place: str) -> str:
    if isinstance(event, dict):
        for key in ("guid", "id", "code"):
            if event.get(key) not in (None, ""):
                return f'event "{clean(str(event[key]))}"'
    return place


def _room_names(conference: dict[str, Any], listed: list[str]) -> list[str]:
    """The rooms the schedule declares and the rooms its days list, each once, in order."""
    declared = conference.get("rooms")
    names = [
        room.get("name") if isinstance(room, dict) else room
        for room in (declared if isinstance(declared, list) else [])
    ]
    cleaned = (clean(name) for name in [*names, *listed] if isinstance(name, str))
    return list(dict.fromkeys(name for name in cleaned if name))


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    schedule, conference = _schedule(load(data))
    written_in = _zone(conference, options)
    listed, problems = first_entries(lambda: _listed(schedule, conference), "events", "events")
    if not listed:
        problems.append(Problem("schedule", "the schedule lists no events"))
    choice = choose_room(options.room, _room_names(conference, [room for _, _, room, _ in listed]))
    if choice.problem:
        problems.append(choice.problem)
    sessions: list[Session] = []
    left: list[str] = []
    for place, on, room, event in listed:
        if not choice.shows(room):
            left.append(room)  # not read: another room's broken event is not this board's problem
            continue
        if not isinstance(event, dict):
            problems.append(Problem(_where(event, place), "is not an event object"))
            continue
        try:
            sessions.append(_session(event, room, on, written_in, options))
        except (ValueError, TypeError, OverflowError) as error:
            problems.append(entry_problem(_where(event, place), text(event, "title"), error))
    sessions.sort(key=in_time_order)
    notes = (choice.note,) if choice.note else ()
    return Schedule(sessions=tuple(sessions), other_rooms=counted(left), notes=notes), problems
