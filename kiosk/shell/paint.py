"""Frames drawn with the process's renderer (its fonts and layout cache): the impure half of ``scene``.

``frame_for`` and ``draw_safely`` are the one way a page reaches pixels, for the screen and for
``snapshot`` alike; a frame that fails to draw is replaced by the plain fallback page.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from kiosk.board import carousel
from kiosk.board.display_hours import OffHours
from kiosk.config import Config
from kiosk.core.model import Latest
from kiosk.layout import Layout, Rect, View
from kiosk.layout.offhours import off_hours_page
from kiosk.render import render, renderer
from kiosk.render.fallback import Fallback, draw_fallback
from kiosk.shell import scene
from kiosk.shell.fade import Canvas
from kiosk.shell.scene import Frame
from kiosk.shell.screen import Screen


def frame_for(
    config: Config,
    latest: Latest,
    now: datetime,
    state: carousel.Rotation,
    warnings: tuple[str, ...],
    size: tuple[int, int] | None,
    skip: frozenset[str] | None = None,
) -> tuple[Frame, int]:
    """The frame of the rotation's page at ``now`` and how many parts that page takes at ``size``;
    ``draw_safely`` then draws it. ``skip``: the empty pages, when the caller has worked them out."""
    frame = scene.compose_safely(config, latest, now, state, warnings, skip)
    return frame, parts(frame, size) if size is not None else 1


def parts(frame: Frame, size: tuple[int, int]) -> int:
    """How many screens the frame's page takes at ``size``, measured with the renderer's fonts."""
    return scene.parts(frame, size, renderer().fonts)


def changed_area(old: Frame, new: Frame, size: tuple[int, int]) -> Rect | None:
    """Where ``new`` differs from ``old`` at ``size``; None (the whole screen) unless both are laid-out
    pages."""
    both = _laid_out(old, new, size)
    return scene.changed_area(*both, size) if both else None


def _laid_out(old: Frame, new: Frame, size: tuple[int, int]) -> tuple[Layout, Layout] | None:
    """Both frames laid out at ``size``; None unless both are pages that lay out."""
    if not isinstance(old, View) or not isinstance(new, View):
        return None
    drawing = renderer()
    try:
        return drawing.layout(old, size), drawing.layout(new, size)
    except Exception:
        return None  # drawing the page failed too: it is a fallback page, drawn whole


def draw_over(screen: Screen, old: Frame, new: Frame, size: tuple[int, int]) -> bool:
    """Draw ``new`` straight onto the screen where it differs from ``old``, which the screen shows;
    False, having drawn nothing that stays, when it must be drawn whole instead (another page, one
    that is not laid out, a turned screen, a changed background, a box that fails to draw).

    The minute's redraw (the clock, "in 19 min") changes a few boxes: drawn in place it takes no page
    of its own (8 MiB at 1920x1080) and paints a fraction of the screen, each place that changed on
    its own (``scene.changed_areas``). Raises ``pygame.error`` when the display is gone.
    """
    if screen.rotate or not isinstance(old, View) or not isinstance(new, View):
        return False
    if (old.page, old.part) != (new.page, new.part):
        return False  # another page: most of the screen changes, and it is drawn whole
    both = _laid_out(old, new, size)
    areas = scene.changed_areas(*both, size) if both else None
    if both is None or areas is None:
        return False
    surface = screen.drawing_surface()
    try:
        renderer().paint_over(both[1], surface, *areas)
    except Exception:
        return False  # draw_safely draws it whole, or the plain page if it fails there too
    screen.update(areas)
    return True


def draw(
    frame: Frame, size: tuple[int, int], *, canvas: Canvas | None = None, area: Rect | None = None
) -> pygame.Surface:
    """``frame`` drawn at ``size`` on a new surface; with ``canvas``, on the canvas, for a crossfade,
    and only inside ``area`` there when it is given (a plain page is drawn whole on a surface of its
    own all the same)."""
    if isinstance(frame, Fallback):
        return draw_fallback(frame, size)
    if isinstance(frame, View) and canvas is None:
        return render(frame, size)
    drawing = renderer()
    page = (
        off_hours_page(frame, size, drawing.fonts)
        if isinstance(frame, OffHours)
        else drawing.layout(frame, size)
    )
    if canvas is None:
        return drawing.paint(page)
    surface = canvas.surface(size)
    drawing.paint_over(page, surface, area)
    return surface


def draw_safely(
    config: Config,
    frame: Frame,
    size: tuple[int, int],
    *,
    canvas: Canvas | None = None,
    area: Rect | None = None,
) -> tuple[Frame, pygame.Surface]:
    """``draw``, or the fallback page drawn whole instead when drawing ``frame`` fails; the frame drawn."""
    try:
        return frame, draw(frame, size, canvas=canvas, area=area)
    except Exception as error:
        if isinstance(frame, Fallback):
            raise
        page = frame.page if isinstance(frame, View) else "off hours"
        shown = scene.failed(config, page, "draw", error)
        return shown, draw_fallback(shown, size)
