"""The off-hours page's boxes: one dim line saying when Open Spaces resume, or nothing at all."""

from __future__ import annotations

from kiosk.board.display_hours import OffHours
from kiosk.layout.boxes import Box, Layout, Measure
from kiosk.layout.canvas import LOOSE, line_height, text_height
from kiosk.layout.fit import fit

SHARE = 30  # the line's type is a thirtieth of the screen's shorter side: readable, not lit up
LINES = 2


def off_hours_page(page: OffHours, size: tuple[int, int], measure: Measure) -> Layout:
    """Centred a little below the middle and moved with the burn-in cycle, like everything static."""
    if not page.text:
        return Layout(size=size, background=page.background, boxes=())
    width, height = size
    text_size = max(12, min(width, height) // SHARE)
    room = width * 9 // 10
    fitted = fit(measure, page.text, "regular", text_size, room, LINES, max(12, text_size * 2 // 3))
    step = line_height(fitted.size, LOOSE)
    dx, dy = page.shift
    box = Box(
        "text",
        (
            (width - room) // 2 + dx,
            height * 3 // 5 + dy,
            room,
            text_height(len(fitted.lines), fitted.size, LOOSE),
        ),
        colour=page.colour,
        lines=fitted.lines,
        size=fitted.size,
        line_height=step,
        align="center",
    )
    return Layout(size=size, background=page.background, boxes=(box,))
