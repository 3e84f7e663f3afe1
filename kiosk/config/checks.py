"""The config file's tables, each read into its dataclass and checked: a wrong value, or two values that
cannot go together, is a ConfigError naming the key."""

from __future__ import annotations

import difflib
import shlex
import tomllib
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config.reader import Table
from kiosk.config.remote import read_remote
from kiosk.config.schema import (
    MODERATION,
    PAGES,
    POWER_METHODS,
    AlertConfig,
    CacheConfig,
    ConfigError,
    DisplayConfig,
    EventConfig,
    IdeasConfig,
    PagesConfig,
    ProposeConfig,
    SlotsConfig,
    ThemeConfig,
    UpdatesConfig,
    VoteConfig,
    default_cache_dir,
)
from kiosk.config.sources import read_sources
from kiosk.config.tables import KEYS, Config
from kiosk.core import i18n
from kiosk.sides.ideas import is_question
from kiosk.sides.updates import accounts


def parse(text: str, file: Path) -> Config:
    """Read and check the text of a config file (``file`` names it in errors, its folder anchors paths)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(file, "", f"not valid TOML: {error}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(file, unknown[0], f"unknown table (known: {', '.join(KEYS)})")
    base = file.resolve().parent

    def table(name: str) -> Table:
        return Table(file, name, data.get(name, {}))

    source, more_sources = read_sources(file, data.get("source", {}), base)
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
        remote=read_remote(table("remote")),
        more_sources=more_sources,
    )


def _event(t: Table) -> EventConfig:
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


def _slots(t: Table) -> SlotsConfig:
    start, end = t.clock("start"), t.clock("end")
    assert start is not None and end is not None
    minutes = t.number("minutes", low=5, high=24 * 60)
    if minutes != int(minutes):
        raise t.error("minutes", f"must be a whole number of minutes, got {minutes!r}")
    if end == start and str(t.data.get("end")).strip() != "24:00":  # "00:00" to "24:00": a whole day
        raise t.error("end", "must differ from [slots] start")
    return SlotsConfig(start=start, end=end, minutes=int(minutes))


def _propose(t: Table) -> ProposeConfig:
    url = t.text("url")
    if url and not url.startswith(("http://", "https://")):
        raise t.error("url", f"must be an http(s) URL that a phone can open, got {url!r}")
    return ProposeConfig(url=url, text=t.text("text"))


def _location(t: Table, key: str, base: Path) -> str:
    """A document the kiosk reads: an http(s) or file:// URL, or a path (relative to the config)."""
    url = t.text(key).strip()
    if not url or url.startswith(("http://", "https://", "file://")):
        return url
    if "://" in url:
        raise t.error(key, f"only http://, https:// and file:// URLs or paths are read, got {url!r}")
    return str(base / Path(url).expanduser())


def _vote(t: Table, base: Path) -> VoteConfig:
    url = t.text("url").strip()
    if url and not url.startswith(("http://", "https://")):
        raise t.error("url", f"must be an http(s) URL that a phone can open, got {url!r}")
    if url and "{title}" not in url:
        raise t.error("url", "must contain {title} where the form takes the proposal's title")
    return VoteConfig(url=url, results=_location(t, "results", base))


def _ideas(t: Table, base: Path) -> IdeasConfig:
    moderation = t.text("moderation")
    if moderation not in MODERATION:
        raise t.error("moderation", f"must be one of {', '.join(MODERATION)}, got {moderation!r}")
    if is_question(column := " ".join(t.text("approval_column").split())):
        why = "is a question the form asks, which strangers answer: name the facilitator's own column"
        raise t.error("approval_column", f'{column!r} {why} (e.g. "Show")')
    return IdeasConfig(url=_location(t, "url", base), moderation=moderation, approval_column=column)


def _pages(t: Table, rooms: tuple[str, ...]) -> PagesConfig:
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


def _theme(t: Table, base: Path) -> ThemeConfig:
    logo = t.path("logo", base)
    if logo is not None and not logo.is_file():
        raise t.error("logo", f"no such image file: {logo}")
    colours = {item.name: t.colour(item.name) for item in fields(ThemeConfig) if item.name != "logo"}
    return ThemeConfig(**colours, logo=logo)


def _strings(file: Path, data: Any) -> tuple[tuple[str, str], ...]:
    """``[strings]``: a text per key of the board's words, with the same ``{fields}`` as the English."""
    if not isinstance(data, dict):
        raise ConfigError(file, "strings", "must be a table, e.g. [strings]")
    if not data:
        return ()  # no catalogue template to read, nor Babel's reader of it
    known = i18n.messages()
    out = []
    for key, value in data.items():
        if key not in known:
            near = difflib.get_close_matches(key, known, n=3)
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise ConfigError(
                file, f"strings.{key}", f"unknown key ({hint}the manual's Languages page lists every key)"
            )
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


def _display(t: Table) -> DisplayConfig:
    on, off = t.clock("on"), t.clock("off")
    if (on is None) != (off is None):
        raise t.error("on" if on is None else "off", "set both [display] on and off, or neither")
    rotate = t.data.get("rotate", t.default("rotate"))
    if rotate not in (0, 90, 180, 270) or isinstance(rotate, bool):
        raise t.error("rotate", f"must be 0, 90, 180 or 270 (degrees clockwise), got {rotate!r}")
    power = _power(t)
    if power and on is None:
        raise t.error("power", "switches the screen at [display] on and off: set them too")
    return DisplayConfig(
        on=on,
        off=off,
        blank=t.flag("blank"),
        rotate=int(rotate),
        power=power,
        cec_device=_cec_device(t),
        power_off=_power_command(t, "power_off", "command" in power),
        power_on=_power_command(t, "power_on", "command" in power),
    )


def _power(t: Table) -> tuple[str, ...]:
    power = t.data.get("power", [])
    if not isinstance(power, list) or not all(isinstance(m, str) for m in power):
        raise t.error(
            "power", f'must be a list of methods, e.g. ["cec", "dpms"] (of {", ".join(POWER_METHODS)})'
        )
    for method in power:
        if method not in POWER_METHODS:
            raise t.error("power", f"unknown method {method!r} (methods: {', '.join(POWER_METHODS)})")
    if len(set(power)) != len(power):
        raise t.error("power", "lists a method twice")
    return tuple(power)


def _cec_device(t: Table) -> str:
    device = t.text("cec_device").strip()
    if device and not device.startswith("/"):
        raise t.error("cec_device", f'must be a device path such as "/dev/cec1", got {device!r}')
    return device


def _power_command(t: Table, key: str, wanted: bool) -> str:
    command = t.text(key).strip()
    if wanted and not command:
        raise t.error(key, 'is required with "command" in [display] power')
    if command and not wanted:
        raise t.error(key, 'is run only with "command" in [display] power')
    try:
        shlex.split(command)
    except ValueError as error:
        raise t.error(key, f"cannot be split into words ({error})") from None
    return command


def _updates(t: Table) -> UpdatesConfig:
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
