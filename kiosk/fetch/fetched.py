"""What a fetch gives back, whatever the address: the bytes with their validators, or a
``FetchError`` of a known kind; and a local file read the same way (no network library needed).

Every failure's message tells the facilitator in plain words what went wrong, and its ``kind`` lets
the poller choose how long to wait before trying again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urlparse

from kiosk.core.text import clean, hide_url_secrets


class Failure(StrEnum):
    """What went wrong, by kind: the poller's backoff is chosen from these (``kiosk.fetch.backoff``)."""

    DNS = "dns"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    TLS = "tls"
    AUTH = "auth"
    NOT_FOUND = "not-found"
    RATE_LIMITED = "rate-limited"
    SERVER = "server"
    HTTP = "http"
    REDIRECTS = "redirects"
    TOO_LARGE = "too-large"
    TRUNCATED = "truncated"
    FILE = "file"
    UNSUPPORTED = "unsupported"


class FetchError(Exception):
    """The schedule could not be fetched; ``message`` says why in plain words.

    The message is shown on the screen, the remote page and by ``check``, and may quote a server (a
    reason phrase, an error of its TLS): it goes through the one clean-up and is kept on one line,
    and the URLs in it lose their passwords and queries."""

    def __init__(self, message: str, kind: Failure, retry_after: float | None = None) -> None:
        message = " ".join(clean(hide_url_secrets(message)).split())  # one line, whatever it quotes
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last good response said about itself, sent back so the server can answer 304."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A 200 (``body`` and what came with it) or a 304 (``not_modified``, no body)."""

    body: bytes = b""
    not_modified: bool = False
    content_type: str = ""
    name: str = ""
    etag: str = ""
    last_modified: str = ""
    server_date: datetime | None = None
    wait: float | None = None  # seconds the server asks to be left alone (its rate limit is spent)

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)


def local_path(url: str) -> Path | None:
    """The file a ``file://`` URL or an absolute path names; None for anything else (http(s))."""
    if url.startswith("file://"):
        # url2pathname's POSIX rule; urllib.request itself would load http.client and ssl.
        return Path(unquote(urlparse(url).path))
    if "://" not in url and os.path.isabs(url):
        return Path(url)
    return None


def read_file(path: Path, max_bytes: int, validators: Validators = Validators()) -> FetchResult:
    """A file's bytes; its size and modification time stand in for an ETag, so polling it is cheap."""
    try:
        info = path.stat()
        if not path.is_file():
            raise FetchError(f"{path} is not a file", Failure.FILE)
        etag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
        if validators.etag == etag:
            return FetchResult(not_modified=True, name=path.name, etag=etag)
        if info.st_size > max_bytes:
            raise FetchError(too_large(max_bytes), Failure.TOO_LARGE)
        with path.open("rb") as file:
            body = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise FetchError(f"no such file: {path}", Failure.FILE) from None
    except PermissionError:
        raise FetchError(f"the kiosk may not read {path} (permission denied)", Failure.FILE) from None
    except OSError as error:
        raise FetchError(f"cannot read {path}: {error.strerror or error}", Failure.FILE) from None
    if len(body) > max_bytes:
        raise FetchError(too_large(max_bytes), Failure.TOO_LARGE)
    return FetchResult(body=body, name=path.name, etag=etag)


def too_large(max_bytes: int) -> str:
    return (
        f"the schedule is larger than {_size(max_bytes)}; "
        "is [source] url the right address? (raise [source] max_bytes if it is)"
    )


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"
