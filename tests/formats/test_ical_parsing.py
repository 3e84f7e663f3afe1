"""What the iCalendar reader makes of the details of the format: escapes, folded lines, parameters,
dates, durations, time zones and damaged files (icalendar reads them; these pin down the result).

The second file of ``kiosk.formats.ical`` tests (test_ical.py has events, rooms and recurrences).
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Problem, Session, UnreadableError
from kiosk.formats import ReadOptions, ical

BERLIN = ZoneInfo("Europe/Berlin")
OPTIONS = ReadOptions(timezone=BERLIN, date=date(2026, 12, 5))
TIMES = "DTSTART:20261205T090000Z\nDTEND:20261205T093000Z\n"


def calendar(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT\n" for event in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


def read(data: bytes) -> tuple[list[Session], list[Problem]]:
    schedule, problems = ical.read(data, OPTIONS)
    return list(schedule.sessions), problems


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Packaging\\, live", "Packaging, live"),
        ("one\\; two", "one; two"),
        ("first\\nsecond\\Nthird", "first\nsecond\nthird"),
        ("C:\\\\Python", "C:\\Python"),
        ("a \\\\n b", "a \\n b"),  # an escaped backslash before an n is no line break
        ("odd \\x stays", "odd \\x stays"),
        ("ends with \\", "ends with \\"),
    ],
)
def test_text_escapes(written: str, meant: str) -> None:
    sessions, _ = read(calendar(f"UID:a\n{TIMES}SUMMARY:{written}"))
    assert sessions[0].title == meant.strip()


def test_quoted_parameters_may_hold_colons_and_semicolons() -> None:
    event = (
        'UID:a\nDTSTART;TZID="Europe/Berlin":20261205T100000\nDURATION:PT30M\nSUMMARY:T\n'
        'ORGANIZER;CN="Lima; Ana: PhD";SENT-BY="mailto:b@example.org":mailto:ana@example.org'
    )
    sessions, problems = read(calendar(event))
    assert problems == []
    assert (sessions[0].start.isoformat(), sessions[0].host) == (
        "2026-12-05T10:00:00+01:00",
        "Lima; Ana: PhD",
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("DTSTART;TZID=Europe/Berlin:20261205T100000", "2026-12-05T10:00:00+01:00"),
        ("DTSTART;TZID=W. Europe Standard Time:20261205T100000", "2026-12-05T10:00:00+01:00"),
        ("DTSTART;TZID=/mozilla.org/20050126_1/Asia/Kolkata:20261205T143000", "2026-12-05T10:00:00+01:00"),
        ("DTSTART;TZID=Somewhere Nobody Knows:20261205T100000", "2026-12-05T10:00:00+01:00"),  # floating
        ("DTSTART;TZID=Office Time:20261205T120000", "2026-12-05T10:00:00+01:00"),  # its VTIMEZONE
        ("DTSTART:20261205T100000", "2026-12-05T10:00:00+01:00"),
    ],
)
def test_time_zones(start: str, expected: str) -> None:
    office = (
        "BEGIN:VTIMEZONE\nTZID:Office Time\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        "TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n"
    )
    sessions, problems = read(calendar(f"UID:a\n{start}\nDURATION:PT30M\nSUMMARY:T", head=office))
    assert problems == []
    assert sessions[0].start.isoformat() == expected


@pytest.mark.parametrize(
    ("times", "message"),
    [
        ("DTSTART;VALUE=DATE:20261205\nDTEND;VALUE=DATE:20261206", None),  # all day: no session, no word
        ("DTSTART:20261205\nDTEND:20261206", None),
        ("DTSTART:20260230T100000\nDURATION:PT1H", "its DTSTART '20260230T100000' is not a date-time"),
        ("DTSTART:20261205T100000\nDTSTART:20261205T110000\nDURATION:PT1H", "has 2 DTSTART lines"),
        ("DTSTART:20261205T100000\nDURATION:1 hour", "its DURATION is not a length of time"),
        ("DTSTART:20261205T100000\nDURATION:-PT1H", "end 09:00 is before start 10:00"),
    ],
)
def test_dates_and_durations(times: str, message: str | None) -> None:
    sessions, problems = read(calendar(f"UID:a\n{times}\nSUMMARY:T"))
    assert sessions == []
    assert problems == ([] if message is None else [Problem('event "a"', f'"T" {message}')])


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [("PT45M", 45), ("PT1H30M", 90), ("PT3600S", 60), ("+PT2H", 120), ("P1DT1H", 1500), ("P1W", 10080)],
)
def test_durations(duration: str, minutes: int) -> None:
    sessions, _ = read(calendar(f"UID:a\nDTSTART:20261205T100000\nDURATION:{duration}\nSUMMARY:T"))
    assert sessions[0].minutes == minutes


def test_alarms_and_attendees_do_not_leak_into_the_event() -> None:
    event = (
        f"UID:a\n{TIMES}SUMMARY:Kept\nATTENDEE;CN=Bo;PARTSTAT=ACCEPTED:mailto:bo@exa\n URL:mple.org\n"
        "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:This is an event reminder\nSUMMARY:Alarm\n"
        "TRIGGER:-PT10M\nEND:VALARM\nLOCATION:H-103"
    )
    sessions, problems = read(calendar(event))
    assert problems == []
    assert (sessions[0].title, sessions[0].description, sessions[0].room) == ("Kept", "", "H-103")
    assert sessions[0].url == ""  # the folded part of the attendee line is not a URL


def test_folded_lines_join_across_every_kind_of_line_end() -> None:
    times = TIMES.replace("\n", "\r\n")
    data = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n{times}"
        "SUMMARY:Pack\r\n aging\n\t, live\r\n prod\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    sessions, problems = read(data)
    assert problems == []
    assert [session.title for session in sessions] == ["Packaging, liveprod"]


def test_a_line_that_is_not_icalendar_is_reported_with_its_event() -> None:
    data = f'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n{TIMES}SUMMARY;LANGUAGE="en:T\nEND:VEVENT\nEND:VCALENDAR\n'
    sessions, problems = read(data.encode())
    assert sessions == []
    assert [problem.where for problem in problems] == ['event "a"', 'event "a"']
    assert problems[0].message.startswith("a line that is not iCalendar was ignored")
    assert problems[1].message == "has no title (SUMMARY)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # END:VEVENT left out: the calendar never closes.
        (f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n{TIMES}SUMMARY:Unclosed\nEND:VCALENDAR\n", "cut off?"),
        (
            f"BEGIN:VCALENDAR\nEND:VALARM\nBEGIN:VEVENT\nUID:a\n{TIMES}SUMMARY:T\nEND:VEVENT\nEND:VCALENDAR\n",
            "END encountered without an accompanying BEGIN",
        ),
        (
            f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n{TIMES}SUMMARY:T\nEND:VEVENT\nEND:VCALENDAR\nSUMMARY:Stray\n",
            '"SUMMARY" does not have a parent component',
        ),
    ],
)
def test_damaged_structure_is_unreadable_with_the_reason(data: str, reason: str) -> None:
    # The board keeps the last good schedule and the footer says why.
    with pytest.raises(UnreadableError, match="a broken iCalendar file") as raised:
        read(data.encode())
    assert reason in str(raised.value)


def test_repeating_event_in_an_outlook_zone() -> None:
    zone = (
        "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T030000\n"
        "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\n"
        "END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    )
    event = (
        "UID:r\nDTSTART;TZID=W. Europe Standard Time:20261024T100000\nDURATION:PT1H\n"
        "RRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Daily"
    )
    schedule, problems = ical.read(calendar(event, head=zone), ReadOptions(BERLIN, date(2026, 10, 24)))
    sessions = list(schedule.sessions)
    assert problems == []
    assert [session.start.isoformat() for session in sessions] == [
        "2026-10-24T10:00:00+02:00",
        "2026-10-25T10:00:00+01:00",
        "2026-10-26T10:00:00+01:00",
    ]


def test_a_tzid_that_names_a_folder_of_zones_is_a_clear_error() -> None:
    body = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@example.org\r\n"
        b"DTSTART;TZID=Europe/:20260329T100000\r\nSUMMARY:Packaging\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(UnreadableError, match="broken iCalendar"):
        ical.read(body, ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=None))
