"""Right-to-left text (``kiosk.layout.direction``): embedding levels and the visual order of runs."""

from __future__ import annotations

from kiosk.layout import direction


def test_levels_and_visual_order() -> None:
    assert direction.is_rtl("שלום world") and not direction.is_rtl("Hello שלום")
    assert direction.levels("abc") == [0, 0, 0]
    assert direction.levels("אב 12") == [1, 1, 1, 2, 2]
    assert direction.visual_order([1, 2, 1]) == [2, 1, 0]
    assert direction.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]


def test_characters_unknown_to_python_do_not_stop_the_bidi_algorithm() -> None:
    # U+11F04 is Kawi, newer than this Python's Unicode data: it has no bidi class here.
    assert direction.levels("\U00011f04 abc עב") == [0, 0, 0, 0, 0, 0, 1, 1]
