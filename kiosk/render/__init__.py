"""Drawing a page: ``render(view, size)`` is the one path the screen loop and ``snapshot`` share.

Fonts load once; text lines, QR codes and logos are cached, so a redraw mostly blits surfaces.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

import pygame

from kiosk.layout import Box, Layout, Rect, View, layout
from kiosk.render import qr
from kiosk.render.fonts import Fonts
from kiosk.render.text import TextCache

LAYOUT_CACHE = 16

__all__ = ["Fonts", "Renderer", "draw", "render", "renderer"]


class Renderer:
    """Fonts, caches and the last layouts; one per process (see ``renderer()``)."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.text = TextCache(fonts)
        self._layouts: OrderedDict[tuple[View, tuple[int, int]], Layout] = OrderedDict()

    def layout(self, view: View, size: tuple[int, int]) -> Layout:
        key = (view, size)
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = layout(view, size, self.fonts)
            if len(self._layouts) > LAYOUT_CACHE:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return found

    def render(self, view: View, size: tuple[int, int]) -> pygame.Surface:
        return self.paint(self.layout(view, size))

    def paint(self, page: Layout) -> pygame.Surface:
        """``page``'s boxes drawn on a new Surface of its size."""
        surface = pygame.Surface(page.size)
        self.paint_over(page, surface)
        return surface

    def paint_over(self, page: Layout, surface: pygame.Surface, *areas: Rect | None) -> None:
        """``page`` drawn onto ``surface`` of its size; with ``areas``, inside them only: the boxes are
        drawn clipped to each in turn, and the rest of ``surface`` (an earlier page) is left as it is.
        The sized fonts are closed once it is painted."""
        self.text.fit_to(page.size)
        try:
            for area in areas or (None,):
                surface.set_clip(area)
                draw(surface, page, self)
        finally:
            surface.set_clip(None)
            self.fonts.close_sized()


@lru_cache(maxsize=1)
def renderer() -> Renderer:
    """The process's renderer, made on first use (initialises pygame's font modules)."""
    return Renderer(Fonts.load())


def render(view: View, size: tuple[int, int]) -> pygame.Surface:
    """``view`` drawn on a new Surface of ``size`` pixels."""
    return renderer().render(view, size)


def draw(surface: pygame.Surface, page: Layout, with_renderer: Renderer | None = None) -> None:
    """Paint ``page`` onto ``surface`` (its background first)."""
    r = with_renderer or renderer()
    surface.fill(page.background)
    for box in page.boxes:
        _DRAW[box.kind](surface, box, r)


def _panel(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    if box.fill is not None:
        pygame.draw.rect(surface, box.fill, box.rect, border_radius=box.radius)
    if box.border:
        pygame.draw.rect(surface, box.colour, box.rect, width=box.border, border_radius=box.radius)


def _text(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    x, y, w, _ = box.rect
    for i, line in enumerate(box.lines):
        image = r.text.line(line, box.style, box.size, box.line_height, box.colour, box.strike)
        left = x
        if box.align == "center":
            left = x + (w - image.get_width()) // 2
        elif box.align == "right":
            left = x + w - image.get_width()
        surface.blit(image, (left, y + i * box.line_height))


def _qr(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    x, y, w, h = box.rect
    image = qr.surface(box.payload, min(w, h), box.colour, box.fill or (255, 255, 255))
    surface.blit(image, (x + (w - image.get_width()) // 2, y + (h - image.get_height()) // 2))


def _progress(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    x, y, w, h = box.rect
    if box.fill is not None:
        pygame.draw.rect(surface, box.fill, box.rect, border_radius=box.radius)
    done = max(round(w * box.value), h)
    if box.value > 0:
        left = x + w - done if box.align == "right" else x  # a right-to-left page fills from the right
        pygame.draw.rect(surface, box.colour, (left, y, done, h), border_radius=box.radius)


def _dots(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    x, y, w, h = box.rect
    step = w // max(1, box.count)
    for i in range(box.count):
        colour = box.colour if i == int(box.value) else (box.fill or box.colour)
        place = box.count - 1 - i if box.align == "right" else i  # a right-to-left page counts from the right
        pygame.draw.circle(surface, colour, (x + place * step + step // 2, y + h // 2), h // 2)


@lru_cache(maxsize=4)
def _logo(path: str, side: int) -> pygame.Surface | None:
    try:
        image = pygame.image.load(path)
    except (pygame.error, OSError, FileNotFoundError):
        return None  # a broken logo file leaves the header without it rather than stop the board
    scale = side / max(image.get_width(), image.get_height())
    size = (max(1, round(image.get_width() * scale)), max(1, round(image.get_height() * scale)))
    return pygame.transform.smoothscale(
        image.convert_alpha() if pygame.display.get_init() and pygame.display.get_surface() else image, size
    )


def _logo_box(surface: pygame.Surface, box: Box, r: Renderer) -> None:
    x, y, w, h = box.rect
    image = _logo(box.payload, min(w, h))
    if image is not None:
        surface.blit(image, (x + (w - image.get_width()) // 2, y + (h - image.get_height()) // 2))


_DRAW = {"panel": _panel, "text": _text, "qr": _qr, "progress": _progress, "dots": _dots, "logo": _logo_box}
