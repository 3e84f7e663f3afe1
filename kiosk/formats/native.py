"""The kiosk's own JSON format, documented by ``config/schedule.schema.json``.

``{"sessions": [{"title", "host", "start", "end", "status", "description", "url", "room"}],
"announcements": [text or {"text", "until"}], "ideas": [text], "alert": text or {"text", "until"}}``
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from kiosk.core.model import Alert, Problem, Schedule, Session, UnreadableError
from kiosk.core.status import session_status
from kiosk.core.text import clean, cut
from kiosk.formats._bounds import MAX_ENTRIES, left_out
from kiosk.formats._times import parse_end, parse_moment, span_problem
from kiosk.formats.decode import decode
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import in_room

DOCUMENT_FIELDS = ("sessions", "announcements", "ideas", "alert")
SESSION_FIELDS = ("title", "host", "start", "end", "status", "description", "url", "room")
_TEXT_FIELDS = ("host", "description", "url", "room")
_TIME_HINT = "(use HH:MM or YYYY-MM-DDTHH:MM)"


class _Skip(Exception):
    """One session cannot be read; the message says why."""


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    document, problems = _load(data)
    sessions: list[Session] = []
    entries = document["sessions"]
    if len(entries) > MAX_ENTRIES:
        problems.append(left_out("sessions", len(entries), "sessions"))
    for index, item in enumerate(entries[:MAX_ENTRIES]):
        where = _where(index, item)
        try:
            session, problem = _session(item, options)
        except _Skip as skip:
            problems.append(Problem(where, str(skip)))
            continue
        sessions.append(session)
        if problem is not None:
            problems.append(Problem(where, problem))
    split = in_room(sessions, options.room)
    problems += split.problems
    notices = _notices(document, options, problems)
    ideas = _texts(document, "ideas", problems)
    alert = _alert(document.get("alert"), options, problems)
    schedule = Schedule(
        split.kept,
        announcements=tuple(text for text, _ in notices),
        ideas=ideas,
        alert=alert,
        announcement_ends=tuple((text, until) for text, until in notices if until is not None),
        other_rooms=split.other_rooms,
        notes=split.notes,
    )
    return schedule, problems


class _Repeated(dict[str, Any]):
    """An object that gives some of its keys more than once (JSON keeps the last): how many times."""

    __slots__ = ("counts",)
    counts: dict[str, int]


def _load(data: bytes) -> tuple[dict[str, Any], list[Problem]]:
    """The document, and a problem for every key that an object in it gives more than once."""
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        found = dict(items)
        if len(found) == len(items):
            return found
        repeated = True
        kept = _Repeated(found)
        kept.counts = {key: count for key, count in Counter(key for key, _ in items).items() if count > 1}
        return kept

    try:
        document = json.loads(decode(data), object_pairs_hook=pairs)
    except ValueError as error:
        where = (
            f" (line {error.lineno}, column {error.colno}: {error.msg})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise UnreadableError(f"not valid JSON{where}") from None
    except RecursionError:
        raise UnreadableError("JSON nested too deeply to be a schedule") from None
    if not isinstance(document, dict):
        raise UnreadableError(f'not a schedule: JSON {_kind(document)}, not an object with a "sessions" list')
    if not isinstance(document.get("sessions"), list):
        raise UnreadableError('not a schedule: a JSON object without a "sessions" list')
    return document, list(_repeated_keys(document)) if repeated else []


def _repeated_keys(document: dict[str, Any]) -> Iterator[Problem]:
    """Where the document repeats a key: a field of the schedule by its name, a session by its place
    and title, anything deeper by its path."""
    if isinstance(document, _Repeated):
        for key, count in document.counts.items():
            yield Problem(key, f'"{key}" appears {count} times; only the last is read: put everything in one')
    for key, value in document.items():
        if key == "sessions" and isinstance(value, list):
            for index, item in enumerate(value):
                yield from _repeated_in(item, _where(index, item))
        else:
            yield from _repeated_in(value, key)


def _repeated_in(value: object, where: str) -> Iterator[Problem]:
    # Iterative: a document may nest as deep as the JSON parser allows.
    stack = [(value, where)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _Repeated):
            for key, count in value.counts.items():
                yield Problem(where, f'"{key}" appears {count} times; only the last is read')
        if isinstance(value, dict):
            stack += reversed([(item, f"{where}.{key}") for key, item in value.items()])
        elif isinstance(value, list):
            stack += reversed([(item, f"{where}[{index}]") for index, item in enumerate(value)])


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return "boolean" if isinstance(value, bool) else "number"


def _shown(value: object) -> str:
    """A value as the facilitator typed it, cut short enough for one line of a report."""
    shown = repr(value) if isinstance(value, str) else clean(json.dumps(value, ensure_ascii=False))
    return cut(shown, 40)


def _where(index: int, item: object) -> str:
    title = clean(item["title"]) if isinstance(item, dict) and isinstance(item.get("title"), str) else ""
    if title:
        return f"sessions[{index}] {json.dumps(title, ensure_ascii=False)}"
    return f"sessions[{index}]"


def _session(item: object, options: ReadOptions) -> tuple[Session, str | None]:
    """The session, and what is wrong with it that still lets it be shown (an unknown status word)."""
    if not isinstance(item, dict):
        raise _Skip(f"a session must be an object, not {_kind(item)}")
    title = _text(item, "title")
    if not title:
        raise _Skip("missing title")
    start = _moment(item, "start", options)
    end = _moment(item, "end", options, start)
    problem = span_problem(start, end)
    if problem is not None:
        raise _Skip(problem)
    status, title, problem = session_status(_text(item, "status"), title)
    fields = {name: _text(item, name) for name in _TEXT_FIELDS}
    return Session(title=title, start=start, end=end, status=status, **fields), problem


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Skip(f"{name} must be text, not {_kind(value)}")
    return clean(value)


def _moment(item: dict[str, Any], name: str, options: ReadOptions, start: datetime | None = None) -> datetime:
    value = item.get(name)
    if value is None or value == "":
        raise _Skip(f"missing {name} {_TIME_HINT}")
    if not isinstance(value, str):
        moment = None
    elif start is not None:
        # A bare end time belongs to the start's day (or the next, across midnight).
        moment = parse_end(value, options.timezone, start)
    else:
        moment = parse_moment(value, options.timezone, options.date)
    if moment is None:
        raise _Skip(f"{name} {_shown(value)} is not a time {_TIME_HINT}")
    return moment


def _texts(document: dict[str, Any], key: str, problems: list[Problem]) -> tuple[str, ...]:
    values = document.get(key)
    if values is None:
        return ()
    if not isinstance(values, list):
        problems.append(Problem(key, f"must be a list of text, not {_kind(values)}"))
        return ()
    texts: list[str] = []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            problems.append(Problem(f"{key}[{index}]", f"must be text, not {_kind(value)}"))
        elif text := clean(value):
            texts.append(text)
    return tuple(texts)


def _notice(value: object, options: ReadOptions) -> tuple[str, datetime | None] | None:
    """Text, or ``{"text", "until"}``: the text and when it comes down; None when empty."""
    if isinstance(value, str):
        return (text, None) if (text := clean(value)) else None
    if not isinstance(value, dict):
        raise _Skip(f"must be text or an object with text and until, not {_kind(value)}")
    text = clean(_text(value, "text"))
    if not text:
        raise _Skip("missing text")
    until = _moment(value, "until", options) if value.get("until") not in (None, "") else None
    return text, until


def _notices(
    document: dict[str, Any], options: ReadOptions, problems: list[Problem]
) -> list[tuple[str, datetime | None]]:
    values = document.get("announcements")
    if values is None:
        return []
    if not isinstance(values, list):
        problems.append(Problem("announcements", f"must be a list, not {_kind(values)}"))
        return []
    notices = []
    for index, value in enumerate(values):
        try:
            notice = _notice(value, options)
        except _Skip as skip:
            problems.append(Problem(f"announcements[{index}]", str(skip)))
            continue
        if notice is not None:
            notices.append(notice)
    return notices


def _alert(value: object, options: ReadOptions, problems: list[Problem]) -> Alert | None:
    if value is None:
        return None
    try:
        notice = _notice(value, options)
    except _Skip as skip:
        problems.append(Problem("alert", str(skip)))
        return None
    return Alert(*notice) if notice is not None else None
