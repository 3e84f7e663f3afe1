"""The command line: ``run`` (the kiosk), ``check`` (validate a schedule), ``snapshot`` (a page to PNG),
``init`` (a starter config)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config import PAGES, Config, ConfigError, SourceConfig
from kiosk.core.i18n import ENGLISH, counted
from kiosk.core.model import BREAK, Latest, Problem, Reading, Schedule, Session, UnreadableError
from kiosk.core.text import printable
from kiosk.core.wallclock import wall_time
from kiosk.report import setup
from kiosk.report.sides import SideReport, side_report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
EXIT_BUG = 70  # EX_SOFTWARE: the kiosk itself failed; systemd restarts it
COMMANDS = ("run", "check", "snapshot", "init")


class UsageError(Exception):
    pass


def size_arg(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, got {text!r}")
    size = (int(width), int(height))
    if not (320 <= size[0] <= 8192 and 320 <= size[1] <= 8192):
        raise argparse.ArgumentTypeError(f"each side must be between 320 and 8192 pixels, got {text!r}")
    return size


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="open-spaces-kiosk",
        description="The Open Spaces board: now, next, open slots and a QR code to propose a topic.",
    )
    top.add_argument("--version", action="version", version=f"open-spaces-kiosk {__version__}")
    commands = top.add_subparsers(dest="command", metavar="{run,check,snapshot,init}")

    def with_config(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--config", metavar="FILE", help="the kiosk's TOML config (default: the bundled demo)"
        )
        sub.add_argument("--verbose", action="store_true", help="log more detail to stderr")
        return sub

    run = with_config(commands.add_parser("run", help="show the board (the default command)"))
    run.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    run.add_argument("--size", type=size_arg, metavar="WxH", help="window size, e.g. 1280x720")

    check = with_config(commands.add_parser("check", help="read a schedule as the kiosk does and report"))
    check.add_argument("source", nargs="?", metavar="SOURCE", help="URL or file (default: the config's)")
    check.add_argument("--json", action="store_true", help="print one JSON object")

    snap = with_config(commands.add_parser("snapshot", help="render one page to a PNG file"))
    snap.add_argument("--source", metavar="SOURCE", help="URL or file (default: the config's)")
    snap.add_argument("--at", metavar="ISO-8601", help="freeze the clock, e.g. 2026-12-05T11:10")
    snap.add_argument("--page", default="now", choices=PAGES, help="the page (default: now)")
    snap.add_argument(
        "--part", type=int, default=1, metavar="N", help="sub-page of a long 'today' (default: 1)"
    )
    snap.add_argument("--size", type=size_arg, default=(1920, 1080), metavar="WxH", help="default 1920x1080")
    snap.add_argument("--output", required=True, metavar="FILE.png", help="where to write the PNG")

    init = commands.add_parser("init", help="write a starter config to fill in")
    init.add_argument("folder", nargs="?", default=".", metavar="DIR", help="where (default: here)")
    init.add_argument("--unit", metavar="FILE", help="also write a systemd unit that runs it")
    init.add_argument("--user", action="store_true", help="a user unit (a desktop session), not a system one")
    init.add_argument("--force", action="store_true", help="replace files that exist")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "run")
    try:
        args = parser().parse_args(args_list)
    except SystemExit as leaving:
        return EXIT_USAGE if leaving.code not in (0, None) else EXIT_OK
    if args.command == "init":
        return init(args)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        config = load_config(args.config)
        if args.command == "check":
            return check(config, args.source, as_json=args.json)
        if args.command == "snapshot":
            return snapshot(config, args)
        from kiosk.shell.start import run

        return run(config, windowed=args.windowed, size=args.size, verbose=args.verbose)
    except (ConfigError, UsageError) as error:
        print(f"open-spaces-kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as error:  # a bug: one line for the user, the traceback only with --verbose
        logging.getLogger("kiosk").debug("unexpected error", exc_info=True)
        print(
            f"open-spaces-kiosk: unexpected error: {error!r} (run with --verbose for details)",
            file=sys.stderr,
        )
        return EXIT_BUG


def init(args: argparse.Namespace) -> int:
    from kiosk.config.starter import init as write_starter

    if args.user and not args.unit:
        print("open-spaces-kiosk: init: --user goes with --unit FILE", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = write_starter(
            Path(args.folder),
            unit_file=Path(args.unit) if args.unit else None,
            user_unit=args.user,
            force=args.force,
        )
    except OSError as error:
        print(f"open-spaces-kiosk: init: {error}", file=sys.stderr)
        return EXIT_USAGE
    config = written[0]
    print(f"Wrote {config}: set [source] url to your schedule, then check it:")
    print(f"  open-spaces-kiosk check --config {config}")
    for unit in written[1:]:
        print(f"Wrote {unit}: the systemd unit that runs the kiosk with it.")
    return EXIT_OK


def load_config(path: str | None) -> Config:
    from kiosk import config

    return config.load(path)


def event_now(config: Config, at: str | None = None) -> datetime:
    """The event's "now": the real clock, or ``--at`` (naive times are in the event's zone)."""
    if at is None:
        return datetime.now(config.tz)
    try:
        moment = datetime.fromisoformat(at.strip())
    except ValueError:
        raise UsageError(f"--at: not an ISO 8601 time such as 2026-12-05T11:10, got {at!r}") from None
    if moment.tzinfo is None:
        return wall_time(moment.date(), moment.time(), config.tz, fold=moment.fold)
    return moment.astimezone(config.tz)


def source_arg(source: str | None) -> str | None:
    """A SOURCE on the command line: URLs as given, paths relative to the working directory."""
    if source is None or "://" in source:
        return source
    return str(Path(source).expanduser().resolve())


# --- check -------------------------------------------------------------------------------------


def check(config: Config, source: str | None, *, as_json: bool) -> int:
    from kiosk.fetch.merge import label, merge_readings
    from kiosk.fetch.source import poll_sides

    now = event_now(config)
    if source is not None:  # that source alone, read as the first one is
        config = replace(
            config, source=replace(config.source, url=source_arg(source) or source), more_sources=()
        )
    url = "\n".join(part.url for part in config.sources)
    read = [
        (number, part, *_read_for_check(config, part, now)) for number, part in enumerate(config.sources, 1)
    ]
    readings = [(number, reading) for number, _, reading, _ in read if reading is not None]
    failed = [(number, part.url, error) for number, part, _, error in read if error is not None]
    if not readings:
        if as_json:
            # Every key a readable schedule has, so that a script reads both the same way.
            nothing = check_json(Reading("", Schedule())) | {"format": None}
            nothing["problems"] = [{"where": where, "message": error} for _, where, error in failed]
            print(json.dumps(nothing, ensure_ascii=False, indent=2))
        else:
            for _, where, error in failed:
                print(printable(f"Cannot read the schedule at {where}:") + "\n  " + printable(error))
        return EXIT_UNREADABLE
    reading = merge_readings(readings)
    # Notes on the setup (a page left out of the rotation, the demo's form) go with the reading's own.
    notes = reading.schedule.notes + setup.notes(config)
    reading = replace(reading, schedule=replace(reading.schedule, notes=notes))
    sides = poll_sides(config, now, cached=False)
    report = side_report(config, Latest(reading=reading, sides=sides, changed_at=now), now)
    if config.more_sources:
        report.fields["sources"] = [
            {
                "url": part.url,
                "format": got.format if got else None,
                "sessions": len(got.schedule.sessions) if got else None,
                "error": error,
            }
            for _, part, got, error in read
        ]
        report.lines += ["", "Sources:"]
        for number, part, got, _ in read:
            said = (
                f"read as {got.format}: {counted(len(got.schedule.sessions), 'session')}"
                if got
                else "unreadable"
            )
            report.lines += [f"  {label(number)}: {part.url}", f"    {said}"]
        report.problems.extend(
            Problem(
                label(number),
                f"cannot read {where}: {error} (the board shows its last good copy, if it has one, "
                "beside the other sources)",
            )
            for number, where, error in failed
        )
    report.problems.extend(_glyph_problems(reading))
    _screen_power(config, report)
    if as_json:
        data = check_json(reading) | report.fields
        data["problems"] += [{"where": p.where, "message": p.message} for p in report.problems]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(check_text(reading, url, report))
    return EXIT_PROBLEMS if reading.problems or report.problems else EXIT_OK


def _read_for_check(config: Config, source: SourceConfig, now: datetime) -> tuple[Reading | None, str | None]:
    """One source read as the kiosk reads it: its reading, or why it cannot be read."""
    from kiosk.fetch.fetched import Failure, FetchError
    from kiosk.fetch.source import read_source

    try:
        return read_source(config, None, now, source), None
    except (FetchError, UnreadableError) as error:
        if isinstance(error, FetchError) and error.kind is Failure.UNSUPPORTED:
            raise UsageError(str(error)) from None
        return None, str(error)


def _screen_power(config: Config, report: SideReport) -> None:
    """Which ``[display] power`` methods this machine has."""
    import os

    from kiosk.report import power

    found = power.availability(config, os.environ)
    if config.display.power:  # in --json with the feature configured, as the side sources are
        report.fields["power"] = power.report_fields(config, found)
    report.lines += power.report_lines(config, found)
    report.problems += power.problems(config, found)


def _glyph_problems(reading: Reading) -> list[Problem]:
    """Titles, hosts, announcements and ideas with characters no installed font can draw."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from kiosk.render.fonts import Fonts, glyph_problems

    return glyph_problems(reading.schedule, Fonts.load())


def session_json(session: Session) -> dict[str, Any]:
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


def check_json(reading: Reading) -> dict[str, Any]:
    return {
        "format": reading.format,
        "sessions": [session_json(s) for s in reading.schedule.sessions],
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


def check_text(reading: Reading, url: str, report: SideReport | None = None) -> str:
    schedule = reading.schedule
    lines = [*url.splitlines(), f"Read as {reading.format}: {counted(len(schedule.sessions), 'session')}."]
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
    problems = list(reading.problems)
    if report is not None:
        lines += report.lines
        problems += report.problems
    if problems:
        lines += [
            "",
            f"{counted(len(problems), 'problem')} (a row with one is not shown, unless it says so):",
        ]
        lines += [f"  {problem.where}: {problem.message}" for problem in problems]
    else:
        lines += ["", "No problems found."]
    return "\n".join(printable(line) for line in lines)


# --- snapshot ----------------------------------------------------------------------------------


def snapshot(config: Config, args: argparse.Namespace) -> int:
    """One page to PNG through the screen's own code: compose the frame, draw it, save it."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from kiosk.fetch.merge import merge_latest
    from kiosk.fetch.source import poll_sides

    if args.source:
        source = replace(config.source, url=source_arg(args.source) or args.source)
        config = replace(config, source=source, more_sources=())
    now = event_now(config, args.at)
    state = merge_latest([_snapshot_source(config, source, now) for source in config.sources])
    if state.reading is None:
        print("Nothing to render.", file=sys.stderr)
        return EXIT_UNREADABLE
    state = replace(state, sides=poll_sides(config, now, frozen=args.at is not None))
    return write_png(config, state, now, args.page, args.part - 1, args.size, Path(args.output))


def _snapshot_source(config: Config, source: SourceConfig, now: datetime) -> Latest:
    """One source as ``run`` would show it now: read afresh, else its cached copy (stderr says so)."""
    from kiosk.fetch.fetched import FetchError
    from kiosk.fetch.source import cached_reading, read_source

    try:
        return Latest(reading=read_source(config, None, now, source), fetched_at=now, checked_at=now)
    except (FetchError, UnreadableError) as error:
        cached = cached_reading(config, now, source)
        if cached is None:
            print(f"Cannot read the schedule at {source.url}: {error}", file=sys.stderr)
            print("There is no cached copy of it either.", file=sys.stderr)
            return Latest(error=str(error), failures=1, checked_at=now, offline_since=now)
        reading, fetched_at = cached
        print(
            f"Cannot read the schedule at {source.url}: {error}\n"
            f"Rendering the cached copy in {config.cache.dir}, "
            f"fetched {ENGLISH.elapsed((now - fetched_at).total_seconds())} ago.",
            file=sys.stderr,
        )
        return Latest(
            reading=reading,
            fetched_at=fetched_at,
            checked_at=now,
            error=str(error),
            failures=1,
            from_cache=True,
            offline_since=now,
        )


def write_png(
    config: Config, state: Latest, now: datetime, page: str, part: int, size: tuple[int, int], output: Path
) -> int:
    import pygame

    from kiosk.board import carousel
    from kiosk.render.fallback import Fallback
    from kiosk.shell import paint

    shown = carousel.showing(config.pages.order, page, part)
    frame, parts = paint.frame_for(config, state, now, shown, (), size)
    if part >= parts:
        raise UsageError(f"--part: the {page} page has {counted(parts, 'part')} at this size")
    frame, surface = paint.draw_safely(config, frame, size)
    if isinstance(frame, Fallback):
        print(
            f"The {page} page cannot be drawn ({frame.reason}); wrote the plain page instead.",
            file=sys.stderr,
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(output))
    except (OSError, pygame.error) as error:
        raise UsageError(f"--output: cannot write {output}: {error}") from None
    print(f"Wrote {output} ({size[0]}x{size[1]}, page {page}{f' part {part + 1}' if parts > 1 else ''}).")
    return EXIT_OK
