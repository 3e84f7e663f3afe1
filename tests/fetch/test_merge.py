"""Merging the readings and latest copies of several schedule sources: pure, with plain values."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.model import Alert, Latest, Problem, Reading, Schedule, Session
from kiosk.fetch.merge import merge_latest, merge_readings

TZ = ZoneInfo("Asia/Kolkata")
T = datetime(2026, 12, 5, 10, 0, tzinfo=TZ)


def session(title: str, hour: int) -> Session:
    start = T.replace(hour=hour)
    return Session(title, start, start + timedelta(minutes=30))


def test_one_source_is_the_board_as_it_is() -> None:
    reading = Reading("csv", Schedule((session("A", 10),)), (Problem("row 2", "no title"),))
    copy = Latest(reading=reading, fetched_at=T)
    assert merge_readings([(1, reading)]) is reading
    assert merge_latest([copy]) is copy


def test_sessions_in_time_order_problems_by_source_the_first_alert() -> None:
    first = Reading(
        "frab",
        Schedule((session("Keynote", 11),), announcements=("Lunch at 13:00",), other_rooms=(("Hall B", 4),)),
        (Problem('event "g1"', "has no title"),),
    )
    second = Reading(
        "json",
        Schedule(
            (session("Circle", 10),),
            ("Lunch at 13:00", "Bring water"),
            ("Mentoring",),
            Alert("Fire drill"),
            other_rooms=(("Hall B", 1), ("Foyer", 2)),
        ),
        (Problem("sessions[2]", "bad end"),),
    )
    merged = merge_readings([(1, first), (2, second)])
    assert merged.format == "frab+json"
    assert [s.title for s in merged.schedule.sessions] == ["Circle", "Keynote"]
    assert merged.schedule.announcements == ("Lunch at 13:00", "Bring water")
    assert merged.schedule.ideas == ("Mentoring",) and merged.schedule.alert == Alert("Fire drill")
    assert merged.problems == (
        Problem('source 1, event "g1"', "has no title"),
        Problem("source 2, sessions[2]", "bad end"),
    )
    assert merged.other_rooms == (("Hall B", 5), ("Foyer", 2))


def test_the_board_is_as_fresh_as_its_oldest_part_and_names_what_fails() -> None:
    good = Latest(reading=Reading("frab", Schedule()), fetched_at=T, checked_at=T + timedelta(minutes=9))
    failing = Latest(
        reading=Reading("csv", Schedule()),
        fetched_at=T - timedelta(minutes=30),
        checked_at=T + timedelta(minutes=8),
        error="HTTP 403 Forbidden",
        error_kind="auth",
        failures=3,
        offline_since=T - timedelta(minutes=25),
        from_cache=True,
    )
    never = Latest(error="cannot find the server", failures=1, offline_since=T - timedelta(minutes=5))
    board = merge_latest([good, failing, never])
    assert board.reading is not None and board.reading.format == "frab+csv"
    assert board.fetched_at == T - timedelta(minutes=30) and board.from_cache
    assert board.checked_at == T + timedelta(minutes=9)
    assert board.offline_since == T - timedelta(minutes=25)
    assert board.error == "source 2: HTTP 403 Forbidden; source 3: cannot find the server"
    assert board.error_kind == "auth" and board.failures == 3


def test_nothing_read_yet_is_no_reading() -> None:
    board = merge_latest([Latest(), Latest(error="timed out", failures=1)])
    assert board.reading is None and board.error == "source 2: timed out"
