"""Fetching against a real HTTP server on 127.0.0.1, and from files."""

from __future__ import annotations

import os
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from schedule_server import (
    DATE,
    ScheduleServer,
    answering_once,
    endless_chunked,
    held,
    reply,
    schedule_json,
    trickle,
    truncated,
    with_etag,
)

from kiosk import __version__
from kiosk.fetch import http
from kiosk.fetch.fetched import Failure, FetchError, FetchResult, Validators, read_file
from kiosk.fetch.http import make_session, parse_retry_after

GOOD = schedule_json("Type hints", "Packaging")


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session(trust_env=False) as http:
        yield http


def get(server: ScheduleServer, session: requests.Session, path: str, **options: Any) -> FetchResult:
    settings: dict[str, Any] = {"timeout": 2.0, "max_bytes": 1_000_000} | options
    return http.fetch(server.url(path), session=session, **settings)


def test_200_carries_the_body_and_what_came_with_it(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/sheet"] = reply(
        200,
        GOOD,
        {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="Open Spaces.csv"',
            "ETag": '"v1"',
            "Last-Modified": "Sat, 05 Dec 2026 04:00:00 GMT",
        },
    )
    result = get(server, session, "/sheet")
    assert result.body == GOOD and not result.not_modified
    assert result.content_type == "text/csv; charset=utf-8"
    assert result.name == "Open Spaces.csv"
    assert result.validators == Validators('"v1"', "Sat, 05 Dec 2026 04:00:00 GMT")
    assert result.server_date == DATE
    assert server.requests[0][1]["User-Agent"] == f"open-spaces-kiosk/{__version__}"


def test_the_name_falls_back_to_the_last_part_of_the_path(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/feeds/day%201.json"] = reply(200, GOOD)
    assert get(server, session, "/feeds/day%201.json").name == "day 1.json"


def test_an_etag_is_sent_back_and_a_304_has_no_body(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/s.json"] = with_etag(GOOD, '"abc"')
    first = get(server, session, "/s.json")
    second = get(server, session, "/s.json", validators=first.validators)
    assert "If-None-Match" not in server.requests[0][1]
    assert server.requests[1][1]["If-None-Match"] == '"abc"'
    assert second.not_modified and second.body == b"" and second.etag == '"abc"'


def test_last_modified_is_sent_back(server: ScheduleServer, session: requests.Session) -> None:
    server.routes["/s.json"] = reply(304)
    get(server, session, "/s.json", validators=Validators(last_modified="Sat, 05 Dec 2026 04:00:00 GMT"))
    assert server.requests[0][1]["If-Modified-Since"] == "Sat, 05 Dec 2026 04:00:00 GMT"


@pytest.mark.parametrize(
    ("status", "headers", "kind", "words", "retry_after"),
    [
        (401, {}, Failure.AUTH, "HTTP 401 Unauthorized", None),
        (403, {}, Failure.AUTH, "HTTP 403 Forbidden — is the sheet published to the web?", None),
        (404, {}, Failure.NOT_FOUND, "HTTP 404 Not Found", None),
        (429, {"Retry-After": "90"}, Failure.RATE_LIMITED, "HTTP 429 Too Many Requests", 90.0),
        (500, {}, Failure.SERVER, "HTTP 500 Internal Server Error", None),
        (503, {"Retry-After": "120"}, Failure.SERVER, "HTTP 503 Service Unavailable", 120.0),
        (418, {}, Failure.HTTP, "HTTP 418", None),
    ],
)
def test_http_errors_in_plain_words(
    server: ScheduleServer,
    session: requests.Session,
    status: int,
    headers: dict[str, str],
    kind: str,
    words: str,
    retry_after: float | None,
) -> None:
    server.routes["/s"] = reply(status, b"<html>nope</html>", headers)
    with pytest.raises(FetchError) as caught:
        get(server, session, "/s")
    assert caught.value.kind == kind
    assert words in caught.value.message
    assert caught.value.retry_after == retry_after


def test_retry_after_as_an_http_date_counts_from_the_servers_clock(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/s"] = reply(503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    with pytest.raises(FetchError) as caught:
        get(server, session, "/s")
    assert caught.value.retry_after is not None and caught.value.retry_after > 1e9


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("Sat, 05 Dec 2026 10:02:00 GMT", 120.0),
        ("Sat, 05 Dec 2026 09:00:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        ("-5", None),
    ],
)
def test_parse_retry_after(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value, datetime(2026, 12, 5, 10, 0, tzinfo=UTC)) == seconds


def test_a_server_that_does_not_answer_times_out(server: ScheduleServer, session: requests.Session) -> None:
    release, answered = threading.Event(), threading.Event()
    server.routes["/slow"] = held(release, answered, reply(200, GOOD))
    with pytest.raises(FetchError) as caught:
        get(server, session, "/slow", timeout=0.3)
    # The kiosk gave up first: the server had not answered yet when the error came back.
    assert not answered.is_set()
    release.set()
    assert caught.value.kind == Failure.TIMEOUT
    assert "did not answer within 0.3 s" in caught.value.message


def test_a_trickling_body_is_cut_off_by_the_overall_deadline(
    server: ScheduleServer, session: requests.Session
) -> None:
    # A byte every 50 ms never trips a 0.3 s read timeout; only the deadline stops it.
    sent: list[int] = []
    server.routes["/trickle"] = trickle(total=1000, every=0.05, sent=sent)
    with pytest.raises(FetchError) as caught:
        get(server, session, "/trickle", timeout=0.3, deadline=0.6)
    assert caught.value.kind == Failure.TIMEOUT
    assert "too slowly" in caught.value.message  # said only when the whole-body deadline passes
    assert 0 < sent[0] < 1000


def test_a_truncated_body_is_reported(server: ScheduleServer, session: requests.Session) -> None:
    server.routes["/cut"] = truncated(announced=5000, sent=GOOD[:40])
    with pytest.raises(FetchError) as caught:
        get(server, session, "/cut")
    assert caught.value.kind == Failure.TRUNCATED
    assert "incomplete" in caught.value.message


def test_a_body_announced_over_the_cap_is_refused_unread(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/big"] = reply(200, b"x" * 2_000_000)
    with pytest.raises(FetchError) as caught:
        get(server, session, "/big", max_bytes=5_000_000 // 5)
    assert caught.value.kind == Failure.TOO_LARGE
    assert caught.value.message.startswith("the schedule is larger than 1 MB; ")


def test_an_endless_chunked_body_is_cut_off_without_holding_it(
    server: ScheduleServer, session: requests.Session
) -> None:
    sent: list[int] = []
    server.routes["/endless"] = endless_chunked(sent)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as caught:
            get(server, session, "/endless", max_bytes=200_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.kind == Failure.TOO_LARGE
    assert "larger than 200 kB" in caught.value.message
    assert peak < 2_000_000


def test_a_redirect_loop_stops(server: ScheduleServer, session: requests.Session) -> None:
    server.routes["/loop"] = reply(302, headers={"Location": "/loop"})
    with pytest.raises(FetchError) as caught:
        get(server, session, "/loop")
    assert caught.value.kind == Failure.REDIRECTS
    assert len(server.requests) == http.MAX_REDIRECTS + 1


def test_an_error_shows_the_address_without_its_password_and_query(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/loop?key=sheet-secret"] = reply(302, headers={"Location": "/loop?key=sheet-secret"})
    url = server.url("/loop?key=sheet-secret").replace("://", "://reader:hunter2@")
    with pytest.raises(FetchError) as caught:
        http.fetch(url, session=session, timeout=2.0, max_bytes=1000)
    assert caught.value.kind == Failure.REDIRECTS
    assert f"from http://reader:…@127.0.0.1:{server.http.server_port}/loop?…" in caught.value.message
    assert "sheet-secret" not in str(caught.value) and "hunter2" not in str(caught.value)


def test_a_reason_phrase_is_cleaned_of_control_characters(session: requests.Session) -> None:
    """A server's own reason phrase (for a code the standard does not name) reaches the screen, the
    remote and check: terminal escapes and C1 controls in it are dropped where the error is made."""
    with (
        answering_once(b"HTTP/1.1 599 Odd\x85\x9b31m\x1b[2J Thing") as url,
        pytest.raises(FetchError) as caught,
    ):
        http.fetch(url, session=session, timeout=2.0, max_bytes=1000)
    assert "HTTP 599 Odd 31m[2J Thing" in caught.value.message
    assert not any(0x7F <= ord(c) <= 0x9F or ord(c) < 0x20 for c in caught.value.message)


def test_a_redirect_is_followed(server: ScheduleServer, session: requests.Session) -> None:
    server.routes["/old"] = reply(301, headers={"Location": "/new.json"})
    server.routes["/new.json"] = reply(200, GOOD)
    result = get(server, session, "/old")
    assert result.body == GOOD and result.name == "new.json"


def test_connection_refused(session: requests.Session) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        http.fetch(f"http://127.0.0.1:{port}/s.json", session=session, timeout=2, max_bytes=1000)
    assert caught.value.kind == Failure.REFUSED
    assert caught.value.message == "'127.0.0.1' refused the connection (is the server running?)"


def test_a_name_that_does_not_resolve(session: requests.Session, monkeypatch: pytest.MonkeyPatch) -> None:
    # The resolver itself is replaced, so no query leaves the machine.
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError) as caught:
        http.fetch("https://sheets.example/x.csv", session=session, timeout=2, max_bytes=1000)
    assert caught.value.kind == Failure.DNS
    assert caught.value.message.startswith("cannot find the server 'sheets.example'")


@pytest.mark.parametrize("url", ["ftp://example.org/s.json", "s.json", "data:,{}", "gopher://x"])
def test_only_http_https_file_and_absolute_paths(session: requests.Session, url: str) -> None:
    with pytest.raises(FetchError) as caught:
        http.fetch(url, session=session, timeout=1, max_bytes=1000)
    assert caught.value.kind == Failure.UNSUPPORTED


def test_a_file_by_path_and_by_url(tmp_path: Path, session: requests.Session) -> None:
    path = tmp_path / "my schedule.json"
    path.write_bytes(GOOD)
    by_path = http.fetch(str(path), session=session, timeout=1, max_bytes=10_000)
    by_url = http.fetch(path.as_uri(), session=session, timeout=1, max_bytes=10_000)
    assert by_path.body == by_url.body == GOOD
    assert by_path.name == "my schedule.json"


def test_an_unchanged_file_is_not_modified_and_a_changed_one_is_read(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(GOOD)
    first = read_file(path, 10_000)
    assert read_file(path, 10_000, first.validators).not_modified
    path.write_bytes(schedule_json("Something else entirely"))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    again = read_file(path, 10_000, first.validators)
    assert not again.not_modified and b"Something else" in again.body


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.json", "no such file"),
        (lambda p: p, "is not a file"),
    ],
)
def test_file_problems_in_plain_words(tmp_path: Path, make: Any, words: str) -> None:
    with pytest.raises(FetchError) as caught:
        read_file(make(tmp_path), 10_000)
    assert caught.value.kind == Failure.FILE
    assert words in caught.value.message


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(GOOD)
    path.chmod(0)

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    if os.geteuid() == 0:  # root reads any file: refuse as the kernel would for the kiosk's user
        monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(FetchError, match="permission denied"):
        read_file(path, 10_000)


def test_a_file_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b" " * 5000)
    with pytest.raises(FetchError) as caught:
        read_file(path, 4000)
    assert caught.value.kind == Failure.TOO_LARGE
