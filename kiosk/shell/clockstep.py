"""Noticing a step of the wall clock: NTP setting it at boot, or someone setting it by hand.

Between two turns of the loop the wall clock and the monotonic clock move alike; when the wall
clock gains or loses more than ``CLOCK_STEP`` on the monotonic one, it was stepped.
"""

from __future__ import annotations

from datetime import datetime

CLOCK_STEP = 2.0  # seconds the wall clock may gain or lose on the monotonic one between turns


class ClockWatch:
    def __init__(self, now: datetime, tick: float) -> None:
        self._seen = (now, tick)  # both clocks at the last turn

    def stepped(self, now: datetime, tick: float) -> float:
        """Seconds the wall clock stepped since the last turn (negative: back); 0.0 when it did not."""
        then, then_tick = self._seen
        self._seen = (now, tick)
        stepped = (now - then).total_seconds() - (tick - then_tick)
        return stepped if abs(stepped) > CLOCK_STEP else 0.0
