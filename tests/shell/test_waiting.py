"""The loop's wait: SDL's own wait on its event queue where the driver has one, else sleeping in slices."""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from kiosk.shell import waiting
from kiosk.shell.screen import Screen
from kiosk.shell.waiting import Waiter


def test_the_dummy_driver_sleeps_in_slices(open_screen: Callable[..., Screen]) -> None:
    open_screen()
    waiter = Waiter()
    waiter.open()
    assert waiter.longest == waiting.SLICE
    waiter.wake()  # nothing to wake: a no-op, not an error
    assert pygame.event.get(pygame.USEREVENT) == []


def test_sdl_is_found_in_the_library_pygame_loaded(open_screen: Callable[..., Screen]) -> None:
    open_screen()
    assert waiting._sdl_wait_event_timeout() is not None


def test_a_wake_up_from_another_thread_ends_the_wait_and_stays_queued(
    open_screen: Callable[..., Screen],
) -> None:
    """What X11 and Wayland do, through SDL's own wait (the dummy driver lets SDL poll instead)."""
    open_screen()
    pygame.event.get()
    waiter = Waiter()
    waiter._wait = waiting._sdl_wait_event_timeout()
    waiter._wake_type = pygame.event.custom_type()
    started = time.monotonic()
    waiter.wait(0.05)  # nothing queued: the timeout ends it
    assert time.monotonic() - started >= 0.04
    waiter.wake()
    started = time.monotonic()
    waiter.wait(30)
    assert time.monotonic() - started < 10, "a queued wake-up ends the wait at once"
    assert [event.type for event in pygame.event.get()] == [waiter._wake_type]


def test_a_wake_up_after_the_display_closed_is_no_error(open_screen: Callable[..., Screen]) -> None:
    screen = open_screen()
    waiter = Waiter()
    waiter._wait = waiting._sdl_wait_event_timeout()
    waiter._wake_type = pygame.event.custom_type()
    screen.close()
    waiter.wake()  # a poller's last copy, handed over as the kiosk stops
