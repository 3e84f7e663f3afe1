import os
from collections.abc import Iterator

import pytest
from schedule_server import ScheduleServer

# The screen path runs through SDL's do-nothing drivers in tests: no window, no sound.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def _dummy_video(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def server() -> Iterator[ScheduleServer]:
    """A real HTTP server on 127.0.0.1 (``tests/schedule_server.py``): set ``server.routes``."""
    with ScheduleServer() as running:
        yield running
