"""How hard a remote token is to guess: what guessers try first is worth little, random characters
their alphabet's worth."""

from __future__ import annotations

import random
import secrets
import string

import pytest

from kiosk.config.token import ENOUGH_BITS, WORD_BITS, token_bits, weakness


@pytest.mark.parametrize(
    ("token", "most"),
    [
        ("passwordpassword", WORD_BITS + 8),  # a word, then the same stretch again
        ("0000000000000000", 19),  # one digit, then repeats
        ("abcdefghijklmnop", 20),  # a run
        ("9876543210987654", 25),
        ("qwertyuiopasdfgh", 30),  # keyboard rows
        ("correcthorsebatterystaple", 50),  # words, though none is on the list: 2 bits a letter
        ("Secret-Kiosk-Token", 3 * WORD_BITS + 12),
    ],
)
def test_what_guessers_try_first_is_worth_little(token: str, most: float) -> None:
    assert token_bits(token) <= most
    assert weakness(token) is not None


def test_random_tokens_are_worth_their_alphabet() -> None:
    assert token_bits("Wq8vJ2nR5tXk7mBc3LpZ9dHf") > 130  # 24 characters of 64
    # As secrets.token_urlsafe(24) makes them (32 of the 64 URL-safe characters), from a fixed seed.
    alphabet = string.ascii_letters + string.digits + "-_"
    chooser = random.Random(26)
    made = ["".join(chooser.choices(alphabet, k=32)) for _ in range(2000)]
    assert all(weakness(token) is None for token in made)
    assert min(token_bits(token) for token in made) > 1.5 * ENOUGH_BITS
    assert weakness(secrets.token_urlsafe(24)) is None


def test_the_reason_says_how_to_make_one_and_never_quotes_the_token() -> None:
    why = weakness("passwordpassword")
    assert why is not None and "python -c" in why and "password" not in why.split(";")[0]
