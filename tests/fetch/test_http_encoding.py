"""What a web server does to the bytes on the way: compression, a declared charset, a stray 304.

Against a real HTTP server on 127.0.0.1, through the kiosk's own fetch and read path.

The second file of ``kiosk.fetch.http`` tests (test_http.py has the requests and their bounds).
"""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

import pytest
import requests
from schedule_server import ScheduleServer, reply, schedule_json

from kiosk.fetch import http
from kiosk.fetch.fetched import Failure, FetchError, FetchResult
from kiosk.fetch.http import make_session
from kiosk.formats import ReadOptions, read_schedule

GOOD = schedule_json("Type hints", "Packaging")


@pytest.fixture
def server() -> Iterator[ScheduleServer]:
    with ScheduleServer() as running:
        yield running


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session(trust_env=False) as http:
        yield http


def get(
    server: ScheduleServer, session: requests.Session, path: str, max_bytes: int = 1_000_000
) -> FetchResult:
    return http.fetch(server.url(path), session=session, timeout=5.0, max_bytes=max_bytes)


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress(GOOD)),
        ("x-gzip", gzip.compress(GOOD)),
        ("deflate", zlib.compress(GOOD)),
        ("deflate", raw_deflate(GOOD)),  # what some servers send as deflate
        ("identity", GOOD),
    ],
)
def test_a_compressed_response_is_decoded(
    server: ScheduleServer, session: requests.Session, encoding: str, packed: bytes
) -> None:
    server.routes["/s.json"] = reply(
        200, packed, {"Content-Encoding": encoding, "Content-Type": "application/json"}
    )
    assert get(server, session, "/s.json").body == GOOD
    assert server.requests[-1][1]["Accept-Encoding"] == "gzip, deflate"


def gzip_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * 1_000_000
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def test_a_gzip_bomb_stops_at_max_bytes_of_decoded_text(
    server: ScheduleServer, session: requests.Session
) -> None:
    bomb = gzip_bomb(200)  # 200 MB of zeros in about 200 kB
    assert len(bomb) < 1_000_000
    server.routes["/bomb"] = reply(200, bomb, {"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as caught:
            get(server, session, "/bomb", max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.kind == Failure.TOO_LARGE
    assert peak < 4_000_000  # the cap and a chunk or two, never the 200 MB


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        ({"Content-Encoding": "gzip"}, "the compressed schedule arrived incomplete"),
        ({"Content-Encoding": "br"}, "compressed as 'br', which the kiosk does not read"),
    ],
)
def test_a_broken_or_unknown_compression_says_so(
    server: ScheduleServer, session: requests.Session, headers: dict[str, str], words: str
) -> None:
    server.routes["/s.json"] = reply(200, gzip.compress(GOOD)[:40], headers)
    with pytest.raises(FetchError) as caught:
        get(server, session, "/s.json")
    assert words in caught.value.message


def test_a_304_to_a_request_without_validators_is_explained(
    server: ScheduleServer, session: requests.Session
) -> None:
    server.routes["/s.json"] = reply(304)
    with pytest.raises(FetchError) as caught:
        get(server, session, "/s.json")
    assert "304 Not Modified to a request for the whole schedule" in caught.value.message
    assert "misconfigured" in caught.value.message


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            "Title,Start,End\r\nCafé für alle,10:00,10:30\r\n".encode("iso-8859-1"),
            "text/csv; charset=ISO-8859-1",
        ),
        (
            "Title,Start,End\r\nCafé für alle,10:00,10:30\r\n".encode("cp1252"),
            'text/csv; charset="windows-1252"',
        ),
        ("Title\tStart\tEnd\r\nCafé für alle\t10:00\t10:30\r\n".encode("utf-16"), "text/plain"),
        ("Title,Start,End\r\nCafé für alle,10:00,10:30\r\n".encode(), "text/csv; charset=ISO-8859-1"),
    ],
)
def test_a_declared_charset_is_honoured(
    server: ScheduleServer, session: requests.Session, body: bytes, content_type: str
) -> None:
    server.routes["/s.csv"] = reply(200, body, {"Content-Type": content_type})
    result = get(server, session, "/s.csv")
    options = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5))
    reading = read_schedule(result.body, options, content_type=result.content_type, name=result.name)
    assert [s.title for s in reading.schedule.sessions] == ["Café für alle"]
