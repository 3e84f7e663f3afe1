"""Reading one TOML table of the config: every wrong value becomes a ConfigError naming its key."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Any

from kiosk.config.schema import ConfigError
from kiosk.config.tables import KEYS, TABLES


class Table:
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
