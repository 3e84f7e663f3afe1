"""Turning bytes into text, and saying in plain words what bytes are when they are not a schedule."""

from __future__ import annotations

import re

from kiosk.core.model import UnreadableError
from kiosk.core.text import cut

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods spreadsheet? publish the sheet as CSV instead)"),
    (b"\x1f\x8b", "a gzip archive"),
)


def first_line(text: str) -> str:
    """The first line of ``text`` with anything on it, cut short to be quoted in a problem."""
    return cut(next((line.strip() for line in text.splitlines() if line.strip()), ""), 60)


def what_it_is(data: bytes) -> str | None:
    """A plain description of bytes that are clearly not a schedule, or None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if not head.strip():
        return "an empty document"
    if _HTML.match(head):
        if re.search(rb"(sign in|log in|login|password)", data[:20000], re.IGNORECASE):
            return "an HTML login page, not a schedule (is the sheet or calendar published publicly?)"
        return "an HTML web page, not a schedule (use the link to the CSV, .ics or JSON export)"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return None


_CHARSET = re.compile(r';\s*charset\s*=\s*"?([\w.:-]+)"?', re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def as_utf8(data: bytes, content_type: str) -> bytes:
    """The document's bytes as UTF-8: UTF-8 stays as it is; else a UTF-16 byte-order mark (Excel's
    "Unicode text") or the ``charset`` the server declares says how to read it. Anything else is
    left for ``decode`` to report."""
    if what_it_is(data) is not None:
        return data
    if data.startswith(_UTF16_BOMS):
        charset = "utf-16"
    else:
        try:
            data.decode("utf-8")
            return data  # declared or not: text that is valid UTF-8 is almost never anything else
        except UnicodeDecodeError:
            match = _CHARSET.search(content_type)
            if match is None:
                return data
            charset = match[1]
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); anything else is unreadable, with the reason."""
    description = what_it_is(data)
    if description is not None:
        raise UnreadableError(description)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"not UTF-8 text (invalid byte at position {error.start}); save or export the schedule as UTF-8"
        ) from None
    if "\x00" in text:
        raise UnreadableError("binary data, not a text schedule")
    return text
