"""How long the poller waits before the next attempt, chosen by what happened on the last one."""

from __future__ import annotations

import random

from kiosk import fetch

OK = "ok"
UNREADABLE = "unreadable"
EMPTY = "empty"

CAP_SECONDS = 15 * 60.0
SLOW_SECONDS = 5 * 60.0

# The network or the server is having a moment: back off with jitter so a room full of kiosks (or
# one kiosk after a Wi-Fi drop) does not hammer the server in step.
TRANSIENT = frozenset(
    {fetch.DNS, fetch.REFUSED, fetch.TIMEOUT, fetch.CONNECTION, fetch.TLS, fetch.SERVER}
    | {fetch.TRUNCATED, fetch.RATE_LIMITED}
)
# Only the facilitator can fix these (a private sheet, a wrong address): retrying fast helps nobody.
CONFIGURATION = frozenset({fetch.AUTH, fetch.NOT_FOUND, fetch.HTTP, fetch.REDIRECTS, fetch.TOO_LARGE})


def next_delay(
    outcome: str,
    failures: int,
    poll_seconds: float,
    rng: random.Random,
    retry_after: float | None = None,
) -> float:
    """Seconds until the next attempt after ``outcome`` (``OK`` or a fetch or read failure's kind).

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
        return max(SLOW_SECONDS, poll_seconds)
    # Success, a file that could not be read, or a response that did not parse: the facilitator may
    # fix the schedule any minute, and a retry costs the server one conditional request.
    return poll_seconds
