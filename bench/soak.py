"""The kiosk as a real process for MINUTES minutes: does its memory keep growing?

Method: a loopback HTTP server (a thread of this script, 127.0.0.1) serves a native JSON schedule
for today in the event's zone, sessions every 30 min from 09:00 to 18:00, that changes every minute:
each title carries the minute's number (so the text and width caches keep meeting new strings),
and in turn a title in Hindi, one in Tamil and one with emoji come and go (so the fallback fonts are
needed, then not). It answers conditional requests with 304 while the minute lasts. The kiosk
runs as ``python -m kiosk --windowed --size 1920x1080`` on its own private Xvfb (started here) with
a temporary config: that server as ``[source] url`` polled every 20 s, pages "now", "today" and
"propose" turning every 5 s with the default 0.4 s crossfade, a temporary cache dir.

Every SAMPLE seconds the process's RSS (``/proc/PID/status`` VmRSS) and PSS
(``/proc/PID/smaps_rollup``) are read and written to ``soak.csv`` in OUTDIR. At the end this prints
the first and last readings, the least-squares slope in MiB per hour over everything after the
first hour (the warm-up), or, on a run of an hour or less, after its first WARMUP minutes (stated
in the output), and draws both curves to ``soak.png`` in OUTDIR with pygame.

    python bench/soak.py [MINUTES] [OUTDIR]      # defaults 120 and the current directory
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MIB, ROOT, quiet_env, stop, table, xvfb

MINUTES = 120
SAMPLE = 10  # seconds between memory readings
WARMUP = 10  # minutes left out of the slope on a run of an hour or less
SIZE = (1920, 1080)
TZ = "Asia/Kolkata"
TOPICS = (
    "Typing in anger",
    "Packaging without tears",
    "Async all the way down",
    "Teaching Python to kids",
    "Rust extensions",
    "Testing the untestable",
    "Data pipelines",
    "Open source maintainers",
)
# A title that needs a fallback font, shown for two minutes in each cycle of six.
FALLBACK_TITLES = ("पाइथन और हिंदी", "தமிழில் பைதான்", "Snakes 🐍 and ladders 🎉")


def schedule(minute: int, today: datetime) -> bytes:
    sessions: list[dict[str, Any]] = []
    for i in range(18):
        start = today.replace(hour=9, minute=0) + timedelta(minutes=30 * i)
        title = f"{TOPICS[i % len(TOPICS)]} #{minute}"
        if i == 6 and minute % 6 < 2:
            title = FALLBACK_TITLES[(minute // 6) % len(FALLBACK_TITLES)]
        sessions.append(
            {
                "title": title,
                "host": f"Host {minute % 7}",
                "start": start.strftime("%H:%M"),
                "end": (start + timedelta(minutes=25)).strftime("%H:%M"),
            }
        )
    return json.dumps({"sessions": sessions}).encode()


class Handler(BaseHTTPRequestHandler):
    started = time.monotonic()

    def do_GET(self) -> None:
        minute = int((time.monotonic() - self.started) // 60)
        etag = f'"{minute}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = schedule(minute, datetime.now(ZoneInfo(TZ)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def write_config(directory: Path, url: str) -> Path:
    path = directory / "soak.toml"
    path.write_text(
        f'[event]\nname = "Soak"\nroom = "H-103"\ntimezone = "{TZ}"\n'
        f'[source]\nurl = "{url}"\npoll_seconds = 20\n'
        '[pages]\norder = ["now", "today", "propose"]\nseconds = 5\n'
        f'[propose]\nurl = "https://example.org/propose"\n[cache]\ndir = "{directory / "cache"}"\n'
    )
    return path


def memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) * 1024
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1]) * 1024
    return rss, pss


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (minutes, MiB) points, in MiB per hour."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return 60 * sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def plot(samples: list[tuple[float, int, int]], since: float, path: Path) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.font.init()
    width, height, left, bottom, top, right = 960, 480, 70, 50, 40, 20
    surface = pygame.Surface((width, height))
    surface.fill((255, 255, 255))
    font = pygame.font.Font(None, 22)
    x_max = max(s[0] for s in samples) or 1.0
    y_max = max(s[1] for s in samples) / MIB * 1.1
    y_min = 0.0

    def at(x: float, y: float) -> tuple[int, int]:
        px = left + (width - left - right) * x / x_max
        py = height - bottom - (height - bottom - top) * (y - y_min) / (y_max - y_min)
        return round(px), round(py)

    grey, black = (200, 200, 200), (0, 0, 0)
    for i in range(6):
        y = y_min + (y_max - y_min) * i / 5
        pygame.draw.line(surface, grey, at(0, y), at(x_max, y))
        label = font.render(f"{y:.0f}", True, black)
        surface.blit(label, (left - label.get_width() - 6, at(0, y)[1] - 8))
    for i in range(7):
        x = x_max * i / 6
        label = font.render(f"{x:.0f}", True, black)
        surface.blit(label, (at(x, y_min)[0] - label.get_width() // 2, height - bottom + 6))
    pygame.draw.line(surface, (150, 150, 150), at(since, y_min), at(since, y_max))
    for index, colour, name in ((1, (200, 60, 40), "RSS"), (2, (40, 90, 200), "PSS")):
        points = [at(s[0], s[index] / MIB) for s in samples]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, 2)
        surface.blit(font.render(name, True, colour), (left + 10 + 60 * (index - 1), 10))
    surface.blit(font.render("MiB", True, black), (8, 10))
    caption = font.render("minutes (the grey line: end of the warm-up)", True, black)
    surface.blit(caption, ((width - caption.get_width()) // 2, height - 22))
    pygame.image.save(surface, str(path))


def main(argv: list[str]) -> None:
    minutes = float(argv[0]) if argv else MINUTES
    outdir = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    outdir.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/schedule.json"
    samples: list[tuple[float, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as temp, xvfb(SIZE) as display:
        config = write_config(Path(temp), url)
        env = quiet_env(SDL_VIDEODRIVER="x11", DISPLAY=display, XDG_CACHE_HOME=str(Path(temp) / "xdg"))
        command = [sys.executable, "-m", "kiosk", "--windowed", "--size", f"{SIZE[0]}x{SIZE[1]}"]
        with open(outdir / "soak.log", "wb") as log:
            process = subprocess.Popen(
                [*command, "--config", str(config)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
            )
            begun = time.monotonic()
            time.sleep(SAMPLE)  # the first reading after the first frames, not of a starting interpreter
            try:
                with open(outdir / "soak.csv", "w") as csv:
                    csv.write("minutes,rss_bytes,pss_bytes\n")
                    while (elapsed := time.monotonic() - begun) < minutes * 60:
                        if process.poll() is not None:
                            raise SystemExit(f"the kiosk exited with {process.returncode}; see soak.log")
                        rss, pss = memory(process.pid)
                        samples.append((elapsed / 60, rss, pss))
                        csv.write(f"{elapsed / 60:.3f},{rss},{pss}\n")
                        csv.flush()
                        time.sleep(SAMPLE)
            finally:
                stop(process)
                server.shutdown()
    since = 60.0 if minutes > 60 else min(WARMUP, minutes / 2)
    after = [s for s in samples if s[0] >= since]
    rows = []
    for index, name in ((1, "RSS"), (2, "PSS")):
        rows.append(
            (
                name,
                f"{samples[0][index] / MIB:.1f}",
                f"{after[0][index] / MIB:.1f}" if after else "-",
                f"{samples[-1][index] / MIB:.1f}",
                f"{max(s[index] for s in samples) / MIB:.1f}",
                f"{slope([(s[0], s[index] / MIB) for s in after]):+.2f}",
            )
        )
    print(f"The kiosk under Xvfb at {SIZE[0]}x{SIZE[1]} for {minutes:g} min, a sample every {SAMPLE} s\n")
    print(
        table(
            ("memory", "first MiB", f"at {since:g} min", "last MiB", "max MiB", f"MiB/h after {since:g} min"),
            rows,
        )
    )
    plot(samples, since, outdir / "soak.png")
    print(f"\nWrote {outdir / 'soak.csv'} and {outdir / 'soak.png'}")


if __name__ == "__main__":
    main(sys.argv[1:])
