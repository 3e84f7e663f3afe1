"""The ``updates`` page: the organisers' latest posts, as many as fit legibly, and a QR code to follow.

Each post is a name line (display name, handle, how long ago) over its text; text keeps one legible
size, and a long post ends with an ellipsis rather than shrinking. Posts that do not fit whole
enough to read are left for the phone.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.layout.boxes import TAIL, Box, Measure
from kiosk.layout.canvas import LOOSE, TIGHT, Area, Canvas, line_height, text_height
from kiosk.layout.direction import against_page
from kiosk.layout.fit import ELLIPSIS, fit
from kiosk.layout.widgets import qr_side
from kiosk.sides.updates import Post, ago, shown_text
from kiosk.sides.updates.accounts import follow

TEXT = 3.4  # units: a post's text
NAME = 3.2  # units: the name line
# Lines of text for the newest post and for the others, tried in turn until the first few posts fit.
BUDGETS = ((6, 4), (4, 3), (3, 2), (2, 2))
WANTED = 3  # posts that should be on the page when there are that many
MIN_LINES = 2  # a post is shown only with this many lines of its text (or all of it)
QR_SHARE = 0.3  # of the content's width in landscape


def updates_page(canvas: Canvas, content: Area) -> None:
    view, theme = canvas.view, canvas.theme
    portrait = content.h > content.w
    gap = canvas.px(3)
    target = follow(view.config.updates.mastodon, view.config.updates.bluesky)
    posts_area = content
    if target is not None:
        if portrait:
            block_h = min(round(content.w * 0.34), round(content.h * 0.22))
            posts_area, qr_area = content.split_y(content.h - block_h - gap, gap)
            _follow_row(canvas, qr_area, *target)
        else:
            side = round(content.w * QR_SHARE)
            posts_area, qr_area = content.split_x(content.w - side - gap, gap)
            _follow_column(canvas, qr_area, *target)
    if not view.updates:
        span = canvas.words.duration(round(view.config.updates.max_age_hours * 60))
        none = canvas.words("updates_none", "No updates in the last {duration}", duration=span)
        canvas.text(posts_area, none, 5, theme.muted, style="bold", lines=2)
        return
    wanted = min(WANTED, len(view.updates))
    for first, others in BUDGETS:
        probe = Canvas(view, canvas.size, canvas.measure)
        if _posts(probe, posts_area, first, others) >= wanted:
            break
    canvas.boxes.extend(probe.boxes)


def _posts(canvas: Canvas, area: Area, first: int, others: int) -> int:
    """Posts from the top of ``area``, newest first, until the next does not fit; how many."""
    used = 0
    row_gap = canvas.px(1.6)
    for index, post in enumerate(canvas.view.updates):
        height = _post(canvas, area.below(used), post, first if index == 0 else others)
        if not height:
            return index
        used += height + row_gap
    return len(canvas.view.updates)


def _post(canvas: Canvas, area: Area, post: Post, max_lines: int) -> int:
    """One post at the top of ``area``; its height, or 0 when too little of it would fit."""
    theme, board = canvas.theme, canvas.view.board
    pad = canvas.px(1.6)
    inner = area.inset(canvas.px(2.2), pad)
    when = ago(post.at, board.now, canvas.words)
    rows = _name_rows(canvas, post, when, inner.w)
    name_h = text_height(1, canvas.px(NAME), TIGHT) * rows
    size = canvas.px(TEXT)
    step = line_height(size, LOOSE)
    room = (inner.h - name_h - canvas.px(0.6) - round(size * TAIL)) // step
    text = shown_text(post, canvas.words)
    lines = post_lines(canvas.measure, text, size, inner.w, min(max_lines, room))
    whole = len(lines) == len(post_lines(canvas.measure, text, size, inner.w, max_lines))
    if not lines or (len(lines) < MIN_LINES and not whole):
        return 0
    height = name_h + canvas.px(0.6) + text_height(len(lines), size, LOOSE) + 2 * pad
    canvas.panel(Area(area.x, area.y, area.w, height), theme.surface)
    _name_line(canvas, inner.top(name_h), post, when, rows)
    y = inner.y + name_h + canvas.px(0.6)
    canvas.add(
        Box(
            "text",
            (inner.x, y, inner.w, text_height(len(lines), size, LOOSE)),
            colour=theme.text,
            lines=lines,
            size=size,
            line_height=step,
            # A post is a paragraph in its own direction (as dir="auto"): one that runs against the page
            # is aligned to its own side; on a right-to-left page, mirroring turns "right" to the left.
            align="right" if against_page(text, canvas.words.rtl) else "left",
        )
    )
    return height


def _name_rows(canvas: Canvas, post: Post, when: str, width: int) -> int:
    """Rows the name line takes: one, or two when the display name and the whole handle do not fit
    beside each other (the handle is who posted: it is never cut for the display name)."""
    measure, size = canvas.measure, canvas.px(NAME)
    left = width - measure.width(when, "regular", size) - canvas.px(1.6)
    need = sum(
        measure.width(t, s, size)
        for t, s in ((post.author, "bold"), ("  ", "regular"), (post.handle, "regular"))
    )
    return 1 if need <= left else 2


def _name_line(canvas: Canvas, area: Area, post: Post, when: str, rows: int) -> None:
    """Display name in bold, the handle after it (or under it), the age at the right."""
    theme, measure = canvas.theme, canvas.measure
    row = area.top(text_height(1, canvas.px(NAME), TIGHT))
    when_w = measure.width(when, "regular", canvas.px(NAME))
    canvas.text(row, when, NAME, theme.muted, factor=TIGHT, align="right", width=when_w)
    left = max(0, row.w - when_w - canvas.px(1.6))
    name = canvas.text(
        Area(row.x, row.y, left, row.h), post.author, NAME, theme.text, style="bold", factor=TIGHT
    )
    if rows == 1:
        start = canvas.boxes[-1].rect[2] + measure.width("  ", "regular", canvas.px(NAME)) if name else 0
        handle = Area(row.x + start, row.y, max(0, left - start), row.h)
    else:
        handle = Area(row.x, row.bottom, row.w, row.h)
    canvas.text(handle, post.handle, NAME, theme.muted, factor=TIGHT)


def post_lines(measure: Measure, text: str, size: int, width: int, max_lines: int) -> tuple[str, ...]:
    """A post's paragraphs and lines wrapped to ``width`` in at most ``max_lines`` lines at one size;
    what does not fit is cut with an ellipsis."""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        room = max_lines - len(out)
        if room <= 0:
            break
        out += fit(measure, paragraph, "regular", size, width, room, size).lines
        more = index + 1 < len(paragraphs)
        if more and len(out) >= max_lines and out and not out[-1].endswith(ELLIPSIS):
            out[-1] = fit(
                measure, out[-1] + " " + paragraphs[index + 1], "regular", size, width, 1, size
            ).lines[0]
    return tuple(out)


def _follow_column(canvas: Canvas, area: Area, url: str, handle: str) -> None:
    """Landscape: the QR code at the top of a side column, "Follow" and the handle under it."""
    theme = canvas.theme
    pad = canvas.px(2.4)
    caption_h = text_height(1, canvas.px(4.4), TIGHT) + text_height(2, canvas.px(3.0), TIGHT)
    side = qr_side(url, min(area.w - 2 * pad, area.h - caption_h - 3 * pad))
    block = Area(area.x, area.y, area.w, side + caption_h + 3 * pad)
    canvas.panel(block, theme.surface)
    canvas.qr(Area(block.x + (block.w - side) // 2, block.y + pad, side, side), url)
    text = Area(block.x + pad, block.y + side + 2 * pad, block.w - 2 * pad, caption_h)
    used = canvas.text(
        text,
        canvas.words("follow_scan", "Scan to follow"),
        4.4,
        theme.accent,
        style="bold",
        factor=TIGHT,
        align="center",
        width=text.w,
    )
    canvas.text(
        text.below(used), handle, 3.0, theme.muted, lines=2, factor=TIGHT, align="center", width=text.w
    )


def _follow_row(canvas: Canvas, area: Area, url: str, handle: str) -> None:
    """Portrait: the QR code at the left of a row along the bottom, the words beside it."""
    theme = canvas.theme
    pad = canvas.px(2.4)
    side = qr_side(url, area.h - 2 * pad)
    # The panel is the code's height (whole-pixel modules leave some of the row over), at the bottom.
    area = Area(area.x, area.bottom - side - 2 * pad, area.w, side + 2 * pad)
    canvas.panel(area, theme.surface)
    canvas.qr(Area(area.x + pad, area.y + pad, side, side), url)
    text = Area(area.x + side + 2 * pad, area.y + pad, max(0, area.w - side - 3 * pad), side)
    # The words are set on a probe, then centred beside the code as the propose card's are.
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    used = probe.text(
        text, canvas.words("follow_scan", "Scan to follow"), 5.0, theme.accent, style="bold", factor=TIGHT
    )
    handle_h = probe.text(text.below(used + canvas.px(1)), handle, 3.4, theme.muted, lines=2, factor=TIGHT)
    used += canvas.px(1) + handle_h if handle_h else 0
    drop = max(0, (side - used) // 2)
    canvas.boxes.extend(
        replace(box, rect=(box.rect[0], box.rect[1] + drop, *box.rect[2:])) for box in probe.boxes
    )
