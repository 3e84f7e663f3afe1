"""The ``vote`` page: each slot to come that proposals compete for, each proposal with its own QR
code (the pre-filled vote form) and its tally; more than fit go to further parts, as ``today`` does."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.board.timeline import Board, Slot
from kiosk.core.model import Session
from kiosk.layout.boxes import Measure
from kiosk.layout.canvas import TIGHT, Area, Canvas, text_height
from kiosk.layout.qrgrid import geometry
from kiosk.layout.widgets import hm
from kiosk.sides.votes import leaders, vote_link

PER_PART = 4  # proposals on one screen: four QR codes a phone can still tell apart
TITLE = 3.4  # units
HOST = 2.8
COUNT = 3.4
HEADING = 5.0
MIN_MODULE = 2  # pixels: a smaller code is not drawn (a phone would not read it from a step away)


@dataclass(frozen=True, slots=True)
class Group:
    """The proposals of one contested slot shown on one part of the page."""

    slot: Slot
    proposals: tuple[Session, ...]
    first: int  # 1-based number of the first proposal shown, of ``len(slot.proposals)``


def groups(board: Board) -> tuple[Group, ...]:
    """One group per part: each contested slot's proposals, four at a time."""
    return tuple(
        Group(slot, slot.proposals[i : i + PER_PART], i + 1)
        for slot in board.contested
        for i in range(0, len(slot.proposals), PER_PART)
    )


def vote_parts(board: Board, size: tuple[int, int], measure: Measure) -> int:
    return max(1, len(groups(board)))


def has_votes(board: Board, vote_url: str) -> bool:
    """Whether the page has anything to show: a vote form and a slot that proposals compete for."""
    return bool(vote_url and board.contested)


def vote_page(canvas: Canvas, content: Area) -> None:
    view, theme, words = canvas.view, canvas.theme, canvas.words
    board = view.board
    shown = groups(board)
    if not has_votes(board, view.config.vote.url):
        canvas.text(
            content,
            words("no_votes", "No votes open right now"),
            6,
            theme.muted,
            style="bold",
            lines=3,  # a language's longer words wrap rather than lose their end
            factor=TIGHT,
        )
        return
    group = shown[min(max(0, view.part), len(shown) - 1)]
    slot, total = group.slot, len(group.slot.proposals)
    heading = words(
        "vote_heading", "Vote for {time}", time=f"{hm(slot.start, board)} – {hm(slot.end, board)}"
    )
    used = canvas.text(content, heading, HEADING, theme.text, style="bold", factor=TIGHT, min_units=4.0)
    used += canvas.px(0.8)
    sub = words.plural(
        "vote_sub",
        "{count} proposal: scan its code to vote",
        "{count} proposals: scan a code to vote for one",
        total,
    )
    if total > len(group.proposals):
        last = group.first + len(group.proposals) - 1
        sub += " · " + words(
            "vote_range", "{first}–{last} of {count}", first=group.first, last=last, count=total
        )
    used += canvas.text(content.below(used), sub, 3.2, theme.muted, min_units=2.8)
    stale = view.votes is not None and view.votes.stale
    used += canvas.px(0.4) + canvas.text(
        content.below(used), _tally_note(canvas), 3.0, theme.warning if stale else theme.muted, min_units=2.6
    )
    cards = content.below(used + canvas.px(2.4))
    _cards(canvas, cards, group)


def _tally_note(canvas: Canvas) -> str:
    view, words = canvas.view, canvas.words
    if view.votes is None:
        return words("vote_phone", "Vote with your phone; the count is not shown here")
    at = hm(view.votes.at, view.board) if view.votes.at else ""
    if view.votes.stale:
        return words("tally_stale", "Votes as counted at {time} — not updated since", time=at)
    return words("tally_at", "Votes as counted at {time}", time=at)


def _cards(canvas: Canvas, area: Area, group: Group) -> None:
    portrait = area.h > area.w
    count = len(group.proposals)
    columns = (1 if count <= 2 else 2) if portrait else min(count, PER_PART)
    rows = -(-count // columns)
    gap = canvas.px(2)
    w = (area.w - gap * (columns - 1)) // columns
    h = (area.h - gap * (rows - 1)) // rows
    votes = canvas.view.votes
    tally = votes.tally if votes else None
    best = leaders((p.title, tally.of(p.title)) for p in group.slot.proposals) if tally else frozenset()
    for i, proposal in enumerate(group.proposals):
        row, column = divmod(i, columns)
        card = Area(area.x + column * (w + gap), area.y + row * (h + gap), w, h)
        _card(canvas, card, proposal, proposal.title in best, len(best) > 1)


def _side(link: str, room: int) -> int:
    """The drawn side of ``link``'s code in ``room`` pixels (whole-pixel modules); 0 when too small."""
    module, drawn = geometry(link, max(0, room))
    return drawn if drawn <= room and module >= MIN_MODULE else 0


def _card(canvas: Canvas, card: Area, proposal: Session, leading: bool, tied: bool) -> None:
    view, theme, words = canvas.view, canvas.theme, canvas.words
    canvas.panel(card, theme.surface, border=theme.accent if leading else None)
    pad = canvas.px(1.8)
    inner = card.inset(pad, pad)
    text_h = (
        text_height(2, canvas.px(TITLE), TIGHT)
        + canvas.px(0.6)
        + text_height(1, canvas.px(HOST), TIGHT)
        + (canvas.px(0.8) + text_height(1, canvas.px(COUNT), TIGHT) if view.votes else 0)
    )
    link = vote_link(view.config.vote.url, proposal.title)
    # A wide card puts its code beside the words, a tall one above them: the code gets the most room.
    beside = inner.w - min(inner.h, inner.w // 2) - pad >= canvas.px(22)
    room = min(inner.h, inner.w // 2) if beside else min(inner.w, inner.h - text_h - pad)
    side = _side(link, room)
    if beside:
        if side:
            canvas.qr(Area(inner.x, inner.y + (inner.h - side) // 2, side, side), link)
        left = inner.x + side + (pad if side else 0)
        text = Area(left, inner.y + max(0, (inner.h - text_h) // 2), inner.right - left, min(inner.h, text_h))
    else:
        if side:
            canvas.qr(Area(inner.x + (inner.w - side) // 2, inner.y, side, side), link)
        text = Area(inner.x, inner.y + side + (pad if side else 0), inner.w, text_h)
    used = canvas.text(
        text, proposal.title, TITLE, theme.text, style="bold", lines=2, min_units=2.8, factor=TIGHT
    )
    used += canvas.px(0.6)
    if proposal.host:
        canvas.text(text.below(used), proposal.host, HOST, theme.muted, factor=TIGHT, min_units=2.6)
    used += text_height(1, canvas.px(HOST), TIGHT)
    if view.votes is not None:
        votes = words.plural("votes", "{count} vote", "{count} votes", view.votes.tally.of(proposal.title))
        if leading:
            votes += " · " + (words("tied", "tied for the lead") if tied else words("leading", "leading"))
        colour = theme.accent if leading else theme.text
        canvas.text(
            text.below(used + canvas.px(0.8)), votes, COUNT, colour, style="bold", factor=TIGHT, min_units=2.6
        )
