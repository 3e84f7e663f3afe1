"""How fresh the shown schedule is, and whether the clock can be trusted: the footer's plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.model import Polled, Schedule, Snapshot

# Beyond this the board's "now" is visibly wrong to passers-by (a session shown as on when it is not).
SKEW_LIMIT_SECONDS = 300
# A clock this long before the schedule's first session has lost its date (a board without a
# battery-backed clock often boots in 1970 or at its build date).
EARLY_LIMIT = timedelta(days=300)


@dataclass(frozen=True, slots=True)
class Freshness:
    """The footer line about the schedule's age.

    ``stale`` asks for the warning colour: what is shown may no longer be true. ``warning`` is the last
    failed attempt's reason in plain words, for the facilitator; None when the last attempt worked.
    """

    text: str
    stale: bool
    warning: str | None = None


def freshness(snapshot: Snapshot, now: datetime, stale_minutes: float) -> Freshness:
    """Describe ``snapshot`` at ``now``; times are shown as ``HH:MM`` in ``now``'s zone."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime in the event's time zone")
    failed = snapshot.error is not None or snapshot.failures > 0
    if snapshot.reading is None:
        if snapshot.error is not None:
            return Freshness(f"Cannot read the schedule: {snapshot.error}", True, snapshot.error)
        return Freshness("Waiting for the schedule…", False)
    fetched = snapshot.fetched_at
    if is_stale(snapshot, now, stale_minutes):
        return Freshness(_stale(snapshot, failed, now), True, snapshot.error)
    updated = _updated(fetched, now) if fetched else "Showing the saved schedule"
    return Freshness(f"{updated} · retrying" if failed else updated, False, snapshot.error)


def is_stale(polled: Polled[Any], now: datetime, stale_minutes: float) -> bool:
    """Whether what a feed shows may no longer be true: fetched, or offline, too long ago."""
    limit = timedelta(minutes=stale_minutes)
    failed = polled.error is not None or polled.failures > 0
    offline = polled.offline_since if failed else None
    return (polled.fetched_at is not None and _age(polled.fetched_at, now) > limit) or (
        offline is not None and _age(offline, now) > limit
    )


def _stale(snapshot: Snapshot, failed: bool, now: datetime) -> str:
    fetched, offline = snapshot.fetched_at, snapshot.offline_since
    shown = "the saved schedule" if snapshot.from_cache or fetched is None else "the schedule"
    if fetched is not None:
        shown += f" from {_clock(fetched, now)}"
    if failed:
        since = f"Offline since {_clock(offline, now)}" if offline else "Offline"
        return f"{since} — showing {shown}"
    if snapshot.from_cache or fetched is None:
        return f"Showing {shown}"
    return f"Not updated since {_clock(fetched, now)}"


def clock_is_wrong(now: datetime, schedule: Schedule, clock_skew: float | None) -> str | None:
    """A plain sentence when the local clock is obviously wrong, else None.

    ``clock_skew`` is the server's ``Date`` minus the local clock, in seconds (None when unknown).
    """
    if clock_skew is not None and abs(clock_skew) > SKEW_LIMIT_SECONDS:
        side = "behind" if clock_skew > 0 else "ahead of"
        return f"The clock is {duration(abs(clock_skew))} {side} the server"
    if schedule.sessions:
        first = min(s.start.astimezone(UTC) for s in schedule.sessions)
        if now.astimezone(UTC) < first - EARLY_LIMIT:
            start = first.astimezone(now.tzinfo)
            return f"The clock says {_date(now)}, but the schedule starts on {_date(start)}: set the date"
    return None


def _updated(fetched: datetime, now: datetime) -> str:
    age = _age(fetched, now)
    if age < timedelta(minutes=1):
        return "Updated just now"
    if age < timedelta(hours=1):
        return f"Updated {age // timedelta(minutes=1)} min ago"
    return f"Updated at {_clock(fetched, now)}"


def _age(moment: datetime, now: datetime) -> timedelta:
    # A clock set back makes the age negative; that still means "just now".
    return max(timedelta(0), now.astimezone(UTC) - moment.astimezone(UTC))


def _clock(moment: datetime, now: datetime) -> str:
    """``HH:MM`` in now's zone, with the date when it is not today's."""
    local = moment.astimezone(now.tzinfo)
    return f"{local:%H:%M}" if local.date() == now.date() else f"{_date(local)} {local:%H:%M}"


def _date(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def duration(seconds: float) -> str:
    """A length of time in plain words: "40 s", "12 min", "1 h 5 min", "3 days"."""
    if seconds < 59.5:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes >= 48 * 60:
        return f"{round(minutes / (24 * 60))} days"
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
