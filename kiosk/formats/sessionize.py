"""Sessionize's public schedule API, as its "All" and "GridSmart" views give it (JSON, no login).

- All (``https://sessionize.com/api/v2/{id}/view/All``): ``{sessions, speakers, rooms, categories,
  questions}``; a session names its speakers by id and its room by ``roomId``.
- GridSmart (``.../view/GridSmart``): ``[{date, rooms: [{id, name, sessions}], timeSlots}]``, each
  session with its speakers' names; ``[]`` until the organisers publish the schedule. The Sessions
  view (``[{groupName, sessions}]``, each session with its ``room`` by name) is read the same way.

Times are the event's wall clock without an offset in most exports, sometimes UTC with ``Z``. A
service session (``isServiceSession``: a break, lunch, registration) is a ``BREAK`` on the board.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.core.model import BREAK, SESSION, Problem, Schedule, Session, UnreadableError
from kiosk.core.text import clean
from kiosk.formats._bounds import first_entries
from kiosk.formats._export import entry_problem, session, text
from kiosk.formats._json import load
from kiosk.formats._times import in_zone
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import choose_room, counted

NOT_PUBLISHED = (
    "the Sessionize schedule is empty: the GridSmart view lists sessions only once the organisers "
    "publish the schedule (or use the All view: https://sessionize.com/api/v2/ID/view/All)"
)


@dataclass(frozen=True, slots=True)
class _Listed:
    """One session as listed: where it is in the file, its room's name, its speakers' names."""

    place: str
    room: str
    speakers: tuple[str, ...]
    fields: Any
    problems: tuple[str, ...] = ()  # what is wrong but does not keep it off the board
    refused: str = ""  # what keeps it off the board


def _id(value: object) -> str:
    return clean(str(value)) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _where(fields: Any, place: str) -> str:
    key = _id(fields.get("id")) if isinstance(fields, dict) else ""
    return f'session "{key}"' if key else place


def _speaker_name(speaker: Any) -> str:
    if not isinstance(speaker, dict):
        return ""
    name = text(speaker, "fullName") or text(speaker, "name")
    if name:
        return name
    return " ".join(part for part in (text(speaker, "firstName"), text(speaker, "lastName")) if part)


def _all_view(document: dict[str, Any]) -> Iterator[_Listed]:
    rooms = {
        _id(room.get("id")): text(room, "name")
        for room in document.get("rooms") or []
        if isinstance(room, dict)
    }
    speakers = {
        _id(speaker.get("id")): _speaker_name(speaker)
        for speaker in document.get("speakers") or []
        if isinstance(speaker, dict)
    }
    for index, fields in enumerate(document["sessions"]):
        if not isinstance(fields, dict):
            yield _Listed(f"sessions[{index}]", "", (), fields)
            continue
        room_id = _id(fields.get("roomId"))
        room = rooms.get(room_id, "")
        # Shown without a room, it would be on every room's board.
        refused = f"its room (id {room_id}) is not in the file's rooms" if room_id and not room else ""
        problems = []
        ids = fields.get("speakers")
        names = []
        for speaker in ids if isinstance(ids, list) else []:
            key = _id(speaker)
            if speakers.get(key):
                names.append(speakers[key])
            elif isinstance(speaker, dict) and _speaker_name(speaker):
                names.append(_speaker_name(speaker))
            else:
                problems.append(
                    f"its speaker {key or speaker!r} is not in the file's speakers (shown without that name)"
                )
        yield _Listed(f"sessions[{index}]", room, tuple(names), fields, tuple(problems), refused)


def _named_speakers(fields: Any) -> tuple[str, ...]:
    listed = fields.get("speakers") if isinstance(fields, dict) else None
    names = (_speaker_name(speaker) for speaker in (listed if isinstance(listed, list) else []))
    return tuple(name for name in names if name)


def _grid_views(document: list[Any]) -> Iterator[_Listed]:
    """The GridSmart view's days of rooms, or the Sessions view's groups, session by session."""
    for day_index, day in enumerate(document):
        if not isinstance(day, dict):
            continue
        if isinstance(day.get("rooms"), list):
            for room_index, room in enumerate(day["rooms"]):
                if not isinstance(room, dict) or not isinstance(room.get("sessions"), list):
                    continue
                name = text(room, "name")
                for index, fields in enumerate(room["sessions"]):
                    place = f"[{day_index}].rooms[{room_index}].sessions[{index}]"
                    yield _Listed(place, name, _named_speakers(fields), fields)
        elif isinstance(day.get("sessions"), list):
            for index, fields in enumerate(day["sessions"]):
                room = text(fields, "room") if isinstance(fields, dict) else ""
                yield _Listed(f"[{day_index}].sessions[{index}]", room, _named_speakers(fields), fields)


def _listed(document: Any) -> Iterator[_Listed]:
    if isinstance(document, dict) and isinstance(document.get("sessions"), list):
        return _all_view(document)
    if isinstance(document, list):
        if any(
            isinstance(item, dict) and ("fullName" in item or "firstName" in item) for item in document[:20]
        ):
            raise UnreadableError(
                "Sessionize's Speakers view, which has no times: use the All view, "
                "https://sessionize.com/api/v2/YOUR-API-ID/view/All"
            )
        return _grid_views(document)
    raise UnreadableError(
        'JSON, but not a Sessionize schedule: neither the All view ({"sessions", "speakers", '
        '"rooms"}) nor the GridSmart view (a list of days with rooms)'
    )


def _moment(fields: dict[str, Any], key: str, options: ReadOptions) -> datetime:
    written = text(fields, key)
    name = "start" if key == "startsAt" else "end"
    if not written:
        raise ValueError(
            "is not on the schedule yet (no start time)" if name == "start" else "has no end time"
        )
    try:
        moment = in_zone(datetime.fromisoformat(written.replace("z", "Z")), options.timezone)
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(f"its {name} {written!r} ({key}) is not a date and time")
    return moment


def _session(listed: _Listed, options: ReadOptions) -> Session:
    fields = listed.fields
    title = text(fields, "title")
    if not title:
        raise ValueError("has no title")
    if listed.refused:
        raise ValueError(listed.refused)
    return session(
        title,
        _moment(fields, "startsAt", options),
        _moment(fields, "endsAt", options),
        host=", ".join(listed.speakers),
        description=text(fields, "description"),
        room=listed.room,
        kind=BREAK if fields.get("isServiceSession") is True else SESSION,
    )


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    document = load(data)
    every, problems = first_entries(lambda: _listed(document), "sessions", "sessions")
    if not every:
        problems.append(Problem("schedule", NOT_PUBLISHED if isinstance(document, list) else "no sessions"))
    choice = choose_room(options.room, (listed.room for listed in every))
    if choice.problem:
        problems.append(choice.problem)
    sessions: list[Session] = []
    seen: set[str] = set()
    left: list[_Listed] = []
    for listed in every:
        if not choice.shows(listed.room):
            left.append(listed)
            continue
        where = _where(listed.fields, listed.place)
        if not isinstance(listed.fields, dict):
            problems.append(Problem(where, "is not a session object"))
            continue
        # A session listed twice (a plenum session such as a keynote, in each room) is shown once.
        key = _id(listed.fields.get("id")) or listed.place
        if key in seen:
            continue
        seen.add(key)
        title = text(listed.fields, "title")
        try:
            sessions.append(_session(listed, options))
        except (ValueError, OverflowError) as error:
            problems.append(entry_problem(where, title, error))
            continue
        problems += [Problem(where, f'"{title}": {problem}') for problem in listed.problems]
    # A plenum session shown in this room is not left out where else it is listed.
    other_rooms = counted(
        listed.room
        for listed in left
        if not isinstance(listed.fields, dict) or (_id(listed.fields.get("id")) or listed.place) not in seen
    )
    notes = (choice.note,) if choice.note else ()
    return Schedule(sessions=tuple(sessions), other_rooms=other_rooms, notes=notes), problems
