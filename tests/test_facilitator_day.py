"""The facilitator's day as the manual tells it, against a sheet on 127.0.0.1: init, set the url,
check, run; add [vote]; point the board at an address that fails. Cross-cutting (cli, config, fetch
and the loop), so it sits at the top of tests/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from doubles import Clocks, Driven
from schedule_server import ScheduleServer, reply

from kiosk import cli
from kiosk.config import load
from kiosk.fetch.source import make_poller
from kiosk.layout import View
from kiosk.render import renderer
from kiosk.shell import app
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.screen import Screen

SHEET = (
    b"Title,Host,Start,End\r\n"
    b"Typing in anger,Ana,12:00,12:30\r\n"
    b"Packaging for humans,Bo,12:30,13:00\r\n"
    b"Async all the way,Chen,13:00,13:30\r\n"
)
CSV = {"Content-Type": "text/csv; charset=utf-8"}


@pytest.fixture
def screen(open_screen: Callable[..., Screen]) -> Screen:
    return open_screen((1280, 720))


def set_key(file: Path, table: str, key: str, value: str) -> None:
    """Edit one key of the config as the facilitator does, in a text editor."""
    text = file.read_text(encoding="utf-8")
    head = text.index(f"[{table}]\n")
    body_end = text.find("\n[", head + 1)
    body = text[head : body_end if body_end != -1 else len(text)]
    edited = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", body, count=1)
    assert edited != body or f"{key} = {value}" in body, (table, key)
    file.write_text(text.replace(body, edited), encoding="utf-8")


def shown_text(kiosk: app.Kiosk) -> str:
    assert isinstance(kiosk.frame, View) and kiosk.screen.size is not None
    boxes = renderer().layout(kiosk.frame, kiosk.screen.size).boxes
    return "\n".join(line for box in boxes for line in box.lines)


def test_the_facilitators_day_from_init_to_a_broken_address(
    tmp_path: Path, server: ScheduleServer, screen: Screen, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/sheet.csv"] = reply(200, SHEET, CSV)
    # The evening before: a starter config, the sheet's address in it, and check.
    assert cli.main(["init", str(tmp_path)]) == cli.EXIT_OK
    file = tmp_path / "kiosk.toml"
    set_key(file, "source", "url", f'"{server.url("/sheet.csv")}"')
    set_key(file, "event", "date", '"2026-12-05"')
    file.write_text(file.read_text(encoding="utf-8") + f'dir = "{tmp_path / "cache"}"\n', encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", "--config", str(file)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert all(title in out for title in ("Typing in anger", "Packaging for humans", "Async all the way"))

    # The board runs on it.
    clocks = Clocks()
    config = load(file)
    kiosk = app.Kiosk(
        LiveConfig(config),
        screen,
        source_for=lambda c: Driven(make_poller(c, clock=lambda: clocks.now)),
        clock=lambda: clocks.now,
        notifier=Notifier({}),
        monotonic=lambda: clocks.tick,
    )
    kiosk.source.refresh()
    clocks.advance(1)
    kiosk.step()
    assert "Typing in anger" in shown_text(kiosk)

    # Votes from phones: the vote page is in the starter's rotation, passed over until there is a vote.
    assert "vote" in config.pages.order

    # During the day the facilitator points the board at another sheet, and mistypes its address.
    set_key(file, "source", "url", f'"{server.url("/shet.csv")}"')
    kiosk.live.request_reload()
    clocks.advance(3)
    kiosk.step()
    assert kiosk.config.source.url.endswith("/shet.csv")
    kiosk.source.refresh()  # the new address's first fetch
    clocks.advance(1)
    kiosk.step()
    text = shown_text(kiosk)
    # The last good schedule stays up, marked as such, until the new address reads.
    assert "Typing in anger" in text
    footer = [line for line in text.splitlines() if "404" in line or "cannot" in line.lower()]
    assert footer, text
    assert len(footer) == 1 and footer[0].count("404") <= 1, footer

    # The address is fixed: the new sheet shows.
    server.routes["/shet.csv"] = reply(200, SHEET.replace(b"Typing in anger", b"Typing in calm"), CSV)
    kiosk.source.refresh()
    clocks.advance(3)
    kiosk.step()
    assert "Typing in calm" in shown_text(kiosk)
