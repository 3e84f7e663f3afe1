"""The out-of-hours pages: before the first session, after the last, or an empty day; a headline, a
few lines and the QR code big (the heart of ``propose`` too)."""

from __future__ import annotations

from datetime import datetime

from kiosk.board.timeline import SlotState
from kiosk.core.model import Session
from kiosk.layout.canvas import TIGHT, Area, Canvas
from kiosk.layout.widgets import big_qr, hm, span


def invitation(
    canvas: Canvas, content: Area, headline: str, sub: str, detail: str, first: Session | None
) -> None:
    """An out-of-hours page (and the heart of ``propose``): a headline, a few lines, the QR code big."""
    theme, config = canvas.theme, canvas.view.config
    portrait = content.h > content.w
    gap = canvas.px(4)
    if config.propose.url:
        if portrait:
            side = min(content.w, round(content.h * 0.42))
            text_area, qr_area = content.split_y(content.h - side - gap, gap)
        else:
            side = min(round(content.w * 0.36), content.h)
            text_area, qr_area = content.split_x(content.w - side - gap, gap)
        big_qr(canvas, qr_area, right=not portrait)
    else:
        text_area = content
    inner = text_area.inset(canvas.px(1), canvas.px(1))
    used = canvas.text(inner, headline, 8.6, theme.text, style="bold", lines=3, min_units=6, factor=TIGHT)
    used += canvas.px(2.4)
    if sub:
        used += canvas.text(
            inner.below(used), sub, 5.2, theme.accent, style="bold", lines=2, min_units=4, factor=TIGHT
        )
        used += canvas.px(2.4)
    if detail:
        used += canvas.text(inner.below(used), detail, 4.2, theme.text, lines=2, min_units=3.4)
        used += canvas.px(2.4)
    if first is not None:
        board = canvas.view.board
        used += canvas.px(1.6)
        first_up = canvas.words("first_up", "First up · {time}", time=span(first, board))
        used += canvas.label(inner.below(used), first_up, theme.muted, 3.0)
        used += canvas.px(1)
        used += canvas.text(
            inner.below(used),
            first.title,
            5.0,
            theme.text,
            style="bold",
            lines=2,
            min_units=3.6,
            factor=TIGHT,
        )
        if first.host:
            used += canvas.px(0.8)
            canvas.text(inner.below(used), first.host, 3.6, theme.muted, min_units=3.0)


def before(canvas: Canvas) -> tuple[str, str, str, Session | None]:
    board, words = canvas.view.board, canvas.words
    first = board.first_to_come()
    begins = first.start if first is not None else board.first_start
    start = (
        words("start_at", "Open Spaces start at {time}", time=hm(begins, board))
        if begins
        else words("start_soon", "Open Spaces start soon")
    )
    return start, words("got_topic", "Got a topic? Propose it"), "", first


def done(canvas: Canvas) -> tuple[str, str, str, Session | None]:
    board, words = canvas.view.board, canvas.words
    detail = words("thanks", "Thank you for joining, hosting and listening.")
    sub = words("see_you", "See you next time")
    if board.next_day_start is not None:
        sub = words("start_again", "Open Spaces start again {when}", when=_when(canvas, board.next_day_start))
    return words("day_over", "That's all for today"), sub, detail, None


def empty(canvas: Canvas) -> tuple[str, str, str, Session | None]:
    board, words = canvas.view.board, canvas.words
    # Once the day's last slot is over there is nothing left to be first in: a topic is for another day.
    over = bool(board.slots) and all(slot.state is SlotState.PAST for slot in board.slots)
    if over and board.next_day_start is None:
        return (
            words("no_sessions_today", "No Open Spaces today"),
            words("got_topic_already", "Got a topic already? Propose it"),
            "",
            None,
        )
    if board.next_day_start is None:
        return (
            words("nothing_scheduled", "Nothing scheduled yet"),
            words("be_first", "Be the first: propose a topic"),
            "",
            None,
        )
    when = _when(canvas, board.next_day_start)
    return (
        words("no_sessions_today", "No Open Spaces today"),
        words("they_start", "They start {when}", when=when),
        words("got_topic_already", "Got a topic already? Propose it"),
        None,
    )


def _when(canvas: Canvas, moment: datetime) -> str:
    board = canvas.view.board
    return canvas.words.when(moment.astimezone(board.now.tzinfo), board.day)
