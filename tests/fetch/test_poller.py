"""The poller driven step by step with a scripted fetch and a fixed clock, then against a real server."""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pytest
import requests
from doubles import Clocks
from schedule_server import (
    DATE,
    ScheduleServer,
    delayed,
    endless_chunked,
    reply,
    schedule_json,
    trickle,
    truncated,
    with_etag,
)

from kiosk.config import Config
from kiosk.core.model import Latest, Reading, UnreadableError
from kiosk.fetch import backoff, http
from kiosk.fetch.cache import CachedCopy, load_cache, save_cache
from kiosk.fetch.fetched import Failure, FetchError, FetchResult, Validators
from kiosk.fetch.poller import EMPTY_MESSAGE, Poller
from kiosk.fetch.source import cached_reading, make_fetch, make_parse, read_source

TZ = ZoneInfo("Asia/Kolkata")
START = datetime(2026, 12, 5, 9, 0, tzinfo=TZ)
URL = "https://example.org/open-spaces.json"
ONE = schedule_json("Type hints")
TWO = schedule_json("Type hints", "Packaging")


def make_config(tmp_path: Path, url: str = URL, **source: float) -> Config:
    return configs.kiosk_config(tmp_path, event={"timezone": "Asia/Kolkata"}, source={"url": url, **source})


class Script:
    """A fetch function answering from a list: a FetchResult, or a FetchError to raise."""

    def __init__(self, *answers: FetchResult | FetchError) -> None:
        self.answers = list(answers)
        self.sent: list[Validators] = []

    def __call__(self, validators: Validators) -> FetchResult:
        self.sent.append(validators)
        answer = self.answers.pop(0)
        if isinstance(answer, FetchError):
            raise answer
        return answer

    def then(self, *answers: FetchResult | FetchError) -> None:
        self.answers.extend(answers)


def ok(body: bytes, etag: str = "", server_date: datetime | None = None) -> FetchResult:
    return FetchResult(body=body, content_type="application/json", etag=etag, server_date=server_date)


NOT_MODIFIED = FetchResult(not_modified=True)
DOWN = FetchError("'example.org' did not answer within 10 s", Failure.TIMEOUT)


def poller(tmp_path: Path, script: Script, clock: Clocks, **options: object) -> Poller:
    config = make_config(tmp_path)
    return Poller(
        url=URL,
        poll_seconds=60,
        fetch=script,
        clock=clock,
        cache_dir=config.cache.dir,
        **{"parse": make_parse(config), "monotonic": clock.monotonic, **options},  # type: ignore[arg-type]
    )


def titles(latest: Latest) -> list[str]:
    assert latest.reading is not None
    return [session.title for session in latest.reading.schedule.sessions]


def test_a_good_response_is_shown_and_cached(tmp_path: Path) -> None:
    clock = Clocks(START)
    p = poller(tmp_path, Script(ok(TWO, etag='"v1"')), clock)
    latest = p.poll_once()
    assert titles(latest) == ["Type hints", "Packaging"]
    assert latest == replace(latest, fetched_at=START, checked_at=START, error=None, failures=0)
    assert not latest.from_cache and p.latest() is latest
    cached = load_cache(tmp_path / "cache", URL)
    assert cached is not None and cached.body == TWO and cached.etag == '"v1"' and cached.format == "json"
    assert p.delay == 60


def test_bare_times_fall_on_todays_date_in_the_event_zone(tmp_path: Path) -> None:
    clock = Clocks(START)
    clock.now = datetime(2026, 12, 5, 20, 0, tzinfo=ZoneInfo("UTC"))  # already 6 December in India
    latest = poller(tmp_path, Script(ok(ONE)), clock).poll_once()
    assert latest.reading is not None
    assert latest.reading.schedule.sessions[0].start == datetime(2026, 12, 6, 10, 0, tzinfo=TZ)


def test_the_cached_copy_is_shown_first_and_its_validators_sent(tmp_path: Path) -> None:
    fetched = START - timedelta(hours=2)
    save_cache(tmp_path / "cache", CachedCopy(url=URL, body=TWO, fetched_at=fetched, etag='"v1"'))
    clock, script = Clocks(START), Script(NOT_MODIFIED)
    p = poller(tmp_path, script, clock)
    first = p.load_cached()
    assert titles(first) == ["Type hints", "Packaging"]
    assert first.from_cache and first.fetched_at == fetched and first.checked_at is None
    second = p.poll_once()
    assert script.sent == [Validators(etag='"v1"')]
    assert titles(second) == titles(first)
    assert not second.from_cache and second.fetched_at == START


def test_a_cache_that_no_longer_reads_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    save_cache(tmp_path / "cache", CachedCopy(url=URL, body=b"<html>hi</html>", fetched_at=START))
    p = poller(tmp_path, Script(), Clocks(START))
    assert p.load_cached() == Latest()
    assert "ignoring the cached schedule" in caplog.text


def test_failures_keep_the_last_good_schedule_and_count_the_streak(tmp_path: Path) -> None:
    clock = Clocks(START)
    script = Script(
        ok(TWO), DOWN, DOWN, FetchError("HTTP 503 Service Unavailable", Failure.SERVER, 120), ok(ONE)
    )
    p = poller(tmp_path, script, clock)
    p.poll_once()
    first_failure = clock.advance()
    p.poll_once()
    clock.advance()
    down = p.poll_once()
    assert titles(down) == ["Type hints", "Packaging"]
    assert (down.failures, down.offline_since, down.fetched_at) == (2, first_failure, START)
    assert down.error == DOWN.message and down.checked_at == clock.now
    assert 60 <= p.delay <= 120
    clock.advance()
    limited = p.poll_once()
    assert (limited.failures, limited.offline_since) == (3, first_failure)
    assert p.delay == 120
    back = p.poll_once()
    assert titles(back) == ["Type hints"]
    assert (back.failures, back.error, back.offline_since, back.fetched_at) == (0, None, None, clock.now)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<!DOCTYPE html><html><body>Sign in to continue</body></html>", "HTML login page"),
        (b"", "empty document"),
        (b'{"sessions": [', "JSON"),
        (b'{"sessions": [{"title": "Caf\xe9", "start": "10:00", "end": "10:30"}]}', "not UTF-8"),
    ],
)
def test_an_unreadable_response_keeps_the_last_good_schedule(tmp_path: Path, body: bytes, words: str) -> None:
    p = poller(tmp_path, Script(ok(TWO, etag='"v1"'), ok(body), ok(ONE)), Clocks(START))
    p.poll_once()
    kept = p.poll_once()
    assert titles(kept) == ["Type hints", "Packaging"]
    assert kept.error is not None and words in kept.error and kept.failures == 1
    assert p.delay == 60
    cached = load_cache(tmp_path / "cache", URL)
    assert cached is not None and cached.body == TWO
    assert titles(p.poll_once()) == ["Type hints"]


def test_an_empty_schedule_does_not_replace_a_full_one(tmp_path: Path) -> None:
    empty = schedule_json()
    p = poller(tmp_path, Script(ok(empty), ok(TWO), ok(empty)), Clocks(START))
    assert titles(p.poll_once()) == []
    assert titles(p.poll_once()) == ["Type hints", "Packaging"]
    kept = p.poll_once()
    assert titles(kept) == ["Type hints", "Packaging"] and kept.error == EMPTY_MESSAGE


def test_broken_rows_are_kept_as_problems(tmp_path: Path) -> None:
    latest = poller(tmp_path, Script(ok(schedule_json("Type hints", broken=True))), Clocks(START)).poll_once()
    assert latest.reading is not None and titles(latest) == ["Type hints"]
    assert [p.where for p in latest.reading.problems] == ['sessions[1] "No times at all"']
    assert latest.error is None


def test_a_reader_bug_does_not_stop_the_poller(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def broken_parse(data: bytes, content_type: str, name: str, now: datetime) -> object:
        raise RuntimeError("boom")

    p = poller(tmp_path, Script(ok(ONE)), Clocks(START))
    p._parse = broken_parse  # type: ignore[assignment]
    latest = p.poll_once()
    assert latest.error is not None and "boom" in latest.error and latest.failures == 1


@pytest.mark.parametrize(("offset", "skew"), [(0, 0.0), (300, 300.0), (-3600, -3600.0)])
def test_clock_skew_is_the_server_date_minus_the_local_clock(
    tmp_path: Path, offset: int, skew: float
) -> None:
    server_date = START + timedelta(seconds=offset)
    assert (
        poller(tmp_path, Script(ok(ONE, server_date=server_date)), Clocks(START)).poll_once().clock_skew
        == skew
    )


def test_a_new_day_reads_the_schedule_afresh(tmp_path: Path) -> None:
    clock, script = Clocks(START), Script(ok(ONE, etag='"v1"'), NOT_MODIFIED, ok(ONE, etag='"v1"'))
    p = poller(tmp_path, script, clock)
    p.poll_once()
    clock.advance(60)
    p.poll_once()
    clock.advance(24 * 3600)
    next_day = p.poll_once()
    assert script.sent == [Validators(), Validators(etag='"v1"'), Validators()]
    assert next_day.reading is not None
    assert next_day.reading.schedule.sessions[0].start.date() == date(2026, 12, 6)


def test_the_same_bytes_are_not_read_again(tmp_path: Path) -> None:
    """A server (or a file) without validators sends the whole schedule each minute: it is read once,
    and again only when its bytes change or a new day begins (bare times fall on the new date)."""
    clock, script = Clocks(START), Script(ok(ONE), ok(ONE), ok(ONE), ok(TWO), ok(TWO), ok(TWO))
    config = make_config(tmp_path)
    parse, reads = make_parse(config), []

    def counting_parse(data: bytes, content_type: str, name: str, now: datetime) -> Reading:
        reads.append(data)
        return parse(data, content_type, name, now)

    p = poller(tmp_path, script, clock, parse=counting_parse)
    first = p.poll_once()
    for _ in range(2):
        clock.advance(60)
        assert p.poll_once().reading is first.reading
    assert reads == [ONE]
    clock.advance(60)
    assert titles(p.poll_once()) == ["Type hints", "Packaging"]
    clock.advance(60)
    p.poll_once()
    assert reads == [ONE, TWO]
    clock.advance(24 * 3600)
    p.poll_once()
    assert reads == [ONE, TWO, TWO]


def test_the_cached_copy_is_not_read_again_when_the_source_sends_it(tmp_path: Path) -> None:
    clock = Clocks(START)
    poller(tmp_path, Script(ok(ONE)), clock).poll_once()
    reads: list[bytes] = []
    parse = make_parse(make_config(tmp_path))

    def counting_parse(data: bytes, content_type: str, name: str, now: datetime) -> Reading:
        reads.append(data)
        return parse(data, content_type, name, now)

    p = poller(tmp_path, Script(ok(ONE)), clock, parse=counting_parse)
    assert p.load_cached().from_cache
    clock.advance(60)
    assert not p.poll_once().from_cache
    assert reads == [ONE]


def test_one_log_line_per_state_change(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clocks(START)
    script = Script(ok(TWO, server_date=START + timedelta(minutes=10)), *[DOWN] * 5, ok(TWO), ok(ONE))
    p = poller(tmp_path, script, clock)
    with caplog.at_level(logging.INFO, logger="kiosk.fetch.source"):
        for _ in range(8):
            p.poll_once()
    assert [r.getMessage() for r in caplog.records] == [
        "schedule changed: 2 sessions, 0 problems",
        "the local clock is -600 s off the server's clock",
        f"cannot read the schedule: {DOWN.message}; showing the schedule from 2026-12-05T09:00:00+05:30",
        "recovered after 5 failed attempts",
        "schedule changed: 1 sessions, 0 problems",
    ]


def test_on_change_hears_only_changes(tmp_path: Path) -> None:
    heard: list[Latest] = []
    p = poller(tmp_path, Script(ok(ONE), ok(ONE), DOWN, DOWN), Clocks(START), on_change=heard.append)
    for _ in range(4):
        p.poll_once()
    # The second poll, at the same moment with the same schedule, changed nothing.
    assert [s.failures for s in heard] == [0, 1, 2]


def test_a_cache_that_cannot_be_written_is_logged_not_fatal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "cache").write_text("a file where the cache directory should be")
    latest = poller(tmp_path, Script(ok(ONE)), Clocks(START)).poll_once()
    assert titles(latest) == ["Type hints"] and latest.error is None
    assert "cannot write the cached schedule" in caplog.text


def test_the_thread_shows_the_cache_before_the_first_fetch_returns(tmp_path: Path) -> None:
    save_cache(tmp_path / "cache", CachedCopy(url=URL, body=ONE, fetched_at=START))
    release, fetched = threading.Event(), threading.Semaphore(0)
    answers = [ok(TWO), ok(ONE)]

    def slow_fetch(validators: Validators) -> FetchResult:
        assert release.wait(5)
        fetched.release()
        return answers.pop(0)

    changed = threading.Semaphore(0)
    p = poller(tmp_path, Script(), Clocks(START), on_change=lambda s: changed.release())
    p._fetch = slow_fetch
    p.start()
    try:
        assert p.latest().from_cache and titles(p.latest()) == ["Type hints"]
        release.set()
        assert fetched.acquire(timeout=5) and changed.acquire(timeout=5) and changed.acquire(timeout=5)
        assert titles(p.latest()) == ["Type hints", "Packaging"]
        p.refresh()  # the next poll is an hour away: only 'r' brings it now
        assert fetched.acquire(timeout=5) and changed.acquire(timeout=5)
        assert titles(p.latest()) == ["Type hints"]
    finally:
        p.stop()
    assert p._thread is not None and not p._thread.is_alive()


# --- against a real server on 127.0.0.1 ---------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


FAULTS = {
    "500": (reply(500), "HTTP 500"),
    "503 with Retry-After": (reply(503, headers={"Retry-After": "30"}), "HTTP 503"),
    "404": (reply(404), "HTTP 404 Not Found"),
    "403": (reply(403), "is the sheet published to the web?"),
    "timeout": (delayed(0.6, reply(200, TWO)), "did not answer within 0.3 s"),
    "trickle": (trickle(5000, 0.02), "too slowly"),
    "truncated": (truncated(5000, TWO[:20]), "incomplete"),
    "over the cap": (reply(200, b" " * 150_000), "larger than 100 kB"),
    "endless": (endless_chunked([]), "larger than 100 kB"),
    "redirect loop": (reply(302, headers={"Location": "/feed"}), "too many redirects"),
    "html": (reply(200, b"<html><body>Please log in</body></html>", {"Content-Type": "text/html"}), "HTML"),
    "invalid utf-8": (reply(200, b'{"sessions": [{"title": "\xff"}]}'), "not UTF-8"),
    "refused": (None, "refused the connection"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_keeps_the_last_good_schedule_until_it_clears(
    tmp_path: Path, server: ScheduleServer, fault: str
) -> None:
    route, words = FAULTS[fault]
    config = make_config(tmp_path, server.url("/feed"), timeout_seconds=0.3, max_bytes=100_000)
    target = [server.url("/feed")]
    with requests.Session() as session:
        session.trust_env = False
        session.max_redirects = http.MAX_REDIRECTS

        def fetch_feed(validators: Validators) -> FetchResult:
            return make_fetch(replace(config.source, url=target[0]), session)(validators)

        clock = Clocks(START)
        p = Poller(config.source.url, 60, make_parse(config), fetch_feed, clock, config.cache.dir)
        server.routes["/feed"] = with_etag(ONE, '"one"')
        assert titles(p.poll_once()) == ["Type hints"]
        if route is None:
            target[0] = f"http://127.0.0.1:{closed_port()}/feed"
        else:
            server.routes["/feed"] = route
        clock.advance()
        during = p.poll_once()
        assert titles(during) == ["Type hints"]
        assert during.error is not None and words in during.error, during.error
        assert during.failures == 1 and during.offline_since == clock.now
        target[0] = server.url("/feed")
        server.routes["/feed"] = with_etag(schedule_json("Type hints", broken=True), '"two"')
        clock.advance()
        after = p.poll_once()
    assert titles(after) == ["Type hints"] and after.error is None and after.failures == 0
    assert after.reading is not None and len(after.reading.problems) == 1


def test_a_304_keeps_the_schedule_and_costs_no_body(tmp_path: Path, server: ScheduleServer) -> None:
    server.routes["/feed.json"] = with_etag(TWO, '"two"')
    config = make_config(tmp_path, server.url("/feed.json"))
    clock = Clocks(START)
    p = Poller(config.source.url, 60, make_parse(config), make_fetch(config.source), clock, config.cache.dir)
    p.poll_once()
    clock.advance()
    again = p.poll_once()
    assert server.requests[1][1]["If-None-Match"] == '"two"'
    assert titles(again) == ["Type hints", "Packaging"] and again.fetched_at == clock.now
    # The server's Date is DATE; the test's local clock is wrong by the difference.
    assert again.clock_skew == (DATE - clock.now).total_seconds() != 0


def test_read_source_reads_as_the_poller_does(tmp_path: Path, server: ScheduleServer) -> None:
    server.routes["/s.json"] = reply(200, TWO, {"Content-Type": "application/json"})
    server.routes["/private"] = reply(403)
    server.routes["/page"] = reply(200, b"<!doctype html><p>hello</p>", {"Content-Type": "text/html"})
    (tmp_path / "s.json").write_bytes(ONE)
    config = make_config(tmp_path, server.url("/s.json"))
    assert len(read_source(config, None, START).schedule.sessions) == 2
    assert len(read_source(config, str(tmp_path / "s.json"), START).schedule.sessions) == 1
    assert len(read_source(config, (tmp_path / "s.json").as_uri(), START).schedule.sessions) == 1
    with pytest.raises(FetchError, match="published"):
        read_source(config, server.url("/private"), START)
    with pytest.raises(UnreadableError, match="HTML"):
        read_source(config, server.url("/page"), START)
    assert not (tmp_path / "cache").exists()


def test_cached_reading_is_the_fallback_for_snapshot(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    assert cached_reading(config, START) is None
    save_cache(config.cache.dir, CachedCopy(url=URL, body=TWO, fetched_at=START))
    found = cached_reading(config, START)
    assert found is not None and len(found[0].schedule.sessions) == 2 and found[1] == START
    other = replace(config, source=replace(config.source, url="https://example.org/other.json"))
    assert cached_reading(other, START) is None


def test_the_backoff_follows_the_outcome(tmp_path: Path) -> None:
    forbidden = FetchError("HTTP 403 Forbidden", Failure.AUTH)
    p = poller(
        tmp_path, Script(forbidden, forbidden, forbidden, forbidden, forbidden, ok(ONE)), Clocks(START)
    )
    delays = []
    for _ in range(6):
        p.poll_once()
        delays.append(p.delay)
    # A sheet the facilitator is fixing right now is tried again soon, then less and less often.
    assert delays == [60, 120, 240, backoff.SLOW_SECONDS, backoff.SLOW_SECONDS, 60]


def test_a_refresh_is_held_to_the_feeds_minimum_interval(tmp_path: Path) -> None:
    clock = Clocks(START)
    feed = poller(tmp_path, Script(ok(TWO)), clock, min_interval=60)  # a social feed: once a minute
    feed.poll_once()
    clock.advance(10)
    feed.refresh()
    assert feed.next_poll == clock.monotonic() + 50, "'r' ten seconds after a poll waits out the minute"
    plain = poller(tmp_path, Script(ok(TWO)), clock)
    plain.poll_once()
    clock.advance(10)
    plain.refresh()
    assert plain.next_poll == clock.monotonic(), "without a minimum, 'r' fetches at once"
