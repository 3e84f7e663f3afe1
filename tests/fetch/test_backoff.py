"""How long the poller waits after each kind of outcome."""

from __future__ import annotations

import random

import pytest

from kiosk.fetch import backoff
from kiosk.fetch.backoff import CAP_SECONDS, SLOW_SECONDS, next_delay
from kiosk.fetch.fetched import Failure


@pytest.mark.parametrize(
    ("outcome", "failures", "poll", "retry_after", "low", "high"),
    [
        (backoff.Outcome.OK, 0, 60, None, 60, 60),
        (backoff.Outcome.OK, 0, 30, 500, 500, 500),  # a spent rate limit: wait for its reset
        (backoff.Outcome.UNREADABLE, 3, 60, None, 60, 60),
        (backoff.Outcome.EMPTY, 1, 60, None, 60, 60),
        (Failure.FILE, 4, 30, None, 30, 30),
        (Failure.TIMEOUT, 1, 60, None, 60, 60),
        (Failure.TIMEOUT, 2, 60, None, 60, 120),
        (Failure.REFUSED, 3, 60, None, 60, 240),
        (Failure.DNS, 4, 60, None, 60, 480),
        (Failure.SERVER, 5, 60, None, 60, CAP_SECONDS),
        (Failure.CONNECTION, 50, 60, None, 60, CAP_SECONDS),
        (Failure.SERVER, 1, 60, 120, 120, 120),
        (Failure.RATE_LIMITED, 1, 60, 10, 60, 60),
        (Failure.RATE_LIMITED, 1, 60, 86_400, CAP_SECONDS, CAP_SECONDS),
        (Failure.RATE_LIMITED, 2, 60, None, 60, 120),
        (Failure.AUTH, 1, 60, None, 60, 60),
        (Failure.AUTH, 2, 60, None, 120, 120),
        (Failure.AUTH, 3, 60, None, 240, 240),
        (Failure.AUTH, 4, 60, None, SLOW_SECONDS, SLOW_SECONDS),
        (Failure.NOT_FOUND, 9, 30, None, SLOW_SECONDS, SLOW_SECONDS),
        (Failure.TOO_LARGE, 1, 60, None, 60, 60),
        (Failure.REDIRECTS, 1, 600, None, 600, 600),
        (Failure.TIMEOUT, 9, 3600, None, 3600, 3600),
    ],
)
def test_next_delay(
    outcome: backoff.Kind, failures: int, poll: float, retry_after: float | None, low: float, high: float
) -> None:
    rng = random.Random(7)
    delays = [next_delay(outcome, failures, poll, rng, retry_after) for _ in range(200)]
    assert all(low <= delay <= high for delay in delays)


def test_backing_off_is_jittered() -> None:
    rng = random.Random(7)
    delays = {round(next_delay(Failure.TIMEOUT, 4, 60, rng), 3) for _ in range(50)}
    assert len(delays) > 40
    assert max(delays) > 300 and min(delays) < 200


def test_every_kind_has_exactly_one_way_of_waiting() -> None:
    kinds = [*backoff.Outcome, *Failure]
    groups = (backoff.TRANSIENT, backoff.CONFIGURATION, backoff.AT_CADENCE)
    assert sorted(len([group for group in groups if kind in group]) for kind in kinds) == [1] * len(kinds)
