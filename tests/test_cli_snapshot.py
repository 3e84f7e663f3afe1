"""``snapshot`` renders a page to PNG through the screen's own code, from the cache when it must."""

from __future__ import annotations

import logging
from pathlib import Path

import configs
import pygame
import pytest
from schedule_server import ScheduleServer, reply, schedule_json

from kiosk import cli

ROOT = Path(__file__).resolve().parents[1]


def config_for(tmp_path: Path, url: str, **tables: configs.Table) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"name": "Test Spaces", "room": "H-103", "timezone": "Europe/Berlin"},
        source={"url": url},
        propose={"url": "https://example.org/propose"},
        **tables,
    )


@pytest.mark.parametrize("page", ["now", "today", "propose"])
def test_each_page_renders_at_the_asked_size(tmp_path: Path, page: str) -> None:
    output = tmp_path / f"{page}.png"
    code = cli.main(
        [
            "snapshot",
            "--page",
            page,
            "--size",
            "1080x1920",
            "--at",
            "2026-12-05T12:10",
            "--output",
            str(output),
        ]
    )
    assert code == cli.EXIT_OK
    image = pygame.image.load(str(output))
    assert image.get_size() == (1080, 1920)
    # A drawn board, not a blank surface: many distinct colours.
    colours = {tuple(image.get_at((x, y))) for x in range(0, 1080, 37) for y in range(0, 1920, 41)}
    assert len(colours) > 4


def test_an_unreachable_source_renders_the_cache_and_says_so(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk import config
    from kiosk.fetch.source import make_poller

    server.routes["/s.json"] = reply(200, schedule_json("Cached talk"), {"Content-Type": "application/json"})
    path = config_for(tmp_path, server.url("/s.json"))
    poller = make_poller(config.load(path))
    poller.poll_once()
    assert poller.latest().reading is not None
    server.routes["/s.json"] = reply(500, b"down")

    output = tmp_path / "now.png"
    code = cli.main(["snapshot", "--config", str(path), "--at", "2026-12-05T10:10", "--output", str(output)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_OK and output.is_file()
    assert "HTTP 500" in err and str(tmp_path / "cache") in err and "ago" in err


def test_no_source_and_no_cache_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_for(tmp_path, str(tmp_path / "absent.json"))
    code = cli.main(["snapshot", "--config", str(path), "--output", str(tmp_path / "x.png")])
    assert code == cli.EXIT_UNREADABLE
    assert "no cached copy" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_a_part_beyond_the_page_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["snapshot", "--page", "now", "--part", "5", "--output", str(tmp_path / "x.png")])
    assert code == cli.EXIT_USAGE
    assert "--part" in capsys.readouterr().err


def test_out_of_hours_page_renders_without_a_display(tmp_path: Path) -> None:
    path = config_for(
        tmp_path, str(ROOT / "config" / "demo-schedule.json"), display={"on": "08:00", "off": "20:00"}
    )
    output = tmp_path / "night.png"
    assert (
        cli.main(["snapshot", "--config", str(path), "--at", "2026-12-05T22:00", "--output", str(output)])
        == 0
    )
    image = pygame.image.load(str(output))
    assert max(image.get_at((x, 10))[0] for x in range(0, 1920, 50)) < 40  # dark


def test_an_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check", broken)
    assert cli.main(["check"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert "boom" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_frozen_clock_is_not_called_wrong(
    tmp_path: Path, server: ScheduleServer, caplog: pytest.LogCaptureFixture
) -> None:
    text = {"Content-Type": "text/plain; charset=utf-8"}
    server.routes["/s.json"] = reply(
        200, schedule_json("Typing in anger"), {"Content-Type": "application/json"}
    )
    server.routes["/alert.txt"] = reply(200, b"Room H-103 is closed", text)
    server.routes["/votes.csv"] = reply(200, b"Timestamp,Vote\r\n", {"Content-Type": "text/csv"})
    server.routes["/ideas.csv"] = reply(200, b"Timestamp,Topic,Show\r\n", {"Content-Type": "text/csv"})
    path = config_for(
        tmp_path,
        server.url("/s.json"),
        alert={"url": server.url("/alert.txt")},
        vote={"url": "https://example.org/vote?t={title}", "results": server.url("/votes.csv")},
        ideas={"url": server.url("/ideas.csv")},
    )
    # The server's Date is 12:10 in Kolkata; the picture is asked for at 18:00, a day later: on purpose.
    output = tmp_path / "now.png"
    args = ["snapshot", "--config", str(path), "--at", "2026-12-06T18:00", "--output", str(output)]
    with caplog.at_level(logging.INFO):
        assert cli.main(args) == cli.EXIT_OK
    assert any("alert changed" in r.getMessage() for r in caplog.records)  # the alert was fetched
    assert not [r.getMessage() for r in caplog.records if "clock" in r.getMessage()]
    assert output.stat().st_size > 10_000
