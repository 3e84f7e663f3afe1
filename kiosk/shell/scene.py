"""What the screen should show at a moment, as a value: the loop compares it with the last one drawn.

Everything here is pure; drawing a frame with the process's fonts is ``kiosk.shell.paint``. ``now`` is
cut to the minute (to the second with ``[pages] clock_seconds``) before anything is built from it, so that
within a minute the same schedule gives an equal value and the loop draws nothing.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from kiosk.board import carousel, display_hours
from kiosk.board.demo import live_demo
from kiosk.board.display_hours import OffHours, off_hours
from kiosk.board.timeline import Board, rooms_board_at
from kiosk.config import Config, SlotsConfig
from kiosk.core.model import Latest, Schedule
from kiosk.fetch.freshness import clock_is_wrong, freshness
from kiosk.layout import Layout, Measure, Rect, View, page_parts, pages
from kiosk.render.fallback import Fallback, fallback
from kiosk.sides.alert import current_alert
from kiosk.sides.ideas import shown_ideas
from kiosk.sides.updates import Post, feeds, recent
from kiosk.sides.votes import Counted, counted

log = logging.getLogger(__name__)

Frame = View | OffHours | Fallback


def shown_time(config: Config, now: datetime) -> datetime:
    return now.replace(microsecond=0) if config.pages.clock_seconds else now.replace(second=0, microsecond=0)


def schedule_at(config: Config, latest: Latest, now: datetime) -> tuple[Schedule, SlotsConfig]:
    """The schedule and slots as shown: the demo is moved so that it is live at ``now``."""
    schedule = latest.reading.schedule if latest.reading else Schedule()
    if config.source.demo:
        return live_demo(schedule, config.slots, now)
    return schedule, config.slots


def board_of(config: Config, latest: Latest, at: datetime) -> tuple[Schedule, Board]:
    """The schedule as shown at ``at`` and the board worked out from it, every room's included.

    The last answer is kept: the loop asks twice for the same one each time it composes a page (for
    the pages with nothing to show, then for the page), and the board is the most work of either.
    It is kept for the same config and reading objects (a copy of the reading is another one) and
    the same instant in the same zone (two datetimes of one zone compare by their wall clocks, fold
    aside, so the fold is compared too: the hour a clock goes back reads twice).
    """
    key = (config, latest.reading, at)
    kept = _last_board[0] if _last_board else None
    if kept is not None:
        (was_config, was_reading, was_at), found = kept
        same_at = was_at.tzinfo is at.tzinfo and was_at == at and was_at.fold == at.fold
        if was_config is config and was_reading is latest.reading and same_at:
            return found
    schedule, slots = schedule_at(config, latest, at)
    found = schedule, rooms_board_at(schedule, slots, at, config.source.rooms, config.home_room)
    _last_board[:] = [(key, found)]
    return found


_last_board: list[tuple[tuple[Config, object, datetime], tuple[Schedule, Board]]] = []


def shown_updates(config: Config, latest: Latest, now: datetime) -> tuple[Post, ...]:
    """The organisers' posts to show at ``now``, newest first."""
    if not config.updates.any:
        return ()
    posts = feeds.reading(config.updates, latest).posts
    return recent(posts, shown_time(config, now), config.updates.max_age_hours)


def empty_pages(config: Config, latest: Latest, now: datetime) -> frozenset[str]:
    """Pages with nothing to show at ``now``: the rotation passes over them."""
    _, board = board_of(config, latest, shown_time(config, now))
    updates = shown_updates(config, latest, now)
    shown = View(
        config=config, board=board, footer="", footer_stale=False, warnings=(), page="", updates=updates
    )
    return pages.empty(shown)


def shown_votes(config: Config, latest: Latest, board: Board, now: datetime) -> Counted | None:
    """The tally of today's contested slots, when [vote] results has been read."""
    titles = tuple(p.title for slot in board.contested for p in slot.proposals)
    return counted(latest, titles, now, config.source.stale_minutes) if titles else None


def compose(
    config: Config,
    latest: Latest,
    now: datetime,
    state: carousel.Rotation,
    warnings: tuple[str, ...],
    skip: frozenset[str] | None = None,
) -> Frame:
    """The rotation's page at ``now``; ``skip`` is ``empty_pages`` when the caller has it already."""
    at = shown_time(config, now)
    schedule, today = board_of(config, latest, at)
    alert = current_alert(latest, at)
    # An urgent message is shown out of hours too: an evacuation does not wait for the morning.
    if not display_hours.is_on(config.display, at) and alert is None:
        return off_hours(config, today, at)
    if alert is not None:
        today = replace(today, announcements=())
    if config.ideas.url:
        today = replace(
            today,
            ideas=shown_ideas(latest, today.ideas, config.ideas.moderation, config.ideas.approval_column),
        )
    fresh = freshness(latest, at, config.source.stale_minutes, config.words)
    clock = clock_is_wrong(at, schedule, latest.clock_skew, config.words)
    found = tuple(w for w in (fresh.warning, clock) if w)
    number, count = carousel.position(state, empty_pages(config, latest, now) if skip is None else skip)
    return View(
        config=config,
        board=today,
        footer=fresh.text,
        footer_stale=fresh.stale,
        warnings=warnings + found,
        page=state.page,
        part=state.part,
        page_number=number,
        page_count=count,
        shift=display_hours.burn_in_shift(at),
        alert=alert,
        updates=shown_updates(config, latest, now),
        votes=shown_votes(config, latest, today, at),
    )


def compose_safely(
    config: Config,
    latest: Latest,
    now: datetime,
    state: carousel.Rotation,
    warnings: tuple[str, ...],
    skip: frozenset[str] | None = None,
) -> Frame:
    """``compose``, or the fallback page when it fails: nothing read from a source stops the board."""
    try:
        return compose(config, latest, now, state, warnings, skip)
    except Exception as error:
        return failed(config, state.page, "compose", error)


def failed(config: Config, page: str, doing: str, error: Exception) -> Fallback:
    """The plain page shown instead of ``page`` when ``doing`` it failed (logged; no traceback is shown)."""
    log.error("cannot %s the %s page, showing a plain page instead: %r", doing, page, error)
    log.debug("the failure in full", exc_info=error)
    return fallback(config, page, error)


def parts(frame: Frame, size: tuple[int, int], fonts: Measure) -> int:
    """How many screens the frame's page takes at ``size`` (a long "today" takes several); one when
    laying it out fails (drawing it then shows the fallback page)."""
    if isinstance(frame, View):
        try:
            return page_parts(frame.page, frame.board, size, fonts)
        except Exception as error:
            log.debug("cannot count the parts of the %s page: %r", frame.page, error)
    return 1


def next_change(config: Config, now: datetime) -> datetime:
    """The next wall-clock moment the frame could differ: the clock's next tick, the screen turning
    on or off. Page changes run on the monotonic clock (``carousel.due_at``); a new schedule, a key
    press or a step of the clock are noticed by the loop itself."""
    step = timedelta(seconds=1) if config.pages.clock_seconds else timedelta(minutes=1)
    moments = [shown_time(config, now) + step]
    switch = display_hours.next_switch(config.display, now)
    if switch is not None:
        moments.append(switch)
    return min(moments)


def page_due(
    config: Config,
    frame: Frame,
    state: carousel.Rotation,
    page_parts: int,
    skip: frozenset[str] = frozenset(),
) -> float | None:
    """The monotonic tick at which the page turns by itself (None off hours, while paused, or alone)."""
    if not isinstance(frame, View):
        return None
    return carousel.due_at(state, config.pages.seconds, page_parts, skip)


def turns_page(old: Frame, new: Frame, config: Config) -> bool:
    """A new page (or part) fades in; a changed clock or schedule on the same page is drawn at once."""
    if config.pages.transition_seconds <= 0 or not isinstance(old, View) or not isinstance(new, View):
        return False
    return (old.page, old.part) != (new.page, new.part)


def changed_area(before: Layout, after: Layout, size: tuple[int, int]) -> Rect | None:
    """Where ``after`` differs from ``before`` at ``size``: round the boxes only one of them has, with a
    margin; None (the whole screen) when the background changed or nothing did."""
    areas = changed_areas(before, after, size)
    if areas is None:
        return None
    left, top = min(a[0] for a in areas), min(a[1] for a in areas)
    right, bottom = max(a[0] + a[2] for a in areas), max(a[1] + a[3] for a in areas)
    return (left, top, right - left, bottom - top)


def changed_areas(before: Layout, after: Layout, size: tuple[int, int]) -> list[Rect] | None:
    """``changed_area`` as the separate places where ``after`` differs: one rectangle round each box
    only one of the layouts has, with the margin, those that overlap joined into one; None as there.

    The minute's redraw changes a few boxes far apart (the clock, "in 19 min"): drawn and sent to
    the display one place at a time, the lines between them are not drawn again.
    """
    changed = set(before.boxes) ^ set(after.boxes)
    if before.background != after.background or not changed:
        return None
    margin = max(2, min(size) // 100)
    places: list[Rect] = []
    for box in changed:
        x, y, w, h = box.rect
        left, top = max(0, x - margin), max(0, y - margin)
        right, bottom = min(size[0], x + w + margin), min(size[1], y + h + margin)
        place = (left, top, right - left, bottom - top)
        # Join it with every place it overlaps, and the joined one with those it now overlaps.
        while overlapping := [other for other in places if _overlap(place, other)]:
            for other in overlapping:
                places.remove(other)
            left = min(place[0], *(o[0] for o in overlapping))
            top = min(place[1], *(o[1] for o in overlapping))
            right = max(place[0] + place[2], *(o[0] + o[2] for o in overlapping))
            bottom = max(place[1] + place[3], *(o[1] + o[3] for o in overlapping))
            place = (left, top, right - left, bottom - top)
        places.append(place)
    return sorted(places, key=lambda place: (place[1], place[0]))


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def describe(frame: Frame, page_parts: int) -> str:
    """A few words for the log, the status file and ``systemctl status``."""
    if isinstance(frame, OffHours):
        return "screen off" + (f": {frame.text}" if frame.text else "")
    if isinstance(frame, Fallback):
        return f"{frame.page} (not shown: {frame.reason})"
    return frame.page if page_parts <= 1 else f"{frame.page} ({frame.part + 1}/{page_parts})"


def source_changed(old: Config, new: Config) -> bool:
    """Whether the sources must start afresh: where and how anything is read has changed."""

    def read(config: Config) -> tuple[object, ...]:
        return (
            config.sources,
            config.event,
            config.cache,
            config.vote,
            config.ideas,
            config.alert,
            config.updates,
        )

    return read(old) != read(new)
