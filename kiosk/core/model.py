"""The schedule as immutable values: what every format reads into and every page is drawn from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from kiosk.core.wallclock import elapsed

T = TypeVar("T")

SCHEDULED = "scheduled"
PROPOSED = "proposed"
CANCELLED = "cancelled"
STATUSES = (SCHEDULED, PROPOSED, CANCELLED)

# What a session is: a topic people come to, or a service session (a coffee break, lunch) that
# fills its time on the board without being a session to join or a slot still open.
SESSION = "session"
BREAK = "break"
KINDS = (SESSION, BREAK)


class UnreadableError(Exception):
    """The bytes are not a schedule at all (an HTML page, an image, truncated JSON ...).

    The message says in plain words what the bytes were, for the facilitator.
    """


@dataclass(frozen=True, slots=True)
class Session:
    """One Open Space: a topic in a time range. ``start``/``end`` are aware datetimes; ``kind`` says
    whether it is a session or a break (``BREAK``: the board shows it as one, never as an open slot)."""

    title: str
    start: datetime
    end: datetime
    host: str = ""
    status: str = SCHEDULED
    description: str = ""
    url: str = ""
    room: str = ""
    kind: str = SESSION

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("session times must carry a time zone")
        # In UTC: two times in one zone compare by wall clock, wrong when the clocks go back.
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise ValueError("a session must end after it starts")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of session {self.kind!r}")

    @property
    def minutes(self) -> int:
        return int((self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() // 60)


def in_time_order(session: Session) -> tuple[datetime, datetime, str]:
    """The order sessions are listed and worked out in: by start, then end, then title.

    In UTC: two times in one zone compare by wall clock, out of order when the clocks go back.
    """
    return session.start.astimezone(UTC), session.end.astimezone(UTC), session.title


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that was skipped, or a fact worth telling: ``where`` names the place, ``message`` why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Alert:
    """An urgent message that takes over every page until it is removed (or ``until``).

    ``posted`` is when the kiosk first saw it (a source says when it changed, not when it was typed).
    """

    text: str
    until: datetime | None = None
    posted: datetime | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    sessions: tuple[Session, ...] = ()
    announcements: tuple[str, ...] = ()
    ideas: tuple[str, ...] = ()
    alert: Alert | None = None
    # Announcements that come down at a time: (text, when); without one they stay up.
    announcement_ends: tuple[tuple[str, datetime], ...] = ()
    # Sessions left out because of their room: (the room as the schedule names it, how many).
    other_rooms: tuple[tuple[str, int], ...] = ()
    # Facts about the reading worth telling that are no problem (a room taking in several spellings).
    notes: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader made of some bytes: the format it took them for, the schedule, the problems."""

    format: str
    schedule: Schedule
    problems: tuple[Problem, ...] = ()

    @property
    def other_rooms(self) -> tuple[tuple[str, int], ...]:
        """The rooms whose sessions were left out, each with how many."""
        return self.schedule.other_rooms

    @property
    def notes(self) -> tuple[Problem, ...]:
        return self.schedule.notes


@dataclass(frozen=True, slots=True)
class Document:
    """The bytes a side source (vote results, ideas, the alert, a feed) held when last read good."""

    body: bytes
    content_type: str = ""
    name: str = ""
    last_modified: str = ""  # the server's Last-Modified header, as sent

    @property
    def text(self) -> str:
        """The body as text (the feed checked it decodes before keeping it)."""
        return self.body.decode("utf-8-sig", errors="replace")


# Not slotted: a slotted frozen dataclass cannot be made through a generic alias (``Latest()``).
@dataclass(frozen=True)
class Polled(Generic[T]):
    """What a feed hands to the display loop: the last good value it read and how fresh it is.

    ``reading`` is the last value that parsed (None until one did); ``fetched_at`` is when it was
    fetched (from the cache's record when it came from there); ``error`` is the last attempt's
    failure in plain words (None when the last attempt was good) and ``error_kind`` its kind (one of
    ``kiosk.fetch.fetched.Failure``'s kinds, or "unreadable", "empty"); ``failures`` counts consecutive
    failed attempts; ``clock_skew`` is the server's ``Date`` minus the local clock, in seconds;
    ``changed_at`` is when what the feed watches last changed (a side source's body; the
    schedule's alert), the time an urgent message was posted. ``sides`` holds the side sources'
    own copies by name, on the schedule's as the loop sees it.

    The ``*_tick`` fields are the monotonic clock's reading when the wall-clock time beside them was
    taken in this process (None for times read from the cache): ``as_of`` uses them to tell ages and
    the clock's error as they are now, whatever the wall clock did since.
    """

    reading: T | None = None
    fetched_at: datetime | None = None
    checked_at: datetime | None = None
    error: str | None = None
    failures: int = 0
    from_cache: bool = False
    clock_skew: float | None = None
    offline_since: datetime | None = None
    changed_at: datetime | None = None
    sides: tuple[tuple[str, Polled[Document]], ...] = ()
    fetched_tick: float | None = None
    checked_tick: float | None = None
    offline_tick: float | None = None
    changed_tick: float | None = None
    error_kind: str | None = None

    def side(self, name: str) -> Polled[Document] | None:
        """The named side source's copy; None when it is not configured."""
        return next((polled for side, polled in self.sides if side == name), None)

    def held_over(self, previous: Polled[T]) -> Polled[T]:
        """This copy showing ``previous``'s reading, with its age, until it has one of its own.

        When the facilitator points the board at a new address that does not read (yet), the last
        good schedule stays up, as old as it is, with the new address's error beside it.
        """
        if self.reading is not None or previous.reading is None:
            return self
        return replace(
            self,
            reading=previous.reading,
            fetched_at=previous.fetched_at,
            fetched_tick=previous.fetched_tick,
            from_cache=previous.from_cache,
            changed_at=previous.changed_at,
            changed_tick=previous.changed_tick,
        )

    def is_stale(self, now: datetime, stale_minutes: float) -> bool:
        """Whether what a feed shows may no longer be true: fetched, or offline, too long ago."""
        limit = timedelta(minutes=stale_minutes)
        failed = self.error is not None or self.failures > 0
        offline = self.offline_since if failed else None
        return (self.fetched_at is not None and elapsed(self.fetched_at, now) > limit) or (
            offline is not None and elapsed(offline, now) > limit
        )

    def as_of(self, now: datetime, tick: float) -> Polled[T]:
        """The same copy with its times on the wall clock as it reads ``now`` (at monotonic ``tick``).

        A time taken in this process is moved to ``now`` minus the monotonic time since it was taken,
        so a clock stepped back or forward never makes an age negative or an hour too long; the
        server's clock minus ours is corrected by the step too. Times from the cache stay as they are.
        """
        skew = self.clock_skew
        if skew is not None and self.fetched_at is not None and self.fetched_tick is not None:
            stepped = (now - self.fetched_at).total_seconds() - (tick - self.fetched_tick)
            skew -= stepped
        return replace(
            self,
            fetched_at=_moved(self.fetched_at, self.fetched_tick, now, tick),
            checked_at=_moved(self.checked_at, self.checked_tick, now, tick),
            offline_since=_moved(self.offline_since, self.offline_tick, now, tick),
            changed_at=_moved(self.changed_at, self.changed_tick, now, tick),
            clock_skew=skew,
            sides=tuple((name, side.as_of(now, tick)) for name, side in self.sides),
        )


def _moved(moment: datetime | None, taken: float | None, now: datetime, tick: float) -> datetime | None:
    if moment is None or taken is None:
        return moment
    return now - timedelta(seconds=max(0.0, tick - taken))


# The latest copy of what the board reads, as the poller hands it to the display loop: the schedule
# (and, in ``sides``, the side sources). Named apart from the ``snapshot`` command, which draws a page.
Latest = Polled[Reading]
