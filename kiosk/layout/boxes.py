"""What a page is made of: boxes with text already fitted, and what one page shows (a View)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from kiosk.board.timeline import Board
from kiosk.config import Config
from kiosk.core.model import Alert
from kiosk.sides.updates import Post
from kiosk.sides.votes import Counted

Colour = tuple[int, int, int]
Rect = tuple[int, int, int, int]  # x, y, width, height in pixels
Kind = Literal["panel", "text", "qr", "progress", "dots", "logo"]
Style = Literal["regular", "bold"]
Align = Literal["left", "center", "right"]

BASELINE = 0.78  # where the baseline sits in a line, as a share of the line height
TAIL = 0.3  # room under a text box's last line, in font sizes, for deep descenders (Telugu, Tamil)


class Measure(Protocol):
    """What layout needs from the fonts: the width of one line of text."""

    def width(self, text: str, style: str, size: int) -> int: ...


@dataclass(frozen=True, slots=True)
class Box:
    """One thing drawn on a page.

    - ``panel``: a rounded rectangle filled with ``fill`` (``colour`` draws a border when ``border``).
    - ``text``: ``lines`` at ``size`` pixels in ``style``, one every ``line_height`` pixels, each
      already fitted to the box's width; ``strike`` draws a line through them.
    - ``qr``: a QR code of ``payload`` (dark ``colour`` on light ``fill``), centred in the box.
    - ``progress``: a bar filled to ``value`` (0..1) in ``colour`` over a ``fill`` track.
    - ``dots``: ``count`` page dots, the one at index ``value`` in ``colour``, the rest in ``fill``.
    - ``logo``: the image file ``payload`` scaled into the box.
    """

    kind: Kind
    rect: Rect
    colour: Colour = (0, 0, 0)
    fill: Colour | None = None
    lines: tuple[str, ...] = ()
    style: Style = "regular"
    size: int = 0
    line_height: int = 0
    align: Align = "left"
    strike: bool = False
    radius: int = 0
    border: int = 0
    value: float = 0.0
    count: int = 0
    payload: str = ""


@dataclass(frozen=True, slots=True)
class Layout:
    size: tuple[int, int]
    background: Colour
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class View:
    """Everything one page shows. ``page``: "now", "today" or "propose"; ``part``: the sub-page of
    "today" when the day does not fit; ``shift``: a small offset against burn-in, applied to every box;
    ``alert``: an urgent message that every page gives way to."""

    config: Config
    board: Board
    footer: str
    footer_stale: bool
    warnings: tuple[str, ...]
    page: str
    part: int = 0
    page_number: int = 1
    page_count: int = 1
    shift: tuple[int, int] = (0, 0)
    alert: Alert | None = None  # takes over every page while set
    updates: tuple[Post, ...] = ()  # the organisers' recent posts, newest first
    votes: Counted | None = None  # the tally of [vote] results, once read
