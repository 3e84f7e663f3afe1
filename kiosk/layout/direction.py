"""Which way text runs: the Unicode bidirectional algorithm (UAX #9) through python-bidi.

Arabic, Hebrew and Persian run right to left; a title that mixes them with Latin ("عربي + Python 3.13")
has runs of both. Layout asks only whether a line's paragraph direction is right to left, or against
its page's (to align it to its own side); drawing asks for each character's embedding level, then
shapes every run in its direction and sets the runs in visual order (``visual_order``).
"""

from __future__ import annotations

import unicodedata

# Bidi classes that start a right-to-left run, or an embedding that might.
RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"})
STRONG_RIGHT = frozenset({"R", "AL"})  # the classes that make a paragraph right to left (rule P3)


def is_rtl(text: str) -> bool:
    """Whether ``text``'s first strong character is right to left (rules P2 and P3)."""
    if not any(unicodedata.bidirectional(c) in STRONG_RIGHT for c in text):
        return False  # no right-to-left letter at all (most titles): python-bidi is not needed
    # Deferred: python-bidi loads only once a string has right-to-left letters.
    from bidi.algorithm import get_base_level

    return bool(get_base_level(text))


def against_page(text: str, rtl_page: bool) -> bool:
    """Whether ``text`` runs the other way from its page: its first strong character is right to left
    on a left-to-right page, or left to right on a right-to-left one (an English post on an Arabic
    board). A paragraph of it is aligned to its own side, as a browser does with ``dir="auto"``; text
    with no strong character at all (a time, a count) goes with the page."""
    if not rtl_page:
        return is_rtl(text)
    return any(unicodedata.bidirectional(c) == "L" for c in text) and not is_rtl(text)


def levels(text: str, rtl: bool | None = None) -> list[int]:
    """The embedding level of each character of ``text``: odd is right to left. The paragraph's
    direction is ``rtl`` when given, else that of its first strong character."""
    base = (1 if rtl else 0) if rtl is not None else int(is_rtl(text))
    if base == 0 and not any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text):
        return [0] * len(text)  # nothing right to left in it (most titles): only the base level
    # Deferred: python-bidi loads only once a string has right-to-left text or an RTL page has text.
    from bidi.algorithm import (
        explicit_embed_and_overrides,
        get_embedding_levels,
        get_empty_storage,
        resolve_implicit_levels,
        resolve_neutral_types,
        resolve_weak_types,
    )

    # A character this Python's Unicode data does not know yet has no bidi class: it counts as
    # left to right, as the algorithm would have it for an unassigned code point outside RTL blocks.
    known = "".join(c if unicodedata.bidirectional(c) else "a" for c in text)
    storage = get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    try:
        get_embedding_levels(known, storage, False, False)
        explicit_embed_and_overrides(storage, False)
        resolve_weak_types(storage, False)
        resolve_neutral_types(storage, False)
        resolve_implicit_levels(storage, False)
    except (AssertionError, KeyError, IndexError):
        return [base] * len(text)  # never let a title stop the board: drawn in the base direction
    found = [int(char["level"]) for char in storage["chars"]]
    # Explicit embeddings are removed by the algorithm (and by the text clean-up before it): keep the
    # base level when the count differs rather than misplace levels.
    return found if len(found) == len(text) else [base] * len(text)


def visual_order(run_levels: list[int]) -> list[int]:
    """Indexes of runs (each at one level, in logical order) in the order they are drawn left to
    right: from the highest level down, every sequence at that level or above is reversed (rule L2)."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    lowest_odd = min((level for level in run_levels if level % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(run_levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] >= level:
                j = i
                while j < len(order) and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
