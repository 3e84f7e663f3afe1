"""Where the drawing loop and the remote's threads meet, without the loop ever waiting on them.

The loop publishes immutable values (its facts and the sources' copy it drew from), drains a queue of
commands at each step and, only when a screenshot was asked for, copies the screen's pixels once
per frame. The remote's threads read those values, queue commands and wait for a copy; the poller
reports each fetch attempt. Counters only ever grow; a lock guards the few that two threads touch.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pygame

from kiosk.core.model import Latest
from kiosk.shell.status import Facts

REFRESH = "refresh"
NEXT_PAGE = "next"
COMMANDS = (REFRESH, NEXT_PAGE)


@dataclass(frozen=True, slots=True)
class Seen:
    """What the loop last published: its own facts and the sources' copy its frame was drawn from."""

    facts: Facts
    latest: Latest


@dataclass(frozen=True, slots=True)
class Capture:
    """The screen's pixels as RGB bytes, as turned on the panel (``rotate`` degrees clockwise)."""

    frame: int  # the loop's frame count when it was taken
    size: tuple[int, int]  # of the panel, before the turn is undone
    rotate: int
    pixels: bytes


@dataclass(frozen=True, slots=True)
class Counts:
    page_turns: int
    display_lost: int
    display_regained: int
    fetch_attempts: int
    fetch_failures: dict[str, int]


class Link:
    def __init__(self) -> None:
        self._seen: Seen | None = None
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._wanted = threading.Event()
        self._captured = threading.Condition()
        self._capture: Capture | None = None
        self._lock = threading.Lock()
        self._page_turns = 0
        self._lost = 0
        self._regained = 0
        self._attempts = 0
        self._failures: Counter[str] = Counter()
        self._last_attempt: Latest | None = None
        # Ends the loop's wait (``kiosk.shell.waiting``): set by the loop, called from other threads.
        self.wake: Callable[[], None] = lambda: None

    # --- the drawing loop's side: nothing here blocks ---------------------------------------

    def publish(self, facts: Facts, latest: Latest) -> None:
        before = self._seen
        if before is not None and before.facts.page != facts.page:
            self._page_turns += 1
        self._seen = Seen(facts, latest)

    def commands(self) -> Iterator[str]:
        """The commands queued since the last step, oldest first."""
        while True:
            try:
                yield self._commands.get_nowait()
            except queue.Empty:
                return

    @property
    def capture_wanted(self) -> bool:
        return self._wanted.is_set()

    def capture(self, surface: pygame.Surface, frame: int, rotate: int) -> None:
        """Copy the screen's pixels for the remote's threads (call it only when ``capture_wanted``)."""
        pixels = pygame.image.tobytes(surface, "RGB")
        with self._captured:
            if self._wanted.is_set():
                self._wanted.clear()
                self._capture = Capture(frame, surface.get_size(), rotate, pixels)
                self._captured.notify_all()

    def display_lost(self) -> None:
        self._lost += 1

    def display_regained(self) -> None:
        self._regained += 1

    # --- the poller's side ------------------------------------------------------------------

    def observe(self, latest: Latest) -> None:
        """The poller's ``on_change``: one call per copy it hands over, so per attempt or cached copy."""
        self.wake()
        if latest.checked_at is None:
            return  # the cached copy shown at start, not an attempt
        with self._lock:
            if self._last_attempt is not None and latest.checked_at == self._last_attempt.checked_at:
                return
            self._last_attempt = latest
            self._attempts += 1
            if latest.error is not None:
                self._failures[latest.error_kind or "unknown"] += 1

    # --- the remote's side ------------------------------------------------------------------

    def seen(self) -> Seen | None:
        return self._seen

    def ask(self, command: str) -> None:
        if command not in COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        self._commands.put(command)
        self.wake()

    def counts(self) -> Counts:
        with self._lock:
            failures, attempts = dict(self._failures), self._attempts
        return Counts(self._page_turns, self._lost, self._regained, attempts, failures)

    def take_capture(self, timeout: float) -> Capture | None:
        """Ask the loop for a copy of the screen and wait for its next step to make one; the copy is
        handed over, not kept. None if none came within ``timeout`` seconds (no display, say).
        One caller at a time: the remote serialises screenshots and keeps the pictures it made."""
        with self._captured:
            self._capture = None
            self._wanted.set()
            self.wake()
            self._captured.wait_for(lambda: self._capture is not None, timeout)
            self._wanted.clear()
            capture, self._capture = self._capture, None
            return capture
