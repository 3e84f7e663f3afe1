"""Waiting between turns of the loop without waking in between.

Under X11 and Wayland, SDL waits on the display connection itself (``SDL_WaitEventTimeout``): the
loop sleeps until the next thing due, a key, the window, or a wake-up posted by another thread (a new
copy of the sources, a button on the remote). ``pygame.event.wait`` cannot be used for this: it polls
SDL's queue every millisecond. Other drivers (kmsdrm, the dummy one) have no such wait in SDL, which
would poll too, so there the loop sleeps in slices and looks at the keyboard between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import time
from collections.abc import Callable

import pygame

from kiosk.shell import sdl

WAITING_DRIVERS = frozenset({"x11", "wayland"})
SLICE = 0.25  # longest sleep between looks at the keyboard and the window, where SDL cannot wait
# Longest wait on SDL: the config file is still looked at this often (an edit needs no signal).
LONGEST_WAIT = 2.0


WaitEventTimeout = Callable[[ctypes.c_void_p | None, int], int]


class Waiter:
    def __init__(self) -> None:
        self._wait: WaitEventTimeout | None = None
        self._wake_type: int | None = None

    @property
    def longest(self) -> float:
        """The longest the loop waits while the screen is on."""
        return LONGEST_WAIT if self._wait is not None else SLICE

    def open(self) -> None:
        """Wait on SDL from now on if the display's driver can; call it once the display is open."""
        if self._wait is None and pygame.display.get_driver() in WAITING_DRIVERS:
            self._wait = _sdl_wait_event_timeout()
            if self._wait is not None:
                self._wake_type = pygame.event.custom_type()

    def wait(self, seconds: float) -> None:
        if self._wait is None:
            time.sleep(seconds)
            return
        # A NULL event: return when one is queued, leaving it for the loop's pygame.event.get().
        self._wait(None, max(1, round(seconds * 1000)))

    def wake(self) -> None:
        """End the wait now; any thread may call it (SDL_PushEvent is thread-safe)."""
        if self._wake_type is None:
            return
        # A closed display (the loop has ended) has nothing to wake.
        with contextlib.suppress(pygame.error):
            pygame.event.post(pygame.event.Event(self._wake_type))


def _sdl_wait_event_timeout() -> WaitEventTimeout | None:
    """``SDL_WaitEventTimeout`` of the SDL library pygame loaded (the same copy: its event queue)."""
    path = sdl.library_path()
    if path is None:
        return None
    try:
        function = ctypes.CDLL(path).SDL_WaitEventTimeout
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p, ctypes.c_int]
    function.restype = ctypes.c_int
    return function
