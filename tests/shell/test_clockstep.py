"""A step of the wall clock told apart from time passing (the loop then: tests/shell/test_clock_steps.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.shell.clockstep import CLOCK_STEP, ClockWatch

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def test_time_passing_on_both_clocks_is_no_step() -> None:
    watch = ClockWatch(T0, 100.0)
    assert watch.stepped(T0 + timedelta(seconds=60), 160.0) == 0.0
    assert watch.stepped(T0 + timedelta(seconds=60 + CLOCK_STEP), 160.0) == 0.0  # drift within bounds


def test_a_step_is_measured_from_the_last_turn_forward_and_back() -> None:
    watch = ClockWatch(T0, 100.0)
    assert watch.stepped(T0 + timedelta(hours=1, seconds=1), 101.0) == 3600.0
    assert watch.stepped(T0 + timedelta(seconds=2), 102.0) == -3600.0
