"""The running config, re-read when the file changes or on SIGHUP (``systemctl reload``).

A config that does not load never replaces the running one: the screen keeps going as it was and
shows ``warning`` ("Config not applied: <file>: [key] reason") until the file is fixed.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from kiosk.config import Config, ConfigError, load

log = logging.getLogger(__name__)

Signature = tuple[int, int, int] | None


def signature(path: Path) -> Signature:
    """What tells a changed file apart: modification time, size and inode (editors replace files)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def warning_text(error: ConfigError) -> str:
    # The error already reads "<file>: [table] key: reason", the way every config error is shown.
    return f"Config not applied: {error}"


class LiveConfig:
    def __init__(self, config: Config, loader: Callable[[Path], Config] = load) -> None:
        self.config = config
        self.warning: str | None = None
        self._loader = loader
        self._seen = signature(config.path)
        self._asked = False

    def request_reload(self, signum: int = 0, frame: FrameType | None = None) -> None:
        """The SIGHUP handler: only sets a flag, the loop re-reads the file at its next step."""
        self._asked = True

    @property
    def asked(self) -> bool:
        """A reload was asked for (SIGHUP) and not yet done."""
        return self._asked

    def install_sighup(self) -> None:
        signal.signal(signal.SIGHUP, self.request_reload)

    def poll(self) -> Config | None:
        """Re-read the file if asked to or if it changed; the new config when one was applied."""
        seen = signature(self.config.path)
        if not self._asked and seen == self._seen:
            return None
        asked, self._asked, self._seen = self._asked, False, seen
        try:
            config = self._loader(self.config.path)
        except ConfigError as error:
            self.warning = warning_text(error)
            log.warning("%s", self.warning)
            return None
        self.warning = None
        if config == self.config:
            log.info("config %s re-read%s: nothing changed", config.path, " on SIGHUP" if asked else "")
            return None
        self.config = config
        log.info("config %s applied", config.path)
        return config
