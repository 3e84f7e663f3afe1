"""The ``today`` page: every slot of the day as a time table, split into parts when it does not fit.

Rows keep one legible size; a long day takes more parts rather than smaller type.
"""

from __future__ import annotations

import math

from kiosk.board.timeline import Board, Slot, SlotState
from kiosk.core.model import BREAK
from kiosk.layout.boxes import Measure
from kiosk.layout.canvas import TIGHT, Area, Canvas, banner_height, footer_height, header_bottom, text_height
from kiosk.layout.fit import fit, visible_start
from kiosk.layout.vote import has_votes
from kiosk.layout.widgets import hm

TITLE = 3.6  # units
HOST = 2.8  # units: the second line of a row, under the title
PAD = 1.0
GAP = 0.8
MIN_COLUMN = 70  # units: narrower columns would cut most titles
SEPARATOR = "·"  # between a title and its host or note


def _unit(size: tuple[int, int]) -> float:
    return min(size) / 100


def _px(size: tuple[int, int], units: float) -> int:
    return max(1, round(units * _unit(size)))


def row_height(size: tuple[int, int]) -> int:
    return text_height(1, _px(size, TITLE), TIGHT) + 2 * _px(size, PAD)


def capacity_height(size: tuple[int, int], board: Board, measure: Measure) -> int:
    """The content height the table can count on whatever the footer says (warnings make it larger)."""
    h = size[1]
    margin = _px(size, 3.6)
    header = header_bottom(_unit(size))
    footer = footer_height(size)
    banner = banner_height(measure, size, board.announcements)
    return h - 2 * margin - header - footer - banner - 2 * _px(size, 2.6)


def grid(size: tuple[int, int], board: Board, measure: Measure) -> tuple[int, int]:
    """(columns, rows per column) for the day: the fewest columns that hold it, else the most that fit."""
    w, _ = size
    usable = w - 2 * _px(size, 3.6)
    most = max(1, min(3, int(usable / _unit(size)) // MIN_COLUMN))
    rows = max(
        1, (capacity_height(size, board, measure) + _px(size, GAP)) // (row_height(size) + _px(size, GAP))
    )
    for columns in range(1, most + 1):
        if columns * rows >= len(board.slots):
            return columns, rows
    return most, rows


def today_parts(board: Board, size: tuple[int, int], measure: Measure) -> int:
    columns, rows = grid(size, board, measure)
    return max(1, math.ceil(len(board.slots) / (columns * rows)))


def today_page(canvas: Canvas, content: Area) -> None:
    board, theme = canvas.view.board, canvas.theme
    if not board.slots:
        canvas.text(
            content, canvas.words("no_slots", "No slots today"), 6, theme.muted, style="bold", factor=TIGHT
        )
        return
    columns, rows = grid(canvas.size, board, canvas.measure)
    per_part = columns * rows
    parts = max(1, math.ceil(len(board.slots) / per_part))
    part = min(max(0, canvas.view.part), parts - 1)
    shown = board.slots[part * per_part : (part + 1) * per_part]
    gap = canvas.px(2.6)
    col_w = (content.w - gap * (columns - 1)) // columns
    row_h = row_height(canvas.size)
    row_gap = canvas.px(GAP)
    extra = text_height(1, canvas.px(HOST), TIGHT)
    for column in range(columns):
        slots = shown[column * rows : (column + 1) * rows]
        # Space the column does not need goes to second lines (the host), the sessions to come first.
        spare = content.h - len(slots) * (row_h + row_gap) + row_gap
        tall = _tall(slots, max(0, spare) // extra)
        x = content.x + column * (col_w + gap)
        y = content.y
        for i, slot in enumerate(slots):
            height = row_h + (extra if i in tall else 0)
            _slot(canvas, Area(x, y, col_w, height), slot, i in tall)
            y += height + row_gap


def _tall(slots: tuple[Slot, ...], count: int) -> set[int]:
    """Which of ``slots`` get a second line, at most ``count``: the one on now first, then sessions
    with a host and proposals to come, in order, then cancelled slots to come, then what is past."""

    def rank(slot: Slot) -> int | None:
        if slot.state is SlotState.PAST:
            return 3 if any(s.host for s in slot.sessions) else None
        if any(s.host for s in slot.sessions) or slot.proposals:
            return 0 if slot.state is SlotState.CURRENT else 1
        return 2 if slot.cancelled else None

    ranked = sorted((r, i) for i, slot in enumerate(slots) if (r := rank(slot)) is not None)
    return {i for _, i in ranked[:count]}


def _slot(canvas: Canvas, area: Area, slot: Slot, tall: bool) -> None:
    board, theme = canvas.view.board, canvas.theme
    past = slot.state is SlotState.PAST
    current = slot.state is SlotState.CURRENT
    if current:
        canvas.panel(area, theme.surface, border=theme.accent)
    elif not past:
        canvas.panel(area, theme.surface)
    inner = area.inset(canvas.px(2.2), canvas.px(PAD))
    time_w = canvas.measure.width("00:00", "bold", canvas.px(TITLE)) + canvas.px(2.4)
    time_colour = theme.accent if current else theme.muted if past else theme.text
    canvas.text(
        Area(inner.x, inner.y, time_w, inner.h),
        hm(slot.start, board),
        TITLE,
        time_colour,
        style="bold",
        factor=TIGHT,
    )
    body = Area(inner.x + time_w, inner.y, inner.w - time_w, inner.h)
    title, title_colour, strike, detail, detail_colour = slot_words(canvas, slot, room=body.w)
    if past:
        title_colour = detail_colour = theme.muted
    if tall:
        used = canvas.text(body, title, TITLE, title_colour, style="bold", factor=TIGHT, strike=strike)
        canvas.text(body.below(used), detail, HOST, detail_colour, factor=TIGHT)
        return
    size = canvas.px(TITLE)
    title, _ = visible_start(title, size, body.w, 1)
    detail, _ = visible_start(detail, size, body.w, 1)
    title_w = canvas.measure.width(title, "bold", size)
    # The host (or the note) follows the title, after a separator drawn on its own so that the text
    # direction of either side cannot move it. It shows when both fit whole, except where the note
    # is what a passer-by must read (a cancelled slot is open again; a lone proposal is not yet
    # confirmed): there the title gives up what the note needs.
    space = canvas.measure.width(" ", "regular", size)
    dot_w = canvas.measure.width(SEPARATOR, "regular", size)
    detail_w = canvas.measure.width(detail, "regular", size) if detail else 0
    note_w = dot_w + space + detail_w
    must_note = not past and not slot.sessions and (bool(slot.cancelled) or len(slot.proposals) == 1)
    if must_note and title_w + space + note_w > body.w:
        # The short note: the struck title says cancelled already; a lone proposal is "proposed".
        detail = canvas.words("proposed", "proposed") if slot.proposals else canvas.words("open_cell", "Open")
        detail_w = canvas.measure.width(detail, "regular", size)
        note_w = dot_w + space + detail_w
    if must_note and title_w + space + note_w > body.w and note_w < body.w // 2:
        cut = fit(canvas.measure, title, "bold", size, body.w - space - note_w, 1, size)
        title_w = max((canvas.measure.width(line, "bold", size) for line in cut.lines), default=0)
    if not detail or not title_w or title_w + space + note_w > body.w:
        canvas.text(body, title, TITLE, title_colour, style="bold", factor=TIGHT, strike=strike)
        return
    canvas.text(
        Area(body.x, body.y, title_w, body.h),
        title,
        TITLE,
        title_colour,
        style="bold",
        factor=TIGHT,
        strike=strike,
    )
    x = body.x + title_w + space
    canvas.text(Area(x, body.y, dot_w, body.h), SEPARATOR, TITLE, detail_colour, factor=TIGHT, flow=False)
    x += dot_w + space
    canvas.text(Area(x, body.y, detail_w, body.h), detail, TITLE, detail_colour, factor=TIGHT, flow=False)


def slot_words(
    canvas: Canvas, slot: Slot, *, cell: bool = False, room: int | None = None
) -> tuple[str, tuple[int, int, int], bool, str, tuple[int, int, int]]:
    """What a slot says: title, its colour, struck through?, the note after it and its colour.

    ``cell``: the shorter words of a cell on the rooms page, where a row of ``today`` has more room.
    ``room``: the width a row's title has; the board's own words that would be cut in it (a call to
    vote in a long language) give way to their shorter form.
    """
    theme, words = canvas.theme, canvas.words
    past = slot.state is SlotState.PAST
    if slot.sessions:
        titles = " · ".join(s.title for s in slot.sessions)
        if all(s.kind == BREAK for s in slot.sessions):  # taken, but by a coffee break or lunch
            return titles, theme.muted, False, words("break", "Break"), theme.muted
        hosts = " · ".join(s.host for s in slot.sessions if s.host)
        return titles, theme.text, False, hosts, theme.muted
    if len(slot.proposals) == 1:
        # A lone proposal has nothing to compete with: it is the slot's topic, waiting to be confirmed.
        (proposal,) = slot.proposals
        note = " · ".join(part for part in (words("proposed", "proposed"), proposal.host) if part)
        return proposal.title, theme.accent, False, note, theme.muted
    if slot.proposals:
        count = len(slot.proposals)
        short = words.plural("proposals_short", "{count} proposal — vote", "{count} proposals — vote", count)
        if cell:
            head = short
        elif slot.contested and has_votes(canvas.view.board, canvas.view.config.vote.url):
            head = words.plural(
                "proposals_phone",
                "{count} proposal — vote with your phone",
                "{count} proposals — vote with your phone",
                count,
            )
        else:
            head = words.plural(
                "proposals",
                "{count} proposal — vote at the board",
                "{count} proposals — vote at the board",
                count,
            )
        if room is not None and canvas.measure.width(head, "bold", canvas.px(TITLE)) > room:
            head = short
        return head, theme.accent, False, " · ".join(p.title for p in slot.proposals), theme.muted
    if slot.cancelled:
        titles = " · ".join(s.title for s in slot.cancelled)
        note = words("cancelled", "cancelled") if past else words("cancelled_open", "cancelled · open")
        return titles, theme.muted, True, note, theme.open
    if past:
        return ("—" if cell else words("no_session", "No session")), theme.muted, False, "", theme.muted
    if cell:
        return words("open_cell", "Open"), theme.open, False, "", theme.muted
    return words("open_slot", "Open — propose a topic"), theme.open, False, "", theme.muted
