"""The whole config: a ``Config`` holds one of each table's dataclass (``kiosk.config.schema``); ``TABLES``
and ``KEYS`` are the tables and keys the file may have."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.schema import (
    AlertConfig,
    CacheConfig,
    DisplayConfig,
    EventConfig,
    IdeasConfig,
    PagesConfig,
    ProposeConfig,
    RemoteConfig,
    SlotsConfig,
    SourceConfig,
    ThemeConfig,
    UpdatesConfig,
    VoteConfig,
)
from kiosk.core import i18n
from kiosk.core.i18n import Words
from kiosk.formats.rooms import home_room


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
    # The schedule's other sources, after ``source``: each with its own url, format and room, and
    # ``source``'s way of fetching.
    more_sources: tuple[SourceConfig, ...] = ()

    @property
    def sources(self) -> tuple[SourceConfig, ...]:
        """Every source of the schedule, in the config's order: their sessions are merged on the board."""
        return (self.source, *self.more_sources)

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


# The tables of the config file, each read into its dataclass; a field is a key, its value the
# default. ``[strings]`` is not a dataclass: any key of the board's words (``kiosk.core.i18n.messages()``).
TABLES: dict[str, type] = {
    item.name: item.default_factory  # type: ignore[misc]
    for item in fields(Config)
    if item.name not in ("path", "strings", "more_sources")
}
# Every key the config understands, by table: the manual's configuration reference is tested against this.
KEYS: dict[str, tuple[str, ...]] = {
    **{name: tuple(item.name for item in fields(table)) for name, table in TABLES.items()},
    "strings": (),
}
