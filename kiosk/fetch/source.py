"""The sources as the kiosk, ``check`` and ``snapshot`` all use them: one fetch path, one parse.

``fetch`` gets bytes (http(s), file:// or a path), ``cache`` keeps the last good copy on disk and
``poller`` runs the two in a thread; this module wires them to a ``Config``: the schedule, and the
side sources (vote results, ideas, the alert …) registered in ``kiosk.fetch.sides``, which the loop sees
together as one ``Latest`` whose ``sides`` carry each side source's last good bytes and age.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from kiosk.config import Config, SourceConfig
from kiosk.core.model import Document, Latest, Polled, Reading, UnreadableError
from kiosk.fetch import links
from kiosk.fetch.cache import load_cache
from kiosk.fetch.fetched import Failure, FetchError, FetchResult, Validators, local_path, read_file
from kiosk.fetch.merge import label, merge_latest
from kiosk.fetch.poller import FetchFn, Parse, ParseAs, Poller, SidePoller
from kiosk.fetch.sides import SideSource, side_sources
from kiosk.formats import ReadOptions, read_schedule
from kiosk.formats.decode import what_it_is

if TYPE_CHECKING:
    import requests


def document_parse(side: SideSource) -> ParseAs[Document]:
    def parse(data: bytes, content_type: str, name: str, now: datetime) -> Document:
        side.check(data)
        return Document(data, content_type, name)

    return parse


def read_options(config: Config, now: datetime, source: SourceConfig | None = None) -> ReadOptions:
    """Bare "HH:MM" times fall on the event's date, or else on today's date in the event's zone;
    ``source`` (one of ``config.sources``, the first by default) picks its room."""
    day = config.event.date or now.astimezone(config.tz).date()
    untimed = timedelta(minutes=config.slots.minutes)
    source = source or config.source
    return ReadOptions(config.tz, day, source.room, untimed, source.rooms, config.home_room)


def make_parse(config: Config, source: SourceConfig | None = None) -> Parse:
    """Read a schedule source's bytes (``source``, the config's first by default) in its format."""
    read_as = source or config.source

    def parse(data: bytes, content_type: str, name: str, now: datetime) -> Reading:
        options = read_options(config, now, read_as)
        return read_schedule(data, options, format=read_as.format, content_type=content_type, name=name)

    return parse


def make_fetch(source: SourceConfig, session: requests.Session | None = None) -> FetchFn:
    """Fetch ``source.url`` as pasted: a Google Sheet's or Calendar's own link as its export
    (``kiosk.fetch.links``), whose sign-in page, when it is not shared, says what to do. A file is
    read without the HTTP client."""
    link = links.resolve(source.url)
    path = local_path(link.url)
    if path is not None:

        def read_source_file(validators: Validators) -> FetchResult:
            return read_file(path, source.max_bytes, validators)

        return read_source_file
    http = session or new_session()

    def fetch_source(validators: Validators) -> FetchResult:
        return fetch_link(link, source, http, validators)

    return fetch_source


def new_session() -> requests.Session:
    # Deferred: requests, urllib3 and TLS (libssl, libcrypto) load only for an http(s) source.
    from kiosk.fetch.http import make_session

    return make_session()


def fetch_link(
    link: links.Link, source: SourceConfig, http: requests.Session, validators: Validators
) -> FetchResult:
    """Fetch ``link.url`` with ``source``'s limits; Google's refusals say what to do about them."""
    # Deferred with the session (new_session): requests and TLS load only for an http(s) source.
    from kiosk.fetch.http import fetch

    try:
        result = fetch(
            link.url,
            session=http,
            timeout=source.timeout_seconds,
            max_bytes=source.max_bytes,
            validators=validators,
            ca_bundle=source.ca_bundle,
        )
    except FetchError as error:
        if link.advice and error.kind in (Failure.AUTH, Failure.NOT_FOUND):
            status = error.message.split(" — ", 1)[0]
            raise FetchError(f"Google answered {status}: {link.advice}", error.kind) from None
        raise
    if link.advice and (what_it_is(result.body) or "").startswith("an HTML"):
        raise FetchError(f"Google answered with its sign-in page: {link.advice}", Failure.AUTH)
    return result


def make_poller(
    config: Config,
    clock: Callable[[], datetime] | None = None,
    on_change: Callable[[Latest], None] | None = None,
    source: SourceConfig | None = None,
    what: str = "",
) -> Poller:
    """The kiosk's poller for one schedule source of ``config`` (the first by default; not started:
    call ``start()``). Each source has its own poller, so its own backoff and last good copy;
    ``what`` names it in the log ("schedule (source 2)")."""
    source = source or config.source
    return Poller(
        url=source.url,
        poll_seconds=source.poll_seconds,
        parse=make_parse(config, source),
        fetch=make_fetch(source),
        clock=clock or (lambda: datetime.now(config.tz)),
        cache_dir=config.cache.dir,
        on_change=on_change,
        rng=random.Random(),
        what=what,
    )


def make_side_feed(
    config: Config,
    side: SideSource,
    clock: Callable[[], datetime] | None = None,
    *,
    cached: bool = True,
    frozen: bool = False,
) -> SidePoller:
    """A side source's feed, fetched with the schedule's limits, timeouts and poll interval (or the
    source's own minimum); without ``cached`` it neither reads nor writes the last good copy on disk;
    ``frozen``: ``clock`` stands still on purpose, so it is not compared with the server's."""
    source = replace(config.source, url=side.url)
    return SidePoller(
        url=side.url,
        poll_seconds=max(config.source.poll_seconds, side.min_poll_seconds),
        parse=document_parse(side),
        fetch=resolving_fetch(source, side) if side.resolve else make_fetch(source),
        clock=clock or (lambda: datetime.now(config.tz)),
        cache_dir=config.cache.dir if cached else None,
        rng=random.Random(),
        what=side.name,
        min_interval=side.min_poll_seconds,
        clock_is_real=not frozen,
    )


def resolving_fetch(source: SourceConfig, side: SideSource) -> FetchFn:
    """Fetch ``side.url`` with the id that ``side.lookup`` gives, both through the one fetch path.

    The id is kept; when the address with it is gone (404) it is looked up again next time.
    """
    assert side.resolve is not None
    resolve = side.resolve
    http = new_session()
    lookup = make_fetch(replace(source, url=side.lookup), http)
    found: list[str] = []

    def fetch_side(validators: Validators) -> FetchResult:
        if not found:
            answer = lookup(Validators())
            try:
                found.append(resolve(answer.body))
            except UnreadableError as error:
                raise FetchError(f"cannot look up {side.lookup}: {error}", Failure.NOT_FOUND) from None
        url = side.url.replace("{id}", quote(found[0], safe=""))
        try:
            return make_fetch(replace(source, url=url), http)(validators)
        except FetchError as error:
            if error.kind is Failure.NOT_FOUND:
                found.clear()
            raise

    return fetch_side


class Sources:
    """The schedule's pollers (one per source) and the side sources' feeds, seen by the loop as one source.

    ``latest()`` is the schedule's latest copy (the sources' merged, ``kiosk.fetch.merge``) with each
    side's in ``sides``; it is the same object until one of them changes, so the loop redraws only
    then. ``schedule`` is the first source's poller.
    """

    def __init__(self, schedule: Poller | tuple[Poller, ...], sides: dict[str, SidePoller]) -> None:
        self.schedules = schedule if isinstance(schedule, tuple) else (schedule,)
        self.schedule = self.schedules[0]
        self.sides = sides
        self._parts: tuple[tuple[Polled[Reading], ...], tuple[Polled[Document], ...]] | None = None
        self._latest = Latest()

    def _feeds(self) -> tuple[Poller | SidePoller, ...]:
        return (*self.schedules, *self.sides.values())

    def start(self) -> None:
        for feed in self._feeds():
            feed.start()

    def latest(self) -> Latest:
        mains = tuple(poller.latest() for poller in self.schedules)
        sides = tuple(feed.latest() for feed in self.sides.values())
        last = self._parts
        if (
            last is None
            or any(a is not b for a, b in zip(last[0], mains, strict=True))
            or any(a is not b for a, b in zip(last[1], sides, strict=True))
        ):
            self._parts = (mains, sides)
            self._latest = replace(merge_latest(mains), sides=tuple(zip(self.sides, sides, strict=True)))
        return self._latest

    def refresh(self) -> None:
        for feed in self._feeds():
            feed.refresh()

    def stop(self, timeout: float = 5.0) -> None:
        for feed in self._feeds():
            feed.stop(timeout)


def make_sources(
    config: Config,
    clock: Callable[[], datetime] | None = None,
    on_change: Callable[[Latest], None] | None = None,
) -> Sources:
    """Everything the board reads for ``config`` (not started: call ``start()``); ``on_change`` hears
    each new copy from each schedule source's poller (each attempt), in the poller's thread."""
    sides = {side.name: make_side_feed(config, side, clock) for side in side_sources(config)}
    several = len(config.sources) > 1
    pollers = tuple(
        make_poller(config, clock, on_change, source, f"schedule ({label(number)})" if several else "")
        for number, source in enumerate(config.sources, start=1)
    )
    return Sources(pollers, sides)


def poll_sides(
    config: Config, now: datetime, *, cached: bool = True, frozen: bool = False
) -> tuple[tuple[str, Polled[Document]], ...]:
    """Each side source fetched once, as the kiosk does, falling back to its cached copy (without
    ``cached``, as ``check`` does: what the source says now, the cache untouched); ``frozen``: ``now``
    is a moment chosen on purpose (``snapshot --at``), not the clock to judge against the server's."""
    found = []
    for side in side_sources(config):
        feed = make_side_feed(config, side, clock=lambda: now, cached=cached, frozen=frozen)
        feed.load_cached()
        found.append((side.name, feed.poll_once()))
    return tuple(found)


def read_source(
    config: Config, url_override: str | None, now: datetime, source: SourceConfig | None = None
) -> Reading:
    """Fetch and read a source once (``source``, the first by default, or ``url_override`` read as
    the first is), exactly as the poller does; raises FetchError or UnreadableError."""
    source = source or config.source
    url = url_override or source.url
    if "://" not in url and not os.path.isabs(url):
        url = str(Path(url).resolve())
    source = replace(source, url=url)
    result = make_fetch(source)(Validators())
    return make_parse(config, source)(result.body, result.content_type, result.name, now)


def cached_reading(
    config: Config, now: datetime, source: SourceConfig | None = None
) -> tuple[Reading, datetime] | None:
    """The cached copy of a source (the first by default), read as of ``now``, and when it was
    fetched; or None. A missing, damaged or no longer readable cache gives None (damage is logged).
    """
    source = source or config.source
    copy = load_cache(config.cache.dir, source.url)
    if copy is None:
        return None
    try:
        reading = make_parse(config, source)(copy.body, copy.content_type, copy.name, now)
    except UnreadableError:
        return None
    return reading, copy.fetched_at


def source_once(config: Config, source: SourceConfig, now: datetime) -> Latest:
    """One schedule source as ``run`` would show it now: read afresh; else its cached copy, with the
    failure as the poller records one (``from_cache``, ``error``); else the failure alone (no reading)."""
    try:
        return Latest(reading=read_source(config, None, now, source), fetched_at=now, checked_at=now)
    except (FetchError, UnreadableError) as error:
        cached = cached_reading(config, now, source)
        if cached is None:
            return Latest(error=str(error), failures=1, checked_at=now, offline_since=now)
        reading, fetched_at = cached
        return Latest(
            reading=reading,
            fetched_at=fetched_at,
            checked_at=now,
            error=str(error),
            failures=1,
            from_cache=True,
            offline_since=now,
        )
