"""Emoji sequences that the bundled emoji font cannot join, drawn the way they still read right.

The bundled Noto Color Emoji has no ligature table, so a sequence (👩‍💻, a family 👨‍👩‍👧, a flag
🇩🇪, a thumbs-up with a skin tone 👍🏽, a Scottish flag 🏴 with its tag letters) would be drawn as
its parts side by side. ``as_drawn`` keeps what the font can draw of each: the first emoji of a
ZWJ sequence, an emoji without its skin tone or tag letters, and a country flag as its two letters.
"""

from __future__ import annotations

import unicodedata

_REGIONAL = range(0x1F1E6, 0x1F200)  # 🇦 … 🇿
_DROPPED = frozenset(range(0x1F3FB, 0x1F400)) | frozenset(range(0xE0020, 0xE0080))  # skin tones, tags
_SELECTORS = frozenset("\ufe0e\ufe0f")
_ZWJ = "\u200d"


def as_drawn(text: str) -> str:
    """``text`` with each emoji sequence replaced by what the bundled font draws of it."""
    if text.isascii():
        return text
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        code = ord(char)
        if code in _REGIONAL:
            out.append(chr(ord("A") + code - _REGIONAL.start))
        elif code in _DROPPED:
            continue
        elif char == _ZWJ and _after_emoji(out):
            # The rest of the sequence: the next emoji, with its selector or skin tone, is left out.
            for joined in chars:
                if joined not in _SELECTORS and ord(joined) not in _DROPPED:
                    break
        else:
            out.append(char)
    return "".join(out)


def _after_emoji(out: list[str]) -> bool:
    """Whether a joiner here follows an emoji (a joiner in Indic text shapes a letter: it stays)."""
    last = next((char for char in reversed(out) if char not in _SELECTORS), "")
    return bool(last) and unicodedata.category(last) == "So"
