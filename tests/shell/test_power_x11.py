"""DPMS under X11, against a real X server (Xvfb, started here) and the real ``xset``.

Debian 12's Xvfb (xorg-server 21.1) has no DPMS extension, so there the test proves the other half:
the kiosk sees that ``xset`` did nothing (it exits 0 all the same) and keeps the off-hours page lit.
On a server that has the extension, the same test checks the monitor's Off and On.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import configs
import pygame
import pytest

from kiosk import config
from kiosk.shell import dpms, power, power_methods
from kiosk.shell.screen import Screen


def needed(tool: str, package: str) -> None:
    """A missing tool fails the test in CI (.ci/run installs it) and skips it, saying so, elsewhere."""
    if shutil.which(tool) is None:
        message = f"{tool} is not installed (Debian package {package}; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh Xvfb on a display number it picks itself; DISPLAY points at it. ``-noreset``: by default
    the server starts afresh each time its last client leaves, and a client that comes in the
    meantime (the next ``xset``) is refused."""
    needed("Xvfb", "xvfb")
    needed("xset", "x11-xserver-utils")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-noreset", "-screen", "0", "640x360x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        monkeypatch.setenv("DISPLAY", f":{number}")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def query() -> str:
    return subprocess.run(["xset", "q"], capture_output=True, text=True, check=True).stdout


def test_xset_switches_the_monitor_or_the_kiosk_keeps_the_off_hours_page(x_display: str) -> None:
    """Whichever this X server is: with DPMS the monitor goes Off and On again; without it (Debian
    12's Xvfb) ``xset`` exits 0 having done nothing, and the kiosk sees that and stays lit."""
    switch = power.Power([power_methods.dpms_for("x11")])
    if power_methods.monitor_state(query()) is None:
        assert "Server does not have the DPMS Extension" in query()
        switch.follow(dark=True)
        assert not switch.off
        assert switch.state.state == "off-hours page"
        assert switch.state.error == "dpms (xset): the X server has no DPMS extension"
        return
    switch.follow(dark=True)
    assert switch.off and switch.state.text == "screen off by schedule (dpms (xset))"
    assert "Monitor is Off" in query()
    switch.follow(dark=False)
    assert "Monitor is On" in query() and not switch.off


def test_sdl_on_x11_says_it_is_not_kmsdrm(
    x_display: str, monkeypatch: pytest.MonkeyPatch, open_screen: Callable[..., Screen]
) -> None:
    """SDL's window-manager record, read field by field as the kmsdrm path reads it, names X11."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")
    open_screen((320, 240))
    assert pygame.display.get_driver() == "x11"
    assert dpms.wm_info().subsystem == 2  # SDL_SYSWM_X11: the record's fields are where SDL puts them
    with pytest.raises(dpms.DrmError, match="SDL is not drawing through kmsdrm"):
        dpms.drm_fd()
    dpms_only = config.Config(path=Path("k.toml"), display=config.DisplayConfig(power=("dpms",)))
    assert power_methods.for_config(dpms_only)[0].name == "dpms (xset)"


def test_stopped_under_x11_while_off_the_screen_is_switched_on_at_once(
    x_display: str, tmp_path: Path
) -> None:
    """SIGTERM ends the switched-off loop's sleep at once, also where SDL could wait on the display."""
    done = tmp_path / "screen"
    schedule = tmp_path / "schedule.json"
    schedule.write_text('{"sessions": []}', encoding="utf-8")
    hour = datetime.now(UTC).hour
    display = {
        "on": f"{(hour + 2) % 24:02d}:00",
        "off": f"{(hour + 23) % 24:02d}:00",
        "power": ["command"],
        "power_off": f"touch {done}.off",
        "power_on": f"touch {done}.on",
    }
    path = configs.kiosk_toml(tmp_path, source={"url": schedule}, display=display)
    env = {**os.environ, "SDL_VIDEODRIVER": "x11", "DISPLAY": x_display, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(path), "--windowed", "--size", "640x360"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60  # a loaded machine starts Python and pygame slowly
        while not (tmp_path / "screen.off").exists() and kiosk.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / "screen.off").exists()
        time.sleep(1)  # into the minute's sleep
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=10) == 0  # at once, not at the end of the minute
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    assert (tmp_path / "screen.on").exists()
