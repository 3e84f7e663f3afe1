"""An urgent message in place of every page: large, in the warning colour, with when it was posted."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.model import Alert
from kiosk.layout.boxes import TAIL
from kiosk.layout.canvas import TIGHT, Area, Canvas, text_height
from kiosk.layout.widgets import hm

TEXT = 8.0  # units: read from across the hall
SMALLEST = 4.4  # units: a long message shrinks this far before it is cut


def alert_page(canvas: Canvas, content: Area, alert: Alert) -> None:
    theme, board = canvas.theme, canvas.view.board
    canvas.panel(content, theme.warning)
    inner = content.inset(canvas.px(4), canvas.px(3.6))
    words = canvas.words
    posted = (
        words("alert_posted", "Urgent · posted at {time}", time=hm(alert.posted, board))
        if alert.posted
        else words("alert", "Urgent")
    )
    # Laid out at the top of a probe, then moved down so that the message sits in the middle.
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    used = probe.label(inner, posted, theme.background, 3.4) + canvas.px(2.4)
    body = inner.below(used)
    lines = max(1, (body.h - round(canvas.px(SMALLEST) * TAIL)) // round(canvas.px(SMALLEST) * TIGHT))
    height = text_height(lines, canvas.px(SMALLEST), TIGHT)
    used += probe.text(
        body.top(height),
        alert.text,
        TEXT,
        theme.background,
        style="bold",
        lines=lines,
        min_units=SMALLEST,
        factor=TIGHT,
    )
    drop = max(0, (inner.h - used) * 2 // 5)  # a little above the middle, where the eye lands first
    canvas.boxes.extend(
        replace(box, rect=(box.rect[0], box.rect[1] + drop, *box.rect[2:])) for box in probe.boxes
    )
