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
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

import pygame

from kiosk.board import carousel, display_hours
from kiosk.board.display_hours import OffHours
from kiosk.config import Config
from kiosk.core.i18n import ENGLISH
from kiosk.core.model import Latest
from kiosk.shell import paint, power, remote, scene, status
from kiosk.shell.clockstep import ClockWatch
from kiosk.shell.display import EXIT_REPLUGGED, RETRY_DISPLAY, Display
from kiosk.shell.fade import FRAME, Canvas, Fade
from kiosk.shell.holdover import HoldOver
from kiosk.shell.inputs import Action, actions, remote_actions
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.power import Power
from kiosk.shell.power_methods import Method
from kiosk.shell.publish import Publisher
from kiosk.shell.remote.link import Link
from kiosk.shell.screen import Screen, trim_heap
from kiosk.shell.waiting import SLICE, Waiter
from kiosk.shell.watchdog import Watchdog

log = logging.getLogger("kiosk.shell.app")

IDLE_SLICE = SLICE  # longest sleep between looks at the keyboard, where SDL cannot wait
SOURCE_EVERY = 0.5  # seconds between looks at the sources' latest copy
CONFIG_EVERY = 2.0  # seconds between looks at the config file
DARK_WATCHDOG = 180.0  # systemd's watchdog while the screen is off: the minute's turns ping every 2 min


class Source(Protocol):
    def start(self) -> None: ...
    def latest(self) -> Latest: ...
    def refresh(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...


class Kiosk:
    """The loop's state and its turn; the display's comings and goings, the watchdog, the clock's
    steps and what is told to the remote and the status file are parts of their own."""

    def __init__(
        self,
        live: LiveConfig,
        screen: Screen,
        source_for: Callable[[Config], Source],
        clock: Callable[[], datetime] | None = None,
        notifier: Notifier | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        link: Link | None = None,
        power_for: Callable[[Config], Sequence[Method]] = lambda config: (),
        served: remote.Served | None = None,
    ) -> None:
        self.live = live
        self._power_for = power_for
        self.served = served  # the remote, following [remote] as it changes
        self.power = Power(power_for(live.config), monotonic)
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
        self.rotation = carousel.begin(live.config.pages.order, tick)
        self.latest = self.source.latest()
        self._hold_over = HoldOver()
        self.frame: scene.Frame | None = None
        self.drawn: tuple[scene.Frame, tuple[int, int]] | None = None
        self.frames = 0
        self._parts_for: tuple[scene.Frame, tuple[int, int], int] | None = None
        self.running = True
        self.exit_code = 0
        self._fade: Fade | None = None
        self.canvas = Canvas()  # where a page turn's new page is drawn
        self._due = tick  # the monotonic tick of the next recompose
        self._clock_watch = ClockWatch(now, tick)
        self._looked_at_source = self._looked_at_config = tick
        self.display = Display(screen, self.notifier, self.link)
        self.watchdog = Watchdog(self.notifier, tick)
        self.publisher = Publisher(self.link, tick)
        self.waiter = Waiter()

    @property
    def config(self) -> Config:
        return self.live.config

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.config.tz)

    def step(self) -> float:
        """One turn of the loop; returns the seconds until something could next change."""
        tick, now = self._monotonic(), self.now()
        self._notice_clock_step(now, tick)
        for action in actions(pygame.event.get()):
            self.act(action)
        # A television in standby may drop its hot-plug line: while the kiosk keeps it off, that is
        # no screen plugged in again.
        if not self.power.off and self.display.replugged(tick):
            self.exit_code = EXIT_REPLUGGED
            self.running = False
            return 0.0
        self._obey_remote()
        self._look_at_config(tick)
        self._look_at_source(tick)
        if self.display.lost and not self.display.regain(tick):
            return RETRY_DISPLAY
        if self._fade is not None:
            self._fade_on(tick)
        elif self.frame is None or tick >= self._due:
            self._compose(now, tick)
        self._follow_power()
        if not self.power.off:
            self._draw_if_changed(tick)
        self.publisher.share(
            (self.frames, self.power.state),
            self.latest,
            lambda: self._facts(now, tick),
            self.screen,
            self._fade is not None,
        )
        self.watchdog.feed(tick)
        if tick >= self.publisher.status_due:
            self.publisher.write_status(now, tick, self._facts(now, tick), self.latest, self.config.cache.dir)
        if self._fade is not None:
            return max(0.0, FRAME - (self._monotonic() - tick))  # the frame's time, less its work
        wait = self._due - tick
        # Switched off, the loop turns each minute (when the board's clock would change), and the
        # watchdog's longer timeout is fed by those turns: no turn of its own for a ping.
        ping = None if self.power.off else self.watchdog.seconds_to_ping()
        return max(0.0, min(wait, ping) if ping is not None else wait)

    def run(self) -> None:
        self.waiter.open()
        self.link.wake = self.waiter.wake
        while self.running:
            wait = self.step()
            if self.running and wait > 0 and self.power.off:
                # A switched-off screen needs no keys and no wake-ups: the loop turns once a minute, in
                # a plain sleep, which SIGTERM ends at once (a wait inside SDL would hold it off until
                # it returned), so that the screen is switched on again as the kiosk stops.
                time.sleep(wait)
            elif self.running and wait > 0:
                self.waiter.wait(min(wait, self.waiter.longest))

    def stop(self) -> None:
        self.running = False
        self.link.wake = lambda: None  # a poller still finishing a fetch has no loop to wake
        self.notifier.stopping()
        self.power.release()
        self.source.stop()
        if self.served is not None:
            self.served.stop()
        log.info("stopped after %d frames", self.frames)

    # --- actions (keys, the remote's buttons, and anything else that drives the board) ---------

    def act(self, action: Action) -> None:
        if action in (Action.CLOSED, Action.QUIT):
            log.info(action.value)
            self.running = False
        elif action is Action.NEXT:
            self.next_page()
        elif action is Action.PREVIOUS:
            self.previous_page()
        elif action is Action.PAUSE:
            self.toggle_pause()
        elif action is Action.REFRESH:
            self.refresh()
        elif action is Action.RELAYOUT:
            self.drawn = None  # the next frame is laid out afresh at the surface's new size

    def next_page(self) -> None:
        self.rotation = carousel.forward(self.rotation, self._monotonic(), self._parts(), self._skip())
        self.frame = None

    def previous_page(self) -> None:
        self.rotation = carousel.back(self.rotation, self._monotonic(), self._parts(), self._skip())
        self.frame = None

    def _skip(self) -> frozenset[str]:
        """The pages with nothing to show now, passed over by the rotation."""
        return scene.empty_pages(self.config, self.latest, self.now())

    def toggle_pause(self) -> None:
        self.rotation = carousel.toggle_pause(self.rotation, self._monotonic())
        log.info("rotation %s", "paused" if self.rotation.paused else "resumed")
        self.frame = None

    def refresh(self) -> None:
        log.info("fetching the schedule now")
        self.source.refresh()

    def _obey_remote(self) -> None:
        """The remote page's buttons, queued by its threads: they do what the keys do."""
        for command in self.link.commands():
            log.info("remote: %s", command)
            for action in remote_actions((command,)):
                self.act(action)

    # --- what changes under the board: the clock, the config, the source ---------------------

    def _notice_clock_step(self, now: datetime, tick: float) -> None:
        stepped = self._clock_watch.stepped(now, tick)
        if not stepped:
            return
        log.warning(
            "the clock stepped %s %s", "forward" if stepped > 0 else "back", ENGLISH.elapsed(abs(stepped))
        )
        # Everything read off the wall clock is read again: the header's clock, the on/off hours, the
        # footer's ages, the clock warning (and the server's Date, asked for afresh).
        self.rotation = carousel.restart(self.rotation, tick)
        self.frame = None
        self.publisher.status_due = tick
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
                # What the board showed stays up until the new sources read.
                self._hold_over.hold(self.latest)
                self.latest = self._hold_over.shown(self.source.latest())
            if self.served is not None:
                self.served.follow(new.remote)  # [remote] added, changed or removed while running
            self.rotation = carousel.reorder(self.rotation, new.pages.order, tick)
            self.screen.rotate = new.display.rotate
            if power.settings(new.display) != power.settings(before.display):
                self.power.release()
                self.power = Power(self._power_for(new), self._monotonic)
        if new is not None or self.live.warning != warning:
            self.frame = None

    def _look_at_source(self, tick: float) -> None:
        if tick - self._looked_at_source < SOURCE_EVERY:
            return
        self._looked_at_source = tick
        latest = self._hold_over.shown(self.source.latest())
        if latest is not self.latest:
            self.latest = latest
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
            self._parts_for = (self.frame, size, paint.parts(self.frame, size))
        return self._parts_for[2]

    def _describe(self) -> str:
        assert self.frame is not None
        return scene.describe(self.frame, self._parts())

    def _compose(self, now: datetime, tick: float) -> None:
        config = self.config
        skip = scene.empty_pages(config, self.latest, now)
        self.rotation = carousel.tick(self.rotation, tick, config.pages.seconds, self._parts(), skip)
        warnings = (self.live.warning,) if self.live.warning else ()
        size = self.screen.size
        self.frame, parts = paint.frame_for(
            config, self.latest.as_of(now, tick), now, self.rotation, warnings, size, skip
        )
        if size is not None:
            self._parts_for = (self.frame, size, parts)
        wall = tick + max(0.0, (scene.next_change(config, now) - now).total_seconds())
        page = scene.page_due(config, self.frame, self.rotation, self._parts(), skip)
        self._due = wall if page is None else min(wall, page)
        self.watchdog.composed(tick)

    def _follow_power(self) -> None:
        """Switch the screen off while the board shows the off-hours page, and on for anything else."""
        was_off, before = self.power.off, self.power.state
        self.power.follow(isinstance(self.frame, OffHours))
        if self.power.state != before and self.power.off:
            if self.frames == 0:  # started out of hours: systemd is told the kiosk is up all the same
                self.notifier.ready(self.power.state.text)
            else:
                self.notifier.status(self.power.state.text)
        if self.power.off and not was_off:
            # A sleeping loop turns once a minute: the watchdog is given time enough to be fed by it.
            self.notifier.watchdog_timeout(DARK_WATCHDOG)
        elif was_off and not self.power.off:
            self.notifier.watchdog_timeout(None)
            self.drawn = None  # the whole page goes up at once on the screen waking

    def _draw_if_changed(self, tick: float) -> None:
        size = self.screen.size
        if self.frame is None or size is None or self._fade is not None:
            return
        if self.drawn == (self.frame, size):
            return
        fading = self.drawn is not None and scene.turns_page(self.drawn[0], self.frame, self.config)
        try:
            # Not a page turn (the minute's clock, a new schedule): drawn in place where it changed,
            # over the same page drawn at the same size.
            over = (
                not fading
                and self.drawn is not None
                and self.drawn[1] == size
                and paint.draw_over(self.screen, self.drawn[0], self.frame, size)
            )
        except pygame.error as error:
            self._lose_display(tick, error)
            return
        if not over:
            # A page turn's new page is drawn on the canvas, only where it differs from the page on
            # screen when that was drawn at the same size.
            same = fading and self.drawn is not None and self.drawn[1] == size
            area = paint.changed_area(self.drawn[0], self.frame, size) if same and self.drawn else None
            frame, page = paint.draw_safely(
                self.config, self.frame, size, canvas=self.canvas if fading else None, area=area
            )
            if frame is not self.frame:  # it failed to draw: the plain page, drawn whole, goes up
                area = None
                self.canvas.release()  # with what the failed page left on the canvas
            self.frame = frame
            try:
                if self.drawn is not None and scene.turns_page(self.drawn[0], self.frame, self.config):
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
        try:
            done = self._fade.advance(self.screen, tick, self.config.pages.transition_seconds)
        except pygame.error as error:
            self._lose_display(tick, error)
            done = True
        if done:
            self._fade = None
            self.canvas.release()  # the canvas keeps no pixels between turns
            trim_heap()  # nor the heap what drawing the page left

    def _lose_display(self, tick: float, error: pygame.error) -> None:
        self.display.lose(tick, error)
        self._fade = None
        self.canvas.release()
        self.drawn = None

    def _facts(self, now: datetime, tick: float) -> status.Facts:
        return status.Facts(
            started=now - timedelta(seconds=tick - self._started_tick),
            page=self.rotation.page if self.frame is None else self._describe(),
            screen_on=display_hours.is_on(self.config.display, now),
            frames=self.frames,
            size=self.screen.size,
            warnings=(self.live.warning,) if self.live.warning else (),
            power=self.power.state,
        )
