"""The screen's DRM card is the one with a connected connector; a screen plugged in again is noticed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.shell.drm import Connector, Replug, choose, connectors, point_sdl_at_screen


def fake_drm(root: Path, statuses: dict[str, str]) -> Path:
    """A /sys/class/drm with the usual neighbours of the connector folders (cards, render nodes, version)."""
    tree = root / "drm"
    for name in ("card0", "card1", "renderD128"):
        (tree / name).mkdir(parents=True, exist_ok=True)
    (tree / "version").write_text("drm 1.1.0 20060810\n", encoding="ascii")
    for label, status in statuses.items():
        (tree / label).mkdir(exist_ok=True)
        (tree / label / "status").write_text(f"{status}\n", encoding="ascii")
        (tree / label / "enabled").write_text("enabled\n", encoding="ascii")
    return tree


# A Raspberry Pi 5: the GPU (v3d) has no connectors; the display card's number is whichever came up second.
PI5_DISPLAY_SECOND = {
    "card1-HDMI-A-1": "disconnected",
    "card1-HDMI-A-2": "connected",
    "card1-Writeback-1": "unknown",
}
PI5_DISPLAY_FIRST = {"card0-HDMI-A-1": "connected", "card0-HDMI-A-2": "disconnected"}


@pytest.mark.parametrize(
    ("statuses", "card", "connector"),
    [
        (PI5_DISPLAY_SECOND, 1, "HDMI-A-2"),
        (PI5_DISPLAY_FIRST, 0, "HDMI-A-1"),
        ({"card0-DSI-1": "connected", "card1-HDMI-A-1": "connected"}, 0, "DSI-1"),
        ({"card2-HDMI-A-1": "connected", "card10-HDMI-A-1": "connected"}, 2, "HDMI-A-1"),
    ],
)
def test_the_card_with_a_connected_screen_is_chosen(
    tmp_path: Path, statuses: dict[str, str], card: int, connector: str
) -> None:
    chosen = choose(connectors(fake_drm(tmp_path, statuses)))
    assert chosen == Connector(card, connector, "connected")


@pytest.mark.parametrize("statuses", [{}, {"card1-HDMI-A-1": "disconnected", "card1-Writeback-1": "unknown"}])
def test_no_connected_screen_chooses_nothing(tmp_path: Path, statuses: dict[str, str]) -> None:
    assert choose(connectors(fake_drm(tmp_path, statuses))) is None


def test_a_missing_drm_folder_has_no_connectors(tmp_path: Path) -> None:
    assert connectors(tmp_path / "absent") == ()


def test_sdl_is_told_the_card_and_the_log_names_card_and_connector(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    environ: dict[str, str] = {}
    with caplog.at_level(logging.INFO, logger="kiosk.shell.drm"):
        point_sdl_at_screen(environ, fake_drm(tmp_path, PI5_DISPLAY_SECOND))
    assert environ == {"SDL_KMSDRM_DEVICE_INDEX": "1"}
    assert "card1, connector HDMI-A-2" in caplog.text


def test_a_card_set_by_hand_is_kept(tmp_path: Path) -> None:
    environ = {"SDL_KMSDRM_DEVICE_INDEX": "0"}
    point_sdl_at_screen(environ, fake_drm(tmp_path, PI5_DISPLAY_SECOND))
    assert environ == {"SDL_KMSDRM_DEVICE_INDEX": "0"}


def test_no_screen_leaves_sdl_alone_and_says_what_it_saw(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    environ: dict[str, str] = {}
    point_sdl_at_screen(environ, fake_drm(tmp_path, {"card1-HDMI-A-1": "disconnected"}))
    assert environ == {}
    assert "card1-HDMI-A-1 disconnected" in caplog.text


def set_status(tree: Path, label: str, status: str) -> None:
    (tree / label / "status").write_text(f"{status}\n", encoding="ascii")


def test_replug_reports_a_screen_switched_off_and_on_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tree = fake_drm(tmp_path, PI5_DISPLAY_SECOND)
    replug = Replug(tree, every=2.0)
    assert replug.look(0.0) == frozenset()
    set_status(tree, "card1-HDMI-A-2", "disconnected")
    assert replug.look(1.0) == frozenset()  # not looked at yet: at most every 2 s
    assert replug.look(2.0) == frozenset()
    assert "card1-HDMI-A-2 unplugged or switched off" in caplog.text
    set_status(tree, "card1-HDMI-A-2", "connected")
    assert replug.look(4.0) == {"card1-HDMI-A-2"}
    assert replug.look(6.0) == frozenset()


def test_a_screen_moved_to_the_other_port_is_noticed(tmp_path: Path) -> None:
    tree = fake_drm(tmp_path, PI5_DISPLAY_SECOND)
    replug = Replug(tree)
    set_status(tree, "card1-HDMI-A-2", "disconnected")
    set_status(tree, "card1-HDMI-A-1", "connected")
    assert replug.look(0.0) == {"card1-HDMI-A-1"}
