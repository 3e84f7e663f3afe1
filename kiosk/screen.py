"""The pygame window or screen: opening it, losing it, and putting finished pages on it.

Only this module and ``app`` touch ``pygame.display``; the pages themselves are drawn elsewhere
onto ordinary surfaces, which makes them the same in ``snapshot`` and on the screen.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

import pygame

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


def keep_heap_small() -> None:
    """Fix glibc's mmap threshold, unless the environment already sets it; elsewhere do nothing."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError, TypeError):
        log.debug("no glibc mallopt here; the heap is left as it is")


class NoDisplay(Exception):
    pass


class Screen:
    """The display surface, reopened when it is lost; ``size`` is re-read every time it is used."""

    def __init__(self, *, windowed: bool, size: tuple[int, int] | None, rotate: int = 0) -> None:
        self.windowed = windowed
        self.requested = size
        self.rotate = rotate  # degrees clockwise that pages are turned on their way to the screen
        self.surface: pygame.Surface | None = None
        self.shown: pygame.Surface | None = None  # the last page put on screen, unturned
        self._mixed: pygame.Surface | None = None  # reused for crossfades on a turned screen

    def open(self) -> pygame.Surface:
        """Initialise the display and open the window; NoDisplay when there is none at all."""
        for name, value in LOW_MEMORY_HINTS.items():
            os.environ.setdefault(name, value)
        keep_heap_small()
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
        self._present(page)
        self.shown = page

    def blend(self, old: pygame.Surface, new: pygame.Surface, alpha: float) -> None:
        """One frame of a crossfade: ``alpha`` 0.0 shows only ``old``, 1.0 only ``new``."""
        if self.rotate:
            if self._mixed is None or self._mixed.get_size() != old.get_size():
                self._mixed = pygame.Surface(old.get_size())
            mixed = self._mixed
        else:
            mixed = self._surface()
        mixed.blit(old, (0, 0))
        new.set_alpha(round(255 * alpha))
        mixed.blit(new, (0, 0))
        new.set_alpha(None)
        if self.rotate:
            self._present(mixed)
        else:
            pygame.display.flip()

    def _surface(self) -> pygame.Surface:
        surface = self.current()
        if surface is None:
            raise pygame.error("the display surface is gone")
        return surface

    def _present(self, page: pygame.Surface) -> None:
        surface = self._surface()
        surface.blit(pygame.transform.rotate(page, -self.rotate) if self.rotate else page, (0, 0))
        pygame.display.flip()

    def close(self) -> None:
        pygame.display.quit()
