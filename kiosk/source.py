"""The schedule source as the kiosk, ``check`` and ``snapshot`` all use it: one fetch, one parse.

``fetch`` gets bytes (http(s), file:// or a path), ``cache`` keeps the last good copy on disk and
``poller`` runs the two in a thread; this module wires them to a ``Config``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import requests

from kiosk.cache import CachedCopy, cache_path, load_cache
from kiosk.config import Config, SourceConfig
from kiosk.fetch import FetchError, FetchResult, Validators, fetch, make_session
from kiosk.formats import ReadOptions
from kiosk.model import Reading, Snapshot, UnreadableError
from kiosk.poller import FetchFn, Parse, Poller

__all__ = [
    "CachedCopy",
    "FetchError",
    "Poller",
    "UnreadableError",
    "cache_path",
    "cached_reading",
    "make_fetch",
    "make_parse",
    "make_poller",
    "read_options",
    "read_source",
]


def read_options(config: Config, now: datetime) -> ReadOptions:
    """Bare "HH:MM" times fall on the event's date, or else on today's date in the event's zone."""
    day = config.event.date or now.astimezone(config.tz).date()
    return ReadOptions(timezone=config.tz, date=day, room=config.source.room)


def make_parse(config: Config) -> Parse:
    from kiosk.formats import read_schedule

    def parse(data: bytes, content_type: str, name: str, now: datetime) -> Reading:
        options = read_options(config, now)
        return read_schedule(data, options, format=config.source.format, content_type=content_type, name=name)

    return parse


def make_fetch(source: SourceConfig, session: requests.Session | None = None) -> FetchFn:
    http = session or make_session()

    def fetch_source(validators: Validators) -> FetchResult:
        return fetch(
            source.url,
            session=http,
            timeout=source.timeout_seconds,
            max_bytes=source.max_bytes,
            validators=validators,
            ca_bundle=source.ca_bundle,
        )

    return fetch_source


def make_poller(
    config: Config,
    clock: Callable[[], datetime] | None = None,
    on_change: Callable[[Snapshot], None] | None = None,
) -> Poller:
    """The kiosk's poller for ``config`` (not started: call ``start()``)."""
    return Poller(
        url=config.source.url,
        poll_seconds=config.source.poll_seconds,
        parse=make_parse(config),
        fetch=make_fetch(config.source),
        clock=clock or (lambda: datetime.now(config.tz)),
        cache_dir=config.cache.dir,
        on_change=on_change,
        rng=random.Random(),
    )


def read_source(config: Config, url_override: str | None, now: datetime) -> Reading:
    """Fetch and read the source once, exactly as the poller does; raises FetchError or UnreadableError."""
    url = url_override or config.source.url
    if "://" not in url and not os.path.isabs(url):
        url = str(Path(url).resolve())
    source = replace(config.source, url=url)
    result = make_fetch(source)(Validators())
    return make_parse(config)(result.body, result.content_type, result.name, now)


def cached_reading(config: Config, now: datetime) -> tuple[Reading, datetime] | None:
    """The cached copy of the config's source, read as of ``now``, and when it was fetched; or None.

    A missing, damaged or no longer readable cache gives None (damage is logged).
    """
    copy = load_cache(config.cache.dir, config.source.url)
    if copy is None:
        return None
    try:
        reading = make_parse(config)(copy.body, copy.content_type, copy.name, now)
    except UnreadableError:
        return None
    return reading, copy.fetched_at
