"""The screen loop: events, page rotation, live config, and a redraw only when something visible changed.

``Kiosk.step()`` is one turn of the loop and returns how long nothing can change, so the loop
sleeps instead of drawing; tests call ``step()`` with an injected clock and SDL's dummy driver.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import pygame

from kiosk import hours, rotation, scene, status
from kiosk.config import Config
from kiosk.liveconfig import LiveConfig
from kiosk.model import Snapshot
from kiosk.notify import Notifier
from kiosk.screen import NO_DISPLAY, NoDisplay, Screen

log = logging.getLogger("kiosk.app")

IDLE_SLICE = 0.25  # longest sleep between looks at the keyboard and the window
FRAME = 1 / 40  # crossfade frame time (≥ 30 fps during a transition only)
SNAPSHOT_EVERY = 0.5  # seconds between looks at the poller's snapshot
CONFIG_EVERY = 2.0  # seconds between looks at the config file
RETRY_DISPLAY = 5.0  # seconds between attempts to get a lost display back


class Source(Protocol):
    def start(self) -> None: ...
    def snapshot(self) -> Snapshot: ...
    def refresh(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...


@dataclass
class Fade:
    new: pygame.Surface
    started: float
    level: float = 0.0  # how far the screen has gone from the old page to the new one


class Kiosk:
    def __init__(
        self,
        live: LiveConfig,
        screen: Screen,
        source_for: Callable[[Config], Source],
        clock: Callable[[], datetime] | None = None,
        notifier: Notifier | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.live = live
        self.screen = screen
        self._source_for = source_for
        self._clock = clock
        self.notifier = notifier or Notifier()
        self._monotonic = monotonic
        self.source = source_for(live.config)
        self.source.start()
        now = self.now()
        self.started = now
        self.rotation = rotation.begin(live.config.pages.order, now)
        self.snapshot = self.source.snapshot()
        self.frame: scene.Frame | None = None
        self.drawn: tuple[scene.Frame, tuple[int, int]] | None = None
        self.frames = 0
        self._parts_for: tuple[scene.Frame, tuple[int, int], int] | None = None
        self.running = True
        self._fade: Fade | None = None
        self._due = now
        self._looked_at_source = self._looked_at_config = monotonic()
        self._status_due = now
        self._display_lost_at: float | None = None

    @property
    def config(self) -> Config:
        return self.live.config

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.config.tz)

    def step(self) -> float:
        """One turn of the loop; returns the seconds until something could next change."""
        tick = self._monotonic()
        self._handle_events()
        self._look_at_config(tick)
        self._look_at_source(tick)
        now = self.now()
        if self._display_lost_at is not None and not self._regain_display(tick):
            return RETRY_DISPLAY
        if self._fade is not None:
            self._fade_on(tick)
        elif self.frame is None or now >= self._due:
            self._compose(now)
        self._draw_if_changed(tick)
        self.notifier.watchdog()
        if now >= self._status_due:
            self._write_status(now)
        if self._fade is not None:
            return FRAME
        wait = (self._due - now).total_seconds()
        ping = self.notifier.seconds_to_ping()
        return max(0.0, min(wait, ping) if ping is not None else wait)

    def run(self) -> None:
        while self.running:
            wait = self.step()
            if self.running and wait > 0:
                time.sleep(min(wait, IDLE_SLICE))

    def stop(self) -> None:
        self.running = False
        self.notifier.stopping()
        self.source.stop()
        log.info("stopped after %d frames", self.frames)

    # --- inputs -----------------------------------------------------------------------------

    def _handle_events(self) -> None:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                log.info("window closed")
                self.running = False
            elif event.type == pygame.KEYDOWN:
                self._key(event.key)
            elif event.type in RESIZE_EVENTS:
                self.drawn = None  # the next frame is laid out afresh at the surface's new size

    def _key(self, key: int) -> None:
        now, parts = self.now(), self._parts()
        if key in (pygame.K_q, pygame.K_ESCAPE):
            log.info("quit from the keyboard")
            self.running = False
            return
        if key == pygame.K_RIGHT:
            self.rotation = rotation.forward(self.rotation, now, parts)
        elif key == pygame.K_LEFT:
            self.rotation = rotation.back(self.rotation, now, parts)
        elif key == pygame.K_SPACE:
            self.rotation = rotation.toggle_pause(self.rotation, now)
            log.info("rotation %s", "paused" if self.rotation.paused else "resumed")
        elif key == pygame.K_r:
            log.info("fetching the schedule now")
            self.source.refresh()
            return
        else:
            return
        self.frame = None

    def _look_at_config(self, tick: float) -> None:
        if tick - self._looked_at_config < CONFIG_EVERY and not self.live.asked:
            return
        self._looked_at_config = tick
        before, warning = self.config, self.live.warning
        new = self.live.poll()
        if new is not None:
            if scene.source_changed(before, new):
                self.source.stop()
                self.source = self._source_for(new)
                self.source.start()
                self.snapshot = self.source.snapshot()
            self.rotation = rotation.reorder(self.rotation, new.pages.order, self.now())
            self.screen.rotate = new.display.rotate
        if new is not None or self.live.warning != warning:
            self.frame = None

    def _look_at_source(self, tick: float) -> None:
        if tick - self._looked_at_source < SNAPSHOT_EVERY:
            return
        self._looked_at_source = tick
        snapshot = self.source.snapshot()
        if snapshot is not self.snapshot:
            self.snapshot = snapshot
            self.frame = None

    # --- drawing ----------------------------------------------------------------------------

    def _parts(self) -> int:
        size = self.screen.size
        if self.frame is None or size is None:
            return 1
        # Counting parts lays the day out; remember it for the frame and size it was counted for.
        if self._parts_for is None or self._parts_for[:2] != (self.frame, size):
            self._parts_for = (self.frame, size, scene.parts(self.frame, size))
        return self._parts_for[2]

    def _describe(self) -> str:
        assert self.frame is not None
        return scene.describe(self.frame, self._parts())

    def _compose(self, now: datetime) -> None:
        config = self.config
        self.rotation = rotation.tick(self.rotation, now, config.pages.seconds, self._parts())
        warnings = (self.live.warning,) if self.live.warning else ()
        self.frame = scene.compose_safely(config, self.snapshot, now, self.rotation, warnings)
        self._due = scene.next_change(config, self.frame, now, self.rotation, self._parts())

    def _draw_if_changed(self, tick: float) -> None:
        size = self.screen.size
        if self.frame is None or size is None or self._fade is not None:
            return
        if self.drawn == (self.frame, size):
            return
        self.frame, page = scene.draw_safely(self.config, self.frame, size)
        try:
            if self.drawn is not None and scene.turns_page(self.drawn[0], self.frame, self.config):
                self._fade = Fade(new=page, started=tick)
            else:
                self.screen.show(page)
        except pygame.error as error:
            self._lose_display(tick, error)
            return
        first = self.drawn is None and self.frames == 0
        self.drawn = (self.frame, size)
        self.frames += 1
        log.debug("frame %d: %s at %dx%d", self.frames, self._describe(), *size)
        if first:
            self.notifier.ready(self._describe())
        else:
            self.notifier.status(self._describe())

    def _fade_on(self, tick: float) -> None:
        assert self._fade is not None
        length = self.config.pages.transition_seconds
        alpha = min(1.0, (tick - self._fade.started) / length) if length > 0 else 1.0
        try:
            self.screen.fade(self._fade.new, self._fade.level, alpha)
            self._fade.level = alpha
        except pygame.error as error:
            self._lose_display(tick, error)
        if alpha >= 1.0 or self._display_lost_at is not None:
            self._fade = None

    def _lose_display(self, tick: float, error: pygame.error) -> None:
        log.warning("display lost (%s); retrying every %.0f s", error, RETRY_DISPLAY)
        self.notifier.status("display lost, retrying")
        self._display_lost_at = tick
        self._fade = None
        self.drawn = None

    def _regain_display(self, tick: float) -> bool:
        if tick - self._display_lost_at < RETRY_DISPLAY:  # type: ignore[operator]
            return False
        try:
            self.screen.reopen()
        except pygame.error as error:
            log.debug("display still missing: %s", error)
            self._display_lost_at = tick
            return False
        self._display_lost_at = None
        return True

    def _write_status(self, now: datetime) -> None:
        self._status_due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        facts = status.Facts(
            started=self.started,
            page=self.rotation.page if self.frame is None else self._describe(),
            screen_on=hours.is_on(self.config.display, now),
            frames=self.frames,
            size=self.screen.size,
            warnings=(self.live.warning,) if self.live.warning else (),
        )
        record = status.record(facts, self.snapshot, now, pid=os.getpid(), rss=status.rss_bytes())
        try:
            status.write(self.config.cache.dir / status.FILE_NAME, record)
        except OSError as error:
            log.warning("cannot write the status file: %s", error)


RESIZE_EVENTS = frozenset(
    {
        pygame.VIDEORESIZE,
        pygame.VIDEOEXPOSE,
        pygame.WINDOWSIZECHANGED,
        pygame.WINDOWEXPOSED,
        pygame.WINDOWRESTORED,
        pygame.WINDOWDISPLAYCHANGED,
    }
)


def run(config: Config, *, windowed: bool, size: tuple[int, int] | None, verbose: bool) -> int:
    """Show the board until quit; the exit code for the command line."""
    from kiosk.source import make_sources

    if verbose:
        logging.getLogger("kiosk").setLevel(logging.DEBUG)
    screen = Screen(windowed=windowed, size=size, rotate=config.display.rotate)
    try:
        screen.open()
    except NoDisplay as error:
        log.debug("display init failed: %s", error)
        print(f"open-spaces-kiosk: {NO_DISPLAY}", file=sys.stderr)
        return 2
    live = LiveConfig(config)
    live.install_sighup()
    kiosk = Kiosk(live, screen, source_for=lambda c: make_sources(c))
    try:
        kiosk.run()
    except KeyboardInterrupt:
        log.info("interrupted")
    finally:
        kiosk.stop()
        screen.close()
    return 0
