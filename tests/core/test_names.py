"""The one rule for when two names are the same: titles by their letters, rooms by their words."""

from __future__ import annotations

import pytest

from kiosk.core.names import name_key, name_words, words_within


def test_a_title_is_the_same_in_any_case_spacing_and_normal_form() -> None:
    assert name_key("Café  Society") == name_key("CAFÉ society") == name_key("Cafe\u0301 Society")
    assert name_key("Ｐｙｔｈｏｎ") == name_key("python")
    assert name_key("C++ tips") != name_key("C tips")  # a title's punctuation is part of it


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("H-103", ("h", "103")),
        ("h103", ("h", "103")),
        ("Room H-103, 1st floor", ("room", "h", "103", "1", "st", "floor")),
        ("r3s - Monheim/Rhein", ("r", "3", "s", "monheim", "rhein")),
        ("  ", ()),
        ("Salle Émile-Zola", ("salle", "émile", "zola")),
        ("会議室A（2階）", ("会議室a", "2", "階")),
    ],
)
def test_the_words_of_a_room(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


def test_words_within_is_in_order_and_side_by_side() -> None:
    assert words_within(("h", "103"), ("room", "h", "103", "1", "st", "floor"))
    assert not words_within(("room", "1"), ("room", "10"))
    assert not words_within(("h", "103"), ("103", "h"))
    assert not words_within(("room", "103"), ("room", "h", "103"))
    assert not words_within((), ("room",))
