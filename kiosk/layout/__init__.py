"""Pages as boxes with their text already fitted: pure functions of a View, a size and the fonts' widths.

``layout(view, size, fonts)`` is everything a page shows at one screen size; ``render`` only draws it.
Measuring needs fonts (``kiosk.render.fonts.Fonts``) but nothing here draws, so layout is tested at
every screen size without a display.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.board.timeline import Board
from kiosk.layout.alert import alert_page
from kiosk.layout.boxes import BASELINE, TAIL, Align, Box, Colour, Layout, Measure, Rect, View
from kiosk.layout.canvas import Canvas, chrome
from kiosk.layout.pages import page

__all__ = [
    "BASELINE",
    "TAIL",
    "Box",
    "Colour",
    "Layout",
    "Measure",
    "Rect",
    "View",
    "layout",
    "page_parts",
]


def page_parts(name: str, board: Board, size: tuple[int, int], fonts: Measure) -> int:
    """How many sub-pages the page needs at ``size``: more than one for a long day on "today" or "rooms",
    or for many proposals on "vote"."""
    return page(name).parts(board, size, fonts)


def layout(view: View, size: tuple[int, int], fonts: Measure) -> Layout:
    """The boxes of ``view.page`` at ``size`` (unknown pages show "now"), shifted by ``view.shift``."""
    canvas = Canvas(view, size, fonts)
    content = chrome(canvas)
    if view.alert is not None:
        alert_page(canvas, content, view.alert)
    else:
        page(view.page).draw(canvas, content)
    dx, dy = view.shift
    boxes = canvas.boxes
    if canvas.words.rtl:
        boxes = [mirrored(box, size[0]) for box in boxes]
    if dx or dy:
        boxes = [_moved(box, dx, dy) for box in boxes]
    return Layout(size=size, background=view.config.theme.background, boxes=tuple(boxes))


_FLIPPED: dict[str, Align] = {"left": "right", "right": "left", "center": "center"}


def mirrored(box: Box, width: int) -> Box:
    """``box`` as a right-to-left page has it: at the mirrored place, aligned to the other side (a
    progress bar fills from the right, page dots count from the right)."""
    x, y, w, h = box.rect
    return replace(box, rect=(width - x - w, y, w, h), align=_FLIPPED[box.align])


def _moved(box: Box, dx: int, dy: int) -> Box:
    x, y, w, h = box.rect
    return replace(box, rect=(x + dx, y + dy, w, h))
