"""``check`` as a value: the schedule read as the kiosk reads it, what each side source holds, and every
problem, with its text (``to_text``) and JSON (``to_json``) forms.

``check_source`` fetches and reads once, as the board would, without touching the cache; the report
itself is pure, so that a test builds one from a reading and reads both forms.

Both forms print outside text (titles, a server's reason phrase, a feed's post): every string goes
through the one clean-up (``kiosk.core.text.clean``), and a source's address is shown without its
password and query string (``shown_url``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from kiosk.config import Config, SourceConfig
from kiosk.core.i18n import counted
from kiosk.core.model import BREAK, Latest, Problem, Reading, Schedule, Session, UnreadableError
from kiosk.core.text import clean, printable, shown_url
from kiosk.fetch.fetched import Failure, FetchError
from kiosk.fetch.merge import label, merge_readings
from kiosk.fetch.source import poll_sides, read_source
from kiosk.report import setup
from kiosk.report.sides import SideReport, side_report


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` says about the schedule at ``url`` (every source, one a line): its ``reading``,
    the sources' merged (None when none could be read), each source that could not be read as
    ``failed`` (where, why), then each of ``parts`` in order (the side sources, the schedule sources,
    text no installed font can draw, the screen's power), each with its JSON fields, lines and problems."""

    url: str
    reading: Reading | None = None
    failed: tuple[tuple[str, str], ...] = ()
    parts: tuple[SideReport, ...] = ()

    @property
    def readable(self) -> bool:
        return self.reading is not None

    @property
    def problems(self) -> list[Problem]:
        """Every problem, the schedule's rows first (an unreadable schedule is one, at its URL)."""
        if self.reading is None:
            return [Problem(where, error) for where, error in self.failed]
        return [*self.reading.problems, *(problem for part in self.parts for problem in part.problems)]

    def to_dict(self) -> dict[str, Any]:
        """The ``check --json`` object: an unreadable schedule has every key a readable one has."""
        if self.reading is None:
            data = _reading_dict(Reading("", Schedule())) | {"format": None}
        else:
            data = _reading_dict(self.reading)
            for part in self.parts:
                data |= part.fields
        data["problems"] = [{"where": p.where, "message": p.message} for p in self.problems]
        return _cleaned(data)  # type: ignore[no-any-return]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        if self.reading is None:
            return "\n".join(
                printable(f"Cannot read the schedule at {where}:") + "\n  " + _line(error)
                for where, error in self.failed
            )
        lines = [
            *_reading_lines(self.reading),
            *(line for part in self.parts for line in part.lines),
        ]
        problems = self.problems
        if problems:
            lines += [
                "",
                f"{counted(len(problems), 'problem')} (a row with one is not shown, unless it says so):",
            ]
            lines += [f"  {problem.where}: {problem.message}" for problem in problems]
        else:
            lines += ["", "No problems found."]
        # The addresses are the facilitator's own, shown as given (escaped, never cleaned of a character).
        return "\n".join([*(printable(url) for url in self.url.splitlines()), *map(_line, lines)])


def _line(line: str) -> str:
    """A line of the text form: cleaned as every outside string is, its indent kept, and printable."""
    indent = line[: len(line) - len(line.lstrip(" "))]
    return printable(indent + clean(line))


def _cleaned(value: Any) -> Any:
    """``value`` (the JSON form) with every string, keys too, through the one clean-up."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(item) for item in value]
    return value


def check_source(config: Config, now: datetime, source: str | None = None) -> CheckReport:
    """Fetch and read every schedule source (or ``source`` alone, read as the first one is) and every
    side source once, as the board does, the cache untouched.

    A URL the kiosk cannot fetch at all (an unsupported scheme) raises ``FetchError``
    (``Failure.UNSUPPORTED``): that is the caller's mistake, not the source's.
    """
    if source is not None:
        config = replace(config, source=replace(config.source, url=source), more_sources=())
    url = "\n".join(shown_url(part.url) for part in config.sources)
    read = [(number, part, *_read(config, part, now)) for number, part in enumerate(config.sources, 1)]
    readings = [(number, reading) for number, _, reading, _ in read if reading is not None]
    failed = [(number, shown_url(part.url), error) for number, part, _, error in read if error is not None]
    if not readings:
        return CheckReport(url, failed=tuple((where, error) for _, where, error in failed))
    reading = merge_readings(readings)
    # Notes on the setup (a page left out of the rotation, the demo's form) go with the reading's own.
    notes = reading.schedule.notes + setup.notes(config)
    reading = replace(reading, schedule=replace(reading.schedule, notes=notes))
    sides = poll_sides(config, now, cached=False)
    report = side_report(config, Latest(reading=reading, sides=sides, changed_at=now), now)
    glyphs = SideReport(problems=_glyph_problems(reading))
    parts = (report, _sources(config, read), glyphs, _screen_power(config))
    return CheckReport(url, reading, failed=tuple((where, error) for _, where, error in failed), parts=parts)


def _read(config: Config, source: SourceConfig, now: datetime) -> tuple[Reading | None, str | None]:
    """One source read as the kiosk reads it: its reading, or why it cannot be read."""
    try:
        return read_source(config, None, now, source), None
    except (FetchError, UnreadableError) as error:
        if isinstance(error, FetchError) and error.kind is Failure.UNSUPPORTED:
            raise
        return None, str(error)


def _sources(config: Config, read: list[tuple[int, SourceConfig, Reading | None, str | None]]) -> SideReport:
    """With several schedule sources, each with its format and sessions, or why it cannot be read."""
    if not config.more_sources:
        return SideReport()
    part = SideReport()
    part.fields["sources"] = [
        {
            "url": shown_url(source.url),
            "format": got.format if got else None,
            "sessions": len(got.schedule.sessions) if got else None,
            "error": error,
        }
        for _, source, got, error in read
    ]
    part.lines += ["", "Sources:"]
    for number, source, got, _ in read:
        said = (
            f"read as {got.format}: {counted(len(got.schedule.sessions), 'session')}" if got else "unreadable"
        )
        part.lines += [f"  {label(number)}: {shown_url(source.url)}", f"    {said}"]
    part.problems += [
        Problem(
            label(number),
            f"cannot read {shown_url(source.url)}: {error} (the board shows its last good copy, if it has "
            "one, beside the other sources)",
        )
        for number, source, _, error in read
        if error is not None
    ]
    return part


def _screen_power(config: Config) -> SideReport:
    """Which ``[display] power`` methods this machine has (in ``--json`` with the feature configured, as
    the side sources are)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Deferred: the screen's power switches load pygame, which must not greet on check's stdout.
    from kiosk.report import power

    found = power.availability(config, os.environ)
    fields = {"power": power.report_fields(config, found)} if config.display.power else {}
    return SideReport(fields, power.report_lines(config, found), power.problems(config, found))


def _glyph_problems(reading: Reading) -> list[Problem]:
    """Titles, hosts, announcements and ideas with characters no installed font can draw."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # Deferred: the fonts load pygame, which the rest of the report does not need.
    from kiosk.render.fonts import Fonts, glyph_problems

    return glyph_problems(reading.schedule, Fonts.load())


def session_dict(session: Session) -> dict[str, Any]:
    return {
        "title": session.title,
        "host": session.host,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "status": session.status,
        "description": session.description,
        "url": session.url,
        "room": session.room,
        "kind": session.kind,
    }


def _reading_dict(reading: Reading) -> dict[str, Any]:
    return {
        "format": reading.format,
        "sessions": [session_dict(s) for s in reading.schedule.sessions],
        "announcements": list(reading.schedule.announcements),
        "ideas": list(reading.schedule.ideas),
        "problems": [{"where": p.where, "message": p.message} for p in reading.problems],
        "rooms": per_room(reading),
        "other_rooms": [{"room": room, "sessions": count} for room, count in reading.other_rooms],
        "notes": [{"where": note.where, "message": note.message} for note in reading.notes],
    }


def per_room(reading: Reading) -> dict[str, int]:
    """How many sessions each room has, in the order the rooms first appear; "" for no room."""
    counts: dict[str, int] = {}
    for session in reading.schedule.sessions:
        counts[session.room] = counts.get(session.room, 0) + 1
    return counts


def _reading_lines(reading: Reading) -> list[str]:
    """The schedule as read: its sessions by day, its rooms, notes, announcements and ideas."""
    schedule = reading.schedule
    lines = [f"Read as {reading.format}: {counted(len(schedule.sessions), 'session')}."]
    day = None
    for session in schedule.sessions:
        if session.start.date() != day:
            day = session.start.date()
            lines += ["", f"{day:%A %d %B %Y}"]
        mark = "" if session.status == "scheduled" else f"  [{session.status}]"
        mark += "  [break]" if session.kind == BREAK else ""
        host = f" — {session.host}" if session.host else ""
        room = f"  ({session.room})" if session.room else ""
        lines.append(f"  {session.start:%H:%M}–{session.end:%H:%M}  {session.title}{host}{room}{mark}")
    rooms = per_room(reading)
    if any(rooms) or reading.other_rooms:
        lines += ["", "Rooms:"]
        lines += [f"  {room or '(no room)'}: {counted(count, 'session')}" for room, count in rooms.items()]
    if reading.other_rooms:
        left = sum(count for _, count in reading.other_rooms)
        lines.append(f"  {counted(left, 'session')} in other rooms (not shown):")
        lines += [f"    {room}: {counted(count, 'session')}" for room, count in reading.other_rooms]
    if reading.notes:
        lines += ["", "Notes (not problems):"] + [f"  {note.where}: {note.message}" for note in reading.notes]
    if schedule.announcements:
        lines += ["", "Announcements:"] + [f"  {text}" for text in schedule.announcements]
    if schedule.ideas:
        lines += ["", "Ideas:"] + [f"  {text}" for text in schedule.ideas]
    return lines
