import itertools
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.board import display_hours
from kiosk.board.timeline import Board, DayStatus, Upcoming
from kiosk.config import DisplayConfig
from kiosk.core.model import BREAK, Session

TZ = ZoneInfo("Asia/Kolkata")


def at(hh: int, mm: int, day: int = 5) -> datetime:
    return datetime(2026, 12, day, hh, mm, tzinfo=TZ)


DAY = DisplayConfig(on=time(8, 0), off=time(19, 0))
NIGHT = DisplayConfig(on=time(20, 0), off=time(2, 0))  # crosses midnight


@pytest.mark.parametrize(
    ("display", "now", "on"),
    [
        (DisplayConfig(), at(3, 0), True),
        (DAY, at(7, 59), False),
        (DAY, at(8, 0), True),
        (DAY, at(18, 59), True),
        (DAY, at(19, 0), False),
        (DAY, at(23, 30), False),
        (NIGHT, at(19, 59), False),
        (NIGHT, at(20, 0), True),
        (NIGHT, at(23, 59), True),
        (NIGHT, at(0, 0), True),
        (NIGHT, at(1, 59), True),
        (NIGHT, at(2, 0), False),
        (NIGHT, at(12, 0), False),
        (DisplayConfig(on=time(9, 0), off=time(9, 0)), at(3, 0), True),
    ],
)
def test_is_on(display: DisplayConfig, now: datetime, on: bool) -> None:
    assert display_hours.is_on(display, now) is on


@pytest.mark.parametrize(
    ("display", "now", "switch", "wake"),
    [
        (DisplayConfig(), at(3, 0), None, None),
        (DAY, at(6, 0), at(8, 0), at(8, 0)),
        (DAY, at(12, 0), at(19, 0), None),
        (DAY, at(22, 0), at(8, 0, day=6), at(8, 0, day=6)),
        (NIGHT, at(23, 0), at(2, 0, day=6), None),
        (NIGHT, at(1, 0), at(2, 0), None),
        (NIGHT, at(3, 0), at(20, 0), at(20, 0)),
    ],
)
def test_next_switch_and_wake(
    display: DisplayConfig, now: datetime, switch: datetime | None, wake: datetime | None
) -> None:
    assert display_hours.next_switch(display, now) == switch
    assert display_hours.wake_at(display, now) == wake


@pytest.mark.parametrize(
    ("start", "wake", "text"),
    [
        (at(10, 0), None, "Open Spaces resume at 10:00"),
        (at(10, 30, day=6), at(8, 0, day=6), "Open Spaces resume tomorrow at 10:30"),
        (at(9, 0, day=8), None, "Open Spaces resume on Tuesday at 09:00"),
        (at(9, 0, day=20), None, "Open Spaces resume on December 20 at 09:00"),
        (None, at(8, 0, day=6), "The board is back at 08:00"),
        (None, None, "Open Spaces"),
    ],
)
def test_resume_text(start: datetime | None, wake: datetime | None, text: str) -> None:
    assert display_hours.resume_text(at(7, 0), start, wake) == text


def _board(now: datetime, upcoming: Session | None, next_day: datetime | None) -> Board:
    return Board(
        now=now,
        day=date(2026, 12, 5),
        status=DayStatus.BEFORE if upcoming else DayStatus.DONE,
        current=(),
        next=Upcoming(upcoming, 60) if upcoming else None,
        later=(),
        today=(),
        slots=(),
        next_free=None,
        first_start=None,
        last_end=None,
        next_day_start=next_day,
    )


def test_next_start_prefers_today_then_a_later_day() -> None:
    s = Session("Packaging", at(10, 0), at(10, 30))
    assert display_hours.next_start(_board(at(7, 0), s, at(10, 0, day=6)), at(7, 0)) == at(10, 0)
    assert display_hours.next_start(_board(at(20, 0), None, at(10, 0, day=6)), at(20, 0)) == at(10, 0, day=6)
    assert display_hours.next_start(_board(at(20, 0), None, None), at(20, 0)) is None


def test_burn_in_shift_is_small_slow_and_cycles() -> None:
    start = at(0, 0)
    shifts = [display_hours.burn_in_shift(start + timedelta(minutes=m)) for m in range(0, 24 * 60)]
    assert all(abs(dx) <= 4 and abs(dy) <= 4 for dx, dy in shifts)
    changes = sum(a != b for a, b in itertools.pairwise(shifts))
    assert changes == 24 * 60 // display_hours.SHIFT_MINUTES - 1
    assert len(set(shifts)) == len(display_hours.SHIFTS)
    assert display_hours.burn_in_shift(at(10, 0)) == display_hours.burn_in_shift(at(10, 9))


def test_the_screen_wakes_by_the_wall_clock_rule_on_the_nights_the_clocks_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    display = DisplayConfig(on=time(2, 30), off=time(23, 0))
    # 02:30 does not happen on 29 March: the screen wakes at 03:30 summer time, as far past the gap.
    before = datetime(2026, 3, 29, 1, 0, tzinfo=berlin)
    wake = display_hours.wake_at(display, before)
    assert wake is not None and (wake.hour, wake.minute, wake.utcoffset()) == (3, 30, timedelta(hours=2))
    # 02:30 happens twice on 25 October: the first time, while the clocks still say summer time.
    autumn = datetime(2026, 10, 25, 1, 0, tzinfo=berlin)
    wake = display_hours.wake_at(display, autumn)
    assert wake is not None and wake.utcoffset() == timedelta(hours=2) and wake.hour == 2


def test_next_start_passes_over_a_break_before_the_first_session() -> None:
    coffee = Session("Registration and coffee", at(9, 0), at(9, 45), kind=BREAK)
    board = replace(_board(at(7, 0), coffee, None), later=(Session("Packaging", at(10, 0), at(10, 30)),))
    assert display_hours.next_start(board, at(7, 0)) == at(10, 0)
    assert display_hours.next_start(_board(at(7, 0), coffee, at(10, 0, day=6)), at(7, 0)) == at(10, 0, day=6)
