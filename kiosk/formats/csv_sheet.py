"""A schedule kept in a spreadsheet and exported (or published) as CSV.

The header row is found among the first rows (sheets often start with a title line or two) as the
first row naming a title column and a time column. Column names are matched without regard to
case, spacing, punctuation or a note in brackets ("Start time (IST)"), with the usual synonyms.
Rows are numbered as the spreadsheet shows them: the file's first row is row 1.

A row with times but no title is an open slot as facilitators list them, not a mistake: it is
skipped without a word; so are blank rows and a footnote (a sentence in one cell). A row with other
text and no title is reported. A column called "name" is the title unless another column is the title,
in which case it is the host's name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from kiosk.core.model import Alert, Problem, Schedule, Session, UnreadableError
from kiosk.core.status import session_status
from kiosk.core.text import clean, cut
from kiosk.formats._bounds import MAX_ENTRIES, left_out
from kiosk.formats._times import (
    date_order,
    parse_date,
    parse_duration,
    parse_end,
    parse_moment,
    span_problem,
    split_range,
)
from kiosk.formats.decode import decode, first_line
from kiosk.formats.options import ReadOptions
from kiosk.formats.rooms import in_room

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
ALERT = "alert"  # a row with this status is an urgent message, not a session
# Words of a header: "talk_title", "Talk Title", "talkTitle" and "TALK-TITLE" all give talk, title.
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_HEADER_LIKE = re.compile(r"[\w .&/-]*")
_HEADER_WORDS = 4
# Words that name a role only as the whole header: "Time to go" is no start column.
_NOT_ALONE = frozenset({"to", "by", "from", "who", "when", "where", "web", "till", "until"})
# Words that name a role only when no clearer word does: "speaker_name" is the host, "start_time" the start.
_VAGUE = frozenset({"time", "name", "slot", "timeslot", "day", "person", "lead"})
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 10
QUOTE_RESTARTS = 10  # unclosed quotes reported and read past; more than that stop the reading
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
        raise UnreadableError(f"not a schedule: {_no_header(text)}")
    problems: list[Problem] = []
    sessions: list[Session] = []
    alert: Alert | None = None
    try:
        records = _records(text, header.delimiter)
        rows = list(islice(records, header.row + 1, header.row + 1 + MAX_ENTRIES))
        rest = sum(1 for _ in records)
    except csv.Error as error:
        raise UnreadableError(f"broken CSV: {error}") from None
    orders = _date_orders(rows, header, options, problems)
    for number, record in rows:
        if isinstance(record, str):
            problems.append(Problem(f"row {number}", record))
            continue
        outcome, problem = _read_row(record, header.columns, options, orders)
        if isinstance(outcome, Session):
            sessions.append(outcome)
        elif isinstance(outcome, Alert):
            alert = alert or outcome  # the first alert row is the one shown
        if problem is not None:
            problems.append(Problem(f"row {number}", problem))
    if rest:
        last = header.row + 1 + MAX_ENTRIES
        problems.append(left_out(f"rows {last + 1}–{last + rest}", MAX_ENTRIES + rest, "rows"))
    split = in_room(sessions, options.room)
    schedule = Schedule(split.kept, alert=alert, other_rooms=split.other_rooms, notes=split.notes)
    return schedule, problems + list(split.problems)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(row number, cells) of every record. A quote that opens and never closes would swallow every
    row after it into one cell: that row is given as the reason instead of cells, and reading goes
    on at the line after it (at most ``QUOTE_RESTARTS`` times)."""
    lines = io.StringIO(text, newline="").readlines()
    number, first = 0, 0
    for _ in range(QUOTE_RESTARTS + 1):
        reader = csv.reader(lines[first:], delimiter=delimiter)
        consumed = 0
        for record in reader:
            number += 1
            began, consumed = consumed, reader.line_num
            if (
                consumed == len(lines) - first
                and consumed - began > 1
                and _unclosed(lines[first + began :], delimiter)
            ):
                yield (
                    number,
                    (
                        'a quote (") opens in this row and is never closed, so the rows after it were '
                        "read as one cell; close the quote (rows after it are read as they are)"
                    ),
                )
                first += began + 1
                break
            yield number, record
        else:
            return
    yield (
        number + 1,
        f"more than {QUOTE_RESTARTS} quotes are never closed; the rows from here on are not read",
    )


def _unclosed(lines: list[str], delimiter: str) -> bool:
    try:
        next(csv.reader(lines, delimiter=delimiter, strict=True), None)
    except csv.Error:
        return True
    return False


def _date_orders(
    rows: list[tuple[int, list[str] | str]], header: _Header, options: ReadOptions, problems: list[Problem]
) -> dict[str, str | None]:
    """How each column with dates writes them (day or month first), decided once for the column."""
    orders: dict[str, str | None] = {}
    for role in ("date", "start", "end"):
        index = header.columns.get(role)
        if index is None:
            continue
        cells = (record[index] for _, record in rows if not isinstance(record, str) and index < len(record))
        orders[role], problem = date_order(cells, options.date, dates_only=role == "date")
        if problem is not None:
            problems.append(Problem(f"column {index + 1} ({role})", problem))
    return orders


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
        role = _role(cell)
        if role == "name":
            name_column = index if name_column is None else name_column
            continue
        if role is not None and role not in columns:
            columns[role] = index
    if name_column is not None:
        columns.setdefault("host" if "title" in columns else "title", name_column)
    return columns


def _role(cell: str) -> str | None:
    """The role a header cell names: its whole text as one word ("Start time (IST)" is starttime),
    else its words ("talk_title", "speakerName"): the last word that names a role, a vague one
    ("time", "name") only when no other word does."""
    bare = _BRACKETS.sub("", cell)
    whole = _NOT_ALPHANUMERIC.sub("", bare).lower()
    if whole == "name" or whole in _COLUMNS:
        return "name" if whole == "name" else _COLUMNS[whole]
    words = [word.lower() for word in _WORDS.findall(bare)]
    if len(words) > _HEADER_WORDS or not _HEADER_LIKE.fullmatch(bare.strip()):
        return None  # a sentence or a piece of JSON, not a column's name
    named = [word for word in words if word == "name" or (word in _COLUMNS and word not in _NOT_ALONE)]
    chosen = ([word for word in named if word not in _VAGUE] or named or [""])[-1]
    return "name" if chosen == "name" else _COLUMNS.get(chosen)


def _no_header(text: str) -> str:
    return (
        "text without a header row naming a title and a start time column "
        f"(first line: {first_line(text)!r}); name the columns e.g. Title, Host, Start, End"
    )


def _read_row(
    record: list[str], columns: dict[str, int], options: ReadOptions, orders: dict[str, str | None]
) -> tuple[Session | Alert | None, str | None]:
    """The row's session (or alert), or None when there is nothing to show; and what is wrong with it.

    A session whose status word is unknown is kept and reported (``kiosk.core.status``).
    """
    cells = {role: clean(record[index]) if index < len(record) else "" for role, index in columns.items()}
    title = cells["title"]
    if cells.get("status", "").lower() == ALERT:
        alert = _alert(cells, options, orders)
        return (None, alert) if isinstance(alert, str) else (alert, None)
    if not title.strip("-–—_?. "):
        return None, _untitled(record, cells, title)
    day = options.date
    if cells.get("date"):
        parsed_day = parse_date(cells["date"], options.date.year, orders.get("date"))
        if parsed_day is None:
            return None, f"date {_shown(cells['date'])} is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
        day = parsed_day
    times = _times(cells, options, day, orders)
    if isinstance(times, str):
        return None, times
    start, end = times
    problem = span_problem(start, end)
    if problem is not None:
        return None, problem
    status, title, problem = session_status(cells.get("status", ""), title)
    session = Session(
        title=title,
        start=start,
        end=end,
        host=cells.get("host", ""),
        status=status,
        description=cells.get("description", ""),
        url=cells.get("url", ""),
        room=cells.get("room", ""),
    )
    return session, problem


# Cells an open slot may fill: its times, its room, its status.
_SLOT_ROLES = ("start", "end", "date", "duration", "room", "status")
_FOOTNOTE_WORDS = 3


def _untitled(record: list[str], cells: dict[str, str], title: str) -> str | None:
    """Why a row without a title is wrong; None when it is an open slot, a blank row or a footnote.

    An open slot gives a time (and perhaps its room) and no title, or a dash or "?" for one; a
    footnote is a sentence in one cell ("Lunch is at 13:00 in the atrium"). Anything else with
    text in it ("asdf;;qwe") is reported: the facilitator meant something by it.
    """
    if title:
        return None
    if cells.get("host") or cells.get("description"):
        return "missing title"
    texts = [text for text in (clean(cell) for cell in record) if text]
    if not texts:
        return None
    if len(texts) == 1 and len(texts[0].split()) >= _FOOTNOTE_WORDS:
        return None
    slot = {cells[role] for role in _SLOT_ROLES if cells.get(role)}
    if any(char.isdigit() for char in cells.get("start", "")) and all(text in slot for text in texts):
        return None
    shown = ", ".join(_shown(text) for text in texts[:3])
    return f"no title, and nothing in the row reads as an open slot ({shown}): give it a title or clear it"


def _alert(cells: dict[str, str], options: ReadOptions, orders: dict[str, str | None]) -> Alert | str | None:
    """A row whose status is "alert": its title (or description) is the message; an end time, if
    given, is when it comes down. An empty one is no alert."""
    text = cells["title"] or cells.get("description", "")
    if not text:
        return None
    end_text = cells.get("end", "")
    if not end_text:
        return Alert(text)
    day = (
        parse_date(cells["date"], options.date.year, orders.get("date"))
        if cells.get("date")
        else options.date
    )
    until = parse_moment(end_text, options.timezone, day or options.date, orders.get("end"))
    if until is None:
        return f"end {_shown(end_text)} of the alert is not a time {_TIME_HINT}"
    return Alert(text, until)


def _times(
    cells: dict[str, str], options: ReadOptions, day: date, orders: dict[str, str | None]
) -> tuple[datetime, datetime] | str:
    """Start and end from a start (or a "10:00-10:30" range) and an end or a duration; or why not."""
    start_text, end_text = cells["start"], cells.get("end", "")
    if not start_text:
        return f"missing start time {_TIME_HINT}"
    span = split_range(start_text)
    if span is not None:
        start_text = span[0]
        end_text = end_text or span[1]
    start = parse_moment(start_text, options.timezone, day, orders.get("start"))
    if start is None:
        return f"start {_shown(start_text)} is not a time {_TIME_HINT}"
    if end_text:
        # A bare end time belongs to the start's day (or the next, across midnight).
        end = parse_end(end_text, options.timezone, start, orders.get("end"))
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
    return repr(cut(value, 40))
