"""The SDL library pygame loaded is found where the process mapped it, not another copy by name."""

from pathlib import Path

import pygame

from kiosk.shell import sdl


def test_the_mapped_sdl_is_found_and_not_its_companions(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(
        "7f00-7f01 r-xp 0 08:01 1 /venv/pygame_ce.libs/libSDL2_ttf-2-e69a.0.so.0.2400.0\n"
        "7f02-7f03 r-xp 0 08:01 2 /venv/pygame_ce.libs/libSDL2-2-50d1.0.so.0.3200.10\n"
        "7f04-7f05 r-xp 0 08:01 3 /venv/pygame_ce.libs/libSDL2_image-2-d690.0.so.0.800.12\n",
        encoding="utf-8",
    )
    assert sdl.library_path(maps) == "/venv/pygame_ce.libs/libSDL2-2-50d1.0.so.0.3200.10"


def test_this_process_has_pygame_s_sdl() -> None:
    pygame.display.init()
    path = sdl.library_path()
    assert path is not None and "SDL2" in path
