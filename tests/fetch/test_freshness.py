from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.fetch.freshness import Freshness, clock_is_wrong, freshness

KOLKATA = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 5, 11, 0, tzinfo=KOLKATA)
READING = Reading("json", Schedule())


def ago(minutes: float) -> datetime:
    # The poller's clock may be in UTC: the footer still shows the event's wall clock.
    return (NOW - timedelta(minutes=minutes)).astimezone(UTC)


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (Latest(), Freshness("Waiting for the schedule…", False)),
        (
            Latest(error="the server answered 404 Not Found", failures=3, offline_since=ago(30)),
            Freshness("Cannot read the schedule: the server answered 404 Not Found", True),
        ),
        (Latest(READING, fetched_at=ago(0)), Freshness("Updated just now", False)),
        (Latest(READING, fetched_at=ago(0.99)), Freshness("Updated just now", False)),
        (Latest(READING, fetched_at=ago(1)), Freshness("Updated 1 min ago", False)),
        (Latest(READING, fetched_at=ago(2.5)), Freshness("Updated 2 min ago", False)),
        (Latest(READING, fetched_at=ago(-3)), Freshness("Updated just now", False)),  # clock set back
        (
            Latest(READING, fetched_at=ago(3), error="timed out", failures=1, offline_since=ago(1)),
            Freshness("Updated 3 min ago · retrying", False, "timed out"),
        ),
        (
            Latest(READING, fetched_at=ago(19), error="timed out", failures=4, offline_since=ago(18)),
            Freshness("Offline since 10:42 — showing the schedule from 10:41", True, "timed out"),
        ),
        (
            # offline for longer than the limit, although the last good fetch is recent enough
            Latest(READING, fetched_at=ago(8), error="timed out", failures=2, offline_since=ago(12)),
            Freshness("Offline since 10:48 — showing the schedule from 10:52", True, "timed out"),
        ),
        (
            Latest(READING, fetched_at=ago(9), error="timed out", failures=2, offline_since=ago(9)),
            Freshness("Updated 9 min ago · retrying", False, "timed out"),
        ),
        (
            Latest(READING, fetched_at=ago(60 * 14), from_cache=True),
            Freshness("Showing the saved schedule from Dec 4, 2026 21:00", True),
        ),
        (Latest(READING, fetched_at=ago(5), from_cache=True), Freshness("Updated 5 min ago", False)),
        (
            Latest(
                READING,
                fetched_at=ago(60 * 14),
                from_cache=True,
                error="refused",
                failures=1,
                offline_since=ago(1),
            ),
            Freshness(
                "Offline since 10:59 — showing the saved schedule from Dec 4, 2026 21:00", True, "refused"
            ),
        ),
        (Latest(READING, fetched_at=ago(11)), Freshness("Not updated since 10:49", True)),
    ],
)
def test_footer(latest: Latest, expected: Freshness) -> None:
    assert freshness(latest, NOW, stale_minutes=10) == expected


@pytest.mark.parametrize(
    ("stale_minutes", "text"),
    [(120, "Updated at 09:30"), (60, "Not updated since 09:30")],
)
def test_older_than_an_hour_shows_the_time(stale_minutes: float, text: str) -> None:
    assert freshness(Latest(READING, fetched_at=ago(90)), NOW, stale_minutes).text == text


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        freshness(Latest(), datetime(2026, 12, 5, 11, 0), 10)


SCHEDULE = Schedule(
    (
        Session(
            "Opening", datetime(2026, 12, 5, 10, tzinfo=KOLKATA), datetime(2026, 12, 5, 11, tzinfo=KOLKATA)
        ),
    )
)


@pytest.mark.parametrize(
    ("now", "skew", "message"),
    [
        (NOW, None, None),
        (NOW, 300, None),
        (NOW, -300, None),
        (NOW, 301, "The clock is 5 min behind the server"),
        (NOW, 2 * 3600 + 5 * 60, "The clock is 2 hr 5 min behind the server"),
        (NOW, -3 * 3600, "The clock is 3 hr ahead of the server"),
        (NOW, 5 * 86400, "The clock is 5 days behind the server"),
        (datetime(2026, 2, 8, 10, tzinfo=KOLKATA), None, None),  # exactly 300 days early: a keen planner
        (
            datetime(2026, 2, 7, 23, tzinfo=KOLKATA),
            None,
            "The clock says Feb 7, 2026, but the schedule starts on Dec 5, 2026: set the date",
        ),
        (
            datetime(1970, 1, 1, 5, 30, tzinfo=KOLKATA),
            None,
            "The clock says Jan 1, 1970, but the schedule starts on Dec 5, 2026: set the date",
        ),
        (datetime(2030, 1, 1, tzinfo=KOLKATA), None, None),  # after the schedule is not provably wrong
    ],
)
def test_clock_is_wrong(now: datetime, skew: float | None, message: str | None) -> None:
    assert clock_is_wrong(now, SCHEDULE, skew) == message


def test_clock_check_without_sessions() -> None:
    assert clock_is_wrong(datetime(1970, 1, 1, tzinfo=UTC), Schedule(), None) is None
