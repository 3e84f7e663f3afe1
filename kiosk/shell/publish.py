"""What the loop tells others about itself: the remote, on each new frame or copy of the sources (and
a copy of the screen when it asks for one), and the status file, once a minute on the wall clock."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.core.model import Latest
from kiosk.shell import status
from kiosk.shell.remote.link import Link
from kiosk.shell.screen import Screen, trim_heap

log = logging.getLogger("kiosk.shell.app")


class Publisher:
    def __init__(self, link: Link, tick: float) -> None:
        self.link = link
        self.status_due = tick  # the monotonic tick the status file is next written at
        self._published: tuple[tuple[int, object], Latest | None] = ((0, None), None)

    def share(
        self,
        drawn: tuple[int, object],
        latest: Latest,
        facts: Callable[[], status.Facts],
        screen: Screen,
        fading: bool,
    ) -> None:
        """Publish a new frame (``drawn``: the frame count and the screen's power) or copy of the sources
        to the remote, and copy the screen when it asked for one (not in the middle of a crossfade)."""
        if self._published[0] != drawn or self._published[1] is not latest:
            self._published = (drawn, latest)
            self.link.publish(facts(), latest)
        if self.link.capture_wanted and not fading:
            surface = screen.current()
            if surface is not None:
                self.link.capture(surface, drawn[0], screen.rotate)

    def write_status(
        self, now: datetime, tick: float, facts: status.Facts, latest: Latest, directory: Path
    ) -> None:
        """Write the status file, and trim the heap while at it; the next is due at the next minute."""
        minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        self.status_due = tick + (minute - now).total_seconds()
        trim_heap()
        record = status.record(facts, latest.as_of(now, tick), now, pid=os.getpid(), rss=status.rss_bytes())
        try:
            status.write(directory / status.FILE_NAME, record)
        except OSError as error:
            log.warning("cannot write the status file: %s", error)
