import json
import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED, Problem, UnreadableError
from kiosk.core.resources import DEMO_SCHEDULE, SCHEMA, data_path
from kiosk.formats import ReadOptions, native, read_schedule

KOLKATA = ZoneInfo("Asia/Kolkata")
OPTIONS = ReadOptions(timezone=KOLKATA, date=date(2026, 12, 5))


def read(document: Any, options: ReadOptions = OPTIONS) -> tuple[Any, list[Problem]]:
    return native.read(json.dumps(document).encode(), options)


def one(session: dict[str, Any]) -> dict[str, Any]:
    return {"title": "Packaging", "start": "10:00", "end": "10:30"} | session


def at(hour: int, minute: int, day: int = 5) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=KOLKATA)


@pytest.mark.parametrize(
    ("start", "end", "expected_start", "expected_end"),
    [
        ("10:00", "10:30", at(10, 0), at(10, 30)),
        ("9:05", "9:35", at(9, 5), at(9, 35)),
        ("2026-12-05T10:00", "2026-12-05T10:30", at(10, 0), at(10, 30)),
        ("2026-12-06T10:00", "11:00", at(10, 0, 6), at(11, 0, 6)),
        ("2026-12-05T04:30Z", "2026-12-05T05:00:00+00:00", at(10, 0), at(10, 30)),
        ("2026-12-05T05:30+01:00", "2026-12-05T10:30", at(10, 0), at(10, 30)),
        ("2:30 PM", "3:00 pm", at(14, 30), at(15, 0)),
        # The clocks go back at 03:00 CEST: 02:30 summer time to 02:10 winter time is 40 minutes.
        (
            "2026-10-25T02:30+02:00",
            "2026-10-25T02:10+01:00",
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            datetime(2026, 10, 25, 1, 10, tzinfo=UTC),
        ),
    ],
)
def test_times_are_read_into_the_event_zone(
    start: str, end: str, expected_start: datetime, expected_end: datetime
) -> None:
    options = ReadOptions(
        timezone=ZoneInfo("Europe/Berlin") if "10-25" in start else KOLKATA, date=date(2026, 12, 5)
    )
    schedule, problems = read({"sessions": [one({"start": start, "end": end})]}, options)
    assert problems == []
    (session,) = schedule.sessions
    # In UTC: a time the clocks pass twice never equals a time in another zone (PEP 495).
    assert (session.start.astimezone(UTC), session.end.astimezone(UTC)) == (expected_start, expected_end)
    assert session.start.tzinfo is options.timezone and session.end.tzinfo is options.timezone


def test_every_field_is_read() -> None:
    item = {
        "title": "  Async war stories ",
        "host": "Meera",
        "start": "12:00",
        "end": "12:30",
        "status": "Proposed",
        "description": "Bring your worst bug.",
        "url": "https://example.org/async",
        "room": "H-103",
    }
    schedule, problems = read({"sessions": [item], "announcements": ["Lunch at 13:00"], "ideas": ["CPython"]})
    assert problems == []
    (session,) = schedule.sessions
    assert (session.title, session.host, session.status) == ("Async war stories", "Meera", PROPOSED)
    assert (session.description, session.url, session.room) == (
        "Bring your worst bug.",
        "https://example.org/async",
        "H-103",
    )
    assert schedule.announcements == ("Lunch at 13:00",)
    assert schedule.ideas == ("CPython",)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(None, SCHEDULED), ("scheduled", SCHEDULED), ("CANCELLED", CANCELLED), ("canceled", CANCELLED)],
)
def test_status_words(status: str | None, expected: str) -> None:
    schedule, _ = read({"sessions": [one({"status": status})]})
    assert schedule.sessions[0].status == expected


def test_an_unknown_status_word_keeps_the_session_as_scheduled_and_is_reported() -> None:
    schedule, problems = read(
        {"sessions": [one({"status": "maybe"}), one({"title": "B", "status": "abgesagt"})]}
    )
    assert [(s.title, s.status) for s in schedule.sessions] == [("Packaging", SCHEDULED), ("B", CANCELLED)]
    assert problems == [
        Problem(
            'sessions[0] "Packaging"',
            "status 'maybe' is not a status word (scheduled, proposed, cancelled, or theirs in the "
            "board's languages); shown as scheduled",
        )
    ]


@pytest.mark.parametrize(
    ("item", "where", "message"),
    [
        ({"title": ""}, "sessions[0]", "missing title"),
        ({"title": 42}, "sessions[0]", "title must be text, not number"),
        (
            {"start": "25:99"},
            'sessions[0] "Packaging"',
            "start '25:99' is not a time (use HH:MM or YYYY-MM-DDTHH:MM)",
        ),
        (
            {"start": 1000},
            'sessions[0] "Packaging"',
            "start 1000 is not a time (use HH:MM or YYYY-MM-DDTHH:MM)",
        ),
        ({"end": None}, 'sessions[0] "Packaging"', "missing end (use HH:MM or YYYY-MM-DDTHH:MM)"),
        ({"start": "10:30", "end": "10:00"}, 'sessions[0] "Packaging"', "end 10:00 is before start 10:30"),
        ({"end": "10:00"}, 'sessions[0] "Packaging"', "ends when it starts (10:00)"),
        (
            {"start": "2026-12-06T10:00", "end": "2026-12-05T11:00"},
            'sessions[0] "Packaging"',
            "end 2026-12-05 11:00 is before start 2026-12-06 10:00",
        ),
        ({"host": ["a", "b"]}, 'sessions[0] "Packaging"', "host must be text, not list"),
    ],
)
def test_a_bad_session_is_skipped_and_reported(item: dict[str, Any], where: str, message: str) -> None:
    good = {"title": "Kept", "start": "11:00", "end": "11:30"}
    schedule, problems = read({"sessions": [one(item), good]})
    assert problems == [Problem(where, message)]
    assert [session.title for session in schedule.sessions] == ["Kept"]


def test_a_session_that_is_not_an_object_is_reported_by_index() -> None:
    schedule, problems = read({"sessions": [one({}), "Packaging at ten"]})
    assert len(schedule.sessions) == 1
    assert problems == [Problem("sessions[1]", "a session must be an object, not text")]


def test_announcements_and_ideas_that_are_not_text_are_reported() -> None:
    schedule, problems = read({"sessions": [], "announcements": ["Lunch", 3, ""], "ideas": "just one"})
    assert schedule.announcements == ("Lunch",)
    assert schedule.ideas == ()
    assert problems == [
        Problem("announcements[1]", "must be text or an object with text and until, not number"),
        Problem("ideas", "must be a list of text, not text"),
    ]


@pytest.mark.parametrize(
    ("room", "kept"),
    [("", ["In H-103", "In Hall A", "Anywhere"]), ("room h-103", ["In H-103", "Anywhere"])],
)
def test_room_filter_drops_other_rooms_quietly(room: str, kept: list[str]) -> None:
    sessions = [
        one({"title": "In H-103", "room": "Room H-103"}),
        one({"title": "In Hall A", "room": "Hall A"}),
        one({"title": "Anywhere"}),
    ]
    options = ReadOptions(timezone=KOLKATA, date=date(2026, 12, 5), room=room)
    schedule, problems = read({"sessions": sessions}, options)
    assert problems == []
    assert [session.title for session in schedule.sessions] == kept


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[]", "JSON list"),
        (b'"sessions"', "JSON text"),
        (b'{"talks": []}', 'without a "sessions" list'),
        (b'{"sessions": {"a": 1}}', 'without a "sessions" list'),
        (b'{"sessions": [', "not valid JSON (line 1, column 15: Expecting value)"),
        (b"[" * 100_000, "JSON"),
        (b'{"sessions": [1' + b"1" * 5000 + b"]}", "not valid JSON"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "login page"),
        (b"", "empty"),
        (b'{"sessions": []}\xff', "not UTF-8"),
    ],
)
def test_bytes_that_are_not_a_schedule_are_unreadable(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableError, match=re.escape(words)):
        native.read(data, OPTIONS)


def test_read_schedule_sorts_sessions_by_start_end_title() -> None:
    sessions = [
        one({"title": "B", "start": "11:00", "end": "11:30"}),
        one({"title": "C", "start": "10:00", "end": "11:00"}),
        one({"title": "A", "start": "10:00", "end": "11:00"}),
        one({"title": "D", "start": "10:00", "end": "10:30"}),
    ]
    reading = read_schedule(json.dumps({"sessions": sessions}).encode(), OPTIONS)
    assert reading.format == "json"
    assert [session.title for session in reading.schedule.sessions] == ["D", "A", "C", "B"]


def test_the_demo_schedule_reads_without_problems() -> None:
    reading = read_schedule(data_path(DEMO_SCHEDULE).read_bytes(), OPTIONS)
    assert reading.problems == ()
    assert len(reading.schedule.sessions) >= 10


SCHEMA = json.loads(data_path(SCHEMA).read_text(encoding="utf-8"))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_demo_schedule_follows_the_schema() -> None:
    document = json.loads(data_path(DEMO_SCHEDULE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_the_schema_documents_exactly_the_fields_the_reader_reads() -> None:
    session = SCHEMA["$defs"]["session"]
    assert set(session["properties"]) == set(native.SESSION_FIELDS)
    assert all(spec.get("description") for spec in session["properties"].values())
    assert set(SCHEMA["properties"]) == set(native.DOCUMENT_FIELDS)


@pytest.mark.parametrize(
    "document",
    [
        {"sessions": [{"start": "10:00", "end": "10:30"}]},
        {"sessions": [one({"status": "maybe"})]},
        {"sessions": "none"},
        {"sessions": [], "ideas": [1]},
    ],
)
def test_the_schema_rejects_what_the_reader_reports(document: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_a_key_given_twice_anywhere_is_a_problem_naming_the_key_and_the_place() -> None:
    text = (
        '{"sessions": [{"title": "Packaging", "start": "10:00", "start": "10:15", "end": "10:30"},'
        ' {"title": "Kept", "start": "11:00", "end": "11:30"}],'
        ' "announcements": ["Lunch", {"text": "Coffee", "text": "Tea", "until": "12:00"}],'
        ' "alert": {"text": "Moved", "until": "18:00", "until": "19:00"},'
        ' "extra": {"deep": [{"a": 1, "a": 2}]},'
        ' "ideas": ["A"], "ideas": ["B"]}'
    )
    schedule, problems = native.read(text.encode(), OPTIONS)
    assert [s.title for s in schedule.sessions] == ["Packaging", "Kept"]  # JSON keeps the last
    assert schedule.sessions[0].start.strftime("%H:%M") == "10:15"
    assert schedule.ideas == ("B",)
    assert problems == [
        Problem("ideas", '"ideas" appears 2 times; only the last is read: put everything in one'),
        Problem('sessions[0] "Packaging"', '"start" appears 2 times; only the last is read'),
        Problem("announcements[1]", '"text" appears 2 times; only the last is read'),
        Problem("alert", '"until" appears 2 times; only the last is read'),
        Problem("extra.deep[0]", '"a" appears 2 times; only the last is read'),
    ]


def test_a_document_without_repeated_keys_reads_as_plain_dicts() -> None:
    document, problems = native._load(b'{"sessions": [{"title": "A", "start": "10:00", "end": "10:30"}]}')
    assert problems == [] and type(document) is dict and type(document["sessions"][0]) is dict
