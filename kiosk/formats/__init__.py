"""Schedule formats: each reader turns bytes into a ``Schedule`` and a list of ``Problem``s."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Protocol

from kiosk.core.model import Problem, Reading, Schedule, UnreadableError, in_time_order
from kiosk.formats import csv_sheet, frab, indico, native, sessionize
from kiosk.formats.decode import as_utf8, decode, first_line, what_it_is
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import in_rooms

# ReadOptions is part of the package's face: every caller of read_schedule makes one.
__all__ = ["FORMAT_NAMES", "READERS", "ReadOptions", "detect_format", "read_schedule"]

_CONTENT_TYPES = {"text/calendar": "ics", "text/csv": "csv", "application/json": "json"}
_EXTENSIONS = {".ics": "ics", ".ical": "ics", ".csv": "csv", ".tsv": "csv", ".json": "json"}


def detect_format(data: bytes, content_type: str = "", name: str = "") -> str:
    """Which reader the bytes are for: the content decides, the content type and the name only hint.

    Raises ``UnreadableError`` saying what the bytes are when they are no schedule at all.
    """
    description = what_it_is(data)
    if description is not None:
        raise UnreadableError(description)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return "ics"
    text = decode(data)
    looks_like_json = head[:1] in (b"{", b"[")
    if looks_like_json:
        try:
            return _json_kind(json.loads(text))
        except (ValueError, RecursionError):
            pass  # broken JSON, or a sheet whose first cell starts with a bracket
    if csv_sheet.find_header(text) is not None:
        return "csv"
    hinted = _hint(content_type, name)
    if hinted is not None or looks_like_json:
        # That format's reader says precisely what is wrong, e.g. where the JSON breaks.
        return hinted or "json"
    raise UnreadableError(
        f"not a schedule: text that is neither JSON, iCalendar nor CSV with a header row "
        f"naming a title and a start time column (first line: {first_line(text)!r})"
    )


def _json_kind(document: object) -> str:
    if isinstance(document, dict):
        if "schedule" in document or "conference" in document:
            return "frab"
        if "results" in document:
            return "indico"
        if "sessions" in document:
            return "sessionize" if _sessionize_all(document) else "json"
        keys = ", ".join(repr(key) for key in list(document)[:5]) or "none"
        raise UnreadableError(
            'not a schedule: JSON without "sessions" (the kiosk\'s own format, Sessionize), "schedule" '
            f'(frab, pretalx) or "results" (Indico); its keys: {keys}'
        )
    if isinstance(document, list) and all(
        isinstance(day, dict) and ("rooms" in day or "sessions" in day) for day in document[:20]
    ):
        return "sessionize"  # the GridSmart or Sessions view; [] until the schedule is published
    raise UnreadableError('not a schedule: JSON that is not an object with a "sessions" list')


def _sessionize_all(document: dict[str, object]) -> bool:
    """Sessionize's All view: its sessions start at ``startsAt`` and it lists speakers and rooms."""
    sessions = document.get("sessions")
    first = sessions[0] if isinstance(sessions, list) and sessions else None
    if isinstance(first, dict):
        return "startsAt" in first or "isServiceSession" in first
    return "speakers" in document and "rooms" in document and "categories" in document


def _hint(content_type: str, name: str) -> str | None:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in _CONTENT_TYPES:
        return _CONTENT_TYPES[media_type]
    path = name.split("?", 1)[0].split("#", 1)[0].lower()
    return next((kind for extension, kind in _EXTENSIONS.items() if path.endswith(extension)), None)


class _Reader(Protocol):
    def __call__(self, data: bytes, options: ReadOptions, /) -> tuple[Schedule, list[Problem]]: ...


def _read_ics(data: bytes, options: ReadOptions, /) -> tuple[Schedule, list[Problem]]:
    # Deferred: the iCalendar reader brings icalendar and recurring-ical-events (the heaviest
    # imports of the readers), which a board reading a sheet or JSON never needs.
    from kiosk.formats import ical

    return ical.read(data, options)


# The readers' registry: a format's name (``[source] format``, what ``check`` says it read) and its
# reader. A new format is one entry here and its module; config validates against these names.
READERS: dict[str, _Reader] = {
    "json": native.read,
    "csv": csv_sheet.read,
    "ics": _read_ics,
    "frab": frab.read,
    "sessionize": sessionize.read,
    "indico": indico.read,
}
FORMAT_NAMES = tuple(READERS)


def read_schedule(
    data: bytes, options: ReadOptions, format: str = "auto", content_type: str = "", name: str = ""
) -> Reading:
    """Read bytes in the given format (or the detected one) into sessions sorted by time.

    Bad rows become problems; bytes that are no schedule at all raise ``UnreadableError``.
    """
    data = as_utf8(data, content_type)
    if format == "auto":
        format = detect_format(data, content_type, name)
    if format not in READERS:
        raise ValueError(f"unknown schedule format {format!r}; use one of auto, {', '.join(FORMAT_NAMES)}")
    schedule, problems = READERS[format](data, options)
    if options.rooms:
        split = in_rooms(schedule.sessions, options.rooms, options.home)
        schedule = replace(schedule, sessions=split.kept, other_rooms=split.other_rooms, notes=split.notes)
        problems = [*problems, *split.problems]
    sessions = tuple(sorted(schedule.sessions, key=in_time_order))
    return Reading(format, replace(schedule, sessions=sessions), tuple(problems))
