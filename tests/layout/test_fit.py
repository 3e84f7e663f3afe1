"""Where lines break: Japanese between its phrases (BudouX), everything else where UAX #14 allows."""

from __future__ import annotations

import pytest

from kiosk.layout.fit import break_units, wrap


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
