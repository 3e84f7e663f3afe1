from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.formats import ReadOptions, ical
from kiosk.model import CANCELLED, PROPOSED, SCHEDULED, Problem, Session, UnreadableError

DATA = Path(__file__).parent / "data"
KOLKATA = ZoneInfo("Asia/Kolkata")
BERLIN = ZoneInfo("Europe/Berlin")


def options(zone: ZoneInfo = KOLKATA, on: date = date(2026, 12, 5), room: str = "") -> ReadOptions:
    return ReadOptions(timezone=zone, date=on, room=room)


def read_file(name: str, opts: ReadOptions) -> tuple[list[Session], list[Problem]]:
    schedule, problems = ical.read((DATA / name).read_bytes(), opts)
    return list(schedule.sessions), problems


def calendar(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{head}{body}END:VCALENDAR\r\n"
    return text.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


def brief(session: Session) -> tuple[str, str, str, str, str]:
    return (session.start.isoformat(), session.end.isoformat(), session.title, session.host, session.status)


def test_google_export_for_one_room() -> None:
    sessions, problems = read_file("google-open-spaces.ics", options(room="h-103"))
    assert problems == []
    assert [brief(session) for session in sessions] == [
        (
            "2026-11-14T09:00:00+05:30",
            "2026-11-14T09:30:00+05:30",
            "Open Spaces planning",
            "Meera Nair",
            SCHEDULED,
        ),
        (
            "2026-11-21T09:00:00+05:30",
            "2026-11-21T09:30:00+05:30",
            "Open Spaces planning",
            "Meera Nair",
            SCHEDULED,
        ),
        # 11-28 is an EXDATE; 12-05 is moved by a RECURRENCE-ID override and renamed.
        (
            "2026-12-05T09:30:00+05:30",
            "2026-12-05T10:00:00+05:30",
            "Open Spaces kick-off",
            "Meera Nair",
            SCHEDULED,
        ),
        (
            "2026-12-05T10:00:00+05:30",
            "2026-12-05T10:30:00+05:30",
            "Packaging pain points, live",
            "Priya Raman",
            SCHEDULED,
        ),
        (
            "2026-12-05T11:00:00+05:30",
            "2026-12-05T11:30:00+05:30",
            "Typing a legacy codebase",
            "Arjun Menon",
            PROPOSED,
        ),
        ("2026-12-05T11:30:00+05:30", "2026-12-05T12:00:00+05:30", "Async all the things", "", CANCELLED),
    ]


def test_google_text_is_unescaped_unfolded_and_stripped_of_html() -> None:
    sessions, _ = read_file("google-open-spaces.ics", options())
    by_title = {session.title: session for session in sessions}
    assert by_title["Packaging pain points, live"].description == (
        "Host: Priya Raman\nBring your pyproject.toml & your questions."
    )
    assert by_title["Packaging pain points, live"].room == "Room H-103, Hall B, NIMHANS Convention Centre"
    assert by_title["Typing a legacy codebase"].description.endswith(
        "seventy-five octets, with commas, semicolons; and a backslash \\ kept as typed."
    )
    # Without a room filter the other room's session is there; the all-day marker never is.
    assert "Rust for Pythonistas" in by_title
    assert "Conference day 1" not in by_title


def test_nextcloud_times_across_the_october_dst_change() -> None:
    sessions, problems = read_file("nextcloud-berlin.ics", options(BERLIN, date(2026, 10, 25), "H-103"))
    assert problems == []
    assert [(session.title, session.start.isoformat(), session.end.isoformat()) for session in sessions] == [
        # 02:30 does not exist on 29 March: read with the offset before the change, it is 03:30 CEST.
        ("The hour that never was", "2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00"),
        ("Morning circle", "2026-10-24T10:00:00+02:00", "2026-10-24T11:00:00+02:00"),
        # 02:30 happens twice on 25 October: the first one (summer time) is meant; 03:30 once.
        ("Hacking through the extra hour", "2026-10-25T02:30:00+02:00", "2026-10-25T03:30:00+01:00"),
        ("Morning circle", "2026-10-25T10:00:00+01:00", "2026-10-25T11:00:00+01:00"),
        ("Mentoring newcomers", "2026-10-25T14:00:00+01:00", "2026-10-25T14:45:00+01:00"),
        ("Morning circle", "2026-10-26T10:00:00+01:00", "2026-10-26T11:00:00+01:00"),
    ]
    assert sessions[2].minutes == 120
    # The description's Host line, or else the organizer; no LOCATION is kept under a room filter.
    assert [session.host for session in sessions] == [
        "",
        "Jonas Weber",
        "Lea Schmidt",
        "Jonas Weber",
        "",
        "Jonas Weber",
    ]
    assert sessions[4].room == ""


def test_outlook_windows_zone_names_and_cancelled_prefix() -> None:
    sessions, problems = read_file("outlook-india.ics", options(room="Room H-103"))
    assert [brief(session) for session in sessions] == [
        (
            "2026-12-05T14:00:00+05:30",
            "2026-12-05T14:30:00+05:30",
            "Django in production",
            "Rohan Das",
            SCHEDULED,
        ),
        # 11:00 "W. Europe Standard Time" is 10:00 UTC.
        (
            "2026-12-05T15:30:00+05:30",
            "2026-12-05T16:30:00+05:30",
            "Remote pairing with the Berlin user group",
            "",
            CANCELLED,
        ),
    ]
    assert len(problems) == 1
    assert problems[0].where.startswith('event "040000008200E00074C5B7101A82E008')
    assert problems[0].message == '"Lunch" ends when it starts (13:00)'


def test_floating_utc_and_bare_line_feeds() -> None:
    data = calendar(
        "UID:a\nDTSTART:20261205T100000\nDTEND:20261205T103000\nSUMMARY:Floating",
        "UID:b\nDTSTART:20261205T050000Z\nDURATION:PT1H\nSUMMARY:In UTC",
    ).replace(b"\r\n", b"\n")
    schedule, problems = ical.read(data, options(BERLIN))
    assert problems == []
    assert [(s.title, s.start.isoformat(), s.end.isoformat()) for s in schedule.sessions] == [
        ("In UTC", "2026-12-05T06:00:00+01:00", "2026-12-05T07:00:00+01:00"),
        ("Floating", "2026-12-05T10:00:00+01:00", "2026-12-05T10:30:00+01:00"),
    ]


def test_method_cancel_cancels_every_event() -> None:
    data = calendar(
        "UID:a\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z\nSUMMARY:Gone", head="METHOD:CANCEL\r\n"
    )
    schedule, _ = ical.read(data, options())
    assert [session.status for session in schedule.sessions] == [CANCELLED]


@pytest.mark.parametrize(
    ("organizer", "description", "host"),
    [
        ("ORGANIZER;CN=Ana Lima:mailto:ana@example.org", "", "Ana Lima"),
        ("ORGANIZER;CN=Ana Lima:mailto:ana@example.org", "Speakers: Bo, Cy", "Bo, Cy"),
        ("ORGANIZER;CN=Open Spaces:mailto:x1@group.calendar.google.com", "", ""),
        ("ORGANIZER;CN=My calendar:mailto:me@example.org", "", ""),  # the calendar's own name
        ("ORGANIZER:mailto:ana@example.org", "Bring snacks.\\nhosted by: Dee", "Dee"),
    ],
)
def test_host(organizer: str, description: str, host: str) -> None:
    event = f"UID:a\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z\nSUMMARY:T\n{organizer}"
    if description:
        event += f"\nDESCRIPTION:{description}"
    schedule, _ = ical.read(calendar(event, head="X-WR-CALNAME:My calendar\r\n"), options())
    assert schedule.sessions[0].host == host


@pytest.mark.parametrize(
    ("room", "locations", "kept"),
    [
        ("H-103", ["Room H-103, Building H", "H-104", ""], ["Room H-103, Building H", ""]),
        ("h-103", ["ROOM H-103"], ["ROOM H-103"]),
        ("", ["H-103", "H-104"], ["H-103", "H-104"]),
    ],
)
def test_room_filter(room: str, locations: list[str], kept: list[str]) -> None:
    events = [
        f"UID:{n}\nDTSTART:20261205T1{n}0000Z\nDTEND:20261205T1{n}3000Z\nSUMMARY:S{n}"
        + (f"\nLOCATION:{location}" if location else "")
        for n, location in enumerate(locations)
    ]
    schedule, problems = ical.read(calendar(*events), options(room=room))
    assert [session.room for session in schedule.sessions] == kept
    assert problems == []


def test_room_filter_matching_nothing_names_the_locations() -> None:
    events = ["UID:a\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z\nSUMMARY:S\nLOCATION:Main Hall"]
    schedule, problems = ical.read(calendar(*events), options(room="H-103"))
    assert schedule.sessions == ()
    assert problems == [
        Problem("rooms", "no event's LOCATION matches 'H-103'; locations in this calendar: 'Main Hall'")
    ]


@pytest.mark.parametrize(
    ("event", "where", "message"),
    [
        ("UID:u1\nSUMMARY:T\nDTEND:20261205T103000Z", 'event "u1"', '"T" has no start time (DTSTART)'),
        (
            "UID:u2\nSUMMARY:T\nDTSTART:2026120510",
            'event "u2"',
            "\"T\" its DTSTART '2026120510' is not a date-time",
        ),
        (
            "UID:u3\nSUMMARY:T\nDTSTART:20261205T100000Z",
            'event "u3"',
            '"T" has no end time (DTEND or DURATION)',
        ),
        (
            "UID:u4\nSUMMARY:T\nDTSTART:20261205T100000Z\nDTEND:20261205T090000Z",
            'event "u4"',
            '"T" end 14:30 is before start 15:30',
        ),
        (
            "UID:u5\nSUMMARY:T\nDTSTART:20261205T100000Z\nDTEND;VALUE=DATE:20261206",
            'event "u5"',
            '"T" starts at a time of day but ends on a whole day',
        ),
        ("UID:u6\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z", 'event "u6"', "has no title (SUMMARY)"),
        (
            "SUMMARY:No uid\nDTSTART:20261205T100000Z",
            'event "No uid" at line 10',
            "has no end time (DTEND or DURATION)",
        ),
        (
            "UID:u8\nSUMMARY:T\nDTSTART:20261205T100000Z\nDURATION:PT1H\nRRULE:FREQ=SOMETIMES",
            'event "u8"',
            "its repeat rule could not be read",
        ),
    ],
)
def test_broken_event_is_skipped_with_its_place(event: str, where: str, message: str) -> None:
    good = "UID:ok\nDTSTART:20261205T040000Z\nDTEND:20261205T043000Z\nSUMMARY:Good"
    schedule, problems = ical.read(calendar(good, event), options())
    assert [session.title for session in schedule.sessions] == ["Good"]
    assert len(problems) == 1
    assert problems[0].where == where
    assert problems[0].message.startswith(message)


def test_stray_line_is_dropped_and_reported() -> None:
    data = calendar(
        "UID:a\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z\nSUMMARY:Kept\nthis line is junk"
    )
    schedule, problems = ical.read(data, options())
    assert [session.title for session in schedule.sessions] == ["Kept"]
    assert problems == [Problem("line 9", "not an iCalendar content line; ignored")]


def test_repeating_event_is_expanded_only_inside_the_window() -> None:
    weekly = (
        "UID:w\nDTSTART;TZID=Asia/Kolkata:20200104T100000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY\nSUMMARY:Weekly"
    )
    schedule, problems = ical.read(calendar(weekly), options())
    starts = [session.start for session in schedule.sessions]
    assert problems == []
    first = datetime(2026, 12, 5, tzinfo=KOLKATA) - ical.WINDOW
    last = datetime(2026, 12, 5, tzinfo=KOLKATA) + ical.WINDOW
    assert all(first <= start < last for start in starts)
    assert len(starts) in (57, 58)  # 400 days of Saturdays
    assert datetime(2026, 12, 5, 10, tzinfo=KOLKATA) in starts


def test_too_many_occurrences_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ical, "MAX_OCCURRENCES", 50)
    often = "UID:m\nDTSTART:20261205T100000Z\nDURATION:PT30M\nRRULE:FREQ=HOURLY\nSUMMARY:Often"
    schedule, problems = ical.read(calendar(often), options())
    assert len(schedule.sessions) == 50
    assert problems == [
        Problem("calendar", "repeating events make more than 50 sessions; the rest are left out")
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"sessions": []}', "not an iCalendar file"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "HTML login page"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", "a broken iCalendar file"),
        (b"", "an empty document"),
    ],
)
def test_not_a_calendar_is_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableError, match=reason):
        ical.read(data, options())


def test_two_thousand_events_in_reasonable_time() -> None:
    events = [
        f"UID:e{n}\nDTSTART;TZID=Europe/Berlin:20261205T{8 + n % 10:02d}0000\nDURATION:PT30M\n"
        f"SUMMARY:Session {n}\nDESCRIPTION:Host: Person {n}\nLOCATION:H-103\nDTSTAMP:20261201T000000Z"
        for n in range(2_000)
    ]
    data = calendar(*events)
    began = time.perf_counter()
    schedule, problems = ical.read(data, options())
    elapsed = time.perf_counter() - began
    assert len(schedule.sessions) == 2_000 and problems == []
    assert schedule.sessions[0].start == datetime(2026, 12, 5, 12, 30, tzinfo=KOLKATA)
    assert elapsed < 10, f"reading took {elapsed:.1f} s"
    assert timedelta(0) < schedule.sessions[-1].end - schedule.sessions[0].start


def test_duration_is_elapsed_time_across_the_dst_change() -> None:
    night = "UID:n\nDTSTART;TZID=Europe/Berlin:20261025T020000\nDURATION:PT2H\nSUMMARY:Night"
    schedule, problems = ical.read(calendar(night), options(BERLIN, date(2026, 10, 25)))
    assert problems == []
    assert [(s.start.isoformat(), s.end.isoformat()) for s in schedule.sessions] == [
        ("2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00")
    ]
