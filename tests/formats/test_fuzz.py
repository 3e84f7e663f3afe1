"""No bytes make a reader raise anything but ``UnreadableError``; what it reads is always well formed.

Every reader, through ``kiosk.formats.read_schedule``, on bytes from Hypothesis.
"""

import json
from datetime import UTC, date
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.model import STATUSES, UnreadableError
from kiosk.formats import ReadOptions, read_schedule

OPTIONS = ReadOptions(timezone=ZoneInfo("Europe/Berlin"), date=date(2026, 3, 29), room="")
ROOM_OPTIONS = ReadOptions(timezone=ZoneInfo("America/St_Johns"), date=date(2026, 11, 1), room="h-103")


FORMATS = ("auto", "json", "csv", "ics", "frab", "sessionize", "indico")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes) -> None:
    for options in (OPTIONS, ROOM_OPTIONS):
        for name in FORMATS:
            try:
                reading = read_schedule(data, options, format=name)
            except UnreadableError as error:
                assert str(error).strip(), f"{name}: an unreadable error must say why"
                continue
            sessions = reading.schedule.sessions
            for session in sessions:
                assert session.start.tzinfo == options.timezone, name
                assert session.end.tzinfo == options.timezone, name
                assert session.start < session.end and session.status in STATUSES
            assert list(sessions) == sorted(
                sessions, key=lambda s: (s.start.astimezone(UTC), s.end.astimezone(UTC), s.title)
            )
            for problem in reading.problems:
                assert problem.where.strip() and problem.message.strip(), f"{name}: {problem!r}"


TIMEISH = st.sampled_from(
    [
        "10:00",
        "10:30",
        "02:30",
        "2:30 PM",
        "12:00 am",
        "25:99",
        "10.30",
        "2026-03-29T02:30",
        "2026-03-29T10:00+05:30",
        "2026-03-29T10:00Z",
        "0001-01-01T00:00+14:00",
        "9999-12-31T23:59-12:00",
        "9999-12-31",
        "31/02/2026 10:00",
        "Saturday 5 December 2026 10:00",
        "10:00 – 10:30",
        "99999999999999999999",
        "",
    ]
)
WORDS = st.sampled_from(
    [
        "title",
        "Topic",
        "host",
        "Speaker",
        "start",
        "Time",
        "end",
        "date",
        "day",
        "status",
        "room",
        "name",
        "duration",
        "minutes",
        "url",
        "notes",
        "scheduled",
        "Cancelled",
        "tentative",
        "H-103",
    ]
)
CELL = st.one_of(TIMEISH, WORDS, st.text(max_size=12))
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10) | TIMEISH,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6) | WORDS, children, max_size=4)
    ),
    max_leaves=12,
)
SESSION = st.dictionaries(
    st.sampled_from(["title", "host", "start", "end", "status", "description", "url", "room"]),
    st.one_of(TIMEISH, WORDS, JSON_VALUE),
)


@FUZZ
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(JSON_VALUE)
def test_arbitrary_json(value: Any) -> None:
    check(json.dumps(value).encode())


@FUZZ
@given(
    st.lists(st.one_of(SESSION, JSON_VALUE), max_size=6),
    st.one_of(st.none(), JSON_VALUE),
)
def test_native_json_shaped_documents(sessions: list[Any], ideas: Any) -> None:
    check(json.dumps({"sessions": sessions, "ideas": ideas, "announcements": ideas}).encode())


SESSIONIZE_SESSION = st.dictionaries(
    st.sampled_from(["id", "title", "startsAt", "endsAt", "isServiceSession", "speakers", "roomId", "room"]),
    st.one_of(TIMEISH, WORDS, JSON_VALUE),
)
INDICO_ENTRY = st.dictionaries(
    st.sampled_from(
        ["entryType", "title", "slotTitle", "startDate", "endDate", "room", "presenters", "entries"]
    ),
    st.one_of(
        st.fixed_dictionaries({"date": st.sampled_from(["2026-03-29", "9999-12-31", ""]), "time": TIMEISH}),
        st.sampled_from(["Session", "Break", "Contribution"]),
        WORDS,
        JSON_VALUE,
    ),
)


@FUZZ
@given(
    st.lists(st.one_of(SESSIONIZE_SESSION, JSON_VALUE), max_size=6),
    st.lists(JSON_VALUE, max_size=3),
    st.lists(JSON_VALUE, max_size=3),
)
def test_sessionize_shaped_documents(sessions: list[Any], speakers: list[Any], rooms: list[Any]) -> None:
    check(json.dumps({"sessions": sessions, "speakers": speakers, "rooms": rooms, "categories": []}).encode())
    check(
        json.dumps(
            [{"date": "2026-03-29T00:00:00", "rooms": [{"name": "H-103", "sessions": sessions}]}]
        ).encode()
    )


@FUZZ
@given(st.dictionaries(st.text(max_size=4), st.one_of(INDICO_ENTRY, JSON_VALUE), max_size=5))
def test_indico_shaped_documents(entries: dict[str, Any]) -> None:
    check(json.dumps({"results": {"1": {"20260329": entries, "x": entries}}}).encode())


@FUZZ
@given(
    st.lists(st.lists(CELL, max_size=7), max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["", "\ufeff"]),
)
def test_csv_shaped_text(rows: list[list[str]], delimiter: str, newline: str, bom: str) -> None:
    header = delimiter.join(["Title", "Host", "Start", "End", "Date", "Status", "Room"])
    lines = [header, *(delimiter.join(row) for row in rows)]
    check((bom + newline.join(lines)).encode())


VALID = [
    json.dumps(
        {
            "sessions": [
                {"title": "Packaging", "host": "Arjun", "start": "10:00", "end": "10:30", "room": "H-103"},
                {
                    "title": "Async",
                    "start": "2026-03-29T01:30",
                    "end": "2026-03-29T03:30",
                    "status": "proposed",
                },
            ],
            "announcements": ["Lunch at 13:00"],
            "ideas": ["CPython"],
        }
    ).encode(),
    b"\xef\xbb\xbfDate,Time,Topic,Speaker,Status\r\n29/03/2026,10:00 - 10:30,Packaging,Arjun,\r\n"
    b",10:30-11:00,,,\r\n29.03.2026,1:30 AM - 3:30 AM,Async,Meera,tentative\r\n",
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@example.org\r\n"
    b"DTSTART;TZID=Europe/Berlin:20260329T100000\r\nDTEND;TZID=Europe/Berlin:20260329T103000\r\n"
    b"RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Packaging\r\nLOCATION:H-103\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    json.dumps(
        {
            "schedule": {
                "version": "1",
                "conference": {
                    "title": "PyCon",
                    "time_zone_name": "Europe/Berlin",
                    "days": [
                        {
                            "index": 1,
                            "date": "2026-03-29",
                            "rooms": {
                                "H-103": [
                                    {
                                        "guid": "b1",
                                        "date": "2026-03-29T10:00:00+02:00",
                                        "start": "10:00",
                                        "duration": "00:30",
                                        "room": "H-103",
                                        "title": "Packaging",
                                        "persons": [{"public_name": "Arjun"}],
                                    }
                                ]
                            },
                        }
                    ],
                },
            }
        }
    ).encode(),
]


def test_the_valid_samples_are_detected_and_read() -> None:
    for data, expected in zip(VALID, ("json", "csv", "ics", "frab"), strict=True):
        reading = read_schedule(data, OPTIONS)
        assert (reading.format, reading.problems) == (expected, ())
        assert reading.schedule.sessions


MUTATION = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "truncate"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=8),
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, chunk in mutations:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + len(chunk) :]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "replace":
            data = data[:at] + chunk + data[at + len(chunk) :]
        else:
            data = data[:at]
    return data


@FUZZ
@given(st.sampled_from(VALID), st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_valid_schedules(data: bytes, mutations: list[tuple[str, float, bytes]]) -> None:
    check(mutate(data, mutations))
