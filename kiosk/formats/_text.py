"""Turning bytes into text, and saying in plain words what bytes are when they are not a schedule."""

from __future__ import annotations

import re

from kiosk.model import UnreadableError

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods spreadsheet? publish the sheet as CSV instead)"),
    (b"\x1f\x8b", "a gzip archive"),
)


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
