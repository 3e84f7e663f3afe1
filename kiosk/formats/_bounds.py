"""How much of one schedule is read: a bound on entries, so that no file can take minutes or gigabytes.

A real day of Open Spaces has dozens of sessions and a large conference a few thousand; 20,000 is
the same bound the iCalendar reader puts on repeated sessions. Entries past it (sessions, rows,
events) are not read, and one problem says how many were left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import TypeVar

from kiosk.core.model import Problem

T = TypeVar("T")

MAX_ENTRIES = 20_000


def left_out(where: str, total: int, noun: str) -> Problem:
    """The one problem for the entries past ``MAX_ENTRIES`` of ``total``."""
    return Problem(
        where,
        f"only the first {MAX_ENTRIES:,} of {total:,} {noun} are read; the other {total - MAX_ENTRIES:,} "
        "are left out (is this the right schedule?)",
    )


def first_entries(entries: Callable[[], Iterable[T]], where: str, noun: str) -> tuple[list[T], list[Problem]]:
    """The first ``MAX_ENTRIES`` of ``entries()``, and the problem ``left_out`` gives when there are
    more (only then is ``entries`` called again, to count them all)."""
    listed = list(islice(entries(), MAX_ENTRIES + 1))
    if len(listed) <= MAX_ENTRIES:
        return listed, []
    return listed[:MAX_ENTRIES], [left_out(where, sum(1 for _ in entries()), noun)]
