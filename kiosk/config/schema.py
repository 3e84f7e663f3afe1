"""What the config file may say: one frozen dataclass per TOML table, one field per key.

Each field carries its key's meaning (``metadata["meaning"]``) and, where the value in the code is not what
a reader should be told, the default in words (``metadata["default"]``); ``kiosk.config.reference`` lists
them, so the configuration reference is made from the same fields the reader fills.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.core.text import hide_url_secrets
from kiosk.formats import FORMAT_NAMES

FORMATS = ("auto", *FORMAT_NAMES)
# The board's pages, in their default order; kiosk.layout.pages gives each its layout (and a test checks
# that both name the same pages).
PAGES = ("now", "today", "propose", "vote", "updates", "rooms")
MODERATION = ("approve", "all")
POWER_METHODS = ("cec", "dpms", "command")  # [display] power: how the screen itself is switched off


class ConfigError(Exception):
    def __init__(self, file: str | Path, key: str, message: str) -> None:
        self.file = str(file)
        self.key = key
        self.message = message = hide_url_secrets(message)  # it reaches the screen and the remote
        table, _, name = key.partition(".")
        where = f"[{table}] {name}".rstrip() if key else ""
        super().__init__(f"{self.file}: {where}: {message}" if key else f"{self.file}: {message}")


def about(meaning: str, shown: str = "", written: str = "") -> dict[str, str]:
    """A config key's field metadata: its meaning and, if given, its default as the reference shows it
    and how its value is written in TOML when the field's type does not say (a string or a list)."""
    return {
        "meaning": meaning,
        **({"default": shown} if shown else {}),
        **({"type": written} if written else {}),
    }


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "open-spaces-kiosk"


@dataclass(frozen=True)
class EventConfig:
    """The conference and the room the screen stands beside."""

    name: str = field(default="Open Spaces", metadata=about("shown in the header"))
    room: str = field(default="", metadata=about("shown in the header"))
    timezone: ZoneInfo = field(
        default_factory=lambda: ZoneInfo("UTC"),
        metadata=about('IANA name, e.g. "Asia/Kolkata"; every time is shown in it', '"UTC"'),
    )
    date: date | None = field(
        default=None, metadata=about('"YYYY-MM-DD": the day that bare HH:MM times fall on', "today")
    )
    language: str = field(
        default="en",
        metadata=about(
            'the board\'s own words, weekdays, dates and durations: "en", "de", "ja" …; a region may follow '
            '("en_GB", "de_AT") for its date style'
        ),
    )


@dataclass(frozen=True)
class SourceConfig:
    """Where the schedule comes from and how it is fetched."""

    url: str = field(
        default="",
        metadata=about(
            "http(s):// URL, file:// URL or path of the schedule; or a list of them, whose sessions are "
            "merged on the board (or one [[source]] table each, with its own url, format and room)",
            "required",
            "string or list of strings",
        ),
    )
    format: str = field(
        default="auto", metadata=about('"auto", "json", "csv", "ics", "frab", "sessionize" or "indico"')
    )
    poll_seconds: float = field(default=60.0, metadata=about("how often to fetch (5 – 86400)"))
    room: str = field(
        default="",
        metadata=about(
            "the room to show from a multi-room feed: matched by whole words, in order, in any case",
            "every room",
        ),
    )
    rooms: tuple[str, ...] = field(
        default=(),
        metadata=about(
            'several rooms on one board, in this order, e.g. ["H-101", "H-102", "H-103"] (at most 12;'
            " not with room): the rooms page",
            "one room",
        ),
    )
    timeout_seconds: float = field(
        default=10.0,
        metadata=about(
            "connect timeout and the longest wait between bytes; a whole download may take three times this"
        ),
    )
    max_bytes: int = field(default=5_000_000, metadata=about("a longer response is cut off and not used"))
    ca_bundle: str = field(
        default="", metadata=about("a CA bundle file for a server with a private certificate", "system CAs")
    )
    stale_minutes: float = field(
        default=10.0, metadata=about("after this long without a good fetch the footer turns into a warning")
    )
    demo: bool = field(
        default=False, metadata=about("move the schedule's day so that it is live now (the bundled demo)")
    )


@dataclass(frozen=True)
class SlotsConfig:
    """The day's time table."""

    start: time = field(default=time(10, 0), metadata=about('the first slot\'s start, "HH:MM"'))
    end: time = field(
        default=time(18, 0),
        metadata=about(
            'the last slot\'s end, "HH:MM" ("24:00", or earlier than start for a day past midnight)'
        ),
    )
    minutes: int = field(default=30, metadata=about("the length of one slot on the board"))


@dataclass(frozen=True)
class ProposeConfig:
    """The call to propose a topic."""

    url: str = field(default="", metadata=about("the proposal form; the QR codes point here", "none"))
    text: str = field(
        default="",
        metadata=about("the call to action beside the QR code", '"Propose a topic" in the board\'s language'),
    )


@dataclass(frozen=True)
class VoteConfig:
    """Votes on proposed topics, from phones."""

    url: str = field(
        default="",
        metadata=about(
            "a pre-filled vote form link; {title} stands for the proposal's title (URL-encoded)", "none"
        ),
    )
    results: str = field(
        default="",
        metadata=about(
            "the vote form's responses published as CSV (URL or path), read like the schedule", "none"
        ),
    )


@dataclass(frozen=True)
class IdeasConfig:
    """Ideas from the proposal form's responses."""

    url: str = field(
        default="",
        metadata=about(
            "the proposal form's responses published as CSV (URL or path), read like the schedule", "none"
        ),
    )
    moderation: str = field(
        default="approve", metadata=about('"approve": only rows the facilitator marked; "all": every row')
    )
    approval_column: str = field(
        default="",
        metadata=about(
            "the header of the column where the facilitator marks the rows to show (yes, a ticked box);"
            " by default one headed Show, Approved or Approve, the last if several. Never a question"
            ' the form asks (a header ending in "?"): strangers answer those',
            "Show, Approved or Approve",
        ),
    )


@dataclass(frozen=True)
class AlertConfig:
    """An urgent message on every page."""

    url: str = field(
        default="",
        metadata=about(
            "a plain-text document (URL or path); a non-empty body is an urgent message on every page", "none"
        ),
    )


@dataclass(frozen=True)
class PagesConfig:
    """The carousel of pages."""

    order: tuple[str, ...] = field(
        default=tuple(page for page in PAGES if page != "rooms"),
        metadata=about(
            "pages to cycle through: now, today, propose, vote, updates (a page with nothing to show is"
            " skipped), rooms (needs two or more [source] rooms)",
            "all of them (rooms with two or more rooms)",
        ),
    )
    seconds: float = field(default=15.0, metadata=about("how long each page stays"))
    transition_seconds: float = field(default=0.4, metadata=about("the crossfade between pages (0 for none)"))
    clock_seconds: bool = field(
        default=False, metadata=about("show seconds in the header clock (redraws every second)")
    )


@dataclass(frozen=True)
class CacheConfig:
    """Files the kiosk keeps between runs."""

    dir: Path = field(
        default_factory=default_cache_dir,
        metadata=about(
            "where the last good schedule and the status file are kept", "$XDG_CACHE_HOME/open-spaces-kiosk"
        ),
    )


def _colour(what: str, default: tuple[int, int, int]) -> Any:
    return field(
        default=default,
        metadata=about(f'the colour of {what}, "#RRGGBB"', "#{:02X}{:02X}{:02X}".format(*default)),
    )


@dataclass(frozen=True)
class ThemeConfig:
    """The board's colours and logo."""

    background: tuple[int, int, int] = _colour("the page behind everything", (16, 20, 31))
    surface: tuple[int, int, int] = _colour("cards and panels", (28, 34, 51))
    text: tuple[int, int, int] = _colour("the main text", (245, 246, 250))
    muted: tuple[int, int, int] = _colour("secondary text", (178, 186, 204))
    accent: tuple[int, int, int] = _colour("highlights: the clock, what is on now", (255, 212, 59))
    open: tuple[int, int, int] = _colour("open slots", (94, 234, 160))
    warning: tuple[int, int, int] = _colour("warnings and the alert", (255, 138, 101))
    logo: Path | None = field(default=None, metadata=about("an image shown in the header", "none"))


@dataclass(frozen=True)
class DisplayConfig:
    """The screen's hours, orientation and power."""

    on: time | None = field(
        default=None, metadata=about('screen hours, "HH:MM"; outside them a dim page', "always on")
    )
    off: time | None = field(
        default=None, metadata=about('screen hours, "HH:MM"; outside them a dim page', "always on")
    )
    blank: bool = field(
        default=False, metadata=about("outside the hours, a black screen instead of the dim page")
    )
    rotate: int = field(
        default=0,
        metadata=about(
            "0, 90, 180 or 270: degrees clockwise to turn the picture, for a screen mounted on its side"
        ),
    )
    power: tuple[str, ...] = field(
        default=(),
        metadata=about(
            "how the screen itself is switched off outside the hours and on again, methods tried in order: "
            '"cec" (HDMI-CEC standby through cec-ctl), "dpms" (DRM/KMS, xset or wlopm, whichever the kiosk '
            'runs on), "command" (power_off and power_on); needs on and off',
            "[] (the screen stays lit)",
        ),
    )
    cec_device: str = field(
        default="",
        metadata=about('the CEC adapter for "cec", e.g. "/dev/cec1"', "the first /dev/cec*"),
    )
    power_off: str = field(
        default="",
        metadata=about(
            'for "command": switches the screen off (a relay, RS-232, a television\'s HTTP API); split into '
            "words like a shell does, not run by one",
            "none",
        ),
    )
    power_on: str = field(default="", metadata=about('for "command": switches the screen on again', "none"))


@dataclass(frozen=True)
class UpdatesConfig:
    """The organisers' feeds, as written (checked by ``kiosk.sides.updates.accounts``)."""

    mastodon: tuple[str, ...] = field(
        default=(),
        metadata=about(
            'Mastodon accounts whose public posts are shown: "https://fosstodon.org/@pyconf" or '
            '"@pyconf@fosstodon.org"',
            "none",
        ),
    )
    hashtags: tuple[str, ...] = field(
        default=(),
        metadata=about(
            'hashtag timelines on a Mastodon server, "https://fosstodon.org/tags/pyconfopenspaces": only'
            " posts by accounts in allow are shown",
            "none",
        ),
    )
    allow: tuple[str, ...] = field(
        default=(),
        metadata=about(
            'whose hashtag posts, boosts and replies may be shown: "@name@server" (Mastodon) or a Bluesky'
            " handle; the mastodon and bluesky accounts are always allowed",
            "none",
        ),
    )
    bluesky: tuple[str, ...] = field(
        default=(),
        metadata=about('Bluesky accounts whose posts are shown, by handle: "pyconf.bsky.social"', "none"),
    )
    bluesky_api: str = field(
        default="https://public.api.bsky.app",
        metadata=about("the Bluesky AppView the posts are read from (no login)"),
    )
    max_age_hours: float = field(
        default=24.0, metadata=about("older posts are not shown; with none newer the updates page is skipped")
    )

    @property
    def any(self) -> bool:
        return bool(self.mastodon or self.hashtags or self.bluesky)


@dataclass(frozen=True)
class RemoteConfig:
    """The remote page, screenshot and metrics over HTTP; off while ``listen`` is None."""

    listen: tuple[str, int] | None = field(
        default=None,
        metadata=about(
            '"host:port" to serve the remote page, screenshot and metrics on ("0.0.0.0:8080", "[::1]:8080"; '
            "port 0 picks a free one)",
            "off",
        ),
    )
    token: str = field(
        default="",
        metadata=about(
            "the secret every request must carry: 16 or more letters, digits or -._~+/ with 64 bits of"
            ' variety or more (no words, repeats or runs; make one with python -c "import secrets;'
            ' print(secrets.token_urlsafe(24))"). Required unless listen is a loopback address'
            " (127.0.0.1, ::1, localhost); without it the page is read-only",
            "none",
        ),
    )
    metrics_public: bool = field(
        default=False,
        metadata=about("true: /metrics answers without the token (everything else still needs it)"),
    )
    hosts: tuple[str, ...] = field(
        default=(),
        metadata=about(
            "the names the remote answers to besides its listen address, localhost and the machine's own"
            ' name (also as name.local), e.g. ["kiosk-h103.venue.example"]; a request that calls it by'
            " any other name (a stranger's page pointing a name of its own at the kiosk) gets 421",
            "none",
        ),
    )
