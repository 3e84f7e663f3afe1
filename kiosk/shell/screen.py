"""The pygame window or screen: opening it, losing it, and putting finished pages on it.

Only this module and ``app`` touch ``pygame.display``; the pages themselves are drawn elsewhere
onto ordinary surfaces, which makes them the same in ``snapshot`` and on the screen.
"""

from __future__ import annotations

import ctypes
import logging
import mmap
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pygame

from kiosk.shell.drm import DRM, Replug, point_sdl_at_screen

log = logging.getLogger(__name__)

NO_DISPLAY = (
    "no display: run it on a screen, set SDL_VIDEODRIVER (e.g. kmsdrm on a Raspberry Pi), "
    "or use `open-spaces-kiosk snapshot`"
)

# Without a GPU-backed renderer SDL's framebuffer would load a software OpenGL stack to present
# frames: about 116 MiB PSS for a bare window against 29 MiB with plain software blits.
LOW_MEMORY_HINTS = {"SDL_FRAMEBUFFER_ACCELERATION": "0"}


# glibc raises its threshold for giving memory straight back to the system to the largest block
# freed, so after the first page-sized surface is freed every later one is carved from the heap,
# which seldom shrinks. Fixed at glibc's default, pages and large text lines get mappings of their
# own that are returned when freed: about 11 MiB less PSS at 1920x1080 (bench/idle_cost.py).
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


@cache
def libc() -> Any:
    """The C library's functions, looked up in the running program (``dlopen(NULL)``), where it is
    loaded already: ``ctypes.util.find_library`` would run ``ldconfig -p`` in a process of its own
    each time it is asked (1.2 ms of CPU)."""
    return ctypes.CDLL(None)


def keep_heap_small() -> None:
    """Fix glibc's mmap threshold, unless the environment already sets it; elsewhere do nothing."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    try:
        libc().mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError, TypeError):
        log.debug("no glibc mallopt here; the heap is left as it is")


def trim_heap() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim); elsewhere do nothing.

    Lines and layouts of a page drawn are freed in the middle of the heap, whose pages glibc keeps
    unless asked; the loop asks as a page turn's crossfade ends and once a minute. Asking takes
    0.03 ms when there is nothing to give back.
    """
    try:
        libc().malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        log.debug("no glibc malloc_trim here; the heap is left as it is")


def release_pixels(surface: pygame.Surface) -> bool:
    """Hand the memory of ``surface``'s pixels back to the system, keeping the surface; they read as
    clear (0, 0, 0, 0) until drawn again, the kernel mapping in a zeroed page where one is touched.
    False, having done nothing, where the C library has no ``madvise``.

    The whole pages inside the pixels are given back (``madvise(MADV_DONTNEED)``, as glibc's
    ``malloc_trim`` gives back free memory in the middle of the heap); the allocator's own words
    around them are left alone.
    """
    advice = getattr(mmap, "MADV_DONTNEED", None)
    size = mmap.PAGESIZE
    first = surface._pixels_address
    start = -(-first // size) * size
    end = (first + surface.get_pitch() * surface.get_height()) // size * size
    if advice is None or end <= start:
        return False
    try:
        madvise = libc().madvise
        madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
        return bool(madvise(start, end - start, advice) == 0)
    except (OSError, AttributeError, TypeError):
        log.debug("no madvise here; the surface keeps its memory")
        return False


class NoDisplay(Exception):
    pass


class Screen:
    """The display surface, reopened when it is lost; ``size`` is re-read every time it is used."""

    def __init__(
        self, *, windowed: bool, size: tuple[int, int] | None, rotate: int = 0, drm: Path = DRM
    ) -> None:
        self.windowed = windowed
        self.requested = size
        self.rotate = rotate  # degrees clockwise that pages are turned on their way to the screen
        self.surface: pygame.Surface | None = None
        self._turned: tuple[pygame.Surface, pygame.Surface] | None = None  # (page, turned) during a fade
        self.drm = drm
        self.replug: Replug | None = None  # on a console (kmsdrm): notices a screen plugged in again

    def open(self) -> pygame.Surface:
        """Initialise the display and open the window; NoDisplay when there is none at all."""
        for name, value in LOW_MEMORY_HINTS.items():
            os.environ.setdefault(name, value)
        keep_heap_small()
        if os.environ.get("SDL_VIDEODRIVER") == "kmsdrm":
            point_sdl_at_screen(os.environ, self.drm)
            self.replug = Replug(self.drm)
        try:
            pygame.display.init()
            pygame.font.init()
            return self.reopen()
        except pygame.error as error:
            raise NoDisplay(str(error)) from None

    def reopen(self) -> pygame.Surface:
        if self.windowed:
            surface = pygame.display.set_mode(self.requested or (1280, 720), pygame.RESIZABLE)
        else:
            surface = pygame.display.set_mode(self.requested or (0, 0), pygame.FULLSCREEN)
        pygame.display.set_caption("Open Spaces")
        pygame.mouse.set_visible(False)
        self.surface = surface
        log.info("display open at %dx%d (%s)", *surface.get_size(), pygame.display.get_driver())
        return surface

    def plugged_in(self, tick: float) -> frozenset[str]:
        """Connectors that a screen was plugged into (or switched on at) since the last look."""
        return self.replug.look(tick) if self.replug is not None else frozenset()

    def current(self) -> pygame.Surface | None:
        """The surface to draw on now (it changes when the window is resized or the screen replaced)."""
        self.surface = pygame.display.get_surface()
        return self.surface

    @property
    def size(self) -> tuple[int, int] | None:
        """The size pages are drawn at: the screen's, with the sides swapped on a screen turned 90°."""
        surface = self.current()
        if surface is None:
            return None
        width, height = surface.get_size()
        return (height, width) if self.rotate in (90, 270) else (width, height)

    def show(self, page: pygame.Surface) -> None:
        self._turned = None
        surface = self._surface()
        surface.blit(pygame.transform.rotate(page, -self.rotate) if self.rotate else page, (0, 0))
        pygame.display.flip()

    def drawing_surface(self) -> pygame.Surface:
        """The display surface, to draw a page onto in place (an unturned screen only)."""
        self._turned = None
        return self._surface()

    def update(self, areas: Sequence[tuple[int, int, int, int]]) -> None:
        """Show what was drawn in ``areas`` of the display surface."""
        pygame.display.update([pygame.Rect(area) for area in areas])

    def fade(
        self, page: pygame.Surface, before: float, after: float, area: tuple[int, int, int, int] | None = None
    ) -> None:
        """One frame of a crossfade to ``page``: the screen was ``before`` of the way there, now ``after``.

        The page is blended onto what the screen shows, so no copy of the old page is kept: blending
        with weight (after - before) / (1 - before) takes a mix at ``before`` to a mix at ``after``.
        Only ``area`` of the page (where it differs from the screen, and all of the page that need be
        drawn) is blended and sent to the display, the last frame included; without an area the last
        frame puts the whole page up.
        """
        done = after >= 1.0 or before >= 1.0
        if done and area is None:
            self.show(page)
            return
        if self.rotate and (before <= 0.0 or self._turned is None or self._turned[0] is not page):
            self._turned = (page, pygame.transform.rotate(page, -self.rotate))
        source = self._turned[1] if self.rotate and self._turned else page
        if not done:
            source.set_alpha(round(255 * (after - before) / (1.0 - before)))
        try:
            if area is None:
                self._surface().blit(source, (0, 0))
                pygame.display.flip()
            else:
                region = pygame.Rect(turned_rect(area, page.get_size(), self.rotate))
                self._surface().blit(source, region.topleft, region)
                pygame.display.update(region)
        finally:
            source.set_alpha(None)
        if done:
            self._turned = None

    def _surface(self) -> pygame.Surface:
        surface = self.current()
        if surface is None:
            raise pygame.error("the display surface is gone")
        return surface

    def close(self) -> None:
        pygame.display.quit()


def turned_rect(
    rect: tuple[int, int, int, int], size: tuple[int, int], rotate: int
) -> tuple[int, int, int, int]:
    """Where ``rect`` of a page of ``size`` lands once the page is turned ``rotate`` degrees clockwise."""
    x, y, w, h = rect
    width, height = size
    if rotate == 90:
        return (height - y - h, x, h, w)
    if rotate == 180:
        return (width - x - w, height - y - h, w, h)
    if rotate == 270:
        return (y, width - x - w, h, w)
    return rect
