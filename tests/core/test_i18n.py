"""The board's words: the catalogues match the code, every language has every key, no English is left
in the layout code, ``[event] language`` and ``[strings]`` are checked, and Babel formats for the
language."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import babel.core
import boards
import configs
import manual
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import kiosk
from kiosk import config as configuration
from kiosk.board.timeline import board_at
from kiosk.config import PAGES, ConfigError
from kiosk.core import i18n
from kiosk.core.i18n import Words, counted
from kiosk.core.model import PROPOSED, Schedule, Session
from kiosk.core.resources import locale_dir
from kiosk.layout import layout
from kiosk.layout.fit import ELLIPSIS
from kiosk.render.fonts import Fonts

PACKAGE = Path(kiosk.__file__).resolve().parent
# What scripts/catalogues.sh passes to pybabel extract: words(key, English), self(...) inside Words,
# and words.plural(key, one, other, count).
KEYWORDS = {"words": ((1, "c"), 2), "self": ((1, "c"), 2), "plural": ((1, "c"), 2, 3)}
# Strings in the layout code that are code, not words: box kinds, styles, alignments, page names.
LAYOUT = sorted((PACKAGE / "layout").glob("*.py"))
# Words for people: two words with a space between, a capitalised word ("Now"), or letters beyond ASCII.
# Lowercase identifiers ("bold", "now") are code.
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}|\b[A-Z][a-z]+|[^\x00-\x7f]*[^\W\d_](?<![\x00-\x7f])")
SAT = datetime(2026, 12, 5, 11, 10, tzinfo=ZoneInfo("Europe/Berlin"))


def code_messages() -> dict[str, str]:
    """Every key the code asks for, with its English (the plural's "other" form for plurals)."""
    found: dict[str, str] = {}
    for _, _, message, _, context in extract_from_dir(str(PACKAGE), keywords=KEYWORDS):  # type: ignore[arg-type]
        english = message[-1] if isinstance(message, tuple) else message
        assert context, f"a word without a key: {message!r}"
        assert found.get(context, english) == english, f"key {context!r} has two English texts"
        found[context] = english
    return found


def catalogue(language: str) -> object:
    with (locale_dir() / language / "LC_MESSAGES" / "kiosk.po").open("rb") as file:
        return read_po(file, locale=language)


def test_every_word_in_the_code_is_in_the_catalogue_template() -> None:
    assert code_messages() == i18n.messages(), "run scripts/catalogues.sh and commit kiosk/locale"


@pytest.mark.parametrize("language", i18n.languages()[1:])
def test_every_catalogue_has_every_key_and_is_compiled(language: str) -> None:
    po = catalogue(language)
    entries = {m.context: m for m in po if m.id}  # type: ignore[attr-defined]
    assert set(entries) == set(i18n.messages()), f"{language}: run scripts/catalogues.sh"
    for key, message in entries.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            # A translation may leave a field out ("Jetzt" for "Now"), never add one the code does not fill.
            assert i18n.placeholders(form) <= i18n.placeholders(i18n.messages()[key]), (language, key, form)
    compiled = io.BytesIO()
    write_mo(compiled, po)  # type: ignore[arg-type]
    mo = locale_dir() / language / "LC_MESSAGES" / "kiosk.mo"
    assert mo.read_bytes() == compiled.getvalue(), f"{language}: kiosk.mo is older than kiosk.po"


def _words_outside_the_catalogue(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in KEYWORDS:
                allowed.update(id(arg) for arg in node.args[:3])
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            allowed.update(id(item) for item in ast.walk(node.value))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.add(id(body[0].value))  # docstrings
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed:
            text = node.value
            if WORDS.search(text):
                found.append(f"{path.name}:{node.lineno}: {text!r}")
    return found


@pytest.mark.parametrize("path", LAYOUT, ids=lambda p: p.name)
def test_no_english_left_in_the_layout_code(path: Path) -> None:
    assert _words_outside_the_catalogue(path) == []


def test_the_literal_check_finds_a_word_left_out(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text(
        'def f(canvas):\n    """Doc."""\n    canvas.text("Free now")\n    canvas.words("k", "Ok")\n'
    )
    assert _words_outside_the_catalogue(page) == ["page.py:3: 'Free now'"]


def test_languages_include_the_shipped_ones() -> None:
    assert {"en", "de"} <= set(i18n.languages())


def load(tmp_path: Path, text: str) -> configuration.Config:
    return configs.kiosk_config(tmp_path, text, source={"url": "schedule.json"})


def test_language_defaults_to_english_and_is_normalised(tmp_path: Path) -> None:
    assert load(tmp_path, "").event.language == "en"
    assert load(tmp_path, '[event]\nlanguage = "DE"\n').event.language == "de"
    assert load(tmp_path, '[event]\nlanguage = "en-GB"\n').event.language == "en_GB"


def test_an_unknown_language_names_the_available_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, '[event]\nlanguage = "tlh"\n')
    assert error.value.key == "event.language"
    assert "'tlh'" in str(error.value) and "en, " in str(error.value) and "de" in str(error.value)


def test_strings_override_a_word_in_any_language(tmp_path: Path) -> None:
    config = load(tmp_path, '[event]\nlanguage = "de"\n[strings]\nnow = "Jetzt läuft"\n')
    assert config.words("now", "Now") == "Jetzt läuft"
    assert config.words("next", "Next") == "Als Nächstes"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('nwo = "x"', "did you mean now"),
        ("now = 3", "must be a string"),
        ('time_left = "{minutes} to go"', "may use only {duration}"),
        ('time_left = "{duration"', "not a valid text"),
    ],
)
def test_bad_strings_are_config_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, f"[strings]\n{text}\n")
    assert error.value.key.startswith("strings.") and message in str(error.value)


def test_a_string_may_leave_out_a_field(tmp_path: Path) -> None:
    config = load(tmp_path, '[strings]\ntime_left = "ending soon"\n')
    assert config.words.left(5) == "ending soon"


@pytest.mark.parametrize(
    ("language", "weekday", "until", "left", "ago", "long_wait"),
    [
        ("en", "Saturday", "in 5 min", "12 min left", "2 hr ago", "in 1 hr 30 min"),
        ("de", "Samstag", "in 5 Min.", "noch 12 Min.", "vor 2 Std.", "in 1 Std. 30 Min."),
    ],
)
def test_babel_formats_for_the_language(
    language: str, weekday: str, until: str, left: str, ago: str, long_wait: str
) -> None:
    words = Words(language)
    assert words.weekday(SAT) == weekday
    assert (words.until(5), words.left(12), words.ago(120), words.until(90)) == (until, left, ago, long_wait)


def test_the_board_formats_without_babels_global_tables_and_another_language_still_finds_them() -> None:
    i18n._locale.cache_clear()
    words = Words("ja")
    texts = (words.time(SAT), words.weekday(SAT), words.day_month(SAT, year=True), words.short_date(SAT))
    texts += (words.until(90), words.seconds(40), words.days(3))
    # The locale was read, its tables let go, and formatting every kind of text did not read them again.
    assert babel.core._global_data is None
    assert texts[:2] == ("11:10", "土曜日") and texts[2].startswith("2026年")
    # A language read later finds its parents through the tables, which Babel reads again itself.
    assert Words("pt_BR").weekday(SAT) == "sábado"
    assert Words("de_AT").when(SAT.replace(day=20), SAT.date()) == "am 20. Dezember um 11:10"
    assert i18n.check_language("en_GB") is None and babel.core._global_data is None


def _every_format(words: Words) -> list[str]:
    """Each of ``Words``' formats, over a year of moments and lengths of time from none to days."""
    texts = []
    for day in range(0, 400, 23):
        moment = SAT + timedelta(days=day, minutes=day * 7, seconds=day)
        texts += [words.time(moment), words.time(moment, seconds=True), words.weekday(moment)]
        texts += [words.day_month(moment), words.day_month(moment, year=True), words.short_date(moment)]
        texts.append(words.when(moment, SAT.date()))
    for minutes in (0, 1, 2, 5, 11, 21, 59, 60, 61, 90, 120, 1000, 3000, 5000):
        texts += [words.until(minutes), words.ago(minutes), words.left(minutes), words.seconds(minutes)]
        texts += [words.days(minutes), words.elapsed(minutes * 61.0)]
    return texts + [words.locale.plural_form(count) for count in (0, 1, 2, 3, 5, 11, 21, 100)]


def test_a_locale_keeps_only_what_the_board_formats_and_formats_as_the_whole_data_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    languages = (*i18n.languages(), "en_GB", "de_AT", "fr_CA")
    i18n._locale.cache_clear()
    trimmed = {language: _every_format(Words(language)) for language in languages}
    kept = {key for language in languages for key in Words(language).locale._data}
    units = {unit for language in languages for unit in Words(language).locale._data["unit_patterns"]}
    i18n._locale.cache_clear()
    monkeypatch.setattr(i18n, "_parse", babel.core.Locale.parse)
    try:
        whole = {language: _every_format(Words(language)) for language in languages}
        assert len(Words("en").locale._data) > 3 * len(i18n.BOARD_DATA)  # untrimmed, it holds far more
    finally:
        i18n._locale.cache_clear()
    assert kept <= i18n.BOARD_DATA and units <= i18n.BOARD_UNITS
    assert trimmed == whole


READ_AHEAD = """
import sys
from kiosk import cli
from kiosk.core import i18n

def read_ahead(language):
    later = ("pygame", "kiosk.layout", "kiosk.render", "kiosk.shell.app")
    loaded = [name for name in later if name in sys.modules]
    print(language, *loaded)
    raise SystemExit(0)

i18n.read_ahead = read_ahead
cli.main(["run", "--config", sys.argv[1]])
"""


def test_run_reads_the_boards_language_before_the_screen_and_the_layouts_load(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[event]\nlanguage = "de"\n[source]\nurl = "schedule.json"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", READ_AHEAD, str(path)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.split()) == (0, ["de"]), done.stderr


def test_reading_ahead_reads_the_language_once() -> None:
    i18n._locale.cache_clear()
    i18n.read_ahead("fr")
    read = i18n._locale.cache_info()
    assert (read.misses, read.currsize) == (1, 1)
    assert Words("fr").weekday(SAT) == "samedi" and i18n._locale.cache_info().misses == 1


def test_when_a_later_day_starts() -> None:
    words = Words("de")
    later = SAT.replace(day=6)
    assert words.when(later, SAT.date()) == "morgen um 11:10"
    assert words.when(SAT.replace(day=8), SAT.date()) == "am Dienstag um 11:10"
    assert words.when(SAT.replace(day=20), SAT.date()) == "am 20. Dezember um 11:10"
    assert Words("en_GB").when(SAT.replace(day=20), SAT.date()) == "on 20 December at 11:10"


def test_the_german_now_page(fonts: Fonts) -> None:
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, language="de"))
    page = layout(boards.view(boards.at(12, 10), "now", config=config), (1920, 1080), fonts)
    strings = [line for box in page.boxes for line in box.lines]
    assert "Samstag" in strings and "JETZT" in strings and "ALS NÄCHSTES" in strings
    assert any(line.startswith("noch ") for line in strings)
    assert not any(word in strings for word in ("Saturday", "NOW", "NEXT"))


def test_the_languages_page_lists_every_key_of_strings() -> None:
    languages = manual.page("languages.md")
    missing = [key for key in i18n.messages() if f"| `{key}` |" not in languages]
    assert missing == [], "the manual's Languages page lists the keys of [strings]"


def _short_day() -> Schedule:
    def session(hour: int, minute: int, title: str, status: str = "scheduled") -> Session:
        start = datetime(2026, 12, 5, hour, minute, tzinfo=boards.TZ)
        return Session(title, start, start + timedelta(minutes=30), "Ana", status)

    sessions = (session(10, 0, "Opening"), session(11, 0, "Typing"), session(11, 0, "Packaging"))
    proposals = (session(13, 0, "Kids", PROPOSED), session(13, 0, "Docs", PROPOSED))
    return Schedule(sessions=(*sessions, session(12, 0, "Rust"), *proposals), ideas=("Testing",))


# Before the day, two sessions on, a free slot, a contest ahead, the day over.
MOMENTS = ((9, 0), (11, 10), (10, 40), (12, 40), (18, 30))


@pytest.mark.parametrize("language", i18n.languages())
def test_the_board_words_fit_whole_in_every_language(fonts: Fonts, language: str) -> None:
    """Short titles leave nothing to cut but the board's own words: none of them may end in "…"."""
    config = replace(boards.CONFIG, event=replace(boards.CONFIG.event, language=language))
    cut = []
    for hour, minute in MOMENTS:
        board = board_at(_short_day(), config.slots, datetime(2026, 12, 5, hour, minute, tzinfo=boards.TZ))
        footer = config.words("updated_ago", "Updated {ago}", ago=config.words.ago(2))
        for page in PAGES:
            for size in ((1280, 720), (1080, 1920)):
                view = boards.view(board, page, config=config, footer=footer)
                lines = [line for box in layout(view, size, fonts).boxes for line in box.lines]
                cut += [(hour, page, size, line) for line in lines if line.endswith(ELLIPSIS)]
    assert cut == []


@pytest.mark.parametrize(
    ("seconds", "english", "german"),
    [
        (0, "0 sec", "0 Sek."),
        (40, "40 sec", "40 Sek."),
        (12 * 60, "12 min", "12 Min."),
        (3900, "1 hr 5 min", "1 Std. 5 Min."),
        (3 * 86400, "3 days", "3 Tg."),
    ],
)
def test_a_length_of_time_in_words(seconds: float, english: str, german: str) -> None:
    assert i18n.words("en").elapsed(seconds) == english
    assert i18n.words("de").elapsed(seconds) == german


def test_a_count_with_its_noun_by_the_plural_rule() -> None:
    assert [counted(n, "session") for n in (0, 1, 2)] == ["0 sessions", "1 session", "2 sessions"]
    assert counted(3, "entry", "entries") == "3 entries"
