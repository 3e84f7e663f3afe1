import socket
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import configs
import pygame
import pytest
from doubles import T0, TZ, Clocks, FixedSource

from kiosk.board.display_hours import OffHours
from kiosk.config import DEFAULT_CONFIG, Config, DisplayConfig, load
from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.layout import Layout, Rect, View
from kiosk.render import Renderer
from kiosk.render.fallback import Fallback
from kiosk.shell import app, paint, start
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.screen import Screen


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    write_config(path, seconds=3600)
    return path


def write_config(path: Path, seconds: float | str) -> None:
    configs.kiosk_toml(
        path.parent,
        name=path.name,
        event={"timezone": "Asia/Kolkata"},
        source={"url": DEFAULT_CONFIG.parent / "demo-schedule.json"},
        pages={"seconds": seconds, "transition_seconds": 0},
    )


def kiosk(config: Config, screen: Screen, clocks: Clocks, notifier: Notifier | None = None) -> app.Kiosk:
    s = Session("Typing in anger", T0 - timedelta(minutes=5), T0 + timedelta(minutes=25), host="Ana")
    source = FixedSource(Latest(reading=Reading("json", Schedule(sessions=(s,))), fetched_at=T0))
    return app.Kiosk(
        LiveConfig(config),
        screen,
        source_for=lambda c: source,
        clock=clocks,
        notifier=notifier or Notifier({}),
        monotonic=clocks.monotonic,
    )


def test_redraws_only_when_something_visible_changed(config_file: Path, screen: Screen) -> None:
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    assert k.frames == 1
    for _ in range(20):
        clocks.advance(2.5)  # to 11:00:55, still the same minute
        wait = k.step()
        assert 0 < wait <= 60
    assert k.frames == 1
    clocks.advance(5)  # 11:01:00
    k.step()
    assert k.frames == 2
    k.step()
    assert k.frames == 2


def test_the_page_turns_when_due_and_by_keys(config_file: Path, screen: Screen) -> None:
    clocks = Clocks()
    k = kiosk(replace(load(config_file), pages=replace(load(config_file).pages, seconds=15)), screen, clocks)
    k.step()
    assert k.rotation.page == "now"
    clocks.advance(15)
    k.step()
    assert (k.rotation.page, k.frames) == ("today", 2)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT))
    k.step()
    assert (k.rotation.page, k.frames) == ("now", 3)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE))
    k.step()
    clocks.advance(120)
    k.step()
    assert k.rotation.paused and k.rotation.page == "now"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r))
    k.step()
    assert k.source.refreshed == 1  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q))
    k.step()
    assert not k.running


def fading(config_file: Path, screen: Screen, clocks: Clocks) -> app.Kiosk:
    """A kiosk whose pages turn every 15 s with a 0.4 s crossfade."""
    config = load(config_file)
    return kiosk(
        replace(config, pages=replace(config.pages, seconds=15, transition_seconds=0.4)), screen, clocks
    )


def test_pages_crossfade(config_file: Path, screen: Screen) -> None:
    clocks = Clocks()
    k = fading(config_file, screen, clocks)
    k.step()
    clocks.advance(15)
    assert k.step() == app.FRAME  # the fade runs at the frame rate
    assert k._fade is not None and k._fade.new.get_flags() & pygame.SRCALPHA  # blended by pygame-ce's SIMD
    clocks.advance(0.2)
    assert k.step() == app.FRAME
    clocks.advance(0.25)
    assert k.step() > app.FRAME  # done: back to sleeping
    assert k.frames == 2


@pytest.mark.parametrize("rotate", [0, 90])
def test_after_each_crossfade_the_screen_shows_the_new_page_as_if_drawn_whole(
    config_file: Path, open_screen: Callable[..., Screen], rotate: int
) -> None:
    screen = open_screen((640, 360), rotate)
    clocks = Clocks()
    k = fading(config_file, screen, clocks)
    k.step()
    canvases, areas = set(), []
    for _ in range(4):
        clocks.advance(15)
        k.step()
        assert k._fade is not None
        canvases.add(id(k._fade.new))
        areas.append(k._fade.area)
        clocks.advance(0.2)
        k.step()
        clocks.advance(0.25)
        k.step()
        assert k._fade is None and k.drawn is not None
        size = screen.size
        assert size is not None
        whole = paint.draw(k.drawn[0], size)
        expected = pygame.transform.rotate(whole, -rotate) if rotate else whole
        shown = pygame.image.tobytes(pygame.display.get_surface(), "RGB")
        assert shown == pygame.image.tobytes(expected, "RGB")
    assert len(canvases) == 1  # every turn's page drawn on the one canvas
    assert all(area is not None and area[3] < size[1] for area in areas)  # each drawn where it changed
    canvas = k.canvas.surface(size)  # its memory handed back: what it held reads as clear pixels
    corners = {tuple(canvas.get_at((x, y))) for x in (0, size[0] // 2) for y in (0, size[1] // 2)}
    assert corners == {(0, 0, 0, 0)}


def test_a_page_that_fails_to_draw_at_a_turn_gives_the_whole_screen_to_the_plain_page(
    config_file: Path, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    clocks = Clocks()
    k = fading(config_file, screen, clocks)
    k.step()
    paint_over = Renderer.paint_over

    def broken(self: Renderer, page: Layout, surface: pygame.Surface, *areas: Rect | None) -> None:
        paint_over(self, page, surface, *areas)
        if surface is k.canvas.surface(page.size):
            raise ValueError("A null character was found in the text")

    monkeypatch.setattr(Renderer, "paint_over", broken)
    clocks.advance(15)
    k.step()
    clocks.advance(0.5)
    k.step()
    assert isinstance(k.frame, Fallback) and "null character" in k.frame.reason
    assert k._fade is None and k.running
    whole = paint.draw(k.frame, (640, 360))
    assert pygame.image.tobytes(pygame.display.get_surface(), "RGB") == pygame.image.tobytes(whole, "RGB")
    canvas = k.canvas.surface((640, 360))  # what the failed page drew on the canvas is let go
    assert {tuple(canvas.get_at((x, 200))) for x in range(0, 640, 40)} == {(0, 0, 0, 0)}


def test_the_heap_is_trimmed_as_a_crossfade_ends(
    config_file: Path, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    trims: list[bool] = []
    clocks = Clocks()
    k = fading(config_file, screen, clocks)
    monkeypatch.setattr(app, "trim_heap", lambda: trims.append(k._fade is None))
    k.step()
    clocks.advance(15)
    k.step()
    clocks.advance(0.2)
    k.step()
    assert trims == []  # not while the page fades in
    clocks.advance(0.25)
    k.step()
    assert trims == [True]  # once, with the faded-in page let go


def test_systemd_hears_ready_watchdog_and_stopping(config_file: Path, screen: Screen, tmp_path: Path) -> None:
    path = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        sock.settimeout(0.5)
        clocks = Clocks()
        env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"}
        k = kiosk(load(config_file), screen, clocks, Notifier(env, monotonic=clocks.monotonic))
        assert k.step() <= 1.0  # never sleeps past the next ping
        assert sock.recv(4096).decode().startswith("READY=1\nSTATUS=now")
        clocks.advance(1.0)
        k.step()
        assert sock.recv(4096) == b"WATCHDOG=1"
        k.stop()
        assert sock.recv(4096) == b"STOPPING=1"
        assert k.source.stopped  # type: ignore[attr-defined]


def test_a_resized_window_gets_a_frame_at_its_new_size(config_file: Path, screen: Screen) -> None:
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    assert k.drawn is not None and k.drawn[1] == (640, 360)
    pygame.display.set_mode((800, 600), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600))
    k.step()
    assert k.frames == 2
    assert k.drawn is not None and k.drawn[1] == (800, 600)


def test_config_edits_apply_live_and_bad_ones_are_shown(config_file: Path, screen: Screen) -> None:
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    write_config(config_file, seconds=45)
    k.live.request_reload()
    k.step()
    assert k.config.pages.seconds == 45
    write_config(config_file, seconds="often")
    k.live.request_reload()
    k.step()
    assert k.config.pages.seconds == 45
    assert isinstance(k.frame, View)
    assert any(w.startswith("Config not applied:") and "[pages] seconds" in w for w in k.frame.warnings)


@pytest.mark.parametrize(("blank", "text"), [(False, "Open Spaces resume tomorrow at 10:30"), (True, "")])
def test_off_hours_page(config_file: Path, screen: Screen, blank: bool, text: str) -> None:
    clocks = Clocks()
    clocks.now = datetime(2026, 12, 5, 22, 0, tzinfo=TZ)
    config = load(config_file)
    config = replace(config, display=DisplayConfig(on=time(8, 0), off=time(19, 0), blank=blank))
    k = kiosk(config, screen, clocks)
    tomorrow = Session(
        "Packaging", datetime(2026, 12, 6, 10, 30, tzinfo=TZ), datetime(2026, 12, 6, 11, tzinfo=TZ)
    )
    k.source.snap = Latest(reading=Reading("json", Schedule(sessions=(tomorrow,))))  # type: ignore[attr-defined]
    k.latest = k.source.latest()
    k.step()
    assert isinstance(k.frame, OffHours) and k.frame.text == text
    surface = pygame.display.get_surface()
    assert max(surface.get_at((x, y)).r for x in range(0, 640, 16) for y in range(0, 360, 16)) < 90
    clocks.now = datetime(2026, 12, 6, 8, 0, tzinfo=TZ)  # wakes by itself
    k.step()
    assert isinstance(k.frame, View)


def test_sigterm_as_a_page_is_drawn_ends_the_run_and_is_not_shown_as_a_page_that_failed(
    config_file: Path, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    k = kiosk(load(config_file), screen, Clocks())

    def terminated(*args: object, **kwargs: object) -> pygame.Surface:
        raise start.Terminated  # what the SIGTERM handler raises, wherever the loop is

    monkeypatch.setattr(paint, "render", terminated)
    with pytest.raises(start.Terminated):
        k.step()
    assert k.frames == 0


def test_no_display_is_one_line_and_exit_2(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pygame.display.quit()
    monkeypatch.setenv("SDL_VIDEODRIVER", "no-such-driver")
    assert start.run(load(config_file), windowed=False, size=None, verbose=False) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err and "snapshot" in err


@pytest.mark.parametrize(
    ("rotate", "landing"),
    [
        # Display point: the point of the 360×640 page that lands there (tests/test_screen.py shows
        # the corners of each turn).
        (90, {(5, 5): (5, 634), (320, 180): (180, 319), (600, 300): (300, 39), (100, 330): (330, 539)}),
        (270, {(5, 5): (354, 5), (320, 180): (179, 320), (600, 300): (59, 600), (100, 330): (29, 100)}),
    ],
)
def test_a_screen_on_its_side_gets_portrait_pages_turned_onto_it(
    config_file: Path,
    open_screen: Callable[..., Screen],
    rotate: int,
    landing: dict[tuple[int, int], tuple[int, int]],
) -> None:
    turned = open_screen((640, 360), rotate)
    k = kiosk(load(config_file), turned, Clocks())
    k.step()
    assert k.drawn is not None and k.drawn[1] == (360, 640)
    display = pygame.display.get_surface()
    assert display.get_size() == (640, 360)
    drawn = paint.draw(k.drawn[0], (360, 640))
    for point, source in landing.items():
        assert display.get_at(point) == drawn.get_at(source)


@pytest.mark.parametrize("flags", [0, pygame.SRCALPHA])  # a page drawn to be faded has an alpha channel
@pytest.mark.parametrize("rotate", [0, 90])
def test_a_crossfade_blends_the_new_page_onto_the_screen(
    open_screen: Callable[..., Screen], rotate: int, flags: int
) -> None:
    screen = open_screen((400, 320), rotate)
    size = screen.size
    assert size is not None
    old, new = pygame.Surface(size), pygame.Surface(size, flags)
    old.fill((0, 0, 0))
    new.fill((200, 100, 50))
    screen.show(old)
    display = pygame.display.get_surface()
    for before, after in [(0.0, 0.25), (0.25, 0.5)]:
        screen.fade(new, before, after)
    assert display.get_at((10, 10))[:3] == pytest.approx((100, 50, 25), abs=3)
    screen.fade(new, 0.5, 1.0)
    assert display.get_at((10, 10))[:3] == (200, 100, 50)


def test_a_screen_switched_off_and_on_ends_the_run_for_a_restart(config_file: Path, screen: Screen) -> None:
    from kiosk.shell.drm import Replug

    tree = screen.drm = config_file.parent / "drm"
    (tree / "card1-HDMI-A-1").mkdir(parents=True)
    status = tree / "card1-HDMI-A-1" / "status"
    status.write_text("connected\n", encoding="ascii")
    screen.replug = Replug(tree, every=2.0)
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    status.write_text("disconnected\n", encoding="ascii")
    for _ in range(3):
        clocks.advance(2)
        k.step()
    assert k.running and k.frames == 1
    status.write_text("connected\n", encoding="ascii")
    clocks.advance(2)
    k.step()
    assert not k.running and k.exit_code == app.EXIT_REPLUGGED == 75


@pytest.mark.parametrize("rotate", [0, 90])
def test_the_minutes_redraw_paints_in_place_what_changed_and_the_screen_shows_the_whole_new_page(
    config_file: Path, open_screen: Callable[..., Screen], monkeypatch: pytest.MonkeyPatch, rotate: int
) -> None:
    screen = open_screen((640, 360), rotate)
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    wholes: list[object] = []
    whole = paint.draw_safely
    monkeypatch.setattr(paint, "draw_safely", lambda *a, **kw: wholes.append(a[1]) or whole(*a, **kw))
    updated: list[object] = []
    update = pygame.display.update
    monkeypatch.setattr(pygame.display, "update", lambda *a: updated.append(a) or update(*a))
    clocks.advance(60)  # the clock and "25 min left" change; the page stays
    k.step()
    assert k.frames == 2 and isinstance(k.drawn[0], View) and k.drawn[0].page == "now"
    # An upright screen is drawn in place, a part of it; a turned one is drawn whole and turned.
    assert (wholes, len(updated)) == (([], 1) if rotate == 0 else ([k.drawn[0]], 0))
    size = screen.size
    assert size is not None
    expected = paint.draw(k.drawn[0], size)
    if rotate:
        expected = pygame.transform.rotate(expected, -rotate)
    assert pygame.image.tobytes(pygame.display.get_surface(), "RGB") == pygame.image.tobytes(expected, "RGB")


def test_a_page_drawn_at_another_size_is_drawn_whole_not_over(
    config_file: Path, open_screen: Callable[..., Screen]
) -> None:
    screen = open_screen((640, 360), 90)
    clocks = Clocks()
    k = kiosk(load(config_file), screen, clocks)
    k.step()
    screen.rotate = 0  # the config turned the screen upright: pages are 640x360 now, not 360x640
    clocks.advance(60)
    k.step()
    assert k.frames == 2 and k.drawn is not None and k.drawn[1] == (640, 360)
    expected = paint.draw(k.drawn[0], (640, 360))
    assert pygame.image.tobytes(pygame.display.get_surface(), "RGB") == pygame.image.tobytes(expected, "RGB")
