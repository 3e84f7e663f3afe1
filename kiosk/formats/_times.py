"""Reading times and dates as people and spreadsheets write them, shared by every reader.

Every function returns None for text it cannot read, so that a reader can report the row and move
on. Patterns are compiled once: a 10,000-row schedule parses each cell with them.

Numeric dates such as ``05/12/2026`` are read in the order a reader gives (``DAY_FIRST`` or
``MONTH_FIRST``, decided for a whole column by ``date_order``); without one, day first (5 December),
as most of the world writes them, unless the second number cannot be a month (``12/25/2026``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kiosk.core.wallclock import settle, wall_time

# Sessions fall in these years. Exporters write 0001-01-01 or 9999-12-31 for "no date"; such times
# are a row's problem, and they would overflow the day and clock arithmetic of the board.
FIRST_YEAR, LAST_YEAR = 1970, 2199

_CLOCK = r"\d{1,2}(?:[:.h]\d{2}(?::\d{2})?)?\s*(?:[ap]\.?\s*m\.?)?"
_CLOCK_RE = re.compile(
    r"(\d{1,2})(?:[:.h](\d{2})(?::(\d{2}))?)?\s*(?:([ap])\.?\s*m\.?)?",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(
    rf"({_CLOCK})\s*(?:-|–|—|to|until|till)\s*({_CLOCK})",
    re.IGNORECASE,
)
_END_OF_DAY_RE = re.compile(r"24(?:[:.h]00(?::00)?)?(?:\s*h)?", re.IGNORECASE)
DAY_FIRST, MONTH_FIRST = "day first", "month first"
# A range whose end is before its start runs past midnight if that makes it no longer than this;
# a longer one is a typo (10:00 to 09:30), reported rather than shown all night.
OVERNIGHT = timedelta(hours=12)
_ISO_DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\.?")
# Without a year (12/4, 12.4.) only a cell that is a date and nothing else, in a date column.
_SHORT_DATE_RE = re.compile(r"(\d{1,2})[/.](\d{1,2})\.?()")
_WEEKDAY_RE = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s*",
    re.IGNORECASE,
)
_DAY_MONTH_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?(?:\s+(\d{4}))?", re.IGNORECASE)
_MONTH_DAY_RE = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?", re.IGNORECASE)
# Spreadsheets export a date cell as a date-time at midnight.
_MIDNIGHT_RE = re.compile(r"[T\s]+0?0:00(?::00)?$")
_ISO_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d", re.IGNORECASE)
_TRAILING_CLOCK_RE = re.compile(rf"(.*?)[\s,@]+({_CLOCK})", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def parse_clock(text: str) -> time | None:
    """``10:30``, ``10:30:00``, ``9:05``, ``10.30``, ``10h30``, ``2:30 PM``, ``2 pm`` → a time of day."""
    match = _CLOCK_RE.fullmatch(text.strip())
    if match is None:
        return None
    hour_text, minute_text, second_text, meridiem = match.groups()
    if minute_text is None and meridiem is None:
        return None  # a bare number is not a time of day
    hour, minute, second = int(hour_text), int(minute_text or 0), int(second_text or 0)
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def split_range(text: str) -> tuple[str, str] | None:
    """``10:00-10:30``, ``10:00 – 10:30``, ``2 pm to 3 pm`` → the start's and the end's text."""
    match = _RANGE_RE.fullmatch(text.strip())
    return (match.group(1), match.group(2)) if match is not None else None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, default_year: int, order: str | None = None) -> date | None:
    """A date as spreadsheets and people write it; ``default_year`` fills a missing year, ``order``
    says how to read a numeric one (``DAY_FIRST``, ``MONTH_FIRST``, or None for the module's rule)."""
    text = _MIDNIGHT_RE.sub("", _WEEKDAY_RE.sub("", text.strip())).strip()
    if match := _ISO_DATE_RE.fullmatch(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DATE_RE.fullmatch(text) or _SHORT_DATE_RE.fullmatch(text):
        first, second, year = _numbers(match, default_year)
        if order == MONTH_FIRST or (order is None and second > 12 >= first):
            return _make_date(year, first, second)
        return _make_date(year, second, first)
    if match := _DAY_MONTH_RE.fullmatch(text):
        day_text, month_text, year_text = match.groups()
    elif match := _MONTH_DAY_RE.fullmatch(text):
        month_text, day_text, year_text = match.groups()
    else:
        return None
    month = _MONTHS.get(month_text.lower())
    if month is None:
        return None
    return _make_date(int(year_text) if year_text else default_year, month, int(day_text))


def _numbers(match: re.Match[str], default_year: int) -> tuple[int, int, int]:
    first, second = int(match[1]), int(match[2])
    if not match[3]:
        return first, second, default_year
    year = int(match[3])
    return first, second, year + 2000 if len(match[3]) == 2 else year


def date_order(
    cells: Iterable[str], near: date, *, dates_only: bool = False
) -> tuple[str | None, str | None]:
    """How a column writes numeric dates, and a problem when it cannot be told.

    A value whose first number is over 12 (``25/12``) shows day first, one whose second is
    (``12/25``) month first; a column with both is a problem. When every value could be either
    (``05/12``), the order that puts the dates nearer ``near`` (the event's date) is taken.
    Returns ``(DAY_FIRST | MONTH_FIRST | None, problem or None)``; None leaves each value to
    ``parse_date``'s rule. ``dates_only`` says the cells are dates alone (a date column), which may
    leave out the year.
    """
    found = [
        _numbers(match, near.year)
        for cell in cells
        if (
            match := _NUMERIC_DATE_RE.search(cell)
            or (_SHORT_DATE_RE.fullmatch(cell.strip()) if dates_only else None)
        )
    ]
    day_first = next((n for n in found if n[0] > 12 >= n[1]), None)
    month_first = next((n for n in found if n[1] > 12 >= n[0]), None)
    if day_first and month_first:
        return None, (
            f"has dates written day first ({day_first[0]}/{day_first[1]}) and month first "
            f"({month_first[0]}/{month_first[1]}); write them as YYYY-MM-DD"
        )
    if day_first or month_first:
        return (DAY_FIRST if day_first else MONTH_FIRST), None
    either = [n for n in found if n[0] != n[1]]
    if not either:
        return None, None

    def distance(order: str) -> int:
        total = 0
        for first, second, year in either:
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            moment = _make_date(year, month, day)
            total += abs((moment - near).days) if moment else 366
        return total

    by_day, by_month = distance(DAY_FIRST), distance(MONTH_FIRST)
    if by_day == by_month:
        return DAY_FIRST, (
            f"has dates such as {either[0][0]}/{either[0][1]} that could be day/month or month/day; "
            "they are read day first: write them as YYYY-MM-DD to be sure"
        )
    return (DAY_FIRST if by_day < by_month else MONTH_FIRST), None


def in_zone(moment: datetime, zone: tzinfo) -> datetime | None:
    """An aware datetime in ``zone``: offsets are converted, naive times are taken as ``zone``'s."""
    if moment.tzinfo is None:
        return settle(moment.replace(tzinfo=zone))
    try:
        return moment.astimezone(zone)
    except OverflowError:
        return None  # a date at the very edge of the calendar, shifted past it


def parse_moment(text: str, zone: tzinfo, day: date, order: str | None = None) -> datetime | None:
    """A time (on ``day``), an ISO 8601 date-time (with or without offset), or a date and a time
    (a numeric date read in ``order``, see ``parse_date``). The result is aware and in ``zone``.
    """
    text = text.strip()
    clock = parse_clock(text)
    if clock is not None:
        return wall_time(day, clock, zone)
    if _ISO_DATETIME_RE.match(text):
        try:
            return in_zone(datetime.fromisoformat(text.replace("z", "Z")), zone)
        except ValueError:
            return None
    match = _TRAILING_CLOCK_RE.fullmatch(text)
    if match is None:
        return None
    on, clock = parse_date(match[1], day.year, order), parse_clock(match[2])
    if on is None or clock is None:
        return None
    return wall_time(on, clock, zone)


def parse_end(text: str, zone: tzinfo, start: datetime, order: str | None = None) -> datetime | None:
    """An end, as ``parse_moment`` reads it on the start's day, with two readings people mean:
    ``24:00`` is the midnight that ends the day, and a bare time before the start is on the next
    day when that makes a session of at most ``OVERNIGHT`` (``23:00`` to ``01:00``). A later bare
    time (``10:00`` to ``09:30``) is left as written, for ``span_problem`` to report."""
    text = text.strip()
    day = start.date()
    if _END_OF_DAY_RE.fullmatch(text):
        return wall_time(day + timedelta(days=1), time(0), zone)
    clock = parse_clock(text)
    if clock is None:
        return parse_moment(text, zone, day, order)
    end = wall_time(day, clock, zone)
    try:
        if end.astimezone(UTC) < start.astimezone(UTC):
            overnight = wall_time(day + timedelta(days=1), clock, zone)
            if overnight.astimezone(UTC) - start.astimezone(UTC) <= OVERNIGHT:
                return overnight
    except OverflowError:
        pass  # a date at the very edge of the calendar: span_problem reports it
    return end


def parse_duration(text: str) -> timedelta | None:
    """``01:30``, ``1:30:00`` or ``90`` (minutes) → a positive length of time."""
    text = text.strip()
    parts = text.split(":")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() and part.isascii() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    try:
        if len(numbers) == 1:
            length = timedelta(minutes=numbers[0])
        else:
            seconds = numbers[2] if len(numbers) == 3 else 0
            length = timedelta(hours=numbers[0], minutes=numbers[1], seconds=seconds)
    except OverflowError:
        return None
    return length if length > timedelta(0) else None


def label(moment: datetime, beside: datetime) -> str:
    """``10:30``, or ``2026-12-05 10:30`` when ``beside`` falls on another day."""
    if moment.date() == beside.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def span_problem(start: datetime, end: datetime) -> str | None:
    """Why ``start``–``end`` cannot be a session, in plain words, or None when it can.

    Every reader checks its sessions with this. Compared in UTC, as ``Session`` does: two times in
    one zone compare by wall clock, which is wrong across a change of the clocks.
    """
    for name, moment in (("start", start), ("end", end)):
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            return (
                f"{name} {moment.date().isoformat()} is not a date a session can be on "
                f"(years {FIRST_YEAR}–{LAST_YEAR}; year 1 is how some exporters write no date)"
            )
    try:
        start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    except OverflowError:
        return "a time at the very edge of the calendar"
    if end_utc < start_utc:
        return f"end {label(end, start)} is before start {label(start, end)}"
    if end_utc == start_utc:
        return f"ends when it starts ({label(start, end)})"
    return None
