"""``[source] url`` as a list, and ``[[source]]`` tables: several schedules merged on one board.

The source tables of ``kiosk.config``; fetching several sources is test_several_sources.py.
"""

from __future__ import annotations

from pathlib import Path

import configs
import pytest

from kiosk import config
from kiosk.config import ConfigError


def test_one_url_is_one_source(tmp_path: Path) -> None:
    cfg = config.load(configs.kiosk_toml(tmp_path, '[source]\nurl = "schedule.json"\n'))
    assert cfg.more_sources == () and cfg.sources == (cfg.source,)


def test_a_list_of_urls_shares_the_table(tmp_path: Path) -> None:
    cfg = config.load(
        configs.kiosk_toml(
            tmp_path,
            '[source]\nurl = ["https://pretalx.example.org/schedule.json", "open-spaces.csv"]\n'
            'room = "H-103"\npoll_seconds = 30\n',
        )
    )
    assert [(s.url, s.format, s.room, s.poll_seconds) for s in cfg.sources] == [
        ("https://pretalx.example.org/schedule.json", "auto", "H-103", 30.0),
        (str(tmp_path.resolve() / "open-spaces.csv"), "auto", "H-103", 30.0),
    ]


def test_source_tables_have_their_own_format_and_room(tmp_path: Path) -> None:
    cfg = config.load(
        configs.kiosk_toml(
            tmp_path,
            """
[[source]]
url = "https://pretalx.example.org/schedule.json"
format = "frab"
room = "Main Hall"
timeout_seconds = 5

[[source]]
url = "https://docs.google.com/spreadsheets/d/KEY/edit#gid=0"
format = "csv"
""",
        )
    )
    assert cfg.source.url == "https://pretalx.example.org/schedule.json"
    assert [(s.format, s.room, s.timeout_seconds) for s in cfg.sources] == [
        ("frab", "Main Hall", 5.0),
        ("csv", "", 5.0),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nurl = "a.json"\n[[source]]\nurl = "b.csv"\npoll_seconds = 5\n', "2nd [[source]] table"),
        ('[[source]]\nurl = "a.json"\n[[source]]\nformat = "csv"\n', "is required"),
        ('[[source]]\nurl = "a.json"\n[[source]]\nurl = "b.csv"\nformat = "xls"\n', "must be one of"),
        ('[source]\nurl = ["a.json", 3]\n', "a list of them"),
        ("[source]\nurl = []\n", "a list of them"),
        ('[source]\nurl = ["a.json", "a.json"]\n', "listed twice"),
        ('[source]\nurl = ["a.json", "ftp://x/b.csv"]\n', "only http://"),
        (
            '[[source]]\nurl = "a.json"\nrooms = ["A", "B"]\n[[source]]\nurl = "b.csv"\nroom = "A"\n',
            "not both",
        ),
    ],
)
def test_a_wrong_source_names_its_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, text))
    assert message in str(caught.value) and "[source]" in str(caught.value)
