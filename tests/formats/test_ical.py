from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED, Problem, Session, UnreadableError
from kiosk.formats import ReadOptions, ical
from kiosk.formats._steps import Steps

DATA = Path(__file__).parents[1] / "data"
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
    # On the series' first day the board's window holds all four weeks of it.
    sessions, problems = read_file("google-open-spaces.ics", options(on=date(2026, 11, 14), room="h-103"))
    # LOCATION names the room in full ("Room H-103, Hall B, …"): its words hold "h-103"'s, in order.
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
    assert len(problems) == 1  # "Room H-103, Building H" is the room by its words: no problem
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
    ("room", "locations", "kept", "fallback"),
    [
        ("H-103", ["H-103", "H-1030", ""], ["H-103", ""], False),
        ("room h-103", ["ROOM H-103", "Room H-104"], ["ROOM H-103"], False),
        ("", ["H-103", "H-104"], ["H-103", "H-104"], False),
        # A LOCATION that names the room in more words is the room, and no problem.
        ("H-103", ["Room H-103, Building H", "H-104", ""], ["Room H-103, Building H", ""], False),
        ("Room 1", ["Room 10", "Room 11", "Room 1"], ["Room 1"], False),
        ("Room 1", ["Room 10", "Room 11"], [], True),
    ],
)
def test_room_filter(room: str, locations: list[str], kept: list[str], fallback: bool) -> None:
    events = [
        f"UID:{n}\nDTSTART:20261205T1{n}0000Z\nDTEND:20261205T1{n}3000Z\nSUMMARY:S{n}"
        + (f"\nLOCATION:{location}" if location else "")
        for n, location in enumerate(locations)
    ]
    schedule, problems = ical.read(calendar(*events), options(room=room))
    assert [session.room for session in schedule.sessions] == kept
    assert [problem.where for problem in problems] == (["rooms"] if fallback else [])


def test_room_filter_matching_nothing_names_the_locations() -> None:
    events = ["UID:a\nDTSTART:20261205T100000Z\nDTEND:20261205T103000Z\nSUMMARY:S\nLOCATION:Main Hall"]
    schedule, problems = ical.read(calendar(*events), options(room="H-103"))
    assert schedule.sessions == ()
    assert problems == [Problem("rooms", "no room matches 'H-103'; rooms in this schedule: 'Main Hall'")]


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
            "SUMMARY:No uid\nDTSTART:20261205T100000Z\nDTEND:20261205T090000Z",
            'event "No uid" at line 10',
            "end 14:30 is before start 15:30",
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
    assert len(problems) == 1
    assert problems[0].where == 'event "a"'
    assert problems[0].message.startswith("a line that is not iCalendar was ignored")
    assert "this line is junk" in problems[0].message


def test_repeating_event_is_expanded_only_over_the_days_the_board_shows() -> None:
    weekly = (
        "UID:w\nDTSTART;TZID=Asia/Kolkata:20200104T100000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY\nSUMMARY:Weekly"
    )
    schedule, problems = ical.read(calendar(weekly), options())
    assert problems == []
    # The board's window: from the day before 5 December to 35 days after it: five Saturdays.
    assert [session.start.date().isoformat() for session in schedule.sessions] == [
        "2026-12-05",
        "2026-12-12",
        "2026-12-19",
        "2026-12-26",
        "2027-01-02",
    ]
    assert schedule.sessions[0].start == datetime(2026, 12, 5, 10, tzinfo=KOLKATA)


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


def test_two_thousand_events() -> None:
    events = [
        f"UID:e{n}\nDTSTART;TZID=Europe/Berlin:20261205T{8 + n % 10:02d}0000\nDURATION:PT30M\n"
        f"SUMMARY:Session {n}\nDESCRIPTION:Host: Person {n}\nLOCATION:H-103\nDTSTAMP:20261201T000000Z"
        for n in range(2_000)
    ]
    data = calendar(*events)
    schedule, problems = ical.read(data, options())
    assert len(schedule.sessions) == 2_000 and problems == []
    assert schedule.sessions[0].start == datetime(2026, 12, 5, 12, 30, tzinfo=KOLKATA)
    assert timedelta(0) < schedule.sessions[-1].end - schedule.sessions[0].start


def test_duration_is_elapsed_time_across_the_dst_change() -> None:
    night = "UID:n\nDTSTART;TZID=Europe/Berlin:20261025T020000\nDURATION:PT2H\nSUMMARY:Night"
    schedule, problems = ical.read(calendar(night), options(BERLIN, date(2026, 10, 25)))
    assert problems == []
    assert [(s.start.isoformat(), s.end.isoformat()) for s in schedule.sessions] == [
        ("2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00")
    ]


class CountedSteps(Steps):
    """``Steps`` that remember, after each series, how many steps it took of how many allowed."""

    spent: ClassVar[list[tuple[int, int]]] = []

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)  # type: ignore[arg-type]
        CountedSteps.spent.append((self.taken, self.limit))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    CountedSteps.spent = []
    monkeypatch.setattr(ical, "Steps", CountedSteps)
    return CountedSteps.spent


WEEKLY = "UID:w\nDTSTART;TZID=Asia/Kolkata:20261128T100000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY\nSUMMARY:Weekly"
EVERY_SECOND = "UID:s\nDTSTART:20200101T000000Z\nDURATION:PT1S\nRRULE:FREQ=SECONDLY\nSUMMARY:Every second"
NEVER = (  # there is no 30 February: the rule engine looks for one, day after day, to the year 9999
    "UID:n\nDTSTART:20260101T000000Z\nDURATION:PT30M\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\nSUMMARY:Never"
)


def test_a_rule_without_end_or_match_stops_at_its_counted_steps(counted: list[tuple[int, int]]) -> None:
    schedule, problems = ical.read(calendar(EVERY_SECOND, WEEKLY, NEVER), options())
    assert [session.start.date().isoformat() for session in schedule.sessions][:2] == [
        "2026-12-05",
        "2026-12-12",
    ]
    too_much = (
        f"repeats too often to work out (more than {ical.SERIES_STEPS:,} steps for the days the board shows)"
    )
    assert problems == [
        Problem('event "s"', f'"Every second" {too_much}; left out'),
        Problem('event "n"', f'"Never" {too_much}; left out'),
    ]
    # Each hostile series stopped exactly at its allowance; the weekly one needed a fraction of it.
    assert counted[0] == (ical.SERIES_STEPS, ical.SERIES_STEPS)
    assert counted[2] == (ical.SERIES_STEPS, ical.SERIES_STEPS)
    assert counted[1][0] < ical.SERIES_STEPS // 10


def test_the_calendar_has_one_allowance_for_all_its_series(
    counted: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ical, "SERIES_STEPS", 1_000)
    monkeypatch.setattr(ical, "MAX_STEPS", 2_500)
    hostile = [EVERY_SECOND.replace("UID:s", f"UID:s{n}") for n in range(4)]
    schedule, problems = ical.read(calendar(*hostile), options())
    assert schedule.sessions == ()
    assert counted == [(1_000, 1_000), (1_000, 1_000), (500, 500)]
    assert sum(taken for taken, _ in counted) == 2_500
    assert [problem.where for problem in problems] == [
        'event "s0"',
        'event "s1"',
        'event "s2"',
        'event "s3"',
        "calendar",
    ]
    assert problems[3].message == "left out: the repeating events before it took all the work allowed"
    assert (
        problems[4].message
        == "repeating events need more than 2,500 steps to work out; the rest are left out"
    )


def test_google_export_in_utc_with_the_calendars_zone_keeps_the_wall_time() -> None:
    berlin = options(BERLIN, date(2026, 10, 24))
    sessions, problems = read_file("google-weekly-berlin.ics", berlin)
    assert problems == []
    daily = [s.start.isoformat() for s in sessions if s.title == "Morning planning circle"]
    # Written in UTC (08:00Z, summer time); the calendar's zone keeps it at 10:00 after the change.
    assert daily == [f"2026-10-{day}T10:00:00+0{2 if day < 25 else 1}:00" for day in range(23, 28)]
    tea = [(s.title, s.start.isoformat()) for s in sessions if s.title.startswith("Maintainers")]
    assert tea == [  # 29 October is an EXDATE; 5 November moved and renamed; the window ends 28 Nov.
        ("Maintainers' tea (late)", "2026-11-05T16:00:00+01:00"),
        ("Maintainers' tea", "2026-11-12T14:00:00+01:00"),
        ("Maintainers' tea", "2026-11-19T14:00:00+01:00"),
        ("Maintainers' tea", "2026-11-26T14:00:00+01:00"),
    ]
    circle = sessions[0]
    assert (circle.host, circle.room) == ("Lea Schmidt", "Raum Kepler (Open Spaces)")
    assert circle.description == "Host: Lea Schmidt\nPlan the day: what is on, where, who hosts."
    assert "Sprint day 1" not in {s.title for s in sessions}


def test_exchange_calendar_with_a_windows_zone_across_the_clock_change() -> None:
    pacific = ZoneInfo("America/Los_Angeles")
    sessions, problems = read_file(
        "exchange-pacific.ics", options(pacific, date(2026, 10, 28), room="Room 4B")
    )
    assert problems == []
    assert [brief(session) for session in sessions] == [
        (
            "2026-10-28T09:00:00-07:00",
            "2026-10-28T10:00:00-07:00",
            "Open Spaces: morning round",
            "",
            SCHEDULED,
        ),
        ("2026-10-29T13:00:00-07:00", "2026-10-29T13:30:00-07:00", "Packaging clinic", "Dana Kim", CANCELLED),
        # The clocks went back on 1 November: still 09:00. 11 November is an EXDATE; 18 November moved
        # to Room 4C, so the room filter leaves it out.
        (
            "2026-11-04T09:00:00-08:00",
            "2026-11-04T10:00:00-08:00",
            "Open Spaces: morning round",
            "",
            SCHEDULED,
        ),
        (
            "2026-11-25T09:00:00-08:00",
            "2026-11-25T10:00:00-08:00",
            "Open Spaces: morning round",
            "",
            SCHEDULED,
        ),
    ]


def test_discourse_event_without_an_end_is_shown_for_one_slot() -> None:
    # RFC 5545: an event with a start time and no DTEND or DURATION takes no time. Not a problem:
    # the board shows it for one of its slots.
    sessions, problems = read_file("discourse-events.ics", replace(options(), untimed=timedelta(minutes=45)))
    assert problems == []
    assert [(s.title, s.start.isoformat(), s.end.isoformat()) for s in sessions] == [
        (
            "Open Spaces: how we review pull requests",
            "2026-12-05T10:00:00+05:30",
            "2026-12-05T11:00:00+05:30",
        ),
        ("Lightning talks sign-up closes", "2026-12-05T11:30:00+05:30", "2026-12-05T12:15:00+05:30"),
    ]
    assert sessions[0].description == "Bring your review checklists & horror stories."
    assert sessions[1].url == "https://discuss.example.org/t/-/1880/1"
