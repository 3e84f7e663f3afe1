"""The running kiosk fed hostile schedules over real HTTP: it stays up, draws, and says why.

The kiosk runs its real poller against a server on 127.0.0.1; the poller is driven by the test
(``poll_once``) instead of its thread, so every step is deterministic.

The whole running kiosk (``kiosk.shell.app`` over the real poller), not one module.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import configs
import pygame
import pytest
from doubles import T0, Clocks, Driven
from schedule_server import ScheduleServer, reply

from kiosk import cli
from kiosk.config import Config
from kiosk.fetch.source import make_poller
from kiosk.layout import View
from kiosk.render import renderer
from kiosk.render.fallback import Fallback
from kiosk.shell import app, paint, scene
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.screen import Screen

GOOD = {"title": "Still here", "host": "Ana", "start": "11:30", "end": "12:00"}

# Each of these stopped the board (exit 70) and, once cached, stopped it again after every restart.
HOSTILE = {
    "nul": {"title": "Bad\u0000title", "start": "11:00", "end": "11:30"},
    "surrogate": {"title": "Lone \ud800 surrogate", "start": "11:00", "end": "11:30"},
    "year-one": {"title": "No date", "start": "0001-01-01T05:00", "end": "0001-01-01T06:00"},
    "escape": {"title": "Red \u001b[31mtitle\u0007", "start": "11:00", "end": "11:30"},
    "bidi": {"title": "\u202eevil\u202c", "start": "11:00", "end": "11:30"},
    "zalgo": {"title": "Z" + "\u0336" * 400 + "algo", "start": "11:00", "end": "11:30"},
}


@pytest.fixture
def screen(open_screen: Callable[..., Screen]) -> Screen:
    return open_screen((960, 540))


def config_for(tmp_path: Path, url: str) -> Config:
    return configs.kiosk_config(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": url},
        pages={"seconds": 15, "transition_seconds": 0},
    )


def start_kiosk(config: Config, screen: Screen, clocks: Clocks) -> app.Kiosk:
    return app.Kiosk(
        LiveConfig(config),
        screen,
        source_for=lambda c: Driven(make_poller(c, clock=clocks)),
        clock=clocks,
        notifier=Notifier({}),
        monotonic=clocks.monotonic,
    )


def shown_text(kiosk: app.Kiosk) -> str:
    assert isinstance(kiosk.frame, View) and kiosk.screen.size is not None
    boxes = renderer().layout(kiosk.frame, kiosk.screen.size).boxes
    return "\n".join(line for box in boxes for line in box.lines)


def every_page(kiosk: app.Kiosk, clocks: Clocks) -> list[str]:
    """Steps through the rotation once; the text each page drew."""
    texts = []
    for _ in kiosk.config.pages.order:
        drawn = kiosk.frames
        kiosk.step()
        assert kiosk.frames == drawn + 1
        texts.append(shown_text(kiosk))
        clocks.advance(kiosk.config.pages.seconds)
    return texts


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_kiosk_stays_up_on_hostile_text_and_after_a_restart_from_its_cache(
    name: str, tmp_path: Path, server: ScheduleServer, screen: Screen
) -> None:
    body = json.dumps({"sessions": [HOSTILE[name], GOOD]}).encode()
    server.routes["/s.json"] = reply(200, body, {"Content-Type": "application/json"})
    config = config_for(tmp_path, server.url("/s.json"))
    clocks = Clocks()
    kiosk = start_kiosk(config, screen, clocks)
    kiosk.source.refresh()
    reading = kiosk.source.latest().reading
    assert reading is not None and [s.title for s in reading.schedule.sessions][-1] == "Still here"
    for text in every_page(kiosk, clocks):
        assert not any(c in text for c in "\x00\x1b\x07\u202e\ud800")
    assert "Still here" in "".join(every_page(kiosk, clocks))

    # The bad copy is in the cache; the source is down: the restarted kiosk still draws from it.
    server.routes["/s.json"] = reply(500, b"down")
    restarted = start_kiosk(config, screen, clocks)
    assert restarted.source.latest().from_cache
    restarted.source.refresh()
    assert "Still here" in "".join(every_page(restarted, clocks))


def test_a_session_in_year_one_is_a_problem_of_its_row(tmp_path: Path, server: ScheduleServer) -> None:
    body = json.dumps({"sessions": [HOSTILE["year-one"], GOOD]}).encode()
    server.routes["/s.json"] = reply(200, body, {"Content-Type": "application/json"})
    reading = make_poller(config_for(tmp_path, server.url("/s.json")), clock=lambda: T0).poll_once().reading
    assert reading is not None
    assert [s.title for s in reading.schedule.sessions] == ["Still here"]
    [problem] = reading.problems
    assert problem.where == 'sessions[0] "No date"' and "0001-01-01" in problem.message


def test_a_page_that_fails_to_draw_is_replaced_by_a_plain_page_and_the_board_goes_on(
    tmp_path: Path,
    server: ScheduleServer,
    screen: Screen,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = json.dumps({"sessions": [GOOD]}).encode()
    server.routes["/s.json"] = reply(200, body, {"Content-Type": "application/json"})
    clocks = Clocks()
    kiosk = start_kiosk(config_for(tmp_path, server.url("/s.json")), screen, clocks)
    kiosk.source.refresh()
    draw = paint.render

    def broken_today(view: View, size: tuple[int, int], *, alpha: bool = False) -> pygame.Surface:
        if view.page == "today":
            raise ValueError("A null character was found in the text")
        return draw(view, size)

    monkeypatch.setattr(paint, "render", broken_today)
    pages = []
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        for _ in range(3):
            kiosk.step()
            pages.append(kiosk.frame)
            clocks.advance(15)
    assert isinstance(pages[0], View) and isinstance(pages[2], View)
    assert isinstance(pages[1], Fallback) and "null character" in pages[1].reason
    assert kiosk.frames == 3 and kiosk.running
    assert "cannot draw the today page" in caplog.text
    assert "(not shown: ValueError" in scene.describe(pages[1], 1)


def test_snapshot_writes_the_plain_page_when_a_page_cannot_be_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(view: View, size: tuple[int, int], *, alpha: bool = False) -> pygame.Surface:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(paint, "render", broken)
    output = tmp_path / "now.png"
    code = cli.main(["snapshot", "--at", "2026-12-05T12:10", "--size", "1280x720", "--output", str(output)])
    assert code == cli.EXIT_OK
    assert "cannot be drawn (OverflowError: date value out of range)" in capsys.readouterr().err
    image = pygame.image.load(str(output))
    assert image.get_size() == (1280, 720)
    assert len({tuple(image.get_at((x, y))) for x in range(0, 1280, 7) for y in range(0, 720, 7)}) > 2


def test_check_escapes_what_a_terminal_would_act_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s\x1b[2J.csv"
    source.write_text("Title,Start,End\r\nRed\x1b[31m,10:00,oops\r\n", encoding="utf-8")
    code = cli.main(["check", str(source)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_PROBLEMS
    assert "\x1b" not in out and "\\x1b[2J" in out
