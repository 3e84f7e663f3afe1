"""The remote: a status page, a live screenshot and Prometheus metrics over HTTP (``[remote]``).

``link`` is the only part the drawing loop touches; the server and what it serves run in their own
threads and are imported only when ``[remote] listen`` is set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.config import Config, RemoteConfig
from kiosk.shell.remote.link import Link

if TYPE_CHECKING:
    # Deferred: waitress (and, with the metrics, prometheus_client) load only when [remote] is on.
    from kiosk.shell.remote.server import Limits, Running

log = logging.getLogger("kiosk.shell.remote")


def start(
    settings: RemoteConfig, config: Callable[[], Config], link: Link, limits: Limits | None = None
) -> Running | None:
    """Serve the remote when ``[remote] listen`` is set; None when it is not, or cannot listen there.

    A remote that cannot listen (the port is taken) is logged and left off: the board goes on.
    """
    if settings.listen is None:
        return None
    # Deferred: waitress (and, with the metrics, prometheus_client) load only when [remote] is on.
    from kiosk.shell.remote.guard import Guesses
    from kiosk.shell.remote.server import Limits, Running
    from kiosk.shell.remote.web import Remote

    host, port = settings.listen
    limits = limits or Limits()
    guesses = Guesses(free=limits.free_guesses, seconds=limits.guess_seconds)
    try:
        running = Running(Remote(settings, config, link, guesses=guesses), host, port, limits)
    except OSError as error:
        log.warning("the remote cannot listen on %s port %d (%s); going on without it", host, port, error)
        return None
    log.info("remote page at %s", running.url)
    return running


class Served:
    """The remote as the config asks for it now: started, stopped or started again (a new address
    or token) when ``[remote]`` changes while the board runs."""

    def __init__(self, config: Callable[[], Config], link: Link) -> None:
        self._config = config
        self._link = link
        self.settings: RemoteConfig | None = None
        self.running: Running | None = None

    def follow(self, settings: RemoteConfig) -> None:
        if settings == self.settings:
            return
        self.stop()
        self.settings = settings
        self.running = start(settings, self._config, self._link)

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            log.info("remote page at %s stopped", self.running.url)
        self.running = None
        self.settings = None
