"""Stand-ins the loop tests give the kiosk: clocks moved by hand and a source that never fetches."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.model import Latest

TZ = ZoneInfo("Asia/Kolkata")
T0 = datetime(2026, 12, 5, 11, 0, 5, tzinfo=TZ)


class Clocks:
    """The event clock and the monotonic clock, moved together by the test."""

    def __init__(self, now: datetime = T0) -> None:
        self.now, self.tick = now, 1000.0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.tick += seconds


class FixedSource:
    """A source whose latest copy is whatever the test put there; counts refreshes."""

    def __init__(self, latest: Latest) -> None:
        self.snap = latest
        self.refreshed = 0
        self.stopped = False

    def start(self) -> None:
        pass

    def latest(self) -> Latest:
        return self.snap

    def refresh(self) -> None:
        self.refreshed += 1

    def stop(self, timeout: float = 5.0) -> None:
        self.stopped = True
