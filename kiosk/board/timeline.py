"""What the board shows at a given moment: pure functions of a schedule, the slots and ``now``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum
from itertools import pairwise

from kiosk.config import SlotsConfig
from kiosk.core.model import BREAK, CANCELLED, PROPOSED, SCHEDULED, Schedule, Session, in_time_order
from kiosk.core.wallclock import instants, wall_time


class DayStatus(Enum):
    BEFORE = "before"  # today has sessions, none started yet
    RUNNING = "running"  # a session is on now
    BETWEEN = "between"  # sessions earlier today, none now, and the day is not over
    DONE = "done"  # the slot window has ended and today's sessions are all over
    EMPTY = "empty"  # nothing scheduled today


class SlotState(Enum):
    PAST = "past"
    CURRENT = "current"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class Slot:
    """One slot of the facilitator's time table, with what fills it."""

    start: datetime
    end: datetime
    state: SlotState
    sessions: tuple[Session, ...] = ()  # scheduled sessions overlapping the slot
    proposals: tuple[Session, ...] = ()  # proposed sessions competing for the slot
    cancelled: tuple[Session, ...] = ()

    @property
    def free(self) -> bool:
        return not self.sessions

    @property
    def open(self) -> bool:
        """Nobody has claimed it: no session and no proposal; a topic proposed now would get it."""
        return not self.sessions and not self.proposals

    @property
    def contested(self) -> bool:
        """Proposals compete for it and nothing is scheduled: a vote settles it."""
        return not self.sessions and len(self.proposals) > 1


@dataclass(frozen=True, slots=True)
class Current:
    session: Session
    minutes_left: int
    progress: float  # 0.0 at the start, 1.0 at the end


@dataclass(frozen=True, slots=True)
class Upcoming:
    session: Session
    minutes_until: int


@dataclass(frozen=True, slots=True)
class Board:
    now: datetime
    day: date  # the event day the board is about
    status: DayStatus
    current: tuple[Current, ...]  # sessions on now (more than one when they overlap)
    next: Upcoming | None  # the next scheduled session today
    later: tuple[Session, ...]  # scheduled sessions after ``next`` today
    today: tuple[Session, ...]  # every session today, cancelled and proposed included, by start
    slots: tuple[Slot, ...]  # today's slots from [slots]
    next_free: Slot | None  # the first free slot that has not ended yet
    first_start: datetime | None  # of today's scheduled sessions
    last_end: datetime | None
    next_day_start: datetime | None  # first scheduled session on a later day
    overlaps: tuple[tuple[Session, Session], ...] = ()
    announcements: tuple[str, ...] = ()
    ideas: tuple[str, ...] = ()
    next_open: Slot | None = None  # the first open slot (no session, no proposal) not yet ended
    contest: Slot | None = None  # the current or the next slot, when proposals compete for it
    contested: tuple[Slot, ...] = ()  # every slot to come today that proposals compete for
    rooms: tuple[RoomDay, ...] = ()  # with several rooms: each room's own day, in the board's order

    def first_to_come(self) -> Session | None:
        """The next scheduled session today that is not a break: a coffee break or lunch before it
        (a conference's morning) is not where Open Spaces start."""
        coming = ((self.next.session,) if self.next else ()) + self.later
        return next((session for session in coming if session.kind != BREAK), None)


@dataclass(frozen=True, slots=True)
class RoomDay:
    """One room's day on a board of several rooms (``[source] rooms``)."""

    room: str
    home: bool  # the room the screen stands beside
    board: Board


MINUTE = timedelta(minutes=1)
# Overlapping pairs listed: a day built to overlap everything has pairs by the million, and a board
# shows a few side by side at most.
MAX_OVERLAPS = 100


def day_window(day: date, slots: SlotsConfig, tz: tzinfo) -> tuple[datetime, datetime]:
    """``day``'s slot window ``[slots.start, slots.end)``, ending the next day if it crosses midnight."""
    end_day = day + timedelta(days=1) if slots.end <= slots.start else day
    return wall_time(day, slots.start, tz), wall_time(end_day, slots.end, tz, fold=1)


def event_day(slots: SlotsConfig, now: datetime) -> date:
    """The day the board is about: the day whose slot window holds ``now``, else ``now``'s date."""
    yesterday = now.date() - timedelta(days=1)
    if slots.end <= slots.start and _utc(now) < _utc(day_window(yesterday, slots, _zone(now))[1]):
        return yesterday
    return now.date()


def day_span(day: date, slots: SlotsConfig, tz: tzinfo) -> tuple[datetime, datetime]:
    """The stretch of time whose sessions are ``day``'s: its calendar day, moved on to where a
    slot window that crosses midnight ends, so that consecutive days neither overlap nor leave gaps."""
    previous_end = day_window(day - timedelta(days=1), slots, tz)[1]
    this_end = day_window(day, slots, tz)[1]
    start = max(_utc(wall_time(day, time(0), tz)), _utc(previous_end))
    end = max(_utc(wall_time(day + timedelta(days=1), time(0), tz)), _utc(this_end))
    return start.astimezone(tz), end.astimezone(tz)


def board_at(schedule: Schedule, slots: SlotsConfig, now: datetime) -> Board:
    """What the board shows at ``now``.

    ``now`` must be aware and in the event's time zone: its zone is the one the slot times and the
    day are read in. Every comparison and duration is taken in UTC, because Python compares and
    subtracts two datetimes of the same zone by their wall clocks, which is wrong across a DST change.
    """
    tz = _zone(now)
    at = _utc(now)
    day = event_day(slots, now)
    span_start, span_end = (_utc(edge) for edge in day_span(day, slots, tz))
    sessions = sorted(schedule.sessions, key=in_time_order)
    today = tuple(s for s in sessions if span_start <= _utc(s.start) < span_end)
    scheduled = tuple(s for s in today if s.status == SCHEDULED)
    # A session that began on an earlier day and runs on is still on now.
    current = tuple(
        _current(s, at) for s in sessions if s.status == SCHEDULED and _utc(s.start) <= at < _utc(s.end)
    )
    upcoming = [s for s in scheduled if _utc(s.start) > at]
    board_slots = _slots(day, slots, tz, at, sessions, today)
    first_start = scheduled[0].start if scheduled else None
    last_end = max((s.end for s in scheduled), key=_utc, default=None)
    window_end = _utc(day_window(day, slots, tz)[1])
    to_come = tuple(s for s in board_slots if s.state is not SlotState.PAST)
    return Board(
        now=now,
        day=day,
        status=_status(at, bool(current), first_start, last_end, window_end),
        current=current,
        next=Upcoming(upcoming[0], _ceil_minutes(_utc(upcoming[0].start) - at)) if upcoming else None,
        later=tuple(upcoming[1:]),
        today=today,
        slots=board_slots,
        next_free=next((s for s in to_come if s.free), None),
        next_open=next((s for s in to_come if s.open), None),
        contest=next((s for s in to_come[: 2 if _on_now(to_come) else 1] if s.contested), None),
        contested=tuple(s for s in to_come if s.contested),
        first_start=first_start,
        last_end=last_end,
        next_day_start=next(
            (s.start for s in sessions if s.status == SCHEDULED and _utc(s.start) >= span_end), None
        ),
        overlaps=_overlaps(scheduled),
        announcements=_up(schedule, at),
        ideas=schedule.ideas,
    )


def rooms_board_at(
    schedule: Schedule, slots: SlotsConfig, now: datetime, rooms: tuple[str, ...], home: str
) -> Board:
    """The board of the room beside the screen (``home``), carrying every room's own day in ``rooms``.

    Sessions name their room as configured (the reader matched them); each room is worked out as a
    board of its own, so what "now", "next" and "open" mean is the same rule in every room.
    """
    if not rooms:
        return board_at(schedule, slots, now)
    days = tuple(RoomDay(room, room == home, board_at(_only(schedule, room), slots, now)) for room in rooms)
    home_day = next((day for day in days if day.home), days[0])
    return replace(home_day.board, rooms=days)


def _only(schedule: Schedule, room: str) -> Schedule:
    return replace(schedule, sessions=tuple(s for s in schedule.sessions if s.room == room))


def _overlaps(scheduled: tuple[Session, ...]) -> tuple[tuple[Session, Session], ...]:
    """Pairs of scheduled sessions that overlap, the first ``MAX_OVERLAPS`` in time order.

    ``scheduled`` is sorted by start, so the sessions that overlap one are those right after it
    that start before it ends: a sweep that stops there, not a comparison of every pair.
    """
    pairs: list[tuple[Session, Session]] = []
    for i, first in enumerate(scheduled):
        end = _utc(first.end)
        for j in range(i + 1, len(scheduled)):
            second = scheduled[j]
            if _utc(second.start) >= end:
                break
            pairs.append((first, second))
            if len(pairs) == MAX_OVERLAPS:
                return tuple(pairs)
    return tuple(pairs)


def _status(
    at: datetime,
    running: bool,
    first_start: datetime | None,
    last_end: datetime | None,
    window_end: datetime,
) -> DayStatus:
    # A session still running from an earlier day outranks "nothing today".
    if running:
        return DayStatus.RUNNING
    if first_start is None or last_end is None:
        return DayStatus.EMPTY
    if at < _utc(first_start):
        return DayStatus.BEFORE
    # The afternoon's open slots are when people should propose: the day is over only when the
    # slot window is (or the last session, when it runs later).
    if at >= max(_utc(last_end), window_end):
        return DayStatus.DONE
    return DayStatus.BETWEEN


def _up(schedule: Schedule, at: datetime) -> tuple[str, ...]:
    """The announcements still up at ``at``: one with an ``until`` comes down then."""
    down = {text for text, until in schedule.announcement_ends if _utc(until) <= at}
    return tuple(text for text in schedule.announcements if text not in down)


def _on_now(slots: tuple[Slot, ...]) -> bool:
    return bool(slots) and slots[0].state is SlotState.CURRENT


def _current(session: Session, at: datetime) -> Current:
    start, end = _utc(session.start), _utc(session.end)
    return Current(session, _ceil_minutes(end - at), min(1.0, max(0.0, (at - start) / (end - start))))


def _slots(
    day: date,
    slots: SlotsConfig,
    tz: tzinfo,
    at: datetime,
    sessions: list[Session],
    today: tuple[Session, ...],
) -> tuple[Slot, ...]:
    bounds = _slot_bounds(day, slots, tz)
    # Each session's times in UTC, once, not once for every slot.
    scheduled = [(s, _utc(s.start), _utc(s.end)) for s in sessions if s.status == SCHEDULED]
    starts = [(s, _utc(s.start)) for s in today]
    result = []
    for start, end in pairwise(bounds):
        state = SlotState.PAST if end <= at else SlotState.CURRENT if start <= at else SlotState.FUTURE
        result.append(
            Slot(
                start=start.astimezone(tz),
                end=end.astimezone(tz),
                state=state,
                sessions=tuple(s for s, begins, ends in scheduled if begins < end and ends > start),
                proposals=tuple(s for s, begins in starts if s.status == PROPOSED and start <= begins < end),
                cancelled=tuple(s for s, begins in starts if s.status == CANCELLED and start <= begins < end),
            )
        )
    return tuple(result)


def _slot_bounds(day: date, slots: SlotsConfig, tz: tzinfo) -> list[datetime]:
    """Slot edges in UTC: every ``slots.minutes`` of wall-clock time from the window's start.

    A reading the clock shows twice (it goes back) gives two edges; one it skips gives none. The
    last slot ends at the window's end, however short that makes it.
    """
    window_start, window_end = (_utc(edge) for edge in day_window(day, slots, tz))
    end_day = day + timedelta(days=1) if slots.end <= slots.start else day
    last = datetime.combine(end_day, slots.end)
    edges = {window_start, window_end}
    reading = datetime.combine(day, slots.start)
    while reading < last:
        edges.update(instant for instant in instants(reading, tz) if window_start <= instant < window_end)
        reading += timedelta(minutes=slots.minutes)
    return sorted(edge for edge in edges if edge <= window_end) if window_start < window_end else []


def _ceil_minutes(span: timedelta) -> int:
    return -(-span // MINUTE)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _zone(now: datetime) -> tzinfo:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime in the event's time zone")
    return now.tzinfo
