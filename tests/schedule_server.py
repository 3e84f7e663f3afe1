"""A real HTTP server on 127.0.0.1 for source tests: each path answers as a test tells it to.

Its ``Date`` header is ``DATE`` unless a test gives it another clock, so that a test compares the
instants the kiosk works out from it (clock skew, rate-limit resets) exactly.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Route = Callable[[BaseHTTPRequestHandler], None]
DATE = datetime(2026, 12, 5, 6, 40, tzinfo=UTC)  # the server's clock: 12:10 in Asia/Kolkata


def schedule_json(*titles: str, broken: bool = False) -> bytes:
    """A native JSON schedule with one 30-minute session per title (and a broken row if asked)."""
    sessions: list[dict[str, Any]] = [
        {"title": title, "start": f"{10 + i}:00", "end": f"{10 + i}:30"} for i, title in enumerate(titles)
    ]
    if broken:
        sessions.append({"title": "No times at all"})
    return json.dumps({"sessions": sessions}).encode()


def reply(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if status not in (204, 304):
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status not in (204, 304):
            handler.wfile.write(body)

    return route


def with_etag(body: bytes, etag: str, content_type: str = "application/json") -> Route:
    """200 with an ETag, or 304 when the client sends that ETag back."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            reply(304, headers={"ETag": etag})(handler)
        else:
            reply(200, body, {"ETag": etag, "Content-Type": content_type})(handler)

    return route


def delayed(seconds: float, then: Route) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        then(handler)

    return route


def trickle(total: int, every: float, sent: list[int] | None = None, until: float = 3.0) -> Route:
    """Announce ``total`` bytes, then send one byte every ``every`` seconds (for at most ``until``);
    ``sent`` counts the bytes sent."""
    counted = sent if sent is not None else []

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        stop = time.monotonic() + until
        counted.append(0)
        for _ in range(total):
            if time.monotonic() > stop:
                break
            handler.wfile.write(b" ")
            handler.wfile.flush()
            counted[-1] += 1
            time.sleep(every)

    return route


def held(release: threading.Event, answered: threading.Event, then: Route) -> Route:
    """Answer only once ``release`` is set (at most 10 s on), then set ``answered``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        release.wait(10)
        answered.set()
        then(handler)

    return route


def truncated(announced: int, sent: bytes) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(announced))
        handler.end_headers()
        handler.wfile.write(sent)
        handler.wfile.flush()
        handler.close_connection = True

    return route


def endless_chunked(sent: list[int], limit: int = 200_000_000) -> Route:
    """A chunked body that never ends (until the client hangs up); ``sent`` counts the bytes sent."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"x" * 65536
        sent.append(0)
        while sent[-1] < limit:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent[-1] += len(chunk)

    return route


class ScheduleServer:
    """``routes[path]`` answers GET ``path``; ``requests`` records (path, headers) of every request;
    ``clock`` tells the ``Date`` of every answer."""

    def __init__(self, clock: Callable[[], datetime] = lambda: DATE) -> None:
        self.routes: dict[str, Route] = {}
        self.clock = clock
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path, reply(404, b"no such page"))
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def date_time_string(self, timestamp: float | None = None) -> str:
                return format_datetime(server.clock().astimezone(UTC), usegmt=True)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.thread = threading.Thread(target=self.http.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http.server_port}{path}"

    def __enter__(self) -> ScheduleServer:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.http.shutdown()
        self.http.server_close()


@contextmanager
def answering_once(status_line: bytes) -> Iterator[str]:
    """A server on 127.0.0.1 that answers one request with ``status_line`` as it is, which
    http.server would not send (a reason phrase with control characters, say); yields its URL."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)

        def answer() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(status_line + b"\r\nContent-Length: 0\r\n\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
        thread.join(5)
