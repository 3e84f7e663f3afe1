"""``[source]`` read and checked: one table, or several ``[[source]]`` tables (a later one says only
its url, format and room), each url a URL or a path, and the rooms of a board of several rooms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.config.reader import Table
from kiosk.config.schema import FORMATS, ConfigError, SourceConfig
from kiosk.core.names import name_words

# What a later [[source]] table may say; the rest (how to fetch, the rooms) is the first table's.
OWN_KEYS = ("url", "format", "room")


def read_sources(file: Path, data: Any, base: Path) -> tuple[SourceConfig, tuple[SourceConfig, ...]]:
    """``[source]``, whose ``url`` may be a list, or ``[[source]]`` tables: the first source, and the others.

    Every later source is fetched as the first is (poll, timeout, size, CA) and read with its own
    format and room (a list of URLs shares the table's).
    """
    tables = data if isinstance(data, list) else [data]
    if not tables:
        raise ConfigError(file, "source", "[[source]] needs at least one table with a url")
    first = Table(file, "source", tables[0])
    urls = _urls(first, base)
    source = _source(first, urls[0], base)
    more = [replace(source, url=url) for url in urls[1:]]
    for number, data in enumerate(tables[1:], start=2):
        t = Table(file, "source", data)
        shared = sorted(set(t.data) - set(OWN_KEYS))
        if shared:
            raise t.error(
                shared[0],
                f"in the {_ordinal(number)} [[source]] table: set it in the first one, which sets it for "
                f"every source (a later table has only {', '.join(OWN_KEYS)})",
            )
        fmt = _format(t)
        room = _room(t)
        if room and source.rooms:
            raise t.error("room", "set either room (one room) or rooms (several), not both")
        more += [replace(source, url=url, format=fmt, room=room) for url in _urls(t, base)]
    seen = {source.url}
    for other in more:
        if other.url in seen:
            raise first.error("url", f"{other.url!r} is listed twice")
        seen.add(other.url)
    return source, tuple(more)


def _ordinal(number: int) -> str:
    return {2: "2nd", 3: "3rd"}.get(number, f"{number}th")


def _urls(t: Table, base: Path) -> list[str]:
    """``url``: one address, or a list of them, each an http(s) or file:// URL or a path."""
    value = t.data.get("url", "")
    listed = value if isinstance(value, list) else [value]
    if not listed or not all(isinstance(url, str) for url in listed):
        raise t.error("url", "must be a URL or a path, or a list of them")
    urls = []
    for url in (url.strip() for url in listed):
        if not url:
            raise t.error("url", "is required: an http(s) URL or a path to a schedule file")
        if "://" not in url:
            url = str(base / Path(url).expanduser())
        elif not url.startswith(("http://", "https://", "file://")):
            raise t.error("url", f"only http://, https:// and file:// URLs or paths are read, got {url!r}")
        urls.append(url)
    return urls


def _format(t: Table) -> str:
    fmt = t.text("format")
    if fmt not in FORMATS:
        raise t.error("format", f"must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def _source(t: Table, url: str, base: Path) -> SourceConfig:
    fmt = _format(t)
    ca = t.text("ca_bundle")
    return SourceConfig(
        url=url,
        format=fmt,
        poll_seconds=t.number("poll_seconds", low=5, high=86_400),
        room=_room(t),
        rooms=_rooms(t),
        timeout_seconds=t.number("timeout_seconds", low=0.1, high=300),
        max_bytes=int(t.number("max_bytes", low=1_000, high=500_000_000)),
        ca_bundle=str(base / Path(ca).expanduser()) if ca else "",
        stale_minutes=t.number("stale_minutes", low=0.5, high=10_000),
        demo=t.flag("demo"),
    )


MAX_ROOMS = 12  # more columns than this cannot be read from across a hallway, even in parts


def _room(t: Table) -> str:
    """``[source] room``: a name with letters or digits, the words rooms are matched by."""
    room = t.text("room")
    if room.strip() and not name_words(room):
        raise t.error("room", f"{room!r} names no room: a room's name needs letters or digits")
    return room


def _rooms(t: Table) -> tuple[str, ...]:
    """``[source] rooms``: room names, each once (as the room filter compares them), at most ``MAX_ROOMS``."""
    rooms = t.data.get("rooms", [])
    if not isinstance(rooms, list) or not all(isinstance(room, str) and room.strip() for room in rooms):
        raise t.error("rooms", 'must be a list of room names, e.g. ["H-101", "H-102", "H-103"]')
    if t.has("room") and rooms:
        raise t.error("rooms", "set either room (one room) or rooms (several), not both")
    if len(rooms) > MAX_ROOMS:
        raise t.error("rooms", f"at most {MAX_ROOMS} rooms fit on one board, got {len(rooms)}")
    seen: dict[tuple[str, ...], str] = {}
    for room in rooms:
        key = name_words(room)
        if not key:
            raise t.error("rooms", f"{room!r} names no room: a room's name needs letters or digits")
        if key in seen:
            raise t.error("rooms", f"{room!r} is the same room as {seen[key]!r}")
        seen[key] = room
    return tuple(room.strip() for room in rooms)
