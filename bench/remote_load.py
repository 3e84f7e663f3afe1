"""Does the remote slow the drawing loop? The loop's step time alone and with 50 slow clients.

Method: the kiosk runs in this process as ``open-spaces-kiosk run`` would (SDL's dummy driver at
1920x1080, the bundled demo schedule, ``[remote]`` on 127.0.0.1 with a token) but the loop is
stepped here, with clocks (wall and monotonic) that move one minute per step, so that every step
draws a new frame (the costliest kind of step: the clock, and at times the page, change; no
crossfade, which would take 0.4 s of real time). STEPS steps are timed with no client; then
``bench/slow_clients.py`` starts 50 clients in a process of their own, each sending its requests in
pieces and reading the answers a kilobyte at a time (the screenshot, metrics, status.json and the
page, over and over), and STEPS more steps are timed. Every screenshot they ask for makes the loop
copy the screen once, inside the step that is timed. Frames drawn are counted. Wall time includes
waiting for a core (the clients' process competes for the same two) and for the interpreter lock;
the loop thread's own CPU time is what the steps themselves cost.

    python bench/remote_load.py [STEPS]     # default 200
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, median, percentile, table

from kiosk.shell import app

CLIENTS = 50
STEPS = 200
TOKEN = "Hb7xQ2mW9tLr4Nc8Vk3ZpJ6d"


def clocks(zone: tzinfo) -> tuple[Callable[[], datetime], Callable[[], float], Callable[[], None]]:
    """A wall clock and a monotonic clock that run as the real ones do, and a function that moves
    both a minute on: to the loop a new minute, not a step of the wall clock."""
    wall, mono, ahead = datetime.now(zone), time.monotonic(), [0.0]

    def monotonic() -> float:
        return time.monotonic() + ahead[0]

    def clock() -> datetime:
        return wall + timedelta(seconds=monotonic() - mono)

    def moved() -> None:
        ahead[0] += 60

    return clock, monotonic, moved


@dataclass
class Steps:
    frames: int  # frames drawn
    wall: list[float]  # seconds each step took
    cpu: list[float]  # CPU seconds the loop's own thread spent in each step


def step_times(kiosk: app.Kiosk, moved: Callable[[], None], steps: int) -> Steps:
    """Time ``steps`` steps, the clocks moved before each one."""
    frames = kiosk.frames
    wall, cpu = [], []
    for _ in range(steps):
        moved()
        started, used = time.perf_counter(), time.thread_time()
        kiosk.step()
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - used)
    return Steps(kiosk.frames - frames, wall, cpu)


@contextmanager
def slow_clients(port: int, token: str, clients: int = CLIENTS, seconds: float = 300) -> Iterator[list[int]]:
    """``clients`` slow clients of 127.0.0.1:``port`` in a child process; yields a list that holds, after
    the block, the number of answers they read in full."""
    script = str(ROOT / "bench" / "slow_clients.py")
    child = subprocess.Popen(
        [sys.executable, script, str(port), token, "--clients", str(clients), "--seconds", str(seconds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    served: list[int] = []
    try:
        if child.stdout.readline().strip() != "started":
            raise RuntimeError("the slow clients did not start")
        yield served
    finally:
        child.stdin.close()
        out = child.stdout.read()
        child.wait(60)
        served.append(int(out.split()[-1]) if out.split() else 0)


def main(argv: list[str]) -> None:
    steps = int(argv[0]) if argv else STEPS
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    from kiosk import config as config_module
    from kiosk.fetch.source import make_poller
    from kiosk.shell import remote
    from kiosk.shell.liveconfig import LiveConfig
    from kiosk.shell.notify import Notifier
    from kiosk.shell.remote.link import Link
    from kiosk.shell.screen import Screen

    with tempfile.TemporaryDirectory(prefix="kiosk-remote-") as temp:
        text = (ROOT / "config" / "kiosk.toml").read_text()
        text = text.replace('url = "demo-schedule.json"', f'url = "{ROOT / "config" / "demo-schedule.json"}"')
        text += f'\n[remote]\nlisten = "127.0.0.1:0"\ntoken = "{TOKEN}"\n'
        # No crossfade: it would take 0.4 s of real time while the clock here runs a minute a step.
        text = text.replace("seconds = 15\n", "seconds = 15\ntransition_seconds = 0\n")
        text = text.replace("# dir = ", f'dir = "{temp}/cache"\n# ')
        path = Path(temp) / "kiosk.toml"
        path.write_text(text)
        config = config_module.load(path)
        screen = Screen(windowed=True, size=(1920, 1080))
        screen.open()
        clock, monotonic, moved = clocks(config.tz)
        link = Link()
        live = LiveConfig(config)
        server = remote.start(config.remote, lambda: live.config, link)
        assert server is not None
        kiosk = app.Kiosk(
            live,
            screen,
            source_for=lambda c: make_poller(c, on_change=link.observe),
            clock=clock,
            monotonic=monotonic,
            notifier=Notifier({}),
            link=link,
        )
        try:
            step_times(kiosk, moved, 20)  # warm-up: fonts, layouts, text
            alone = step_times(kiosk, moved, steps)
            with slow_clients(server.port, TOKEN) as served:
                time.sleep(2)  # let every client connect and start asking
                busy = step_times(kiosk, moved, steps)
        finally:
            kiosk.stop()
            server.stop()
            screen.close()
    print(f"The loop's step at 1920x1080 (dummy driver), a new frame each step, {steps} steps each\n")
    print(
        table(
            ("clients", "frames drawn", "wall ms: median", "p95", "max", "loop thread CPU ms: median", "p95"),
            [
                (
                    n,
                    run.frames,
                    *(
                        f"{v * 1000:.1f}"
                        for v in (median(run.wall), percentile(run.wall, 0.95), max(run.wall))
                    ),
                    *(f"{v * 1000:.1f}" for v in (median(run.cpu), percentile(run.cpu, 0.95))),
                )
                for n, run in ((0, alone), (CLIENTS, busy))
            ],
        )
    )
    print(f"\nanswers the {CLIENTS} slow clients read in full meanwhile: {served[0]}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
