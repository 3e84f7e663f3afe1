from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from kiosk.board.demo import live_demo
from kiosk.board.timeline import SlotState, board_at
from kiosk.config import SlotsConfig
from kiosk.config import load as load_config
from kiosk.core.model import PROPOSED, SCHEDULED, Schedule, Session
from kiosk.core.resources import DEMO_SCHEDULE, data_path
from kiosk.formats import ReadOptions, native

KOLKATA = ZoneInfo("Asia/Kolkata")
DEMO_DAY = date(2026, 12, 5)
DEMO_SLOTS = SlotsConfig(start=time(10, 0), end=time(17, 0), minutes=30)
HERO = "Async Python war stories: what broke in production and how we fixed it"


def demo(tz: ZoneInfo = KOLKATA, day: date = DEMO_DAY) -> Schedule:
    """The bundled demo read the simple way: its "HH:MM" times on ``day`` in ``tz``."""
    document = json.loads(data_path(DEMO_SCHEDULE).read_text(encoding="utf-8"))

    def moment(hhmm: str) -> datetime:
        return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz)

    sessions = tuple(
        Session(
            title=item["title"],
            host=item.get("host", ""),
            start=moment(item["start"]),
            end=moment(item["end"]),
            status=item.get("status", SCHEDULED),
        )
        for item in document["sessions"]
    )
    return Schedule(sessions, tuple(document["announcements"]), tuple(document["ideas"]))


def live_problems(tz: ZoneInfo, day: date, step_minutes: int = 7) -> list[str]:
    """Every moment of ``day`` (step by step) at which the moved demo does not show a live board."""
    schedule = demo(tz)
    problems = []
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    moment = start
    while moment < end:
        now = moment.astimezone(tz)
        board = board_at(*live_demo(schedule, DEMO_SLOTS, now), now)
        checks = {
            "hero is on": [c.session.title for c in board.current] == [HERO],
            "a next session": board.next is not None and board.next.minutes_until <= 30,
            "a free slot ahead": board.next_free is not None and board.next_free.state is not SlotState.PAST,
            "a proposal": any(s.status == PROPOSED for s in board.today),
            "whole demo today": len(board.today) == len(schedule.sessions),
            "now in a slot": sum(slot.state is SlotState.CURRENT for slot in board.slots) == 1,
        }
        problems += [f"{now.isoformat()}: no {name}" for name, ok in checks.items() if not ok]
        moment += timedelta(minutes=step_minutes)
    return problems


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("Asia/Kolkata", date(2026, 12, 5)),
        ("Asia/Kolkata", date(2031, 2, 28)),
        ("Europe/Berlin", date(2026, 10, 25)),  # clocks go back an hour
        ("Europe/Berlin", date(2026, 3, 29)),  # clocks go forward an hour
        ("Europe/Berlin", date(2026, 3, 28)),  # the evening before: the moved demo runs into the change
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Australia/Lord_Howe", date(2026, 4, 5)),  # clocks go back half an hour
        ("Asia/Kathmandu", date(2026, 7, 1)),  # UTC+05:45
        ("UTC", date(2026, 1, 1)),
    ],
)
def test_demo_is_live_at_every_moment_of_a_day(zone: str, day: date) -> None:
    assert live_problems(ZoneInfo(zone), day) == []


def test_on_the_demo_day_at_noon_nothing_moves() -> None:
    schedule = demo()
    moved, slots = live_demo(schedule, DEMO_SLOTS, datetime(2026, 12, 5, 12, 10, tzinfo=KOLKATA))
    assert moved == schedule
    assert slots == DEMO_SLOTS


@pytest.mark.parametrize(
    ("now", "slots_start", "slots_end", "hero_start"),
    [
        (datetime(2027, 1, 9, 12, 10, tzinfo=KOLKATA), time(10, 0), time(17, 0), datetime(2027, 1, 9, 12, 0)),
        (
            datetime(2026, 12, 5, 9, 29, 59, tzinfo=KOLKATA),
            time(7, 0),
            time(14, 0),
            datetime(2026, 12, 5, 9, 0),
        ),
        (
            datetime(2026, 12, 5, 23, 50, tzinfo=KOLKATA),
            time(21, 30),
            time(4, 30),
            datetime(2026, 12, 5, 23, 30),
        ),
        (datetime(2026, 12, 6, 0, 10, tzinfo=KOLKATA), time(22, 0), time(5, 0), datetime(2026, 12, 6, 0, 0)),
        (datetime(2025, 6, 1, 3, 0, tzinfo=KOLKATA), time(1, 0), time(8, 0), datetime(2025, 6, 1, 3, 0)),
    ],
)
def test_the_hero_moves_to_the_slot_holding_now(
    now: datetime, slots_start: time, slots_end: time, hero_start: datetime
) -> None:
    moved, slots = live_demo(demo(), DEMO_SLOTS, now)
    (hero,) = (s for s in moved.sessions if s.title == HERO)
    assert hero.start == hero_start.replace(tzinfo=KOLKATA)
    assert (slots.start, slots.end, slots.minutes) == (slots_start, slots_end, 30)


def test_moving_keeps_lengths_order_and_everything_else() -> None:
    schedule = demo(ZoneInfo("Europe/Berlin"))
    now = datetime(2026, 3, 29, 1, 40, tzinfo=ZoneInfo("Europe/Berlin"))  # the hero lands before the change
    moved, _ = live_demo(schedule, DEMO_SLOTS, now)

    def length(s: Session) -> timedelta:
        return s.end.astimezone(UTC) - s.start.astimezone(UTC)

    assert [length(s) for s in moved.sessions] == [length(s) for s in schedule.sessions]
    gaps = [b.start.astimezone(UTC) - a.start.astimezone(UTC) for a, b in pairwise(moved.sessions)]
    assert gaps == [b.start - a.start for a, b in pairwise(schedule.sessions)]
    assert [(s.title, s.host, s.status) for s in moved.sessions] == [
        (s.title, s.host, s.status) for s in schedule.sessions
    ]
    assert moved.ideas == schedule.ideas
    assert all(s.start.tzinfo is now.tzinfo for s in moved.sessions)


@pytest.mark.parametrize("hour", [0, 9, 12, 17, 23])
def test_times_in_the_announcements_move_with_the_sessions(hour: int) -> None:
    schedule = demo()
    assert schedule.announcements == ("Lightning talk sign-up closes at 15:00 at the registration desk",)
    now = datetime(2026, 12, 7, hour, 47, tzinfo=KOLKATA)
    moved, _ = live_demo(schedule, DEMO_SLOTS, now)
    (hero,) = (s for s in moved.sessions if s.title == HERO)
    # On the demo day the sign-up closes three hours after the hero session starts; so it does after the move.
    closes = (hero.start + timedelta(hours=3)).strftime("%H:%M")
    assert moved.announcements == (f"Lightning talk sign-up closes at {closes} at the registration desk",)


def test_slot_length_other_than_thirty_minutes() -> None:
    # 45-minute slots from 09:00: now (15:50) is in the 15:45 slot, which 11:00 moves to: 4 h 45 min later.
    slots = SlotsConfig(start=time(9, 0), end=time(18, 0), minutes=45)
    moved, moved_slots = live_demo(demo(), slots, datetime(2026, 12, 7, 15, 50, tzinfo=KOLKATA))
    assert (moved_slots.start, moved_slots.end, moved_slots.minutes) == (time(13, 45), time(22, 45), 45)
    assert min(s.start for s in moved.sessions) == datetime(2026, 12, 7, 14, 45, tzinfo=KOLKATA)


def test_empty_schedule_stays_as_it_is() -> None:
    assert live_demo(Schedule(), DEMO_SLOTS, datetime(2026, 1, 1, tzinfo=KOLKATA)) == (Schedule(), DEMO_SLOTS)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        live_demo(demo(), DEMO_SLOTS, datetime(2026, 1, 1))


@pytest.mark.parametrize("hour", [0, 3, 9, 12, 17, 21, 23])
def test_the_bundled_config_and_demo_read_by_the_real_reader_are_live(hour: int) -> None:
    config = load_config()
    now = datetime(2027, 5, 17, hour, 40, tzinfo=config.tz)
    data = data_path(DEMO_SCHEDULE).read_bytes()
    schedule, problems = native.read(data, ReadOptions(timezone=config.tz, date=date(2026, 12, 5)))
    assert problems == []
    board = board_at(*live_demo(schedule, config.slots, now), now)
    assert [c.session.title for c in board.current] == [HERO]
    assert board.next is not None and board.next_free is not None
    assert len(board.today) == len(schedule.sessions)
