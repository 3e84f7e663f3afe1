"""Side sources (vote results, ideas, the alert) go through the schedule's fetch path: tested against
a real server on 127.0.0.1 with a fixed clock, one poll at a time.

The side-source half of ``kiosk.fetch.source`` (its schedule half is in test_poller.py, where the poller
reads the schedule).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pytest
from doubles import Clocks
from schedule_server import ScheduleServer, reply, schedule_json, with_etag

from kiosk.config import Config
from kiosk.fetch.sides import side_sources
from kiosk.fetch.source import Sources, make_side_feed, make_sources, poll_sides

TZ = ZoneInfo("Asia/Kolkata")
START = datetime(2026, 12, 5, 9, 0, tzinfo=TZ)
RESULTS = b"Timestamp,Which session?\r\n2026-12-05 14:01,Async pitfalls\r\n"
LOGIN = b"<!DOCTYPE html><html><body>Sign in to continue</body></html>"


@pytest.fixture
def server(server: ScheduleServer) -> ScheduleServer:
    """The shared server (conftest.py) with the routes these tests read."""
    server.routes["/schedule.json"] = reply(200, schedule_json("Type hints"))
    return server


def config(tmp_path: Path, server: ScheduleServer, **tables: configs.Table) -> Config:
    return configs.kiosk_config(
        tmp_path,
        event={"timezone": "Asia/Kolkata"},
        source={"url": server.url("/schedule.json"), "timeout_seconds": 2, "max_bytes": 10_000},
        **tables,
    )


def test_only_configured_side_sources_are_read(tmp_path: Path, server: ScheduleServer) -> None:
    assert side_sources(config(tmp_path, server)) == ()
    both = config(tmp_path, server, vote={"results": "https://x/r"}, alert={"url": "/a.txt"})
    assert [side.name for side in side_sources(both)] == ["votes", "alert"]


def test_a_side_source_keeps_its_last_good_bytes_through_a_broken_sheet(
    tmp_path: Path, server: ScheduleServer
) -> None:
    server.routes["/results.csv"] = with_etag(RESULTS, '"r1"', "text/csv")
    conf = config(tmp_path, server, vote={"results": server.url("/results.csv")})
    clock = Clocks(START)
    feed = make_side_feed(conf, side_sources(conf)[0], clock)
    good = feed.poll_once()
    assert good.reading is not None and good.reading.body == RESULTS and good.error is None
    assert good.fetched_at == START and good.changed_at == START

    clock.advance(60)  # unchanged: the server answers 304, the bytes and their change time stay
    same = feed.poll_once()
    assert server.requests[-1][1]["If-None-Match"] == '"r1"'
    assert same.reading == good.reading and same.changed_at == START and same.fetched_at == clock.now

    for broken, words in ((reply(500, b"oops"), "HTTP 500"), (reply(200, LOGIN), "login page")):
        server.routes["/results.csv"] = broken
        clock.advance(60)
        during = feed.poll_once()
        assert during.reading == good.reading, "a broken sheet never blanks the tally"
        assert during.error is not None and words in during.error
    assert during.failures == 2 and during.offline_since == START + timedelta(minutes=2)
    assert not during.is_stale(clock.now, conf.source.stale_minutes)
    clock.advance(15 * 60)
    assert during.is_stale(clock.now, conf.source.stale_minutes), "an old tally is marked stale"


def test_a_new_kiosk_starts_from_the_cached_copy(tmp_path: Path, server: ScheduleServer) -> None:
    server.routes["/results.csv"] = reply(200, RESULTS, {"Content-Type": "text/csv"})
    conf = config(tmp_path, server, vote={"results": server.url("/results.csv")})
    make_side_feed(conf, side_sources(conf)[0], Clocks(START)).poll_once()
    server.routes["/results.csv"] = reply(503, b"")
    later = Clocks(START)
    later.advance(60 * 60)
    sides = dict(poll_sides(conf, later.now))
    assert sides["votes"].reading is not None and sides["votes"].reading.body == RESULTS
    assert sides["votes"].from_cache and sides["votes"].fetched_at == START
    assert sides["votes"].error is not None and "503" in sides["votes"].error


def test_an_empty_alert_is_good_news_not_a_failure(tmp_path: Path, server: ScheduleServer) -> None:
    server.routes["/alert.txt"] = reply(200, b"Room moved to H-201\n", {"Content-Type": "text/plain"})
    conf = config(tmp_path, server, alert={"url": server.url("/alert.txt")})
    clock = Clocks(START)
    feed = make_side_feed(conf, side_sources(conf)[0], clock)
    assert feed.poll_once().reading is not None
    server.routes["/alert.txt"] = reply(200, b"")
    clock.advance(60)
    cleared = feed.poll_once()
    assert cleared.error is None and cleared.reading is not None and cleared.reading.text == ""
    assert cleared.changed_at == clock.now


def test_the_loop_sees_one_copy_that_changes_only_when_a_source_does(
    tmp_path: Path, server: ScheduleServer
) -> None:
    server.routes["/ideas.csv"] = with_etag(b"Topic,Show\r\nMentoring,yes\r\n", '"i1"', "text/csv")
    conf = config(tmp_path, server, ideas={"url": server.url("/ideas.csv")})
    clock = Clocks(START)
    sources = make_sources(conf, clock)
    assert isinstance(sources, Sources) and list(sources.sides) == ["ideas"]
    sources.schedule.poll_once()
    first = sources.latest()
    assert first.reading is not None and first.side("ideas") is not None
    assert first.side("votes") is None
    assert sources.latest() is first, "nothing changed: the loop must not redraw"
    sources.sides["ideas"].poll_once()
    second = sources.latest()
    assert second is not first
    ideas = second.side("ideas")
    assert ideas is not None and ideas.reading is not None and b"Mentoring" in ideas.reading.body
    assert sources.latest() is second
