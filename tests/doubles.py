"""Stand-ins tests give the kiosk: clocks moved by hand and a source that never fetches."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.model import Latest
from kiosk.fetch.poller import Poller

TZ = ZoneInfo("Asia/Kolkata")
T0 = datetime(2026, 12, 5, 11, 0, 5, tzinfo=TZ)


class Clocks:
    """The event's wall clock and the monotonic clock, moved by the test: the one clock double.

    Pass the object itself where a wall clock is taken (it is callable) and ``monotonic`` where a
    monotonic one is. ``advance`` is time passing (both move); ``step`` sets the wall clock alone, as NTP,
    a person or a board booting in 1970 does. ``true_now`` is the true time: ``true`` (the wall clock's
    start unless told) plus what the monotonic clock has counted since.
    """

    def __init__(self, now: datetime = T0, tick: float = 1000.0, true: datetime | None = None) -> None:
        self.now, self.tick = now, tick
        self._start = (true or now, tick)

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.tick

    def advance(self, seconds: float = 60) -> datetime:
        self.now += timedelta(seconds=seconds)
        self.tick += seconds
        return self.now

    def step(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def true_now(self) -> datetime:
        true, tick = self._start
        return true + timedelta(seconds=self.tick - tick)


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


class Driven:
    """The kiosk's real poller without its thread: the cache on start, a fetch when the test says."""

    def __init__(self, poller: Poller) -> None:
        self.poller = poller

    def start(self) -> None:
        self.poller.load_cached()

    def latest(self) -> Latest:
        return self.poller.latest()

    def refresh(self) -> None:
        self.poller.poll_once()

    def stop(self, timeout: float = 5.0) -> None:
        pass
