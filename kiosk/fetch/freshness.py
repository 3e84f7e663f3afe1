"""How fresh the shown schedule is, and whether the clock can be trusted: the footer's plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.core.i18n import ENGLISH, Words
from kiosk.core.model import Latest, Schedule
from kiosk.core.wallclock import elapsed

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


def freshness(latest: Latest, now: datetime, stale_minutes: float, words: Words = ENGLISH) -> Freshness:
    """Describe ``latest`` at ``now`` in ``words``; times are shown as ``HH:MM`` in ``now``'s zone."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime in the event's time zone")
    failed = latest.error is not None or latest.failures > 0
    if latest.reading is None:
        if latest.error is not None:
            text = words("cannot_read", "Cannot read the schedule: {reason}", reason=latest.error)
            return Freshness(text, True)  # the reason is in the text: no warning to say it again
        return Freshness(words("waiting", "Waiting for the schedule…"), False)
    fetched = latest.fetched_at
    if latest.is_stale(now, stale_minutes):
        return Freshness(_stale(latest, failed, now, words), True, latest.error)
    updated = (
        _updated(fetched, now, words) if fetched else words("showing_saved", "Showing the saved schedule")
    )
    if failed:
        updated = words("retrying", "{updated} · retrying", updated=updated)
    return Freshness(updated, False, latest.error)


def _stale(latest: Latest, failed: bool, now: datetime, words: Words) -> str:
    fetched, offline = latest.fetched_at, latest.offline_since
    saved = latest.from_cache or fetched is None
    if fetched is None:
        shown = words("the_saved_schedule", "the saved schedule")
    elif saved:
        shown = words(
            "the_saved_schedule_from", "the saved schedule from {time}", time=_clock(fetched, now, words)
        )
    else:
        shown = words("the_schedule_from", "the schedule from {time}", time=_clock(fetched, now, words))
    if failed:
        if offline:
            since = _clock(offline, now, words)
            return words("offline_since", "Offline since {since} — showing {shown}", since=since, shown=shown)
        return words("offline", "Offline — showing {shown}", shown=shown)
    if saved or fetched is None:
        return words("showing", "Showing {shown}", shown=shown)
    return words("not_updated_since", "Not updated since {time}", time=_clock(fetched, now, words))


def clock_is_wrong(
    now: datetime, schedule: Schedule, clock_skew: float | None, words: Words = ENGLISH
) -> str | None:
    """A plain sentence when the local clock is obviously wrong, else None.

    ``clock_skew`` is the server's ``Date`` minus the local clock, in seconds (None when unknown).
    """
    if clock_skew is not None and abs(clock_skew) > SKEW_LIMIT_SECONDS:
        off = words.elapsed(abs(clock_skew))
        if clock_skew > 0:
            return words("clock_behind", "The clock is {duration} behind the server", duration=off)
        return words("clock_ahead", "The clock is {duration} ahead of the server", duration=off)
    if schedule.sessions:
        first = min(s.start.astimezone(UTC) for s in schedule.sessions)
        if now.astimezone(UTC) < first - EARLY_LIMIT:
            start = first.astimezone(now.tzinfo)
            return words(
                "clock_date_wrong",
                "The clock says {today}, but the schedule starts on {start}: set the date",
                today=words.short_date(now),
                start=words.short_date(start),
            )
    return None


def _updated(fetched: datetime, now: datetime, words: Words) -> str:
    age = elapsed(fetched, now)
    if age < timedelta(minutes=1):
        return words("updated_now", "Updated just now")
    if age < timedelta(hours=1):
        return words("updated_ago", "Updated {ago}", ago=words.ago(age // timedelta(minutes=1)))
    return words("updated_at", "Updated at {time}", time=_clock(fetched, now, words))


def _clock(moment: datetime, now: datetime, words: Words) -> str:
    """``HH:MM`` in now's zone, with the date when it is not today's."""
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return words.time(local)
    return words("date_time", "{date} {time}", date=words.short_date(local), time=words.time(local))
