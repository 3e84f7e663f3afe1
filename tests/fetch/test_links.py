"""The links facilitators paste: a Google Sheet's or Calendar's own page, fetched as its export."""

from __future__ import annotations

import pytest
from schedule_server import ScheduleServer, reply

from kiosk.config import SourceConfig
from kiosk.fetch import links
from kiosk.fetch.fetched import Failure, FetchError, Validators
from kiosk.fetch.http import make_session
from kiosk.fetch.source import fetch_link

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcde"
SHEET = f"https://docs.google.com/spreadsheets/d/{KEY}"
CALENDAR_ICS = "https://calendar.google.com/calendar/ical/abc%40group.calendar.google.com/public/basic.ics"


@pytest.mark.parametrize(
    ("pasted", "fetched", "kind"),
    [
        (f"{SHEET}/edit#gid=123456", f"{SHEET}/export?format=csv&gid=123456", links.SHEET),
        (f"{SHEET}/edit?usp=sharing", f"{SHEET}/export?format=csv", links.SHEET),
        (f"{SHEET}/edit?gid=7#gid=7", f"{SHEET}/export?format=csv&gid=7", links.SHEET),
        (f"{SHEET}/view", f"{SHEET}/export?format=csv", links.SHEET),
        (f"{SHEET}/htmlview#gid=42", f"{SHEET}/export?format=csv&gid=42", links.SHEET),
        (
            f"https://docs.google.com/spreadsheets/u/1/d/{KEY}/edit#gid=3",
            f"{SHEET}/export?format=csv&gid=3",
            links.SHEET,
        ),
        (f"{SHEET}", f"{SHEET}/export?format=csv", links.SHEET),
        # Already an export, or published as CSV: as written.
        (f"{SHEET}/export?format=csv&gid=9", f"{SHEET}/export?format=csv&gid=9", links.SHEET),
        (
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQabc/pub?output=csv",
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQabc/pub?output=csv",
            links.SHEET,
        ),
        (
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQabc/pubhtml?gid=5&single=true",
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQabc/pub?output=csv&gid=5&single=true",
            links.PUBLISHED_SHEET,
        ),
        (
            "https://calendar.google.com/calendar/embed?src=abc%40group.calendar.google.com&ctz=Europe%2FBerlin",
            CALENDAR_ICS,
            links.CALENDAR,
        ),
        # The "shareable link": the calendar's address in base64.
        (
            "https://calendar.google.com/calendar/u/0?cid=YWJjQGdyb3VwLmNhbGVuZGFyLmdvb2dsZS5jb20",
            CALENDAR_ICS,
            links.CALENDAR,
        ),
        (
            "https://calendar.google.com/calendar/r?cid=abc@group.calendar.google.com",
            CALENDAR_ICS,
            links.CALENDAR,
        ),
        (CALENDAR_ICS, CALENDAR_ICS, links.CALENDAR),
        ("https://example.org/edit#gid=1", "https://example.org/edit#gid=1", ""),
        ("/home/kiosk/schedule.csv", "/home/kiosk/schedule.csv", ""),
    ],
)
def test_a_pasted_link_is_fetched_as_its_export(pasted: str, fetched: str, kind: str) -> None:
    assert links.resolve(pasted) == links.Link(fetched, kind)


def test_a_calendar_page_without_a_calendar_is_fetched_as_written() -> None:
    page = "https://calendar.google.com/calendar/u/0?cid=bm90IGEgY2FsZW5kYXI"  # "not a calendar"
    assert links.resolve(page) == links.Link(page)


LOGIN_PAGE = (
    b"<!doctype html><html><head><title>Google Sheets - sign in</title></head>"
    b"<body><form>Email or phone <input type=email> Sign in</form></body></html>"
)


def attempt(server: ScheduleServer, kind: str) -> FetchError:
    link = links.Link(server.url("/export"), kind)
    try:
        fetch_link(link, SourceConfig(url=link.url), make_session(), Validators())
    except FetchError as error:
        return error
    raise AssertionError("the fetch should have failed")


def test_a_sheet_that_is_not_shared_says_how_to_share_it(server: ScheduleServer) -> None:
    server.routes["/export"] = reply(200, LOGIN_PAGE, {"Content-Type": "text/html; charset=utf-8"})
    error = attempt(server, links.SHEET)
    assert error.kind is Failure.AUTH
    assert error.message.startswith("Google answered with its sign-in page: the sheet is not shared.")
    assert "'Anyone with the link'" in error.message and "Publish to web" in error.message


def test_a_calendar_that_is_not_public_says_how_to_make_it_so(server: ScheduleServer) -> None:
    server.routes["/export"] = reply(404, b"Not Found")
    error = attempt(server, links.CALENDAR)
    assert error.kind is Failure.NOT_FOUND
    assert error.message.startswith("Google answered HTTP 404 Not Found: the calendar is not public.")
    assert "'Make available to public'" in error.message


def test_an_ordinary_address_that_answers_html_is_left_to_the_reader(server: ScheduleServer) -> None:
    server.routes["/export"] = reply(200, LOGIN_PAGE, {"Content-Type": "text/html"})
    link = links.Link(server.url("/export"))
    result = fetch_link(link, SourceConfig(url=link.url), make_session(), Validators())
    assert result.body == LOGIN_PAGE  # the reader calls it a login page, as for any address
