"""Names as people read them: the one rule for when two titles, or two rooms, are the same.

A title is the same title in any case and spacing, and in the compatibility forms Unicode unifies
(a full-width "Ｐｙｔｈｏｎ" is "Python"): a vote typed in a form counts for the proposal on the
board. A room name is read as its words, runs of letters or of digits, in any case, with
punctuation and spacing between them ignored: "H-103", "h103" and "H 103" are the words h, 103.
A room named with more words ("Room H-103, 1st floor") takes in a shorter name whose words appear
in it in order and side by side; "Room 1" is never "Room 10", since 1 and 10 are different words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+|\d+")


def name_key(text: str) -> str:
    """What two names must share to be the same name: NFKC, case-folded, without any spacing."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=1024)  # a schedule names a few rooms, each on many sessions
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name: its runs of letters and of digits, NFKC and case-folded."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def words_within(wanted: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the words ``wanted`` appear in ``words`` in order and side by side (never when empty)."""
    size = len(wanted)
    return 0 < size <= len(words) and any(
        words[start : start + size] == wanted for start in range(len(words) - size + 1)
    )
