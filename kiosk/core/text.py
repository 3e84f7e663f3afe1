"""Text from a source, made safe to keep, print and draw: the one clean-up every reader calls.

A schedule is typed by people and written by exporters, so its text can hold anything: a NUL
(which pygame refuses to draw), a lone surrogate (which cannot be encoded, so neither printed nor
drawn), terminal escapes, bidi overrides that turn a title around, or a "Zalgo" tower of hundreds of
combining marks on one letter. ``clean`` removes what has no place on a board and keeps what text
needs to read right: zero-width joiners and spaces, variation selectors, emoji tags, soft hyphens,
left-to-right and right-to-left marks.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

# Accents stacked on one letter beyond this are dropped. Vietnamese stacks two, Hebrew with vowel
# points and cantillation three or four; Indic scripts start a new cluster at each consonant.
MAX_MARKS = 4

_SPACE = str.maketrans({"\t": " ", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Control characters (C0 but tab and newline, DEL, C1), surrogates, bidi embeddings, overrides and
# isolates, the byte-order mark inside text, deprecated format characters, interlinear annotation
# and the noncharacters: none of them is text to show.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff"
    "\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff]"
)


def clean(text: str) -> str:
    """``text`` without what cannot or should not be drawn, with at most ``MAX_MARKS`` marks per
    letter, line ends as ``\\n``, and no space around it. Clean text comes back unchanged."""
    text = _UNWANTED.sub("", text.replace("\r\n", "\n").translate(_SPACE))
    if not text.isascii():
        text = _cap_marks(text)
    return text.strip()


def _cap_marks(text: str) -> str:
    out: list[str] = []
    marks = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me"):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        out.append(char)
    return "".join(out)


def cut(text: str, limit: int) -> str:
    """``text``, or when it is longer than ``limit`` its first ``limit - 3`` characters and "...":
    a value quoted in one line of a report."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def printable(text: str) -> str:
    """``text`` for a terminal: whatever is not printable is shown as an escape (``\\x1b``), so a
    title can neither colour nor move the terminal's cursor."""
    return "".join(_escape(char) if _unprintable(char) else char for char in text)


def _unprintable(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or _UNWANTED.match(char) is not None


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


HIDDEN = "…"  # what stands for a password, a query or a fragment in a URL that is shown
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>()]+")


def shown_url(url: str) -> str:
    """``url`` as a page, a status or ``check`` shows it: a password, a query string and a fragment
    become ``…`` (a sheet's secret key travels in them), the rest stays to tell which address it is.
    A file path is shown as it is."""
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address (an unclosed "[") cannot be taken apart: show its scheme
        return f"{url.partition('://')[0]}://{HIDDEN}"
    netloc = parts.netloc
    user, at, host = netloc.rpartition("@")
    if at and ":" in user:
        netloc = f"{user.partition(':')[0]}:{HIDDEN}@{host}"
    query = HIDDEN if parts.query else ""
    fragment = HIDDEN if parts.fragment else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def hide_url_secrets(text: str) -> str:
    """``text`` with every URL in it shown as ``shown_url`` shows it (an error message that names one)."""
    return _URL.sub(lambda match: shown_url(match[0]), text)
