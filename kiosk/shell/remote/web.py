"""The remote's routes, as a WSGI application: the token, the page, the screenshot, status and metrics.

Every route needs the token (``Authorization: Bearer …``, or the cookie set when ``/?token=…`` was
opened once), except ``/metrics`` with ``[remote] metrics_public``. Writes need it always: with no
token configured (a loopback address only) the page is read-only. Tokens are compared in constant
time; a refusal says nothing about the kiosk. Before any of that, a request must name the kiosk as
its ``Host`` (``guard.Names``), a write sent from a page must come from the remote's own page
(``Origin``), and an address that guessed wrong too often must wait (``guard.Guesses``).
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from kiosk.config import Config, RemoteConfig
from kiosk.core.text import shown_url
from kiosk.report.sides import side_report
from kiosk.shell import status
from kiosk.shell.remote import guard, page, picture
from kiosk.shell.remote.link import NEXT_PAGE, REFRESH, Link

log = logging.getLogger("kiosk.shell.remote")

COOKIE = "kiosk_token"
COOKIE_SECONDS = 30 * 24 * 3600
CAPTURE_SECONDS = 3.0  # how long a screenshot waits for the loop's next step
KEPT_PICTURES = 4  # PNGs of the last frame kept, one per width asked for
WRITES = {"/refresh": REFRESH, "/page/next": NEXT_PAGE}
READS = ("/", "/screenshot.png", "/status.json", "/metrics")
WIDTH = re.compile(r"[0-9]{1,5}")  # ASCII digits only: str.isdigit() also takes "²" and "٣"

StartResponse = Callable[..., Any]
Headers = list[tuple[str, str]]

COMMON: Headers = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),  # no-referrer would make a form's Origin "null"
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
]


class Remote:
    """The WSGI application. ``config`` gives the running config (it may be reloaded)."""

    def __init__(
        self,
        settings: RemoteConfig,
        config: Callable[[], Config],
        link: Link,
        clock: Callable[[], datetime] | None = None,
        capture_seconds: float = CAPTURE_SECONDS,
        guesses: guard.Guesses | None = None,
    ) -> None:
        self.settings = settings
        self._config = config
        self._link = link
        self._clock = clock or (lambda: datetime.now(config().tz))
        self._capture_seconds = capture_seconds
        self._metrics: Any = None
        self._pictures_lock = threading.Lock()
        self._pictures: dict[int | None, bytes] = {}
        self._pictures_frame = -1
        listen = settings.listen[0] if settings.listen else "localhost"
        self._names = guard.Names(listen, settings.hosts, socket.gethostname())
        self.guesses = guesses or guard.Guesses()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status_line, headers, body = self.answer(environ)
        except Exception as error:
            # A bug here must not reach a visitor (or the screen): one line in the log, a plain 500;
            # the traceback only when the kiosk runs with --verbose.
            method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
            log.error("the remote failed on %s %s: %r", method, path, error)
            log.debug("the remote's traceback", exc_info=True)
            status_line, headers, body = _text("500 Internal Server Error", "the kiosk could not answer\n")
        headers = [*headers, *COMMON, ("Content-Length", str(len(body)))]
        start_response(status_line, headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def answer(self, environ: dict[str, Any]) -> tuple[str, Headers, bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if not self._names.allows(environ.get("HTTP_HOST")):
            return _text(
                "421 Misdirected Request",
                "this kiosk answers only to its own names: its listen address, localhost, the machine's "
                "name and [remote] hosts\n",
            )
        if path in WRITES:
            if method != "POST":
                return _not_allowed("POST")
            origin = environ.get("HTTP_ORIGIN")
            if origin is not None and not guard.same_origin(origin, environ.get("HTTP_HOST", "")):
                return _text("403 Forbidden", "a write must come from the remote's own page\n")
            if not self.settings.token:
                return _text("403 Forbidden", "set [remote] token in the kiosk's config to use this\n")
            if (refusal := self._gate(environ, self._given(environ))) is not None:
                return refusal
            self._link.ask(WRITES[path])
            if "text/html" in environ.get("HTTP_ACCEPT", ""):
                return "303 See Other", [("Location", "../" if path.count("/") > 1 else "./")], b""
            return _text("202 Accepted", f"{WRITES[path]}: asked\n")
        if path in READS and "token" in _query(environ) and method in ("GET", "HEAD"):
            return self._sign_in(environ, path)
        if (refusal := self._read_gate(environ, path)) is not None:
            return refusal
        if path not in READS:
            return _text("404 Not Found", "no such page\n")
        if method not in ("GET", "HEAD"):
            return _not_allowed("GET, HEAD")
        if path == "/metrics":
            return self._metrics_text()
        seen = self._link.seen()
        if seen is None:
            return _text("503 Service Unavailable", "the kiosk is starting\n", retry=True)
        if path == "/screenshot.png":
            return self._screenshot(environ)
        record = self._record()
        if path == "/status.json":
            return (
                "200 OK",
                [("Content-Type", "application/json")],
                (json.dumps(record, indent=2) + "\n").encode(),
            )
        config = self._config()
        problems = seen.latest.reading.problems if seen.latest.reading else ()
        # What check says of the side sources (the alert, votes, ideas waiting, updates), as of now.
        sides = side_report(config, seen.latest, datetime.now(config.tz))
        html = page.page(
            record,
            name=config.event.name,
            source=", ".join(shown_url(source.url) for source in config.sources),
            problems=problems + tuple(sides.problems),
            can_write=bool(self.settings.token),
            sides=tuple(sides.lines),
        )
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], html.encode()

    # --- the token --------------------------------------------------------------------------

    def _read_gate(self, environ: dict[str, Any], path: str) -> tuple[str, Headers, bytes] | None:
        if not self.settings.token or (path == "/metrics" and self.settings.metrics_public):
            return None
        return self._gate(environ, self._given(environ))

    def _given(self, environ: dict[str, Any]) -> list[str]:
        """The tokens a request carries: in its ``Authorization`` header and in its cookies."""
        scheme, _, value = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        given = [value.strip()] if scheme.lower() == "bearer" else []
        return given + list(guard.cookie(environ.get("HTTP_COOKIE", ""), COOKIE))

    def _gate(self, environ: dict[str, Any], given: list[str]) -> tuple[str, Headers, bytes] | None:
        """None when ``given`` holds the token; else the refusal. A wrong token is counted against
        the client's address; one that guessed wrong too often is told to wait, its token unread."""
        if not given:
            return _refused()
        address = environ.get("REMOTE_ADDR", "")
        if self.guesses.wait(address) > 0:
            self.guesses.wrong(address)
            return _slow_down(self.guesses.wait(address))  # the wait this try has made longer
        if any(self._is_token(token) for token in given):
            return None
        self.guesses.wrong(address)
        return _refused()

    def _is_token(self, given: str) -> bool:
        token = self.settings.token
        return bool(token) and hmac.compare_digest(given.encode(), token.encode())

    def _sign_in(self, environ: dict[str, Any], path: str) -> tuple[str, Headers, bytes]:
        """``?token=…`` on any page (``/``, or a bookmarked ``/screenshot.png``): a good token becomes
        an HttpOnly cookie, and the address loses the token, keeping the rest of its query."""
        query = _query(environ)
        given = query.pop("token")[0]
        rest = urlencode(query, doseq=True)
        location = (path.rsplit("/", 1)[1] or "./") + (f"?{rest}" if rest else "")
        if not self.settings.token:
            return "303 See Other", [("Location", location)], b""
        if (refusal := self._gate(environ, [given])) is not None:
            return refusal
        cookie = (
            f"{COOKIE}={self.settings.token}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Strict"
        )
        return "303 See Other", [("Location", location), ("Set-Cookie", cookie)], b""

    # --- what is served ---------------------------------------------------------------------

    def _record(self) -> dict[str, Any]:
        seen = self._link.seen()
        assert seen is not None
        now = self._clock()
        latest = seen.latest.as_of(now, time.monotonic())
        return status.record(seen.facts, latest, now, pid=os.getpid(), rss=status.rss_bytes())

    def _metrics_text(self) -> tuple[str, Headers, bytes]:
        # Deferred: prometheus_client loads only when the metrics are first asked for.
        from kiosk.shell.remote.metrics import CONTENT_TYPE, Metrics

        if self._metrics is None:
            self._metrics = Metrics(self._link, self._clock)
        return "200 OK", [("Content-Type", CONTENT_TYPE)], self._metrics.exposition()

    def _screenshot(self, environ: dict[str, Any]) -> tuple[str, Headers, bytes]:
        asked = _query(environ).get("width", [""])[0]
        if asked and (not WIDTH.fullmatch(asked) or int(asked) < picture.MIN_WIDTH):
            return _text(
                "400 Bad Request", f"width must be a whole number of pixels, at least {picture.MIN_WIDTH}\n"
            )
        width = int(asked) if asked else None
        with self._pictures_lock:
            seen = self._link.seen()
            if seen is not None and seen.facts.frames == self._pictures_frame and width in self._pictures:
                return _png(self._pictures[width])
            capture = self._link.take_capture(self._capture_seconds)
            if capture is None:
                return _text("503 Service Unavailable", "the screen gave no picture just now\n", retry=True)
            if capture.frame != self._pictures_frame:
                self._pictures.clear()
                self._pictures_frame = capture.frame
            png = picture.png(capture, width)
            del capture
            if len(self._pictures) >= KEPT_PICTURES:
                self._pictures.pop(next(iter(self._pictures)))
            self._pictures[width] = png
        return _png(png)


def _query(environ: dict[str, Any]) -> dict[str, list[str]]:
    try:
        return parse_qs(environ.get("QUERY_STRING", ""), max_num_fields=8)
    except ValueError:  # more fields than any page of ours sends
        return {}


def _png(data: bytes) -> tuple[str, Headers, bytes]:
    return "200 OK", [("Content-Type", "image/png")], data


def _text(status_line: str, text: str, *, retry: bool = False) -> tuple[str, Headers, bytes]:
    headers = [("Content-Type", "text/plain; charset=utf-8")]
    if retry:
        headers.append(("Retry-After", "1"))
    return status_line, headers, text.encode()


def _not_allowed(allow: str) -> tuple[str, Headers, bytes]:
    status_line, headers, body = _text("405 Method Not Allowed", "method not allowed\n")
    return status_line, [*headers, ("Allow", allow)], body


def _slow_down(wait: float) -> tuple[str, Headers, bytes]:
    seconds = max(1, math.ceil(wait))
    status_line, headers, body = _text(
        "429 Too Many Requests", f"too many wrong tokens from this address: try again in {seconds} s\n"
    )
    return status_line, [*headers, ("Retry-After", str(seconds))], body


def _refused() -> tuple[str, Headers, bytes]:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("WWW-Authenticate", 'Bearer realm="kiosk"')]
    return "401 Unauthorized", headers, page.refusal().encode()
