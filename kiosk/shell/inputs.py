"""What the keyboard, the window and the remote ask of the loop, as the loop's own actions.

Keys: → and ← turn the page, space pauses the rotation, r fetches now, q or Esc quits; the remote's
buttons do what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum

import pygame

from kiosk.shell.remote.link import NEXT_PAGE, REFRESH


class Action(Enum):
    CLOSED = "window closed"
    QUIT = "quit from the keyboard"
    NEXT = "next page"
    PREVIOUS = "previous page"
    PAUSE = "pause or resume"
    REFRESH = "refresh"
    RELAYOUT = "lay out afresh"  # the surface changed size, or needs painting again


KEYS = {
    pygame.K_q: Action.QUIT,
    pygame.K_ESCAPE: Action.QUIT,
    pygame.K_RIGHT: Action.NEXT,
    pygame.K_LEFT: Action.PREVIOUS,
    pygame.K_SPACE: Action.PAUSE,
    pygame.K_r: Action.REFRESH,
}
REMOTE = {NEXT_PAGE: Action.NEXT, REFRESH: Action.REFRESH}
RESIZE_EVENTS = frozenset(
    {
        pygame.VIDEORESIZE,
        pygame.VIDEOEXPOSE,
        pygame.WINDOWSIZECHANGED,
        pygame.WINDOWEXPOSED,
        pygame.WINDOWRESTORED,
        pygame.WINDOWDISPLAYCHANGED,
    }
)


def actions(events: Iterable[pygame.event.Event]) -> Iterator[Action]:
    """SDL's events as actions, in the order they came; events that ask nothing are passed over."""
    for event in events:
        if event.type == pygame.QUIT:
            yield Action.CLOSED
        elif event.type == pygame.KEYDOWN:
            action = KEYS.get(event.key)
            if action is not None:
                yield action
        elif event.type in RESIZE_EVENTS:
            yield Action.RELAYOUT


def remote_actions(commands: Iterable[str]) -> Iterator[Action]:
    """The remote page's commands as actions; a command the loop does not know is passed over."""
    for command in commands:
        action = REMOTE.get(command)
        if action is not None:
            yield action
