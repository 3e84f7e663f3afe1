"""How hard ``[remote] token`` is to guess, in bits, counted the way a guesser would try: common
words, repeats, runs and words before random characters.

Each character is worth log2 of the alphabet the token draws from (lower case, upper case, digits,
the symbols ``-._~+/=``), except that a character that repeats the one before it or continues a run
(``abc``, ``321``, ``qwerty``) is worth 1 bit, a stretch that repeats an earlier one 1 bit a
character, a common password word (``password``, ``secret``, ``kiosk`` … also as ``passw0rd``)
``WORD_BITS`` in all, and a stretch of letters that reads like words (a third of it vowels or more)
2 bits a letter, about what English text carries. ``secrets.token_urlsafe(24)`` counts about 180.
"""

from __future__ import annotations

import math
import string

ENOUGH_BITS = 64
WORD_BITS = 8  # a word of a few hundred that guessers try first
HOW_TO_MAKE_ONE = 'python -c "import secrets; print(secrets.token_urlsafe(24))"'

_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits, "-._~+/=")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qwertzuiop", "1234567890")
_LEET = str.maketrans("0134579", "oleastg")
_VOWELS = frozenset("aeiouy")
WORD_LIKE = 6  # letters in a row before they are taken as words
# What guessers try first: the words of a conference kiosk and the most used passwords.
_COMMON = """
password passwd pass word secret token kiosk remote admin administrator root user guest login
letmein welcome hello access open spaces space python pycon conference europython djangocon change
changeme default example sample demo test testing staff room hall screen board event master monkey
dragon shadow sunshine princess football baseball iloveyou love summer winter spring autumn trustno
qwerty azerty asdf zxcv abcd hunter ninja freedom whatever superman starwars secure security private
public local server network wifi
"""
_WORDS = sorted(set(_COMMON.split()), key=len, reverse=True)  # the longest match first


def token_bits(token: str) -> float:
    """About how many bits of guessing ``token`` takes (module docstring)."""
    pool = sum(len(chars) for chars in _CLASSES if any(c in chars for c in token)) or 1
    per_character = math.log2(pool)
    folded = token.lower().translate(_LEET)
    bits, i = 0.0, 0
    while i < len(token):
        word = next((w for w in _WORDS if folded.startswith(w, i)), "")
        if word:
            bits, i = bits + WORD_BITS, i + len(word)
            continue
        repeat = _repeat(token, i)
        if repeat:
            bits, i = bits + repeat, i + repeat
            continue
        letters = _word_like(token, i)
        if letters:
            bits, i = bits + 2 * letters, i + letters
            continue
        runs_on = i > 0 and (token[i] == token[i - 1] or _follows(token[i - 1], token[i]))
        bits += 1 if runs_on else per_character
        i += 1
    return bits


def weakness(token: str) -> str | None:
    """Why ``token`` is too easy to guess, or None when it is not."""
    bits = token_bits(token)
    if bits >= ENOUGH_BITS:
        return None
    return (
        f"is too easy to guess (about {bits:.0f} bits of variety; it needs {ENOUGH_BITS}: no words, "
        f"repeats or runs such as 1234 or abcd); make one with {HOW_TO_MAKE_ONE}"
    )


def _repeat(token: str, i: int) -> int:
    """The length of the longest stretch from ``i`` (3 characters or more) seen earlier, else 0."""
    longest = 0
    for length in range(3, len(token) - i + 1):
        if token[i : i + length].lower() not in token[: i + length - 1].lower():
            break
        longest = length
    return longest


def _word_like(token: str, i: int) -> int:
    """The length of the run of letters of one case from ``i`` when it reads like words, else 0."""
    end = i
    while end < len(token) and token[end].isascii() and token[end].isalpha():
        end += 1
    run = token[i:end]
    if len(run) < WORD_LIKE or not (run.islower() or run.isupper()):
        return 0
    vowels = sum(c in _VOWELS for c in run.lower())
    return len(run) if vowels * 3 >= len(run) else 0


def _follows(before: str, char: str) -> bool:
    """Whether ``char`` continues a run from ``before``: the next or previous letter or digit, or
    the next key on a keyboard's row."""
    if before.isalnum() and char.isalnum() and abs(ord(char) - ord(before)) == 1:
        return True
    pair = (before + char).lower()
    return any(pair in row or pair in row[::-1] for row in _ROWS)
