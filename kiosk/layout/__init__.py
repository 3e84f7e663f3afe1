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
from kiosk.layout.now import now_page
from kiosk.layout.propose import propose_page
from kiosk.layout.rooms import rooms_page, rooms_parts
from kiosk.layout.today import today_page, today_parts
from kiosk.layout.updates import updates_page
from kiosk.layout.vote import vote_page, vote_parts

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


def page_parts(page: str, board: Board, size: tuple[int, int], fonts: Measure) -> int:
    """How many sub-pages ``page`` needs at ``size``: more than one for a long day on "today" or "rooms",
    or for many proposals on "vote"."""
    if page == "today":
        return today_parts(board, size, fonts)
    if page == "rooms":
        return rooms_parts(board, size, fonts)
    if page == "vote":
        return vote_parts(board, size, fonts)
    return 1


def layout(view: View, size: tuple[int, int], fonts: Measure) -> Layout:
    """The boxes of ``view.page`` at ``size`` (unknown pages show "now"), shifted by ``view.shift``."""
    canvas = Canvas(view, size, fonts)
    content = chrome(canvas)
    if view.alert is not None:
        alert_page(canvas, content, view.alert)
    elif view.page == "today":
        today_page(canvas, content)
    elif view.page == "vote":
        vote_page(canvas, content)
    elif view.page == "propose":
        propose_page(canvas, content)
    elif view.page == "updates":
        updates_page(canvas, content)
    elif view.page == "rooms":
        rooms_page(canvas, content)
    else:
        now_page(canvas, content)
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
