"""The bundled demo schedule, moved in time so that a fresh install shows a live board at any hour."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from kiosk.config import SlotsConfig
from kiosk.core.model import Schedule, Session
from kiosk.core.wallclock import wall_time

# The demo's hero session starts two hours into its day; that is the slot the demo puts "now" in.
HERO_OFFSET = timedelta(hours=2)
# A time of day in the demo's announcements ("sign-up closes at 15:00"): it moves with the sessions.
_CLOCK_TIME = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")


def live_demo(schedule: Schedule, slots: SlotsConfig, now: datetime) -> tuple[Schedule, SlotsConfig]:
    """The demo and its slots moved so that the slot two hours after ``slots.start`` holds ``now``.

    The demo's day (its first session's date) first becomes ``now``'s date, keeping wall-clock times;
    then everything moves by whole slots of elapsed time. Sessions keep their exact lengths, and the
    slot window keeps covering them when the move crosses midnight or a change of clocks. Times of
    day in the announcements move with them, so "closes at 15:00" stays ahead of the hero session.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime in the event's time zone")
    if not schedule.sessions:
        return schedule, slots
    tz = now.tzinfo
    demo_day = min(s.start.astimezone(tz) for s in schedule.sessions).date()
    days = now.date() - demo_day
    anchor = wall_time(now.date(), (datetime.combine(now.date(), slots.start) + HERO_OFFSET).time(), tz)
    shift = _slot_start(slots, now) - anchor.astimezone(UTC)

    def move(session: Session) -> Session:
        wall = session.start.astimezone(tz).replace(tzinfo=None) + days
        # Arithmetic in UTC: adding to a datetime in a zone moves its wall clock, not elapsed time.
        start = wall_time(wall.date(), wall.time(), tz).astimezone(UTC) + shift
        length = session.end.astimezone(UTC) - session.start.astimezone(UTC)
        return replace(session, start=start.astimezone(tz), end=(start + length).astimezone(tz))

    def moved(at: time) -> time:
        return (wall_time(now.date(), at, tz).astimezone(UTC) + shift).astimezone(tz).time()

    def announcement(text: str) -> str:
        return _CLOCK_TIME.sub(lambda m: moved(time(int(m[1]), int(m[2]))).strftime("%H:%M"), text)

    return (
        replace(
            schedule,
            sessions=tuple(move(s) for s in schedule.sessions),
            announcements=tuple(announcement(a) for a in schedule.announcements),
        ),
        replace(slots, start=moved(slots.start), end=moved(slots.end)),
    )


def _slot_start(slots: SlotsConfig, now: datetime) -> datetime:
    """The start of the slot holding ``now`` on a grid of ``slots.minutes`` from ``slots.start``, in UTC."""
    into_day = now.hour * 60 + now.minute - (slots.start.hour * 60 + slots.start.minute)
    into_slot = timedelta(minutes=into_day % slots.minutes, seconds=now.second, microseconds=now.microsecond)
    return now.astimezone(UTC) - into_slot
