"""Layout without pixels: at every screen size, every page's text fits its box, stays on screen and
never overlaps other text, for the demo day and for a day built to break things.

``kiosk.layout.layout`` itself, through the now, today and propose pages; the other pages have their own
files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import boards
import configs
import pytest
from boards import SIZES, check

import kiosk
from kiosk.core.model import Alert, Schedule
from kiosk.layout import Box, Layout, layout, page_parts
from kiosk.layout.fit import ELLIPSIS
from kiosk.render.fonts import Fonts


def _boards() -> dict[str, object]:
    stress = boards.stress_schedule()
    return {
        "running": boards.at(12, 12),
        "between": boards.at(13, 40),
        "before": boards.at(8, 30),
        "done": boards.at(18, 30),
        "empty": boards.at(12, 0, Schedule()),
        "stress": boards.at(12, 30, stress),
        "stress-free": boards.at(17, 5, stress),
        "afternoon": boards.at(15, 5, boards.afternoon_schedule()),
    }


BOARDS = _boards()


def _views(fonts: Fonts, name: str, size: tuple[int, int]) -> list[boards.View]:
    board = BOARDS[name]
    extra = {}
    if name.startswith("stress"):
        extra = {"footer_stale": True, "warnings": ("Config reload failed: " + boards.LONG,) * 2}
    out = []
    for page in ("now", "today", "propose"):
        for part in range(page_parts(page, board, size, fonts)):  # type: ignore[arg-type]
            out.append(boards.view(board, page, part, **extra))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(BOARDS))
def test_every_page_fits(fonts: Fonts, name: str, size: tuple[int, int]) -> None:
    for view in _views(fonts, name, size):
        check(layout(view, size, fonts), fonts)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hero_title_is_large(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(BOARDS["running"], "now"), size, fonts)
    title = next(b for b in page.boxes if b.kind == "text" and b.lines[0].startswith("Async"))
    # Landscape: at least 7% of the screen's height; portrait screens are narrower, so 6.5% of the width.
    assert title.size >= (0.07 if size[0] > size[1] else 0.065) * min(size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today_parts_show_every_slot_once(fonts: Fonts, size: tuple[int, int]) -> None:
    board = BOARDS["stress"]
    shown = []
    for part in range(page_parts("today", board, size, fonts)):  # type: ignore[arg-type]
        page = layout(boards.view(board, "today", part), size, fonts)  # type: ignore[arg-type]
        times = [
            b.lines[0]
            for b in page.boxes
            if b.kind == "text" and len(b.lines[0]) == 5 and b.lines[0][2] == ":"
        ]
        shown += [t for t in times[1:] if t[0].isdigit()]  # the first is the header's clock
    assert shown == [f"{s.start:%H:%M}" for s in board.slots]  # type: ignore[attr-defined]


def test_the_demo_day_fits_one_part_in_landscape(fonts: Fonts) -> None:
    assert page_parts("today", BOARDS["running"], (1920, 1080), fonts) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("before", "Open Spaces start at 10:00"),
        ("done", "That's all for today"),
        ("empty", "Nothing scheduled yet"),
        ("between", "This slot is open until 14:00"),
        # Sessions ended at 15:00, but the slots run until 17:00: the day is not over.
        ("afternoon", "15:30 is open Propose a topic!"),
        ("afternoon", "2 proposals compete for 15:00 Vote at the board"),
    ],
)
def test_out_of_hours_pages_say_so(fonts: Fonts, name: str, words: str) -> None:
    page = layout(boards.view(BOARDS[name], "now"), (1920, 1080), fonts)  # type: ignore[arg-type]
    text = " ".join(" ".join(b.lines) for b in page.boxes if b.kind == "text")
    assert words in text
    assert any(b.kind == "qr" for b in page.boxes)


def test_shift_moves_every_box(fonts: Fonts) -> None:
    plain = layout(boards.view(BOARDS["running"], "now"), (1920, 1080), fonts)  # type: ignore[arg-type]
    moved = layout(boards.view(BOARDS["running"], "now", shift=(3, -2)), (1920, 1080), fonts)  # type: ignore[arg-type]
    assert [(b.rect[0] + 3, b.rect[1] - 2) for b in plain.boxes] == [b.rect[:2] for b in moved.boxes]


def _texts(page: Layout) -> list[str]:
    return [" ".join(b.lines) for b in page.boxes if b.kind == "text"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(BOARDS))
def test_headings_never_stand_alone_and_the_room_is_whole(
    fonts: Fonts, name: str, size: tuple[int, int]
) -> None:
    for view in _views(fonts, name, size):
        texts = _texts(layout(view, size, fonts))
        if "LATER TODAY" in texts:
            assert texts[texts.index("LATER TODAY") + 1][:2].isdigit()  # a session's time follows
        if name in ("running", "between"):
            assert "Room H-103" in texts


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_open_slots_stay_on_the_propose_page_with_many_ideas(fonts: Fonts, size: tuple[int, int]) -> None:
    board = boards.at(12, 12, replace(boards.demo_schedule(), ideas=(boards.LONG,) * 12))
    texts = _texts(layout(boards.view(board, "propose"), size, fonts))
    assert "OPEN SLOTS TODAY" in texts
    assert sum(t.startswith("•") for t in texts) <= 4


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_running_session_shows_its_host_and_what_comes_later(fonts: Fonts, size: tuple[int, int]) -> None:
    texts = _texts(layout(boards.view(BOARDS["running"], "now"), size, fonts))
    assert "Meera Krishnan & Tom Weber" in texts
    assert "LATER TODAY" in texts


@pytest.mark.parametrize(
    ("size", "hosts"),
    [
        ((1080, 1920), ("Meera Krishnan & Tom Weber", "Lena Fischer", "Ankit Sharma")),
        ((1920, 1080), ("Meera Krishnan & Tom Weber",)),
        ((3840, 2160), ("Meera Krishnan & Tom Weber",)),
    ],
    ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v[0], int) else "",
)
def test_today_shows_hosts_of_sessions_to_come_where_there_is_room(
    fonts: Fonts, size: tuple[int, int], hosts: tuple[str, ...]
) -> None:
    page = layout(boards.view(BOARDS["running"], "today"), size, fonts)  # type: ignore[arg-type]
    texts = _texts(page)
    for host in hosts:
        assert host in texts
    # A host sits under its title, smaller: the row's title is the box just before it.
    title, host_box = next(
        (a, b)
        for a, b in zip(page.boxes, page.boxes[1:], strict=False)
        if b.kind == "text" and b.lines == (hosts[0],)
    )
    assert title.lines[0].startswith("Async") and host_box.size < title.size
    assert host_box.rect[1] >= title.rect[1] + title.rect[3]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today_keeps_its_notes(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(BOARDS["running"], "today"), size, fonts)  # type: ignore[arg-type]
    texts = _texts(page)
    assert "2 proposals — vote at the board" in texts
    assert "Open — propose a topic" in texts
    assert any(b.strike and b.lines == ("Mobile apps with BeeWare",) for b in page.boxes)
    # The slot on now is framed in the accent colour.
    assert any(b.kind == "panel" and b.border and b.colour == boards.CONFIG.theme.accent for b in page.boxes)


def _around(page: Layout, kind: str, payload: str | None = None) -> Box:
    """The smallest panel holding the first box of ``kind`` (with ``payload``, when given)."""
    inner = next(b for b in page.boxes if b.kind == kind and payload in (None, b.payload))
    x, y, w, h = inner.rect
    panels = [
        b
        for b in page.boxes
        if b.kind == "panel" and b.rect[0] <= x and b.rect[1] <= y
        if b.rect[0] + b.rect[2] >= x + w and b.rect[1] + b.rect[3] >= y + h
    ]
    return min(panels, key=lambda b: b.rect[2] * b.rect[3])


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_propose_shows_ideas_beside_a_qr_card_against_the_right_edge(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    board = BOARDS["running"]
    assert board.announcements  # type: ignore[attr-defined]
    page = layout(boards.view(board, "propose"), size, fonts)  # type: ignore[arg-type]
    texts = _texts(page)
    assert "IDEAS LOOKING FOR A HOST" in texts
    assert texts[texts.index("IDEAS LOOKING FOR A HOST") + 1].startswith("• ")
    card = _around(page, "qr", boards.CONFIG.propose.url)
    margin = round(3.6 * min(size) / 100)
    assert card.rect[0] + card.rect[2] == size[0] - margin


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_now_qr_card_says_how_close_beside_the_code(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(BOARDS["running"], "now"), size, fonts)  # type: ignore[arg-type]
    code = next(b for b in page.boxes if b.kind == "qr" and b.payload == boards.CONFIG.propose.url)
    action = next(b for b in page.boxes if b.kind == "text" and b.lines == ("Propose a topic",))
    hint = next(b for b in page.boxes if b.kind == "text" and b.lines == ("Scan with your phone",))
    gap = action.rect[0] - (code.rect[0] + code.rect[2])
    assert 0 < gap <= 3 * min(size) / 100
    assert hint.rect[0] == action.rect[0] and hint.rect[1] >= action.rect[1] + action.rect[3]
    # The code's panel leaves the same margin on every side of it.
    card = _around(page, "qr", boards.CONFIG.propose.url)
    left, top = code.rect[0] - card.rect[0], code.rect[1] - card.rect[1]
    assert left == top == card.rect[1] + card.rect[3] - code.rect[1] - code.rect[3]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_stale_footer_with_a_warning_is_shown_whole(fonts: Fonts, size: tuple[int, int]) -> None:
    warning = "Config not applied: /etc/open-spaces-kiosk/kiosk.toml: [pages] seconds: must be a number"
    footer = "Offline since 11:10 — showing the schedule from 10:10"
    for page_name in ("now", "today", "propose"):
        view = boards.view(
            BOARDS["running"],
            page_name,
            footer=footer,
            footer_stale=True,
            warnings=(warning, "HTTP 503 Service Unavailable"),
        )
        page = layout(view, size, fonts)  # type: ignore[arg-type]
        check(page, fonts)
        bar = next(b for b in page.boxes if b.kind == "panel" and b.fill == boards.CONFIG.theme.warning)
        said = next(b for b in page.boxes if b.kind == "text" and b.lines[0].startswith("Offline"))
        assert " ".join(said.lines).endswith("HTTP 503 Service Unavailable")
        assert said.size >= 2.6 * min(size) / 100 - 1
        # Nothing of the page reaches into the bar.
        others = [b for b in page.boxes if b is not bar and b is not said and b.kind != "dots"]
        assert all(b.rect[1] + b.rect[3] <= bar.rect[1] for b in others)


def test_a_day_without_sessions_says_when_they_start_next(fonts: Fonts) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from kiosk.board.timeline import board_at
    from kiosk.config import SlotsConfig
    from kiosk.core.model import Schedule, Session

    zone = ZoneInfo("Asia/Kolkata")
    start = datetime(2026, 12, 5, 10, 0, tzinfo=zone)
    schedule = Schedule(sessions=(Session("Opening circle", start, start + timedelta(minutes=30)),))
    for now, expected in [
        (datetime(2026, 12, 4, 12, 0, tzinfo=zone), "They start tomorrow at 10:00"),
        (datetime(2026, 12, 1, 12, 0, tzinfo=zone), "They start on Saturday at 10:00"),
        (datetime(2024, 1, 1, 12, 0, tzinfo=zone), "They start on December 5, 2026 at 10:00"),
    ]:
        board = board_at(schedule, SlotsConfig(), now)
        boxes = layout(boards.view(board, "now"), (1920, 1080), fonts).boxes
        strings = [line for box in boxes for line in box.lines]
        assert "No Open Spaces today" in strings and expected in strings


def _lone_proposal() -> Schedule:
    demo = boards.demo_schedule()
    first = next(s for s in demo.sessions if s.status == boards.PROPOSED)
    return replace(
        demo, sessions=tuple(s for s in demo.sessions if s.status != boards.PROPOSED or s is first)
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_lone_proposal_is_the_slots_topic_with_nothing_to_vote_on(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    schedule = _lone_proposal()
    (proposal,) = (s for s in schedule.sessions if s.status == boards.PROPOSED)
    texts = _texts(layout(boards.view(boards.at(12, 12, schedule), "today"), size, fonts))
    assert not any("vote" in text for text in texts), texts
    assert any(text.startswith(proposal.title[:12]) for text in texts), texts
    assert any(text == "proposed" or text.startswith("proposed ·") for text in texts), texts


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_cancelled_slot_to_come_always_says_it_is_open(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(BOARDS["running"], "today"), size, fonts)  # type: ignore[arg-type]
    (struck,) = [b for b in page.boxes if b.strike]
    assert struck.lines[0].startswith("Mobile apps")
    beside = [b for b in page.boxes if b.kind == "text" and b.rect[1] == struck.rect[1] and b is not struck]
    below = [
        b
        for b in page.boxes
        if b.kind == "text" and struck.rect[1] < b.rect[1] < struck.rect[1] + 2 * struck.size
    ]
    notes = [" ".join(b.lines) for b in beside + below if b.colour == boards.CONFIG.theme.open]
    notes = [note for note in notes if note != "·"]
    assert notes and notes[0] in ("Open", "cancelled · open"), notes


@pytest.mark.parametrize("count", [1, 4, 9])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ideas_left_off_the_propose_page_are_counted(fonts: Fonts, size: tuple[int, int], count: int) -> None:
    ideas = tuple(f"Idea number {n}: a topic somebody would like to hear about" for n in range(1, count + 1))
    board = boards.at(12, 12, replace(boards.demo_schedule(), ideas=ideas))
    page = layout(boards.view(board, "propose"), size, fonts)
    texts = _texts(page)
    shown = [text for text in texts if text.startswith("• Idea number")]
    more = [text for text in texts if text.startswith("+ ") and text.endswith(" more")]
    if "IDEAS LOOKING FOR A HOST" not in texts:
        assert size == (1280, 720) and not shown and not more  # the smallest screen has no room for ideas
        return
    assert shown, texts
    counted = int(more[0].split()[1]) if more else 0
    assert len(shown) + counted == count, texts
    check(page, fonts)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_separator_stays_between_title_and_note_on_a_right_to_left_page(
    fonts: Fonts, size: tuple[int, int], tmp_path: Path
) -> None:
    arabic = configs.kiosk_config(tmp_path, source={"url": "schedule.json"}, event={"language": "ar"})
    page = layout(boards.view(BOARDS["running"], "today", config=arabic), size, fonts)  # type: ignore[arg-type]
    rows = 0
    for dot in (b for b in page.boxes if b.kind == "text" and b.lines == ("·",)):
        row = sorted(
            (b for b in page.boxes if b.kind == "text" and b.rect[1] == dot.rect[1]), key=lambda b: b.rect[0]
        )
        before, after = row[: row.index(dot)], row[row.index(dot) + 1 :]
        # Mirrored: the slot's time at the right, then its title, the separator, and the note at the left.
        assert before and after, row
        assert (
            before[-1].rect[0] + before[-1].rect[2]
            <= dot.rect[0]
            < dot.rect[0] + dot.rect[2]
            <= after[0].rect[0]
        )
        assert after[-1].lines[0][:2].isdigit(), row  # the time, at the far right
        rows += 1
    assert rows, _texts(page)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_with_nothing_more_scheduled_the_now_page_lists_the_open_slots_left(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    morning = boards.demo_schedule()
    morning = replace(morning, sessions=tuple(s for s in morning.sessions if s.start.hour < 13))
    page = layout(boards.view(boards.at(13, 10, morning), "now"), size, fonts)
    check(page, fonts)
    texts = _texts(page)
    assert "This slot is open until 13:30" in texts
    heading = texts.index("OPEN SLOTS TODAY")
    assert " ".join(texts[heading + 1 :]).startswith("13:30 · 14:00 · 14:30")  # the slot now is the hero's


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_open_slots_follow_the_last_session_to_come(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(boards.at(15, 50), "now"), size, fonts)
    check(page, fonts)
    texts = _texts(page)
    assert "Closing circle: harvest and thanks" in texts and "LATER TODAY" not in texts
    assert texts[texts.index("OPEN SLOTS TODAY") + 1] == "16:00"


LANGUAGES = sorted(p.name for p in Path(kiosk.__file__).parent.joinpath("locale").iterdir() if p.is_dir())


@pytest.mark.parametrize(
    "vote_url", ["", "https://forms.example.org/vote?entry.1={title}"], ids=["board", "phone"]
)
@pytest.mark.parametrize("language", ["en", *LANGUAGES])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_call_to_vote_on_today_is_never_cut(
    fonts: Fonts, size: tuple[int, int], language: str, vote_url: str
) -> None:
    config = boards.CONFIG
    config = replace(
        config, event=replace(config.event, language=language), vote=replace(config.vote, url=vote_url)
    )
    page = layout(boards.view(boards.at(12, 10), "today", config=config), size, fonts)
    check(page, fonts)
    texts = _texts(page)
    head = texts[texts.index("13:00") + 1]
    assert head and not head.endswith(ELLIPSIS), head


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_empty_day_asks_to_be_first_only_while_its_slots_last(fonts: Fonts, size: tuple[int, int]) -> None:
    for (hour, minute), headline, sub in [
        ((8, 30), "Nothing scheduled yet", "Be the first: propose a topic"),
        ((16, 45), "Nothing scheduled yet", "Be the first: propose a topic"),
        ((18, 30), "No Open Spaces today", "Got a topic already? Propose it"),
    ]:
        page = layout(boards.view(boards.at(hour, minute, Schedule()), "now"), size, fonts)
        check(page, fonts)
        texts = _texts(page)
        assert headline in texts and sub in texts, (hour, minute, texts)


LONG_ALERT = (
    "Fire drill at 14:00: leave the building by the nearest exit, do not use the lifts, gather at the "
    "car park across Jayanagar 4th Block road and wait for the marshals in yellow vests to count "
    "everyone before you come back in. Sessions resume at 14:30 in their rooms."
)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_alert_takes_the_largest_type_its_panel_holds(fonts: Fonts, size: tuple[int, int]) -> None:
    page = layout(boards.view(boards.at(12, 10), "now", alert=Alert(LONG_ALERT)), size, fonts)
    check(page, fonts)
    (message,) = [b for b in page.boxes if b.kind == "text" and "Fire drill" in " ".join(b.lines)]
    assert " ".join(message.lines) == LONG_ALERT  # whole
    # Six lines of it fit its panel at 6 units; it used to fall to the smallest size (4.4) at once.
    assert message.size >= 0.06 * min(size), message.size


def test_in_portrait_the_free_card_is_as_tall_as_its_words(fonts: Fonts) -> None:
    morning = boards.demo_schedule()
    morning = replace(morning, sessions=tuple(s for s in morning.sessions if s.start.hour < 13))
    page = layout(boards.view(boards.at(13, 10, morning), "now"), (1080, 1920), fonts)
    check(page, fonts)
    card = next(b for b in page.boxes if b.kind == "panel" and b.border)
    inside = [
        b for b in page.boxes if b.kind == "text" and card.rect[1] <= b.rect[1] < card.rect[1] + card.rect[3]
    ]
    words_bottom = max(b.rect[1] + b.rect[3] for b in inside)
    assert card.rect[1] + card.rect[3] - words_bottom <= 0.04 * 1080  # its padding, no empty band


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_during_the_last_session_the_side_says_nothing_more_comes(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    page = layout(boards.view(boards.at(16, 45), "now"), size, fonts)
    check(page, fonts)
    texts = _texts(page)
    assert "Closing circle: harvest and thanks" in texts and "Nothing more today" in texts
    assert "NEXT" not in texts and "OPEN SLOTS TODAY" not in texts
