import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.shell import status

TZ = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 5, 11, 0, tzinfo=TZ)


def facts() -> status.Facts:
    return status.Facts(
        started=NOW - timedelta(hours=2), page="today", screen_on=True, frames=321, size=(1920, 1080)
    )


def test_record_has_what_an_operator_asks_for() -> None:
    s = Session("Typing", NOW, NOW + timedelta(minutes=30))
    snap = Latest(
        reading=Reading("json", Schedule(sessions=(s, s))),
        fetched_at=NOW - timedelta(minutes=3),
        checked_at=NOW - timedelta(seconds=20),
        error="the server answered 503",
        failures=2,
    )
    r = status.record(facts(), snap, NOW, pid=1234, rss=50_000_000)
    assert r["uptime_seconds"] == 7200
    assert r["schedule_age_seconds"] == 180
    assert r["sessions"] == 2
    assert r["last_fetch"] == {
        "at": "2026-12-05T10:59:40+05:30",
        "result": "the server answered 503",
        "failures": 2,
        "from_cache": False,
    }
    assert r["display"] == {"width": 1920, "height": 1080}
    assert (r["page"], r["frames_drawn"], r["pid"]) == ("today", 321, 1234)


def test_record_before_the_first_fetch() -> None:
    r = status.record(facts(), Latest(), NOW, pid=1, rss=None)
    assert r["sessions"] == 0
    assert r["schedule_age_seconds"] is None
    assert r["last_fetch"]["at"] is None


def test_rss_is_plausible() -> None:
    rss = status.rss_bytes()
    assert rss is not None and 5_000_000 < rss < 4_000_000_000


def test_write_is_atomic_and_complete(tmp_path: Path) -> None:
    path = tmp_path / "cache" / status.FILE_NAME
    data = status.record(facts(), Latest(), NOW, pid=os.getpid(), rss=status.rss_bytes())
    status.write(path, data)
    status.write(path, {**data, "frames_drawn": 322})
    assert json.loads(path.read_text())["frames_drawn"] == 322
    assert set(json.loads(path.read_text())) >= {
        "version",
        "pid",
        "uptime_seconds",
        "last_fetch",
        "schedule_age_seconds",
        "sessions",
        "page",
        "frames_drawn",
        "memory_rss_bytes",
        "display",
    }
    assert [p.name for p in path.parent.iterdir()] == [status.FILE_NAME]  # no temporary file left
