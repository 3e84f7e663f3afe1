"""HTML to text, one way for every source: what a browser shows, never interpreted."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.html import plain_text, visible_text
from kiosk.formats import ReadOptions, read_schedule


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Bring <b>your</b> questions &amp; laptops</p>", "Bring your questions & laptops"),
        ("One<br>Two<br/>Three", "One\nTwo\nThree"),
        ("<p>A</p><p>B</p>", "A\n\nB"),
        ("Before<script>alert('x')</script> after", "Before after"),
        ("<style>p { color: red }</style>Shown", "Shown"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("&lt;b&gt;not bold&lt;/b&gt;", "<b>not bold</b>"),
        ("Unclosed <b>bold", "Unclosed bold"),
    ],
)
def test_what_a_browser_shows(html: str, text: str) -> None:
    assert plain_text(html) == text


@pytest.mark.parametrize(
    "text", ["Host: Priya\nBring questions", "a < b and c > d", "I <3 Python", "Fish &amp; chips"]
)
def test_text_without_a_tag_stays_as_written(text: str) -> None:
    assert visible_text(text) == text


def test_a_calendar_description_in_html_reads_as_a_post_does() -> None:
    description = (
        "Host: Priya Raman<br>Bring <b>questions</b> &amp; laptops<script>steal()</script><style>b {}</style>"
    )
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261205T100000\r\n"
        f"DTEND:20261205T103000\r\nSUMMARY:Packaging\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    options = ReadOptions(timezone=ZoneInfo("Asia/Kolkata"), date=date(2026, 12, 5))
    session = read_schedule(calendar.encode(), options, format="ics").schedule.sessions[0]
    assert session.description == "Host: Priya Raman\nBring questions & laptops"
    assert session.host == "Priya Raman"
    assert plain_text(description) == session.description
