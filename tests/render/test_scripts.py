"""Any script: titles in Bengali, Kannada, Malayalam, Gujarati, Arabic, Hebrew, Chinese, Japanese and
Korean (and mixed) fit their boxes at every screen size, break where UAX #14 allows, are laid out right
to left where they should be, and draw real glyphs. The system fonts come from fonts-noto-core and
fonts-noto-cjk (``.ci/run`` installs them).

The scripts cross modules (``kiosk.render.fonts`` chooses, ``kiosk.layout`` fits and mirrors), so a
title in any script is one file; ``kiosk.layout.direction``, ``fit`` and ``kiosk.render.sysfonts`` have
their own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import boards
import pygame
import pytest
from boards import SIZES
from fontTools.ttLib import TTFont

from kiosk.board.timeline import board_at
from kiosk.core.model import Schedule, Session
from kiosk.core.resources import fonts_dir
from kiosk.layout import direction, layout
from kiosk.layout.fit import ELLIPSIS, break_units
from kiosk.render.fonts import CHAIN, REPLACEMENT, Fonts
from kiosk.render.sysfonts import SystemFont
from kiosk.render.text import TextCache

TITLES = {
    "Bengali": "বাংলায় পাইথন: প্রথম পদক্ষেপ আর স্থানীয় মিটআপ",
    "Kannada": "ಕನ್ನಡದಲ್ಲಿ ಪೈಥಾನ್ ಕಲಿಕೆ ಮತ್ತು ಸಮುದಾಯ",
    "Malayalam": "മലയാളത്തിൽ പൈത്തൺ പഠനം: ആദ്യ ചുവടുകൾ",
    "Gujarati": "ગુજરાતીમાં પાયથન શીખો અને સમુદાય બનાવો",
    "Arabic": "بايثون للجميع: كيف نبني مجتمعًا محليًا",
    "Hebrew": "פייתון בעברית: איך בונים קהילה מקומית",
    "Chinese": "用 Python 做数据分析的经验分享与常见问题讨论",
    "Japanese": "型ヒントを古いコードベースに導入するときの実践的な話",
    "Korean": "파이썬으로 만드는 웹 서비스와 커뮤니티 이야기",
    "Rust と Python": "Rust と Python",
    "عربي + Python 3.13": "عربي + Python 3.13",
}


def _board_with(title: str) -> object:
    start = datetime(2026, 12, 5, 12, 0, tzinfo=boards.TZ)
    sessions = (
        Session(title, start, start + timedelta(minutes=30), "Host"),
        Session(title, start + timedelta(minutes=30), start + timedelta(minutes=60), "Host"),
    )
    return board_at(Schedule(sessions=sessions), boards.CONFIG.slots, start + timedelta(minutes=10))


def _follows_break_units(lines: tuple[str, ...], text: str) -> bool:
    """Whether every line ends where UAX #14 allows a break in ``text`` (the last may end in "…")."""
    units = list(break_units(" ".join(text.split())))
    for number, line in enumerate(lines):
        if line.endswith(ELLIPSIS) and number == len(lines) - 1:
            return True
        taken = ""
        while units and taken.rstrip() != line:
            taken += units.pop(0)
        if taken.rstrip() != line:
            return False
    return not units


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", TITLES)
def test_a_title_in_any_script_fits_and_breaks_where_allowed(
    fonts: Fonts, name: str, size: tuple[int, int]
) -> None:
    title = TITLES[name]
    for page in ("now", "today"):
        boxes = layout(boards.view(_board_with(title), page), size, fonts).boxes  # type: ignore[arg-type]
        titles = [b for b in boxes if b.kind == "text" and b.lines and b.lines[0].rstrip(ELLIPSIS) in title]
        assert titles, (page, [b.lines for b in boxes])
        for box in titles:
            for line in box.lines:
                assert fonts.width(line, box.style, box.size) <= box.rect[2], (page, line)
            assert _follows_break_units(box.lines, title), (page, box.lines)
        if direction.is_rtl(title):
            assert all(b.align == "right" for b in titles), "a right-to-left title stands at the right"


def _cmap(path: Path) -> set[int]:
    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        return set(font.getBestCmap())


@pytest.mark.parametrize("name", TITLES)
def test_every_script_draws_real_glyphs(fonts: Fonts, name: str) -> None:
    """Each character is drawn by a font whose character map has it (no notdef, no replacement), and
    each run leaves ink."""
    text = TITLES[name]
    runs = fonts.runs(text)
    assert REPLACEMENT not in "".join(run.text for run in runs)
    for run in runs:
        path = fonts.directory / run.face.regular
        cmap = _cmap(path)
        drawn = [c for c in run.text if not c.isspace() and ord(c) not in cmap]
        assert drawn == [], f"{run.face.name} has no glyph for {drawn}"
        image = fonts.shaped(run, True, 48).render(run.text, True, (255, 255, 255))
        assert pygame.mask.from_surface(image).count() > 0, run.text


def test_mixed_right_to_left_text_is_set_in_visual_order(fonts: Fonts) -> None:
    runs = fonts.visual_runs("عربي + Python 3.13")
    assert runs[0].text == "Python 3.13" and not runs[0].rtl
    assert runs[-1].rtl and "عربي" in runs[-1].text
    # Left-to-right text in two scripts is split where the font changes, and stays in reading order.
    mixed = fonts.visual_runs("Rust と Python")
    assert [r.text for r in mixed] == ["Rust ", "と ", "Python"]
    assert not any(r.rtl for r in mixed)


def test_bundled_fonts_open_only_when_their_script_appears() -> None:
    asked: list[str] = []
    fonts = Fonts.load(system=lambda char: asked.append(char) or None)
    fonts.width("Async Python war stories: 3.13 — done!", "bold", 40)
    assert [face.name for face in fonts.chain] == ["sans"]
    fonts.width("हिंदी में पायथन", "bold", 40)
    assert [face.name for face in fonts.chain] == ["sans", "devanagari"]
    fonts.width("🎉", "regular", 40)
    assert [face.name for face in fonts.chain] == ["sans", "devanagari", "emoji"]
    assert asked == []  # nothing asked of the system while bundled fonts have it


def test_a_script_without_a_bundled_font_comes_from_the_system() -> None:
    tamil = fonts_dir() / CHAIN[3].regular
    found = SystemFont("Noto Sans Tamil", tamil, fonts_dir() / CHAIN[3].bold)
    asked: list[str] = []
    chain = tuple(face for face in CHAIN if face.name != "tamil")
    fonts = Fonts.load(chain=chain, system=lambda char: asked.append(char) or found)
    runs = fonts.runs("தமிழில் பைதான்")
    assert runs[0].face.name == "Noto Sans Tamil" and runs[0].face.script == "Taml"
    assert len(asked) == 1, "the font found for one character serves the rest of its script"


def test_a_character_no_font_has_is_a_visible_replacement_and_named() -> None:
    fonts = Fonts.load(system=lambda char: None)
    text = "ಕನ್ನಡ Python"
    runs = fonts.runs(text)
    assert REPLACEMENT in runs[0].text and runs[0].face.name == "sans"
    assert fonts.missing_scripts(text) == ["Knda"]
    surface = TextCache(fonts).line(text, "bold", 40, 48, (255, 255, 255))
    assert pygame.mask.from_surface(surface).count() > 0


def test_a_right_to_left_language_mirrors_the_page(fonts: Fonts) -> None:
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, language="ar"))
    board = boards.at(12, 10)
    ltr = layout(boards.view(board, "now"), (1920, 1080), fonts).boxes
    rtl = layout(boards.view(board, "now", config=config), (1920, 1080), fonts).boxes
    clock = next(b for b in rtl if b.kind == "text" and b.lines and b.lines[0] == "12:10")
    assert clock.rect[0] < 1920 // 4, "the clock moves to the left"
    progress = next(b for b in rtl if b.kind == "progress")
    assert progress.align == "right", "the bar fills from the right"
    assert [b.kind for b in ltr] == [b.kind for b in rtl]


def test_check_names_the_session_and_the_script_no_font_has(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    schedule = tmp_path / "s.json"
    # Kawi (Unicode 15): no font of fonts-noto-core or fonts-noto-cjk has it.
    schedule.write_text(
        json.dumps(
            {"sessions": [{"title": "Kawi \U00011f04\U00011f05 talk", "start": "10:00", "end": "10:30"}]}
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--json", str(schedule)], capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert problems[0]["where"] == 'sessions[0] "Kawi \U00011f04\U00011f05 talk"'
    assert "Kawi" in problems[0]["message"] and "fonts-noto-core" in problems[0]["message"]


def test_the_system_is_asked_once_per_script_it_has_no_font_for() -> None:
    asked: list[str] = []
    fonts = Fonts.load(system=lambda char: asked.append(char) or None)
    fonts.width("".join(chr(0x11F04 + i) for i in range(13)) + " ಕನ್ನಡ ಕಲಿಕೆ", "bold", 40)
    assert len(asked) == 2, "one question for Kawi, one for Kannada"
    assert fonts.missing_scripts("ಕ \U00011f10") == ["Knda", "Kawi"]


def test_a_right_to_left_event_name_keeps_its_place_in_the_header(fonts: Fonts) -> None:
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, name="مساحات مفتوحة", room="H-103"))
    boxes = layout(boards.view(boards.at(12, 10), "now", config=config), (1920, 1080), fonts).boxes
    name = next(b for b in boxes if b.lines == ("مساحات مفتوحة",))
    room = next(b for b in boxes if b.lines and b.lines[0].endswith("H-103"))
    assert name.rect[0] + name.rect[2] <= room.rect[0], "the room follows the name"
