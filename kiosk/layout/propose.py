"""The ``propose`` page: the QR code big, how to propose in three steps, open slots and ideas."""

from __future__ import annotations

from kiosk.layout.canvas import LOOSE, TIGHT, Area, Canvas, text_height
from kiosk.layout.widgets import big_qr, open_slots, propose_text

IDEAS = 4  # at most; more would crowd the page


def propose_page(canvas: Canvas, content: Area) -> None:
    board, theme, config, words = canvas.view.board, canvas.theme, canvas.view.config, canvas.words
    portrait = content.h > content.w
    gap = canvas.px(4)
    text_area = content
    if config.propose.url:
        if portrait:
            side = min(content.w, round(content.h * 0.42))
            qr_area, text_area = content.split_y(side, gap)
        else:
            side = min(round(content.w * 0.38), content.h)
            text_area, qr_area = content.split_x(content.w - side - gap, gap)
        big_qr(canvas, qr_area, right=not portrait)
    inner = text_area.inset(canvas.px(1), canvas.px(1))
    used = canvas.text(
        inner, propose_text(canvas), 8.6, theme.text, style="bold", lines=2, min_units=6, factor=TIGHT
    )
    used += canvas.px(3)
    number_w = canvas.px(6)
    describe = words("step_describe", "Find an open slot and describe it to the facilitator")
    scan = words("step_scan", "Or scan to propose from your phone")
    show_up = words("step_show_up", "Just show up: whoever comes are the right people")
    steps = (describe, scan, show_up) if config.propose.url else (describe, show_up)
    for number, step in enumerate(steps, 1):
        row = inner.below(used)
        canvas.text(
            Area(row.x, row.y, number_w, row.h), str(number), 3.6, theme.accent, style="bold", factor=TIGHT
        )
        used += canvas.text(
            Area(row.x + number_w, row.y, row.w - number_w, row.h),
            step,
            3.6,
            theme.text,
            lines=2,
            min_units=3.2,
            factor=TIGHT,
        ) + canvas.px(1.8)
    # A heading goes only where at least one line under it fits too.
    heading_h = text_height(1, canvas.px(3.0), TIGHT)
    # Open slots come first: they are what a proposal needs. Ideas take what is left, a few at most.
    shown = open_slots(canvas, inner.below(used + canvas.px(1)))
    used += canvas.px(1) + shown if shown else 0
    need = canvas.px(3) + heading_h + canvas.px(1) + text_height(1, canvas.px(3.0), LOOSE)
    if board.ideas and inner.h - used >= need:
        used += canvas.px(3)
        ideas = words("ideas", "Ideas looking for a host")
        heading = inner.below(used)
        heading = Area(heading.x, heading.y, heading.w, heading_h)
        # The heading leaves room for the count of ideas that may not fit (the widest count there can be).
        widest = words("more_ideas", "+ {count} more", count=len(board.ideas))
        room = canvas.measure.width(widest, "regular", canvas.px(3.0)) + canvas.px(2)
        label_area = Area(heading.x, heading.y, max(0, heading.w - room), heading.h)
        used += canvas.label(label_area, ideas, theme.muted, 3.0) + canvas.px(1)
        shown = 0
        for idea in board.ideas[:IDEAS]:
            line = canvas.text(inner.below(used), f"• {idea}", 3.4, theme.text, min_units=3.0)
            if not line:
                break
            used += line + canvas.px(0.4)
            shown += 1
        if shown < len(board.ideas):
            # Ideas that do not fit are counted on the heading's line, which is there whenever one is.
            more = words("more_ideas", "+ {count} more", count=len(board.ideas) - shown)
            more_w = canvas.measure.width(more, "regular", canvas.px(3.0))
            corner = Area(heading.x + heading.w - more_w, heading.y, more_w, heading.h)
            canvas.text(corner, more, 3.0, theme.muted, factor=TIGHT, flow=False)
