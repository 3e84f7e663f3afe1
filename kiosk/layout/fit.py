"""Fitting text to a box: wrap where Unicode allows a break, shrink within limits, then end with an ellipsis.

Nothing here draws; widths come from a ``Measure``, so the rules are tested without a screen.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from uniseg.linebreak import line_break_units

from kiosk.layout.boxes import Measure

ELLIPSIS = "…"
# No character that shows is narrower than this share of the type size (Noto Sans's thinnest, "'"
# and "i", take about a fifth), so a line ``width`` pixels wide holds fewer clusters than
# ``width / (size * NARROWEST)``: text beyond that is never measured, however long it is.
NARROWEST = 1 / 8
# Characters looked at per cluster kept: a letter with its capped marks, an emoji ZWJ sequence.
CLUSTER_CHARS = 16
# Characters after which a cluster goes on: viramas (the next consonant joins a conjunct) and joiners.
_GLUE_AFTER = frozenset("\u094d\u0c4d\u0bcd\u200d")


@dataclass(frozen=True, slots=True)
class Fitted:
    lines: tuple[str, ...]
    size: int


def clusters(text: str) -> list[str]:
    """Split ``text`` into the smallest pieces that may end a line: a consonant with its vowel
    signs and conjuncts, an emoji with its selectors, or one plain character."""
    out: list[str] = []
    for char in text:
        glued = out and (
            unicodedata.category(char).startswith("M")
            or char in "\u200c\u200d\ufe0e\ufe0f"
            or out[-1][-1] in _GLUE_AFTER
        )
        if glued:
            out[-1] += char
        else:
            out.append(char)
    return out


def visible_start(text: str, size: int, width: int, lines: int) -> tuple[str, bool]:
    """The start of ``text`` that ``lines`` lines of ``width`` pixels at ``size`` could ever show
    (whole clusters), and whether anything was left out."""
    most = max(1, lines) * (width // max(1, int(size * NARROWEST)) + 1)
    if len(text) <= most:
        return text, False  # never more clusters than characters
    parts = clusters(text[: most * CLUSTER_CHARS])
    return "".join(parts[:most]), True


def _cut(measure: Measure, text: str, style: str, size: int, width: int, suffix: str) -> str:
    """The longest start of ``text`` (whole clusters) that fits ``width`` with ``suffix`` after it."""
    parts = clusters(text)
    low, high = 0, len(parts)
    while low < high:  # binary search on the number of clusters kept
        mid = (low + high + 1) // 2
        if measure.width("".join(parts[:mid]).rstrip() + suffix, style, size) <= width:
            low = mid
        else:
            high = mid - 1
    result = "".join(parts[:low]).rstrip() + suffix
    return result if measure.width(result, style, size) <= width else ""


def wrap(measure: Measure, text: str, style: str, size: int, width: int) -> list[str]:
    """Greedy wrap at the line break opportunities of UAX #14 (between words, and between the
    characters of Chinese and Japanese); a piece wider than the line is broken between clusters."""
    lines: list[str] = []
    line = ""
    for unit in break_units(" ".join(text.split())):
        candidate = line + unit
        if measure.width(candidate.rstrip(), style, size) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = unit
        while measure.width(line.rstrip(), style, size) > width:
            head = _cut(measure, line.rstrip(), style, size, width, "")
            if not head:
                return lines  # not even one character fits
            lines.append(head)
            line = line[len(head) :].lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


@lru_cache(maxsize=4096)
def break_units(text: str) -> tuple[str, ...]:
    """``text`` cut where UAX #14 allows a line to end; each piece keeps the spaces after it.

    Japanese has no spaces, and UAX #14 allows a break between almost any two of its characters,
    which splits words ("空いてい/ます"). In text with kana the breaks are kept only between the
    phrases BudouX finds ("空いています。/話題を/提案してください"); UAX #14 still decides where
    inside them a line may end (no line starts with "。" or a small kana), and a phrase longer than
    a line is cut as any piece is.
    """
    units = tuple(line_break_units(text))
    if not _KANA.search(text):
        return units
    ends = set(itertools.accumulate(len(phrase) for phrase in _japanese_phrases(text)))
    merged: list[str] = []
    at = 0
    for unit in units:
        if merged and at not in ends:
            merged[-1] += unit
        else:
            merged.append(unit)
        at += len(unit)
    return tuple(merged)


_KANA = re.compile(r"[\u3041-\u30ff\u31f0-\u31ff\uff66-\uff9f]")  # hiragana, katakana, their extensions


def _japanese_phrases(text: str) -> list[str]:
    return _japanese_parser().parse(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _japanese_parser() -> Any:
    # Deferred: BudouX and its model are loaded the first time a line holds Japanese, not at start.
    import budoux

    return budoux.load_default_japanese_parser()


def fit(
    measure: Measure,
    text: str,
    style: str,
    size: int,
    width: int,
    max_lines: int,
    min_size: int | None = None,
) -> Fitted:
    """``text`` in at most ``max_lines`` lines of ``width``: at ``size`` if it fits, else shrunk step
    by step down to ``min_size``, else cut at ``min_size`` with an ellipsis on the last line.

    Only the start of the text that could show at ``min_size`` is ever measured, so the work is
    bounded by the box, not by the text."""
    smallest = min(size, min_size or size)
    text, left_out = visible_start(text, smallest, width, max_lines)
    current = size
    while True:
        lines = wrap(measure, text, style, current, width)
        if not left_out and len(lines) <= max_lines and whole(lines, text):
            return Fitted(tuple(lines), current)
        if current <= smallest:
            break
        current = max(smallest, int(current * 0.92))
    if max_lines <= 0 or not lines:
        return Fitted((), current)
    kept = lines[: max_lines - 1]
    kept.append(_cut(measure, _after(text, kept), style, current, width, ELLIPSIS))
    return Fitted(tuple(kept), current)


def _after(text: str, lines: list[str]) -> str:
    """What of ``text`` follows ``lines`` (its first lines as ``wrap`` cut them), as written: a line
    that broke at a zero-width space or between Chinese characters is continued without a space."""
    flowing = " ".join(text.split())
    position = 0
    for line in lines:
        position = flowing.index(line, position) + len(line)
    return flowing[position:].lstrip()


def whole(lines: list[str], text: str) -> bool:
    """Whether ``lines`` hold all of ``text`` (nothing cut off)."""
    return "".join("".join(lines).split()) == "".join(text.split())
