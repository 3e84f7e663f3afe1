"""The c3voc ``schedule.json`` that frab, pretalx, indico's exporter and others publish.

Only the room named in the options is shown (by ``kiosk.formats.rooms``), or every room when none
is named. An event's ``date`` carries its offset and is trusted over the day it is listed under, so
a session at 00:30 listed under the previous day stays where it really is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.model import CANCELLED, SCHEDULED, Problem, Schedule, Session, UnreadableError, in_time_order
from kiosk.core.status import cancelled_mark
from kiosk.core.text import clean
from kiosk.core.wallclock import settle, wall_time
from kiosk.formats._bounds import MAX_ENTRIES, left_out
from kiosk.formats._json import load
from kiosk.formats._times import in_zone, parse_clock, parse_duration, span_problem
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
    name = conference.get("time_zone_name")
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # a folder of zones ("Europe") is an OSError
            pass
    return options.timezone


def _text(event: dict[str, Any], key: str) -> str:
    value = event.get(key)
    return clean(value) if isinstance(value, str) else ""


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


def _start(event: dict[str, Any], day: date | None, zone: tzinfo) -> datetime:
    text = _text(event, "date")
    if len(text) > len("2026-12-05"):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"its date {text!r} is not a date and time") from None
        return moment if moment.tzinfo else settle(moment.replace(tzinfo=zone))
    if text:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"its date {text!r} is not a date") from None
    clock = parse_clock(_text(event, "start"))
    if clock is None or day is None:
        raise ValueError("has no start time (date or start)")
    return wall_time(day, clock, zone)


def _end(event: dict[str, Any], start: datetime) -> datetime:
    end_text = _text(event, "end")
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
    event: dict[str, Any], room: str, day: date | None, zone: tzinfo, options: ReadOptions
) -> Session:
    title = _text(event, "title")
    if not title:
        raise ValueError("has no title")
    start = _start(event, day, zone)
    end = _end(event, start)
    start_here, end_here = in_zone(start, options.timezone), in_zone(end, options.timezone)
    if start_here is None or end_here is None:
        raise ValueError("its times are out of range")
    if reason := span_problem(start_here, end_here):
        raise ValueError(reason)
    # pretalx has no status field: a cancelled talk keeps its slot with the title marked by hand.
    bare_title = cancelled_mark(title)
    subtitle = _text(event, "subtitle")
    return Session(
        title=bare_title or title,
        start=start_here,
        end=end_here,
        host=_host(event),
        status=SCHEDULED if bare_title is None else CANCELLED,
        description=_text(event, "abstract") or _text(event, "description") or subtitle,
        url=_text(event, "url"),
        room=_text(event, "room") or room,
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
    zone = _zone(conference, options)
    listed = list(islice(_listed(schedule, conference), MAX_ENTRIES + 1))
    problems_past = []
    if len(listed) > MAX_ENTRIES:
        problems_past.append(left_out("events", sum(1 for _ in _listed(schedule, conference)), "events"))
        listed = listed[:MAX_ENTRIES]
    if not listed:
        problems_past.append(Problem("schedule", "the schedule lists no events"))
    choice = choose_room(options.room, _room_names(conference, [room for _, _, room, _ in listed]))
    sessions: list[Session] = []
    problems: list[Problem] = problems_past + ([choice.problem] if choice.problem else [])
    left: list[str] = []
    for place, on, room, event in listed:
        if not choice.shows(room):
            left.append(room)  # not read: another room's broken event is not this board's problem
            continue
        if not isinstance(event, dict):
            problems.append(Problem(_where(event, place), "is not an event object"))
            continue
        try:
            sessions.append(_session(event, room, on, zone, options))
        except (ValueError, TypeError, OverflowError) as error:
            title = _text(event, "title")
            reason = f'"{title}" {error}' if title else str(error)
            problems.append(Problem(_where(event, place), reason))
    sessions.sort(key=in_time_order)
    notes = (choice.note,) if choice.note else ()
    return Schedule(sessions=tuple(sessions), other_rooms=counted(left), notes=notes), problems
