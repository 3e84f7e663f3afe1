"""Tidying an iCalendar file's content lines before the icalendar library parses them.

The library stops at the first line it cannot split into name and value, so one stray line would
make a whole calendar unreadable; here such a line is dropped and reported by its line number.
The library is also slow (about 0.4 ms per event), most of it spent on properties the board never
shows (DTSTAMP, ATTENDEE, X-…, alarms, to-dos), so only the properties that are read are kept.
Unfolding here also yields the line where each event begins, for problems about events without UID.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.model import Problem

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CONTENT_LINE = re.compile(r"([A-Za-z0-9-]+)[;:]")

# Components whose content the board uses; anything else (VALARM, VTODO, VJOURNAL, VFREEBUSY …) is
# dropped with everything inside it.
_KEPT_COMPONENTS = frozenset({"VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"})
_EVENT_PROPERTIES = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "URL",
        "STATUS",
        "ORGANIZER",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
    }
)
_CALENDAR_PROPERTIES = frozenset({"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"})


@dataclass(frozen=True, slots=True)
class Tidied:
    """The kept content lines as one text, the line each VEVENT begins on, and the dropped lines."""

    text: str
    event_lines: tuple[int, ...]
    problems: tuple[Problem, ...]


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the (1-based) physical line each begins on."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(_LINE_BREAK.split(text), start=1):
        if physical[:1] in (" ", "\t") and lines:
            first, content = lines[-1]
            lines[-1] = (first, content + physical[1:])
        elif physical.strip():
            lines.append((number, physical))
    return lines


def tidy(text: str) -> Tidied:
    kept: list[str] = []
    event_lines: list[int] = []
    problems: list[Problem] = []
    stack: list[str] = []
    dropping = 0  # depth inside a component that is dropped whole
    for number, line in _logical_lines(text):
        match = _CONTENT_LINE.match(line)
        if match is None:
            problems.append(Problem(f"line {number}", "not an iCalendar content line; ignored"))
            continue
        name = match[1].upper()
        if name in ("BEGIN", "END"):
            component = line[len(name) + 1 :].strip().upper()
            if name == "BEGIN":
                stack.append(component)
                if dropping or component not in _KEPT_COMPONENTS:
                    dropping += 1
                    continue
                if component == "VEVENT":
                    event_lines.append(number)
            else:
                if stack:
                    stack.pop()
                if dropping:
                    dropping -= 1
                    continue
            kept.append(line)
            continue
        if dropping:
            continue
        inside = stack[-1] if stack else ""
        if (
            (inside == "VEVENT" and name in _EVENT_PROPERTIES)
            or (inside == "VCALENDAR" and name in _CALENDAR_PROPERTIES)
            or inside in ("VTIMEZONE", "STANDARD", "DAYLIGHT")
        ):
            kept.append(line)
    return Tidied("\r\n".join(kept) + "\r\n", tuple(event_lines), tuple(problems))
