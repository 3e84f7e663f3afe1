"""The command line: ``run`` (the kiosk), ``check`` (validate a schedule), ``snapshot`` (a page to PNG),
``init`` (a starter config)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kiosk import __version__
from kiosk.board import carousel
from kiosk.config import PAGES, Config, ConfigError, SourceConfig, load
from kiosk.config.starter import init as write_starter
from kiosk.core import i18n
from kiosk.core.i18n import ENGLISH, counted
from kiosk.core.model import Latest
from kiosk.core.text import shown_url
from kiosk.core.wallclock import wall_time

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
        i18n.read_ahead(config.event.language)  # before the screen's modules load
        from kiosk.shell.start import run  # Deferred: the screen and pygame, which check never needs

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
    return load(path)


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
    # Deferred: the readers and the page layouts, which run loads after the board's language is read.
    from kiosk.fetch.fetched import FetchError
    from kiosk.report.check import check_source  # Deferred: as above

    try:
        report = check_source(config, event_now(config), source_arg(source))
    except FetchError as error:  # a URL the kiosk cannot fetch at all: an unsupported scheme
        raise UsageError(str(error)) from None
    print(report.to_json() if as_json else report.to_text())
    if not report.readable:
        return EXIT_UNREADABLE
    return EXIT_PROBLEMS if report.problems else EXIT_OK


# --- snapshot ----------------------------------------------------------------------------------


def snapshot(config: Config, args: argparse.Namespace) -> int:
    """One page to PNG through the screen's own code: compose the frame, draw it, save it."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from kiosk.fetch.merge import merge_latest  # Deferred: as check's report
    from kiosk.fetch.source import poll_sides, source_once  # Deferred: as above

    if args.source:
        source = replace(config.source, url=source_arg(args.source) or args.source)
        config = replace(config, source=source, more_sources=())
    now = event_now(config, args.at)
    copies = [source_once(config, source, now) for source in config.sources]
    for source, copy in zip(config.sources, copies, strict=True):
        _say_fallback(config, source, copy, now)
    state = merge_latest(copies)
    if state.reading is None:
        print("Nothing to render.", file=sys.stderr)
        return EXIT_UNREADABLE
    state = replace(state, sides=poll_sides(config, now, frozen=args.at is not None))
    return write_png(config, state, now, args.page, args.part - 1, args.size, Path(args.output))


def _say_fallback(config: Config, source: SourceConfig, copy: Latest, now: datetime) -> None:
    """On stderr: a source that could not be read now, and whether its cached copy is drawn instead."""
    if copy.error is None:
        return
    print(f"Cannot read the schedule at {shown_url(source.url)}: {copy.error}", file=sys.stderr)
    if copy.reading is None or copy.fetched_at is None:
        print("There is no cached copy of it either.", file=sys.stderr)
        return
    print(
        f"Rendering the cached copy in {config.cache.dir}, "
        f"fetched {ENGLISH.elapsed((now - copy.fetched_at).total_seconds())} ago.",
        file=sys.stderr,
    )


def write_png(
    config: Config, state: Latest, now: datetime, page: str, part: int, size: tuple[int, int], output: Path
) -> int:
    # Deferred: pygame loads only once snapshot has chosen SDL's dummy driver and hidden its greeting.
    import pygame

    from kiosk.render.fallback import Fallback  # Deferred: pygame, as above
    from kiosk.shell import paint  # Deferred: pygame, as above

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
