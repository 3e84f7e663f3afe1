"""What the board shows at a given moment: pure functions of a schedule, the slots and ``now``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from kiosk.model import Session


class DayStatus(Enum):
    BEFORE = "before"  # today has sessions, none started yet
    RUNNING = "running"  # a session is on now
    BETWEEN = "between"  # sessions earlier and later today, none now
    DONE = "done"  # today's sessions are all over
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
