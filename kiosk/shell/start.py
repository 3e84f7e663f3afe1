"""``open-spaces-kiosk run``: the screen opened, the live config, the remote and the screen's power
methods wired to the loop (``kiosk.shell.app.Kiosk``), which runs until a key, SIGTERM or Ctrl-C."""

from __future__ import annotations

import logging
import signal
import sys

from kiosk.config import Config
from kiosk.fetch.source import make_sources
from kiosk.shell import power_methods, remote
from kiosk.shell.app import Kiosk
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.remote.link import Link
from kiosk.shell.screen import NO_DISPLAY, NoDisplay, Screen

log = logging.getLogger("kiosk.shell.app")


class Terminated(BaseException):
    """SIGTERM (systemctl stop): the loop ends as after a key, so the screen is switched on again.

    Raised wherever the main thread is when the signal comes, so not an ``Exception``: the loop
    turns a page that fails to compose or draw into the plain page, and a SIGTERM arriving there
    would have been shown as one, the kiosk running on (as ``KeyboardInterrupt``, for Ctrl-C).
    """


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def run(config: Config, *, windowed: bool, size: tuple[int, int] | None, verbose: bool) -> int:
    """Show the board until quit; the exit code for the command line."""
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
    served = remote.Served(lambda: live.config, link)
    served.follow(config.remote)
    kiosk = Kiosk(
        live,
        screen,
        source_for=lambda c: make_sources(c, on_change=link.observe),
        link=link,
        power_for=power_methods.for_config,
        served=served,
    )
    signal.signal(signal.SIGTERM, _terminate)
    try:
        kiosk.run()
    except (KeyboardInterrupt, Terminated):
        log.info("interrupted")
    finally:
        kiosk.stop()
        screen.close()
    return kiosk.exit_code
