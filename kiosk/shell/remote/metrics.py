"""Prometheus metrics, read from the link when scraped: nothing is counted twice or kept in step.

The kiosk's own counters live in the link (plain integers the loop and the poller bump); this
collector turns them and the sources' last published copy into metric families at scrape time, and
prometheus_client's process collector adds memory, CPU and open files.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry, ProcessCollector, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from kiosk import __version__
from kiosk.shell.power import OFF
from kiosk.shell.remote.link import Link

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class KioskCollector(Collector):
    def __init__(self, link: Link, clock: Callable[[], datetime]) -> None:
        self._link = link
        self._clock = clock

    def collect(self) -> Iterator[Metric]:
        seen, counts = self._link.seen(), self._link.counts()
        yield InfoMetricFamily("kiosk_build", "The kiosk's version.", value={"version": __version__})
        if seen is not None:
            facts, now = seen.facts, self._clock()
            latest = seen.latest.as_of(now, time.monotonic())
            reading = latest.reading
            fetched = latest.fetched_at
            yield _gauge(
                "kiosk_schedule_age_seconds",
                "Seconds since the schedule on screen was fetched (+Inf before any schedule was read).",
                (now - fetched).total_seconds() if fetched else math.inf,
            )
            yield _gauge(
                "kiosk_last_fetch_success_timestamp_seconds",
                "When the schedule on screen was fetched, in Unix time (0 before any was read).",
                fetched.timestamp() if fetched else 0.0,
            )
            yield _gauge(
                "kiosk_fetch_consecutive_failures",
                "Failed fetches since the last good one.",
                latest.failures,
            )
            yield _gauge(
                "kiosk_sessions",
                "Sessions in the schedule.",
                len(reading.schedule.sessions) if reading else 0,
            )
            yield _gauge(
                "kiosk_problems",
                "Rows of the schedule skipped as unreadable.",
                len(reading.problems) if reading else 0,
            )
            if latest.clock_skew is not None:
                yield _gauge(
                    "kiosk_clock_skew_seconds",
                    "The schedule server's clock minus the kiosk's, from the HTTP Date header.",
                    latest.clock_skew,
                )
            yield _gauge(
                "kiosk_screen_on", "1 within the screen hours, 0 outside them.", int(facts.screen_on)
            )
            yield _counter("kiosk_frames_drawn", "Pages drawn on the screen.", facts.frames)
            power = facts.power
            yield _gauge(
                "kiosk_screen_powered_off",
                "1 while [display] power has switched the screen off by schedule, else 0.",
                int(power.state == OFF),
            )
            yield InfoMetricFamily(
                "kiosk_screen_power",
                "The screen's power: on, off by schedule, or the off-hours page on a lit screen; and how.",
                value={"state": power.state, "method": power.method},
            )
            yield _counter(
                "kiosk_screen_power_failures",
                "Failed attempts to switch the screen off or on.",
                power.failures,
            )
        yield _counter("kiosk_page_turns", "Changes of the page on screen.", counts.page_turns)
        yield _counter("kiosk_display_lost", "Times the display went away.", counts.display_lost)
        yield _counter("kiosk_display_regained", "Times a lost display came back.", counts.display_regained)
        yield _counter("kiosk_fetch_attempts", "Attempts to fetch the schedule.", counts.fetch_attempts)
        failures = CounterMetricFamily(
            "kiosk_fetch_failures", "Failed attempts to fetch the schedule, by kind.", labels=["kind"]
        )
        for kind, count in sorted(counts.fetch_failures.items()):
            failures.add_metric([kind], count)
        yield failures


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _counter(name: str, documentation: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, documentation, value=value)


class Metrics:
    """The registry for one kiosk: its collector and the process collector."""

    def __init__(self, link: Link, clock: Callable[[], datetime]) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(KioskCollector(link, clock))
        ProcessCollector(registry=self.registry)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
