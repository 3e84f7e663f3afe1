"""The ``rooms`` page: the day of several rooms as a grid, rooms across and slots down.

In portrait the grid turns: rooms down, slots across. Cells keep one legible size; a day that does
not fit is shown in parts, the slots still to come first split into runs of rows, then the rooms
into groups. A session spanning several slots is one cell across them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.board.timeline import Board, RoomDay, Slot, SlotState
from kiosk.layout.boxes import TAIL, Measure
from kiosk.layout.canvas import TIGHT, Area, Canvas, text_height
from kiosk.layout.today import capacity_height, slot_words
from kiosk.layout.widgets import hm

CELL = 2.8  # units: a title in a cell
LABEL = 3.0  # units: room names and slot times
GAP = 0.6  # units between cells
PAD = 0.9  # units inside a cell
MIN_ACROSS = 22  # units: the narrowest cell (rooms across in landscape, slots across in portrait)
ROOM_LABEL = 18  # units: the room names' column in portrait


@dataclass(frozen=True, slots=True)
class Part:
    """What one part of the page shows: which rooms and which slots, by index.

    In portrait the slots run across in bands of ``band`` slots, one band under the other.
    """

    rooms: tuple[int, ...]
    slots: tuple[int, ...]
    band: int = 1

    def bands(self) -> list[tuple[int, ...]]:
        return [self.slots[i : i + self.band] for i in range(0, len(self.slots), max(1, self.band))]


@dataclass(frozen=True, slots=True)
class Cell:
    """A run of slots in one room that say the same thing: one box across them."""

    first: int  # index into the part's slots
    count: int
    slot: Slot


def _px(size: tuple[int, int], units: float) -> int:
    return max(1, round(units * min(size) / 100))


def _portrait(size: tuple[int, int]) -> bool:
    return size[1] > size[0]


def _cell_lines(size: tuple[int, int]) -> int:
    return 3 if _portrait(size) else 2


def _step(size: tuple[int, int]) -> int:
    """A slot's row height in landscape, a room's row height in portrait."""
    return text_height(_cell_lines(size), _px(size, CELL), TIGHT) + 2 * _px(size, PAD)


def _label_h(size: tuple[int, int]) -> int:
    return text_height(1, _px(size, LABEL), TIGHT) + _px(size, PAD)


def _slot_label_w(size: tuple[int, int], measure: Measure) -> int:
    return measure.width("00:00", "bold", _px(size, LABEL)) + 2 * _px(size, PAD)


def parts(board: Board, size: tuple[int, int], measure: Measure) -> tuple[Part, ...]:
    """The parts the day takes at ``size``: all of it when it fits, else the slots to come in runs."""
    if not board.rooms or not board.slots:
        return (Part(tuple(range(len(board.rooms))), ()),)
    gap = _px(size, GAP)
    height = capacity_height(size, board, measure)
    usable_w = size[0] - 2 * _px(size, 3.6)
    step = _step(size) + gap
    if _portrait(size):
        across = usable_w - _px(size, ROOM_LABEL) - gap
        band = max(1, (across + gap) // (_px(size, MIN_ACROSS) + gap))
        rooms_per = max(1, (height - _label_h(size) - gap) // step)
        bands = max(
            1, (height + gap) // (_label_h(size) + gap + min(rooms_per, len(board.rooms)) * step + gap)
        )
        slots_per = band * bands
    else:
        across = usable_w - _slot_label_w(size, measure) - gap
        rooms_per = max(1, (across + gap) // (_px(size, MIN_ACROSS) + gap))
        slots_per = band = max(1, (height - _label_h(size) - gap) // step)
    slots = list(range(len(board.slots)))
    if len(slots) > slots_per:
        # The whole day does not fit: what is over makes way, but for the slot just before now.
        first = next((i for i, s in enumerate(board.slots) if s.state is not SlotState.PAST), len(slots))
        slots = slots[max(0, first - 1) :] or slots[-1:]
    slot_runs = [tuple(slots[i : i + slots_per]) for i in range(0, len(slots), slots_per)]
    rooms = list(range(len(board.rooms)))
    groups = math.ceil(len(rooms) / rooms_per)
    size_per = math.ceil(len(rooms) / groups)  # even groups: 4 + 4 rather than 7 + 1
    room_groups = [tuple(rooms[i : i + size_per]) for i in range(0, len(rooms), size_per)]
    return tuple(Part(group, run, band) for run in slot_runs for group in room_groups)


def rooms_parts(board: Board, size: tuple[int, int], measure: Measure) -> int:
    return len(parts(board, size, measure))


def cells(day: RoomDay, shown: tuple[int, ...]) -> tuple[Cell, ...]:
    """The room's cells over the ``shown`` slots: consecutive slots with the same sessions are one."""
    result: list[Cell] = []
    for i, index in enumerate(shown):
        slot = day.board.slots[index]
        last = result[-1] if result else None
        if last is not None and slot.sessions and last.slot.sessions == slot.sessions:
            result[-1] = Cell(last.first, last.count + 1, last.slot)
        else:
            result.append(Cell(i, 1, slot))
    return tuple(result)


def rooms_page(canvas: Canvas, content: Area) -> None:
    board = canvas.view.board
    if not board.rooms or not board.slots:
        words = canvas.words
        text = (
            words("no_slots", "No slots today") if board.rooms else words("no_rooms", "No rooms configured")
        )
        canvas.text(content, text, 6, canvas.theme.muted, style="bold", factor=TIGHT)
        return
    every = parts(board, canvas.size, canvas.measure)
    part = every[min(max(0, canvas.view.part), len(every) - 1)]
    if _portrait(canvas.size):
        _portrait_grid(canvas, content, part)
    else:
        _landscape_grid(canvas, content, part)


def _landscape_grid(canvas: Canvas, content: Area, part: Part) -> None:
    board, size = canvas.view.board, canvas.size
    gap = canvas.px(GAP)
    label_w = _slot_label_w(size, canvas.measure)
    label_h = _label_h(size)
    count = len(part.rooms)
    col_w = (content.w - label_w - gap - gap * (count - 1)) // count
    row_h = _fill(_step(size), content.h - label_h - gap, len(part.slots), gap, size)
    top = content.y + label_h + gap
    for column, room in enumerate(part.rooms):
        x = content.x + label_w + gap + column * (col_w + gap)
        _room_label(canvas, Area(x, content.y, col_w, label_h), board.rooms[room])
    for row, index in enumerate(part.slots):
        _slot_label(canvas, Area(content.x, top + row * (row_h + gap), label_w, row_h), board.slots[index])
    for column, room in enumerate(part.rooms):
        x = content.x + label_w + gap + column * (col_w + gap)
        for cell in cells(board.rooms[room], part.slots):
            y = top + cell.first * (row_h + gap)
            _cell(canvas, Area(x, y, col_w, cell.count * (row_h + gap) - gap), cell.slot)


def _portrait_grid(canvas: Canvas, content: Area, part: Part) -> None:
    """Rooms down, slots across, in bands of slots one under the other."""
    board, size = canvas.view.board, canvas.size
    gap = canvas.px(GAP)
    label_w = canvas.px(ROOM_LABEL)
    label_h = _label_h(size)
    col_w = (content.w - label_w - gap - gap * (part.band - 1)) // part.band
    bands = part.bands()
    rows = len(bands) * len(part.rooms)
    spare = content.h - len(bands) * (label_h + 2 * gap) + gap
    row_h = _fill(_step(size), spare, rows, gap, size)
    y = content.y
    for band in bands:
        for column, index in enumerate(band):
            x = content.x + label_w + gap + column * (col_w + gap)
            _slot_label(canvas, Area(x, y, col_w, label_h), board.slots[index])
        y += label_h + gap
        for room in part.rooms:
            _room_label(canvas, Area(content.x, y, label_w, row_h), board.rooms[room], lines=3)
            for cell in cells(board.rooms[room], band):
                x = content.x + label_w + gap + cell.first * (col_w + gap)
                _cell(canvas, Area(x, y, cell.count * (col_w + gap) - gap, row_h), cell.slot)
            y += row_h + gap
        y += gap


def _fill(step: int, room: int, count: int, gap: int, size: tuple[int, int]) -> int:
    """Rows share the height they are given, up to one more line each than their legible minimum."""
    if count <= 0:
        return step
    most = step + text_height(1, _px(size, CELL), TIGHT)
    return max(min(step, room), min(most, (room + gap) // count - gap))


def _room_label(canvas: Canvas, area: Area, day: RoomDay, lines: int = 1) -> None:
    theme = canvas.theme
    text = canvas.words("room_here", "{room} · here", room=day.room) if day.home else day.room
    colour = theme.accent if day.home else theme.text
    inner = area.inset(canvas.px(PAD) // 2, 0)
    canvas.text(inner, text, LABEL, colour, style="bold", factor=TIGHT, lines=lines, min_units=CELL)


def _slot_label(canvas: Canvas, area: Area, slot: Slot) -> None:
    """The slot's start; the current one says "now" in words as well as in the accent colour,
    beside the time where the label is wide enough, else under it."""
    theme, board = canvas.theme, canvas.view.board
    current = slot.state is SlotState.CURRENT
    colour = theme.accent if current else theme.muted if slot.state is SlotState.PAST else theme.text
    inner = area.inset(canvas.px(PAD) // 2, 0)
    start = hm(slot.start, board)
    used = canvas.text(inner, start, LABEL, colour, style="bold", factor=TIGHT)
    if not current:
        return
    now = canvas.words("now", "Now").upper()
    start_w = canvas.measure.width(start + " ", "bold", canvas.px(LABEL))
    if start_w + canvas.measure.width(now, "bold", canvas.px(LABEL)) <= inner.w:
        beside = Area(inner.x + start_w, inner.y, inner.w - start_w, inner.h)
        canvas.label(beside, now, theme.accent, units=LABEL)
    else:
        canvas.label(inner.below(used), now, theme.accent, units=2.4)


def _cell(canvas: Canvas, area: Area, slot: Slot) -> None:
    theme = canvas.theme
    past = slot.state is SlotState.PAST
    current = slot.state is SlotState.CURRENT
    if current:
        canvas.panel(area, theme.surface, border=theme.accent, radius=1.0)
    elif not past:
        canvas.panel(area, theme.surface, radius=1.0)
    inner = area.inset(canvas.px(PAD))
    title, colour, strike, note, note_colour = slot_words(canvas, slot, cell=True)
    if past:
        colour = note_colour = theme.muted
    lines = max(1, (inner.h - round(canvas.px(CELL) * TAIL)) // max(1, round(canvas.px(CELL) * TIGHT)))
    # The title is what a passer-by reads: the line under it is given up before the title is cut.
    one_line = canvas.measure.width(title, "bold", canvas.px(CELL)) <= inner.w
    # A cancelled session's slot is open again: that line stays, the struck title gives way.
    must_note = bool(slot.cancelled) and not slot.sessions and not slot.proposals
    room_for_note = bool(note) and lines >= 2 and (one_line or must_note or lines >= 3)
    used = canvas.text(
        inner,
        title,
        CELL,
        colour,
        style="bold",
        factor=TIGHT,
        lines=lines - 1 if room_for_note else lines,
        strike=strike,
    )
    if room_for_note:
        canvas.text(inner.below(used), note, CELL, note_colour, factor=TIGHT, lines=lines - 1)
