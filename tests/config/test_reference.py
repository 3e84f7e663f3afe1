"""The configuration reference is read from the schema: every key has its meaning, type and default."""

from dataclasses import fields

from kiosk.config import KEYS, TABLES, reference


def test_every_key_of_every_table_has_a_meaning() -> None:
    missing = [
        f"[{name}] {item.name}"
        for name, table in TABLES.items()
        for item in fields(table)
        if not item.metadata.get("meaning", "").strip()
    ]
    assert missing == []


def test_the_reference_lists_every_key_once_in_file_order() -> None:
    rows = reference()
    assert [(row.table, row.key) for row in rows] == [
        *((table, key) for table, keys in KEYS.items() if table != "strings" for key in keys),
        ("strings", "KEY"),
    ]


def test_defaults_and_types_are_shown_as_written_in_toml() -> None:
    rows = {(row.table, row.key): row for row in reference()}
    assert rows["slots", "start"][2:4] == ('"HH:MM"', '"10:00"')
    assert rows["source", "poll_seconds"][2:4] == ("number", "60")
    assert rows["source", "url"].default == "required"
    assert rows["theme", "accent"][2:4] == ('"#RRGGBB"', "#FFD43B")
    assert rows["pages", "clock_seconds"][2:4] == ("true or false", "false")
    assert rows["event", "timezone"].default == '"UTC"'
