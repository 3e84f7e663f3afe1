"""Several schedule sources on one board, fetched from a real server on 127.0.0.1: a conference's
pretalx export and the Open Spaces sheet, each polled, cached and reported on its own.

``kiosk.fetch.source`` and ``kiosk.fetch.merge`` together, as the board uses them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import configs
from doubles import Clocks
from schedule_server import ScheduleServer, reply, with_etag

from kiosk import config
from kiosk.core.model import Latest, Problem
from kiosk.fetch.freshness import freshness
from kiosk.fetch.source import make_sources

DATA = Path(__file__).parents[1] / "data"
START = datetime.fromisoformat("2026-12-05T10:00:00+05:30")
SHEET = (
    "\ufeffTopic,Facilitator,Start,End\r\n"
    "Packaging circle,Arjun,11:00,11:30\r\n"
    "Broken row,Ben,12:00,11:00\r\n"
    "Testing with Hypothesis,Zac,12:00,12:30\r\n"
).encode()


def board_config(tmp_path: Path, server: ScheduleServer) -> config.Config:
    return configs.kiosk_config(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source=[
            {"url": server.url("/schedule.json"), "room": "Main Hall"},
            {"url": server.url("/sheet.csv"), "format": "csv"},
        ],
    )


def titles(copy: Latest) -> list[str]:
    assert copy.reading is not None
    return [session.title for session in copy.reading.schedule.sessions]


def test_a_frab_export_and_a_sheet_on_one_board_one_failing(tmp_path: Path, server: ScheduleServer) -> None:
    pretalx = (DATA / "pretalx-schedule.json").read_bytes()
    server.routes["/schedule.json"] = with_etag(pretalx, '"p1"')
    server.routes["/sheet.csv"] = reply(200, SHEET, {"Content-Type": "text/csv"})
    cfg = board_config(tmp_path, server)
    clock = Clocks(START)
    sources = make_sources(cfg, clock)
    assert [poller.what for poller in sources.schedules] == ["schedule (source 1)", "schedule (source 2)"]
    for poller in sources.schedules:
        poller.poll_once()
    board = sources.latest()
    assert titles(board) == ["Opening keynote", "Packaging circle", "Testing with Hypothesis"]
    assert board.reading is not None and board.reading.format == "frab+csv"
    # Each problem names its source; the export's room filter left its other rooms out.
    assert board.reading.problems == (Problem("source 2, row 3", "end 11:00 is before start 12:00"),)
    assert board.error is None and board.fetched_at == clock.now
    assert len(list((tmp_path / "cache").iterdir())) == 2, "one last good copy per source"

    # The sheet is unpublished: it keeps its last good copy, the export goes on.
    server.routes["/sheet.csv"] = reply(403, b"no")
    fetched_sheet = clock.now
    clock.now += timedelta(minutes=20)
    for poller in sources.schedules:
        poller.poll_once()
    board = sources.latest()
    assert titles(board) == ["Opening keynote", "Packaging circle", "Testing with Hypothesis"]
    assert board.error is not None and board.error.startswith("source 2: HTTP 403 Forbidden")
    assert board.fetched_at == fetched_sheet, "the board is as old as its oldest part"
    footer = freshness(board, clock.now, cfg.source.stale_minutes)
    assert footer.stale and footer.text == "Offline since 10:20 — showing the schedule from 10:00"
    assert sources.schedules[0].latest().error is None, "the export is read on its own"

    # Started again with the network down: both last good copies are on the board at once.
    server.routes["/schedule.json"] = reply(500, b"down")
    again = make_sources(cfg, clock)
    for poller in again.schedules:
        poller.load_cached()
    assert titles(again.latest()) == titles(board)


def test_a_source_never_read_leaves_the_others_on_the_board(tmp_path: Path, server: ScheduleServer) -> None:
    server.routes["/schedule.json"] = reply(404, b"gone")
    server.routes["/sheet.csv"] = reply(200, SHEET, {"Content-Type": "text/csv"})
    clock = Clocks(START)
    sources = make_sources(board_config(tmp_path, server), clock)
    for poller in sources.schedules:
        poller.poll_once()
    board = sources.latest()
    assert titles(board) == ["Packaging circle", "Testing with Hypothesis"]
    assert board.error is not None and board.error.startswith("source 1: HTTP 404 Not Found")
    assert sources.latest() is board, "nothing changed: the loop must not redraw"
