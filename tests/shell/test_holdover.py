"""A change of source keeps the last board up until the new sources read."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.core.model import Latest, Reading, Schedule
from kiosk.shell.holdover import HoldOver

OLD = Latest(reading=Reading("json", Schedule()), fetched_at=datetime(2026, 12, 5, 9, tzinfo=UTC))


def test_nothing_held_shows_the_sources_as_they_are() -> None:
    empty = Latest(error="unreachable")
    assert HoldOver().shown(empty) is empty


def test_the_old_reading_stays_until_the_new_sources_have_one() -> None:
    hold = HoldOver()
    hold.hold(OLD)
    failing = Latest(error="unreachable")
    shown = hold.shown(failing)
    assert shown.reading is OLD.reading and shown.fetched_at == OLD.fetched_at
    assert shown.error == "unreachable", "the new address's error is beside the old board"
    assert hold.shown(failing) is shown, "the same object while nothing changes: no redraw"
    fresh = Latest(reading=Reading("csv", Schedule()))
    assert hold.shown(fresh) is fresh
    assert hold.shown(failing) is failing, "once the new sources read, nothing is held any more"
