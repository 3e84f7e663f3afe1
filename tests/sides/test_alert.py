"""The urgent message: read from the native JSON, a sheet row or ``[alert] url``, shown on every page
with its posting time, gone on the next poll after it is removed; end to end against 127.0.0.1.

One file for the alert from end to end: ``kiosk.sides.alert`` reads it, ``kiosk.layout.alert`` draws it,
the poller brings it in.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import boards
import configs
import pytest
from boards import SIZES, check
from doubles import Clocks
from schedule_server import ScheduleServer, reply, schedule_json

from kiosk import cli
from kiosk.board import carousel
from kiosk.board.timeline import board_at
from kiosk.config import load
from kiosk.core.model import Alert, Document, Latest, Polled, Reading, Schedule
from kiosk.fetch.source import make_sources
from kiosk.formats import ReadOptions, csv_sheet, native
from kiosk.layout import layout
from kiosk.render.fonts import Fonts
from kiosk.shell.scene import compose
from kiosk.sides.alert import current_alert

TZ = ZoneInfo("Asia/Kolkata")
OPTIONS = ReadOptions(timezone=TZ, date=date(2026, 12, 5))
NOON = datetime(2026, 12, 5, 12, 0, tzinfo=TZ)


def at(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return NOON.replace(hour=hours, minute=minutes)


# --- reading --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Room H-103 moved to H-201", Alert("Room H-103 moved to H-201")),
        (
            {"text": "Evacuate via the east stairs", "until": "13:00"},
            Alert("Evacuate via the east stairs", at("13:00")),
        ),
        ("   ", None),
        (None, None),
    ],
)
def test_native_alert(value: object, expected: Alert | None) -> None:
    schedule, problems = native.read(json.dumps({"sessions": [], "alert": value}).encode(), OPTIONS)
    assert schedule.alert == expected and problems == []


@pytest.mark.parametrize(
    ("value", "where", "words"),
    [
        (42, "alert", "not number"),
        ({"until": "13:00"}, "alert", "missing text"),
        ({"text": "x", "until": "soon"}, "alert", "until"),
    ],
)
def test_a_broken_alert_is_a_problem(value: object, where: str, words: str) -> None:
    schedule, problems = native.read(json.dumps({"sessions": [], "alert": value}).encode(), OPTIONS)
    assert schedule.alert is None
    assert [p.where for p in problems] == [where] and words in problems[0].message


def test_announcements_with_until_come_down_then() -> None:
    data = {"sessions": [], "announcements": ["Welcome", {"text": "Lunch in the atrium", "until": "13:30"}]}
    schedule, problems = native.read(json.dumps(data).encode(), OPTIONS)
    assert problems == []
    assert board_at(schedule, boards.CONFIG.slots, at("13:29")).announcements == (
        "Welcome",
        "Lunch in the atrium",
    )
    assert board_at(schedule, boards.CONFIG.slots, at("13:30")).announcements == ("Welcome",)
    assert board_at(schedule, boards.CONFIG.slots, at("23:00")).announcements == ("Welcome",)


def test_a_sheet_row_with_status_alert_is_the_alert_not_a_session() -> None:
    text = (
        "Title,Start,End,Status\r\n"
        "Type hints,10:00,10:30,scheduled\r\n"
        "Room H-103 moved to H-201,,,ALERT\r\n"
        "Ignored second alert,,,alert\r\n"
        "Lunch notice,,14:00,\r\n"
    )
    schedule, problems = csv_sheet.read(text.encode(), OPTIONS)
    assert [s.title for s in schedule.sessions] == ["Type hints"]
    assert schedule.alert == Alert("Room H-103 moved to H-201")
    assert [p.where for p in problems] == ["row 5"]  # a row with no start is still a problem


def test_a_sheet_alert_with_an_end_comes_down_then() -> None:
    schedule, _ = csv_sheet.read(b"Title,Start,End,Status\nFire drill at 11:00,,11:15,alert\n", OPTIONS)
    assert schedule.alert == Alert("Fire drill at 11:00", at("11:15"))


# --- which alert is shown -------------------------------------------------------------------


def side(text: bytes, changed: datetime) -> tuple[tuple[str, Polled[Document]], ...]:
    return (("alert", Polled(reading=Document(text), fetched_at=changed, changed_at=changed)),)


def test_the_alert_document_comes_before_the_schedules_alert() -> None:
    reading = Reading("json", Schedule(alert=Alert("From the schedule", at("15:00"))))
    latest = Latest(reading=reading, changed_at=at("09:00"))
    assert current_alert(latest, NOON) == Alert("From the schedule", at("15:00"), at("09:00"))
    assert current_alert(latest, at("15:00")) is None  # its until has come
    with_doc = Latest(reading=reading, sides=side(b"\xef\xbb\xbfUse the\n east stairs\n", at("11:58")))
    assert current_alert(with_doc, NOON) == Alert("Use the east stairs", posted=at("11:58"))
    empty_doc = Latest(reading=reading, changed_at=at("09:00"), sides=side(b"\n", at("11:58")))
    assert (
        current_alert(empty_doc, NOON) is not None
        and current_alert(empty_doc, NOON).text == "From the schedule"
    )  # type: ignore[union-attr]


def test_an_alert_cannot_smuggle_control_characters_or_a_whole_document() -> None:
    shown = current_alert(Latest(sides=side(b"\x1b[31mFire\x00 " + b"x" * 5000, NOON)), NOON)
    assert shown is not None and shown.text.startswith("[31mFire x") and len(shown.text) <= 600
    assert "\x1b" not in shown.text and "\x00" not in shown.text


# --- how it looks -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text", ["Room H-103 moved to H-201", boards.LONG * 3, boards.SCRIPTS[1]])
@pytest.mark.parametrize("page", ["now", "today", "propose"])
def test_the_alert_takes_over_every_page(fonts: Fonts, size: tuple[int, int], text: str, page: str) -> None:
    view = boards.view(boards.at(12, 12), page, alert=Alert(text, posted=at("11:58")))
    drawn = layout(view, size, fonts)
    check(drawn, fonts)
    texts = [b for b in drawn.boxes if b.kind == "text"]
    words = " ".join(" ".join(b.lines) for b in texts)
    assert "POSTED AT 11:58" in words
    assert "Async" not in words and not any(b.kind == "qr" for b in drawn.boxes), "the page gave way"
    message = max(texts, key=lambda b: b.size)
    assert message.size >= 4.4 * min(size) / 100 - 1
    assert any(b.kind == "panel" and b.fill == boards.CONFIG.theme.warning for b in drawn.boxes)
    shown = "".join("".join(b.lines) for b in texts).replace(" ", "")
    assert text.replace(" ", "")[:40] in shown


# --- end to end -------------------------------------------------------------------------------


def kiosk_toml(tmp_path: Path, server: ScheduleServer) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": server.url("/schedule.json")},
        alert={"url": server.url("/alert.txt")},
    )


def test_an_alert_posted_and_removed_reaches_the_board_within_one_poll(
    tmp_path: Path, server: ScheduleServer
) -> None:
    server.routes["/schedule.json"] = reply(200, schedule_json("Type hints", "Packaging"))
    server.routes["/alert.txt"] = reply(200, b"", {"Content-Type": "text/plain"})
    config = load(kiosk_toml(tmp_path, server))
    clock = Clocks(at("10:10"))
    sources = make_sources(config, clock)
    state = carousel.begin(config.pages.order, clock.now)

    def poll() -> Latest:
        sources.schedule.poll_once()
        for feed in sources.sides.values():
            feed.poll_once()
        return sources.latest()

    def alert_now() -> Alert | None:
        view = compose(config, poll(), clock.now, state, ())
        return getattr(view, "alert", None)

    assert alert_now() is None
    server.routes["/alert.txt"] = reply(200, "Room H-103 moved to H-201 ➜\n".encode())
    clock.now = at("10:12")
    assert alert_now() == Alert("Room H-103 moved to H-201 ➜", posted=at("10:12"))
    server.routes["/alert.txt"] = reply(500, b"")  # the document breaks: the alert stays up
    clock.now = at("10:13")
    assert alert_now() == Alert("Room H-103 moved to H-201 ➜", posted=at("10:12"))
    server.routes["/alert.txt"] = reply(200, b"")  # removed: cleared on the next poll
    clock.now = at("10:14")
    assert alert_now() is None


def test_check_reports_the_alert(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/schedule.json"] = reply(200, schedule_json("Type hints"))
    server.routes["/alert.txt"] = reply(200, b"Evacuate via the east stairs\n")
    path = kiosk_toml(tmp_path, server)
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out)["alert"] == "Evacuate via the east stairs"
    assert cli.main(["check", "--config", str(path)]) == cli.EXIT_OK
    assert "Alert (on every page): Evacuate via the east stairs" in capsys.readouterr().out
    server.routes["/alert.txt"] = reply(404, b"")
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert data["alert"] is None
    assert data["problems"][0]["where"] == "[alert] url" and "404" in data["problems"][0]["message"]
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("*.cache")), (
        "check never writes the cache"
    )
