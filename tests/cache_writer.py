"""Writes the cache for one URL over and over, for the power-cut test: ``cache_writer.py DIR URL``.

Each copy's body is ``sequence number, padding, SHA-256 of the two`` with a size that varies, so a
reader can tell a complete copy from a torn one without trusting the cache's own checksum. Prints
``ready`` once the first copy is on disk.
"""

from __future__ import annotations

import hashlib
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk.fetch.cache import CachedCopy, save_cache


def body(sequence: int, size: int) -> bytes:
    payload = b"%d:" % sequence + b"x" * size
    return payload + b"|" + hashlib.sha256(payload).hexdigest().encode()


def main() -> None:
    directory, url = Path(sys.argv[1]), sys.argv[2]
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rng = random.Random()
    sequence = start
    while True:
        copy = CachedCopy(
            url=url, body=body(sequence, rng.randrange(0, 1_000_000)), fetched_at=datetime.now(UTC)
        )
        save_cache(directory, copy)
        if sequence == start:
            print("ready", flush=True)
        sequence += 1


if __name__ == "__main__":
    main()
