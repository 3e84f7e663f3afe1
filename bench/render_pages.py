"""How long a full page takes to draw, and how fast a page transition runs, at three screen sizes.

Method: the bundled config and demo schedule (read once, as a fresh poll would), the clock at 12:05
in the event's time zone. Pages are drawn exactly as the screen loop draws them: ``scene.compose``
(the board, the footer, the View) and then ``paint.draw`` (layout and rendering onto a new Surface),
after ``pygame.display.set_mode`` at that size so surfaces have the screen's pixel format.

- fonts: loading the bundled fonts once per process (``kiosk.render.renderer()``), timed alone.
- cold: the first draw of each page at each size, with that size's text lines not yet rendered.
- warm: RUNS further draws of the page, the clock moved on one minute each time, so each one is a
  new View and is laid out afresh with the text lines that did not change already cached: what the
  loop does once a minute. Median and 95th percentile of ``time.perf_counter`` around
  compose + draw.
- crossfade: ``Screen.fade`` (the app's own transition frame: the new page blended onto the screen,
  flip) between the "now" and "today" pages for FADE_SECONDS at each size; frames per second is
  frames / elapsed. It runs under SDL's dummy driver, and again under a private Xvfb (a 3840x2160
  screen, the window at each size) when Xvfb is installed, where the flip sends the pixels to an
  X server as on a real desktop.

    python bench/render_pages.py [RUNS]        # RUNS defaults to 30
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SIZES, bundled_config, demo_latest, median, percentile, quiet_env, table, xvfb

from kiosk.board import carousel
from kiosk.config import Config
from kiosk.core.model import Latest
from kiosk.render import renderer
from kiosk.shell import paint, scene
from kiosk.shell.screen import Screen

RUNS = 30
FADE_SECONDS = 2.0
PAGES = ("now", "today", "propose")


def noon(config: Config) -> datetime:
    today = datetime.now(config.tz).date()
    return datetime(today.year, today.month, today.day, 12, 5, tzinfo=config.tz)


def page_frame(config: Config, latest: Latest, now: datetime, page: str) -> scene.Frame:
    frame, _ = paint.frame_for(config, latest, now, carousel.showing(PAGES, page), (), None)
    return frame


def timed_draw(config: Config, latest: Latest, now: datetime, page: str, size: tuple[int, int]) -> float:
    started = time.perf_counter()
    paint.draw(page_frame(config, latest, now, page), size)
    return time.perf_counter() - started


def render_times(runs: int) -> list[tuple[str, str, float, float, float]]:
    """(size, page, cold ms, warm median ms, warm p95 ms) for each size and page."""
    config = bundled_config()
    start = noon(config)
    latest = demo_latest(config, start)
    rows = []
    pygame.display.init()
    for size in SIZES:
        pygame.display.set_mode(size)
        for page in PAGES:
            cold = timed_draw(config, latest, start, page, size)
            warm = [
                timed_draw(config, latest, start + timedelta(minutes=1 + i), page, size) for i in range(runs)
            ]
            rows.append(
                (
                    f"{size[0]}x{size[1]}",
                    page,
                    cold * 1000,
                    median(warm) * 1000,
                    percentile(warm, 0.95) * 1000,
                )
            )
    pygame.display.quit()
    return rows


def fade_rate(size: tuple[int, int], seconds: float) -> float:
    """Crossfade frames per second at ``size`` through the app's ``Screen.fade``."""
    config = bundled_config()
    now = noon(config)
    latest = demo_latest(config, now)
    screen = Screen(windowed=True, size=size)
    screen.open()
    try:
        old = paint.draw(page_frame(config, latest, now, "now"), size)
        new = paint.draw(page_frame(config, latest, now, "today"), size)
        frames, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            # A fade of 16 frames, over and over: the old page, then the new one blended on.
            step = frames % 16
            if step == 0:
                screen.show(old)
            screen.fade(new, step / 16, (step + 1) / 16)
            frames += 1
        return frames / (time.perf_counter() - started)
    finally:
        screen.close()


def fade_rates(seconds: float) -> list[float]:
    return [fade_rate(size, seconds) for size in SIZES]


def fade_rates_in_child(env: dict[str, str], seconds: float) -> list[float]:
    """The crossfade measured in a fresh process, so each SDL video driver starts clean."""
    out = subprocess.run(
        [sys.executable, __file__, "--fade-only", str(seconds)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [float(x) for x in out.split()]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--fade-only"]:
        print(" ".join(f"{rate:.1f}" for rate in fade_rates(float(argv[1]))))
        return
    runs = int(argv[0]) if argv else RUNS
    started = time.perf_counter()
    renderer()
    fonts_ms = (time.perf_counter() - started) * 1000
    rows = render_times(runs)
    print(
        f"Full page draw (scene.compose + paint.draw), {runs} warm runs; "
        f"fonts loaded once in {fonts_ms:.0f} ms\n"
    )
    print(
        table(
            ("size", "page", "cold ms", "warm median ms", "warm p95 ms"),
            [(s, p, f"{c:.1f}", f"{m:.1f}", f"{q:.1f}") for s, p, c, m, q in rows],
        )
    )
    drivers = {"dummy": fade_rates_in_child(quiet_env(SDL_VIDEODRIVER="dummy"), FADE_SECONDS)}
    try:
        with xvfb((3840, 2160)) as display:
            env = quiet_env(SDL_VIDEODRIVER="x11", DISPLAY=display)
            drivers["x11 (Xvfb)"] = fade_rates_in_child(env, FADE_SECONDS)
    except SystemExit as missing:
        print(f"\n({missing}; crossfade measured under the dummy driver only)")
    print(f"\nCrossfade (Screen.fade, {FADE_SECONDS:.0f} s per size)\n")
    print(
        table(
            ("driver", *(f"{w}x{h} fps" for w, h in SIZES)),
            [(name, *(f"{r:.0f}" for r in rates)) for name, rates in drivers.items()],
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
