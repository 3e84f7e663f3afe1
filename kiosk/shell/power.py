"""When the screen itself is switched off and on: it follows the board.

Outside ``[display]`` hours the board shows its off-hours page. With ``[display] power`` the kiosk
also switches the screen off, trying each method (``kiosk.shell.power_methods``) in order until one
works, and on again at ``on``, for an urgent alert and when it exits. A method that fails is logged
once, shown in the health reports, and the off-hours page stays on the lit screen; the board never
stops for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.config import DisplayConfig
from kiosk.shell.power_methods import Method, PowerFailed

log = logging.getLogger(__name__)

RETRY_OFF = 600.0  # seconds between attempts to switch a screen off that would not go off
RETRY_ON = 60.0  # ... and on: a screen that must show an alert is tried again sooner

LIT = "on"
OFF = "off by schedule"
DARK_PAGE = "off-hours page"  # out of hours on a lit screen: no method configured, or none worked


def settings(display: DisplayConfig) -> tuple[object, ...]:
    """The keys of ``[display]`` that the methods are made from: a change makes them again."""
    return (display.power, display.cec_device, display.power_off, display.power_on)


@dataclass(frozen=True, slots=True)
class PowerState:
    """What the health reports say about the screen's power."""

    state: str = LIT  # LIT, OFF or DARK_PAGE
    method: str = ""  # the method that switched it off
    error: str = ""  # the last failure, empty once a switch worked
    failures: int = 0  # failed attempts since the kiosk started

    @property
    def text(self) -> str:
        """One line, e.g. "screen off by schedule (cec)"."""
        line = f"screen {self.state}" + (f" ({self.method})" if self.state == OFF and self.method else "")
        return line + (f"; power failed: {self.error}" if self.error else "")


class Power:
    """Follows the board: off when it shows the off-hours page, on otherwise, each change acted on once.

    ``follow`` is cheap to call every turn of the loop: it runs a command only when the wanted state
    changes, or to try again (every ``RETRY_ON`` / ``RETRY_OFF`` seconds) after a failure.
    """

    def __init__(
        self, methods: Sequence[Method] = (), monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.methods = tuple(methods)
        self._monotonic = monotonic
        self._want: bool | None = None  # True: lit; None before the first look
        self._off_by: Method | None = None  # the method that switched the screen off
        self._retry_at: float | None = None
        self._said = ""  # the last failure logged, so that a repeated one is not logged again
        self.state = PowerState()

    @property
    def off(self) -> bool:
        """The screen is switched off: draw nothing."""
        return self._off_by is not None

    def follow(self, dark: bool) -> None:
        """The board shows the off-hours page (``dark``) or something to be seen."""
        if not self.methods:
            self.state = PowerState(state=DARK_PAGE if dark else LIT)
            return
        want = not dark
        tick = self._monotonic()
        if want == self._want and (self._retry_at is None or tick < self._retry_at):
            return
        self._want = want
        self._switch(want, tick)

    def release(self) -> None:
        """At exit: a screen the kiosk switched off is switched on again."""
        if self.off:
            self._switch(True, self._monotonic())

    def _switch(self, on: bool, tick: float) -> None:
        order = self.methods
        if on and self._off_by is not None:  # undo what switched it off first, then the others
            order = (self._off_by, *(m for m in self.methods if m is not self._off_by))
        failed = []
        for method in order:
            why = method.missing()
            if why is None:
                try:
                    method.switch(on)
                except PowerFailed as error:
                    why = str(error)
                except BaseException:  # SIGTERM or Ctrl-C while the command ran: it may have gone off
                    if not on:
                        self._off_by = method  # so that release switches it on again
                    raise
                else:
                    self._done(on, method)
                    return
            failed.append(f"{method.name}: {why}")
        self._failed(on, "; ".join(failed), tick)

    def _done(self, on: bool, method: Method) -> None:
        log.info("screen switched %s (%s)", "on" if on else "off", method.name)
        self._off_by = None if on else method
        self._retry_at = None
        self._said = ""
        self.state = PowerState(
            state=LIT if on else OFF, method="" if on else method.name, failures=self.state.failures
        )

    def _failed(self, on: bool, why: str, tick: float) -> None:
        if why != self._said:
            log.warning("cannot switch the screen %s: %s", "on" if on else "off", why)
            self._said = why
        if on:
            self._off_by = None  # draw again: if the screen is lit after all, the board is on it
        self._retry_at = tick + (RETRY_ON if on else RETRY_OFF)
        self.state = PowerState(
            state=LIT if on else DARK_PAGE,
            error=why,
            failures=self.state.failures + 1,
        )
