"""The schedule as immutable values: what every format reads into and every page is drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SCHEDULED = "scheduled"
PROPOSED = "proposed"
CANCELLED = "cancelled"
STATUSES = (SCHEDULED, PROPOSED, CANCELLED)


class UnreadableError(Exception):
    """The bytes are not a schedule at all (an HTML page, an image, truncated JSON ...).

    The message says in plain words what the bytes were, for the facilitator.
    """


@dataclass(frozen=True, slots=True)
class Session:
    """One Open Space: a topic in a time range. ``start``/``end`` are aware datetimes."""

    title: str
    start: datetime
    end: datetime
    host: str = ""
    status: str = SCHEDULED
    description: str = ""
    url: str = ""
    room: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("session times must carry a time zone")
        if self.end <= self.start:
            raise ValueError("a session must end after it starts")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that was skipped, or a fact worth telling: ``where`` names the place, ``message`` why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Schedule:
    sessions: tuple[Session, ...] = ()
    announcements: tuple[str, ...] = ()
    ideas: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader made of some bytes: the format it took them for, the schedule, the problems."""

    format: str
    schedule: Schedule
    problems: tuple[Problem, ...] = ()
