"""The pygame window or screen: opening it, losing it, and putting finished pages on it.

Only this module and ``app`` touch ``pygame.display``; the pages themselves are drawn elsewhere
onto ordinary surfaces, which makes them the same in ``snapshot`` and on the screen.
"""

from __future__ import annotations

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


class NoDisplay(Exception):
    pass


class Screen:
    """The display surface, reopened when it is lost; ``size`` is re-read every time it is used."""

    def __init__(self, *, windowed: bool, size: tuple[int, int] | None) -> None:
        self.windowed = windowed
        self.requested = size
        self.surface: pygame.Surface | None = None

    def open(self) -> pygame.Surface:
        """Initialise the display and open the window; NoDisplay when there is none at all."""
        for name, value in LOW_MEMORY_HINTS.items():
            os.environ.setdefault(name, value)
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
        surface = self.current()
        return surface.get_size() if surface is not None else None

    def show(self, page: pygame.Surface) -> None:
        surface = self.current()
        if surface is None:
            raise pygame.error("the display surface is gone")
        surface.blit(page, (0, 0))
        pygame.display.flip()

    def blend(self, old: pygame.Surface, new: pygame.Surface, alpha: float) -> None:
        """One frame of a crossfade: ``alpha`` 0.0 shows only ``old``, 1.0 only ``new``."""
        surface = self.current()
        if surface is None:
            raise pygame.error("the display surface is gone")
        surface.blit(old, (0, 0))
        new.set_alpha(round(255 * alpha))
        surface.blit(new, (0, 0))
        new.set_alpha(None)
        pygame.display.flip()

    def close(self) -> None:
        pygame.display.quit()
