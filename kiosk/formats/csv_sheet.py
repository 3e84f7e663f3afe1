"""A schedule kept in a spreadsheet and exported (or published) as CSV.

The header row is found among the first rows (sheets often start with a title line or two) as the
first row naming a title column and a time column. Column names are matched without regard to
case, spacing, punctuation or a note in brackets ("Start time (IST)"), with the usual synonyms.
Rows are numbered as the spreadsheet shows them: the file's first row is row 1.

A row with times but no title is an open slot as facilitators list them, not a mistake: it is
skipped without a word. A column called "name" is the title unless another column is the title,
in which case it is the host's name.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import TYPE_CHECKING

from kiosk.formats._bounds import MAX_ENTRIES, left_out
from kiosk.formats._text import decode
from kiosk.formats._times import (
    parse_clock_range,
    parse_date,
    parse_duration,
    parse_moment,
    span_problem,
)
from kiosk.formats.rooms import in_room
from kiosk.model import (
    CANCELLED,
    PROPOSED,
    SCHEDULED,
    Alert,
    Problem,
    Schedule,
    Session,
    UnreadableError,
)
from kiosk.text import clean
from kiosk.wallclock import wall_time

if TYPE_CHECKING:
    from kiosk.formats import ReadOptions

_SYNONYMS = {
    "title": "title topic session subject sessiontitle sessionname topictitle talk theme",
    "host": "host hosts speaker speakers facilitator facilitators convener convenor by proposedby "
    "presenter presenters lead leader organiser organizer hostedby facilitatedby who person",
    "start": "start starttime starts startat begin begins from time timeslot slot when",
    "end": "end endtime ends endat until till to finish finishes",
    "duration": "duration length minutes mins",
    "date": "date day",
    "status": "status state",
    "description": "description notes note details abstract summary",
    "url": "url link links website web",
    "room": "room location where venue place",
}
_COLUMNS = {word: role for role, words in _SYNONYMS.items() for word in words.split()}
_STATUS_WORDS = {
    "scheduled": SCHEDULED,
    "confirmed": SCHEDULED,
    "proposed": PROPOSED,
    "proposal": PROPOSED,
    "tentative": PROPOSED,
    "cancelled": CANCELLED,
    "canceled": CANCELLED,
}
ALERT = "alert"  # a row with this status is an urgent message, not a session
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 10
_TIME_HINT = "(use HH:MM, h:mm AM/PM or a date and a time)"


@dataclass(frozen=True, slots=True)
class _Header:
    delimiter: str
    row: int  # 0-based record index of the header
    columns: dict[str, int]  # role → column index


def read(data: bytes, options: ReadOptions) -> tuple[Schedule, list[Problem]]:
    text = decode(data)
    header = find_header(text)
    if header is None:
        raise UnreadableError(f"not a schedule: {_first_line(text)}")
    problems: list[Problem] = []
    sessions: list[Session] = []
    alert: Alert | None = None
    try:
        records = enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=header.delimiter), start=1)
        for number, record in islice(records, header.row + 1, header.row + 1 + MAX_ENTRIES):
            outcome = _read_row(record, header.columns, options)
            if isinstance(outcome, Session):
                sessions.append(outcome)
            elif isinstance(outcome, Alert):
                alert = alert or outcome  # the first alert row is the one shown
            elif outcome is not None:
                problems.append(Problem(f"row {number}", outcome))
        rest = sum(1 for _ in records)
        if rest:
            last = header.row + 1 + MAX_ENTRIES
            problems.append(left_out(f"rows {last + 1}–{last + rest}", MAX_ENTRIES + rest, "rows"))
    except csv.Error as error:
        raise UnreadableError(f"broken CSV: {error}") from None
    sessions, room_problems = in_room(sessions, options.room)
    return Schedule(tuple(sessions), alert=alert), problems + room_problems


def find_header(text: str) -> _Header | None:
    """The delimiter and header row that name the most known columns, or None when none qualifies."""
    best: _Header | None = None
    for delimiter in _DELIMITERS:
        if delimiter not in text:
            continue
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for index, record in enumerate(islice(reader, _HEADER_SEARCH_ROWS)):
                columns = _columns(record)
                if "title" in columns and "start" in columns:
                    if best is None or len(columns) > len(best.columns):
                        best = _Header(delimiter, index, columns)
                    break
        except csv.Error:
            continue
    return best


def _columns(record: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    name_column: int | None = None
    for index, cell in enumerate(record):
        word = _NOT_ALPHANUMERIC.sub("", _BRACKETS.sub("", cell)).lower()
        if word == "name":
            name_column = index if name_column is None else name_column
            continue
        role = _COLUMNS.get(word)
        if role is not None and role not in columns:
            columns[role] = index
    if name_column is not None:
        columns.setdefault("host" if "title" in columns else "title", name_column)
    return columns


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    shown = line if len(line) <= 60 else line[:57] + "..."
    return (
        f"text without a header row naming a title and a start time column (first line: {shown!r}); "
        "name the columns e.g. Title, Host, Start, End"
    )


def _read_row(
    record: list[str], columns: dict[str, int], options: ReadOptions
) -> Session | Alert | str | None:
    """The row's session (or alert), or why it was skipped, or None when there is nothing to show."""
    cells = {role: clean(record[index]) if index < len(record) else "" for role, index in columns.items()}
    title = cells["title"]
    if cells.get("status", "").lower() == ALERT:
        return _alert(cells, options)
    if not title.strip("-–—_?. "):
        # An open slot, a blank row or a footnote: nothing to show, nothing wrong.
        if title or not (cells.get("host") or cells.get("description")):
            return None
        return "missing title"
    day = options.date
    if cells.get("date"):
        parsed_day = parse_date(cells["date"], options.date.year)
        if parsed_day is None:
            return f"date {_shown(cells['date'])} is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
        day = parsed_day
    times = _times(cells, options, day)
    if isinstance(times, str):
        return times
    start, end = times
    problem = span_problem(start, end)
    if problem is not None:
        return problem
    status_word = cells.get("status", "").lower()
    status = _STATUS_WORDS.get(status_word, SCHEDULED if not status_word else None)
    if status is None:
        return f"status {_shown(cells['status'])} is not one of scheduled, proposed, tentative, cancelled"
    return Session(
        title=title,
        start=start,
        end=end,
        host=cells.get("host", ""),
        status=status,
        description=cells.get("description", ""),
        url=cells.get("url", ""),
        room=cells.get("room", ""),
    )


def _alert(cells: dict[str, str], options: ReadOptions) -> Alert | str | None:
    """A row whose status is "alert": its title (or description) is the message; an end time, if
    given, is when it comes down. An empty one is no alert."""
    text = cells["title"] or cells.get("description", "")
    if not text:
        return None
    end_text = cells.get("end", "")
    if not end_text:
        return Alert(text)
    day = parse_date(cells["date"], options.date.year) if cells.get("date") else options.date
    until = parse_moment(end_text, options.timezone, day or options.date)
    if until is None:
        return f"end {_shown(end_text)} of the alert is not a time {_TIME_HINT}"
    return Alert(text, until)


def _times(cells: dict[str, str], options: ReadOptions, day: date) -> tuple[datetime, datetime] | str:
    """Start and end from a start (or a "10:00-10:30" range) and an end or a duration; or why not."""
    start_text, end_text = cells["start"], cells.get("end", "")
    if not start_text:
        return f"missing start time {_TIME_HINT}"
    span = parse_clock_range(start_text)
    if span is not None:
        start = wall_time(day, span[0], options.timezone)
        if not end_text:
            return start, wall_time(day, span[1], options.timezone)
    else:
        parsed_start = parse_moment(start_text, options.timezone, day)
        if parsed_start is None:
            return f"start {_shown(start_text)} is not a time {_TIME_HINT}"
        start = parsed_start
    if end_text:
        # A bare end time belongs to the start's day.
        end = parse_moment(end_text, options.timezone, start.date())
        if end is None:
            return f"end {_shown(end_text)} is not a time {_TIME_HINT}"
        return start, end
    duration_text = cells.get("duration", "")
    if duration_text:
        length = parse_duration(duration_text)
        if length is None:
            return f"duration {_shown(duration_text)} is not a length of time (use minutes or H:MM)"
        try:
            return start, start + length
        except OverflowError:
            return f"duration {_shown(duration_text)} runs past the end of the calendar"
    return f"missing end time {_TIME_HINT}"


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
