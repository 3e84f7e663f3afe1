"""systemd's notify protocol (sd_notify) without a dependency: one datagram per message.

systemd passes ``NOTIFY_SOCKET`` (a path, or ``@name`` for the abstract namespace) and, with
``WatchdogSec=``, ``WATCHDOG_USEC``. Without ``NOTIFY_SOCKET`` nothing is ever sent, so the same
code runs from a terminal.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)


def socket_address(env: Mapping[str, str]) -> str | None:
    """The address to send to: '@' at the start stands for the abstract namespace (a NUL byte)."""
    value = env.get("NOTIFY_SOCKET", "")
    if not value:
        return None
    return "\0" + value[1:] if value.startswith("@") else value


def watchdog_interval(env: Mapping[str, str], pid: int) -> float | None:
    """Seconds between WATCHDOG=1 pings: half the timeout systemd gave, as sd_watchdog_enabled() advises."""
    usec = env.get("WATCHDOG_USEC", "")
    owner = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (owner and owner != str(pid)):
        return None
    return int(usec) / 1_000_000 / 2


class Notifier:
    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        env = os.environ if env is None else env
        self.address = socket_address(env)
        self.interval = watchdog_interval(env, os.getpid()) if self.address else None
        self._unit_interval = self.interval  # the unit's own, to come back to
        self._monotonic = monotonic
        self._last_ping: float | None = None
        self._status = ""

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def send(self, *lines: str) -> bool:
        if self.address is None:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto("\n".join(lines).encode(), self.address)
        except OSError as error:
            # A vanished socket must not stop the screen; systemd's watchdog notices on its own.
            log.warning("cannot notify systemd at %s: %s", self.address.replace("\0", "@"), error)
            return False
        return True

    def ready(self, status: str = "") -> None:
        self._status = status
        self.send("READY=1", *((f"STATUS={status}",) if status else ()))
        self._last_ping = self._monotonic()

    def status(self, text: str) -> None:
        """Tell systemd what the kiosk is doing (shown by ``systemctl status``), once per change."""
        if text != self._status:
            self._status = text
            self.send(f"STATUS={text}")

    def watchdog(self) -> None:
        """Ping the watchdog if half its timeout has passed since the last ping; call it every frame."""
        if self.interval is None:
            return
        now = self._monotonic()
        if self._last_ping is None or now - self._last_ping >= self.interval:
            self.send("WATCHDOG=1")
            self._last_ping = now

    def watchdog_timeout(self, seconds: float | None) -> None:
        """Ask systemd for another watchdog timeout (``WATCHDOG_USEC=``, systemd 236 and later), or with
        None for the unit's own again; pings then come every half of it. Nothing without a watchdog."""
        if self._unit_interval is None:
            return
        timeout = seconds if seconds is not None else self._unit_interval * 2
        if timeout / 2 != self.interval and self.send(f"WATCHDOG_USEC={round(timeout * 1_000_000)}"):
            self.interval = timeout / 2

    def seconds_to_ping(self) -> float | None:
        if self.interval is None or self._last_ping is None:
            return self.interval
        return max(0.0, self._last_ping + self.interval - self._monotonic())

    def stopping(self) -> None:
        self.send("STOPPING=1")
