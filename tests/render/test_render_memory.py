"""Memory bounds of the drawing path: text lines kept by the bytes of their pixels, glibc's heap tuned.

The figures behind them come from bench/endurance.py and bench/idle_cost.py.

``kiosk.render.text``'s cache and the heap tuning of ``kiosk.shell.screen``, the drawing path's two
memory bounds.
"""

from __future__ import annotations

import ctypes
import os
import platform
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from kiosk.render import renderer
from kiosk.render.text import SCREENS_OF_TEXT, TextCache
from kiosk.shell import screen


def pixels(cache: TextCache) -> int:
    return sum(s.get_pitch() * s.get_height() for s in cache._lines.values())


@pytest.fixture
def cache() -> TextCache:
    return TextCache(renderer().fonts, budget=400_000)


def test_a_day_of_new_titles_stays_within_the_budget(cache: TextCache) -> None:
    for number in range(300):
        cache.line(f"Session {number}: a title renamed again", "bold", 48, 60, (255, 255, 255))
    assert 0 < cache.used <= cache.budget
    assert cache.used == pixels(cache)
    assert len(cache._lines) < 300


def test_the_lines_last_used_are_kept(cache: TextCache) -> None:
    first = cache.line("Now: packaging", "bold", 48, 60, (255, 255, 255))
    for number in range(300):
        cache.line(f"Later {number}", "regular", 48, 60, (255, 255, 255))
        assert cache.line("Now: packaging", "bold", 48, 60, (255, 255, 255)) is first


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)])
def test_the_budget_follows_the_screen(cache: TextCache, size: tuple[int, int]) -> None:
    cache.line("Open slot", "regular", 40, 50, (255, 255, 255))
    cache.fit_to(size)
    assert cache.budget == SCREENS_OF_TEXT * size[0] * size[1] * 4
    assert cache.used == pixels(cache) <= cache.budget


def test_a_budget_smaller_than_one_line_still_keeps_that_line() -> None:
    tiny = TextCache(renderer().fonts, budget=1)
    line = tiny.line("Propose a topic", "bold", 64, 80, (0, 0, 0))
    assert isinstance(line, pygame.Surface)
    assert tiny.line("Propose a topic", "bold", 64, 80, (0, 0, 0)) is line


class FakeLibc:
    def __init__(self, calls: list[tuple[Any, ...]]) -> None:
        self.calls = calls

    def mallopt(self, *args: Any) -> int:
        self.calls.append(args)
        return 1


@pytest.fixture
def fresh_libc() -> Iterator[None]:
    screen.libc.cache_clear()
    yield
    screen.libc.cache_clear()


@pytest.mark.parametrize(("preset", "expected"), [(None, [(-3, 131072)]), ("65536", [])])
def test_the_heap_threshold_is_fixed_unless_the_user_set_it(
    monkeypatch: pytest.MonkeyPatch, fresh_libc: None, preset: str | None, expected: list[tuple[int, int]]
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(screen.ctypes, "CDLL", lambda name: FakeLibc(calls))
    if preset is None:
        monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    else:
        monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", preset)
    screen.keep_heap_small()
    assert calls == expected


def test_without_mallopt_nothing_breaks(monkeypatch: pytest.MonkeyPatch, fresh_libc: None) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setattr(screen.ctypes, "CDLL", lambda name: object())
    screen.keep_heap_small()
    screen.trim_heap()


def _anonymous_kib() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("RssAnon:")).split()[1])


GLIBC = Path("/proc/self/status").exists() and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's; elsewhere trim_heap does nothing")
def test_trimming_gives_back_heap_pages_freed_in_its_middle(fresh_libc: None) -> None:
    c = screen.libc()
    c.malloc.restype = ctypes.c_void_p
    c.free.argtypes = [ctypes.c_void_p]
    blocks = [c.malloc(4000) for _ in range(8000)]  # 31 MiB, each block under the mmap threshold
    for block in blocks:
        ctypes.memset(block, 1, 4000)
    for block in blocks[:-1]:
        c.free(block)  # the last block holds the heap's top: glibc keeps the pages below it
    before = _anonymous_kib()
    screen.trim_heap()
    after = _anonymous_kib()
    c.free(blocks[-1])
    assert before - after > 20 * 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="RSS is read from /proc")
def test_a_released_canvas_holds_no_memory_and_takes_a_new_page_as_before() -> None:
    from kiosk.shell.fade import Canvas

    canvas = Canvas()
    surface = canvas.surface((1920, 1080))
    surface.fill((16, 24, 32))
    drawn = _anonymous_kib()
    canvas.release()
    released = _anonymous_kib()
    assert drawn - released > 7 * 1024  # of the 7.9 MiB of pixels
    assert canvas.surface((1920, 1080)) is surface
    assert tuple(surface.get_at((960, 540))) == (0, 0, 0, 0)
    surface.fill((200, 100, 50), (900, 500, 100, 100))
    assert tuple(surface.get_at((960, 540))) == (200, 100, 50, 255)
    assert tuple(surface.get_at((10, 10))) == (0, 0, 0, 0)
    assert _anonymous_kib() - released < 1024  # only the pages drawn on come back


def test_open_fonts_are_bounded_least_recently_used_first() -> None:
    from kiosk.render.fonts import CHAIN, MAX_FONTS, Fonts

    fonts = Fonts.load()
    face = CHAIN[0]
    first = fonts.font(face, False, 10)
    for size in range(11, 11 + MAX_FONTS):
        fonts.font(face, False, size)
        fonts.font(face, False, 11)  # kept in use
    assert len(fonts._fonts) == MAX_FONTS
    assert fonts.font(face, False, 11) is fonts.font(face, False, 11)
    assert fonts.font(face, False, 10) is not first  # the least recently used was closed and reopened


def _printed_by_a_fresh_kiosk_process(code: str) -> list[str]:
    """The lines ``code`` prints, run by a new Python under SDL's dummy driver."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_the_running_kiosk_does_not_load_pillow() -> None:
    code = (
        "import sys\n"
        "import kiosk.shell.app, kiosk.fetch.source\n"
        "from kiosk.layout.qrgrid import matrix\n"
        "assert len(matrix('https://example.org/propose')) >= 21\n"
        "print(sorted(m for m in sys.modules if m == 'PIL' or m.startswith('PIL.')))\n"
        "import PIL.Image\n"
    )
    assert _printed_by_a_fresh_kiosk_process(code)[-1] == "[]"


def test_drawing_every_page_of_a_file_source_maps_neither_openssl_nor_sdl_mixer(tmp_path: Path) -> None:
    # Nor, with no [strings] in the config, Babel's catalogue reader and its template.
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "from kiosk.config import PAGES\n"
        "import kiosk.shell.app, kiosk.fetch.source\n"
        "for page in PAGES:\n"
        f"    assert main(['snapshot', '--page', page, '--output', '{tmp_path}/' + page + '.png']) == 0\n"
        "maps = open('/proc/self/maps').read()\n"
        "print([lib for lib in ('libcrypto', 'libssl', 'SDL2_mixer', 'fluidsynth') if lib in maps])\n"
        "loaded = ('hashlib', 'ssl', 'requests', 'secrets', 'babel.messages.pofile')\n"
        "print(sorted(m for m in loaded if m in sys.modules))\n"
    )
    assert _printed_by_a_fresh_kiosk_process(code)[-2:] == ["[]", "[]"]


def test_kept_lines_are_run_length_encoded_and_draw_the_same(cache: TextCache) -> None:
    line = cache.line("Packaging 🐍", "bold", 48, 60, (255, 200, 0))
    page = pygame.Surface((400, 100))
    page.fill((0, 0, 0))
    page.blit(line, (0, 0))
    assert line.get_flags() & pygame.RLEACCEL  # encoded at its first blit
    solid = [
        (x, y)
        for x in range(line.get_width())
        for y in range(line.get_height())
        if line.get_at((x, y)).a == 255
    ]
    assert solid and all(page.get_at(point)[:3] == line.get_at(point)[:3] for point in solid)


def test_sized_fonts_are_closed_once_a_page_is_painted_and_open_again_for_a_new_string() -> None:
    from kiosk.layout import Box, Layout

    drawing = renderer()
    box = Box("text", (0, 0, 600, 80), colour=(255, 255, 255), lines=("Packaging",), size=48, line_height=60)
    drawing.paint(Layout(size=(640, 100), background=(0, 0, 0), boxes=(box,)))
    assert not drawing.fonts._fonts
    assert drawing.fonts.width("Packaging", "regular", 48) > drawing.fonts.width("Pack", "regular", 48)
    assert len(drawing.fonts._fonts) == 1  # "Pack" was new: its size was opened again to measure it


def test_fallback_fonts_are_closed_once_a_page_is_painted() -> None:
    from kiosk.layout import Box, Layout

    drawing = renderer()
    primary = drawing.fonts.chain[0].regular
    for title in ("Snakes 🐍 and पाइथन", "Ladders 🎉 and தமிழ்"):
        box = Box("text", (0, 0, 600, 80), colour=(255, 255, 255), lines=(title,), size=48, line_height=60)
        drawing.fonts.width(title, "regular", 48)
        assert any(key[0] != primary for key in drawing.fonts._fonts)  # measuring opened them
        surface = drawing.paint(Layout(size=(640, 100), background=(0, 0, 0), boxes=(box,)))
        assert all(key[0] == primary for key in drawing.fonts._fonts)
        lit = sum(surface.get_at((x, 40)).r > 128 for x in range(0, 600, 2))
        assert lit > 10
