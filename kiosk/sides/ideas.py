"""Ideas from the proposal form's responses, published as CSV: pure, from text and the moderation rule.

Rows become ideas, newest first: the topic, and the name when given. Columns are found by their
header like the schedule's: topic (``topic``, ``title``, ``idea``, ``proposal``, ``session``) and
name (``name``, ``host``, ``your name``). A hallway screen never shows a stranger's text unmoderated
by default: with ``moderation = "approve"`` only rows whose approval column says yes are shown, and a
sheet without such a column shows nothing.

The approval column is the organiser's, never a question the form asks: strangers answer those, and
"OK to share your email?" or "Accept the code of conduct?" must not approve their own idea. So it
is a header that is exactly ``Show``, ``Approved`` or ``Approve`` (case and spacing aside), or the
one ``[ideas] approval_column`` names; never one ending in "?"; and when several could be it, the
last, since a sheet adds the organiser's column on the right of the form's. A form that asks
whether the name may be shown ("Show my name on the screen?") is asked: the name is shown only where
the answer is yes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kiosk.core.model import Latest, Problem
from kiosk.core.names import name_key
from kiosk.core.text import clean
from kiosk.sides import form

SIDE = "ideas"  # the side source's name in ``Latest.sides``
LONGEST = 200  # characters of one idea: a topic, not an essay
_TOPIC = re.compile(r"topic|title|idea|proposal|session|thema|subject", re.I)
_NAME = re.compile(r"name|host|who|by\b|facilitat|speaker", re.I)
# A question whether the name may be shown ("Show my name on the screen?", "Publish my name", "May
# your name be shown?"): the name is shown only where it is answered yes. "Name as shown on your
# badge" asks for the name itself.
_NAME_CONSENT = re.compile(
    r"^\W*(show|display|publish|share)\b.*\bname\b|\bname\b.*\b(shown|displayed|published|shared|visible)"
    r"\b.*\?\s*$",
    re.I,
)
APPROVAL_HEADERS = ("show", "approved", "approve")  # as name_key() makes them
_YES = frozenset(
    {"yes", "y", "true", "x", "ok", "okay", "1", "✓", "✔", "approved", "show", "ja", "oui", "sí", "si"}
)
HOW_TO_APPROVE = (
    'add a column "Show" to the right of the responses sheet and put yes (or tick a checkbox) in the '
    'rows to show, or name your own column in [ideas] approval_column, or set [ideas] moderation = "all"'
)


@dataclass(frozen=True, slots=True)
class FormIdeas:
    """The ideas to show as (topic, name), newest first; how many rows were held back; the columns."""

    ideas: tuple[tuple[str, str], ...]
    rows: int = 0
    held: int = 0  # rows not shown: waiting for approval (no mark yet) or not approved (marked no)
    refused: int = 0  # of those, the rows marked with anything but yes
    topic: str = ""
    approval: str = ""
    passed_over: tuple[str, ...] = ()  # other headers that could have been the approval column
    problems: tuple[Problem, ...] = ()

    @property
    def waiting(self) -> int:
        """Rows with no mark in the approval column yet."""
        return self.held - self.refused


def is_question(header: str) -> bool:
    """Whether a header is a question the form asks (strangers answer it): it ends in "?"."""
    return header.strip().endswith("?")


def approval_columns(header: list[str], named: str = "") -> list[int]:
    """The columns that could be the approval column, left to right (module docstring): the one
    ``named`` (``[ideas] approval_column``), or those headed Show, Approved or Approve."""
    wanted = (name_key(named),) if named else APPROVAL_HEADERS
    return [i for i, h in enumerate(header) if name_key(h) in wanted and not is_question(h)]


def _column(header: list[str], pattern: re.Pattern[str], skip: Iterable[int] = ()) -> int | None:
    """The first column whose header matches, one that is not a question first: "Your name" is the
    name, "Show my name on the screen?" a question about it."""
    taken = set(skip)
    found = [i for i, name in enumerate(header) if i not in taken and pattern.search(name.strip())]
    plain = [i for i in found if not is_question(header[i])]
    return next(iter(plain or found), None)


@lru_cache(maxsize=4)
def read_ideas(text: str, moderation: str, approval_column: str = "") -> FormIdeas:
    sheet = form.responses(text)
    if sheet is None:
        return FormIdeas(())
    header, responses = sheet.header, sheet.rows
    candidates = approval_columns(header, approval_column)
    approval = candidates[-1] if candidates else None
    passed_over = tuple(clean(header[i]) for i in candidates[:-1])
    skip = candidates
    topic = _column([h if not re.search("time", h, re.I) else "" for h in header], _TOPIC, skip)
    if topic is None:
        return FormIdeas(
            (),
            rows=len(responses),
            problems=(Problem("header", "no column names the topic (call it e.g. Topic or Idea)"),),
        )
    consent = _column(header, _NAME_CONSENT, [*skip, topic])
    name = _column(header, _NAME, [*skip, topic, *([] if consent is None else [consent])])
    if moderation == "approve" and approval is None:
        missing = (
            f'no column "{clean(approval_column)}" (the [ideas] approval_column)'
            if approval_column
            else "no approval column"
        )
        return FormIdeas(
            (),
            rows=len(responses),
            held=len(responses),
            topic=clean(header[topic]),
            problems=(Problem("header", f"{missing}, so no idea is shown: {HOW_TO_APPROVE}"),),
        )
    ideas: list[tuple[str, str]] = []
    held = refused = 0
    for _, row in reversed(responses):  # a form appends: the last row is the newest
        cell = clean(row[topic]).strip() if topic < len(row) else ""
        if not cell:
            continue
        if moderation == "approve":
            mark = _mark(row, approval)
            if mark not in _YES:
                held += 1
                refused += bool(mark)
                continue
        who = clean(row[name]).strip() if name is not None and name < len(row) else ""
        if consent is not None and _mark(row, consent) not in _YES:
            who = ""
        ideas.append((" ".join(cell.split())[:LONGEST], " ".join(who.split())[:LONGEST]))
    return FormIdeas(
        tuple(ideas),
        rows=len(responses),
        held=held,
        refused=refused,
        topic=clean(header[topic]),
        approval=clean(header[approval]) if approval is not None else "",
        passed_over=passed_over,
    )


def _mark(row: list[str], column: int | None) -> str:
    """A row's answer in ``column``, as the yes words are written: "" when it has none."""
    return row[column].strip().casefold() if column is not None and column < len(row) else ""


def merged(form: Iterable[tuple[str, str]], schedule: Iterable[str]) -> tuple[str, ...]:
    """The form's ideas (newest first, "topic — name"), then the schedule's; a topic shows once
    (matched like vote titles: case, spacing and Unicode normalisation aside)."""
    seen: set[str] = set()
    out: list[str] = []
    for topic, who in (*form, *((idea, "") for idea in schedule)):
        if name_key(topic) not in seen:
            seen.add(name_key(topic))
            out.append(f"{topic} — {who}" if who else topic)
    return tuple(out)


def shown_ideas(
    latest: Latest, schedule_ideas: tuple[str, ...], moderation: str, approval_column: str = ""
) -> tuple[str, ...]:
    """The ideas the propose page shows: the form's approved ones, then the schedule's."""
    polled = latest.side(SIDE)
    if polled is None or polled.reading is None:
        return schedule_ideas
    found = read_ideas(polled.reading.text, moderation, approval_column)
    return merged(found.ideas, schedule_ideas)
