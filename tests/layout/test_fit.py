"""Fitting text to a box (``kiosk.layout.fit``): where lines break (Japanese between its phrases with
BudouX, everything else where UAX #14 allows), shrinking, then an ellipsis; grapheme clusters stay whole."""

from __future__ import annotations

import boards
import pytest

from kiosk.layout.fit import ELLIPSIS, break_units, clusters, fit, wrap
from kiosk.render.fonts import Fonts


class Monospace:
    """Every character one ``size`` wide: line widths in characters, whatever the font."""

    def width(self, text: str, style: str, size: int) -> int:
        return len(text) * size

    def line_height(self, style: str, size: int) -> int:
        return size


@pytest.mark.parametrize(
    ("text", "chars", "lines"),
    [
        (
            "今は空いています。話題を提案してください",
            8,
            ["今は", "空いています。", "話題を", "提案してください"],
        ),
        ("今は空いています。話題を提案してください", 12, ["今は空いています。話題を", "提案してください"]),
        ("オープンスペースは15:00に始まります", 12, ["オープンスペースは", "15:00に始まります"]),
    ],
)
def test_japanese_breaks_between_phrases_not_inside_words(text: str, chars: int, lines: list[str]) -> None:
    assert wrap(Monospace(), text, "regular", 10, chars * 10) == lines


def test_a_japanese_phrase_longer_than_the_line_is_still_cut_to_fit() -> None:
    lines = wrap(Monospace(), "提案してください", "regular", 10, 5 * 10)
    assert "".join(lines) == "提案してください" and all(len(line) <= 5 for line in lines)


def test_no_line_starts_with_a_closing_mark() -> None:
    units = break_units("空いています。「話題」を提案してください、どうぞ")
    assert not any(unit[0] in "。、」" for unit in units), units


def test_text_without_kana_keeps_the_breaks_of_uax_14() -> None:
    assert break_units("Open Spaces 开放空间") == ("Open ", "Spaces ", "开", "放", "空", "间")


@pytest.mark.parametrize(
    ("text", "lines", "expect_ellipsis"),
    [
        ("Short title", 2, False),
        (boards.LONG, 2, True),
        (boards.SCRIPTS[0] * 3, 1, True),
        ("x" * 300, 3, True),
    ],
)
def test_fit_wraps_then_ends_with_an_ellipsis(
    fonts: Fonts, text: str, lines: int, expect_ellipsis: bool
) -> None:
    fitted = fit(fonts, text, "bold", 60, 700, lines, 40)
    assert 1 <= len(fitted.lines) <= lines
    assert all(fonts.width(line, "bold", fitted.size) <= 700 for line in fitted.lines)
    assert fitted.lines[-1].endswith(ELLIPSIS) is expect_ellipsis
    assert 40 <= fitted.size <= 60


def test_clusters_keep_conjuncts_and_emoji_whole() -> None:
    assert clusters("क्षि") == ["क्षि"]
    assert clusters("👩‍💻a") == ["👩‍💻", "a"]


def test_latin_words_are_never_split_and_cjk_breaks_between_characters(fonts: Fonts) -> None:
    from kiosk.layout.fit import wrap

    latin = wrap(fonts, "Extraordinarily long session titles about asynchronous generators", "bold", 60, 700)
    assert all(
        word in ["Extraordinarily", "long", "session", "titles", "about", "asynchronous", "generators"]
        for line in latin
        for word in line.split()
    )
    japanese = wrap(fonts, "型ヒントを古いコードベースに導入するときの実践的な話", "bold", 60, 400)
    assert len(japanese) > 1 and "".join(japanese) == "型ヒントを古いコードベースに導入するときの実践的な話"
    # No line starts with a character UAX #14 keeps to the previous one (small kana, 。、).
    assert not any(line[0] in "ぁぃぅぇぉっゃゅょー。、" for line in japanese)
