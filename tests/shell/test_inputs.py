"""SDL's events and the remote's commands as the loop's actions."""

from __future__ import annotations

import pygame

from kiosk.shell.inputs import Action, actions, remote_actions
from kiosk.shell.remote.link import NEXT_PAGE, REFRESH


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code)


def test_keys_window_and_resizes_become_actions_in_their_order() -> None:
    events = [
        key(pygame.K_RIGHT),
        pygame.event.Event(pygame.WINDOWSIZECHANGED),
        key(pygame.K_a),  # asks nothing
        key(pygame.K_LEFT),
        key(pygame.K_SPACE),
        key(pygame.K_r),
        key(pygame.K_ESCAPE),
        key(pygame.K_q),
        pygame.event.Event(pygame.QUIT),
        pygame.event.Event(pygame.MOUSEMOTION, pos=(1, 1)),
    ]
    assert list(actions(events)) == [
        Action.NEXT,
        Action.RELAYOUT,
        Action.PREVIOUS,
        Action.PAUSE,
        Action.REFRESH,
        Action.QUIT,
        Action.QUIT,
        Action.CLOSED,
    ]


def test_the_remote_does_what_the_keys_do_and_nothing_else() -> None:
    assert list(remote_actions([NEXT_PAGE, "reboot", REFRESH])) == [Action.NEXT, Action.REFRESH]
