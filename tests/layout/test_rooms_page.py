"""Several rooms on one board: ``[source] rooms``, each room's day, and the ``rooms`` grid page.

Mostly ``kiosk.layout.rooms`` (test_rooms.py is the room filter of the formats), with the config and
board of several rooms that the page is made from.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import boards
import configs
import pytest
from boards import SIZES, _overlap, check

from kiosk import config as configuration
from kiosk.board.timeline import Board, SlotState, rooms_board_at
from kiosk.config import Config, ConfigError
from kiosk.core.model import PROPOSED, SCHEDULED, Schedule, Session
from kiosk.formats import ReadOptions, read_schedule
from kiosk.layout import Box, layout, page_parts
from kiosk.layout.rooms import parts
from kiosk.render.fonts import Fonts
from kiosk.report.check import CheckReport

DATA = Path(__file__).parents[1] / "data"
TZ = boards.TZ
DAY = date(2026, 12, 5)
FOUR = ("Room H-101", "Room H-102", "Room H-103", "Room H-104")


def _config(rooms: tuple[str, ...], home: str = "H-103", minutes: int = 60, end: str = "18:00") -> Config:
    tables = {
        "event": {
            "name": "PyConf Open Spaces",
            "room": home,
            "timezone": "Asia/Kolkata",
            "date": "2026-12-05",
        },
        "source": {"url": DATA / "rooms-frab.json", "rooms": rooms},
        "slots": {"start": "10:00", "end": end, "minutes": minutes},
        "propose": {"url": "https://example.org/propose"},
    }
    return configuration.parse(configs.toml(tables), Path("/tmp/rooms.toml"))


def _options(config: Config) -> ReadOptions:
    return ReadOptions(TZ, DAY, rooms=config.source.rooms, home=config.home_room)


def _board(schedule: Schedule, config: Config, hour: int = 12, minute: int = 10) -> Board:
    now = datetime(2026, 12, 5, hour, minute, tzinfo=TZ)
    return rooms_board_at(schedule, config.slots, now, config.source.rooms, config.home_room)


# --- config --------------------------------------------------------------------------------------


def test_rooms_are_read_in_order_and_the_screen_knows_its_own() -> None:
    config = _config(FOUR)
    assert config.source.rooms == FOUR
    assert config.home_room == "Room H-103"  # [event] room "H-103" names it


@pytest.mark.parametrize(
    ("rooms", "message"),
    [
        ('["H-1", "h - 1"]', "is the same room as"),
        ('["H-103", "h103"]', "is the same room as"),  # the same words
        ('["H-101", "--"]', "names no room"),
        ('"H-101"', "must be a list of room names"),
        ('["H-101", ""]', "must be a list of room names"),
        ("[" + ", ".join(f'"R{i}"' for i in range(13)) + "]", "at most 12 rooms"),
    ],
)
def test_bad_rooms_are_config_errors_naming_the_key(rooms: str, message: str) -> None:
    text = f'[source]\nurl = "x.json"\nrooms = {rooms}\n'
    with pytest.raises(ConfigError, match=message) as raised:
        configuration.parse(text, Path("/tmp/k.toml"))
    assert raised.value.key == "source.rooms"


def test_a_room_without_letters_or_digits_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="names no room") as raised:
        configuration.parse('[source]\nurl = "x.json"\nroom = "—"\n', Path("/tmp/k.toml"))
    assert raised.value.key == "source.room"


def test_room_and_rooms_together_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not both"):
        configuration.parse('[source]\nurl = "x.json"\nroom = "A"\nrooms = ["A", "B"]\n', Path("/tmp/k.toml"))


# --- reading ---------------------------------------------------------------------------------------


def _grid(board: Board) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (
            day.room,
            f"{slot.start:%H:%M}",
            tuple(s.title for s in slot.sessions),
            tuple(s.title for s in slot.cancelled),
        )
        for day in board.rooms
        for slot in day.board.slots
    ]


def test_a_pretalx_export_and_a_sheet_with_a_room_column_give_the_same_grid() -> None:
    config = _config(FOUR)
    frab = read_schedule((DATA / "rooms-frab.json").read_bytes(), _options(config))
    sheet = read_schedule((DATA / "rooms-sheet.csv").read_bytes(), _options(config))
    assert (frab.format, sheet.format) == ("frab", "csv")
    assert frab.problems == sheet.problems == ()
    assert frab.other_rooms == sheet.other_rooms == (("Main Hall", 1),)  # the keynote
    grid = _grid(_board(frab.schedule, config))
    assert grid == _grid(_board(sheet.schedule, config))
    assert ("Room H-103", "11:00", ("Type hints in old code — a two-hour workshop",), ()) in grid
    assert ("Room H-104", "13:00", (), ("Data science without notebooks",)) in grid


def test_rooms_are_matched_by_whole_words_and_what_is_left_out_is_counted_by_room() -> None:
    config = _config(("H-101", "Room H-102"))
    reading = read_schedule((DATA / "rooms-frab.json").read_bytes(), _options(config))
    rooms = {session.room for session in reading.schedule.sessions}
    assert rooms == {"H-101", "Room H-102"}  # sessions carry the configured names
    # H-103, H-104 and the Main Hall are left out: 13 - 4 - 3 sessions
    assert dict(reading.other_rooms) == {"Main Hall": 1, "Room H-103": 3, "Room H-104": 2}
    assert reading.problems == ()  # "H-101" is "Room H-101" by its words


def test_a_sheet_without_rooms_is_the_room_beside_the_screen() -> None:
    config = _config(("H-101", "H-103"))
    data = b"Time,Topic\n10:00-11:00,Opening circle\n11:00-11:30,Packaging\n"
    reading = read_schedule(data, _options(config))
    assert {s.room for s in reading.schedule.sessions} == {"H-103"}
    board = _board(reading.schedule, config, 10, 15)
    assert [d.room for d in board.rooms] == ["H-101", "H-103"]
    assert board.current[0].session.title == "Opening circle"  # the home room's board
    assert all(not s.sessions for s in board.rooms[0].board.slots)


def test_check_lists_sessions_per_room_and_counts_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(FOUR)
    reading = read_schedule((DATA / "rooms-frab.json").read_bytes(), _options(config))
    report = CheckReport("rooms-frab.json", reading)
    text = report.to_text()
    assert "  Room H-101: 4 sessions" in text and "  Room H-104: 2 sessions" in text
    assert "1 session in other rooms" in text
    as_json = json.loads(report.to_json())
    assert as_json["rooms"] == {"Room H-101": 4, "Room H-102": 3, "Room H-103": 3, "Room H-104": 2}
    assert as_json["other_rooms"] == [{"room": "Main Hall", "sessions": 1}]


# --- the board -------------------------------------------------------------------------------------


def test_each_room_has_its_own_now_and_next_and_the_home_room_leads() -> None:
    config = _config(FOUR)
    reading = read_schedule((DATA / "rooms-frab.json").read_bytes(), _options(config))
    board = _board(reading.schedule, config, 12, 10)
    assert [d.home for d in board.rooms] == [False, False, True, False]
    assert [c.session.title for c in board.current] == ["पायथन समुदाय: स्थानीय मीटअप"]
    h101 = board.rooms[0].board
    assert (
        not h101.current and h101.next is not None and h101.next.session.title == "Lightning talks practice"
    )


def _synthetic(rooms: int, slots: int) -> tuple[Config, Board]:
    minutes = 60 if slots <= 8 else 30
    names = tuple(f"Room {chr(65 + i)}{i + 1:02d} East Wing" for i in range(rooms))
    config = _config(
        names,
        home=names[min(1, rooms - 1)],
        minutes=minutes,
        end=f"{10 + slots * minutes // 60:02d}:{slots * minutes % 60:02d}",
    )
    sessions = []
    start = datetime.combine(DAY, time(10), TZ)
    for r, room in enumerate(names):
        for s in range(slots):
            if (r + s) % 3 == 2:
                continue  # an open cell
            begin = start + timedelta(minutes=minutes * s)
            title = (
                boards.LONG
                if (r + s) % 5 == 0
                else (boards.SCRIPTS[(r + s) % 4] if s % 2 else f"Topic {r}-{s}")
            )
            status = PROPOSED if (r + s) % 7 == 4 else SCHEDULED
            sessions.append(
                Session(title, begin, begin + timedelta(minutes=minutes), f"Host {r}", status, room=room)
            )
            if status == PROPOSED:
                sessions.append(
                    Session(
                        "Rival topic", begin, begin + timedelta(minutes=minutes), "B", PROPOSED, room=room
                    )
                )
    # A session over two slots, in the second room.
    long_start = start + timedelta(minutes=minutes * (slots - 2))
    sessions = [s for s in sessions if not (s.room == names[1] and s.start >= long_start)]
    sessions.append(
        Session(
            "A long workshop", long_start, long_start + timedelta(minutes=2 * minutes), "W", room=names[1]
        )
    )
    schedule = Schedule(tuple(sessions))
    return config, _board(schedule, config, 10, 5)


CASES = [(2, 8), (4, 8), (4, 16), (8, 8), (8, 16)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("rooms", "slots"), CASES, ids=lambda c: str(c))
def test_every_part_of_the_grid_fits_and_nothing_overlaps(
    fonts: Fonts, rooms: int, slots: int, size: tuple[int, int]
) -> None:
    config, board = _synthetic(rooms, slots)
    count = page_parts("rooms", board, size, fonts)
    assert count == len(parts(board, size, fonts)) >= 1
    for part in range(count):
        page = layout(boards.view(board, "rooms", part, config=config), size, fonts)
        check(page, fonts)
        cells = [b for b in page.boxes if b.kind == "panel" and b.radius == max(1, round(min(size) / 100))]
        for i, a in enumerate(cells):
            for b in cells[i + 1 :]:
                assert not _overlap(a, b), (a, b)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("rooms", "slots"), CASES, ids=lambda c: str(c))
def test_the_parts_show_every_room_in_every_slot_to_come_once(
    fonts: Fonts, rooms: int, slots: int, size: tuple[int, int]
) -> None:
    _, board = _synthetic(rooms, slots)
    shown = [(room, slot) for part in parts(board, size, fonts) for room in part.rooms for slot in part.slots]
    to_come = [i for i, s in enumerate(board.slots) if s.state is not SlotState.PAST]
    assert len(shown) == len(set(shown))
    assert {(r, s) for r in range(rooms) for s in to_come} <= set(shown)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_session_over_two_slots_is_one_box_and_now_is_marked_in_words(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    config, board = _synthetic(4, 8)
    pages = [
        layout(boards.view(board, "rooms", part, config=config), size, fonts)
        for part in range(page_parts("rooms", board, size, fonts))
    ]
    found = {
        name: (box, list(page.boxes))
        for page in pages
        for box in page.boxes
        for name in ("A long workshop", "Topic 1-0")
        if box.kind == "text" and box.lines[:1] == (name,)
    }
    assert len(found) == 2
    along = 3 if size[0] > size[1] else 2  # slots run down in landscape, across in portrait
    long_cell, one_cell = (_panel_around(*found[name]) for name in ("A long workshop", "Topic 1-0"))
    assert long_cell.rect[along] > 1.9 * one_cell.rect[along]
    first = pages[0]
    assert any(b.lines == ("NOW",) and b.colour == config.theme.accent for b in first.boxes)
    assert any("· here" in " ".join(b.lines) for b in first.boxes)


def _panel_around(text: Box, boxes: list[Box]) -> Box:
    """The cell a text sits in: the smallest filled panel holding its corner."""
    tx, ty, _, _ = text.rect
    around = [
        b
        for b in boxes
        if b.kind == "panel"
        and b.fill is not None
        and b.rect[0] <= tx < b.rect[0] + b.rect[2]
        and b.rect[1] <= ty < b.rect[1] + b.rect[3]
    ]
    return min(around, key=lambda b: b.rect[2] * b.rect[3])


def test_the_day_so_far_gives_way_when_the_day_does_not_fit(fonts: Fonts) -> None:
    _, board = _synthetic(4, 16)
    later = replace(
        board, slots=tuple(replace(s, state=SlotState.PAST) for s in board.slots[:10]) + board.slots[10:]
    )
    shown = {slot for part in parts(later, (1920, 1080), fonts) for slot in part.slots}
    assert min(shown) == 9  # the slot just before the first still to come


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("rooms", [2, 4, 8])
@pytest.mark.parametrize("hour", [9, 10, 17, 19])  # before, running, between, done in the home room
def test_now_names_every_other_room_or_counts_them(
    fonts: Fonts, rooms: int, hour: int, size: tuple[int, int]
) -> None:
    config, board = _synthetic(rooms, 8)
    schedule = Schedule(tuple(s for day in board.rooms for s in day.board.today))
    board = _board(schedule, config, hour, 5)
    page = layout(boards.view(board, "now", config=config), size, fonts)
    check(page, fonts)
    text = [" ".join(b.lines) for b in page.boxes if b.kind == "text"]
    others = [day.room for day in board.rooms if not day.home]
    named = [room for room in others if any(_names(t, room) for t in text)]
    assert named == others[: len(named)] and named
    if len(named) < len(others):
        assert any(f"+ {len(others) - len(named)} MORE" in t for t in text)
    heading = next(b for b in page.boxes if b.kind == "text" and b.lines[0].startswith("IN THE OTHER ROOMS"))
    assert heading.rect[1] > page.size[1] * 0.5  # at the foot: the room beside the screen stays the largest


def _names(text: str, room: str) -> bool:
    """The text is the room's name, or its start cut with an ellipsis."""
    return text == room or (text.endswith("…") and room.startswith(text[:-1].rstrip()) and len(text) > 4)


def test_now_says_what_each_other_room_has_on_now_or_next() -> None:
    config = _config(FOUR)
    reading = read_schedule((DATA / "rooms-frab.json").read_bytes(), _options(config))
    board = _board(reading.schedule, config, 12, 10)
    page = layout(boards.view(board, "now", config=config), (1920, 1080), Fonts.load())
    text = [" ".join(b.lines) for b in page.boxes if b.kind == "text"]
    assert "Next at 13:00: Lightning talks practice" in text
    assert any(t.startswith("Now: Async pitfalls") for t in text)
    assert "Open now — propose a topic" in text
