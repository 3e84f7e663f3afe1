"""What ``check`` says about ``[display] power`` on this machine: each method found or why not.

``kiosk.report.power``; not test_power.py, which is the shell's (test basenames are unique across
folders).
"""

import json
import os
import stat
from pathlib import Path

import configs
import pytest

from kiosk import cli
from kiosk.config import load
from kiosk.report import power


def tool(folder: Path, name: str) -> None:
    script = folder / name
    script.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def config_file(tmp_path: Path, lines: str) -> Path:
    schedule = tmp_path / "schedule.json"
    schedule.write_text('{"sessions": []}', encoding="utf-8")
    # ``lines`` are more of [display], the last table.
    return configs.kiosk_toml(
        tmp_path, lines + "\n", source={"url": schedule}, display={"on": "08:00", "off": "19:00"}
    )


@pytest.fixture
def path_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin")
    return folder


def test_each_method_says_what_it_found_or_what_is_missing(tmp_path: Path, path_with: Path) -> None:
    drm = tmp_path / "drm"
    (drm / "card1-HDMI-A-1").mkdir(parents=True)
    (drm / "card1-HDMI-A-1" / "status").write_text("disconnected\n", encoding="ascii")
    config = load(config_file(tmp_path, 'power = ["cec", "dpms"]\ncec_device = "/dev/null"'))
    found = {a.method: a for a in power.availability(config, {}, drm)}
    assert not found["cec"].available
    assert found["cec"].detail == "cec-ctl not found on PATH (Debian package v4l-utils)"
    assert found["dpms"].name == "dpms (drm)" and not found["dpms"].available
    assert found["dpms"].detail == f"no connected screen in {drm}"
    assert found["command"].detail == "[display] power_off and power_on are not set"
    assert [p.where for p in power.problems(config, tuple(found.values()))] == ["[display] power"]

    tool(path_with, "cec-ctl")
    (drm / "card1-HDMI-A-1" / "status").write_text("connected\n", encoding="ascii")
    found = {a.method: a for a in power.availability(config, {}, drm)}
    assert found["cec"].available and found["cec"].detail == f"{path_with / 'cec-ctl'} on /dev/null"
    assert found["dpms"].available and "card1-HDMI-A-1" in found["dpms"].detail
    assert power.problems(config, tuple(found.values())) == []
    lines = power.report_lines(config, tuple(found.values()))
    assert lines[1] == "Screen power ([display] power = ['cec', 'dpms']):"
    assert lines[2] == f"  yes cec: {path_with / 'cec-ctl'} on /dev/null  (configured)"


def test_dpms_is_looked_for_under_the_desktop_the_kiosk_would_run_on(tmp_path: Path, path_with: Path) -> None:
    config = load(config_file(tmp_path, 'power = ["dpms"]'))
    wayland = {a.method: a for a in power.availability(config, {"WAYLAND_DISPLAY": "wayland-0"})}
    assert wayland["dpms"].name == "dpms (wlopm)" and not wayland["dpms"].available
    tool(path_with, "wlopm")
    wayland = {a.method: a for a in power.availability(config, {"WAYLAND_DISPLAY": "wayland-0"})}
    assert wayland["dpms"].available and wayland["dpms"].detail.endswith("(video driver wayland)")
    dummy = {a.method: a for a in power.availability(config, {"SDL_VIDEODRIVER": "dummy"})}
    assert dummy["dpms"].detail == "no DPMS under SDL's dummy video driver"


def test_check_json_carries_the_methods_and_fails_when_none_can_work(
    tmp_path: Path, path_with: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    path = config_file(tmp_path, 'power = ["cec"]\ncec_device = "/dev/null"')
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert data["power"]["methods"] == ["cec"]
    assert data["power"]["available"]["cec"]["available"] is False
    assert {
        "where": "[display] power",
        "message": "none of the methods can switch the screen on this machine",
    } in (data["problems"])
    tool(path_with, "cec-ctl")
    assert cli.main(["check", "--config", str(path)]) == cli.EXIT_OK
    assert "  yes cec: " in capsys.readouterr().out
