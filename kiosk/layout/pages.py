"""The board's pages, one entry each: how it is laid out, how many screens it takes, whether it has
anything to show. A new page is an entry here, its module beside this one and its name in
``kiosk.config.PAGES`` (the names the config accepts; a test checks that both list the same pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.board.timeline import Board
from kiosk.config import Config
from kiosk.layout.boxes import Measure, View
from kiosk.layout.canvas import Area, Canvas
from kiosk.layout.now import now_page
from kiosk.layout.propose import propose_page
from kiosk.layout.rooms import rooms_page, rooms_parts
from kiosk.layout.today import today_page, today_parts
from kiosk.layout.updates import updates_page
from kiosk.layout.vote import has_votes, vote_page, vote_parts


def _one(board: Board, size: tuple[int, int], measure: Measure) -> int:
    return 1


def _always(view: View) -> bool:
    return True


def _unasked(config: Config) -> bool:
    return False


@dataclass(frozen=True)
class Page:
    """``draw`` lays the page out in the canvas's content area; ``parts`` is how many screens it needs
    at a size (a long day on "today"); ``has_content`` is False when the carousel should pass it over;
    ``asked_by`` names the config that sets the page up, and ``asked`` says whether a config does
    (``check`` notes such a page left out of ``[pages] order``)."""

    name: str
    draw: Callable[[Canvas, Area], None]
    parts: Callable[[Board, tuple[int, int], Measure], int] = _one
    has_content: Callable[[View], bool] = _always
    asked_by: str = ""
    asked: Callable[[Config], bool] = _unasked


PAGES: tuple[Page, ...] = (
    Page("now", now_page),
    Page("today", today_page, today_parts),
    Page("propose", propose_page),
    Page(
        "vote",
        vote_page,
        vote_parts,
        lambda view: has_votes(view.board, view.config.vote.url),
        "[vote] url",
        lambda config: bool(config.vote.url),
    ),
    Page(
        "updates",
        updates_page,
        has_content=lambda view: bool(view.updates),
        asked_by="[updates]",
        asked=lambda config: config.updates.any,
    ),
    Page(
        "rooms", rooms_page, rooms_parts, asked_by="[source] rooms", asked=lambda c: len(c.source.rooms) > 1
    ),
)
_BY_NAME = {page.name: page for page in PAGES}


def page(name: str) -> Page:
    """The page called ``name``; an unknown name is the "now" page."""
    return _BY_NAME.get(name, PAGES[0])


def empty(view: View) -> frozenset[str]:
    """The pages with nothing to show in ``view`` (its board, updates and config)."""
    return frozenset(entry.name for entry in PAGES if not entry.has_content(view))
