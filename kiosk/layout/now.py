"""The ``now`` page: what is on, what is next, the rest of today and the QR code to propose.

Out of hours it becomes a page of its own (``kiosk.layout.invitation``): before the first session,
after the last, or an empty day.
"""

from __future__ import annotations

from kiosk.board.timeline import Current, DayStatus, RoomDay, SlotState
from kiosk.core.model import BREAK
from kiosk.layout.canvas import TIGHT, Area, Canvas, text_height
from kiosk.layout.invitation import before, done, empty, invitation
from kiosk.layout.qrgrid import geometry
from kiosk.layout.widgets import QR_PIXELS, QR_SIDE, hm, label_row, open_slots, qr_block, span

CARD_MIN = 30  # units: a session card with its label, one line of title and its progress
LATER = 3.2  # units: a line of "Later today"


def now_page(canvas: Canvas, content: Area) -> None:
    board = canvas.view.board
    others = tuple(day for day in board.rooms if not day.home)
    if others:
        content = _elsewhere(canvas, content, others)
    if board.status is DayStatus.BEFORE:
        return invitation(canvas, content, *before(canvas))
    if board.status is DayStatus.DONE:
        return invitation(canvas, content, *done(canvas))
    if board.status is DayStatus.EMPTY:
        return invitation(canvas, content, *empty(canvas))
    portrait = content.h > content.w
    gap = canvas.px(2.6)
    if portrait:
        # The hero takes what its card needs (up to half the page); the rest goes to what comes later.
        probe = Canvas(canvas.view, canvas.size, canvas.measure)
        hero_h = _hero(probe, content.top(round(content.h * 0.5)), 4)
        hero, side = content.split_y(hero_h, gap)
    else:
        hero, side = content.split_x(round(content.w * 0.62), gap)
    _hero(canvas, hero, 4 if portrait else 3)
    _side(canvas, side, portrait)


ELSEWHERE = 3.2  # units: a line about another room
ELSEWHERE_SHARE = 0.3  # of the page at most: the room beside the screen stays the largest


def _elsewhere(canvas: Canvas, content: Area, others: tuple[RoomDay, ...]) -> Area:
    """What is on now, or next, in the other rooms, at the foot of the page; returns what is left above.

    Two columns in landscape; as many rooms as fit in ``ELSEWHERE_SHARE`` of the page, the rest named
    by count (the rooms page shows them all).
    """
    theme, words = canvas.theme, canvas.words
    gap = canvas.px(1.2)
    line = text_height(1, canvas.px(ELSEWHERE), TIGHT)
    label = text_height(1, canvas.px(2.8), TIGHT)
    columns = 1 if content.h > content.w else 2
    rows_fit = max(1, (round(content.h * ELSEWHERE_SHARE) - label - gap + gap) // (line + gap))
    rows = min(rows_fit, -(-len(others) // columns))
    shown = others[: rows * columns]
    height = label + gap + rows * (line + gap)
    strip = Area(content.x, content.bottom - height, content.w, height)
    heading = words("other_rooms", "In the other rooms")
    if len(shown) < len(others):
        hidden = len(others) - len(shown)
        heading += " · " + words("more_rooms", "+ {count} more on the Rooms page", count=hidden)
    canvas.label(strip.top(label), heading, theme.muted, units=2.8)
    col_gap = canvas.px(3)
    col_w = (strip.w - col_gap * (columns - 1)) // columns
    name_w = min(
        col_w * 2 // 5,
        max(canvas.measure.width(day.room, "bold", canvas.px(ELSEWHERE)) for day in shown) + canvas.px(1.6),
    )
    for i, day in enumerate(shown):
        x = strip.x + (i % columns) * (col_w + col_gap)
        y = strip.y + label + gap + (i // columns) * (line + gap)
        canvas.text(Area(x, y, name_w, line), day.room, ELSEWHERE, theme.text, style="bold", factor=TIGHT)
        says, colour = _room_says(canvas, day)
        canvas.text(Area(x + name_w, y, col_w - name_w, line), says, ELSEWHERE, colour, factor=TIGHT)
    return content.top(max(0, content.h - height - canvas.px(2.6)))


def _room_says(canvas: Canvas, day: RoomDay) -> tuple[str, tuple[int, int, int]]:
    """One line about a room: its session on now, else its next one, else its next open slot."""
    board, theme, words = day.board, canvas.theme, canvas.words
    if board.current:
        titles = " · ".join(current.session.title for current in board.current)
        return words("room_now", "Now: {title}", title=titles), theme.text
    if board.next is not None:
        start, title = hm(board.next.session.start, board), board.next.session.title
        return words("room_next", "Next at {time}: {title}", time=start, title=title), theme.muted
    if board.next_open is not None and board.next_open.state is SlotState.CURRENT:
        return words("room_open_now", "Open now — propose a topic"), theme.open
    if board.next_open is not None:
        return words("room_open", "Open from {time}", time=hm(board.next_open.start, board)), theme.open
    return words("room_done", "Nothing more today"), theme.muted


def _hero(canvas: Canvas, area: Area, title_lines: int) -> int:
    """The sessions on now (or the free slot) in ``area``; returns the height a single card needs."""
    board, theme = canvas.view.board, canvas.theme
    if not board.current:
        return _free(canvas, area)
    gap = canvas.px(2)
    fits = max(1, (area.h + gap) // (canvas.px(CARD_MIN) + gap))
    shown = board.current[: min(3, fits)]
    hidden = len(board.current) - len(shown)
    if hidden:
        note = canvas.words("more_on_now", "+ {count} more on now — see the Today page", count=hidden)
        used = canvas.text(
            area.below(area.h - text_height(1, canvas.px(3.2), TIGHT)),
            note,
            3.2,
            theme.accent,
            style="bold",
            factor=TIGHT,
        )
        area = area.top(area.h - used - gap)
    each = (area.h - gap * (len(shown) - 1)) // len(shown)
    needed = area.h
    for i, current in enumerate(shown):
        card = Area(area.x, area.y + i * (each + gap), area.w, each)
        canvas.panel(card, theme.surface)
        pad_x, pad_y = canvas.px(3.6), canvas.px(3)
        used = _current(canvas, card.inset(pad_x, pad_y), current, len(shown), title_lines)
        if len(shown) == 1 and not hidden:
            needed = used + 2 * pad_y
    return needed


def _current(canvas: Canvas, inner: Area, current: Current, count: int, title_lines: int) -> int:
    """One session on now; returns the height its text needs, the progress bar included."""
    board, theme = canvas.view.board, canvas.theme
    session = current.session
    if session.kind == BREAK:  # a coffee break or lunch is said as such, never as a session to join
        label, colour = canvas.words("break", "Break"), theme.muted
    else:
        label, colour = canvas.words("now", "Now"), theme.accent
    label_h = label_row(canvas, inner, label, span(session, board), colour)
    foot_units = 3.6 if count == 1 else 3.0
    foot_h = canvas.px(foot_units * 1.3) + canvas.px(1.6) + canvas.px(2.4)
    body = Area(
        inner.x, inner.y + label_h + canvas.px(1.4), inner.w, inner.h - label_h - foot_h - canvas.px(2.4)
    )
    host_units = 4.2 if count == 1 else 3.4
    # The host keeps a line of its own: the title shrinks or gives up a line first.
    host_h = canvas.px(1.2) + text_height(1, canvas.px(3.0), 1.3) if session.host else 0
    title_units = 7.8 if count == 1 else (5.6 if count == 2 else 4.6)
    used = canvas.text(
        body.top(body.h - host_h),
        session.title,
        title_units,
        theme.text,
        style="bold",
        lines=title_lines if count == 1 else 2,
        min_units=title_units * 0.72,
        factor=TIGHT,
    )
    if count == 1:
        # The link goes under the title, beside the host: the title keeps the card's whole width.
        rest = body.below(used + canvas.px(1.2))
        link_w, link_h = _session_link(canvas, rest, session.url)
        link_bottom = used + canvas.px(1.2) + link_h
        body = Area(body.x, body.y, body.w - link_w, body.h)
    else:
        link_bottom = 0
    if session.host:
        host = body.below(used + canvas.px(1.2))
        used += canvas.px(1.2) + canvas.text(host, session.host, host_units, theme.muted, min_units=3.0)
    if session.description and count == 1:
        desc = body.below(used + canvas.px(2))
        shown = canvas.text(desc, session.description, 3.2, theme.muted, lines=2, min_units=3.0)
        used += canvas.px(2) + shown if shown else 0
    used = max(used, link_bottom)
    bar = Area(inner.x, inner.bottom - foot_h, inner.w, canvas.px(1.6))
    canvas.progress(bar, current.progress)
    left = canvas.words.left(current.minutes_left)
    below = Area(inner.x, bar.bottom + canvas.px(1.6), inner.w, inner.bottom - bar.bottom - canvas.px(1.6))
    canvas.text(below, left, foot_units, theme.accent, style="bold", factor=TIGHT)
    return label_h + canvas.px(1.4) + used + canvas.px(2.4) + foot_h


def _session_link(canvas: Canvas, body: Area, url: str) -> tuple[int, int]:
    """A session's link (notes, slides, a shared document) as a labelled QR code at the right of
    ``body``; returns the width and height it takes (0, 0 when there is none or no room)."""
    if not url.startswith(("http://", "https://")):
        return 0, 0
    caption_h = text_height(2, canvas.px(2.6), TIGHT)
    room = min(canvas.px(QR_SIDE), body.h - caption_h - canvas.px(0.8), body.w // 3)
    module, side = geometry(url, max(0, room))
    if side > room or module < 2:
        return 0, 0
    x = body.right - side
    caption = Area(x, body.y + side + canvas.px(0.8), side, caption_h)
    words = canvas.words("session_link", "Notes & slides")
    # A code nobody knows the use of is noise: it goes with its caption when the caption would be cut.
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    shown = probe.text(
        caption, words, 2.6, canvas.theme.muted, lines=2, factor=TIGHT, align="center", width=side, whole=True
    )
    if not shown:
        return 0, 0
    canvas.qr(Area(x, body.y, side, side), url)
    canvas.boxes.extend(probe.boxes)
    return side + canvas.px(2.4), side + canvas.px(0.8) + shown


def _free(canvas: Canvas, area: Area) -> int:
    """No session on now: offer the open slot holding now (or the next one), and send people to
    vote when proposals compete for this slot or the next; returns the height its words need."""
    board, theme, words = canvas.view.board, canvas.theme, canvas.words
    canvas.panel(area, theme.surface, border=theme.open)
    inner = area.inset(canvas.px(3.6), canvas.px(3))
    offer, contest = board.next_open, board.contest
    used = canvas.label(inner, words("free_now", "Free now"), theme.open, 3.0) + canvas.px(1.4)
    if offer is None:
        headline = words("nothing_on", "Nothing on right now")
    elif offer.state is SlotState.CURRENT:
        headline = words("slot_open_until", "This slot is open until {time}", time=hm(offer.end, board))
    else:
        headline = words("slot_open_at", "{time} is open", time=hm(offer.start, board))
    used += canvas.text(
        inner.below(used),
        headline,
        7.6,
        theme.text,
        style="bold",
        lines=2 if contest else 3,
        min_units=5.4,
        factor=TIGHT,
    )
    if offer is not None:
        used += canvas.px(2)
        used += canvas.text(
            inner.below(used),
            words("propose_now", "Propose a topic!"),
            5.2,
            theme.accent,
            style="bold",
            factor=TIGHT,
        )
        used += canvas.px(1.4)
        how = (
            words("scan_or_tell", "Scan the code or tell the facilitator")
            if canvas.view.config.propose.url
            else words("tell_facilitator", "Tell the facilitator")
        )
        used += canvas.text(inner.below(used), how, 3.6, theme.muted, lines=2, min_units=3.0)
    if contest is not None:
        used += canvas.px(3)
        count = len(contest.proposals)
        used += canvas.text(
            inner.below(used),
            words.plural(
                "proposals_compete",
                "{count} proposal for {time}",
                "{count} proposals compete for {time}",
                count,
                time=hm(contest.start, board),
            ),
            5.2,
            theme.accent,
            style="bold",
            lines=2,
            min_units=4.0,
            factor=TIGHT,
        )
        used += canvas.px(1.4)
        used += canvas.text(inner.below(used), vote_how(canvas), 3.6, theme.muted, lines=2, min_units=3.0)
    return used + 2 * canvas.px(3)


def vote_how(canvas: Canvas) -> str:
    """Where a passer-by votes: on the vote page's codes when there is one."""
    view = canvas.view
    if view.config.vote.url and "vote" in view.config.pages.order:
        return canvas.words("vote_on_page", "Scan a code on the Vote page to vote with your phone")
    return canvas.words("vote_at_board", "Vote at the board")


def _side(canvas: Canvas, area: Area, portrait: bool) -> None:
    board = canvas.view.board
    # The list of later sessions is bare text with its own leading: it sits closer to the cards.
    near = canvas.px(1.6)
    qr_h = qr_block(canvas, area, max(QR_PIXELS, canvas.px(18 if portrait else QR_SIDE)), portrait)
    rest = Area(area.x, area.y, area.w, area.h - qr_h - (near if qr_h else 0))
    if board.next is not None:
        used = _next(canvas, rest)
        rest = rest.below(used + near)
    if board.later:
        _later(canvas, rest)
    elif not open_slots(canvas, rest.inset(canvas.px(3), 0), later=True) and board.next is None:
        # Nothing more is scheduled after next: what a passer-by can still have are the open slots,
        # and with none left the column says so rather than stand empty.
        done = canvas.words("room_done", "Nothing more today")
        canvas.text(rest.inset(canvas.px(3), 0), done, LATER, canvas.theme.muted, style="bold", factor=TIGHT)


def _next(canvas: Canvas, area: Area) -> int:
    board, theme = canvas.view.board, canvas.theme
    assert board.next is not None
    session = board.next.session
    pad_x, pad_y = canvas.px(3), canvas.px(2)
    probe = Canvas(canvas.view, canvas.size, canvas.measure)
    inner = area.inset(pad_x, pad_y)
    words = canvas.words
    if session.kind == BREAK:  # as on the card of now: a break to come is said as such
        label, colour = words("break", "Break"), theme.muted
    else:
        label, colour = words("next", "Next"), theme.accent
    used = label_row(probe, inner, label, words.until(board.next.minutes_until), colour)
    used += canvas.px(1.2)
    used += probe.text(
        inner.below(used), session.title, 4.4, theme.text, style="bold", lines=2, min_units=3.6, factor=TIGHT
    )
    detail = " · ".join(part for part in (span(session, board), session.host) if part)
    used += canvas.px(0.8)
    used += probe.text(inner.below(used), detail, 3.2, theme.muted, min_units=3.0)
    height = used + 2 * pad_y
    canvas.panel(area.top(height), theme.surface)
    canvas.boxes.extend(probe.boxes)
    return height


def _later(canvas: Canvas, area: Area) -> None:
    """The rest of today, one line a session; the heading only with at least one session under it."""
    board, theme = canvas.view.board, canvas.theme
    sessions = board.later
    inner = area.inset(canvas.px(3), 0)
    heading_h = text_height(1, canvas.px(2.6), TIGHT)
    row_h = text_height(1, canvas.px(LATER), TIGHT) + canvas.px(0.4)
    rows = max(0, (inner.h - heading_h) // row_h)
    if not sessions or rows < 1:
        return
    shown = sessions[:rows]
    if len(shown) < len(sessions) and rows >= 3:
        shown = sessions[: rows - 1]  # keep a row to say how many more
    canvas.label(inner, canvas.words("later_today", "Later today"), theme.muted, 2.6)
    used = heading_h
    time_w = canvas.measure.width("00:00", "bold", canvas.px(LATER)) + canvas.px(2)
    for session in shown:
        row = inner.below(used).top(row_h)
        # A break is muted, as on the today page: it is not a session to join.
        brk = session.kind == BREAK
        time_colour, title_colour = (theme.muted, theme.muted) if brk else (theme.accent, theme.text)
        canvas.text(row, hm(session.start, board), LATER, time_colour, style="bold", factor=TIGHT)
        title = Area(row.x + time_w, row.y, row.w - time_w, row_h)
        canvas.text(title, session.title, LATER, title_colour, factor=TIGHT)
        used += row_h
    hidden = len(sessions) - len(shown)
    if hidden > 0 and len(shown) < rows:
        more = canvas.words("more_later", "+ {count} more on the Today page", count=hidden)
        canvas.text(inner.below(used), more, 3.0, theme.muted, factor=TIGHT)
