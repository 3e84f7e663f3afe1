"""The status file: what the kiosk is doing, as JSON in the cache dir, for a look over SSH.

It is written at start and once a minute, atomically (a temporary file renamed over the old one),
so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import resource
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.core.model import Latest
from kiosk.fetch.cache import write_atomically
from kiosk.shell.power import PowerState

FILE_NAME = "status.json"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the loop knows about itself, besides what its sources hold."""

    started: datetime
    page: str
    screen_on: bool
    frames: int
    size: tuple[int, int] | None
    warnings: tuple[str, ...] = ()
    power: PowerState = field(default_factory=PowerState)


def record(facts: Facts, latest: Latest, now: datetime, *, pid: int, rss: int | None) -> dict[str, Any]:
    reading = latest.reading
    age = (now - latest.fetched_at).total_seconds() if latest.fetched_at else None
    return {
        "version": __version__,
        "pid": pid,
        "updated": now.isoformat(timespec="seconds"),
        "started": facts.started.isoformat(timespec="seconds"),
        "uptime_seconds": round((now - facts.started).total_seconds()),
        "last_fetch": {
            "at": _iso(latest.checked_at),
            "result": "ok" if latest.error is None else latest.error,
            "failures": latest.failures,
            "from_cache": latest.from_cache,
        },
        "schedule_fetched_at": _iso(latest.fetched_at),
        "clock_skew_seconds": round(latest.clock_skew) if latest.clock_skew is not None else None,
        "schedule_age_seconds": round(age) if age is not None else None,
        "format": reading.format if reading else None,
        "sessions": len(reading.schedule.sessions) if reading else 0,
        "problems": len(reading.problems) if reading else 0,
        "page": facts.page,
        "screen_on": facts.screen_on,
        "screen_power": {
            "state": facts.power.state,
            "method": facts.power.method or None,
            "error": facts.power.error or None,
            "failures": facts.power.failures,
        },
        "frames_drawn": facts.frames,
        "memory_rss_bytes": rss,
        "display": {"width": facts.size[0], "height": facts.size[1]} if facts.size else None,
        "warnings": list(facts.warnings),
    }


def rss_bytes() -> int | None:
    """Memory in use now: resident pages from /proc, else the peak that getrusage knows (Linux: KiB)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak * 1024 if peak else None


def write(path: Path, data: dict[str, Any]) -> None:
    # Not flushed to the disk: it is rewritten each minute, and an SD card need not wear for it.
    write_atomically(path, (json.dumps(data, indent=2) + "\n").encode(), durable=False)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
