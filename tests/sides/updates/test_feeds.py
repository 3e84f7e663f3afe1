"""The organisers' feeds through the schedule's one fetch path, against a real server on 127.0.0.1
that answers like Mastodon and Bluesky: what reaches the board, and a feed that fails and recovers."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pytest
from doubles import Clocks
from PIL import Image
from schedule_server import DATE, ScheduleServer, delayed, reply, schedule_json
from screens import qr_codes
from social import account, author_feed, bsky_post, dump, iso, status

from kiosk import cli
from kiosk.config import Config
from kiosk.core.model import Latest
from kiosk.fetch.sides import side_sources
from kiosk.fetch.source import make_side_feed, poll_sides
from kiosk.shell import scene
from kiosk.sides.updates import feeds

TZ = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 5, 12, 10, tzinfo=TZ)
LOOKUP = "/api/v1/accounts/lookup?acct=pyconf"
STATUSES = "/api/v1/accounts/1/statuses?exclude_replies=true&limit=20"
TAG = "/api/v1/timelines/tag/pyconfopenspaces?limit=20"
BSKY = "/xrpc/app.bsky.feed.getAuthorFeed?actor=pyconf.bsky.social&filter=posts_no_replies&limit=20"

PYCONF = account("pyconf", "PyConf", id="1")
FRIEND = account("openspaces", "Open Spaces", id="2")
STRANGER = account("mallory@evil.example", "PyConf (official!!)", id="3")
LONG = "Schedule notes. " * 312 + "The end."  # 5,000 characters


def ago(minutes: int) -> datetime:
    return NOW - timedelta(minutes=minutes)


def statuses() -> bytes:
    return dump(
        [
            status(
                "101",
                PYCONF,
                "<p>Room change: packaging moves to <b>H-104</b></p><script>steal()</script>",
                ago(3),
            ),
            status("102", PYCONF, "<p>spoiler</p>", ago(5), sensitive=True, spoiler_text="Lunch menu (nuts)"),
            status("103", PYCONF, "<p>@mallory no.</p>", ago(6), in_reply_to=STRANGER),
            status("104", PYCONF, "", ago(7), reblog=status("9", STRANGER, "<p>Buy crypto</p>", ago(8))),
            status("105", PYCONF, f"<p>{LONG}</p>", ago(9)),
            status("106", PYCONF, "<p>Too old to show</p>", ago(60 * 30)),
        ]
    )


def tagged() -> bytes:
    return dump(
        [
            status("201", STRANGER, "<p>Free tickets at evil.example</p>", ago(1)),
            status("202", FRIEND, "<p>שלום! مرحبا 👋 New Open Space at 15:30 🎉</p>", ago(2)),
        ]
    )


def bsky() -> bytes:
    return author_feed(
        bsky_post("pyconf.bsky.social", "Doors open at 9 🚪", ago(4), display_name="PyConf", rkey="3k1"),
        bsky_post(
            "mallory.bsky.social", "reposted spam", ago(4), rkey="3k2", reposted_by="pyconf.bsky.social"
        ),
    )


@pytest.fixture
def server(server: ScheduleServer) -> ScheduleServer:
    """The shared server (conftest.py) with the routes these tests read."""
    server.routes["/schedule.json"] = reply(200, schedule_json("Type hints"))
    server.routes[LOOKUP] = reply(200, dump(PYCONF))
    server.routes[STATUSES] = reply(200, statuses())
    server.routes[TAG] = reply(200, tagged())
    server.routes[BSKY] = reply(200, bsky())
    return server


def updates(server: ScheduleServer) -> configs.Table:
    """The organisers' accounts and tags, all served by ``server``."""
    return {
        "mastodon": [server.url("/@pyconf")],
        "hashtags": [server.url("/tags/pyconfopenspaces")],
        "allow": ["@openspaces@127.0.0.1"],
        "bluesky": ["pyconf.bsky.social"],
        "bluesky_api": server.url(""),
    }


def config(tmp_path: Path, server: ScheduleServer, timeout: float = 2) -> Config:
    return configs.kiosk_config(
        tmp_path,
        event={"timezone": "Asia/Kolkata"},
        source={"url": server.url("/schedule.json"), "timeout_seconds": timeout, "poll_seconds": 5},
        updates=updates(server),
    )


def shown(conf: Config, now: datetime = NOW) -> list[tuple[str, str]]:
    latest = Latest(sides=poll_sides(conf, now))
    return [(post.handle, post.text) for post in scene.shown_updates(conf, latest, now)]


def test_the_board_shows_only_what_the_organisers_allowed(tmp_path: Path, server: ScheduleServer) -> None:
    posts = shown(config(tmp_path, server))
    assert posts[:5] == [
        ("@openspaces@127.0.0.1", "שלום! مرحبا 👋 New Open Space at 15:30 🎉"),
        ("@pyconf@127.0.0.1", "Room change: packaging moves to H-104"),
        ("@pyconf.bsky.social", "Doors open at 9 🚪"),
        ("@pyconf@127.0.0.1", "Lunch menu (nuts)"),
        ("@pyconf@127.0.0.1", LONG),
    ]
    assert len(posts) == 5, "the stranger, the reply, the boost and the old post stay off the board"
    assert len(LONG) == 5000
    # The account was looked up once, then its statuses asked for without replies.
    assert [path for path, _ in server.requests].count(LOOKUP) == 1


def test_feeds_are_polled_at_most_once_a_minute(tmp_path: Path, server: ScheduleServer) -> None:
    conf = config(tmp_path, server)
    assert conf.source.poll_seconds == 5
    sides = side_sources(conf)
    assert [side.name for side in sides] == [
        "updates from @pyconf@127.0.0.1",
        "updates tagged #pyconfopenspaces on 127.0.0.1",
        "updates from @pyconf.bsky.social",
    ]
    for side in sides:
        feed = make_side_feed(conf, side, lambda: NOW)
        assert feed.poll_seconds == feed.min_interval == feeds.MIN_POLL_SECONDS  # also when 'r' is pressed
        feed.poll_once()
        assert feed.delay >= 60


def test_a_failing_feed_keeps_its_last_good_posts_and_recovers(
    tmp_path: Path, server: ScheduleServer
) -> None:
    conf = config(tmp_path, server, timeout=0.5)
    clock = Clocks(NOW)
    tag = next(side for side in side_sources(conf) if "tagged" in side.name)
    feed = make_side_feed(conf, tag, clock)
    good = feed.poll_once()
    assert good.error is None and good.reading is not None

    failures = [
        (reply(429, b"slow down", {"Retry-After": "300"}), "429", 300.0),
        (reply(500, b"<html>oops</html>"), "500", None),
        (delayed(1.5, reply(200, tagged())), "did not answer", None),
        (reply(200, b"<!DOCTYPE html><html>maintenance</html>"), "not a Mastodon", None),
    ]
    for route, words, wait in failures:
        server.routes[TAG] = route
        clock.advance(60)
        during = feed.poll_once()
        assert during.reading == good.reading, "a failing feed never blanks its posts"
        assert during.error is not None and words in during.error
        if wait is not None:
            assert feed.delay == wait, "the server's Retry-After is honoured"
        latest = Latest(sides=((tag.name, during),))
        assert [p.handle for p in scene.shown_updates(conf, latest, clock.now)] == ["@openspaces@127.0.0.1"]
    assert during.failures == 4

    server.routes[TAG] = reply(200, dump([status("203", FRIEND, "<p>Back again</p>", clock.now)]))
    clock.advance(60)
    recovered = feed.poll_once()
    assert recovered.error is None and recovered.failures == 0
    latest = Latest(sides=((tag.name, recovered),))
    assert [p.text for p in scene.shown_updates(conf, latest, clock.now)] == ["Back again"]


def _limits(remaining: int, minutes: int, bluesky: bool = False) -> dict[str, str]:
    """Rate-limit headers as each server sends them; the reset is counted from the server's clock
    (the test server's ``Date`` is ``DATE``)."""
    reset = DATE + timedelta(minutes=minutes)
    if bluesky:
        return {
            "RateLimit-Limit": "3000",
            "RateLimit-Remaining": str(remaining),
            "RateLimit-Reset": str(int(reset.timestamp())),
        }
    return {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": iso(reset),
    }


@pytest.mark.parametrize(
    ("remaining", "bluesky", "wait"), [(0, False, 600), (0, True, 600), (12, False, 60), (12, True, 60)]
)
def test_a_spent_rate_limit_waits_for_its_reset(
    tmp_path: Path, server: ScheduleServer, remaining: int, bluesky: bool, wait: float
) -> None:
    conf = config(tmp_path, server)
    server.routes[TAG] = reply(200, tagged(), _limits(remaining, 10, bluesky))
    tag = next(side for side in side_sources(conf) if "tagged" in side.name)
    feed = make_side_feed(conf, tag, lambda: NOW)
    assert feed.poll_once().error is None
    assert feed.delay == wait


def test_a_429_without_retry_after_waits_for_the_rate_limit_reset(
    tmp_path: Path, server: ScheduleServer
) -> None:
    conf = config(tmp_path, server)
    server.routes[TAG] = reply(429, b"Too many requests", _limits(0, 5))
    tag = next(side for side in side_sources(conf) if "tagged" in side.name)
    feed = make_side_feed(conf, tag, lambda: NOW)
    assert feed.poll_once().error is not None
    assert feed.delay == 300


def test_an_account_is_looked_up_again_when_its_id_is_gone(tmp_path: Path, server: ScheduleServer) -> None:
    conf = config(tmp_path, server)
    side = side_sources(conf)[0]
    feed = make_side_feed(conf, side, lambda: NOW)
    assert feed.poll_once().error is None
    server.routes[STATUSES] = reply(404, b'{"error": "Record not found"}')
    assert feed.poll_once().error is not None
    server.routes[STATUSES] = reply(200, statuses())
    assert feed.poll_once().error is None
    assert [path for path, _ in server.requests].count(LOOKUP) == 2


def test_an_account_that_does_not_exist_is_a_plain_error(tmp_path: Path, server: ScheduleServer) -> None:
    conf = config(tmp_path, server)
    server.routes[LOOKUP] = reply(404, b'{"error": "Record not found"}')
    polled = make_side_feed(conf, side_sources(conf)[0], lambda: NOW).poll_once()
    assert polled.reading is None and polled.error is not None and "404" in polled.error


def config_file(tmp_path: Path, server: ScheduleServer) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": server.url("/schedule.json")},
        updates=updates(server),
    )


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """``check`` reads the real clock: here it is the posts' "now"."""
    monkeypatch.setattr(cli, "event_now", lambda config, at=None: NOW)


@pytest.mark.usefixtures("frozen")
def test_check_json_lists_the_updates(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", "--config", str(config_file(tmp_path, server)), "--json"])
    found = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_OK and found["problems"] == []
    assert [post["text"][:20] for post in found["updates"]][:3] == [
        "שלום! مرحبا 👋 New Op",
        "Room change: packagi",
        "Doors open at 9 🚪",
    ]
    first = found["updates"][1]
    assert first == {
        "author": "PyConf",
        "handle": "@pyconf@127.0.0.1",
        "at": "2026-12-05T12:07:00+05:30",
        "text": "Room change: packaging moves to H-104",
        "url": "https://fosstodon.org/@pyconf/101",
    }


@pytest.mark.usefixtures("frozen")
def test_check_says_what_was_left_out_and_which_feed_fails(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes[TAG] = reply(500, b"oops")
    code = cli.main(["check", "--config", str(config_file(tmp_path, server))])
    out = capsys.readouterr().out
    assert code == cli.EXIT_PROBLEMS
    assert "Updates: 4 posts from the last 24 hours." in out
    assert "a reply by @pyconf@127.0.0.1 to @mallory@evil.example" in out
    assert "[updates] hashtags #pyconfopenspaces on 127.0.0.1: HTTP 500" in out
    assert not (tmp_path / "cache").exists(), "check never writes the cache"


def test_snapshot_draws_the_updates_page_from_the_feeds(tmp_path: Path, server: ScheduleServer) -> None:
    output = tmp_path / "updates.png"
    path = config_file(tmp_path, server)
    code = cli.main(
        [
            "snapshot",
            "--config",
            str(path),
            "--page",
            "updates",
            "--at",
            "2026-12-05T12:10",
            "--output",
            str(output),
        ]
    )
    assert code == cli.EXIT_OK
    assert qr_codes(Image.open(output)) == [server.url("/@pyconf")]
