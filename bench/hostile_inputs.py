"""How long and how much memory the kiosk takes on the hostile inputs of issue 14.

Method: each case runs in a fresh Python process (so its peak memory is its own), builds its input
in memory, then times (``time.perf_counter``) the kiosk's own path for it: ``read_schedule`` for a
schedule; reading it, ``scene.compose`` (the timeline and the page's view) and ``paint.draw`` (layout
and drawing at 1920x1080, SDL's dummy driver) for a page. The child prints its seconds and its peak RSS
(``ru_maxrss``); a child still running after ``LIMIT`` seconds is killed, reported as "> LIMIT" with
its peak RSS so far (``VmHWM`` in ``/proc/PID/status``). One run each on a shared machine: read
the figures as orders of magnitude.

Cases:
  json-entries   a 5 MB native JSON of 2.5 million tiny invalid entries, read
  sessions-113k  113,000 valid sessions on one day, the "now" page drawn
  today-5000     5,000 sessions on one day, the "today" page drawn
  word-10k       a title that is one 10,000-character word, the "now" page drawn
  title-200k     a title that is one 200,000-character word, the "now" page drawn

    python bench/hostile_inputs.py [CASE ...]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LIMIT = 120.0
ZONE = ZoneInfo("Asia/Kolkata")
DAY = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, 12, 10, tzinfo=ZONE)


def entries_json(count: int) -> bytes:
    return b'{"sessions": [' + b"1," * (count - 1) + b"1]}"


def sessions_json(count: int, title: str = "Session {n}") -> bytes:
    """``count`` 30-minute sessions spread evenly from 12:00 to 20:00 on one day (the first is on now)."""
    step = 8 * 3600 / max(count, 1)
    items = []
    for number in range(count):
        start = datetime(2026, 12, 5, 12, tzinfo=ZONE) + timedelta(seconds=int(number * step))
        end = start + timedelta(minutes=30)
        items.append({"title": title.format(n=number), "start": start.isoformat(), "end": end.isoformat()})
    return json.dumps({"sessions": items}).encode()


def read(data: bytes) -> object:
    from kiosk.formats import ReadOptions, read_schedule

    return read_schedule(data, ReadOptions(timezone=ZONE, date=DAY), format="json")


def draw_page(data: bytes, page: str, size: tuple[int, int] = (1920, 1080)) -> None:
    """Read ``data`` and draw ``page`` of it as the screen loop does (at ``NOW``)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from kiosk.board import carousel
    from kiosk.config import load
    from kiosk.core.model import Latest, Reading
    from kiosk.shell import paint, scene

    config = load()
    config = replace(
        config,
        source=replace(config.source, demo=False),
        event=replace(config.event, timezone=ZONE, date=DAY),
    )
    reading = read(data)
    assert isinstance(reading, Reading)
    latest = Latest(reading=reading, fetched_at=NOW, checked_at=NOW)
    state = replace(carousel.begin(config.pages.order, 0.0), index=config.pages.order.index(page))
    frame = scene.compose(config, latest, NOW, state, ())
    paint.draw(frame, size)


def run_case(name: str, scale: float = 1.0) -> None:
    """Build the input (``scale`` shrinks it, for the smoke test) and run the kiosk's path on it."""
    if name == "json-entries":
        data = entries_json(int(2_500_000 * scale))
        started = time.perf_counter()
        read(data)
    elif name == "sessions-113k":
        data = sessions_json(int(113_000 * scale))
        started = time.perf_counter()
        draw_page(data, "now")
    elif name == "today-5000":
        data = sessions_json(int(5_000 * scale))
        started = time.perf_counter()
        draw_page(data, "today")
    elif name == "word-10k":
        data = sessions_json(1, "W" * int(10_000 * scale))
        started = time.perf_counter()
        draw_page(data, "now")
    elif name == "title-200k":
        data = sessions_json(1, "W" * int(200_000 * scale))
        started = time.perf_counter()
        draw_page(data, "now")
    else:
        raise SystemExit(f"unknown case {name!r}; cases: {', '.join(CASES)}")
    took = time.perf_counter() - started
    print(f"{took:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


CASES = ("json-entries", "sessions-113k", "today-5000", "word-10k", "title-200k")


def measure(name: str) -> tuple[str, str]:
    """Seconds and peak RSS (MiB) of one case in a child process."""
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", "SDL_VIDEODRIVER": "dummy"}
    command = [sys.executable, __file__, "--child", name]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        out, _ = child.communicate(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        peak = _peak_so_far(child.pid)
        child.kill()
        child.communicate()
        return f"> {LIMIT:g}", peak
    if child.returncode != 0:
        return f"failed ({child.returncode})", "-"
    seconds, peak = out.split()[-2:]
    return seconds, peak


def _peak_so_far(pid: int) -> str:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return f"> {int(line.split()[1]) / 1024:.0f}"
    return "-"


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        run_case(argv[1])
        return
    print(f"{'case':<15}{'seconds':>12}{'peak RSS MiB':>15}")
    for name in argv or CASES:
        seconds, peak = measure(name)
        print(f"{name:<15}{seconds:>12}{peak:>15}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
