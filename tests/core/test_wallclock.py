"""Times the clocks skip or repeat mean the same instant in every reader (``kiosk.core.wallclock``)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from kiosk import cli
from kiosk.config import load
from kiosk.core.wallclock import instants, settle, wall_time
from kiosk.formats import ReadOptions, read_schedule

BERLIN = ZoneInfo("Europe/Berlin")


def native(day: str, start: str, end: str) -> bytes:
    return json.dumps({"sessions": [{"title": "T", "start": f"{day}T{start}", "end": end}]}).encode()


def csv(day: str, start: str, end: str) -> bytes:
    return f"Title,Date,Start,End\r\nT,{day},{start},{end}\r\n".encode()


def csv_range(day: str, start: str, end: str) -> bytes:
    return f"Title,Date,Time\r\nT,{day},{start} - {end}\r\n".encode()


def frab(day: str, start: str, end: str) -> bytes:
    minutes = (
        datetime.combine(date.min, time.fromisoformat(end))
        - datetime.combine(date.min, time.fromisoformat(start))
    ).seconds // 60
    event = {
        "guid": "g",
        "title": "T",
        "date": f"{day}T{start}:00",
        "start": start,
        "duration": f"00:{minutes:02d}",
    }
    document = {
        "schedule": {
            "conference": {
                "time_zone_name": "Europe/Berlin",
                "days": [{"date": day, "rooms": {"R": [event]}}],
            }
        }
    }
    return json.dumps(document).encode()


READERS = {"json": native, "csv": csv, "csv-range": csv_range, "frab": frab}


def read(kind: str, day: str, start: str, end: str) -> tuple[str, str]:
    options = ReadOptions(timezone=BERLIN, date=date.fromisoformat(day))
    reading = read_schedule(READERS[kind](day, start, end), options, format=kind.split("-")[0])
    assert reading.problems == ()
    [session] = reading.schedule.sessions
    return session.start.isoformat(), session.end.isoformat()


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_time_the_clocks_skip_is_moved_forward_by_the_gap(kind: str) -> None:
    # 29 March 2026: 02:00 becomes 03:00 in Berlin.
    assert read(kind, "2026-03-29", "02:15", "02:45") == (
        "2026-03-29T03:15:00+02:00",
        "2026-03-29T03:45:00+02:00",
    )


@pytest.mark.parametrize("kind", ["json", "csv", "csv-range"])
def test_an_end_in_the_gap_is_an_hour_later_not_a_problem(kind: str) -> None:
    assert read(kind, "2026-03-29", "01:30", "02:30") == (
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
    )


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_time_the_clocks_repeat_means_the_first_time(kind: str) -> None:
    # 25 October 2026: 03:00 becomes 02:00 again.
    assert read(kind, "2026-10-25", "02:30", "02:50") == (
        "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:50:00+02:00",
    )


def test_the_rule() -> None:
    assert (
        wall_time(date(2026, 10, 25), time(2, 30), BERLIN, fold=1).isoformat() == "2026-10-25T02:30:00+01:00"
    )
    year_one = datetime(1, 1, 1, 0, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert settle(year_one) is year_one  # no instant: left for the row's problem
    with pytest.raises(ValueError):
        settle(datetime(2026, 3, 29, 2, 15))


def test_the_instants_a_wall_clock_reading_happens() -> None:
    assert instants(datetime(2026, 3, 29, 2, 30), BERLIN) == ()  # skipped
    assert instants(datetime(2026, 10, 25, 2, 30), BERLIN) == (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )
    assert instants(datetime(2026, 12, 5, 10, 0), BERLIN) == (datetime(2026, 12, 5, 9, 0, tzinfo=UTC),)


def test_snapshot_at_a_skipped_time_is_read_by_the_same_rule() -> None:
    bundled = load(None)
    config = replace(bundled, event=replace(bundled.event, timezone=BERLIN))
    moment = cli.event_now(config, "2026-03-29T02:30")
    # The clocks jump from 02:00 to 03:00: 02:30 is read with the offset before the change, 03:30.
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (moment.hour, moment.minute) == (3, 30)
    later = cli.event_now(config, "2026-10-25T02:30")  # happens twice: the first time
    assert later.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
