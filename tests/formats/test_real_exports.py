"""Real exports read as a person reads them: a c3voc schedule v2 (the 38C3 hub's layout), a pretalx
export without ``time_zone_name``, a conference sheet with its own headers.

Every reader, through ``kiosk.formats.read_schedule``: the files in tests/data are real exports.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Problem, UnreadableError
from kiosk.formats import ReadOptions, read_schedule

DATA = Path(__file__).parents[1] / "data"


def read(name: str, zone: str, day: str, room: str = "") -> tuple[list[tuple[str, ...]], list[Problem]]:
    options = ReadOptions(timezone=ZoneInfo(zone), date=date.fromisoformat(day), room=room)
    reading = read_schedule((DATA / name).read_bytes(), options, name=name)
    rows = [
        (s.start.isoformat(), s.end.isoformat(), s.title, s.host, s.room, s.description)
        for s in reading.schedule.sessions
    ]
    return rows, list(reading.problems)


def test_a_c3voc_schedule_version_2_is_read() -> None:
    rows, problems = read("c3voc-schedule-v2.json", "Europe/Berlin", "2026-12-05", room="open space h-103")
    assert rows == [
        (
            "2026-12-05T12:00:00+01:00",
            "2026-12-05T12:45:00+01:00",
            "Mesh networks for villages",
            "Ilse Brandt, Kofi",
            "Open Space H-103",
            "Notes from three years of community Wi-Fi.",
        ),
        (
            "2026-12-06T00:30:00+01:00",
            "2026-12-06T01:30:00+01:00",
            "Night owls: retro computing",
            "",
            "Open Space H-103",
            "",
        ),
    ]
    assert problems == [
        Problem('event "5f0a9c1e-3333-4c1e-9a00-000000000004"', '"Placeholder" ends when it starts (11:00)')
    ]


def test_every_room_of_a_version_2_schedule_without_a_room_set() -> None:
    rows, _ = read("c3voc-schedule-v2.json", "Asia/Kolkata", "2026-12-05")
    assert [(start, title, room) for start, _, title, _, room, _ in rows][:2] == [
        ("2026-12-05T15:00:00+05:30", "Opening", "Saal 1"),
        ("2026-12-05T16:30:00+05:30", "Mesh networks for villages", "Open Space H-103"),
    ]


def test_a_schedule_json_of_another_layout_is_unreadable_and_says_which() -> None:
    document = {
        "schedule": {"version": "3.0", "conference": {"title": "x", "days": [{"date": "2026-12-05"}]}}
    }
    options = ReadOptions(timezone=ZoneInfo("UTC"), date=date(2026, 12, 5))
    with pytest.raises(UnreadableError, match=r"version '3\.0'.*neither days with rooms"):
        read_schedule(json.dumps(document).encode(), options)


@pytest.mark.parametrize(
    ("zone", "first", "second"),
    [
        (
            "Asia/Kolkata",
            ("2026-12-05T10:30:00+05:30", "2026-12-05T11:15:00+05:30"),
            ("2026-12-05T23:30:00+05:30", "2026-12-06T00:30:00+05:30"),
        ),
        (
            "Europe/Berlin",
            ("2026-12-05T06:00:00+01:00", "2026-12-05T06:45:00+01:00"),
            ("2026-12-05T19:00:00+01:00", "2026-12-05T20:00:00+01:00"),
        ),
    ],
)
def test_a_pretalx_export_without_a_time_zone_name(
    zone: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    rows, problems = read("pretalx-no-timezone.json", zone, "2026-12-05", room="Room H-103")
    assert problems == []
    assert [row[:2] for row in rows] == [first, second]
    assert rows[0][2:5] == ("Packaging without tears", "Priya Raman", "Room H-103")


def test_a_conference_sheet_with_its_own_headers() -> None:
    rows, problems = read("conference-sheet.csv", "Asia/Kolkata", "2026-12-05", room="Room H-103")
    assert rows == [
        (
            "2026-12-05T10:30:00+05:30",
            "2026-12-05T11:15:00+05:30",
            "Packaging without tears",
            "Priya Raman",
            "Room H-103",
            "What broke in your pyproject.toml?",
        ),
        (
            "2026-12-05T11:30:00+05:30",
            "2026-12-05T12:00:00+05:30",
            "Type hints in anger",
            "Arjun Mehta",
            "Room H-103",
            "",
        ),
        # 23:00 to 00:30 runs past midnight.
        (
            "2026-12-05T23:00:00+05:30",
            "2026-12-06T00:30:00+05:30",
            "Night owls: hack till late",
            "Sam",
            "Room H-103",
            "",
        ),
    ]
    assert problems == [Problem("row 9", "missing end time (use HH:MM, h:mm AM/PM or a date and a time)")]
