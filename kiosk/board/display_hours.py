"""When the screen is lit, when it wakes, and how it cares for the panel: pure functions of ``now``.

``[display] on`` and ``off`` are wall-clock times in the event's time zone; ``off`` earlier than
``on`` means the lit hours cross midnight (``on = "20:00"``, ``off = "02:00"``). Without them the
screen is always lit.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.board.timeline import Board
from kiosk.config import DisplayConfig
from kiosk.core.i18n import ENGLISH, Words

# Burn-in care: static elements move by a few pixels every ten minutes, round a small square.
SHIFT_MINUTES = 10
SHIFTS = ((0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2))


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
    """The start of the next scheduled session, today or on a later day."""
    if board.next is not None and board.next.session.start > now:
        return board.next.session.start
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
    today = datetime.combine(now.date(), at, tzinfo=now.tzinfo)
    return today if today > now else datetime.combine(now.date() + timedelta(days=1), at, tzinfo=now.tzinfo)
