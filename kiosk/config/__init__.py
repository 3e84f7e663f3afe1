"""The kiosk's configuration: TOML in, frozen and checked dataclasses out.

Every bad key or value becomes a ``ConfigError`` naming the file, the key and what is wrong, so the
facilitator can fix a config edit without reading a traceback.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core import i18n
from kiosk.core.i18n import Words
from kiosk.core.resources import bundled_config
from kiosk.formats.rooms import home_room, room_key

DEFAULT_CONFIG = bundled_config()

FORMATS = ("auto", "json", "csv", "ics", "frab")
PAGES = ("now", "today", "propose", "vote", "updates", "rooms")
MODERATION = ("approve", "all")


class ConfigError(Exception):
    def __init__(self, file: str | Path, key: str, message: str) -> None:
        self.file = str(file)
        self.key = key
        self.message = message
        table, _, name = key.partition(".")
        where = f"[{table}] {name}".rstrip() if key else ""
        super().__init__(f"{self.file}: {where}: {message}" if key else f"{self.file}: {message}")


@dataclass(frozen=True)
class EventConfig:
    name: str = "Open Spaces"
    room: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    date: date | None = None
    language: str = "en"


@dataclass(frozen=True)
class SourceConfig:
    url: str = ""
    format: str = "auto"
    poll_seconds: float = 60.0
    room: str = ""
    rooms: tuple[str, ...] = ()  # several rooms on one board, in this order (the rooms page)
    timeout_seconds: float = 10.0
    max_bytes: int = 5_000_000
    ca_bundle: str = ""
    stale_minutes: float = 10.0
    demo: bool = False


@dataclass(frozen=True)
class SlotsConfig:
    start: time = time(10, 0)
    end: time = time(18, 0)
    minutes: int = 30


@dataclass(frozen=True)
class ProposeConfig:
    url: str = ""
    text: str = ""  # empty: the catalogue's "Propose a topic" in the board's language


@dataclass(frozen=True)
class VoteConfig:
    url: str = ""  # a pre-filled form link; {title} stands for the proposal's title
    results: str = ""  # the form's responses, published as CSV


@dataclass(frozen=True)
class IdeasConfig:
    url: str = ""  # the proposal form's responses, published as CSV
    moderation: str = "approve"


@dataclass(frozen=True)
class AlertConfig:
    url: str = ""  # a plain-text document; a non-empty body is an urgent message


@dataclass(frozen=True)
class PagesConfig:
    order: tuple[str, ...] = tuple(page for page in PAGES if page != "rooms")  # rooms: with [source] rooms
    seconds: float = 15.0
    transition_seconds: float = 0.4
    clock_seconds: bool = False


@dataclass(frozen=True)
class CacheConfig:
    dir: Path = field(default_factory=lambda: default_cache_dir())


@dataclass(frozen=True)
class ThemeConfig:
    background: tuple[int, int, int] = (16, 20, 31)
    surface: tuple[int, int, int] = (28, 34, 51)
    text: tuple[int, int, int] = (245, 246, 250)
    muted: tuple[int, int, int] = (178, 186, 204)
    accent: tuple[int, int, int] = (255, 212, 59)
    open: tuple[int, int, int] = (94, 234, 160)
    warning: tuple[int, int, int] = (255, 138, 101)
    logo: Path | None = None


@dataclass(frozen=True)
class DisplayConfig:
    on: time | None = None
    off: time | None = None
    blank: bool = False
    rotate: int = 0


@dataclass(frozen=True)
class UpdatesConfig:
    """The organisers' feeds, as written (checked by ``kiosk.sides.updates.accounts``)."""

    mastodon: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    bluesky: tuple[str, ...] = ()
    bluesky_api: str = "https://public.api.bsky.app"
    max_age_hours: float = 24.0

    @property
    def any(self) -> bool:
        return bool(self.mastodon or self.hashtags or self.bluesky)


@dataclass(frozen=True)
class RemoteConfig:
    """The remote page, screenshot and metrics over HTTP; off while ``listen`` is None."""

    listen: tuple[str, int] | None = None  # host and port
    token: str = ""
    metrics_public: bool = False


@dataclass(frozen=True)
class Config:
    path: Path
    event: EventConfig = field(default_factory=EventConfig)
    source: SourceConfig = field(default_factory=SourceConfig)
    slots: SlotsConfig = field(default_factory=SlotsConfig)
    propose: ProposeConfig = field(default_factory=ProposeConfig)
    vote: VoteConfig = field(default_factory=VoteConfig)
    ideas: IdeasConfig = field(default_factory=IdeasConfig)
    alert: AlertConfig = field(default_factory=AlertConfig)
    pages: PagesConfig = field(default_factory=PagesConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    theme: ThemeConfig = field(default_factory=ThemeConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    strings: tuple[tuple[str, str], ...] = ()
    updates: UpdatesConfig = field(default_factory=UpdatesConfig)
    remote: RemoteConfig = field(default_factory=RemoteConfig)

    @property
    def tz(self) -> ZoneInfo:
        return self.event.timezone

    @property
    def words(self) -> Words:
        """The board's words: ``[event] language`` with the ``[strings]`` overrides."""
        return i18n.words(self.event.language, self.strings)

    @property
    def home_room(self) -> str:
        """Of ``[source] rooms``, the one the screen stands beside (``[event] room``, else the first)."""
        return home_room(self.source.rooms, self.event.room)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "open-spaces-kiosk"


# The tables of the config file, each read into its dataclass; a field is a key, its value the
# default. ``[strings]`` is not a dataclass: any key of the board's words (``kiosk.core.i18n.messages()``).
TABLES: dict[str, type] = {
    item.name: item.default_factory  # type: ignore[misc]
    for item in fields(Config)
    if item.name not in ("path", "strings")
}
# Every key the config understands, by table: documentation (README) is tested against this.
KEYS: dict[str, tuple[str, ...]] = {
    **{name: tuple(item.name for item in fields(table)) for name, table in TABLES.items()},
    "strings": (),
}

# A bearer token travels in a header and a cookie: RFC 6750's token68 characters, long enough to guess at
# no better than chance.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~+/-]+=*")
TOKEN_MIN_LENGTH = 16


class _Table:
    """Reads one TOML table, turning every wrong value into a ConfigError naming its key."""

    def __init__(self, file: Path, name: str, data: Any) -> None:
        self.file, self.name = file, name
        if not isinstance(data, dict):
            raise ConfigError(file, name, "must be a table, e.g. [" + name + "]")
        unknown = sorted(set(data) - set(KEYS[name]))
        if unknown:
            known = ", ".join(KEYS[name])
            raise ConfigError(file, f"{name}.{unknown[0]}", f"unknown key (known keys: {known})")
        self.data = data
        self.defaults = TABLES[name]() if name in TABLES else None

    def default(self, key: str) -> Any:
        """The key's default: its dataclass field's."""
        return getattr(self.defaults, key)

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.file, f"{self.name}.{key}", message)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, self.default(key) if default is None else default)
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, got {value!r}")
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.data.get(key, self.default(key) if default is None else default)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, got {value!r}")
        return value

    def number(self, key: str, default: float | None = None, *, low: float, high: float) -> float:
        value = self.data.get(key, self.default(key) if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, got {value!r}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low:g} and {high:g}, got {value!r}")
        return float(value)

    def clock(self, key: str) -> time | None:
        """``"HH:MM"``; ``"24:00"`` is midnight at the end of the day, which as an end time (one at or
        before the start) is read on the next day."""
        value = self.data.get(key)
        if value is None:
            return self.default(key)  # type: ignore[no-any-return]
        if isinstance(value, time):
            return value
        if isinstance(value, str):
            if value.strip() == "24:00":
                return time(0, 0)
            match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
            if match and int(match[1]) < 24 and int(match[2]) < 60:
                return time(int(match[1]), int(match[2]))
        raise self.error(key, f'must be a time "HH:MM", got {value!r}')

    def colour(self, key: str) -> tuple[int, int, int]:
        value = self.data.get(key)
        if value is None:
            return self.default(key)  # type: ignore[no-any-return]
        if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        raise self.error(key, f'must be a colour "#RRGGBB", got {value!r}')

    def texts(self, key: str, check: Callable[[str], object], example: str) -> tuple[str, ...]:
        """A list of strings, each accepted by ``check`` (which returns None for a wrong one)."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"must be a list of strings, e.g. [{example!r}]")
        for item in value:
            if check(item) is None:
                raise self.error(key, f"{item!r} is not like {example!r}")
        return tuple(item.strip() for item in value)

    def path(self, key: str, base: Path) -> Path | None:
        value = self.text(key, "")
        return (base / Path(value).expanduser()) if value else None


def load(path: str | Path | None = None) -> Config:
    """Read and check a config file (the bundled default when ``path`` is None)."""
    file = Path(path) if path is not None else DEFAULT_CONFIG
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(file, "", "no such config file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(file, "", f"cannot read the config file ({error})") from None
    return parse(text, file)


def parse(text: str, file: Path) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(file, "", f"not valid TOML: {error}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(file, unknown[0], f"unknown table (known: {', '.join(KEYS)})")
    base = file.resolve().parent

    def table(name: str) -> _Table:
        return _Table(file, name, data.get(name, {}))

    source = _source(table("source"), base)
    return Config(
        path=file,
        event=_event(table("event")),
        source=source,
        slots=_slots(table("slots")),
        propose=_propose(table("propose")),
        vote=_vote(table("vote"), base),
        ideas=_ideas(table("ideas"), base),
        alert=AlertConfig(url=_location(table("alert"), "url", base)),
        pages=_pages(table("pages"), source.rooms),
        cache=CacheConfig(dir=table("cache").path("dir", base) or default_cache_dir()),
        theme=_theme(table("theme"), base),
        display=_display(table("display")),
        strings=_strings(file, data.get("strings", {})),
        updates=_updates(table("updates")),
        remote=_remote(table("remote")),
    )


def _event(t: _Table) -> EventConfig:
    zone_name = t.text("timezone", t.default("timezone").key)
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a folder of zones ("Europe") is an OSError
        raise t.error(
            "timezone", f'unknown time zone {zone_name!r} (use an IANA name such as "Asia/Kolkata")'
        ) from None
    raw_date = t.data.get("date")
    event_date: date | None
    if raw_date is None or raw_date == "":
        event_date = None
    elif isinstance(raw_date, date):
        event_date = raw_date
    elif isinstance(raw_date, str):
        try:
            event_date = date.fromisoformat(raw_date.strip())
        except ValueError:
            raise t.error("date", f'must be a date "YYYY-MM-DD", got {raw_date!r}') from None
    else:
        raise t.error("date", f'must be a date "YYYY-MM-DD", got {raw_date!r}')
    language = i18n.normalise(t.text("language"))
    problem = i18n.check_language(language)
    if problem:
        raise t.error("language", problem)
    return EventConfig(
        name=t.text("name"),
        room=t.text("room"),
        timezone=zone,
        date=event_date,
        language=language,
    )


def _source(t: _Table, base: Path) -> SourceConfig:
    url = t.text("url")
    if not url:
        raise t.error("url", "is required: an http(s) URL or a path to a schedule file")
    if "://" not in url:
        url = str(base / Path(url).expanduser())
    elif not url.startswith(("http://", "https://", "file://")):
        raise t.error("url", f"only http://, https:// and file:// URLs or paths are read, got {url!r}")
    fmt = t.text("format")
    if fmt not in FORMATS:
        raise t.error("format", f"must be one of {', '.join(FORMATS)}, got {fmt!r}")
    ca = t.text("ca_bundle")
    return SourceConfig(
        url=url,
        format=fmt,
        poll_seconds=t.number("poll_seconds", low=5, high=86_400),
        room=t.text("room"),
        rooms=_rooms(t),
        timeout_seconds=t.number("timeout_seconds", low=0.1, high=300),
        max_bytes=int(t.number("max_bytes", low=1_000, high=500_000_000)),
        ca_bundle=str(base / Path(ca).expanduser()) if ca else "",
        stale_minutes=t.number("stale_minutes", low=0.5, high=10_000),
        demo=t.flag("demo"),
    )


MAX_ROOMS = 12  # more columns than this cannot be read from across a hallway, even in parts


def _rooms(t: _Table) -> tuple[str, ...]:
    """``[source] rooms``: room names, each once (as the room filter compares them), at most ``MAX_ROOMS``."""
    rooms = t.data.get("rooms", [])
    if not isinstance(rooms, list) or not all(isinstance(room, str) and room.strip() for room in rooms):
        raise t.error("rooms", 'must be a list of room names, e.g. ["H-101", "H-102", "H-103"]')
    if t.has("room") and rooms:
        raise t.error("rooms", "set either room (one room) or rooms (several), not both")
    if len(rooms) > MAX_ROOMS:
        raise t.error("rooms", f"at most {MAX_ROOMS} rooms fit on one board, got {len(rooms)}")
    seen: dict[str, str] = {}
    for room in rooms:
        key = room_key(room)
        if key in seen:
            raise t.error("rooms", f"{room!r} is the same room as {seen[key]!r}")
        seen[key] = room
    return tuple(room.strip() for room in rooms)


def _slots(t: _Table) -> SlotsConfig:
    start, end = t.clock("start"), t.clock("end")
    assert start is not None and end is not None
    minutes = t.number("minutes", low=5, high=24 * 60)
    if minutes != int(minutes):
        raise t.error("minutes", f"must be a whole number of minutes, got {minutes!r}")
    if end == start and str(t.data.get("end")).strip() != "24:00":  # "00:00" to "24:00": a whole day
        raise t.error("end", "must differ from [slots] start")
    return SlotsConfig(start=start, end=end, minutes=int(minutes))


def _propose(t: _Table) -> ProposeConfig:
    url = t.text("url")
    if url and not url.startswith(("http://", "https://")):
        raise t.error("url", f"must be an http(s) URL that a phone can open, got {url!r}")
    return ProposeConfig(url=url, text=t.text("text"))


def _location(t: _Table, key: str, base: Path) -> str:
    """A document the kiosk reads: an http(s) or file:// URL, or a path (relative to the config)."""
    url = t.text(key).strip()
    if not url or url.startswith(("http://", "https://", "file://")):
        return url
    if "://" in url:
        raise t.error(key, f"only http://, https:// and file:// URLs or paths are read, got {url!r}")
    return str(base / Path(url).expanduser())


def _vote(t: _Table, base: Path) -> VoteConfig:
    url = t.text("url").strip()
    if url and not url.startswith(("http://", "https://")):
        raise t.error("url", f"must be an http(s) URL that a phone can open, got {url!r}")
    if url and "{title}" not in url:
        raise t.error("url", "must contain {title} where the form takes the proposal's title")
    return VoteConfig(url=url, results=_location(t, "results", base))


def _ideas(t: _Table, base: Path) -> IdeasConfig:
    moderation = t.text("moderation")
    if moderation not in MODERATION:
        raise t.error("moderation", f"must be one of {', '.join(MODERATION)}, got {moderation!r}")
    return IdeasConfig(url=_location(t, "url", base), moderation=moderation)


def _pages(t: _Table, rooms: tuple[str, ...]) -> PagesConfig:
    several = len(rooms) > 1
    # The rooms page is in the rotation when there are rooms to put side by side.
    order = t.data.get("order", [*t.default("order"), *(["rooms"] if several else [])])
    if not isinstance(order, list) or not order or not all(isinstance(p, str) for p in order):
        raise t.error("order", f"must be a non-empty list of page names, e.g. {list(PAGES)!r}")
    for page in order:
        if page not in PAGES:
            raise t.error("order", f"unknown page {page!r} (pages: {', '.join(PAGES)})")
    if "rooms" in order and not several:
        raise t.error("order", 'the "rooms" page needs two or more rooms in [source] rooms')
    return PagesConfig(
        order=tuple(order),
        seconds=t.number("seconds", low=2, high=3_600),
        transition_seconds=t.number("transition_seconds", low=0, high=5),
        clock_seconds=t.flag("clock_seconds"),
    )


def _theme(t: _Table, base: Path) -> ThemeConfig:
    logo = t.path("logo", base)
    if logo is not None and not logo.is_file():
        raise t.error("logo", f"no such image file: {logo}")
    colours = {item.name: t.colour(item.name) for item in fields(ThemeConfig) if item.name != "logo"}
    return ThemeConfig(**colours, logo=logo)


def _strings(file: Path, data: Any) -> tuple[tuple[str, str], ...]:
    """``[strings]``: a text per key of the board's words, with the same ``{fields}`` as the English."""
    if not isinstance(data, dict):
        raise ConfigError(file, "strings", "must be a table, e.g. [strings]")
    known = i18n.messages()
    out = []
    for key, value in data.items():
        if key not in known:
            near = difflib.get_close_matches(key, known, n=3)
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise ConfigError(file, f"strings.{key}", f"unknown key ({hint}the README lists every key)")
        if not isinstance(value, str):
            raise ConfigError(file, f"strings.{key}", f"must be a string, got {value!r}")
        expected = i18n.placeholders(known[key])
        try:
            fields = i18n.placeholders(value)
        except ValueError as error:
            raise ConfigError(
                file, f"strings.{key}", f"is not a valid text ({error}); write {{{{ for {{"
            ) from None
        if not fields <= expected:
            allowed = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "no {fields}"
            raise ConfigError(file, f"strings.{key}", f"may use only {allowed}, like {known[key]!r}")
        out.append((key, value))
    return tuple(sorted(out))


def _display(t: _Table) -> DisplayConfig:
    on, off = t.clock("on"), t.clock("off")
    if (on is None) != (off is None):
        raise t.error("on" if on is None else "off", "set both [display] on and off, or neither")
    rotate = t.data.get("rotate", t.default("rotate"))
    if rotate not in (0, 90, 180, 270) or isinstance(rotate, bool):
        raise t.error("rotate", f"must be 0, 90, 180 or 270 (degrees clockwise), got {rotate!r}")
    return DisplayConfig(on=on, off=off, blank=t.flag("blank"), rotate=int(rotate))


def _updates(t: _Table) -> UpdatesConfig:
    from kiosk.sides.updates import accounts

    api = t.text("bluesky_api").rstrip("/")
    if not api.startswith(("http://", "https://")):
        raise t.error("bluesky_api", f"must be an http(s) URL, got {api!r}")
    return UpdatesConfig(
        mastodon=t.texts("mastodon", accounts.mastodon_account, "https://fosstodon.org/@pyconf"),
        hashtags=t.texts("hashtags", accounts.hashtag, "https://fosstodon.org/tags/pyconf"),
        allow=t.texts("allow", accounts.allow_key, "@pyconf@fosstodon.org"),
        bluesky=t.texts("bluesky", accounts.bluesky_handle, "pyconf.bsky.social"),
        bluesky_api=api,
        max_age_hours=t.number("max_age_hours", low=0.1, high=24 * 30),
    )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``: ``localhost`` or an address in 127.0.0.0/8 or ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _remote(t: _Table) -> RemoteConfig:
    text = t.text("listen", "")
    token = t.text("token", "")
    public = t.flag("metrics_public", False)
    if not text:
        return RemoteConfig(token=token, metrics_public=public)
    match = re.fullmatch(r"\s*(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]]+)):(\d{1,5})\s*", text)
    if match is None or int(match[3]) > 65535:
        raise t.error("listen", f'must be "host:port", e.g. "0.0.0.0:8080" or "[::1]:8080", got {text!r}')
    host = match[1] or match[2]
    if token and (not TOKEN_PATTERN.fullmatch(token) or len(token) < TOKEN_MIN_LENGTH):
        raise t.error(
            "token",
            f"must be at least {TOKEN_MIN_LENGTH} letters, digits or -._~+/ "
            "(e.g. from: python3 -c 'import secrets; print(secrets.token_urlsafe(24))')",
        )
    if not token and not is_loopback(host):
        raise t.error("token", f"is required when [remote] listen is not a loopback address ({host})")
    return RemoteConfig(listen=(host, int(match[3])), token=token, metrics_public=public)
