"""The screen loop: events, page rotation, live config, and a redraw only when something visible changed.

``Kiosk.step()`` is one turn of the loop and returns how long nothing can change, so the loop
sleeps instead of drawing; tests call ``step()`` with an injected clock and SDL's dummy driver.

Two clocks: the wall clock (``now``) is what the board shows and compares with the schedule; every
wait — the next redraw, how long a page has been up, the status file's minute — is measured on the
monotonic clock (``tick``), which no NTP step or hand-set clock moves. A step of the wall clock is
noticed at the next turn and the board is recomposed at once.
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

from kiosk.board import carousel as rotation
from kiosk.board import display_hours as hours
from kiosk.config import Config
from kiosk.core.model import Snapshot
from kiosk.fetch.freshness import duration
from kiosk.layout import Rect
from kiosk.shell import remote, scene, status
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.remote.link import NEXT_PAGE, REFRESH, Link
from kiosk.shell.screen import NO_DISPLAY, NoDisplay, Screen, trim_heap

log = logging.getLogger("kiosk.shell.app")

IDLE_SLICE = 0.25  # longest sleep between looks at the keyboard and the window
FRAME = 1 / 30  # crossfade frame time (≥ 25 fps measured, during a transition only)
SNAPSHOT_EVERY = 0.5  # seconds between looks at the poller's snapshot
CONFIG_EVERY = 2.0  # seconds between looks at the config file
# EX_TEMPFAIL: a screen was plugged in again; systemd (Restart=always) starts the kiosk afresh on it.
EXIT_REPLUGGED = 75
RETRY_DISPLAY = 5.0  # seconds between attempts to get a lost display back
CLOCK_STEP = 2.0  # seconds the wall clock may gain or lose on the monotonic one between turns
STUCK_AFTER = 120.0  # seconds without recomposing (the clock changes each minute) before the watchdog starves


class Source(Protocol):
    def start(self) -> None: ...
    def snapshot(self) -> Snapshot: ...
    def refresh(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...


@dataclass
class Fade:
    new: pygame.Surface
    started: float
    area: Rect | None  # where the new page differs from the one on screen (None: everywhere)
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
        link: Link | None = None,
    ) -> None:
        self.live = live
        self.link = link or Link()
        self.screen = screen
        self._source_for = source_for
        self._clock = clock
        self.notifier = notifier or Notifier()
        self._monotonic = monotonic
        self.source = source_for(live.config)
        self.source.start()
        now, tick = self.now(), monotonic()
        self._started_tick = tick  # uptime is monotonic time since here
        self.rotation = rotation.begin(live.config.pages.order, tick)
        self.snapshot = self.source.snapshot()
        self.frame: scene.Frame | None = None
        self.drawn: tuple[scene.Frame, tuple[int, int]] | None = None
        self.frames = 0
        self._parts_for: tuple[scene.Frame, tuple[int, int], int] | None = None
        self.running = True
        self.exit_code = 0
        self._fade: Fade | None = None
        self._due = tick  # the monotonic tick of the next recompose
        self._composed_at = tick
        self._stuck = False
        self._seen = (now, tick)  # both clocks at the last turn, to notice a step of the wall clock
        self._looked_at_source = self._looked_at_config = tick
        self._status_due = tick
        self._display_lost_at: float | None = None
        self._published: tuple[int, Snapshot | None] = (0, None)

    @property
    def config(self) -> Config:
        return self.live.config

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.config.tz)

    def step(self) -> float:
        """One turn of the loop; returns the seconds until something could next change."""
        tick, now = self._monotonic(), self.now()
        self._notice_clock_step(now, tick)
        self._handle_events()
        if self._replugged(tick):
            return 0.0
        self._obey_remote()
        self._look_at_config(tick)
        self._look_at_source(tick)
        if self._display_lost_at is not None and not self._regain_display(tick):
            return RETRY_DISPLAY
        if self._fade is not None:
            self._fade_on(tick)
        elif self.frame is None or tick >= self._due:
            self._compose(now, tick)
        self._draw_if_changed(tick)
        self._share(now, tick)
        self._feed_watchdog(tick)
        if tick >= self._status_due:
            self._write_status(now, tick)
        if self._fade is not None:
            return max(0.0, FRAME - (self._monotonic() - tick))  # the frame's time, less its work
        wait = self._due - tick
        ping = None if self._stuck else self.notifier.seconds_to_ping()
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
        if key in (pygame.K_q, pygame.K_ESCAPE):
            log.info("quit from the keyboard")
            self.running = False
        elif key == pygame.K_RIGHT:
            self.next_page()
        elif key == pygame.K_LEFT:
            self.previous_page()
        elif key == pygame.K_SPACE:
            self.toggle_pause()
        elif key == pygame.K_r:
            self.refresh()

    # --- actions (keys, and anything else that drives the board) ---------------------------

    def next_page(self) -> None:
        self.rotation = rotation.forward(self.rotation, self._monotonic(), self._parts(), self._skip())
        self.frame = None

    def previous_page(self) -> None:
        self.rotation = rotation.back(self.rotation, self._monotonic(), self._parts(), self._skip())
        self.frame = None

    def _skip(self) -> frozenset[str]:
        """The pages with nothing to show now, passed over by the rotation."""
        return scene.empty_pages(self.config, self.snapshot, self.now())

    def toggle_pause(self) -> None:
        self.rotation = rotation.toggle_pause(self.rotation, self._monotonic())
        log.info("rotation %s", "paused" if self.rotation.paused else "resumed")
        self.frame = None

    def refresh(self) -> None:
        log.info("fetching the schedule now")
        self.source.refresh()

    def _obey_remote(self) -> None:
        """The remote page's buttons, queued by its threads: they do what the keys do."""
        for command in self.link.commands():
            log.info("remote: %s", command)
            if command == NEXT_PAGE:
                self.next_page()
            elif command == REFRESH:
                self.refresh()

    def _notice_clock_step(self, now: datetime, tick: float) -> None:
        then, then_tick = self._seen
        self._seen = (now, tick)
        stepped = (now - then).total_seconds() - (tick - then_tick)
        if abs(stepped) <= CLOCK_STEP:
            return
        log.warning("the clock stepped %s %s", "forward" if stepped > 0 else "back", duration(abs(stepped)))
        # Everything read off the wall clock is read again: the header's clock, the on/off hours, the
        # footer's ages, the clock warning (and the server's Date, asked for afresh).
        self.rotation = rotation.restart(self.rotation, tick)
        self.frame = None
        self._status_due = tick
        self.source.refresh()

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
            self.rotation = rotation.reorder(self.rotation, new.pages.order, tick)
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
        if size is None:
            return 1
        if self.frame is None:
            # Dropped to be composed again (a key, a new schedule): the count last laid out at this size
            # stands until then, or the page would fall back to its first part. A part beyond the first
            # only ever belongs to the page that was on screen.
            return self._parts_for[2] if self._parts_for is not None and self._parts_for[1] == size else 1
        # Counting parts lays the day out; remember it for the frame and size it was counted for.
        if self._parts_for is None or self._parts_for[:2] != (self.frame, size):
            self._parts_for = (self.frame, size, scene.parts(self.frame, size))
        return self._parts_for[2]

    def _describe(self) -> str:
        assert self.frame is not None
        return scene.describe(self.frame, self._parts())

    def _compose(self, now: datetime, tick: float) -> None:
        config = self.config
        skip = scene.empty_pages(config, self.snapshot, now)
        self.rotation = rotation.tick(self.rotation, tick, config.pages.seconds, self._parts(), skip)
        warnings = (self.live.warning,) if self.live.warning else ()
        size = self.screen.size
        self.frame, parts = scene.frame_for(
            config, self.snapshot.as_of(now, tick), now, self.rotation, warnings, size
        )
        if size is not None:
            self._parts_for = (self.frame, size, parts)
        wall = tick + max(0.0, (scene.next_change(config, now) - now).total_seconds())
        page = scene.page_due(config, self.frame, self.rotation, self._parts(), skip)
        self._due = wall if page is None else min(wall, page)
        self._composed_at = tick

    def _feed_watchdog(self, tick: float) -> None:
        """Ping systemd's watchdog only while the board is recomposed as often as its clock needs."""
        stuck = tick - self._composed_at > STUCK_AFTER
        if stuck and not self._stuck:
            log.error(
                "the board has not been recomposed for %.0f s; no longer pinging the watchdog",
                tick - self._composed_at,
            )
        self._stuck = stuck
        if not stuck:
            self.notifier.watchdog()

    def _draw_if_changed(self, tick: float) -> None:
        size = self.screen.size
        if self.frame is None or size is None or self._fade is not None:
            return
        if self.drawn == (self.frame, size):
            return
        self.frame, page = scene.draw_safely(self.config, self.frame, size)
        try:
            if self.drawn is not None and scene.turns_page(self.drawn[0], self.frame, self.config):
                area = scene.changed_area(self.drawn[0], self.frame, size)
                self._fade = Fade(new=page, started=tick, area=area)
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
            self.screen.fade(self._fade.new, self._fade.level, alpha, self._fade.area)
            self._fade.level = alpha
        except pygame.error as error:
            self._lose_display(tick, error)
        if alpha >= 1.0 or self._display_lost_at is not None:
            self._fade = None

    def _replugged(self, tick: float) -> bool:
        plugged = self.screen.plugged_in(tick)
        if plugged:
            log.warning("screen connected on %s: exiting to start afresh on it", ", ".join(sorted(plugged)))
            self.exit_code = EXIT_REPLUGGED
            self.running = False
        return bool(plugged)

    def _lose_display(self, tick: float, error: pygame.error) -> None:
        log.warning("display lost (%s); retrying every %.0f s", error, RETRY_DISPLAY)
        self.notifier.status("display lost, retrying")
        self._display_lost_at = tick
        self._fade = None
        self.drawn = None
        self.link.display_lost()

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
        self.link.display_regained()
        return True

    def _facts(self, now: datetime, tick: float) -> status.Facts:
        return status.Facts(
            started=now - timedelta(seconds=tick - self._started_tick),
            page=self.rotation.page if self.frame is None else self._describe(),
            screen_on=hours.is_on(self.config.display, now),
            frames=self.frames,
            size=self.screen.size,
            warnings=(self.live.warning,) if self.live.warning else (),
        )

    def _share(self, now: datetime, tick: float) -> None:
        """Publish a new frame or snapshot to the remote, and copy the screen when it asked for one."""
        if self._published[0] != self.frames or self._published[1] is not self.snapshot:
            self._published = (self.frames, self.snapshot)
            self.link.publish(self._facts(now, tick), self.snapshot)
        if self.link.capture_wanted and self._fade is None:
            surface = self.screen.current()
            if surface is not None:
                self.link.capture(surface, self.frames, self.screen.rotate)

    def _write_status(self, now: datetime, tick: float) -> None:
        minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        self._status_due = tick + (minute - now).total_seconds()
        facts = self._facts(now, tick)
        trim_heap()
        snapshot = self.snapshot.as_of(now, tick)
        record = status.record(facts, snapshot, now, pid=os.getpid(), rss=status.rss_bytes())
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
    from kiosk.fetch.source import make_sources

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
    link = Link()
    server = remote.start(config.remote, lambda: live.config, link)
    kiosk = Kiosk(live, screen, source_for=lambda c: make_sources(c, on_change=link.observe), link=link)
    try:
        kiosk.run()
    except KeyboardInterrupt:
        log.info("interrupted")
    finally:
        kiosk.stop()
        if server is not None:
            server.stop()
        screen.close()
    return kiosk.exit_code
