"""iCalendar (.ics) calendars, as Google Calendar, Nextcloud, Outlook and others publish them.

Choices the README documents:
- Repeating events are expanded from ``WINDOW`` before to ``WINDOW`` after the event date, and at
  most ``MAX_OCCURRENCES`` occurrences in all; a board shows a day, so a weekly series since 2019
  need not be unrolled forever.
- All-day events are day markers ("Conference day 1"), not sessions: skipped without a word.
- Floating times (no TZID, no Z) are in the event's time zone.
- With a room filter, an event is kept when its LOCATION contains the room's name or when it has no
  LOCATION at all: a calendar kept for one room often leaves LOCATION empty.
- The host is a "Host:" (or Speaker, Facilitator, Presenter) line in DESCRIPTION, else the
  ORGANIZER's name unless the organizer is the calendar itself (Google names a shared calendar as
  the organizer of every event on it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import icalendar
import recurring_ical_events

from kiosk.formats import ReadOptions
from kiosk.formats._ical_lines import Calendars, Event, read_calendars
from kiosk.formats._ical_values import EventValues, LibraryEvent, ReadEvent, Zones, known_zone, unescape
from kiosk.formats._text import decode
from kiosk.formats._times import in_zone, span_problem
from kiosk.model import CANCELLED, PROPOSED, SCHEDULED, Problem, Schedule, Session, UnreadableError

WINDOW = timedelta(days=200)
MAX_OCCURRENCES = 20_000

_HOST_LINE = re.compile(
    r"^\s*(?:hosts?|speakers?|facilitators?|presenters?|hosted by|led by)\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_CANCELLED_PREFIX = re.compile(r"^\s*(?:cancell?ed|abgesagt)\s*:\s*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LINE_TAG = re.compile(r"<\s*(?:br|/p|/div|/li)\s*/?\s*>", re.IGNORECASE)
_CALENDAR_ADDRESS = re.compile(r"@(?:group|import|resource)\.calendar\.google\.com$", re.IGNORECASE)
_REPEATS = ("RRULE", "RDATE")


@dataclass(frozen=True, slots=True)
class _Calendar:
    """What a calendar says about all of its events."""

    name: str
    cancelled: bool
    timezone_name: str


def _plain(text: str) -> str:
    """Descriptions from Google Calendar's editor are HTML; the board wants plain lines."""
    if "<" not in text or _TAG.search(text) is None:
        return text
    return html.unescape(_TAG.sub("", _LINE_TAG.sub("\n", text))).strip()


def _host(event: EventValues, description: str, calendar: _Calendar) -> str:
    if match := _HOST_LINE.search(description):
        return match[1]
    name, address = event.organizer()
    address = address.removeprefix("mailto:").removeprefix("MAILTO:")
    if _CALENDAR_ADDRESS.search(address) or name.casefold() == calendar.name.casefold():
        return ""
    return name


def _status(event: EventValues, title: str, calendar: _Calendar) -> tuple[str, str]:
    """The session's status and its title without Outlook's "Canceled: " prefix."""
    status = event.text("STATUS").upper()
    stripped = _CANCELLED_PREFIX.sub("", title)
    if calendar.cancelled or status == "CANCELLED" or stripped != title:
        return CANCELLED, stripped or title
    if status == "TENTATIVE":
        return PROPOSED, title
    return SCHEDULED, title


def _wall(moment: datetime, options: ReadOptions) -> datetime:
    """``moment`` in the event's zone, with a wall time that exists: 02:30 on the night clocks go
    forward is 03:30 (RFC 5545 reads it with the offset before the change)."""
    here = in_zone(moment, options.timezone)
    if here is None:
        raise ValueError("its times are outside the calendar's range")
    return here.astimezone(UTC).astimezone(options.timezone)


def _span(event: EventValues, options: ReadOptions) -> tuple[datetime, datetime] | None:
    """Start and end in the event's time zone; None for an all-day event; ValueError when unusable."""
    start = event.moment("DTSTART")
    if start is None:
        raise ValueError("has no start time (DTSTART)")
    if not isinstance(start, datetime):
        return None
    end = event.moment("DTEND")
    if end is None and (length := event.duration()) is not None:
        # An exact duration (RFC 5545): counted in UTC, so that it holds across a DST change.
        end = _wall(start, options).astimezone(UTC) + length
    if end is None:
        raise ValueError("has no end time (DTEND or DURATION)")
    if not isinstance(end, datetime):
        raise ValueError("starts at a time of day but ends on a whole day")
    start_here, end_here = _wall(start, options), _wall(end, options)
    if reason := span_problem(start_here, end_here):
        raise ValueError(reason)
    return start_here, end_here


def _session(event: EventValues, options: ReadOptions, calendar: _Calendar) -> Session | None:
    """One event as a session; None for an all-day event; ValueError (plain words) when unusable."""
    span = _span(event, options)
    if span is None:
        return None
    title = event.text("SUMMARY")
    if not title:
        raise ValueError("has no title (SUMMARY)")
    description = _plain(event.text("DESCRIPTION"))
    status, title = _status(event, title, calendar)
    return Session(
        title=title,
        start=span[0],
        end=span[1],
        host=_host(event, description, calendar),
        status=status,
        description=description,
        url=event.text("URL"),
        room=event.text("LOCATION"),
    )


def _reason(event: EventValues, error: Exception) -> str:
    """The error, led by the event's title when it has one and the place does not already say it."""
    title = event.text("SUMMARY")
    return f'"{title}" {error}' if title and event.text("UID") else str(error)


def _where(event: ReadEvent) -> str:
    uid = event.text("UID")
    if uid:
        return f'event "{uid}"'
    return f'event "{event.text("SUMMARY")}" at line {event.event.line}'


def _series_calendar(series: list[Event], calendars: Calendars, calendar: _Calendar) -> icalendar.Calendar:
    """A calendar of one repeating event's components and the time zones they name, for the library."""
    body = [line for event in series for line in event.lines]
    joined = "\n".join(body)
    # Only zones the library cannot name itself: building one from its VTIMEZONE is the slow part.
    zones = [
        line
        for tzid, lines in calendars.timezones.items()
        if tzid in joined and known_zone(tzid) is None
        for line in lines
    ]
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Open Spaces kiosk//EN"]
    holder = icalendar.Calendar.from_ical("\r\n".join([*head, *zones, *body, "END:VCALENDAR", ""]))
    if calendar.timezone_name:
        # Google writes repeating events in UTC beside the calendar's zone; the library moves them
        # back into that zone so that "every Monday 10:00" stays 10:00 across a DST change.
        holder.add("X-WR-TIMEZONE", calendar.timezone_name)
    return holder


def _occurrences(holder: icalendar.Calendar, options: ReadOptions, budget: int) -> Iterator[LibraryEvent]:
    """The occurrences of one repeating event (all components sharing its UID) in the window."""
    first = datetime.combine(options.date - WINDOW, datetime.min.time())
    last = datetime.combine(options.date + WINDOW, datetime.min.time())
    for recurrence in recurring_ical_events.of(holder).series:
        for occurrence in recurrence.between(first, last):
            if budget <= 0:
                return
            budget -= 1
            yield LibraryEvent(occurrence.as_component(False))


def _calendar_facts(calendars: Calendars) -> _Calendar:
    def text(name: str) -> str:
        values = calendars.properties.get(name)
        return unescape(values[0].value).strip() if values else ""

    return _Calendar(
        name=text("X-WR-CALNAME"),
        cancelled=text("METHOD").upper() == "CANCEL",
        timezone_name=text("X-WR-TIMEZONE"),
    )


def _in_room(session: Session, room: str) -> bool:
    return not room or not session.room or room.casefold() in session.room.casefold()


def _room_problem(room: str, elsewhere: Iterable[str]) -> Problem:
    names = sorted(set(elsewhere), key=str.casefold)
    shown = ", ".join(f"'{name}'" for name in names[:10]) + (" …" if len(names) > 10 else "")
    return Problem("rooms", f"no event's LOCATION matches '{room}'; locations in this calendar: {shown}")


def _expand(
    series: list[ReadEvent], calendars: Calendars, calendar: _Calendar, options: ReadOptions, budget: int
) -> tuple[list[Session], list[Problem]]:
    """The sessions of one repeating event, or the one problem that keeps it off the board."""
    master = next((event for event in series if any(event.has(name) for name in _REPEATS)), None)
    where = _where(series[0])
    try:
        if master is not None and _span(master, options) is None:
            return [], []  # a repeating all-day marker
    except ValueError as error:
        return [], [Problem(where, _reason(series[0], error))]
    try:
        holder = _series_calendar([event.event for event in series], calendars, calendar)
        occurrences = list(_occurrences(holder, options, budget))
    except Exception as error:  # the library's own errors, whatever their type
        return [], [Problem(where, f"its repeat rule could not be read ({error})")]
    sessions: list[Session] = []
    problems: list[Problem] = []
    for occurrence in occurrences:
        try:
            session = _session(occurrence, options, calendar)
        except ValueError as error:
            start = occurrence.component["DTSTART"].dt
            problems.append(Problem(where, f"the occurrence on {start:%Y-%m-%d %H:%M} {error}"))
            continue
        if session is not None:
            sessions.append(session)
    return sessions, problems


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    text = decode(data)
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        first = text.strip().splitlines()[0][:60] if text.strip() else ""
        raise UnreadableError(f"not an iCalendar file: it starts with {first!r}, not BEGIN:VCALENDAR")
    calendars = read_calendars(text)
    problems = list(calendars.problems)
    calendar = _calendar_facts(calendars)
    zones = Zones(calendars.timezones)
    events = [ReadEvent(event, zones) for event in calendars.events]

    sessions: list[Session] = []
    repeating = {event.text("UID") for event in events if any(event.has(name) for name in _REPEATS)}
    series: dict[str, list[ReadEvent]] = {}
    for index, event in enumerate(events):
        uid = event.text("UID")
        if uid in repeating:
            # Without a UID nothing can override an occurrence: the event is a series on its own.
            series.setdefault(uid or f"#{index}", []).append(event)
            continue
        try:
            session = _session(event, options, calendar)
        except ValueError as error:
            problems.append(Problem(_where(event), _reason(event, error)))
            continue
        if session is not None:
            sessions.append(session)

    budget = MAX_OCCURRENCES
    for components in series.values():
        expanded, trouble = _expand(components, calendars, calendar, options, budget)
        budget -= len(expanded)
        sessions.extend(expanded)
        problems.extend(trouble)
    if budget <= 0:
        problems.append(
            Problem(
                "calendar",
                f"repeating events make more than {MAX_OCCURRENCES} sessions; the rest are left out",
            )
        )

    kept = [session for session in sessions if _in_room(session, options.room)]
    if options.room and not kept and sessions:
        problems.append(_room_problem(options.room, (session.room for session in sessions)))
    kept.sort(key=lambda session: (session.start, session.end, session.title))
    return Schedule(sessions=tuple(kept)), list(dict.fromkeys(problems))
