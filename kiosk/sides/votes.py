"""The tally of a vote form's responses, published as CSV: pure, from text and the proposals' titles.

Each row is one response. A proposal gets one vote for every row whose answer cell names it, matched
without regard to case, spacing or Unicode normalisation; a cell naming several proposals (a checkbox
question exports "A, B") counts for each. The answer column is the one whose header asks about
sessions, topics or proposals, or else the only column whose cells name proposals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

from kiosk.core.model import Latest, Problem
from kiosk.core.names import name_key
from kiosk.core.text import clean
from kiosk.sides import form

# Words of a header that asks which proposal (Google Forms uses the question as the header).
_QUESTION = re.compile(r"session|topic|proposal|vote|talk|title|which|thema|sitzung|vorschlag", re.I)
_ITEM = re.compile(r"\s*[,;]\s*")
SIDE = "votes"  # the side source's name in ``Latest.sides``
MAX_LISTED = 5  # rows named in one problem; the count says how many more


@dataclass(frozen=True, slots=True)
class Tally:
    """``counts``: votes per proposal title (every title asked about, in order); ``column``: the answer
    column's header and ``found_by`` how it was found ("header", "values"; "" when none was)."""

    counts: tuple[tuple[str, int], ...]
    column: str = ""
    found_by: str = ""
    responses: int = 0
    problems: tuple[Problem, ...] = ()

    def of(self, title: str) -> int:
        return next((count for name, count in self.counts if name == title), 0)


@dataclass(frozen=True, slots=True)
class Counted:
    """A tally as the board shows it: when its results were fetched, and whether that is too long ago."""

    tally: Tally
    at: datetime | None
    stale: bool


def vote_link(template: str, title: str) -> str:
    """``[vote] url`` with ``{title}`` replaced by the proposal's title, URL-encoded."""
    return template.replace("{title}", quote(title, safe=""))


@lru_cache(maxsize=1024)
def _items(text: str) -> tuple[str, ...]:
    # Answers repeat (a few titles, many voters): each distinct cell is split and normalised once.
    return tuple(name_key(item) for item in _ITEM.split(text) if name_key(item))


def _names(cell: str, title: tuple[str, ...]) -> bool:
    """Whether ``cell`` names the title: as a whole, or as a run of its comma-separated items (a
    title may itself hold commas)."""
    items = _items(cell)
    n = len(title)
    return bool(n) and any(items[i : i + n] == title for i in range(len(items) - n + 1))


@lru_cache(maxsize=4)
def tally(text: str, titles: tuple[str, ...]) -> Tally:
    """Count the responses in ``text`` (CSV with a header row) for each of ``titles``."""
    sheet = form.responses(text)
    zero = tuple((title, 0) for title in titles)
    if sheet is None:
        return Tally(zero, problems=(Problem("header", "no header row: the sheet is empty"),))
    header, responses = sheet.header, sheet.rows
    wanted = {title: _items(title) for title in titles}

    def named(index: int) -> int:
        return sum(
            1
            for _, row in responses
            if index < len(row) and any(_names(row[index], items) for items in wanted.values())
        )

    asking = [
        i for i, name in enumerate(header) if _QUESTION.search(name) and not re.search("time", name, re.I)
    ]
    # Every column is scanned only when no header asks the question.
    matching = [] if asking else [i for i in range(len(header)) if named(i)]
    if asking:
        column, found_by = (asking[0] if len(asking) == 1 else max(asking, key=named)), "header"
    elif len(matching) == 1:
        column, found_by = matching[0], "values"
    else:
        why = (
            "no column's header asks about sessions, topics or proposals, and "
            + ("no column names a proposal" if not matching else "several columns name proposals")
            + '; call the question e.g. "Which session?"'
        )
        return Tally(zero, responses=len(responses), problems=(Problem("header", why),))
    counts = dict.fromkeys(titles, 0)
    unmatched: list[int] = []
    for number, row in responses:
        cell = row[column] if column < len(row) else ""
        hits = [title for title, items in wanted.items() if _names(cell, items)]
        for title in hits:
            counts[title] += 1
        if not hits:
            unmatched.append(number)
    problems: tuple[Problem, ...] = ()
    if unmatched:
        listed = ", ".join(str(n) for n in unmatched[:MAX_LISTED])
        more = f" and {len(unmatched) - MAX_LISTED} more" if len(unmatched) > MAX_LISTED else ""
        problems = (
            Problem(
                f"row{'s' if len(unmatched) > 1 else ''} {listed}{more}",
                "the answer names no competing proposal (not counted)",
            ),
        )
    return Tally(
        tuple(counts.items()),
        column=clean(header[column]),
        found_by=found_by,
        responses=len(responses),
        problems=problems,
    )


def counted(latest: Latest, titles: tuple[str, ...], now: datetime, stale_minutes: float) -> Counted | None:
    """The tally of the ``votes`` side source for ``titles``, when it has been read."""
    polled = latest.side(SIDE)
    if polled is None or polled.reading is None:
        return None
    return Counted(tally(polled.reading.text, titles), polled.fetched_at, polled.is_stale(now, stale_minutes))


def leaders(counts: Iterable[tuple[str, int]]) -> frozenset[str]:
    """The titles with the most votes, when anyone has voted."""
    counts = tuple(counts)
    top = max((count for _, count in counts), default=0)
    return frozenset(title for title, count in counts if count == top and top > 0)
