"""The SDL library that pygame loaded, for the few calls pygame does not wrap.

pygame-ce's wheel bundles its own SDL under a mangled name; the calls must reach that same copy (its
event queue, its windows), so it is found in the process's own mappings, and only then by name.
"""

from __future__ import annotations

import ctypes.util
import re
from pathlib import Path

_SDL = re.compile(r"/libSDL2-[^/]*\.so[^/]*$")  # SDL itself, not SDL_image, SDL_ttf or SDL_mixer


def library_path(maps: Path = Path("/proc/self/maps")) -> str | None:
    """The file of the SDL that this process loaded; None when it cannot be found."""
    try:
        lines = maps.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    loaded = sorted({line.split()[-1] for line in lines if _SDL.search(line)})
    return loaded[0] if loaded else ctypes.util.find_library("SDL2")
