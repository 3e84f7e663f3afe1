"""The frame every page shares (header, announcement banner, footer) and the builder pages use.

Sizes come from one unit, ``u`` = a hundredth of the screen's shorter side, so a page looks the same
at 1280×720, 3840×2160 and in portrait; type never goes below ``SMALLEST`` units.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import ThemeConfig
from kiosk.layout.boxes import TAIL, Align, Box, Colour, Measure, Rect, Style, View
from kiosk.layout.fit import fit

SMALLEST = 2.4  # units: the footer; nothing is set smaller
TIGHT = 1.18  # line height of titles, in font sizes
LOOSE = 1.3  # line height of running text
ALARM = 3.0  # units: the footer when something is wrong, to be read from across the hall
CLOCK = 5.4  # units: the clock, the largest thing in the header


@dataclass(frozen=True, slots=True)
class Area:
    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def right(self) -> int:
        return self.x + self.w

    def rect(self) -> Rect:
        return (self.x, self.y, self.w, self.h)

    def inset(self, dx: int, dy: int | None = None) -> Area:
        dy = dx if dy is None else dy
        return Area(self.x + dx, self.y + dy, max(0, self.w - 2 * dx), max(0, self.h - 2 * dy))

    def top(self, h: int) -> Area:
        return Area(self.x, self.y, self.w, min(h, self.h))

    def below(self, h: int) -> Area:
        """What is left under the first ``h`` pixels."""
        h = min(h, self.h)
        return Area(self.x, self.y + h, self.w, self.h - h)

    def split_x(self, w: int, gap: int) -> tuple[Area, Area]:
        return Area(self.x, self.y, w, self.h), Area(
            self.x + w + gap, self.y, max(0, self.w - w - gap), self.h
        )

    def split_y(self, h: int, gap: int) -> tuple[Area, Area]:
        return Area(self.x, self.y, self.w, h), Area(
            self.x, self.y + h + gap, self.w, max(0, self.h - h - gap)
        )


def line_height(size: int, factor: float) -> int:
    return round(size * factor)


def text_height(lines: int, size: int, factor: float) -> int:
    """Pixels a text box of ``lines`` lines takes, room for deep descenders included."""
    return lines * line_height(size, factor) + round(size * TAIL) if lines else 0


class Canvas:
    """Collects the boxes of one page; the text methods fit their text before placing it."""

    def __init__(self, view: View, size: tuple[int, int], measure: Measure) -> None:
        self.view = view
        self.size = size
        self.measure = measure
        self.theme: ThemeConfig = view.config.theme
        self.u = min(size) / 100
        self.boxes: list[Box] = []

    def px(self, units: float) -> int:
        return max(1, round(units * self.u))

    def add(self, box: Box) -> None:
        self.boxes.append(box)

    def panel(
        self, area: Area, fill: Colour | None, border: Colour | None = None, radius: float = 1.6
    ) -> None:
        self.add(
            Box(
                "panel",
                area.rect(),
                colour=border or (0, 0, 0),
                fill=fill,
                radius=self.px(radius),
                border=self.px(0.35) if border else 0,
            )
        )

    def text(
        self,
        area: Area,
        text: str,
        units: float,
        colour: Colour,
        *,
        style: Style = "regular",
        lines: int = 1,
        min_units: float | None = None,
        factor: float = LOOSE,
        align: Align = "left",
        strike: bool = False,
        width: int | None = None,
    ) -> int:
        """Fit ``text`` at the top of ``area`` and place it; returns the height used (0 when none fits)."""
        size = self.px(units)
        smallest = self.px(max(SMALLEST, min_units if min_units is not None else units))
        room = max(0, (area.h - round(smallest * TAIL)) // max(1, line_height(smallest, factor)))
        fitted = fit(self.measure, text, style, size, width or area.w, min(lines, room), min(size, smallest))
        if not fitted.lines:
            return 0
        height = text_height(len(fitted.lines), fitted.size, factor)
        if height > area.h:
            # Shrinking bought lines that the area cannot hold at the larger size: refit at the smallest.
            fitted = fit(self.measure, text, style, smallest, width or area.w, room, smallest)
            height = text_height(len(fitted.lines), fitted.size, factor)
            if not fitted.lines or height > area.h:
                return 0
        used_w = max(self.measure.width(line, style, fitted.size) for line in fitted.lines)
        box_w = width or area.w
        x = area.x
        if width is not None and align == "right":
            x = area.right - box_w
        self.add(
            Box(
                "text",
                (
                    x,
                    area.y,
                    box_w if width is not None or align != "left" else max(1, min(area.w, used_w)),
                    height,
                ),
                colour=colour,
                lines=fitted.lines,
                style=style,
                size=fitted.size,
                line_height=line_height(fitted.size, factor),
                align=align,
                strike=strike,
            )
        )
        return height

    def label(self, area: Area, text: str, colour: Colour, units: float = 2.8) -> int:
        """A short bold uppercase label (NOW, NEXT …) on one line."""
        return self.text(area, text.upper(), units, colour, style="bold", factor=TIGHT)

    def progress(self, area: Area, value: float) -> None:
        self.add(
            Box(
                "progress",
                area.rect(),
                colour=self.theme.accent,
                fill=self.theme.background,
                radius=area.h // 2,
                value=min(1.0, max(0.0, value)),
            )
        )

    def qr(self, area: Area, payload: str) -> None:
        side = min(area.w, area.h)
        x = area.x + (area.w - side) // 2
        y = area.y + (area.h - side) // 2
        self.add(Box("qr", (x, y, side, side), colour=(0, 0, 0), fill=(255, 255, 255), payload=payload))


def frame(canvas: Canvas) -> Area:
    """Draw the header, banner and footer; return the area left for the page's content."""
    w, h = canvas.size
    margin = canvas.px(3.6)
    screen = Area(margin, margin, w - 2 * margin, h - 2 * margin)
    header = _header(canvas, screen)
    footer = _footer(canvas, screen)
    content = Area(screen.x, header, screen.w, footer - header)
    banner = _banner(canvas, content)
    gap = canvas.px(2.6)
    return Area(content.x, banner + gap, content.w, max(0, footer - gap - banner - gap))


def _header(canvas: Canvas, screen: Area) -> int:
    view, theme = canvas.view, canvas.theme
    row = screen.top(header_height(canvas.u))
    now = view.board.now.astimezone(view.config.tz)
    clock = now.strftime("%H:%M:%S" if view.config.pages.clock_seconds else "%H:%M")
    clock_units = CLOCK
    clock_w = canvas.measure.width(clock, "bold", canvas.px(clock_units))
    canvas.text(row, clock, clock_units, theme.text, style="bold", factor=TIGHT, align="right", width=clock_w)
    day = f"{now:%A}"
    day_w = canvas.measure.width(day, "regular", canvas.px(3.2))
    gap = canvas.px(2)
    day_area = Area(row.right - clock_w - gap - day_w, row.y + _drop(canvas, clock_units, 3.2), day_w, row.h)
    canvas.text(day_area, day, 3.2, theme.muted, factor=TIGHT, align="right", width=day_w)
    left = Area(row.x, row.y, max(0, row.w - clock_w - day_w - 3 * gap), row.h)
    if theme.logo is not None:
        side = canvas.px(6)
        canvas.add(Box("logo", (left.x, left.y, side, side), payload=str(theme.logo)))
        left = Area(left.x + side + gap, left.y, max(0, left.w - side - gap), left.h)
    name_w = min(left.w, canvas.measure.width(view.config.event.name, "bold", canvas.px(4.4)))
    canvas.text(
        Area(left.x, left.y + _drop(canvas, clock_units, 4.4), left.w, left.h),
        view.config.event.name,
        4.4,
        theme.text,
        style="bold",
        factor=TIGHT,
        min_units=3.4,
    )
    if view.config.event.room:
        room_x = left.x + name_w + gap
        room = Area(room_x, left.y + _drop(canvas, clock_units, 3.2), max(0, left.right - room_x), left.h)
        if room.w > canvas.px(8):
            canvas.text(room, f"Room {view.config.event.room}", 3.2, theme.muted, factor=TIGHT)
    rule_y = row.bottom + canvas.px(1.2)
    canvas.add(Box("panel", (screen.x, rule_y, screen.w, canvas.px(0.3)), fill=theme.surface))
    return rule_y + canvas.px(0.3) + canvas.px(1.6)


def header_height(u: float) -> int:
    return text_height(1, max(1, round(CLOCK * u)), TIGHT)


def _drop(canvas: Canvas, big: float, small: float) -> int:
    """How far below a ``big`` line a ``small`` one starts so that both share a baseline."""
    from kiosk.layout.boxes import BASELINE

    return round(line_height(canvas.px(big), TIGHT) * BASELINE) - round(
        line_height(canvas.px(small), TIGHT) * BASELINE
    )


def _banner(canvas: Canvas, content: Area) -> int:
    """The announcement shown now, if any; several take turns by the part of the minute."""
    board, theme = canvas.view.board, canvas.theme
    if not board.announcements:
        return content.y
    count = len(board.announcements)
    text = board.announcements[board.now.second * count // 60 % count]
    pad = canvas.px(1.4)
    inner = Area(content.x + 2 * pad, content.y + pad, content.w - 4 * pad, canvas.px(12))
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    used = probe.text(inner, text, 3.4, theme.background, style="bold", lines=2, min_units=3.0)
    canvas.panel(
        Area(content.x, content.y, content.w, used + 2 * pad - round(probe.px(3.4) * 0.15)), theme.accent
    )
    canvas.boxes.extend(probe.boxes)
    return content.y + used + 2 * pad


def _footer(canvas: Canvas, screen: Area) -> int:
    view, theme = canvas.view, canvas.theme
    alarm = view.footer_stale or bool(view.warnings)
    units = ALARM if alarm else SMALLEST
    lines = 1
    height = text_height(lines, canvas.px(units), LOOSE)
    top = screen.bottom - height
    dot = canvas.px(1.5)
    dots_w = view.page_count * dot * 2 if view.page_count > 1 else 0
    if dots_w:
        canvas.add(
            Box(
                "dots",
                (screen.right - dots_w, top + (line_height(canvas.px(units), LOOSE) - dot) // 2, dots_w, dot),
                colour=theme.accent,
                fill=theme.surface,
                value=view.page_number - 1,
                count=view.page_count,
            )
        )
    text = " · ".join((view.footer, *view.warnings)) if view.footer else " · ".join(view.warnings)
    area = Area(screen.x, top, max(0, screen.w - dots_w - canvas.px(3)), height)
    if text:
        colour = theme.warning if alarm else theme.muted
        canvas.text(area, text, units, colour, style="bold" if alarm else "regular", lines=lines)
    return top
