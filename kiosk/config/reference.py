"""The configuration reference: every key of the config file with its type, default and meaning, read from
the schema's dataclass fields (``kiosk.config.schema``), so that the documentation of a key cannot drift from
the key."""

from __future__ import annotations

from dataclasses import fields
from datetime import time
from typing import NamedTuple

from kiosk.config.tables import TABLES

STRINGS_MEANING = (
    "any of the board's own words, by key, in place of the catalogue's (now = \"Jetzt läuft\"); a text "
    "may use the {fields} its English has and no others"
)


# How a value is written in the file, by the field's annotation; any other annotation is shown as written.
TOML_TYPES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "true or false",
    "time": '"HH:MM"',
    "time | None": '"HH:MM"',
    "date | None": '"YYYY-MM-DD"',
    "ZoneInfo": "IANA time zone name",
    "Path": "path",
    "Path | None": "path",
    "tuple[str, ...]": "list of strings",
    "tuple[int, int, int]": '"#RRGGBB"',
    "tuple[str, int] | None": '"host:port"',
}


class Key(NamedTuple):
    """One row of the configuration reference; ``type`` is how the value is written in TOML."""

    table: str
    key: str
    type: str
    default: str
    meaning: str


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, time):
        return f'"{value:%H:%M}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def reference() -> list[Key]:
    """Every key of the config file in file order: table, key, TOML type, default, meaning."""
    rows = []
    for name, table in TABLES.items():
        for item in fields(table):
            default = item.metadata.get("default") or _shown(item.default)
            kind = item.metadata.get("type") or TOML_TYPES.get(str(item.type), str(item.type))
            rows.append(Key(name, item.name, kind, default, item.metadata["meaning"]))
    rows.append(Key("strings", "KEY", "string", "the language's words", STRINGS_MEANING))
    return rows
