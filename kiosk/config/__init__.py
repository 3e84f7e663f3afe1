"""The kiosk's configuration: TOML in, frozen and checked dataclasses out.

Every bad key or value becomes a ``ConfigError`` naming the file, the key and what is wrong, so the
facilitator can fix a config edit without reading a traceback. ``schema`` holds the tables and keys with
their meanings, ``reader`` reads one TOML table, ``checks`` reads and checks each table.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config.checks import parse
from kiosk.config.reference import Key, reference
from kiosk.config.remote import TOKEN_MIN_LENGTH, TOKEN_PATTERN, is_loopback
from kiosk.config.schema import (
    FORMATS,
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
    RemoteConfig,
    SlotsConfig,
    SourceConfig,
    ThemeConfig,
    UpdatesConfig,
    VoteConfig,
    default_cache_dir,
)
from kiosk.config.tables import KEYS, TABLES, Config
from kiosk.core.resources import bundled_config

DEFAULT_CONFIG = bundled_config()

__all__ = [
    "DEFAULT_CONFIG",
    "FORMATS",
    "KEYS",
    "MODERATION",
    "PAGES",
    "POWER_METHODS",
    "TABLES",
    "TOKEN_MIN_LENGTH",
    "TOKEN_PATTERN",
    "AlertConfig",
    "CacheConfig",
    "Config",
    "ConfigError",
    "DisplayConfig",
    "EventConfig",
    "IdeasConfig",
    "Key",
    "PagesConfig",
    "ProposeConfig",
    "RemoteConfig",
    "SlotsConfig",
    "SourceConfig",
    "ThemeConfig",
    "UpdatesConfig",
    "VoteConfig",
    "default_cache_dir",
    "is_loopback",
    "load",
    "parse",
    "reference",
]


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
