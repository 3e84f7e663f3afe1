"""One VEVENT, and what its VCALENDAR says of all its events, as icalendar read them: their
properties in plain words, and ``ValueError`` in plain words for a value that cannot be read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.core.model import Problem
from kiosk.core.text import clean


@dataclass(frozen=True, slots=True)
class CalendarFacts:
    """What a calendar says about all of its events."""

    name: str
    cancelled: bool
    timezone_name: str


@dataclass(frozen=True, slots=True)
class Event:
    """One VEVENT as icalendar read it, with the line it begins on (0 when not known)."""

    component: Any
    line: int = 0

    def text(self, name: str) -> str:
        """A TEXT property, cleaned; the first when given twice; "" when missing."""
        value = self.component.get(name)
        if isinstance(value, list):
            value = value[0]
        return "" if value is None else clean(str(value))

    def has(self, name: str) -> bool:
        return name in self.component

    def moment(self, name: str) -> date | datetime | None:
        """DTSTART or DTEND; ``ValueError`` in plain words when it is there but unreadable."""
        prop = self.component.get(name)
        if prop is None:
            return None
        if isinstance(prop, list):
            raise ValueError(f"has {len(prop)} {name} lines")
        try:
            value = prop.dt
        except Exception:  # a vBroken property: icalendar keeps the text it could not read
            raise ValueError(f"its {name} {raw(prop)!r} is not a date-time") from None
        if not isinstance(value, date):
            raise ValueError(f"its {name} {raw(prop)!r} is not a date-time")
        return value

    def duration(self) -> timedelta | None:
        prop = self.component.get("DURATION")
        if prop is None:
            return None
        try:
            length = prop.dt
        except Exception:
            raise ValueError("its DURATION is not a length of time") from None
        if not isinstance(length, timedelta):
            raise ValueError("its DURATION is not a length of time")
        return length

    def organizer(self) -> tuple[str, str]:
        """The organizer's name (CN) and address; empty when there is none or more than one."""
        organizer = self.component.get("ORGANIZER")
        if organizer is None or isinstance(organizer, list):
            return "", ""
        return clean(str(organizer.params.get("CN", ""))), clean(str(organizer))

    def where(self) -> str:
        uid = self.text("UID")
        if uid:
            return f'event "{uid}"'
        at = f" at line {self.line}" if self.line else ""
        return f'event "{self.text("SUMMARY")}"{at}'

    def reason(self, error: Exception | str) -> str:
        """The error, led by the event's title when it has one and the place does not already say it."""
        title = self.text("SUMMARY")
        return f'"{title}" {error}' if title and self.text("UID") else str(error)


def raw(prop: Any) -> str:
    try:
        return str(prop.to_ical().decode(errors="replace"))
    except Exception:
        return str(prop)


def calendar_facts(calendar: Any) -> CalendarFacts:
    def text(name: str) -> str:
        value = calendar.get(name)
        if isinstance(value, list):
            value = value[0]
        return "" if value is None else clean(str(value))

    return CalendarFacts(
        name=text("X-WR-CALNAME"),
        cancelled=text("METHOD").upper() == "CANCEL",
        timezone_name=text("X-WR-TIMEZONE"),
    )


def unreadable_lines(event: Event) -> Iterator[Problem]:
    """Lines icalendar could not split into a property; a broken value is reported where it is read."""
    for name, message in event.component.errors:
        if name is None:
            yield Problem(event.where(), f"a line that is not iCalendar was ignored ({message})")
