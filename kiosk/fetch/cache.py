"""The last good schedule on disk, so the board comes up at once and survives the network going away.

One file per source URL (a checksum of the URL names it, and the record inside says the URL, so
switching sources never shows another event's schedule). The file is a one-line JSON record followed
by the raw bytes; the record carries the body's length and CRC-32, so a damaged file is recognised and
ignored. CRC-32 (zlib) rather than a cryptographic hash: it is there to catch a torn or damaged file,
and hashlib would load OpenSSL's libcrypto, 3.3 MiB of the running kiosk's memory, for a schedule read
from a file. Writes go to a temporary
file in the same directory that is fsynced and renamed over the old one, so a power cut at any
moment leaves either the old or the new copy.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.text import shown_url

log = logging.getLogger("kiosk.fetch.source")

_VERSION = 2  # 1 carried a SHA-256; its files were named by one too, so they are no longer found
_TEMP_PREFIX = ".tmp-"
# A temporary file this old was left by a writer that died (a power cut); it is cleaned up.
_STALE_TEMP_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class CachedCopy:
    url: str
    body: bytes
    fetched_at: datetime
    content_type: str = ""
    name: str = ""
    etag: str = ""
    last_modified: str = ""
    format: str = ""


class CacheDamaged(Exception):
    """The cache file exists but does not hold a complete copy; the message says what is wrong."""


def cache_path(directory: Path, url: str) -> Path:
    name = url.encode("utf-8")
    key = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
    return Path(directory) / f"schedule-{key}.cache"


def encode(copy: CachedCopy) -> bytes:
    record = {
        "version": _VERSION,
        "url": copy.url,
        "fetched_at": copy.fetched_at.isoformat(),
        "content_type": copy.content_type,
        "name": copy.name,
        "etag": copy.etag,
        "last_modified": copy.last_modified,
        "format": copy.format,
        "length": len(copy.body),
        "crc32": zlib.crc32(copy.body),
    }
    return json.dumps(record, ensure_ascii=True).encode("ascii") + b"\n" + copy.body


def decode(data: bytes) -> CachedCopy:
    """The copy in a cache file's bytes; ``CacheDamaged`` says why when they are not a whole copy."""
    head, newline, body = data.partition(b"\n")
    if not newline:
        raise CacheDamaged("no record line")
    try:
        record = json.loads(head)
        if not isinstance(record, dict) or record.get("version") != _VERSION:
            raise CacheDamaged("unknown record version")
        if len(body) != record["length"]:
            raise CacheDamaged(f"{len(body)} bytes where the record says {record['length']}")
        if zlib.crc32(body) != record["crc32"]:
            raise CacheDamaged("the content does not match its checksum")
        fetched_at = datetime.fromisoformat(record["fetched_at"])
        if fetched_at.tzinfo is None:
            raise CacheDamaged("the fetch time has no time zone")
        texts = {
            k: str(record.get(k, "")) for k in ("content_type", "name", "etag", "last_modified", "format")
        }
        return CachedCopy(url=str(record["url"]), body=body, fetched_at=fetched_at, **texts)
    except (ValueError, KeyError, TypeError) as error:
        raise CacheDamaged(f"unreadable record ({error})") from None


def load_cache(directory: Path, url: str) -> CachedCopy | None:
    """The cached copy for ``url``, or None when there is none or it is damaged (which is logged)."""
    path = cache_path(directory, url)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("ignoring the cached schedule %s: cannot read it (%s)", path, error)
        return None
    try:
        copy = decode(data)
    except CacheDamaged as error:
        log.warning("ignoring the cached schedule %s: %s", path, error)
        return None
    if copy.url != url:
        log.warning(
            "ignoring the cached schedule %s: it is from %s, not %s",
            path,
            shown_url(copy.url),
            shown_url(url),
        )
        return None
    return copy


def save_cache(directory: Path, copy: CachedCopy) -> Path:
    """Write ``copy`` atomically and durably; raises OSError (the caller logs it) when it cannot."""
    path = cache_path(Path(directory), copy.url)
    write_atomically(path, encode(copy))
    return path


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a reader, or a power cut, sees the old or the new file.

    A temporary file beside it is written and renamed over it; ``durable`` also flushes both to the
    disk, so that the rename survives a power cut. Raises OSError when it cannot write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path.parent, path.name)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f"{_TEMP_PREFIX}{path.name}.")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.chmod(temp, 0o644)  # the facilitator reads these over SSH as another user
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable: without this a power cut can undo it on some file systems."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_temps(directory: Path, name: str) -> None:
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for temp in directory.glob(f"{_TEMP_PREFIX}{name}.*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
