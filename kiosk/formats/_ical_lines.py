"""An iCalendar file's content lines, split into what the board reads: calendars, events, time zones.

The icalendar library spends about half a millisecond on every event, most of it on properties the
board never shows (DTSTAMP, ATTENDEE, X-…, alarms), so the file is read here: lines are unfolded and
split into name, parameters and value, and only the properties that are read are kept. A line that
cannot be split is dropped and reported by its line number instead of making the whole calendar
unreadable. Each event keeps its kept lines as written, for the library to expand repeating ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from kiosk.model import Problem, UnreadableError

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
# NAME, then parameters (whose quoted values may hold ';' and ':'), then ':' and the value.
_CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[^";:]*(?:"[^"]*"[^";:]*)*)*):(.*)', re.DOTALL)
_PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:[^";]|"[^"]*")*)')
_CARET = re.compile(r"\^[\^n']")
_CARET_MEANS = {"^^": "^", "^n": "\n", "^'": '"'}

EVENT_PROPERTIES = frozenset(
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
_CALENDAR_PROPERTIES = frozenset({"METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"})


class Property(NamedTuple):
    """One property's parameters (as written, e.g. ``;TZID="Europe/Berlin"``) and its raw value.

    A named tuple rather than a dataclass: one is made for most lines of a calendar, and a tuple is
    made several times faster.
    """

    parameters: str
    value: str

    def parameter(self, name: str) -> str:
        """A parameter's value without quotes and RFC 6868 ``^`` escapes; "" when it is not there."""
        if name not in self.parameters.upper():
            return ""
        for match in _PARAMETER.finditer(self.parameters):
            if match[1].upper() == name:
                value = match[2]
                if len(value) >= 2 and value[0] == value[-1] == '"':
                    value = value[1:-1]
                return _CARET.sub(lambda caret: _CARET_MEANS[caret[0]], value) if "^" in value else value
        return ""


@dataclass(frozen=True, slots=True)
class Event:
    """A VEVENT: the line it begins on, its kept properties by name, and its kept lines as written."""

    line: int
    properties: dict[str, list[Property]]
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Calendars:
    """Every complete VCALENDAR in a file, taken together.

    ``properties`` are the first calendar's (name, time zone) with METHOD from any; ``timezones``
    holds each VTIMEZONE's lines by TZID.
    """

    properties: dict[str, list[Property]]
    events: tuple[Event, ...]
    timezones: dict[str, tuple[str, ...]]
    problems: tuple[Problem, ...]


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the (1-based) physical line each begins on."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(_LINE_BREAK.split(text), start=1):
        if physical[:1] in (" ", "\t") and lines:
            first, content = lines[-1]
            lines[-1] = (first, content + physical[1:])
        elif physical.strip():
            lines.append((number, physical))
    return lines


class _Reader:
    """The state while reading one file's lines: which components are open, and what is kept."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.problems: list[Problem] = []
        self.calendar: dict[str, list[Property]] = {}
        self.first_calendar: dict[str, list[Property]] | None = None
        self.cancelled = False
        self.events: list[Event] = []
        self.pending: list[Event] = []  # events of the calendar still open: kept only once it ends
        self.event: dict[str, list[Property]] | None = None  # the open VEVENT's properties
        self.event_lines: list[str] = []
        self.event_start = 0
        self.timezones: dict[str, tuple[str, ...]] = {}
        self.zone_lines: list[str] | None = None  # the open VTIMEZONE's lines
        self.tzid = ""

    def begin(self, number: int, line: str, component: str) -> None:
        self.stack.append(component)
        if len(self.stack) == 2 and component == "VEVENT":
            self.event, self.event_lines, self.event_start = {}, [line], number
        elif len(self.stack) == 2 and component == "VTIMEZONE":
            self.zone_lines, self.tzid = [line], ""
        elif self.zone_lines is not None:
            self.zone_lines.append(line)  # STANDARD and DAYLIGHT inside a VTIMEZONE

    def end(self, number: int, line: str, component: str) -> None:
        if component not in self.stack:
            self.problems.append(Problem(f"line {number}", f"END:{component} without its BEGIN; ignored"))
            return
        while len(self.stack) > 1 and self.stack[-1] != component:
            self.close(f"END:{self.stack[-1]}")  # an END left out inside: it closes with its parent
        self.close(line)

    def close(self, line: str) -> None:
        self.stack.pop()
        depth = len(self.stack)
        if depth == 1 and self.event is not None:
            self.event_lines.append(line)
            self.pending.append(Event(self.event_start, self.event, tuple(self.event_lines)))
            self.event = None
        elif self.zone_lines is not None:
            self.zone_lines.append(line)
            if depth == 1:
                if self.tzid:
                    self.timezones.setdefault(self.tzid, tuple(self.zone_lines))
                self.zone_lines = None
        elif depth == 0:
            if self.first_calendar is None:
                self.first_calendar = self.calendar
            self.calendar = {}
            self.events.extend(self.pending)
            self.pending = []

    def property(self, number: int, line: str, name: str, match: re.Match[str]) -> None:
        depth = len(self.stack)
        if depth == 0:
            self.problems.append(
                Problem(f"line {number}", "outside BEGIN:VCALENDAR … END:VCALENDAR; ignored")
            )
        elif depth == 1:
            if name in _CALENDAR_PROPERTIES:
                self.calendar.setdefault(name, []).append(Property(match[2], match[3]))
                self.cancelled = self.cancelled or (name == "METHOD" and match[3].strip().upper() == "CANCEL")
        elif self.zone_lines is not None:
            self.zone_lines.append(line)
            if depth == 2 and name == "TZID":
                self.tzid = match[3].strip()


def read_calendars(text: str) -> Calendars:
    """The calendars in ``text``; ``UnreadableError`` when no calendar in it is complete."""
    reader = _Reader()
    stack = reader.stack
    for number, line in logical_lines(text):
        match = _CONTENT_LINE.match(line)
        if match is None:
            reader.problems.append(Problem(f"line {number}", "not an iCalendar content line; ignored"))
            continue
        name = match[1].upper()
        if name == "BEGIN":
            reader.begin(number, line, match[3].strip().upper())
        elif name == "END":
            reader.end(number, line, match[3].strip().upper())
        elif reader.event is not None:
            # Most lines are an event's: kept or dropped here, without a call, for speed.
            if name in EVENT_PROPERTIES and len(stack) == 2:
                reader.event.setdefault(name, []).append(Property(match[2], match[3]))
                reader.event_lines.append(line)
        else:
            reader.property(number, line, name, match)
    if reader.first_calendar is None:
        raise UnreadableError("a broken iCalendar file (no complete calendar inside: cut off?)")
    properties = {name: values for name, values in reader.first_calendar.items() if name != "METHOD"}
    if reader.cancelled:
        properties["METHOD"] = [Property("", "CANCEL")]
    return Calendars(properties, tuple(reader.events), reader.timezones, tuple(reader.problems))
