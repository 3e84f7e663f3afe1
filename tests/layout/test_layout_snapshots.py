"""Every page's boxes and strings, against the JSON files in ``tests/layouts`` (STYLE.md item 5).

Each page is laid out at 1280x720, 1920x1080, 3840x2160 and 1080x1920, in English and in Arabic (right to
left), through ``kiosk.layout.layout`` (``off_hours_page`` for the off-hours page): a change that moves a
box or changes a string fails here, whichever page module it is in. A file holds every part of its page
and one box per line, so that its diff reads as the change.

After a deliberate change, write the files again and review their diff::

    UPDATE_LAYOUTS=1 python -m pytest tests/layout/test_layout_snapshots.py
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, fields, replace
from datetime import datetime, time, timedelta
from pathlib import Path

import boards
import pytest
from boards import SIZES

from kiosk.board.display_hours import off_hours
from kiosk.board.timeline import Board, rooms_board_at
from kiosk.config import Config, DisplayConfig, UpdatesConfig, VoteConfig
from kiosk.core.model import PROPOSED, Alert, Latest, Reading, Schedule, Session
from kiosk.fetch.freshness import freshness
from kiosk.formats import ReadOptions, read_schedule
from kiosk.layout import Box, Layout, layout, page_parts
from kiosk.layout.offhours import off_hours_page
from kiosk.layout.pages import PAGES
from kiosk.render.fonts import Fonts
from kiosk.sides.updates import Post
from kiosk.sides.votes import Counted, tally

LAYOUTS = Path(__file__).parents[1] / "layouts"  # the expected boxes and strings, as JSON
DATA = Path(__file__).parents[1] / "data"
UPDATE = "UPDATE_LAYOUTS=1 python -m pytest tests/layout/test_layout_snapshots.py"
LANGUAGES = ("en", "ar")
DEFAULTS = {f.name: f.default for f in fields(Box)}

Page = Callable[[Config, tuple[int, int], Fonts], list[Layout]]


def _footer(config: Config, board: Board) -> str:
    """The footer the screen shows for a schedule fetched two minutes ago, in the board's language."""
    fetched = board.now - timedelta(minutes=2)
    latest = Latest(reading=Reading("json", Schedule()), fetched_at=fetched, checked_at=fetched)
    return freshness(latest, board.now, config.source.stale_minutes, config.words).text


def _parts(
    page: str, board: Board, config: Config, size: tuple[int, int], fonts: Fonts, **extra: object
) -> list[Layout]:
    footer = _footer(config, board)
    return [
        layout(boards.view(board, page, part, config=config, footer=footer, **extra), size, fonts)
        for part in range(page_parts(page, board, size, fonts))
    ]


def _on(page: str, hour: int, minute: int, schedule: Schedule | None = None, **extra: object) -> Page:
    """``page`` of the demo day (or ``schedule``) at ``hour:minute``."""

    def laid(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
        return _parts(page, boards.at(hour, minute, schedule, config), config, size, fonts, **extra)

    return laid


def _contest() -> Schedule:
    start = datetime.combine(boards.DAY, time(15, 0), boards.TZ)
    titles = ("Rust for Pythonistas", "Async pitfalls, and how to avoid them", "Teaching Python to kids")
    return Schedule(
        tuple(
            Session(title, start, start + timedelta(minutes=30), f"Host {i + 1}", PROPOSED)
            for i, title in enumerate(titles)
        )
    )


def _vote(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
    config = replace(
        config,
        vote=VoteConfig(url="https://forms.example.org/vote?entry.1={title}"),
        source=replace(config.source, demo=False),
    )
    board = boards.at(14, 30, _contest(), config)
    titles = tuple(p.title for slot in board.contested for p in slot.proposals)
    answers = "Timestamp,Which session?\r\n" + "".join(
        f"5/12/2026 14:0{i}:00,{titles[i % 2]}\r\n" for i in range(5)
    )
    votes = Counted(tally(answers, titles), board.now - timedelta(minutes=1), stale=False)
    return _parts("vote", board, config, size, fonts, votes=votes)


def _updates(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
    config = replace(
        config,
        updates=UpdatesConfig(mastodon=("https://fosstodon.org/@pyconf",), bluesky=("pyconf.bsky.social",)),
    )
    board = boards.at(12, 12, config=config)
    texts = (
        "Room change: the packaging Open Space moves to H-104 at 14:00.\n\nSee you there!",
        "Lunch runs 15 minutes late 🍛",
        "مرحبا بالجميع في المساحات المفتوحة 👋",
    )
    handles = (
        ("PyConf Organisers", "@pyconf@fosstodon.org"),
        ("Open Spaces", "@pyconf.bsky.social"),
    )
    posts = tuple(
        Post(
            *handles[i % 2], at=board.now - timedelta(minutes=2 + 11 * i), text=text, url=f"https://e.org/{i}"
        )
        for i, text in enumerate(texts)
    )
    return _parts("updates", board, config, size, fonts, updates=posts)


def _rooms(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
    rooms = ("Room H-101", "Room H-102", "Room H-103", "Room H-104")
    config = replace(
        config,
        event=replace(config.event, room="H-103"),
        source=replace(config.source, url=str(DATA / "rooms-frab.json"), rooms=rooms, demo=False),
    )
    options = ReadOptions(boards.TZ, boards.DAY, rooms=rooms, home=config.home_room)
    schedule = read_schedule((DATA / "rooms-frab.json").read_bytes(), options).schedule
    now = datetime.combine(boards.DAY, time(12, 10), boards.TZ)
    board = rooms_board_at(schedule, config.slots, now, rooms, config.home_room)
    return _parts("rooms", board, config, size, fonts)


def _alert(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
    posted = datetime.combine(boards.DAY, time(11, 58), boards.TZ)
    alert = Alert("Fire drill at 12:30: please leave by the nearest exit and meet on the lawn", posted=posted)
    return _on("now", 12, 12, alert=alert)(config, size, fonts)


def _off_hours(config: Config, size: tuple[int, int], fonts: Fonts) -> list[Layout]:
    config = replace(config, display=DisplayConfig(on=time(8, 0), off=time(19, 0)))
    board = boards.at(22, 0, config=config)
    return [off_hours_page(off_hours(config, board, board.now), size, fonts)]


SNAPSHOTS: dict[str, Page] = {
    "now": _on("now", 12, 12),
    "today": _on("today", 12, 12),
    "propose": _on("propose", 12, 12),
    "vote": _vote,
    "updates": _updates,
    "rooms": _rooms,
    "alert": _alert,
    "off-hours": _off_hours,
    # The invitation pages of the now page: before the day, after it, and a day with nothing on it.
    "before": _on("now", 8, 30),
    "after": _on("now", 18, 30),
    "empty": _on("now", 12, 0, Schedule()),
}


def _file(page: str, language: str, size: tuple[int, int]) -> Path:
    lang = "" if language == "en" else f"-{language}"
    return LAYOUTS / f"{page}{lang}-{size[0]}x{size[1]}.json"


def _box(box: Box) -> str:
    """One box as one JSON line, without the fields left at their defaults."""
    kept = {k: v for k, v in asdict(box).items() if k in ("kind", "rect") or v != DEFAULTS[k]}
    return json.dumps(kept, ensure_ascii=False)


def _as_json(parts: list[Layout]) -> str:
    lines = ["["]
    for number, part in enumerate(parts):
        head = json.dumps({"size": part.size, "background": part.background})[:-1]
        boxes = ",\n  ".join(_box(b) for b in part.boxes)
        comma = "," if number < len(parts) - 1 else ""
        lines.append(
            f' {head}, "boxes": [\n  {boxes}\n ]}}{comma}' if boxes else f' {head}, "boxes": []}}{comma}'
        )
    lines.append("]")
    return "\n".join(lines) + "\n"


CASES = [(page, language, size) for page in SNAPSHOTS for language in LANGUAGES for size in SIZES]


@pytest.mark.parametrize(
    ("page", "language", "size"), CASES, ids=[f"{p}-{lang}-{s[0]}x{s[1]}" for p, lang, s in CASES]
)
def test_the_page_matches_its_expected_layout(
    fonts: Fonts, page: str, language: str, size: tuple[int, int]
) -> None:
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, language=language))
    got = _as_json(SNAPSHOTS[page](config, size, fonts))
    file = _file(page, language, size)
    if os.environ.get("UPDATE_LAYOUTS"):
        file.parent.mkdir(exist_ok=True)
        file.write_text(got, encoding="utf-8")
    if not file.exists():
        pytest.fail(f"{file.name} is missing: write it with {UPDATE}, and review it")
    expected = file.read_text(encoding="utf-8")
    if got != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), got.splitlines(), f"expected {file.name}", "laid out now", lineterm="", n=0
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            f"the {page} page ({language}, {size[0]}x{size[1]}) is laid out differently from {file.name}:\n"
            f"{shown}\nIf the change is meant, write the files again with {UPDATE} and review their diff.",
            pytrace=False,
        )


def test_every_layout_file_belongs_to_a_page() -> None:
    expected = {_file(page, language, size).name for page, language, size in CASES}
    stray = sorted(p.name for p in LAYOUTS.glob("*.json") if p.name not in expected)
    assert not stray, (
        f"no page writes {stray}: remove them (tests/layout/test_layout_snapshots.py lists the pages)"
    )


def test_every_page_of_the_board_has_its_snapshots() -> None:
    missing = {page.name for page in PAGES} - set(SNAPSHOTS)
    assert not missing, f"add {sorted(missing)} to SNAPSHOTS here, then write their files with {UPDATE}"
