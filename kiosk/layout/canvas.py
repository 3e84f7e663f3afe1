"""The canvas pages are built on, and the chrome every page shares: header, announcement banner and
footer (``chrome``). "Frame" is kept for what the screen shows (``scene.Frame``).

Sizes come from one unit, ``u`` = a hundredth of the screen's shorter side, so a page looks the same
at 1280×720, 3840×2160 and in portrait; type never goes below ``SMALLEST`` units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.config import ThemeConfig
from kiosk.layout.boxes import BASELINE, TAIL, Align, Box, Colour, Measure, Rect, Style, View
from kiosk.layout.direction import is_rtl
from kiosk.layout.fit import Fitted, fit
from kiosk.layout.fit import whole as whole_text

SMALLEST = 2.4  # units: the footer; nothing is set smaller
TIGHT = 1.18  # line height of titles, in font sizes
LOOSE = 1.3  # line height of running text
ALARM = 3.0  # units: the footer when something is wrong, to be read from across the hall
CLOCK = 5.4  # units: the clock, the largest thing in the header
MARGIN = 3.6  # units: around the screen
BANNER_PAD = 1.4  # units: around the announcement
ALARM_PAD = 1.0  # units: space around the text of the warning bar


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


def _tallest(
    measure: Measure,
    text: str,
    style: Style,
    start: int,
    smallest: int,
    width: int,
    lines: int,
    height: int,
    factor: float,
) -> Fitted:
    """``text`` at the largest size from ``start`` down to ``smallest`` at which it fits whole in
    ``height`` pixels (at most ``lines`` lines), else cut at ``smallest``."""
    current = start
    while True:
        room = min(lines, max(0, (height - round(current * TAIL)) // max(1, line_height(current, factor))))
        fitted = fit(measure, text, style, current, width, room, current)
        if current <= smallest or (fitted.lines and whole_text(list(fitted.lines), text)):
            return fitted
        current = max(smallest, int(current * 0.92))


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
        self.words = view.config.words
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
        whole: bool = False,
        flow: bool = True,
    ) -> int:
        """Fit ``text`` at the top of ``area`` and place it; returns the height used (0 when none fits,
        or with ``whole`` when it would be cut short). Right-to-left text on a left-to-right page is
        aligned right (on a right-to-left page everything is, once the page is mirrored), unless
        ``flow`` is off: text that sits in a row with other text keeps its place."""
        if flow and align == "left" and not self.words.rtl and is_rtl(text):
            align = "right"
        size = self.px(units)
        smallest = self.px(max(SMALLEST, min_units if min_units is not None else units))
        room = max(0, (area.h - round(smallest * TAIL)) // max(1, line_height(smallest, factor)))
        fitted = fit(self.measure, text, style, size, width or area.w, min(lines, room), min(size, smallest))
        if not fitted.lines:
            return 0
        height = text_height(len(fitted.lines), fitted.size, factor)
        if height > area.h:
            # Shrinking bought lines that the area cannot hold at that size: the largest smaller size at
            # which the text fits whole in the lines the area holds at it, else cut at the smallest.
            fitted = _tallest(
                self.measure, text, style, fitted.size, smallest, width or area.w, lines, area.h, factor
            )
            height = text_height(len(fitted.lines), fitted.size, factor)
            if not fitted.lines or height > area.h:
                return 0
        if whole and not whole_text(list(fitted.lines), text):
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


def chrome(canvas: Canvas) -> Area:
    """Draw the header, banner and footer; return the area left for the page's content."""
    w, h = canvas.size
    margin = canvas.px(MARGIN)
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
    words = canvas.words
    now = view.board.now.astimezone(view.config.tz)
    clock = words.time(now, seconds=view.config.pages.clock_seconds)
    clock_w = canvas.measure.width(clock, "bold", canvas.px(CLOCK))
    canvas.text(row, clock, CLOCK, theme.text, style="bold", factor=TIGHT, align="right", width=clock_w)
    gap = canvas.px(2)
    left = Area(row.x, row.y, max(0, row.w - clock_w - gap), row.h)
    if theme.logo is not None:
        side = canvas.px(6)
        canvas.add(Box("logo", (left.x, left.y, side, side), payload=str(theme.logo)))
        left = Area(left.x + side + gap, left.y, max(0, left.w - side - gap), left.h)
    name = view.config.event.name
    name_w = canvas.measure.width(name, "bold", canvas.px(4.4))
    room = words("room", "Room {room}", room=view.config.event.room) if view.config.event.room else ""
    # The room says which door this board belongs to, so it keeps its full width; the weekday goes
    # first when the row is narrow, then the event name shrinks.
    room_w = canvas.measure.width(room, "regular", canvas.px(3.2)) if room else 0
    day = words.weekday(now)
    day_w = canvas.measure.width(day, "regular", canvas.px(3.2))
    needed = name_w + (room_w + gap if room else 0) + day_w + gap
    if needed <= left.w:
        day_area = Area(left.right - day_w, row.y + _drop(canvas, CLOCK, 3.2), day_w, row.h)
        canvas.text(day_area, day, 3.2, theme.muted, factor=TIGHT, align="right", width=day_w)
    room_w = min(room_w, left.w)
    name_area = Area(left.x, left.y + _drop(canvas, CLOCK, 4.4), max(0, left.w - room_w - gap), left.h)
    used_w = 0
    if name_area.w > canvas.px(8) and canvas.text(
        name_area, name, 4.4, theme.text, style="bold", factor=TIGHT, min_units=3.4, flow=False
    ):
        used_w = canvas.boxes[-1].rect[2] + gap  # the name's own width, once shrunk or cut
    if room:
        room_area = Area(left.x + used_w, row.y + _drop(canvas, CLOCK, 3.2), room_w, row.h)
        canvas.text(room_area, room, 3.2, theme.muted, factor=TIGHT, flow=False)
    rule_y = row.bottom + canvas.px(1.2)
    canvas.add(Box("panel", (screen.x, rule_y, screen.w, canvas.px(0.3)), fill=theme.surface))
    return rule_y + canvas.px(0.3) + canvas.px(1.6)


def header_height(u: float) -> int:
    return text_height(1, max(1, round(CLOCK * u)), TIGHT)


def _drop(canvas: Canvas, big: float, small: float) -> int:
    """How far below a ``big`` line a ``small`` one starts so that both share a baseline."""
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
    pad = canvas.px(BANNER_PAD)
    inner = Area(content.x + 2 * pad, content.y + pad, content.w - 4 * pad, canvas.px(12))
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    used = probe.text(inner, text, 3.4, theme.background, style="bold", lines=2, min_units=3.0)
    canvas.panel(
        Area(content.x, content.y, content.w, used + 2 * pad - round(probe.px(3.4) * 0.15)), theme.accent
    )
    canvas.boxes.extend(probe.boxes)
    return content.y + used + 2 * pad


def _footer(canvas: Canvas, screen: Area) -> int:
    """The freshness line; when the schedule is stale or something is wrong, a warning bar of up to
    two lines in large bold type, to be read from across the hall."""
    view, theme = canvas.view, canvas.theme
    alarm = view.footer_stale or bool(view.warnings)
    units = ALARM if alarm else SMALLEST
    dot = canvas.px(1.5)
    dots_w = view.page_count * dot * 2 if view.page_count > 1 else 0
    text_w = max(0, screen.w - dots_w - (canvas.px(3) if dots_w else 0))
    if not alarm:
        height = text_height(1, canvas.px(units), LOOSE)
        top = screen.bottom - height
        if view.footer:
            canvas.text(Area(screen.x, top, text_w, height), view.footer, units, theme.muted)
    else:
        pad_x, pad_y = canvas.px(2), canvas.px(ALARM_PAD)
        text = " · ".join(part for part in (view.footer, *view.warnings) if part)
        probe = Canvas(view, canvas.size, canvas.measure)
        lines = alarm_lines(canvas.size)
        inner = Area(
            screen.x + pad_x, 0, max(0, text_w - 2 * pad_x), text_height(lines, canvas.px(units), TIGHT)
        )
        # A long message gets a little smaller before it is cut: the reason matters to the facilitator.
        used = probe.text(
            inner, text, units, theme.background, style="bold", lines=lines, min_units=2.6, factor=TIGHT
        )
        height = used + 2 * pad_y
        top = screen.bottom - height
        canvas.panel(Area(screen.x, top, text_w, height), theme.warning, radius=1.0)
        canvas.boxes.extend(replace(box, rect=_down(box.rect, top + pad_y)) for box in probe.boxes)
    if dots_w:
        middle = top + height // 2
        canvas.add(
            Box(
                "dots",
                (screen.right - dots_w, middle - dot // 2, dots_w, dot),
                colour=theme.accent,
                fill=theme.surface,
                value=view.page_number - 1,
                count=view.page_count,
            )
        )
    return top


def _down(rect: Rect, y: int) -> Rect:
    x, old_y, w, h = rect
    return (x, old_y + y, w, h)


def alarm_lines(size: tuple[int, int]) -> int:
    """Lines the warning bar may take: a portrait screen is narrow but has height to spare."""
    return 4 if size[1] > size[0] else 2


def footer_height(size: tuple[int, int]) -> int:
    """The most the footer can take: the warning bar at its most lines."""
    u = min(size) / 100
    return text_height(alarm_lines(size), max(1, round(ALARM * u)), TIGHT) + 2 * max(1, round(ALARM_PAD * u))


def banner_height(measure: Measure, size: tuple[int, int], announcements: tuple[str, ...]) -> int:
    """The most the announcement banner takes at ``size`` while its announcements take turns."""
    if not announcements:
        return 0
    u = min(size) / 100

    def px(units: float) -> int:
        return max(1, round(units * u))

    width = size[0] - 2 * px(MARGIN) - 4 * px(BANNER_PAD)
    lines = max(len(fit(measure, text, "bold", px(3.4), width, 2, px(3.0)).lines) for text in announcements)
    return text_height(max(1, lines), px(3.4), LOOSE) + 2 * px(BANNER_PAD)


def header_bottom(u: float) -> int:
    """Where the header (with its rule) ends, below the top margin."""
    return header_height(u) + max(1, round(1.2 * u)) + max(1, round(0.3 * u)) + max(1, round(1.6 * u))
