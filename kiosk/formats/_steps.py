"""A counted allowance of work for a library call whose cost the input decides.

A repeat rule such as ``FREQ=SECONDLY`` with no end, or one that never matches, makes dateutil (under
recurring-ical-events) walk period after period, to the year 9999, without returning: nothing that
only looks at what the library yields can stop it. ``Steps`` counts the Python function calls made
while it is active, in this thread only (``sys.setprofile`` is per thread), and stops the work with
``OutOfSteps`` when the allowance is spent. The bound is a count, the same on any machine.
"""

from __future__ import annotations

import sys
from types import FrameType, TracebackType
from typing import Any


class OutOfSteps(BaseException):
    """The allowance is spent. A ``BaseException``, so that no ``except Exception`` in a library
    swallows it and goes on uncounted (the profiler stops counting once it has raised)."""


class Steps:
    """``with Steps(limit) as steps:`` runs its body with at most ``limit`` counted calls.

    ``steps.taken`` says how many were made; ``OutOfSteps`` leaves the block when they run out.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.taken = 0
        self._previous: Any = None

    def _count(self, frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            if self.taken >= self.limit:
                raise OutOfSteps
            self.taken += 1

    def __enter__(self) -> Steps:
        self._previous = sys.getprofile()
        sys.setprofile(self._count)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        sys.setprofile(self._previous)
