"""``kiosk.formats`` itself: which reader a source's bytes go to (``detect_format``), the format names,
and ``read_schedule``."""

import json
import re
from datetime import date
from zoneinfo import ZoneInfo

import manual
import pytest

from kiosk.core.model import UnreadableError
from kiosk.formats import FORMAT_NAMES, ReadOptions, detect_format, read_schedule

OPTIONS = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 12, 5))
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
FRAB = json.dumps({"schedule": {"version": "1", "conference": {"title": "PyCon", "days": []}}}).encode()
NATIVE = b'{"sessions": [{"title": "Packaging", "start": "10:00", "end": "10:30"}]}'
CSV = b"Topic,Speaker,Time\nPackaging,Arjun,10:00-10:30\n"


def test_format_names() -> None:
    assert FORMAT_NAMES == ("json", "csv", "ics", "frab", "sessionize", "indico")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ICS, "ics"),
        (b"\xef\xbb\xbf\r\n  begin:vcalendar\r\nEND:VCALENDAR\r\n", "ics"),
        (FRAB, "frab"),
        (b'{"conference": {"title": "PyCon"}}', "frab"),
        (NATIVE, "json"),
        (b'  \n{"sessions": []}', "json"),
        (b'{"sessions": [', "json"),
        (
            b'{"sessions": [{"id": "1", "title": "Packaging", "startsAt": "2026-12-05T10:00:00"}]}',
            "sessionize",
        ),
        (b'{"sessions": [], "speakers": [], "rooms": [], "categories": [], "questions": []}', "sessionize"),
        (b'[{"date": "2026-12-05T00:00:00", "rooms": [], "timeSlots": []}]', "sessionize"),
        (b"[]", "sessionize"),
        (b'{"count": 1, "_type": "HTTPAPIResult", "results": {"1482": {}}}', "indico"),
        (CSV, "csv"),
        (b"\xef\xbb\xbfTitle;Start;End\r\nPackaging;10:00;10:30\r\n", "csv"),
        (b"Open Spaces\n\ntitle\tstart\nPackaging\t10:00\n", "csv"),
        (b"[Draft] Open Spaces,,\nTopic,Time,Host\nPackaging,10:00-10:30,Arjun\n", "csv"),
    ],
)
def test_the_content_decides(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected
    # A misleading content type or file name does not override what the content clearly is.
    assert detect_format(data, "text/plain", "schedule.txt") == expected


@pytest.mark.parametrize(
    ("content_type", "name", "expected"),
    [
        ("text/calendar; charset=utf-8", "", "ics"),
        ("text/csv", "", "csv"),
        ("application/json", "", "json"),
        ("", "https://example.org/calendar.ics?key=1", "ics"),
        ("", "/home/kiosk/Schedule.CSV", "csv"),
        ("", "schedule.json", "json"),
        ("application/octet-stream", "export.tsv", "csv"),
    ],
)
def test_content_type_and_name_are_hints_for_unclear_text(
    content_type: str, name: str, expected: str
) -> None:
    assert detect_format(b"something went wrong\n", content_type, name) == expected


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<!doctype html><html><body>Please sign in</body></html>", "login page"),
        (b"<html><body>502 Bad Gateway</body></html>", "HTML web page"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest-of-zip", "ZIP"),
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"[1, 2, 3]", "not a schedule: JSON"),
        (b'{"talks": [], "rooms": []}', "'talks', 'rooms'"),
        (b"Hello there\nnothing to see\n", "first line: 'Hello there'"),
    ],
)
def test_what_is_not_a_schedule_is_named(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableError) as raised:
        detect_format(data)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [(NATIVE, "json"), (CSV, "csv")],
)
def test_read_schedule_detects_and_reads(data: bytes, expected: str) -> None:
    reading = read_schedule(data, OPTIONS)
    assert reading.format == expected
    assert [session.title for session in reading.schedule.sessions] == ["Packaging"]


def test_a_given_format_is_used_without_detection() -> None:
    with pytest.raises(UnreadableError, match="without a header row"):
        read_schedule(NATIVE, OPTIONS, format="csv")


def test_a_hinted_format_reports_what_is_wrong_in_its_own_terms() -> None:
    with pytest.raises(UnreadableError, match="not a schedule"):
        read_schedule(b"Just,some,words\n", OPTIONS, content_type="text/csv")


def test_an_unknown_format_name_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown schedule format 'xml'"):
        read_schedule(NATIVE, OPTIONS, format="xml")


@pytest.mark.parametrize(
    ("name", "fence", "expected"),
    [
        ("json.md", "json", "json"),
        ("csv.md", "csv", "csv"),
        ("ical.md", "ics", "ics"),
        ("frab.md", "json", "frab"),
    ],
)
def test_the_example_of_each_format_page_reads_without_problems(name: str, fence: str, expected: str) -> None:
    example = re.search(rf"```{fence}\n(.*?)```", manual.page(f"sources/{name}"), re.DOTALL)
    assert example is not None, f"sources/{name} has no {fence} example"
    reading = read_schedule(example.group(1).encode(), OPTIONS)
    assert (reading.format, reading.problems) == (expected, ())
    assert len(reading.schedule.sessions) == 2
