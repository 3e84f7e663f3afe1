"""Fetching the schedule's bytes from an http(s) URL, a file:// URL or a path.

Every failure becomes a ``FetchError`` whose message tells the facilitator in plain words what went
wrong, and whose ``kind`` lets the poller choose how long to wait before trying again.
"""

from __future__ import annotations

import email.utils
import http
import re
import socket
import time
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import unquote, urlparse

import requests
import urllib3

from kiosk import __version__
from kiosk.fetch.fetched import Failure, FetchError, FetchResult, Validators, local_path, read_file, too_large

USER_AGENT = f"open-spaces-kiosk/{__version__}"
ACCEPT = "application/json, text/csv, text/calendar, text/plain;q=0.9, */*;q=0.5"
MAX_REDIRECTS = 10
# A slow trickle of bytes never trips the read timeout, so the whole body also has a deadline.
DEADLINE_FACTOR = 3.0
_CHUNK = 64 * 1024


def make_session(*, trust_env: bool = True) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = ACCEPT
    # Only what _Decoder reads: requests would also offer br or zstd when their modules are installed.
    session.headers["Accept-Encoding"] = "gzip, deflate"
    session.max_redirects = MAX_REDIRECTS
    session.trust_env = trust_env
    return session


def fetch(
    url: str,
    *,
    session: requests.Session,
    timeout: float,
    max_bytes: int,
    validators: Validators = Validators(),
    ca_bundle: str = "",
    deadline: float | None = None,
) -> FetchResult:
    """Fetch ``url``; ``deadline`` (default ``DEADLINE_FACTOR`` × ``timeout``) bounds the whole body."""
    if url.startswith(("http://", "https://")):
        limit = deadline if deadline is not None else DEADLINE_FACTOR * timeout
        return _fetch_http(url, session, timeout, max_bytes, validators, ca_bundle, limit)
    path = local_path(url)
    if path is not None:
        return read_file(path, max_bytes, validators)
    raise FetchError(
        f"only http://, https:// and file:// URLs or file paths are read, not {url!r}", Failure.UNSUPPORTED
    )


def _fetch_http(
    url: str,
    session: requests.Session,
    timeout: float,
    max_bytes: int,
    validators: Validators,
    ca_bundle: str,
    deadline: float,
) -> FetchResult:
    started = time.monotonic()
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    try:
        response = session.get(
            url, headers=headers, timeout=(timeout, timeout), stream=True, verify=ca_bundle or True
        )
    except requests.RequestException as error:
        raise _request_error(error, url, timeout) from None
    with response:
        server_date = _http_date(response.headers.get("Date", ""))
        wait = rate_limit_wait(response.headers, server_date or datetime.now(UTC))
        if response.status_code == 304 and not headers:
            raise FetchError(
                "the server answered 304 Not Modified to a request for the whole schedule (the kiosk "
                "sent no ETag or date to compare with): a cache or proxy in front of it is misconfigured",
                Failure.HTTP,
            )
        if response.status_code == 304:
            return FetchResult(
                wait=wait,
                not_modified=True,
                etag=response.headers.get("ETag", validators.etag),
                last_modified=response.headers.get("Last-Modified", validators.last_modified),
                server_date=server_date,
            )
        if response.status_code != 200:
            raise _status_error(response, server_date)
        body = _read_body(response, max_bytes, started + deadline, timeout)
        return FetchResult(
            body=body,
            content_type=response.headers.get("Content-Type", ""),
            name=_name(response),
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
            server_date=server_date,
            wait=wait,
        )


def _read_body(response: requests.Response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(too_large(max_bytes), Failure.TOO_LARGE)
    body = bytearray()
    received = 0
    raw: urllib3.HTTPResponse = response.raw
    decoder = _Decoder(response.headers.get("Content-Encoding", ""))
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError(
                    f"the server sent the schedule too slowly (incomplete after {len(body)} bytes)",
                    Failure.TIMEOUT,
                )
            # read1 returns after one read of the socket, so the deadline is checked between trickles.
            chunk = raw.read1(_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            # Decoded at most one byte past the cap: a small gzip bomb stops there, never unpacked.
            body += decoder.feed(chunk, max_bytes + 1 - len(body))
            if len(body) > max_bytes:
                raise FetchError(too_large(max_bytes), Failure.TOO_LARGE)
        decoder.finish()
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
        raise FetchError(
            f"the server stopped sending the schedule for more than {timeout:g} s", Failure.TIMEOUT
        ) from None
    except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError, OSError) as error:
        raise FetchError(
            f"the schedule arrived incomplete (the connection broke: {error})", Failure.TRUNCATED
        ) from None
    if length.isdigit() and received != int(length):
        raise FetchError(f"the schedule arrived incomplete ({received} of {length} bytes)", Failure.TRUNCATED)
    return bytes(body)


class _Decoder:
    """Turns the body's bytes as sent into the document, as ``Content-Encoding`` says.

    ``feed`` returns at most ``room`` decoded bytes, so that the body cap counts decoded bytes
    and a gzip bomb is never unpacked past it; ``finish`` checks that the stream was whole.
    """

    def __init__(self, content_encoding: str) -> None:
        self.encoding = content_encoding.strip().lower()
        if self.encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(
                f"the server sent the schedule compressed as {self.encoding!r}, which the kiosk does "
                "not read (it asks for gzip or deflate)",
                Failure.HTTP,
            )
        self.fed = False
        self.z = None
        if self.encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.z = zlib.decompressobj(zlib.MAX_WBITS)

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self.z is None:
            return chunk
        try:
            out = self.z.decompress(chunk, room)
        except zlib.error as error:
            if self.encoding == "deflate" and not self.fed:
                # Some servers send raw deflate, without the zlib header the standard asks for.
                self.z = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(chunk, room)
            raise FetchError(f"the compressed schedule is damaged ({error})", Failure.TRUNCATED) from None
        self.fed = True
        return out

    def finish(self) -> None:
        if self.z is not None and not self.z.eof:
            raise FetchError("the compressed schedule arrived incomplete", Failure.TRUNCATED)


def _request_error(error: requests.RequestException, url: str, timeout: float) -> FetchError:
    host = urlparse(url).hostname or url
    if isinstance(error, requests.TooManyRedirects):
        return FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}", Failure.REDIRECTS)
    if isinstance(error, requests.exceptions.SSLError):
        return FetchError(
            f"the TLS certificate of '{host}' cannot be verified ({_innermost(error)})", Failure.TLS
        )
    if isinstance(error, requests.Timeout):
        return FetchError(f"'{host}' did not answer within {timeout:g} s", Failure.TIMEOUT)
    if isinstance(error, requests.ConnectionError):
        causes = _chain(error)
        if any(isinstance(c, socket.gaierror | urllib3.exceptions.NameResolutionError) for c in causes):
            return FetchError(
                f"cannot find the server '{host}' (no network, or a typo in the address?)", Failure.DNS
            )
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return FetchError(f"'{host}' refused the connection (is the server running?)", Failure.REFUSED)
        if any(isinstance(c, urllib3.exceptions.ReadTimeoutError | TimeoutError) for c in causes):
            return FetchError(f"'{host}' did not answer within {timeout:g} s", Failure.TIMEOUT)
        return FetchError(f"cannot connect to '{host}' ({_innermost(error)})", Failure.CONNECTION)
    return FetchError(f"cannot fetch {url} ({_innermost(error)})", Failure.CONNECTION)


def _chain(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps: requests and urllib3 nest the OS's error several levels deep."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        for linked in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(linked, BaseException):
                todo.append(linked)
    return seen


def _innermost(error: BaseException) -> str:
    return str(_chain(error)[-1])


def _status_error(response: requests.Response, server_date: datetime | None) -> FetchError:
    code = response.status_code
    try:
        reason = http.HTTPStatus(code).phrase
    except ValueError:
        reason = response.reason or ""
    status = f"HTTP {code} {reason}".strip()
    now = server_date or datetime.now(UTC)
    retry_after = parse_retry_after(response.headers.get("Retry-After", ""), now)
    if retry_after is None:
        retry_after = rate_limit_wait(response.headers, now)
    if code == 401:
        return FetchError(f"{status} — the schedule needs a login; use a public link to it", Failure.AUTH)
    if code == 403:
        return FetchError(f"{status} — is the sheet published to the web?", Failure.AUTH)
    if code in (404, 410):
        return FetchError(f"{status} — no schedule at this address; check [source] url", Failure.NOT_FOUND)
    if code == 429:
        return FetchError(
            f"{status} — the server asks the kiosk to poll less often", Failure.RATE_LIMITED, retry_after
        )
    if code >= 500:
        return FetchError(
            f"{status} — the server has a problem; the kiosk will retry", Failure.SERVER, retry_after
        )
    return FetchError(status, Failure.HTTP, retry_after)


def rate_limit_wait(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds until a spent rate limit resets, from ``X-RateLimit-Remaining``/``-Reset`` (Mastodon:
    an ISO 8601 time) or ``RateLimit-Remaining``/``-Reset`` (Bluesky: Unix seconds); None while
    requests remain or the headers say nothing."""
    for prefix in ("X-RateLimit-", "RateLimit-"):
        remaining = headers.get(prefix + "Remaining", "").strip()
        reset = headers.get(prefix + "Reset", "").strip()
        if not remaining.isdigit() or int(remaining) > 0 or not reset:
            continue
        if re.fullmatch(r"\d+(\.\d+)?", reset):
            value = float(reset)
            # Small numbers are seconds from now (the IETF draft), large ones a Unix time.
            return value if value < 1e9 else max(0.0, value - now.timestamp())
        try:
            when = datetime.fromisoformat(reset.replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - now).total_seconds())
    return None


def parse_retry_after(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    value = value.strip()
    if re.fullmatch(r"\d+", value):
        return float(value)
    when = _http_date(value)
    return None if when is None else max(0.0, (when - now).total_seconds())


def _http_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _name(response: requests.Response) -> str:
    """The file name the server gives (Content-Disposition), else the last part of the URL's path."""
    disposition = response.headers.get("Content-Disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)|filename=\"?([^\";]+)\"?", disposition, re.IGNORECASE)
    if match:
        return unquote(match[1] or match[2]).strip()
    return unquote(urlparse(response.url).path.rsplit("/", 1)[-1])
