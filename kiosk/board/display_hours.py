"""When the screen is lit, when it wakes, and how it cares for the panel: pure functions of ``now``.

``[display] on`` and ``off`` are wall-clock times in the event's time zone; ``off`` earlier than
``on`` means the lit hours cross midnight (``on = "20:00"``, ``off = "02:00"``). Without them the
screen is always lit.

Outside those hours the off-hours page (``OffHours``) is a very dark screen with one small line saying
when Open Spaces resume, or plain black with ``blank = true``. It costs the panel almost nothing and
wakes by itself at ``[display] on``. It is laid out (``kiosk.layout.offhours``) and drawn like every
other page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from kiosk.board.timeline import Board
from kiosk.config import Config, DisplayConfig
from kiosk.core.i18n import ENGLISH, Words
from kiosk.core.wallclock import wall_time

# Burn-in care: static elements move by a few pixels every ten minutes, round a small square.
SHIFT_MINUTES = 10
SHIFTS = ((0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2))
DIM = 0.3  # the theme's colours at under a third of their brightness


def is_on(display: DisplayConfig, now: datetime) -> bool:
    on, off = display.on, display.off
    if on is None or off is None or on == off:
        return True
    at = now.time().replace(tzinfo=None)
    if on < off:
        return on <= at < off
    return at >= on or at < off


def next_switch(display: DisplayConfig, now: datetime) -> datetime | None:
    """The next moment the screen turns on or off; None when it is always lit."""
    on, off = display.on, display.off
    if on is None or off is None or on == off:
        return None
    return min(_next(t, now) for t in (on, off))


def wake_at(display: DisplayConfig, now: datetime) -> datetime | None:
    """When the screen lights again (None when it is lit now)."""
    if is_on(display, now) or display.on is None:
        return None
    return _next(display.on, now)


def next_start(board: Board, now: datetime) -> datetime | None:
    """The start of the next scheduled session that is not a break, today or on a later day."""
    first = board.first_to_come()
    if first is not None and first.start > now:
        return first.start
    return board.next_day_start


def resume_text(now: datetime, start: datetime | None, wake: datetime | None, words: Words = ENGLISH) -> str:
    """The one line of the off-hours page: when Open Spaces start next, or when the board is back."""
    if start is not None:
        return words("resume", "Open Spaces resume {when}", when=words.when(start, now.date()))
    if wake is not None:
        return words("back_at", "The board is back at {time}", time=words.time(wake))
    return words("open_spaces", "Open Spaces")


def burn_in_shift(now: datetime) -> tuple[int, int]:
    """A slow cycle of pixel offsets, changing on ten-minute boundaries (so with the clock's redraw)."""
    step = (now.hour * 60 + now.minute) // SHIFT_MINUTES
    return SHIFTS[step % len(SHIFTS)]


def _next(at: time, now: datetime) -> datetime:
    """The next moment the wall clock shows ``at``, by ``kiosk.core.wallclock``'s rule on the nights
    the clocks change (an ``on`` of 02:30 in the skipped hour is 03:30)."""
    zone = now.tzinfo
    if zone is None:
        raise ValueError("now must be an aware datetime in the event's time zone")
    today = wall_time(now.date(), at, zone)
    # Compared as instants: two times in one zone compare by wall clock, wrong when it goes back.
    if today.astimezone(UTC) > now.astimezone(UTC):
        return today
    return wall_time(now.date() + timedelta(days=1), at, zone)


@dataclass(frozen=True, slots=True)
class OffHours:
    text: str  # empty when the screen is blank
    background: tuple[int, int, int]
    colour: tuple[int, int, int]
    shift: tuple[int, int]


def off_hours(config: Config, board: Board, now: datetime) -> OffHours:
    if config.display.blank:
        return OffHours(text="", background=(0, 0, 0), colour=(0, 0, 0), shift=(0, 0))
    wake = wake_at(config.display, now)
    return OffHours(
        text=resume_text(now, next_start(board, now), wake, config.words),
        background=_dim(config.theme.background, DIM / 2),
        colour=_dim(config.theme.muted, DIM),
        shift=burn_in_shift(now),
    )


def _dim(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    r, g, b = (round(c * factor) for c in colour)
    return (r, g, b)
