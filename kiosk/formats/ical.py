"""iCalendar (.ics) calendars, as Google Calendar, Nextcloud, Outlook and others publish them.

icalendar reads the file (folded lines, escapes, parameters, time zones by IANA name, Windows name or
VTIMEZONE) and keeps a line it cannot read in the component's ``errors`` instead of failing;
recurring-ical-events expands repeating events with their exceptions and moved occurrences. This
module judges what they give: which events are sessions, and what to tell the facilitator.

Choices the manual documents (docs/sources/ical.md):
- Repeating events are expanded only over the days the board can show: from ``DAYS_BEFORE`` before
  the event date to ``DAYS_AFTER`` after it (far enough to say when a weekly or monthly series meets
  next). The work is counted (``MAX_STEPS`` for the calendar, ``SERIES_STEPS`` for one series):
  a series that needs more is left out with a problem, so no rule can hang the kiosk.
- All-day events are day markers ("Conference day 1"), not sessions: skipped without a word.
- An event with a start time and no end (RFC 5545: it takes no time) is shown for ``options.untimed``.
- Floating times (no TZID, no Z, or a TZID nobody knows) are in the event's time zone.
- The room filter is ``kiosk.formats.rooms``'s, on LOCATION: a calendar kept for one room often
  leaves LOCATION empty, and such events are kept.
- The host is a "Host:" (or Speaker, Facilitator, Presenter) line in DESCRIPTION, else the
  ORGANIZER's name unless the organizer is the calendar itself (Google names a shared calendar as
  the organizer of every event on it).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

import icalendar
import recurring_ical_events

from kiosk.core.html import visible_text
from kiosk.core.model import CANCELLED, Problem, Schedule, Session, UnreadableError, in_time_order
from kiosk.core.status import session_status
from kiosk.core.text import clean
from kiosk.core.wallclock import settle, wall_time
from kiosk.formats._steps import OutOfSteps, Steps
from kiosk.formats._times import in_zone, span_problem
from kiosk.formats.decode import decode
from kiosk.formats.ical_event import CalendarFacts, Event, calendar_facts, unreadable_lines
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import in_room

DAYS_BEFORE = timedelta(days=1)
DAYS_AFTER = timedelta(days=35)
MAX_STEPS = 200_000
SERIES_STEPS = 50_000

# A vendor-prefixed TZID (/mozilla.org/…/Europe/Berlin) is read as the zone at its end, which is
# what the facilitator meant; the library warns about the guess on stderr each time.
warnings.filterwarnings("ignore", category=icalendar.GloballyUniqueTZIDGuessed)

_HOST_LINE = re.compile(
    r"^\s*(?:hosts?|speakers?|facilitators?|presenters?|hosted by|led by)\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_CALENDAR_ADDRESS = re.compile(r"@(?:group|import|resource)\.calendar\.google\.com$", re.IGNORECASE)
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_REPEATS = ("RRULE", "RDATE")
# Properties the board never reads, and the most common in real exports: attendee lists, timestamps,
# Outlook's and Exchange's X- lines. They are left out before icalendar reads the file.
_UNREAD = re.compile(
    r"(?:ATTENDEE|DTSTAMP|CREATED|LAST-MODIFIED|TRANSP|CLASS|PRIORITY|X-(?!WR-)[A-Z0-9-]*)[;:]", re.IGNORECASE
)


def _host(event: Event, description: str, calendar: CalendarFacts) -> str:
    if match := _HOST_LINE.search(description):
        return match[1]
    name, address = event.organizer()
    address = address.removeprefix("mailto:").removeprefix("MAILTO:")
    if _CALENDAR_ADDRESS.search(address) or name.casefold() == calendar.name.casefold():
        return ""
    return name


def _status(event: Event, title: str, calendar: CalendarFacts) -> tuple[str, str, str | None]:
    """The session's status, its title without a cancelled mark (Outlook's "Canceled: "), and the
    problem with an unknown STATUS."""
    status, title, problem = session_status(event.text("STATUS"), title)
    return (CANCELLED if calendar.cancelled else status), title, problem


def _wall(moment: datetime, options: ReadOptions) -> datetime:
    """``moment`` in the event's zone, as an instant that exists (``kiosk.core.wallclock``'s rule)."""
    here = in_zone(moment, options.timezone)
    if here is None:
        raise ValueError("its times are outside the calendar's range")
    return settle(here)


def _span(event: Event, options: ReadOptions) -> tuple[datetime, datetime] | None:
    """Start and end in the event's time zone; None for an all-day event; ValueError when unusable."""
    start = event.moment("DTSTART")
    if start is None:
        raise ValueError("has no start time (DTSTART)")
    if not isinstance(start, datetime):
        return None
    start_here = _wall(start, options)
    end = event.moment("DTEND")
    if end is None:
        length = event.duration()
        # An exact duration (RFC 5545) is counted in UTC, so that it holds across a DST change.
        # With neither DTEND nor DURATION the event takes no time: shown for ``options.untimed``.
        end = start_here.astimezone(UTC) + (options.untimed if length is None else length)
    if not isinstance(end, datetime):
        raise ValueError("starts at a time of day but ends on a whole day")
    end_here = _wall(end, options)
    if reason := span_problem(start_here, end_here):
        raise ValueError(reason)
    return start_here, end_here


def _session(
    event: Event, options: ReadOptions, calendar: CalendarFacts
) -> tuple[Session | None, str | None]:
    """One event as a session (None for an all-day event) and what is wrong with it that still lets
    it be shown (an unknown STATUS); ValueError (plain words) when unusable."""
    span = _span(event, options)
    if span is None:
        return None, None
    title = event.text("SUMMARY")
    if not title:
        raise ValueError("has no title (SUMMARY)")
    description = clean(visible_text(event.text("DESCRIPTION")))
    status, title, problem = _status(event, title, calendar)
    session = Session(
        title=title,
        start=span[0],
        end=span[1],
        host=_host(event, description, calendar),
        status=status,
        description=description,
        url=event.text("URL"),
        room=event.text("LOCATION"),
    )
    return session, event.reason(problem) if problem else None


@dataclass
class _Work:
    """The steps left for expanding the calendar's repeating events."""

    left: int
    ran_out: bool = False


def _window(options: ReadOptions) -> tuple[datetime, datetime]:
    first = wall_time(options.date - DAYS_BEFORE, time(), options.timezone)
    last = wall_time(options.date + DAYS_AFTER, time(), options.timezone)
    return first, last


def _series_holder(series: list[Event], calendar: CalendarFacts) -> icalendar.Calendar:
    """A calendar of one repeating event's components (the master and its moved occurrences)."""
    holder = icalendar.Calendar()
    if calendar.timezone_name:
        # Google writes repeating events in UTC beside the calendar's zone; the library moves them
        # into that zone so that "every Monday 10:00" stays 10:00 across a DST change.
        holder.add("X-WR-TIMEZONE", calendar.timezone_name)
    for event in series:
        holder.add_component(event.component)
    return holder


def _occurrences(
    series: list[Event], calendar: CalendarFacts, options: ReadOptions, steps: Steps
) -> list[Event]:
    """The occurrences of one repeating event inside the board's window, counted by ``steps``."""
    first, last = _window(options)
    found: list[Event] = []
    with steps:
        query = recurring_ical_events.of(_series_holder(series, calendar), skip_bad_series=True)
        if not query.series:
            raise ValueError("the library could not read it")
        for recurrence in query.series:
            found.extend(
                Event(occurrence.as_component(False)) for occurrence in recurrence.between(first, last)
            )
    return found


def _expand(
    series: list[Event], calendar: CalendarFacts, options: ReadOptions, work: _Work
) -> tuple[list[Session], list[Problem]]:
    """The sessions of one repeating event, or the one problem that keeps it off the board."""
    master = next((event for event in series if any(event.has(name) for name in _REPEATS)), series[0])
    where = master.where()
    try:
        if _span(master, options) is None:
            return [], []  # a repeating all-day marker
    except ValueError as error:
        return [], [Problem(where, master.reason(error))]
    if work.left <= 0:
        work.ran_out = True
        return [], [Problem(where, "left out: the repeating events before it took all the work allowed")]
    steps = Steps(min(SERIES_STEPS, work.left))
    try:
        occurrences = _occurrences(series, calendar, options, steps)
    except OutOfSteps:
        work.ran_out = work.ran_out or steps.limit < SERIES_STEPS
        return [], [Problem(where, master.reason(_too_much(steps.limit)))]
    except Exception as error:  # the libraries' own errors, whatever their type
        broken = "; ".join(message for name, message in master.component.errors if name in _REPEATS)
        return [], [Problem(where, f"its repeat rule could not be read ({broken or error})")]
    finally:
        work.left -= steps.taken
    sessions: list[Session] = []
    problems: list[Problem] = []
    for occurrence in occurrences:
        try:
            session, problem = _session(occurrence, options, calendar)
        except ValueError as error:
            start = occurrence.component["DTSTART"].dt
            problems.append(Problem(where, f"the occurrence on {start:%Y-%m-%d %H:%M} {error}"))
            continue
        if session is not None:
            sessions.append(session)
        if problem is not None:
            problems.append(Problem(where, problem))  # said once for the series (problems are merged)
    return sessions, problems


def _too_much(limit: int) -> str:
    return f"repeats too often to work out (more than {limit:,} steps for the days the board shows); left out"


def _read_lines(text: str) -> str:
    """``text`` without the lines of properties the board never reads (and their folded parts).

    icalendar takes its time over every character of every line; in a Google or Exchange export
    these lines are about half of the file.
    """
    kept: list[str] = []
    keep = True
    for line in text.split("\n"):
        if line[:1] not in (" ", "\t"):  # a folded line goes with the line it continues
            keep = _UNREAD.match(line) is None
        if keep:
            kept.append(line)
    return "\n".join(kept)


def _calendars(text: str) -> list[Any]:
    """The complete calendars in ``text``; ``UnreadableError`` when there is none."""
    try:
        components = icalendar.Calendar.from_ical(_read_lines(text), multiple=True)
    except (ValueError, OSError) as error:  # icalendar opens a TZID that names a folder ("Europe/")
        raise UnreadableError(f"a broken iCalendar file ({error})") from None
    calendars = [component for component in components if component.name == "VCALENDAR"]
    if not calendars:
        raise UnreadableError("a broken iCalendar file (no complete calendar inside: cut off?)")
    return calendars


def _events(calendars: list[Any], text: str) -> list[list[Event]]:
    """Each calendar's events, with the line each begins on when the file's BEGIN:VEVENT lines
    match the events one for one (to name an event that has no UID)."""
    components = [calendar.walk("VEVENT") for calendar in calendars]
    starts: list[int] = []
    line, position = 1, 0
    for match in _BEGIN_EVENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        starts.append(line)
    if len(starts) != sum(len(events) for events in components):
        starts = []
    lines = iter(starts)
    return [[Event(component, next(lines, 0)) for component in events] for events in components]


def _read_calendar(
    calendar: Any, events: list[Event], options: ReadOptions, work: _Work
) -> tuple[list[Session], list[Problem]]:
    facts = calendar_facts(calendar)
    problems = [Problem("calendar", f"a line was ignored ({message})") for _, message in calendar.errors]
    sessions: list[Session] = []
    repeating = {event.text("UID") for event in events if any(event.has(name) for name in _REPEATS)}
    series: dict[str, list[Event]] = {}
    for index, event in enumerate(events):
        problems.extend(unreadable_lines(event))
        uid = event.text("UID")
        if uid in repeating:
            # Without a UID nothing can override an occurrence: the event is a series on its own.
            series.setdefault(uid or f"#{index}", []).append(event)
            continue
        try:
            session, problem = _session(event, options, facts)
        except ValueError as error:
            problems.append(Problem(event.where(), event.reason(error)))
            continue
        if session is not None:
            sessions.append(session)
        if problem is not None:
            problems.append(Problem(event.where(), problem))
    for components in series.values():
        expanded, trouble = _expand(components, facts, options, work)
        sessions.extend(expanded)
        problems.extend(trouble)
    return sessions, problems


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    text = decode(data)
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        first = text.strip().splitlines()[0][:60] if text.strip() else ""
        raise UnreadableError(f"not an iCalendar file: it starts with {first!r}, not BEGIN:VCALENDAR")
    calendars = _calendars(text)
    work = _Work(MAX_STEPS)
    sessions: list[Session] = []
    problems: list[Problem] = []
    for calendar, events in zip(calendars, _events(calendars, text), strict=True):
        found, trouble = _read_calendar(calendar, events, options, work)
        sessions.extend(found)
        problems.extend(trouble)
    if work.ran_out:
        problems.append(
            Problem(
                "calendar",
                f"repeating events need more than {MAX_STEPS:,} steps to work out; the rest are left out",
            )
        )
    split = in_room(sessions, options.room)
    problems.extend(split.problems)
    kept = sorted(split.kept, key=in_time_order)
    schedule = Schedule(sessions=tuple(kept), other_rooms=split.other_rooms, notes=split.notes)
    return schedule, list(dict.fromkeys(problems))
