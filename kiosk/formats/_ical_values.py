"""The values the board reads from an event: texts, date-times in their time zones, durations.

Two kinds of event give them: one read by ``_ical_lines`` (every single event, quickly) and one made
by the icalendar library (each occurrence of a repeating event). Both answer the same questions, so
that ``ical`` turns either into a session the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from kiosk.formats._ical_lines import Event, Property

_ESCAPE = re.compile(r"\\([\\;,nN])")
_UNESCAPED = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}
_DATE = re.compile(r"[0-9]{8}")
_DURATION = re.compile(
    r"([-+]?)P(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?"
)
_DATE_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z?")


class EventValues(Protocol):
    def text(self, name: str) -> str:
        """A TEXT property unescaped and stripped; the first when given twice; "" when missing."""

    def has(self, name: str) -> bool: ...

    def moment(self, name: str) -> date | datetime | None:
        """A DTSTART/DTEND value; ``ValueError`` in plain words when it is there but broken."""

    def duration(self) -> timedelta | None:
        """DURATION; ``ValueError`` in plain words when it is there but broken."""

    def organizer(self) -> tuple[str, str]:
        """The organizer's name (CN) and address; empty when there is none or more than one."""


def unescape(value: str) -> str:
    """TEXT as RFC 5545 escapes it: ``\\\\``, ``\\;``, ``\\,``, ``\\n``; any other backslash stays."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda match: _UNESCAPED[match[1]], value)


def known_zone(tzid: str) -> tzinfo | None:
    """An IANA zone for ``tzid`` as the icalendar library would find it: the name itself, a Windows
    name (Outlook), or the end of a vendor-prefixed name such as ``/mozilla.org/…/Europe/Berlin``."""
    cleaned = tzid.strip("/")
    candidates = [cleaned]
    if cleaned in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[cleaned])
    if tzid.startswith("/"):
        parts = cleaned.split("/")
        candidates.extend("/".join(parts[start:]) for start in range(1, len(parts)))
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ValueError, KeyError, OSError):
            continue
    return None


@dataclass(frozen=True, slots=True)
class Zones:
    """The time zones a calendar's TZIDs name, each looked up once per read.

    A TZID that is no known zone is built from the calendar's own VTIMEZONE; one that is neither is
    floating (the event's time zone), as the icalendar library reads it.
    """

    timezones: dict[str, tuple[str, ...]]
    found: dict[str, tzinfo | None] = field(default_factory=dict)

    def zone(self, tzid: str) -> tzinfo | None:
        if tzid not in self.found:
            self.found[tzid] = known_zone(tzid) or self._defined(tzid)
        return self.found[tzid]

    def _defined(self, tzid: str) -> tzinfo | None:
        lines = self.timezones.get(tzid)
        if lines is None:
            return None
        try:
            component = icalendar.Timezone.from_ical("\r\n".join(lines))
            zone = component.to_tz(lookup_tzid=False) if isinstance(component, icalendar.Timezone) else None
        except Exception:  # the library's own errors on a broken VTIMEZONE, whatever their type
            return None
        return zone if isinstance(zone, tzinfo) else None


def _date_or_time(prop: Property, zones: Zones) -> date | datetime | None:
    """``ValueError`` for a day or an hour that does not exist, None for text of another shape."""
    value = prop.value.strip()
    if _DATE.fullmatch(value) is not None:
        return date.fromisoformat(value)
    if prop.parameter("VALUE").upper() == "DATE" or _DATE_TIME.fullmatch(value) is None:
        return None
    moment = datetime.fromisoformat(value)  # RFC 5545's form is ISO 8601's basic one
    if moment.tzinfo is not None:
        return moment  # UTC: a TZID beside the Z would contradict it
    tzid = prop.parameter("TZID")
    zone = zones.zone(tzid) if tzid else None
    return moment.replace(tzinfo=zone) if zone is not None else moment


@dataclass(frozen=True, slots=True)
class ReadEvent:
    """An event as ``_ical_lines`` read it."""

    event: Event
    zones: Zones

    def text(self, name: str) -> str:
        values = self.event.properties.get(name)
        return unescape(values[0].value).strip() if values else ""

    def has(self, name: str) -> bool:
        return name in self.event.properties

    def moment(self, name: str) -> date | datetime | None:
        values = self.event.properties.get(name)
        if not values:
            return None
        if len(values) > 1:
            raise ValueError(f"has {len(values)} {name} lines")
        try:
            moment = _date_or_time(values[0], self.zones)
        except ValueError:
            moment = None  # a day or an hour that does not exist
        if moment is None:
            raise ValueError(f"its {name} {values[0].value!r} is not a date-time")
        return moment

    def duration(self) -> timedelta | None:
        values = self.event.properties.get("DURATION")
        if not values:
            return None
        match = _DURATION.fullmatch(values[0].value.strip())
        if match is None:
            raise ValueError("its DURATION is not a length of time")
        weeks, days, hours, minutes, seconds = (int(part or 0) for part in match.groups()[1:])
        try:
            length = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
        except OverflowError:
            raise ValueError("its DURATION is not a length of time") from None
        return -length if match[1] == "-" else length

    def organizer(self) -> tuple[str, str]:
        values = self.event.properties.get("ORGANIZER")
        if values is None or len(values) != 1:
            return "", ""
        return values[0].parameter("CN").strip(), values[0].value.strip()


@dataclass(frozen=True, slots=True)
class LibraryEvent:
    """An event (an occurrence of a repeating one) as the icalendar library made it."""

    component: Any

    def text(self, name: str) -> str:
        value = self.component.get(name)
        if value is None:
            return ""
        if isinstance(value, list):  # a property given twice: the first one counts
            value = value[0]
        return str(value).strip()

    def has(self, name: str) -> bool:
        return name in self.component

    def moment(self, name: str) -> date | datetime | None:
        prop = self.component.get(name)
        if prop is None:
            return None
        if isinstance(prop, list):
            raise ValueError(f"has {len(prop)} {name} lines")
        try:
            value = prop.dt
        except Exception:
            raise ValueError(
                f"its {name} {prop.to_ical().decode(errors='replace')!r} is not a date-time"
            ) from None
        if not isinstance(value, date):
            raise ValueError(f"its {name} is not a date-time")
        return value

    def duration(self) -> timedelta | None:
        if self.component.get("DURATION") is None:
            return None
        try:
            length = self.component["DURATION"].dt
        except Exception:
            raise ValueError("its DURATION is not a length of time") from None
        if not isinstance(length, timedelta):
            raise ValueError("its DURATION is not a length of time")
        return length

    def organizer(self) -> tuple[str, str]:
        organizer = self.component.get("ORGANIZER")
        if organizer is None or isinstance(organizer, list):
            return "", ""
        return str(organizer.params.get("CN", "")).strip(), str(organizer)
