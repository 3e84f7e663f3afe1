"""Wall-clock readings as real instants: the one rule for the times the clocks skip or repeat.

When the clocks go forward, a reading in the gap (02:15 on a night that jumps from 02:00 to 03:00)
never happens: it is read with the offset from before the change, which lands it as far past the
gap as it was into it (03:15), as RFC 5545 asks of iCalendar. When the clocks go back, a reading
that happens twice means the first time, unless ``fold=1`` asks for the second. Every reader and
the timeline go through here, so a session means the same instant in every format.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def settle(moment: datetime) -> datetime:
    """An aware wall-clock reading in its zone as an instant that exists, in the same zone.

    A reading at the very edge of the calendar (year 1, year 9999) is returned as it is: it is no
    session's time, and ``span_problem`` says so for its row.
    """
    zone = moment.tzinfo
    if zone is None:
        raise ValueError("a wall-clock reading needs its time zone")
    try:
        return moment.astimezone(UTC).astimezone(zone)
    except OverflowError:
        return moment


def wall_time(day: date, at: time, tz: tzinfo, *, fold: int = 0) -> datetime:
    """The instant a wall clock in ``tz`` shows ``at`` on ``day`` (see the module for the rule)."""
    return settle(datetime.combine(day, at, tzinfo=tz).replace(fold=fold))


def instants(reading: datetime, tz: tzinfo) -> tuple[datetime, ...]:
    """Every instant (in UTC) at which a wall clock in ``tz`` shows the naive ``reading``: two when the
    clocks go back over it, none when they skip it, else one. A board's slot edges are these."""
    found: list[datetime] = []
    for fold in (0, 1):
        instant = reading.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == reading and instant not in found:
            found.append(instant)
    return tuple(found)


def elapsed(moment: datetime, now: datetime) -> timedelta:
    """How long ago ``moment`` was at ``now``; never negative: a clock set back still means "just now"."""
    return max(timedelta(0), now.astimezone(UTC) - moment.astimezone(UTC))
