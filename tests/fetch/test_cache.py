"""The last-good cache: round trips, damage is ignored (and logged), and a kill never tears a copy."""

from __future__ import annotations

import hashlib
import logging
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.fetch.cache import CachedCopy, cache_path, encode, load_cache, save_cache

URL = "https://example.org/open-spaces.csv"
COPY = CachedCopy(
    url=URL,
    body=b"title,start\nType hints,10:00\n",
    fetched_at=datetime(2026, 12, 5, 10, 2, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    content_type="text/csv",
    name="open-spaces.csv",
    etag='"v7"',
    last_modified="Sat, 05 Dec 2026 04:00:00 GMT",
    format="csv",
)


def test_a_saved_copy_loads_back_whole(tmp_path: Path) -> None:
    path = save_cache(tmp_path / "new" / "dir", COPY)
    assert path == cache_path(tmp_path / "new" / "dir", URL)
    assert load_cache(tmp_path / "new" / "dir", URL) == COPY


def test_a_new_copy_replaces_the_old_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    save_cache(tmp_path, COPY)
    newer = CachedCopy(url=URL, body=b"title,start\n", fetched_at=datetime(2026, 12, 5, 11, tzinfo=UTC))
    save_cache(tmp_path, newer)
    assert load_cache(tmp_path, URL) == newer
    assert [p.name for p in tmp_path.iterdir()] == [cache_path(tmp_path, URL).name]


def test_no_cache_is_none_and_quiet(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert load_cache(tmp_path, URL) is None
    assert load_cache(tmp_path / "missing", URL) is None
    assert caplog.records == []


def test_each_source_has_its_own_copy(tmp_path: Path) -> None:
    other = "https://example.org/another-event.csv"
    save_cache(tmp_path, COPY)
    assert cache_path(tmp_path, other) != cache_path(tmp_path, URL)
    assert load_cache(tmp_path, other) is None


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1])


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda data: b"", "no record line"),
        (lambda data: data[:30], "no record line"),
        (lambda data: data[:-5], "bytes where the record says"),
        (lambda data: data + b"extra", "bytes where the record says"),
        (_flip_last_byte, "checksum"),
        (lambda data: b"{not json\n" + data, "unreadable record"),
        (lambda data: b"[1, 2]\n", "unknown record version"),
        (lambda data: data.replace(b'"version": 2', b'"version": 9'), "unknown record version"),
        (lambda data: data.replace(b"+05:30", b""), "no time zone"),
        (lambda data: data.replace(b'"fetched_at": "2026', b'"fetched_at": "x026'), "unreadable record"),
        (lambda data: data.replace(b'"length": ', b'"lengthx": '), "unreadable record"),
        (lambda data: bytes(range(256)) * 4, "unreadable record"),
    ],
)
def test_a_damaged_copy_is_reported_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: object, words: str
) -> None:
    path = cache_path(tmp_path, URL)
    path.write_bytes(damage(encode(COPY)))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="kiosk.fetch.source"):
        assert load_cache(tmp_path, URL) is None
    assert words in caplog.text and str(path) in caplog.text


def test_a_copy_of_another_source_under_this_name_is_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    other = CachedCopy(url="https://example.org/other.csv", body=b"x", fetched_at=COPY.fetched_at)
    cache_path(tmp_path, URL).write_bytes(encode(other))
    assert load_cache(tmp_path, URL) is None
    assert "it is from https://example.org/other.csv" in caplog.text


def test_an_unreadable_cache_path_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache_path(tmp_path, URL).mkdir()
    assert load_cache(tmp_path, URL) is None
    assert "cannot read it" in caplog.text


def test_temporary_files_left_by_a_dead_writer_are_cleaned_up(tmp_path: Path) -> None:
    name = cache_path(tmp_path, URL).name
    old, fresh = tmp_path / f".tmp-{name}.dead", tmp_path / f".tmp-{name}.busy"
    old.write_bytes(b"half a cop")
    fresh.write_bytes(b"being written")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    save_cache(tmp_path, COPY)
    assert not old.exists() and fresh.exists()


def _intact(body: bytes) -> int:
    """The sequence number of a complete body written by tests/cache_writer.py; fails on a torn one."""
    payload, bar, digest = body.rpartition(b"|")
    assert bar and hashlib.sha256(payload).hexdigest().encode() == digest, "a torn copy"
    return int(payload.split(b":", 1)[0])


def _writing(directory: Path, left_over: set[Path]) -> bool:
    """Whether the writer now running has a temporary copy open: one that was not there before it
    started (the ones ``left_over`` are from writers killed earlier)."""
    return any(temp not in left_over for temp in directory.glob(".tmp-*"))


def test_killing_the_writer_at_any_moment_leaves_a_whole_copy(tmp_path: Path) -> None:
    writer = Path(__file__).parents[1] / "cache_writer.py"
    rng = random.Random(20261205)
    environment = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    last = -1
    # At least 30 kills, and on until 8 of them have torn a write (a busy machine may need more).
    for kills in range(1, 301):
        left_over = set(tmp_path.glob(".tmp-*"))
        process = subprocess.Popen(
            # -S: no site-packages to scan, so each writer starts in a few milliseconds.
            [sys.executable, "-S", str(writer), str(tmp_path), URL, str(last + 1)],
            stdout=subprocess.PIPE,
            env=environment,
        )
        try:
            assert process.stdout is not None
            assert process.stdout.readline() == b"ready\n"
            if rng.random() < 0.7:
                # Most kills land while a copy is being written: wait (on a busy machine too) until the
                # writer has a temporary file open; the rest land at any moment.
                deadline = time.monotonic() + 2
                while not _writing(tmp_path, left_over) and time.monotonic() < deadline:
                    time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.01))
            process.send_signal(signal.SIGKILL)
            process.wait()
        finally:
            process.kill()
            process.wait()
        process.stdout.close()
        copy = load_cache(tmp_path, URL)
        assert copy is not None
        sequence = _intact(copy.body)
        assert sequence >= last
        last = sequence
        # Each kill that landed in the middle of a write left its temporary file behind.
        torn_writes = len(list(tmp_path.glob(".tmp-*")))
        if kills >= 30 and torn_writes >= 8:
            break
    assert torn_writes >= 8
