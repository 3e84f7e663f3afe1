"""The crossfade as the loop runs it: frames per second reached, and the CPU a page turn costs.

Method: the real ``kiosk.shell.app.Kiosk`` loop (``step()`` and the sleep it asks for, on the real
clocks) with the bundled config and demo schedule, pages turning every 2 s with the default 0.4 s
crossfade, in a 1920x1080 window on a private Xvfb (started here; the loop runs in a child process
with ``SDL_VIDEODRIVER=x11``). ``Screen.fade`` is wrapped to note the time of every frame. For each
of TURNS page turns: the frames drawn and the frames per second from the first frame to the last.
The CPU time (``time.process_time``) spent in ``Screen.fade`` and in the whole run (page drawing
and the idle loop included) is divided by the turns. ``KIOSK_CODE=/path/to/other/checkout`` measures
another checkout's kiosk package (put first on the child's ``PYTHONPATH``), for a before/after.

    python bench/fade_loop.py [TURNS]        # TURNS defaults to 12
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, quiet_env, table, xvfb

TURNS = 12
SIZE = (1920, 1080)


def run_loop(turns: int) -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from kiosk import config as config_module
    from kiosk.fetch.source import make_sources
    from kiosk.shell.app import IDLE_SLICE, Kiosk
    from kiosk.shell.liveconfig import LiveConfig
    from kiosk.shell.notify import Notifier
    from kiosk.shell.screen import Screen

    config = config_module.load(None)
    config = replace(config, pages=replace(config.pages, seconds=2.0))
    screen = Screen(windowed=True, size=SIZE)
    screen.open()
    frames: list[float] = []
    blending = [0.0]
    fade = screen.fade

    def noted(*args: object) -> None:
        before = time.process_time()
        fade(*args)  # type: ignore[arg-type]
        blending[0] += time.process_time() - before
        frames.append(time.monotonic())

    screen.fade = noted  # type: ignore[method-assign]
    kiosk = Kiosk(LiveConfig(config), screen, source_for=make_sources, notifier=Notifier({}))
    started = time.monotonic()
    cpu = time.process_time()
    while time.monotonic() - started < 2.0 * turns + 1.5:
        wait = kiosk.step()
        if wait > 0:
            time.sleep(min(wait, IDLE_SLICE))
    cpu = time.process_time() - cpu
    kiosk.stop()
    groups: list[list[float]] = [[]]
    for moment in frames:
        if groups[-1] and moment - groups[-1][-1] > 0.5:
            groups.append([])
        groups[-1].append(moment)
    rates = [(len(g) - 1) / (g[-1] - g[0]) for g in groups if len(g) > 2]
    counts = [len(g) for g in groups]
    blend = blending[0] / len(groups) * 1000
    rate = f"{median(rates):.1f} {min(rates):.1f}"
    print(f"{len(groups)} {median(counts)} {rate} {blend:.1f} {cpu / turns * 1000:.1f}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        run_loop(int(argv[1]))
        return
    turns = int(argv[0]) if argv else TURNS
    with xvfb(SIZE) as display:
        env = quiet_env(SDL_VIDEODRIVER="x11", DISPLAY=display, XDG_CACHE_HOME="/tmp/kiosk-fade-loop")
        if "KIOSK_CODE" in os.environ:
            env["PYTHONPATH"] = os.environ["KIOSK_CODE"]
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(turns)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    print(f"The loop's crossfade at {SIZE[0]}x{SIZE[1]} under Xvfb, {out[0]} page turns\n")
    print(
        table(
            ("frames a turn", "fps (median)", "fps (slowest turn)", "CPU ms a turn: blending", "all"),
            [(out[1], out[2], out[3], out[4], out[5])],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
