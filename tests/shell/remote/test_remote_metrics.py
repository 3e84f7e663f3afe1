"""What the link counts and the metrics say, driven step by step: attempts and failures by kind as the
poller reports them, page turns as the loop publishes, the display lost and regained.

``kiosk.shell.remote.metrics`` from the link the loop publishes to.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prometheus_client.parser import text_string_to_metric_families

from kiosk import __version__
from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.shell.remote.link import Link
from kiosk.shell.remote.metrics import Metrics
from kiosk.shell.status import Facts

NOW = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)


def samples(link: Link, now: datetime = NOW) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = Metrics(link, lambda: now).exposition().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def facts(page: str, frames: int) -> Facts:
    return Facts(started=NOW, page=page, screen_on=True, frames=frames, size=(1920, 1080))


def test_attempts_and_failures_by_kind_are_counted_once_each() -> None:
    link = Link()
    session = Session("Typing", NOW, NOW + timedelta(minutes=30))
    good = Latest(reading=Reading("json", Schedule(sessions=(session,))), fetched_at=NOW, checked_at=NOW)
    link.observe(Latest(reading=good.reading, fetched_at=NOW - timedelta(hours=1), from_cache=True))
    link.observe(good)
    link.observe(good)  # the same attempt heard twice
    later = NOW + timedelta(minutes=1)
    for minute, kind in enumerate(["timeout", "timeout", "server", "unreadable"], start=1):
        link.observe(
            Latest(
                reading=good.reading,
                fetched_at=NOW,
                checked_at=NOW + timedelta(minutes=minute),
                error="it failed",
                error_kind=kind,
                failures=minute,
            )
        )
    link.publish(facts("now", 1), good)
    found = samples(link, later)
    assert found[("kiosk_fetch_attempts_total", ())] == 5
    assert found[("kiosk_fetch_failures_total", (("kind", "timeout"),))] == 2
    assert found[("kiosk_fetch_failures_total", (("kind", "server"),))] == 1
    assert found[("kiosk_fetch_failures_total", (("kind", "unreadable"),))] == 1
    assert found[("kiosk_schedule_age_seconds", ())] == 60
    assert found[("kiosk_last_fetch_success_timestamp_seconds", ())] == NOW.timestamp()
    assert found[("kiosk_sessions", ())] == 1
    assert found[("kiosk_build_info", (("version", __version__),))] == 1


def test_page_turns_frames_and_the_display_are_counted() -> None:
    link = Link()
    latest = Latest()
    for frames, page in enumerate(["now", "now", "today (1/2)", "today (2/2)", "propose"], start=1):
        link.publish(facts(page, frames), latest)
    link.display_lost()
    link.display_lost()
    link.display_regained()
    found = samples(link)
    assert found[("kiosk_page_turns_total", ())] == 3
    assert found[("kiosk_frames_drawn_total", ())] == 5
    assert found[("kiosk_display_lost_total", ())] == 2
    assert found[("kiosk_display_regained_total", ())] == 1
    assert found[("kiosk_schedule_age_seconds", ())] == float("inf")  # no schedule was ever read


def test_before_the_first_frame_only_the_counters_and_the_version_are_there() -> None:
    found = samples(Link())
    assert ("kiosk_sessions", ()) not in found and ("kiosk_frames_drawn_total", ()) not in found
    assert found[("kiosk_fetch_attempts_total", ())] == 0
    assert found[("kiosk_build_info", (("version", __version__),))] == 1
