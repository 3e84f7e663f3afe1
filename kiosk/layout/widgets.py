"""The parts several pages share: times as the board writes them, a label row, and the QR code to the
proposal form, small beside "next" or big with its caption."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.board.timeline import Board, SlotState
from kiosk.core.model import Session
from kiosk.layout.canvas import TIGHT, Area, Canvas, text_height
from kiosk.layout.fit import fit, whole
from kiosk.layout.qrgrid import geometry

DASH = "–"
# units: the QR code beside "next" (about 10 cm on a 50-inch screen) leaves room for later sessions;
# the propose page has it big
QR_SIDE = 16
# pixels: phones need modules of 3 pixels; this holds a code up to version 5 (45 modules with its border)
QR_PIXELS = 135
CAPTION_MIN = 3.2  # units: the smallest the caption under the big QR code gets before it takes two lines


def hm(moment: datetime, board: Board) -> str:
    return f"{moment.astimezone(board.now.tzinfo):%H:%M}"


def span(session: Session, board: Board) -> str:
    return f"{hm(session.start, board)} {DASH} {hm(session.end, board)}"


def label_row(canvas: Canvas, area: Area, label: str, right: str, colour: tuple[int, int, int]) -> int:
    """A label on the left and a muted note (a time, "in 12 min") on the right of one row."""
    theme = canvas.theme
    units = 3.0
    label_w = canvas.measure.width(label.upper(), "bold", canvas.px(units))
    used = canvas.label(Area(area.x, area.y, min(area.w, label_w), area.h), label, colour, units)
    if right:
        note_w = min(area.w - label_w - canvas.px(3), canvas.measure.width(right, "bold", canvas.px(units)))
        if note_w > 0:
            canvas.text(
                Area(area.right - note_w, area.y, note_w, area.h),
                right,
                units,
                theme.muted,
                style="bold",
                factor=TIGHT,
                min_units=2.4,
                align="right",
                width=note_w,
            )
    return used


def open_slots(canvas: Canvas, area: Area, *, later: bool = False) -> int:
    """Today's slots still free, under an "Open slots today" heading, in ``area``; the height used (0
    when none is left or the heading and a line of times do not both fit).

    ``later``: only those that start after now (the slot holding now is said elsewhere).
    """
    board, theme = canvas.view.board, canvas.theme
    past = (SlotState.PAST, SlotState.CURRENT) if later else (SlotState.PAST,)
    slots = [slot for slot in board.slots if slot.free and slot.state not in past]
    heading_h = text_height(1, canvas.px(3.0), TIGHT)
    if not slots or area.h < heading_h + canvas.px(0.8) + text_height(1, canvas.px(3.2), TIGHT):
        return 0
    used = canvas.label(area, canvas.words("open_slots", "Open slots today"), theme.open, 3.0)
    used += canvas.px(0.8)
    times = " · ".join(hm(slot.start, board) for slot in slots)
    return used + canvas.text(
        area.below(used), times, 3.6, theme.open, style="bold", lines=2, min_units=3.2, factor=TIGHT
    )


def qr_block(canvas: Canvas, area: Area, side: int, portrait: bool) -> int:
    """The QR code to the proposal form with its call to action, at the bottom of ``area``; its height."""
    config, theme = canvas.view.config, canvas.theme
    if not config.propose.url:
        return 0
    pad = canvas.px(2.4)
    side = min(side, area.w - 2 * pad, area.h - 2 * pad)
    if side < min(QR_PIXELS, canvas.px(QR_SIDE)):
        return 0
    side = qr_side(config.propose.url, side)
    block = Area(area.x, area.bottom - side - 2 * pad, area.w, side + 2 * pad)
    canvas.panel(block, theme.surface)
    canvas.qr(Area(block.x + pad, block.y + pad, side, side), config.propose.url)
    text = Area(block.x + side + 2 * pad, block.y + pad, block.w - side - 3 * pad, side)
    # The call to action on one line when it fits at a fair size, so that the hint fits under it.
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    title = propose_text(canvas)
    one = fit(canvas.measure, title, "bold", canvas.px(4.8), text.w, 1, canvas.px(3.8))
    lines = 1 if one.lines == (" ".join(title.split()),) else 3
    used = probe.text(text, title, 4.8, theme.accent, style="bold", lines=lines, min_units=3.4, factor=TIGHT)
    hint = probe.text(
        text.below(used + canvas.px(1)),
        canvas.words("scan_with_phone", "Scan with your phone"),
        3.2,
        theme.muted,
        lines=2,
        min_units=3.0,
        whole=True,  # a hint cut short helps no one: it goes when it does not fit
    )
    used += canvas.px(1) + hint if hint else 0
    drop = max(0, (side - used) // 2)
    canvas.boxes.extend(
        replace(box, rect=(box.rect[0], box.rect[1] + drop, *box.rect[2:])) for box in probe.boxes
    )
    return block.h


def qr_side(payload: str, side: int) -> int:
    """``side`` cut down to the code's whole-pixel modules, so its panel's margin is even all round."""
    drawn = geometry(payload, side)[1]
    return drawn if drawn <= side else side


def big_qr(canvas: Canvas, area: Area, right: bool = False) -> None:
    """The QR code as large as the area allows, with "Scan to propose" under it, on a panel that is
    centred in ``area`` or, with ``right``, against its right edge."""
    theme, config = canvas.theme, canvas.view.config
    pad = canvas.px(2.4)
    caption_text = canvas.words("scan_to_propose", "Scan to propose")
    caption_lines = 1
    caption_h = text_height(1, canvas.px(4.4), TIGHT)
    side = qr_side(config.propose.url, min(area.w - 2 * pad, area.h - caption_h - 3 * pad))
    one = fit(canvas.measure, caption_text, "bold", canvas.px(4.4), side, 1, canvas.px(CAPTION_MIN))
    if not whole(list(one.lines), caption_text):
        # A longer caption (a language's words) takes two lines; the code gives up the room.
        caption_lines = 2
        caption_h = text_height(2, canvas.px(4.4), TIGHT)
        side = qr_side(config.propose.url, min(area.w - 2 * pad, area.h - caption_h - 3 * pad))
    width = side + 2 * pad
    block = Area(
        area.right - width if right else area.x + (area.w - width) // 2,
        area.y + (area.h - side - caption_h - 3 * pad) // 2,
        width,
        side + caption_h + 3 * pad,
    )
    canvas.panel(block, theme.surface)
    canvas.qr(Area(block.x + pad, block.y + pad, side, side), config.propose.url)
    caption = Area(block.x + pad, block.y + side + 2 * pad, side, caption_h)
    canvas.text(
        caption,
        caption_text,
        4.4,
        theme.accent,
        style="bold",
        lines=caption_lines,
        min_units=CAPTION_MIN,
        factor=TIGHT,
        align="center",
        width=side,
    )


def propose_text(canvas: Canvas) -> str:
    """The call to action: ``[propose] text``, else the board's words for it."""
    return canvas.view.config.propose.text or canvas.words("propose_text", "Propose a topic")
