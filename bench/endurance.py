"""A whole busy conference day through the screen loop, on an injected clock: does anything grow?

Method: the real ``kiosk.shell.app.Kiosk`` with SDL's ``dummy`` driver, a 1920x1080 window, a temporary
config (sessions every 30 min from 08:00 to 22:00 on two days, pages "now", "today", "propose"
rotating every 15 s with the 0.4 s crossfade, the status file written each minute to a temporary
cache dir) and a stand-in source that follows the app's Source protocol (start, latest, refresh,
stop). The stand-in publishes a new copy every poll (60 s of simulated time), as the poller
does; the schedule itself changes every CHANGE_EVERY: sessions are added, titles renamed (with
the version number, so the text and width caches keep meeting strings they have never seen) and
topics proposed. The network fails for three stretches (40 min, 2 h and 20 min): the latest copy keeps
the last good schedule with an error and a growing failure count, as the poller's would.

The simulated clock starts at 06:00 on the first day and runs HOURS hours. After each
``Kiosk.step()`` it moves on by what the step returned (the time until something could change)
but at least MIN_STEP (the crossfade's length) and at most MAX_STEP; a crossfade so takes two
frames, its first blend and the new page, instead of sixteen. Drawing happens only when the loop
decides the frame changed, as on the screen. At the end, IDLE_STEPS steps are taken with the
event clock standing still and the monotonic clock running on by the loop's idle slice: their mean
real time and the bytes of Python objects they leave behind (should be none) are shown.

Memory is read after the first simulated hour (the warm-up) and at every fourth hour, between
frames: a crossfade under way at the mark is stepped to its end first, since it holds the new page
(7.9 MiB at 1920x1080) and a sample taken inside one would count it as growth. Then, after
``gc.collect()``: ``tracemalloc``'s current size (Python objects; started at the beginning), the
process's RSS (``/proc/self/status``, which also counts SDL's pixels) less tracemalloc's own
bookkeeping, and the size of every cache the drawing path keeps (found with grep for lru_cache
and dict caches): rendered text lines and the KiB of their pixels, the layout cache, measured
widths, glyph coverage, opened fonts, QR matrices and surfaces, logos.

With ``--updates`` the config also has ``[updates]`` (a Bluesky account) and the ``updates`` page
in the rotation, and every poll's copy carries that feed's answer: twenty posts, a new one every
CHANGE_EVERY (versioned text, a few scripts and emoji, up to 500 characters), as
``getAuthorFeed`` would return them; the feed keeps its last answer through the outages.

    python bench/endurance.py [HOURS] [--updates]     # HOURS defaults to 24
"""

from __future__ import annotations

import gc
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MIB, table

from kiosk import config as config_module
from kiosk import render
from kiosk.core.model import PROPOSED, Document, Latest, Polled, Reading, Schedule, Session
from kiosk.render import qr
from kiosk.shell.app import IDLE_SLICE, Kiosk
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.screen import Screen

HOURS = 24
ZONE = ZoneInfo("Asia/Kolkata")
DAY = date(2026, 12, 5)
START = datetime(DAY.year, DAY.month, DAY.day, 6, tzinfo=ZONE)
SIZE = (1920, 1080)
POLL = timedelta(seconds=60)
CHANGE_EVERY = timedelta(minutes=4)
MIN_STEP, MAX_STEP = 0.4, 5.0
IDLE_STEPS = 1000
# Hours after the start (06:00) when the network is down, and for how long.
OUTAGES = (
    (timedelta(hours=3), timedelta(minutes=40)),
    (timedelta(hours=8), timedelta(hours=2)),
    (timedelta(hours=14), timedelta(minutes=20)),
)
TOPICS = (
    "Packaging in 2026",
    "Typing a legacy codebase",
    "Async without tears",
    "Rust for Pythonistas",
    "Teaching Python to kids",
    "Testing with Hypothesis",
    "Data pipelines that last",
    "Free-threaded Python",
    "हिंदी में पायथन",
    "తెలుగు పైథాన్ సమూహం",
    "தமிழ் பைத்தான் 🐍",
    "Maintainers' coffee ☕",
)
HOSTS = ("Asha", "Ravi", "Meena", "Jon", "Priya", "Kenji", "Fatima", "Lars")

CONFIG = """
[event]
name = "PyConf Open Spaces"
room = "H-103"
timezone = "Asia/Kolkata"
date = "{day}"

[source]
url = "http://127.0.0.1:9/schedule.json"
poll_seconds = 60

[slots]
start = "08:00"
end = "22:00"
minutes = 30

[propose]
url = "https://example.org/propose"

[pages]
order = ["now", "today", "propose"{updates_page}]
seconds = 15

[cache]
dir = "{cache}"
{updates}"""
UPDATES = """
[updates]
bluesky = ["pyconf.bsky.social"]
bluesky_api = "http://127.0.0.1:9"
"""
FEED = "updates from @pyconf.bsky.social"


class SimClock:
    def __init__(self, start: datetime) -> None:
        self.start = start
        self.elapsed = 0.0
        self.idled = 0.0  # seconds the monotonic clock ran on while the event clock stood still

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return 1000.0 + self.elapsed + self.idled


def schedule_version(version: int) -> Schedule:
    """The schedule as the facilitator has it after ``version`` edits: more sessions, new names."""
    rng = random.Random(version)
    sessions = []
    for day in (DAY, DAY + timedelta(days=1)):
        first = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE)
        for slot in range(28):
            filled = random.Random(slot).random() < 0.4 + version / 400
            if not filled:
                continue
            title = TOPICS[(slot + version // 10) % len(TOPICS)]
            if rng.random() < 0.3:
                title = f"{title} (take {version})"
            start = first + timedelta(minutes=30 * slot)
            sessions.append(
                Session(
                    title=title,
                    start=start,
                    end=start + timedelta(minutes=30),
                    host=HOSTS[(slot + version) % len(HOSTS)],
                    status=PROPOSED if rng.random() < 0.2 else "scheduled",
                )
            )
    return Schedule(sessions=tuple(sessions))


def feed_version(version: int, now: datetime) -> bytes:
    """A Bluesky author feed of the twenty latest posts, the newest ``version``."""
    items = []
    for number in range(version, max(-1, version - 20), -1):
        text = f"Update {number}: {TOPICS[number % len(TOPICS)]} " + "moves to H-104 " * (number % 30)
        at = (now - (version - number) * CHANGE_EVERY).astimezone(ZoneInfo("UTC"))
        items.append(
            {
                "post": {
                    "uri": f"at://did:plc:pyconf/app.bsky.feed.post/{number}",
                    "author": {
                        "did": "did:plc:pyconf",
                        "handle": "pyconf.bsky.social",
                        "displayName": "PyConf",
                    },
                    "record": {"text": text[:500], "createdAt": at.isoformat()},
                    "indexedAt": at.isoformat(),
                }
            }
        )
    return json.dumps({"feed": items}).encode()


class DaySource:
    """A stand-in for the poller: a new copy each simulated poll, failing during the outages."""

    def __init__(self, clock: SimClock, updates: bool = False) -> None:
        self.clock = clock
        self.updates = updates
        self._poll = -1
        self._latest = Latest()

    def start(self) -> None:
        pass

    def refresh(self) -> None:
        pass

    def stop(self, timeout: float = 5.0) -> None:
        pass

    def latest(self) -> Latest:
        elapsed = timedelta(seconds=self.clock.elapsed)
        poll = int(elapsed / POLL)
        if poll != self._poll:
            self._poll = poll
            self._latest = self._polled(self.clock.start + poll * POLL, elapsed)
        return self._latest

    def _polled(self, now: datetime, elapsed: timedelta) -> Latest:
        if any(start <= elapsed < start + length for start, length in OUTAGES) and self._latest.reading:
            previous = self._latest
            return replace(
                previous,
                checked_at=now,
                error="cannot reach 127.0.0.1: connection refused",
                failures=previous.failures + 1,
                offline_since=previous.offline_since or now,
            )
        version = int(elapsed / CHANGE_EVERY)
        reading = Reading("json", schedule_version(version))
        sides: tuple[tuple[str, Polled[Document]], ...] = ()
        if self.updates:
            sides = ((FEED, Polled(reading=Document(feed_version(version, now)), fetched_at=now)),)
        return Latest(reading=reading, fetched_at=now, checked_at=now, sides=sides)


@dataclass(frozen=True)
class Sample:
    hour: float
    frames: int
    traced: int
    rss: int  # less tracemalloc's own memory, which the kiosk does not have

    caches: dict[str, int]


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def cache_sizes() -> dict[str, int]:
    drawing = render.renderer()
    return {
        "text lines": len(drawing.text._lines),
        "text KiB": sum(s.get_pitch() * s.get_height() for s in drawing.text._lines.values()) // 1024,
        "layouts": len(drawing._layouts),
        "widths": len(drawing.fonts._widths),
        "coverage": len(drawing.fonts._covers),
        "fonts": len(drawing.fonts._fonts),
        "qr matrix": qr.matrix.cache_info().currsize,
        "qr surface": qr.surface.cache_info().currsize,
        "logo": render._logo.cache_info().currsize,
    }


def measure(clock: SimClock, kiosk: Kiosk) -> Sample:
    gc.collect()
    # RSS less tracemalloc's own bookkeeping, which the kiosk itself does not carry.
    own = rss() - tracemalloc.get_tracemalloc_memory()
    return Sample(clock.elapsed / 3600, kiosk.frames, tracemalloc.get_traced_memory()[0], own, cache_sizes())


def idle_steps(clock: SimClock, kiosk: Kiosk, count: int) -> tuple[float, int]:
    """Mean seconds per idle ``step()`` and bytes of Python objects they left behind.

    The event clock stands still (so nothing visible changes) while the monotonic clock runs on by
    the loop's idle slice each step, so the loop looks at the source and the config file as it
    does between page changes.
    """
    kiosk.step()
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    for _ in range(count):
        clock.idled += IDLE_SLICE
        kiosk.step()
    took = time.perf_counter() - started
    gc.collect()
    return took / count, tracemalloc.get_traced_memory()[0] - before


@dataclass(frozen=True)
class Result:
    samples: list[Sample]
    took: float  # real seconds for the simulated hours
    idle_step: float  # mean real seconds of one idle step
    idle_left: int  # bytes left behind by IDLE_STEPS idle steps


def simulate(hours: float, directory: Path, updates: bool = False) -> Result:
    """Run the loop for ``hours`` simulated hours, then IDLE_STEPS idle steps."""
    path = directory / "endurance.toml"
    path.write_text(
        CONFIG.format(
            day=DAY.isoformat(),
            cache=directory / "cache",
            updates_page=', "updates"' if updates else "",
            updates=UPDATES if updates else "",
        )
    )
    clock = SimClock(START)
    screen = Screen(windowed=True, size=SIZE)
    screen.open()
    tracemalloc.start()
    started = time.perf_counter()
    kiosk = Kiosk(
        LiveConfig(config_module.load(path)),
        screen,
        source_for=lambda _config: DaySource(clock, updates),
        clock=clock.now,
        monotonic=clock.monotonic,
    )
    samples = []
    marks = sorted({min(1.0, hours), *(h for h in range(4, int(hours) + 1, 4)), hours})
    for mark in marks:
        while clock.elapsed < mark * 3600 or kiosk._fade is not None:
            wait = kiosk.step()
            clock.elapsed += min(MAX_STEP, max(MIN_STEP, wait))
        samples.append(measure(clock, kiosk))
    took = time.perf_counter() - started
    idle_step, idle_left = idle_steps(clock, kiosk, IDLE_STEPS)
    tracemalloc.stop()
    kiosk.stop()
    screen.close()
    return Result(samples, took, idle_step, idle_left)


def main(argv: list[str]) -> None:
    updates = "--updates" in argv
    argv = [arg for arg in argv if arg != "--updates"]
    hours = float(argv[0]) if argv else HOURS
    with tempfile.TemporaryDirectory(prefix="kiosk-endurance-") as temp:
        result = simulate(hours, Path(temp), updates)
    samples, took = result.samples, result.took
    names = list(samples[0].caches)
    print(f"{hours:g} simulated hours at {SIZE[0]}x{SIZE[1]} in {took / 60:.1f} min of real time\n")
    print(
        table(
            ("hour", "frames", "traced MiB", "RSS MiB", *names),
            [
                (f"{r.hour:g}", r.frames, f"{r.traced / MIB:.2f}", f"{r.rss / MIB:.1f}", *r.caches.values())
                for r in samples
            ],
        )
    )
    warm, end = samples[0], samples[-1]
    print(
        f"\nafter warm-up (hour {warm.hour:g}) to the end: "
        f"traced {(end.traced - warm.traced) / MIB:+.2f} MiB, RSS {(end.rss - warm.rss) / MIB:+.1f} MiB, "
        f"{end.frames - warm.frames} frames drawn"
    )
    print(
        f"idle steps (nothing changing): {result.idle_step * 1e6:.0f} µs each, "
        f"{result.idle_left} bytes left behind by {IDLE_STEPS}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
