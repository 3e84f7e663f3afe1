"""The off-hours page: outside ``[display]`` hours a very dark screen with one small line saying when
Open Spaces resume, or plain black with ``blank = true``. It costs the panel almost nothing and
wakes by itself at ``[display] on``. It is laid out (``kiosk.layout.offhours``) and drawn like every
other page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.board import display_hours as hours
from kiosk.board.timeline import Board
from kiosk.config import Config

DIM = 0.3  # the theme's colours at under a third of their brightness


@dataclass(frozen=True, slots=True)
class OffHours:
    text: str  # empty when the screen is blank
    background: tuple[int, int, int]
    colour: tuple[int, int, int]
    shift: tuple[int, int]


def off_hours(config: Config, board: Board, now: datetime) -> OffHours:
    if config.display.blank:
        return OffHours(text="", background=(0, 0, 0), colour=(0, 0, 0), shift=(0, 0))
    wake = hours.wake_at(config.display, now)
    return OffHours(
        text=hours.resume_text(now, hours.next_start(board, now), wake, config.words),
        background=_dim(config.theme.background, DIM / 2),
        colour=_dim(config.theme.muted, DIM),
        shift=hours.burn_in_shift(now),
    )


def _dim(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    r, g, b = (round(c * factor) for c in colour)
    return (r, g, b)
