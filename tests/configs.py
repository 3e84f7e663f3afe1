"""The one way tests make a kiosk config: TOML tables written to ``kiosk.toml`` and loaded as the kiosk
loads it, so that every test config is checked by the config's own rules.

``kiosk_toml(directory, event={"timezone": "UTC"}, source={"url": url})`` writes the file and returns
its path; ``kiosk_config`` loads it. Given tables, the cache is under ``directory`` unless a ``cache``
table is given. ``text`` follows the last table as written, for what tables cannot say (a broken line,
a key given twice) and for the config's own tests, whose subject is the text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import time
from pathlib import Path

from kiosk.config import Config, load

Value = str | int | float | bool | time | Path | list["Value"] | tuple["Value", ...]
Table = Mapping[str, Value]


def value(item: Value) -> str:
    """``item`` as a TOML value."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    if isinstance(item, time):
        return json.dumps(f"{item:%H:%M}")
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(part) for part in item) + "]"
    return json.dumps(str(item), ensure_ascii=False)  # a JSON string is a TOML basic string


def toml(tables: Mapping[str, Table | list[Table]]) -> str:
    """The TOML text of ``tables``, one ``[table]`` each (a list of tables is ``[[table]]`` each), keys
    in the order given."""
    text = ""
    for name, table in tables.items():
        for one, header in (
            [(t, f"[[{name}]]") for t in table] if isinstance(table, list) else [(table, f"[{name}]")]
        ):
            text += header + "\n" + "".join(f"{key} = {value(item)}\n" for key, item in one.items())
    return text


def kiosk_toml(
    directory: Path, text: str = "", name: str = "kiosk.toml", **tables: Table | list[Table]
) -> Path:
    path = directory / name
    if tables and "cache" not in tables and "[cache]" not in text:
        tables = {"cache": {"dir": directory / "cache"}, **tables}  # first: ``text`` follows the last table
    path.write_text(toml(tables) + text, encoding="utf-8")
    return path


def kiosk_config(
    directory: Path, text: str = "", name: str = "kiosk.toml", **tables: Table | list[Table]
) -> Config:
    return load(kiosk_toml(directory, text, name, **tables))
