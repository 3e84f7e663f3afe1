"""The remote's HTTP server: waitress, bounded in connections, request size and time, in its own threads.

waitress reads requests in one I/O thread and hands only complete ones to a few worker threads, so a
slow client costs a connection slot, never a worker or the drawing loop. It cuts off a connection
that is silent for ``idle_seconds``; a client that trickles its request a byte at a time (a slow
loris) is never silent, so the server here also cuts off a request whose head and body have not
arrived within ``request_seconds`` of its first byte.

Slots are shared out so that no client can hold them all: a client (an address, or an IPv6 /64)
has at most ``per_client`` connections, a connection answers at most ``requests_per_connection``
requests and lives at most ``connection_seconds``, and a new connection that finds every slot taken
takes the one of a connection waiting between requests, of the client with the most, that has waited
longest. A client that keeps connections open to lock others out only ever loses its own.
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
from kiosk.shell.remote.guard import client

log = logging.getLogger("kiosk.shell.remote")
# waitress warns at every request queued behind busy workers: under a burst that floods the journal.
logging.getLogger("waitress.queue").setLevel(logging.ERROR)

WsgiApp = Callable[..., Any]


@dataclass(frozen=True)
class Limits:
    connections: int = 64  # open at once; a new one beyond it takes the slot of one waiting longest
    per_client: int = 8  # open at once from one address (an IPv6 /64)
    requests_per_connection: int = 100  # then the answer says "Connection: close"
    connection_seconds: int = 120  # then its next answer says so, or it is closed if it waits
    threads: int = 3  # workers answering complete requests
    header_bytes: int = 8192  # request line and headers; longer gets 431 and the connection closed
    body_bytes: int = 1024  # the buttons send no body
    idle_seconds: int = 15  # a silent connection is closed
    request_seconds: int = 10  # a request must have arrived whole this long after its first byte
    tick_seconds: int = 2  # how often the I/O thread wakes to look for connections to cut off
    free_guesses: int = 10  # wrong tokens a client may send at once, then one every guess_seconds
    guess_seconds: float = 1.0


class _Channel(HTTPChannel):  # type: ignore[misc]
    began = 0.0  # when the first byte of the request being received arrived
    answered = 0  # requests taken whole on this connection

    def __init__(self, server: _Server, *args: Any, **kwargs: Any) -> None:
        super().__init__(server, *args, **kwargs)
        self.client = client(str(self.addr[0])) if isinstance(self.addr, tuple) else ""
        server.admit(self)

    def received(self, data: bytes) -> bool:
        if self.request is None:
            self.began = time.time()
        taken = bool(super().received(data))
        with self.requests_lock:
            for request in self.requests:
                if not getattr(request, "counted", False):
                    request.counted = True
                    self.answered += 1
                    spent = self.answered >= self.server.requests_per_connection
                    if spent or time.time() - self.creation_time >= self.server.connection_seconds:
                        request.headers["CONNECTION"] = "close"  # waitress closes after the answer
        return taken

    @property
    def waiting_since(self) -> float:
        """When it last did anything: its request's first byte, or its last byte in or out."""
        return self.began if self.request is not None else float(self.last_activity)


class _Server(TcpWSGIServer):  # type: ignore[misc]
    channel_class = _Channel
    request_seconds = 10.0
    connections = 64
    per_client = 8
    requests_per_connection = 100
    connection_seconds = 120.0

    def admit(self, new: _Channel) -> None:
        """Make room for ``new`` when its client, or the server, has no slot left (module docstring)."""
        others = [c for c in self.active_channels.values() if c is not new]
        same = [c for c in others if c.client == new.client]
        if len(same) >= self.per_client:
            pool = same
        elif len(others) >= self.connections:
            pool = others
        else:
            return
        held: dict[str, int] = {}
        for channel in pool:
            held[channel.client] = held.get(channel.client, 0) + 1
        waiting = [c for c in pool if not c.requests]  # none of its requests is being answered
        if not waiting:
            new.handle_close()
            return
        min(waiting, key=lambda c: (-held[c.client], c.waiting_since)).handle_close()

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff, born = now - self.request_seconds, now - self.connection_seconds
        for channel in list(self.active_channels.values()):
            trickling = channel.request is not None and channel.began < cutoff
            between = not channel.requests and channel.request is None
            if trickling or (between and channel.creation_time < born):
                channel.will_close = True


class Running:
    """A started server: its address, and ``stop()``."""

    def __init__(self, app: WsgiApp, host: str, port: int, limits: Limits) -> None:
        adj = Adjustments(
            listen=f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            threads=limits.threads,
            # The server makes room itself (_Server.admit), so waitress must not stop accepting first.
            connection_limit=limits.connections + 16,
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
                server.connections, server.per_client = limits.connections, limits.per_client
                server.requests_per_connection = limits.requests_per_connection
                server.connection_seconds = float(limits.connection_seconds)
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
