"""The screen's power through the loop: screen hours on an injected clock, and the real power code
running a stand-in ``cec-ctl`` (and ``wlopm``) on PATH that records its arguments."""

import json
import logging
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import configs
import pygame
import pytest
from doubles import TZ, Clocks, FixedSource
from prometheus_client.parser import text_string_to_metric_families

from kiosk.board.display_hours import OffHours
from kiosk.config import DisplayConfig, parse
from kiosk.core.model import Alert, Latest, Reading, Schedule, Session
from kiosk.layout import View
from kiosk.shell import app, power, power_methods, status
from kiosk.shell.drm import Replug
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.remote.metrics import Metrics
from kiosk.shell.remote.page import facts
from kiosk.shell.screen import Screen

EVENING = datetime(2026, 12, 5, 18, 59, 30, tzinfo=TZ)  # half a minute before [display] off
CLAIM = "--device /dev/null --playback --osd-name Open Spaces"  # /dev/null: a device that exists
STANDBY = "--device /dev/null --to 0 --standby"
WAKE = "--device /dev/null --to 0 --image-view-on"

# Records each call's arguments, one line each; exits as the file `status` next to it says (0 without
# it) and prints what the file `says` holds, as cec-ctl prints a transmit status.
STAND_IN = """#!/bin/sh
here=$(dirname "$0")
echo "$*" >> "$here/calls"
[ -f "$here/says" ] && cat "$here/says"
if [ -f "$here/status" ]; then
    echo "CEC_ADAP_S_LOG_ADDRS: Device or resource busy" >&2
    exit "$(cat "$here/status")"
fi
exit 0
"""


class Tool:
    """A stand-in for an external tool on PATH: what it was called with, and how it should answer."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        script = folder / name
        script.write_text(STAND_IN, encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)

    def calls(self) -> list[str]:
        log = self.folder / "calls"
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    def fail(self, status: int = 1) -> None:
        (self.folder / "status").write_text(str(status), encoding="utf-8")

    def say(self, text: str) -> None:
        (self.folder / "says").write_text(text, encoding="utf-8")

    def mend(self) -> None:
        for name in ("status", "says"):
            (self.folder / name).unlink(missing_ok=True)


@pytest.fixture
def cec_ctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tool:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return Tool(folder, "cec-ctl")


def config_text(tmp_path: Path, display: str) -> str:
    schedule = tmp_path / "schedule.json"
    schedule.write_text('{"sessions": []}', encoding="utf-8")
    tables = {
        "event": {"timezone": "Asia/Kolkata"},
        "source": {"url": schedule},
        "cache": {"dir": tmp_path / "cache"},
        "pages": {"transition_seconds": 0},
        "display": {"on": "08:00", "off": "19:00"},  # last: ``display`` adds its lines to it
    }
    return configs.toml(tables) + display + "\n"


def lit_session(at: datetime) -> Session:
    return Session("Typing in anger", at - timedelta(minutes=5), at + timedelta(minutes=25), host="Ana")


def kiosk(
    tmp_path: Path, display: str, screen: Screen, clocks: Clocks, notifier: Notifier | None = None
) -> app.Kiosk:
    config = configs.kiosk_config(tmp_path, config_text(tmp_path, display))
    source = FixedSource(Latest(reading=Reading("json", Schedule(sessions=(lit_session(EVENING),)))))
    return app.Kiosk(
        LiveConfig(config),
        screen,
        source_for=lambda c: source,
        clock=clocks,
        notifier=notifier or Notifier({}),
        monotonic=clocks.monotonic,
        power_for=power_methods.for_config,
    )


def with_alert(k: app.Kiosk, text: str | None) -> None:
    """The schedule's own alert appears (or, with None, is removed) at the next look at the source."""
    alert = Alert(text) if text else None
    k.source.snap = Latest(reading=Reading("json", Schedule(alert=alert)))  # type: ignore[attr-defined]


CEC = 'power = ["cec"]\ncec_device = "/dev/null"'


def test_cec_standby_at_off_and_image_view_on_at_on_each_once(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    clocks = Clocks(EVENING)
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    assert isinstance(k.frame, View) and not k.power.off
    assert cec_ctl.calls() == [CLAIM, WAKE]  # a kiosk started in hours makes sure the screen is on
    drawn = k.frames
    clocks.advance(30)  # 19:00:00
    k.step()
    assert isinstance(k.frame, OffHours) and k.power.off
    assert cec_ctl.calls()[2:] == [CLAIM, STANDBY]  # the address claimed first, then standby
    assert k.frames == drawn  # nothing is drawn for a screen that is off
    assert k.power.state.text == "screen off by schedule (cec)"
    for _ in range(120):  # twenty minutes of turns: the screen is told nothing more
        clocks.advance(10)
        wait = k.step()
        assert 0 < wait <= 60
    assert len(cec_ctl.calls()) == 4 and k.frames == drawn
    clocks.now = datetime(2026, 12, 6, 7, 59, 50, tzinfo=TZ)
    k.step()
    clocks.advance(10)  # 08:00:00
    k.step()
    assert cec_ctl.calls()[4:] == [CLAIM, WAKE]
    assert not k.power.off and k.frames == drawn + 1 and isinstance(k.frame, View)
    k.step()
    assert len(cec_ctl.calls()) == 6


def test_an_urgent_alert_wakes_the_screen_and_it_sleeps_again_after(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    clocks = Clocks(EVENING + timedelta(hours=4))  # 23:00, off hours
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    assert k.power.off and cec_ctl.calls() == [CLAIM, STANDBY]
    with_alert(k, "Fire drill: leave by the east stairs")
    clocks.advance(30)
    k.step()
    assert isinstance(k.frame, View) and k.frame.alert is not None
    assert cec_ctl.calls()[2:] == [CLAIM, WAKE] and not k.power.off
    assert k.frames == 1  # the alert is on the screen
    clocks.advance(30)
    k.step()
    assert len(cec_ctl.calls()) == 4
    with_alert(k, None)
    clocks.advance(30)
    k.step()
    assert cec_ctl.calls()[4:] == [CLAIM, STANDBY] and k.power.off


def test_the_screen_is_switched_on_when_the_kiosk_stops(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    clocks = Clocks(EVENING + timedelta(hours=4))
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    assert k.power.off
    k.stop()
    assert cec_ctl.calls() == [CLAIM, STANDBY, CLAIM, WAKE]


def test_a_failing_cec_ctl_is_logged_once_and_the_off_hours_page_stays(
    tmp_path: Path, cec_ctl: Tool, screen: Screen, caplog: pytest.LogCaptureFixture
) -> None:
    clocks = Clocks(EVENING)
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    cec_ctl.fail(1)
    caplog.set_level(logging.WARNING, logger="kiosk.shell.power")
    clocks.advance(30)  # 19:00
    k.step()
    assert isinstance(k.frame, OffHours) and not k.power.off
    assert k.frames == 2  # the dark page is drawn on the lit screen instead
    assert max(pygame.display.get_surface().get_at((x, 180)).r for x in range(0, 640, 16)) < 90
    state = k.power.state
    assert state.state == "off-hours page" and state.failures == 1
    assert state.error == "cec: cec-ctl exited with status 1: CEC_ADAP_S_LOG_ADDRS: Device or resource busy"
    for _ in range(70):  # past the ten minutes after which it is tried again
        clocks.advance(10)
        k.step()
    assert len(cec_ctl.calls()) == 2 + 1 + 1  # on at start; the failed claim at 19:00; one retry
    assert k.power.state.failures == 2
    warnings = [r for r in caplog.records if "cannot switch the screen off" in r.getMessage()]
    assert len(warnings) == 1
    written = tmp_path / "cache" / status.FILE_NAME  # by the loop, each minute
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["screen_on"] is False
    assert record["screen_power"] == {
        "state": "off-hours page",
        "method": None,
        "error": state.error,
        "failures": 2,
    }
    cec_ctl.mend()
    for _ in range(61):
        clocks.advance(10)
        k.step()
    assert k.power.off and k.power.state.error == "" and k.power.state.failures == 2
    assert k.power.state.text == "screen off by schedule (cec)"


def test_a_television_that_does_not_acknowledge_is_a_failure(tmp_path: Path, cec_ctl: Tool) -> None:
    cec_ctl.say(
        "Transmit from Playback Device 1 to TV (4 to 0):\nCEC_MSG_STANDBY (0x36)\n"
        "\tSequence: 3 Tx Timestamp: 1771.204s\n\tTx, Not Acknowledged (1), Max Retries\n"
    )
    with pytest.raises(
        power_methods.PowerFailed, match=r"did not take it \(Tx, Not Acknowledged \(1\), Max Retries\)"
    ):
        power_methods.Cec(device="/dev/null").switch(False)
    cec_ctl.say("\tSequence: 4 Tx Timestamp: 1772.101s\n\tTx, OK\n")
    power_methods.Cec(device="/dev/null").switch(False)


def test_woken_the_television_is_asked_to_show_the_kiosk_s_input(tmp_path: Path, cec_ctl: Tool) -> None:
    cec_ctl.say(
        "Driver Info:\n\tDriver Name                : vc4_hdmi\n\tPhysical Address           : 2.0.0.0\n"
    )
    cec = power_methods.Cec(device="/dev/null")
    cec.switch(False)
    cec.switch(True)
    assert cec_ctl.calls() == [
        CLAIM,
        STANDBY,
        CLAIM,
        WAKE,
        "--device /dev/null --to 0 --active-source phys-addr=2.0.0.0",
    ]
    cec_ctl.say("\tPhysical Address           : f.f.f.f\n")  # no screen on the hot-plug line
    cec.switch(True)
    assert cec_ctl.calls()[5:] == [CLAIM, WAKE]


def test_the_first_cec_adapter_is_used_and_its_absence_is_said(tmp_path: Path, cec_ctl: Tool) -> None:
    devices = tmp_path / "dev"
    devices.mkdir()
    assert power_methods.Cec(devices=devices).missing() == "no CEC adapter (/dev/cec*)"
    assert (
        power_methods.Cec(device=str(devices / "cec7")).missing() == f"no CEC adapter at {devices / 'cec7'}"
    )
    for name in ("cec10", "cec1", "cecfoo"):
        (devices / name).touch()
    cec = power_methods.Cec(devices=devices)
    assert cec.missing() is None and cec.adapter() == str(devices / "cec1")
    cec.switch(True)
    assert cec_ctl.calls()[-1] == f"--device {devices / 'cec1'} --to 0 --image-view-on"


def test_without_cec_ctl_the_next_method_is_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no cec-ctl here
    done = tmp_path / "done"
    display = DisplayConfig(
        on=clock_time(8),
        off=clock_time(19),
        power=("cec", "command"),
        cec_device="/dev/null",
        power_off=f"sh -c 'echo off >> {done}'",
        power_on=f"sh -c 'echo on >> {done}'",
    )
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin{os.pathsep}/bin")
    assert (
        power_methods.Cec(device="/dev/null").missing()
        == "cec-ctl not found on PATH (Debian package v4l-utils)"
    )
    switch = power.Power(power_methods.methods(display, lambda: power_methods.Unavailable("dpms", "unused")))
    switch.follow(dark=True)
    assert switch.off and switch.state.method == "command"
    switch.follow(dark=False)
    assert done.read_text(encoding="utf-8") == "off\non\n"


def test_the_command_method_runs_real_commands(tmp_path: Path) -> None:
    done = tmp_path / "screen"
    text = config_text(
        tmp_path,
        f'power = ["command"]\npower_off = "sh -c \'echo off > {done}\'"\npower_on = "touch {done}.on"',
    )
    config = parse(text, tmp_path / "kiosk.toml")
    switch = power.Power(power_methods.for_config(config))
    switch.follow(dark=True)
    assert done.read_text(encoding="utf-8") == "off\n" and switch.off
    switch.release()
    assert (tmp_path / "screen.on").exists() and not switch.off


def test_stopped_while_the_off_command_runs_the_screen_is_switched_on_at_exit(tmp_path: Path) -> None:
    """SIGTERM raises in whatever runs: here inside the off command, after the screen went dark."""
    calls: list[list[str]] = []

    def run(argv: list[str]) -> None:
        calls.append(argv)
        if argv == ["screen-off"]:
            raise KeyboardInterrupt  # what start's SIGTERM handler raises, at the worst moment

    switch = power.Power([power_methods.Commands(off="screen-off", on="screen-on", run=run)])
    with pytest.raises(KeyboardInterrupt):
        switch.follow(dark=True)
    switch.release()
    assert calls == [["screen-off"], ["screen-on"]] and not switch.off


def test_a_failing_command_says_how(tmp_path: Path) -> None:
    switch = power.Power(
        [power_methods.Commands(off="sh -c 'echo relay unreachable >&2; exit 3'", on="true")]
    )
    switch.follow(dark=True)
    assert not switch.off
    assert switch.state.error == "command: sh exited with status 3: relay unreachable"
    missing = power.Power([power_methods.Commands(off="no-such-relay-tool --off", on="true")])
    missing.follow(dark=True)
    assert missing.state.error == "command: no-such-relay-tool: not found"


def test_wayland_runs_wlopm_for_every_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    wlopm = Tool(folder, "wlopm")
    method = power_methods.dpms_for("wayland")
    assert method.name == "dpms (wlopm)" and method.missing() is None
    method.switch(False)
    method.switch(True)
    assert wlopm.calls() == ["--off *", "--on *"]


def test_dpms_follows_the_video_driver() -> None:
    assert power_methods.dpms_for("x11").name == "dpms (xset)"
    dummy = power_methods.dpms_for("dummy")
    assert dummy.missing() == "no DPMS under SDL's dummy video driver"
    switch = power.Power([dummy])
    switch.follow(dark=True)
    assert not switch.off
    assert switch.state.error == "dpms: no DPMS under SDL's dummy video driver"


def test_without_power_methods_the_screen_stays_lit(tmp_path: Path, screen: Screen) -> None:
    clocks = Clocks(EVENING + timedelta(hours=4))
    k = kiosk(tmp_path, "", screen, clocks)
    k.step()
    assert isinstance(k.frame, OffHours) and not k.power.off and k.frames == 1
    assert k.power.state == power.PowerState(state="off-hours page")


def test_a_config_edit_makes_the_methods_again(tmp_path: Path, cec_ctl: Tool, screen: Screen) -> None:
    clocks = Clocks(EVENING + timedelta(hours=4))
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    assert k.power.off
    (tmp_path / "kiosk.toml").write_text(config_text(tmp_path, ""), encoding="utf-8")
    k.live.request_reload()
    clocks.advance(3)
    k.step()
    assert cec_ctl.calls()[-2:] == [CLAIM, WAKE]  # given back lit before the methods change
    assert not k.power.off and k.power.state.state == "off-hours page"


def test_health_tells_a_sleeping_screen_from_a_dead_one(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    clocks = Clocks(EVENING + timedelta(hours=4))
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    seen = k.link.seen()
    assert seen is not None and seen.facts.power.state == "off by schedule"
    metrics = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(
            Metrics(k.link, lambda: clocks.now).exposition().decode()
        )
        for sample in family.samples
    }
    assert metrics[("kiosk_screen_powered_off", ())] == 1
    assert metrics[("kiosk_screen_power_info", (("method", "cec"), ("state", "off by schedule")))] == 1
    assert metrics[("kiosk_screen_power_failures_total", ())] == 0
    record = status.record(seen.facts, seen.latest, clocks.now, pid=1, rss=None)
    assert record["screen_power"] == {
        "state": "off by schedule",
        "method": "cec",
        "error": None,
        "failures": 0,
    }
    assert "<dt>Screen</dt><dd>off by schedule (cec)</dd>" in facts(record, source="x", problems=())
    cec_ctl.fail(2)
    with_alert(k, "Fire drill")
    clocks.advance(30)
    k.step()  # the alert cannot wake the screen: drawn all the same, and said
    seen = k.link.seen()
    assert seen is not None and k.frames == 1
    record = status.record(seen.facts, seen.latest, clocks.now, pid=1, rss=None)
    assert record["screen_power"]["state"] == "on" and record["screen_power"]["failures"] == 1
    shown = facts(record, source="x", problems=())
    assert '<span class="bad">power failed: cec: cec-ctl exited with status 2' in shown


def test_a_television_dropping_its_hot_plug_line_in_standby_is_no_replug(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    tree = screen.drm = tmp_path / "drm"
    (tree / "card1-HDMI-A-1").mkdir(parents=True)
    connector = tree / "card1-HDMI-A-1" / "status"
    connector.write_text("connected\n", encoding="ascii")
    screen.replug = Replug(tree, every=2.0)
    clocks = Clocks(EVENING)
    k = kiosk(tmp_path, CEC, screen, clocks)
    k.step()
    clocks.advance(30)  # 19:00: standby, and the television lets go of the line, and takes it again
    k.step()
    connector.write_text("disconnected\n", encoding="ascii")
    clocks.advance(60)
    k.step()
    connector.write_text("connected\n", encoding="ascii")
    clocks.advance(60)
    k.step()
    assert k.running and k.power.off
    connector.write_text("disconnected\n", encoding="ascii")
    clocks.now = datetime(2026, 12, 6, 8, 0, tzinfo=TZ)  # woken: the line comes back a moment later
    k.step()
    clocks.advance(2)
    k.step()
    assert k.running and not k.power.off
    connector.write_text("connected\n", encoding="ascii")
    clocks.advance(2)
    k.step()
    assert not k.running and k.exit_code == app.EXIT_REPLUGGED  # started afresh on the woken screen


def test_started_out_of_hours_systemd_hears_ready_and_the_watchdog_is_fed_once_a_minute(
    tmp_path: Path, cec_ctl: Tool, screen: Screen
) -> None:
    path = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        sock.setblocking(False)

        def heard() -> list[bytes]:
            messages = []
            while True:
                try:
                    messages.append(sock.recv(4096))
                except BlockingIOError:
                    return messages

        clocks = Clocks(EVENING + timedelta(hours=4))  # 22:59:30
        env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"}
        k = kiosk(tmp_path, CEC, screen, clocks, Notifier(env, monotonic=lambda: clocks.tick))
        wait = k.step()
        assert k.power.off and k.frames == 0
        assert heard() == [b"READY=1\nSTATUS=screen off by schedule (cec)", b"WATCHDOG_USEC=180000000"]
        turns, pings, last_ping = 0, [], clocks.tick
        while clocks.now < EVENING + timedelta(hours=4, minutes=20):
            assert 0 < wait <= 60  # no turn for a ping of its own
            clocks.advance(wait)
            wait = k.step()
            turns += 1
            if heard() == [b"WATCHDOG=1"]:
                pings.append(clocks.tick - last_ping)
                last_ping = clocks.tick
        assert turns == 21  # 23:00, 23:01 … 23:20: once a minute
        assert pings and max(pings) <= 120  # well inside the 180 s asked for
        clocks.now = datetime(2026, 12, 6, 8, 0, tzinfo=TZ)
        k.step()
        assert not k.power.off and b"WATCHDOG_USEC=30000000" in heard()  # the unit's own again
        assert k.step() <= 15


def test_systemctl_stop_switches_the_screen_on_again(tmp_path: Path) -> None:
    """The real program, out of hours with the screen switched off, stopped with SIGTERM as systemd does."""
    done = tmp_path / "screen"
    config = config_text(
        tmp_path, f'power = ["command"]\npower_off = "touch {done}.off"\npower_on = "touch {done}.on"'
    )
    hour = datetime.now(UTC).hour
    config = config.replace('timezone = "Asia/Kolkata"', 'timezone = "UTC"').replace(
        'on = "08:00"\noff = "19:00"', f'on = "{(hour + 2) % 24:02d}:00"\noff = "{(hour + 23) % 24:02d}:00"'
    )
    path = tmp_path / "kiosk.toml"
    path.write_text(config, encoding="utf-8")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(path), "--windowed"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60  # a loaded machine starts Python and pygame slowly
        while time.monotonic() < deadline:
            if (tmp_path / "screen.off").exists() or kiosk.poll() is not None:
                break
            time.sleep(0.05)
        assert (tmp_path / "screen.off").exists(), kiosk.stderr.read().decode() if kiosk.poll() else ""
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    assert (tmp_path / "screen.on").exists()
