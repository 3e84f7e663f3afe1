"""How long the poller waits before the next attempt, chosen by what happened on the last one."""

from __future__ import annotations

import random
from enum import StrEnum

from kiosk.fetch.fetched import Failure


class Outcome(StrEnum):
    """What the poller made of an attempt that fetched something (a failed fetch is a ``Failure``)."""

    OK = "ok"
    UNREADABLE = "unreadable"  # the bytes are not a schedule
    EMPTY = "empty"  # a schedule without sessions, where there were some


Kind = Outcome | Failure

CAP_SECONDS = 15 * 60.0
SLOW_SECONDS = 5 * 60.0

# The network or the server is having a moment: back off with jitter so a room full of kiosks (or
# one kiosk after a Wi-Fi drop) does not hammer the server in step.
TRANSIENT: frozenset[Kind] = frozenset(
    {Failure.DNS, Failure.REFUSED, Failure.TIMEOUT, Failure.CONNECTION, Failure.TLS, Failure.SERVER}
    | {Failure.TRUNCATED, Failure.RATE_LIMITED}
)
# Only the facilitator can fix these (a private sheet, a wrong address). They often do so at once,
# having just seen the board complain: the first retry comes at the usual cadence, then the wait
# doubles up to ``SLOW_SECONDS``, so a source left broken costs the server little.
CONFIGURATION: frozenset[Kind] = frozenset(
    {Failure.AUTH, Failure.NOT_FOUND, Failure.HTTP, Failure.REDIRECTS, Failure.TOO_LARGE}
)
# Success, a file that could not be read, or a response that did not parse: the facilitator may fix
# the schedule any minute, and a retry costs the server one conditional request.
AT_CADENCE: frozenset[Kind] = frozenset({*Outcome, Failure.FILE, Failure.UNSUPPORTED})


def next_delay(
    outcome: Kind,
    failures: int,
    poll_seconds: float,
    rng: random.Random,
    retry_after: float | None = None,
) -> float:
    """Seconds until the next attempt after ``outcome``.

    ``failures`` counts consecutive failed attempts including this one. A server's ``Retry-After``
    (or, after a success, the reset of a spent rate limit) is honoured but never shortens the
    normal cadence and never exceeds the cap.
    """
    cap = max(CAP_SECONDS, poll_seconds)
    if retry_after is not None:
        # After a success this is a spent rate limit: the next poll waits for it to reset.
        return min(cap, max(poll_seconds, retry_after))
    if outcome in TRANSIENT:
        ceiling = min(cap, poll_seconds * 2.0 ** max(0, failures - 1))
        return rng.uniform(poll_seconds, ceiling)
    if outcome in CONFIGURATION:
        return min(max(SLOW_SECONDS, poll_seconds), poll_seconds * 2.0 ** max(0, failures - 1))
    return poll_seconds
