"""``check`` with real-shaped multi-room exports: rooms matched by whole words, the rest listed."""

from __future__ import annotations

import json
from pathlib import Path

import configs
import pytest

from kiosk import cli

DATA = Path(__file__).resolve().parent / "data"
SPELLINGS = ("H-103", "h103", "Room H-103", "Room H-103, 1st floor", "H-103 (Open Spaces)")


def check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path, rooms: str, *, as_json: bool
) -> tuple[int, str]:
    config = configs.kiosk_toml(
        tmp_path,
        rooms + "\n",  # more of [source], the last table
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05", "room": "H-103"},
        source={"url": source},
    )
    code = cli.main(["check", "--config", str(config), *(["--json"] if as_json else [])])
    return code, capsys.readouterr().out


def test_a_google_calendar_with_both_spellings_shows_both_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = DATA / "google-two-spellings.ics"
    code, out = check(capsys, tmp_path, source, 'room = "H-103"', as_json=True)
    assert code == cli.EXIT_OK  # a note is no problem
    data = json.loads(out)
    assert [(s["title"], s["room"]) for s in data["sessions"]] == [
        ("Opening circle", "H-103"),
        ("Packaging without tears", "Room H-103, 1st floor"),
        ("Type hints in anger", "Room H-103, 1st floor"),
    ]
    assert data["problems"] == []
    assert data["other_rooms"] == [
        {"room": "Main Hall", "sessions": 1},
        {"room": "Room H-1030", "sessions": 1},
    ]
    assert data["notes"] == [
        {
            "where": "rooms",
            "message": "[source] room 'H-103' takes in 2 spellings: 'H-103', 'Room H-103, 1st floor'",
        }
    ]
    code, text = check(capsys, tmp_path, source, 'room = "H-103"', as_json=False)
    assert code == cli.EXIT_OK
    assert "Read as ics: 3 sessions." in text
    assert (
        "  2 sessions in other rooms (not shown):\n    Main Hall: 1 session\n    Room H-1030: 1 session"
        in text
    )
    assert "Notes (not problems):\n  rooms: [source] room 'H-103' takes in 2 spellings" in text
    assert "No problems found." in text


def test_a_pretalx_room_in_a_longer_name_is_that_room_without_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = check(capsys, tmp_path, DATA / "pretalx-long-rooms.json", 'room = "r3s"', as_json=True)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert [(s["title"], s["room"]) for s in data["sessions"]] == [
        ("Opening circle", "r3s - Monheim/Rhein"),
        ("Rust for Pythonistas", "r3s - Monheim/Rhein"),
    ]
    assert data["problems"] == [] and data["notes"] == []
    assert data["other_rooms"] == [
        {"room": "Room 1", "sessions": 1},
        {"room": "Room 10", "sessions": 2},
        {"room": "Room 11", "sessions": 1},
        {"room": "Hall H-103 (Open Spaces), 1st floor", "sessions": 1},
    ]


def test_room_1_is_not_room_10_or_11_in_a_pretalx_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = check(capsys, tmp_path, DATA / "pretalx-long-rooms.json", 'room = "Room 1"', as_json=True)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert [s["title"] for s in data["sessions"]] == ["Packaging without tears"]
    assert {room["room"]: room["sessions"] for room in data["other_rooms"]} == {
        "r3s - Monheim/Rhein": 2,
        "Room 10": 2,
        "Room 11": 1,
        "Hall H-103 (Open Spaces), 1st floor": 1,
    }


def test_several_rooms_room_1_room_10_room_11_in_a_pretalx_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rooms = 'rooms = ["Room 1", "Room 10", "H-103"]'
    code, out = check(capsys, tmp_path, DATA / "pretalx-long-rooms.json", rooms, as_json=True)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert data["rooms"] == {"Room 1": 1, "Room 10": 2, "H-103": 1}
    assert data["other_rooms"] == [
        {"room": "r3s - Monheim/Rhein", "sessions": 2},
        {"room": "Room 11", "sessions": 1},
    ]
    assert data["problems"] == [] and data["notes"] == []
    code, text = check(capsys, tmp_path, DATA / "pretalx-long-rooms.json", rooms, as_json=False)
    assert "Rooms:\n  Room 1: 1 session\n  Room 10: 2 sessions\n  H-103: 1 session" in text
    assert (
        "  3 sessions in other rooms (not shown):\n"
        "    r3s - Monheim/Rhein: 2 sessions\n    Room 11: 1 session" in text
    )


def _sheet(tmp_path: Path, column: str) -> Path:
    text = (DATA / "room-spellings-sheet.csv").read_text(encoding="utf-8-sig")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text.replace(",Where\r\n", f",{column}\r\n", 1), encoding="utf-8")
    return sheet


@pytest.mark.parametrize("column", ["Where", "Room", "Location", "room_name", "VENUE"])
def test_a_sheet_spelling_the_room_five_ways_shows_them_all_as_one_room(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, column: str
) -> None:
    code, out = check(capsys, tmp_path, _sheet(tmp_path, column), 'room = "H-103"', as_json=True)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert [s["room"] for s in data["sessions"]] == list(SPELLINGS)
    assert data["other_rooms"] == [
        {"room": "Room 1", "sessions": 1},
        {"room": "Room 10", "sessions": 1},
        {"room": "Room 11", "sessions": 1},
        {"room": "H-1030", "sessions": 1},
    ]
    assert data["notes"] == [
        {
            "where": "rooms",
            "message": "[source] room 'H-103' takes in 5 spellings: "
            + ", ".join(f"'{spelling}'" for spelling in SPELLINGS),
        }
    ]


def test_several_rooms_in_a_sheet_the_longer_match_wins_and_check_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rooms = 'rooms = ["H-103", "Room H-103", "Room 1"]'
    code, out = check(capsys, tmp_path, _sheet(tmp_path, "Room"), rooms, as_json=True)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert data["rooms"] == {"H-103": 3, "Room 1": 1, "Room H-103": 2}
    assert data["other_rooms"] == [
        {"room": "Room 10", "sessions": 1},
        {"room": "Room 11", "sessions": 1},
        {"room": "H-1030", "sessions": 1},
    ]
    messages = [note["message"] for note in data["notes"]]
    assert (
        "'Room H-103, 1st floor' matches 'H-103', 'Room H-103' in [source] rooms; its sessions are shown in "
        "'Room H-103', the longer match"
    ) in messages
    assert "[source] rooms 'H-103' takes in 3 spellings: 'H-103', 'h103', 'H-103 (Open Spaces)'" in messages
    code, text = check(capsys, tmp_path, _sheet(tmp_path, "Room"), rooms, as_json=False)
    assert "the longer match" in text and "No problems found." in text


def test_a_room_matching_nothing_is_a_problem_naming_the_rooms_there_are(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = check(capsys, tmp_path, DATA / "pretalx-long-rooms.json", 'room = "Room 12"', as_json=False)
    assert code == cli.EXIT_PROBLEMS
    assert "rooms: no room matches 'Room 12'; rooms in this schedule: 'r3s - Monheim/Rhein', 'Room 1'" in out
    assert "  7 sessions in other rooms (not shown):" in out
