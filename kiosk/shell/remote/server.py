"""The remote's HTTP server: waitress, bounded in connections, request size and time, in its own threads.

waitress reads requests in one I/O thread and hands only complete ones to a few worker threads, so a
slow client costs a connection slot, never a worker or the drawing loop. It cuts off a connection
that is silent for ``idle_seconds``; a client that trickles its request a byte at a time (a slow
loris) is never silent, so the server here also cuts off a request whose head and body have not
arrived within ``request_seconds`` of its first byte.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from kiosk import __version__

log = logging.getLogger("kiosk.shell.remote")
# waitress warns at every request queued behind busy workers: under a burst that floods the journal.
logging.getLogger("waitress.queue").setLevel(logging.ERROR)

WsgiApp = Callable[..., Any]


@dataclass(frozen=True)
class Limits:
    connections: int = 64  # open at once; beyond it the server stops accepting until some close
    threads: int = 3  # workers answering complete requests
    header_bytes: int = 8192  # request line and headers; longer gets 431 and the connection closed
    body_bytes: int = 1024  # the buttons send no body
    idle_seconds: int = 15  # a silent connection is closed
    request_seconds: int = 10  # a request must have arrived whole this long after its first byte
    tick_seconds: int = 2  # how often the I/O thread wakes to look for connections to cut off


class _Channel(HTTPChannel):  # type: ignore[misc]
    began = 0.0  # when the first byte of the request being received arrived

    def received(self, data: bytes) -> bool:
        if self.request is None:
            self.began = time.time()
        return bool(super().received(data))


class _Server(TcpWSGIServer):  # type: ignore[misc]
    channel_class = _Channel
    request_seconds = 10.0

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = now - self.request_seconds
        for channel in list(self.active_channels.values()):
            if channel.request is not None and channel.began < cutoff:
                channel.will_close = True


class Running:
    """A started server: its address, and ``stop()``."""

    def __init__(self, app: WsgiApp, host: str, port: int, limits: Limits) -> None:
        adj = Adjustments(
            listen=f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            threads=limits.threads,
            connection_limit=limits.connections,
            max_request_header_size=limits.header_bytes,
            max_request_body_size=limits.body_bytes,
            channel_timeout=limits.idle_seconds,
            cleanup_interval=limits.tick_seconds,
            asyncore_loop_timeout=limits.tick_seconds,
            asyncore_use_poll=True,
            ident=f"open-spaces-kiosk/{__version__}",
            expose_tracebacks=False,
            log_socket_errors=False,
        )
        self._map: dict[int, Any] = {}
        self._dispatcher = ThreadedTaskDispatcher()
        self._dispatcher.set_thread_count(limits.threads)
        self._servers: list[_Server] = []
        try:
            for info in adj.listen:
                server = _Server(app, self._map, dispatcher=self._dispatcher, adj=adj, sockinfo=info)
                server.request_seconds = float(limits.request_seconds)
                self._servers.append(server)
        except OSError:
            self._close_all()
            self._dispatcher.shutdown()
            raise
        self.host, self.port = self._servers[0].effective_host, int(self._servers[0].effective_port)
        self._thread = threading.Thread(
            target=wasyncore.loop,
            kwargs={"timeout": limits.tick_seconds, "use_poll": True, "map": self._map},
            name="kiosk-remote",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def stop(self, timeout: float = 5.0) -> None:
        # The I/O thread owns the sockets: it closes them itself, and its loop ends with an empty map.
        self._servers[0].trigger.pull_trigger(self._close_all)
        self._thread.join(timeout)
        self._dispatcher.shutdown(timeout=timeout)

    def _close_all(self) -> None:
        for dispatcher in list(self._map.values()):
            dispatcher.close()
