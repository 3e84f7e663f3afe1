import os

# The screen path runs through SDL's do-nothing drivers in tests: no window, no sound. Set before
# anything imports pygame, which reads PYGAME_HIDE_SUPPORT_PROMPT when it is imported.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from schedule_server import ScheduleServer
from screens import SIZE, opened

from kiosk.render.fonts import Fonts
from kiosk.shell.screen import Screen


@pytest.fixture(autouse=True)
def _dummy_video(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def server() -> Iterator[ScheduleServer]:
    """A real HTTP server on 127.0.0.1 (``tests/schedule_server.py``): set ``server.routes``."""
    with ScheduleServer() as running:
        yield running


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    """The board's fonts, loaded once per test file: what layout measures with and render draws with."""
    return Fonts.load()


@pytest.fixture
def open_screen() -> Iterator[Callable[..., Screen]]:
    """Opens the kiosk's Screen (``tests/screens.py``): ``open_screen(size, rotate)``; all closed after."""
    with ExitStack() as stack:

        def open_one(size: tuple[int, int] = SIZE, rotate: int = 0) -> Screen:
            return stack.enter_context(opened(size, rotate))

        yield open_one


@pytest.fixture
def screen(open_screen: Callable[..., Screen]) -> Screen:
    """The kiosk's Screen at 640x360, upright."""
    return open_screen()
