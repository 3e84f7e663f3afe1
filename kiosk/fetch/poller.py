"""The poller: fetches a source off the display thread and hands over immutable copies of what it
last read (``Latest``).

``SourcePoller`` is the one fetch path for everything the board reads: conditional requests, backoff,
the last good copy on disk and freshness. ``Poller`` polls the schedule; ``SidePoller``
keeps the bytes of a side source (vote results, ideas, the alert, a social feed).

The fetch function, the parse function and the clock are parameters, so tests drive ``poll_once``
step by step through any sequence of outcomes without a network or a sleep.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Generic, TypeVar

from kiosk.core.model import Document, Polled, Reading, UnreadableError
from kiosk.fetch import backoff
from kiosk.fetch.cache import CachedCopy, load_cache, save_cache
from kiosk.fetch.fetched import FetchError, FetchResult, Validators
from kiosk.fetch.freshness import SKEW_LIMIT_SECONDS

log = logging.getLogger("kiosk.fetch.source")

T = TypeVar("T")
# Reads bytes (with their content type and file name) as of ``now``; raises UnreadableError when
# they are not what the source should hold.
ParseAs = Callable[[bytes, str, str, datetime], T]
Parse = ParseAs[Reading]
# Fetches the source, sending back the last good response's validators; raises FetchError.
FetchFn = Callable[[Validators], FetchResult]

EMPTY_MESSAGE = "the new schedule has no sessions; keeping the last good one"


class SourcePoller(Generic[T]):
    """Polls one source. ``start()`` shows the cached copy at once, then polls in a daemon thread.

    ``clock`` returns the time in the event's time zone: its date is the day bare times fall on.
    Subclasses say what the source is called in the log (``what``), how a value is summed up,
    which new values are refused, and which part of a value dates a change (``changed_at``).
    """

    what = "source"  # a noun for the log: "cannot read the {what}"

    def __init__(
        self,
        url: str,
        poll_seconds: float,
        parse: ParseAs[T],
        fetch: FetchFn,
        clock: Callable[[], datetime],
        cache_dir: Path | None,
        on_change: Callable[[Polled[T]], None] | None = None,
        rng: random.Random | None = None,
        what: str = "",
        monotonic: Callable[[], float] = time.monotonic,
        min_interval: float = 0.0,
        clock_is_real: bool = True,
    ) -> None:
        self.what = what or self.what
        # False when ``clock`` is frozen on purpose (``snapshot --at``): the server's Date is not
        # compared with it, so no clock is called wrong for it.
        self.clock_is_real = clock_is_real
        # A refresh ('r') fetches no sooner than this after the last attempt (a server's fair use).
        self.min_interval = min_interval
        self.url = url
        self.poll_seconds = poll_seconds
        self._parse = parse
        self._fetch = fetch
        self._clock = clock
        self._cache_dir = cache_dir
        self._on_change = on_change
        self._rng = rng or random.Random()
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._poll_lock = threading.Lock()
        self._latest: Polled[T] = Polled()
        self._validators = Validators()
        self._parsed_bytes: tuple[int, int, str, str, date] | None = None
        self._delay = 0.0
        self._next_poll: float | None = None
        self._attempted: float | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def latest(self) -> Polled[T]:
        with self._lock:
            return self._latest

    @property
    def delay(self) -> float:
        """Seconds the poller waits after the last attempt, chosen by its outcome."""
        return self._delay

    @property
    def next_poll(self) -> float | None:
        """The monotonic tick of the next attempt (None before the first)."""
        return self._next_poll

    def start(self) -> None:
        self.load_cached()
        self._thread = threading.Thread(target=self._run, name=f"kiosk-poller {self.what}", daemon=True)
        self._thread.start()

    def refresh(self) -> None:
        """Fetch now instead of waiting for the next poll (the facilitator pressed 'r'), or as soon
        as ``min_interval`` after the last attempt allows."""
        now = self._monotonic()
        soonest = now if self._attempted is None else max(now, self._attempted + self.min_interval)
        self._next_poll = min(self._next_poll, soonest) if self._next_poll is not None else soonest
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.poll_once()
            while not self._stopping.is_set():
                self._wake.wait(max(0.0, (self._next_poll or 0.0) - self._monotonic()))
                self._wake.clear()
                if self._monotonic() >= (self._next_poll or 0.0):
                    break

    # --- what subclasses say about their values ------------------------------------------------

    def describe(self, value: T) -> str:
        """A few words about a value for the log."""
        return "read"

    def details(self, value: T) -> tuple[object, ...]:
        """More lines for the log when a value changes (the schedule's problems)."""
        return ()

    @property
    def _of(self) -> str:
        return "" if self.what == Poller.what else f" ({self.what})"

    def refuse(self, new: T, old: T | None) -> str | None:
        """Why ``new`` must not replace ``old`` (kept instead), or None."""
        return None

    def watched(self, value: T) -> object:
        """The part of a value whose change ``changed_at`` dates."""
        return value

    # --- the fetch path -----------------------------------------------------------------------

    def load_cached(self) -> Polled[T]:
        """Put the cached copy (if any, and if it still parses) on the board before the first fetch."""
        copy = load_cache(self._cache_dir, self.url) if self._cache_dir is not None else None
        if copy is None:
            return self.latest()
        now = self._clock()
        try:
            reading = self._parse(copy.body, copy.content_type, copy.name, now)
        except UnreadableError as error:
            log.warning("ignoring the cached %s from %s: %s", self.what, copy.fetched_at.isoformat(), error)
            return self.latest()
        log.info(
            "using the cached %s from %s: %s",
            self.what,
            copy.fetched_at.isoformat(),
            self.describe(reading),
        )
        self._validators = Validators(copy.etag, copy.last_modified)
        self._parsed_bytes = _fingerprint(copy.body, copy.content_type, copy.name, now)
        return self._publish(
            Polled(reading=reading, fetched_at=copy.fetched_at, from_cache=True, changed_at=copy.fetched_at)
        )

    def poll_once(self) -> Polled[T]:
        """One attempt: fetch, parse, keep or reject, cache; returns the new copy."""
        with self._poll_lock:
            now, tick = self._clock(), self._monotonic()
            try:
                result = self._fetch(self._conditional(now))
            except FetchError as error:
                return self._failed(now, tick, error.message, error.kind, error.retry_after)
            skew = _skew(result, now) if self.clock_is_real else None
            previous = self.latest()
            if result.not_modified and previous.reading is not None:
                return self._succeeded(now, tick, previous.reading, skew, result.wait)
            if result.not_modified:
                # A 304 with nothing to keep: ask again without validators next time.
                self._validators = Validators()
                return self._failed(
                    now,
                    tick,
                    f"the server said 'not modified' but no {self.what} is kept",
                    backoff.Outcome.UNREADABLE,
                )
            fingerprint = _fingerprint(result.body, result.content_type, result.name, now)
            if fingerprint == self._parsed_bytes and previous.reading is not None:
                # The same bytes as the schedule on the board (a server or a file without validators):
                # as good as a 304, so they are not read again.
                self._validators = result.validators
                return self._succeeded(now, tick, previous.reading, skew)
            try:
                reading = self._parse(result.body, result.content_type, result.name, now)
            except UnreadableError as error:
                return self._failed(now, tick, str(error), backoff.Outcome.UNREADABLE)
            except Exception as error:
                # A reader's bug must not stop the polling thread: the board keeps the last good copy.
                log.exception("the %s reader failed", self.what)
                return self._failed(
                    now,
                    tick,
                    f"the reader failed on this {self.what} ({error!r})",
                    backoff.Outcome.UNREADABLE,
                )
            refused = self.refuse(reading, previous.reading)
            if refused is not None:
                return self._failed(now, tick, refused, backoff.Outcome.EMPTY)
            self._validators = result.validators
            self._parsed_bytes = fingerprint
            self._save(result, reading, now)
            return self._succeeded(now, tick, reading, skew, result.wait)

    def _conditional(self, now: datetime) -> Validators:
        # Bare "HH:MM" times are read on today's date: on a new day the schedule is read afresh.
        parsed = self._parsed_bytes
        return self._validators if parsed is not None and parsed[-1] == now.date() else Validators()

    def _succeeded(
        self, now: datetime, tick: float, reading: T, skew: float | None, wait: float | None = None
    ) -> Polled[T]:
        previous = self.latest()
        self._wait(tick, backoff.next_delay(backoff.Outcome.OK, 0, self.poll_seconds, self._rng, wait))
        if previous.failures:
            log.info("recovered after %d failed attempts%s", previous.failures, self._of)
        if reading != previous.reading:
            log.info("%s changed: %s", self.what, self.describe(reading))
            for detail in self.details(reading):
                log.info("  %s", detail)
        same = previous.reading is not None and self.watched(reading) == self.watched(previous.reading)
        was_skewed = previous.clock_skew is not None and abs(previous.clock_skew) >= SKEW_LIMIT_SECONDS
        if skew is not None and abs(skew) >= SKEW_LIMIT_SECONDS and not was_skewed:
            log.warning("the local clock is %+.0f s off the server's clock", -skew)
        return self._publish(
            Polled(
                reading=reading,
                fetched_at=now,
                checked_at=now,
                clock_skew=skew,
                from_cache=False,
                changed_at=previous.changed_at if same else now,
                fetched_tick=tick,
                checked_tick=tick,
                changed_tick=previous.changed_tick if same else tick,
            )
        )

    def _failed(
        self, now: datetime, tick: float, message: str, kind: backoff.Kind, retry_after: float | None = None
    ) -> Polled[T]:
        previous = self.latest()
        failures = previous.failures + 1
        self._wait(tick, backoff.next_delay(kind, failures, self.poll_seconds, self._rng, retry_after))
        if message != previous.error:
            if previous.reading is None:
                log.warning("cannot read the %s: %s", self.what, message)
            else:
                since = (previous.as_of(now, tick).fetched_at or now).isoformat(timespec="seconds")
                log.warning(
                    "cannot read the %s: %s; showing the %s from %s", self.what, message, self.what, since
                )
        return self._publish(
            replace(
                previous,
                checked_at=now,
                checked_tick=tick,
                error=message,
                error_kind=kind,
                failures=failures,
                offline_since=previous.offline_since or now,
                offline_tick=previous.offline_tick if previous.offline_since else tick,
            )
        )

    def _wait(self, tick: float, delay: float) -> None:
        self._delay = delay
        self._attempted = tick
        self._next_poll = tick + delay

    def _save(self, result: FetchResult, reading: T, now: datetime) -> None:
        if self._cache_dir is None:
            return
        copy = CachedCopy(
            url=self.url,
            body=result.body,
            fetched_at=now,
            content_type=result.content_type,
            name=result.name,
            etag=result.etag,
            last_modified=result.last_modified,
            format=reading.format if isinstance(reading, Reading) else "",
        )
        try:
            save_cache(self._cache_dir, copy)
        except OSError as error:
            log.warning("cannot write the cached %s in %s: %s", self.what, self._cache_dir, error)

    def _publish(self, latest: Polled[T]) -> Polled[T]:
        with self._lock:
            changed = latest != self._latest
            self._latest = latest
        if changed and self._on_change is not None:
            self._on_change(latest)
        return latest


class Poller(SourcePoller[Reading]):
    """The schedule's feed: a new schedule without sessions never replaces one with sessions."""

    what = "schedule"

    def describe(self, value: Reading) -> str:
        return f"{len(value.schedule.sessions)} sessions, {len(value.problems)} problems"

    def details(self, value: Reading) -> tuple[object, ...]:
        return value.problems

    def refuse(self, new: Reading, old: Reading | None) -> str | None:
        if not new.schedule.sessions and old is not None and old.schedule.sessions:
            return EMPTY_MESSAGE
        return None

    def watched(self, value: Reading) -> object:
        return value.schedule.alert


class SidePoller(SourcePoller[Document]):
    """A side source's feed: it keeps the last good bytes; the pages read them as they draw."""

    def describe(self, value: Document) -> str:
        return f"{len(value.body)} bytes"


def _fingerprint(body: bytes, content_type: str, name: str, now: datetime) -> tuple[int, int, str, str, date]:
    """What a reading depends on: the bytes (their length and hash), what they say they are, and the
    day that bare times fall on.

    Python's own hash of bytes (SipHash, keyed afresh in each process) will do: fingerprints are
    compared only within this process, and hashlib would load OpenSSL's libcrypto (3.3 MiB PSS)
    into a kiosk that reads its schedule from a file."""
    return len(body), hash(body), content_type, name, now.date()


def _skew(result: FetchResult, now: datetime) -> float | None:
    """The server's clock minus the local one, in seconds (None without a Date header)."""
    if result.server_date is None:
        return None
    return (result.server_date - now).total_seconds()
