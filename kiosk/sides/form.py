"""A form's responses, published as CSV (a Google or Microsoft form's sheet): the header and the rows.

Rows are numbered as the sheet shows them (the header is row 1); a blank row is no response but keeps
its number, so that a problem names the row the facilitator sees. A BOM and CRLF are normal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Responses:
    """The header's cells and each response as (row number, cells), in the sheet's order."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def responses(text: str) -> Responses | None:
    """The responses in ``text``; None when the sheet has no header row (it is empty)."""
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        return None
    return Responses(rows[0][1], rows[1:])
