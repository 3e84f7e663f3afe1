"""The vote: the tally of a published responses sheet, the vote page at every size with a QR code per
proposal that decodes to its own pre-filled link, and ``check``; end to end against 127.0.0.1.

One file for the vote from end to end, as a facilitator meets it: ``kiosk.sides.votes`` reads the tally,
``kiosk.layout.vote`` draws the page, ``kiosk.fetch.source`` and ``check`` bring the responses in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import quote

import boards
import configs
import pytest
from boards import SIZES, check
from doubles import Clocks
from schedule_server import ScheduleServer, reply
from screens import qr_codes

from kiosk import cli
from kiosk.board import carousel
from kiosk.config import VoteConfig, load
from kiosk.core.model import PROPOSED, Document, Latest, Polled, Reading, Schedule, Session
from kiosk.fetch.source import make_sources
from kiosk.layout import layout, page_parts
from kiosk.render import render
from kiosk.render.fonts import Fonts
from kiosk.shell.scene import compose
from kiosk.sides.votes import leaders, tally, vote_link

FORM = "https://docs.google.com/forms/d/e/1FAIpQLSfEXAMPLE/viewform?usp=pp_url&entry.1234567={title}"
CONFIG = replace(boards.CONFIG, vote=VoteConfig(url=FORM), source=replace(boards.CONFIG.source, demo=False))
TITLES = ("Rust for Pythonistas", "Async pitfalls, and how to avoid them", "Teaching Python to kids")


# --- the tally --------------------------------------------------------------------------------


def csv(*rows: str) -> str:
    return "\r\n".join(rows) + "\r\n"


def test_each_response_counts_for_the_proposals_its_answer_names() -> None:
    result = tally(
        csv(
            "Timestamp,Which session should get the 15:00 slot?,Your name",
            "5/12/2026 14:01:02,Rust for Pythonistas,Ana",
            '5/12/2026 14:02:02,"  rust   FOR pythonistas ",Bo',  # case and spacing do not matter
            '5/12/2026 14:03:02,"Async pitfalls, and how to avoid them",',  # a title with a comma
            '5/12/2026 14:04:02,"Teaching Python to kids, Rust for Pythonistas",',  # a checkbox answer
            "5/12/2026 14:05:02,Ｒｕｓｔ ｆｏｒ Ｐｙｔｈｏｎｉｓｔａｓ,",  # full-width: NFKC
            ",,",  # a blank row is no response
            "5/12/2026 14:06:02,Something else entirely,",
        ),
        TITLES,
    )
    assert dict(result.counts) == {TITLES[0]: 4, TITLES[1]: 1, TITLES[2]: 1}
    assert result.column == "Which session should get the 15:00 slot?" and result.found_by == "header"
    assert result.responses == 6
    assert [(p.where, p.message) for p in result.problems] == [
        ("row 8", "the answer names no competing proposal (not counted)")
    ]


def test_without_a_question_header_the_only_column_naming_proposals_is_the_answer() -> None:
    result = tally(
        csv("Timestamp,Q1,Email", "1,Teaching Python to kids,a@b", "2,Rust for Pythonistas,c@d"), TITLES
    )
    assert result.found_by == "values" and result.column == "Q1"
    assert dict(result.counts) == {TITLES[0]: 1, TITLES[1]: 0, TITLES[2]: 1}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (csv("Timestamp,Q1", "1,Nobody proposed this"), "no column names a proposal"),
        (csv("A,B", "Rust for Pythonistas,Teaching Python to kids"), "several columns name proposals"),
        ("", "no header row"),
    ],
)
def test_no_answer_column_is_a_problem_and_counts_nothing(text: str, words: str) -> None:
    result = tally(text, TITLES)
    assert dict(result.counts) == dict.fromkeys(TITLES, 0)
    assert len(result.problems) == 1 and words in result.problems[0].message


def test_many_unmatched_rows_are_summed_up_not_listed() -> None:
    result = tally(csv("Which topic?", *["nope"] * 12), TITLES)
    assert result.problems[0].where == "rows 2, 3, 4, 5, 6 and 7 more"


def test_matching_ignores_case_spacing_and_normalisation() -> None:
    votes = csv("Which topic?", "cafe\u0301   SOCIETY", "ＣＡＦÉ Society")
    assert tally(votes, ("Café  Society",)).counts == (("Café  Society", 2),)


def test_the_leader_is_the_most_voted_and_ties_share_it() -> None:
    assert leaders([("a", 3), ("b", 1)]) == {"a"}
    assert leaders([("a", 3), ("b", 3), ("c", 0)]) == {"a", "b"}
    assert leaders([("a", 0), ("b", 0)]) == frozenset()


def test_the_vote_link_carries_the_title_url_encoded() -> None:
    link = vote_link(FORM, "C++ & Rust? 100% / ✓")
    assert link.endswith("entry.1234567=C%2B%2B%20%26%20Rust%3F%20100%25%20%2F%20%E2%9C%93")


# --- the page -------------------------------------------------------------------------------------


def contest(titles: tuple[str, ...], hosts: bool = True) -> Schedule:
    start = datetime.combine(boards.DAY, time(15, 0), boards.TZ)
    return Schedule(
        tuple(
            Session(title, start, start + timedelta(minutes=30), f"Host {i}" if hosts else "", PROPOSED)
            for i, title in enumerate(titles)
        )
    )


def proposals(count: int, kind: str) -> tuple[str, ...]:
    if kind == "long":
        return tuple(f"{i + 1}. {boards.LONG}" for i in range(count))
    if kind == "scripts":
        return tuple(f"{boards.SCRIPTS[i % len(boards.SCRIPTS)]} {i + 1}" for i in range(count))
    return tuple(f"Topic {i + 1}" for i in range(count))


def views(titles: tuple[str, ...], fonts: Fonts, size: tuple[int, int], **extra: object) -> list[boards.View]:
    board = boards.at(14, 30, contest(titles))
    return [
        boards.view(board, "vote", part, config=CONFIG, **extra)  # type: ignore[arg-type]
        for part in range(page_parts("vote", board, size, fonts))
    ]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", ["short", "long", "scripts"])
@pytest.mark.parametrize("count", [2, 4, 7])
def test_every_proposal_has_its_own_code_that_decodes_to_its_link(
    fonts: Fonts, size: tuple[int, int], kind: str, count: int
) -> None:
    titles = proposals(count, kind)
    pages = views(titles, fonts, size)
    assert len(pages) == (1 if count <= 4 else 2), "up to four proposals a screen, the rest on parts"
    decoded: list[str] = []
    for view in pages:
        drawn = layout(view, size, fonts)
        check(drawn, fonts)  # every string fits its box, nothing overlaps, all on screen
        codes = [b for b in drawn.boxes if b.kind == "qr"]
        assert len(codes) == min(4, count - 4 * view.part)
        found = qr_codes(render(view, size))
        assert sorted(found) == sorted(b.payload for b in codes)
        decoded += found
    assert sorted(decoded) == sorted(FORM.replace("{title}", quote(t, safe="")) for t in titles)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_single_proposal_is_no_vote(fonts: Fonts, size: tuple[int, int]) -> None:
    board = boards.at(14, 30, contest(("Alone",)))
    assert board.contested == ()
    drawn = layout(boards.view(board, "vote", config=CONFIG), size, fonts)
    check(drawn, fonts)
    assert "No votes open right now" in [line for b in drawn.boxes for line in b.lines]
    assert not any(b.kind == "qr" for b in drawn.boxes)


def counted_view(
    titles: tuple[str, ...], results: bytes, now: datetime, fetched: datetime | None = None
) -> boards.View:
    """The vote page as ``compose`` makes it at ``now`` from results fetched at ``fetched``."""
    fetched = fetched or now
    side = Polled(reading=Document(results), fetched_at=fetched)
    latest = Latest(reading=Reading("json", contest(titles)), fetched_at=fetched, sides=(("votes", side),))
    order = ("now", "today", "propose", "vote")
    config = replace(CONFIG, pages=replace(CONFIG.pages, order=order))
    state = replace(carousel.begin(order, 0.0), index=3)
    return compose(config, latest, now, state, ())  # type: ignore[return-value]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_leader_is_marked_in_words_and_the_tally_shown(fonts: Fonts, size: tuple[int, int]) -> None:
    at = datetime(2026, 12, 5, 14, 30, tzinfo=boards.TZ)
    results = csv("Which session?", "Topic 2", "Topic 2", "Topic 1").encode()
    drawn = layout(counted_view(("Topic 1", "Topic 2", "Topic 3"), results, at), size, fonts)
    check(drawn, fonts)
    lines = [line for b in drawn.boxes for line in b.lines]
    assert "2 votes · leading" in lines and "1 vote" in lines and "0 votes" in lines
    assert "Votes as counted at 14:30" in lines


def test_a_stale_tally_says_so_in_the_warning_colour(fonts: Fonts) -> None:
    at = datetime(2026, 12, 5, 14, 30, tzinfo=boards.TZ)
    results = csv("Which session?", "Topic 1", "Topic 2").encode()
    view = counted_view(("Topic 1", "Topic 2"), results, at, fetched=at - timedelta(minutes=40))
    drawn = layout(view, (1920, 1080), fonts)
    note = next(b for b in drawn.boxes if b.lines and b.lines[0].startswith("Votes as counted"))
    assert note.lines[0] == "Votes as counted at 13:50 — not updated since"
    assert note.colour == CONFIG.theme.warning
    assert "1 vote · tied for the lead" in [line for b in drawn.boxes for line in b.lines]


def test_without_results_the_page_still_has_the_codes(fonts: Fonts) -> None:
    drawn = layout(views(("Topic 1", "Topic 2"), fonts, (1920, 1080))[0], (1920, 1080), fonts)
    lines = [line for b in drawn.boxes for line in b.lines]
    assert "Vote with your phone; the count is not shown here" in lines
    assert not any(re.match(r"\d+ votes?\b", line) for line in lines)
    assert sum(b.kind == "qr" for b in drawn.boxes) == 2


def test_today_sends_people_to_their_phones_only_with_a_vote_form(fonts: Fonts) -> None:
    board = boards.at(14, 30, contest(("Topic 1", "Topic 2")))
    with_form = [
        line
        for b in layout(boards.view(board, "today", config=CONFIG), (1920, 1080), fonts).boxes
        for line in b.lines
    ]
    without = [
        line for b in layout(boards.view(board, "today"), (1920, 1080), fonts).boxes for line in b.lines
    ]
    assert "2 proposals — vote with your phone" in with_form
    assert "2 proposals — vote at the board" in without


# --- end to end -----------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ScheduleServer]:
    with ScheduleServer() as running:
        yield running


SCHEDULE = json.dumps(
    {
        "sessions": [
            {"title": "Typing at scale", "start": "14:00", "end": "15:00"},
            {"title": "Rust for Pythonistas", "start": "15:00", "end": "15:30", "status": "proposed"},
            {"title": "Async pitfalls", "start": "15:00", "end": "15:30", "status": "proposed"},
            {
                "title": "Tomorrow A",
                "start": "2026-12-06T10:00",
                "end": "2026-12-06T10:30",
                "status": "proposed",
            },
            {
                "title": "Tomorrow B",
                "start": "2026-12-06T10:00",
                "end": "2026-12-06T10:30",
                "status": "proposed",
            },
            {"title": "Alone", "start": "16:00", "end": "16:30", "status": "proposed"},
        ]
    }
).encode()
RESULTS = csv(
    "Timestamp,Which session?", "1,Rust for Pythonistas", "2,async pitfalls", "3,Rust for pythonistas"
)


def kiosk_toml(tmp_path: Path, server: ScheduleServer) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": server.url("/schedule.json")},
        vote={"url": FORM, "results": server.url("/results.csv")},
        pages={"order": ["now", "today", "propose", "vote"]},
    )


def test_the_tally_follows_the_sheet_and_survives_it_breaking_mid_day(
    tmp_path: Path, server: ScheduleServer
) -> None:
    server.routes["/schedule.json"] = reply(200, SCHEDULE)
    server.routes["/results.csv"] = reply(200, RESULTS.encode(), {"Content-Type": "text/csv"})
    config = load(kiosk_toml(tmp_path, server))
    clock = Clocks(datetime(2026, 12, 5, 14, 30, tzinfo=config.tz))
    sources = make_sources(config, clock)
    state = replace(carousel.begin(config.pages.order, 0.0), index=3)

    def shown() -> dict[str, int]:
        sources.schedule.poll_once()
        for feed in sources.sides.values():
            feed.poll_once()
        view = compose(config, sources.latest(), clock.now, state, ())
        assert view.votes is not None  # type: ignore[union-attr]
        return dict(view.votes.tally.counts)  # type: ignore[union-attr]

    assert shown() == {"Rust for Pythonistas": 2, "Async pitfalls": 1}
    server.routes["/results.csv"] = reply(
        200, (RESULTS + "4,Async pitfalls\r\n5,Async Pitfalls\r\n").encode()
    )
    clock.advance(60)
    assert shown() == {"Rust for Pythonistas": 2, "Async pitfalls": 3}
    # The sheet breaks (unpublished: a login page; then the server fails): the last tally stays.
    for broken in (reply(200, b"<!DOCTYPE html><html>Sign in</html>"), reply(502, b"")):
        server.routes["/results.csv"] = broken
        clock.advance(60)
        assert shown() == {"Rust for Pythonistas": 2, "Async pitfalls": 3}
    clock.advance(900)
    view = compose(config, sources.latest(), clock.now, state, ())
    assert view.votes is not None and view.votes.stale  # type: ignore[union-attr]


def test_check_reports_every_competing_proposal_whatever_its_day(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/schedule.json"] = reply(200, SCHEDULE)
    server.routes["/results.csv"] = reply(200, (RESULTS + "4,Tomorrow B\r\n5,Alone\r\n").encode())
    path = kiosk_toml(tmp_path, server)
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert data["votes"] == {"Rust for Pythonistas": 2, "Async pitfalls": 1, "Tomorrow A": 0, "Tomorrow B": 1}
    assert data["problems"] == [
        {"where": "[vote] results row 6", "message": "the answer names no competing proposal (not counted)"}
    ]
    cli.main(["check", "--config", str(path)])
    out = capsys.readouterr().out
    assert 'Votes (5 responses; answer column "Which session?" found by its header):' in out
    assert "Sun 10:00  Tomorrow B: 1" in out
    server.routes["/results.csv"] = reply(404, b"")
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert data["votes"] == {} and data["problems"][0]["where"] == "[vote] results"


def test_the_rotation_passes_over_the_vote_page_with_nothing_to_vote_on() -> None:
    from kiosk.shell.scene import empty_pages

    at = datetime(2026, 12, 5, 14, 30, tzinfo=boards.TZ)
    contested = Latest(reading=Reading("json", contest(("Topic 1", "Topic 2"))), fetched_at=at)
    alone = Latest(reading=Reading("json", contest(("Topic 1",))), fetched_at=at)
    assert "vote" not in empty_pages(CONFIG, contested, at)
    assert "vote" in empty_pages(CONFIG, alone, at)
    assert "vote" in empty_pages(replace(CONFIG, vote=VoteConfig()), contested, at), (
        "no form: nothing to scan"
    )
    assert "vote" in empty_pages(CONFIG, contested, at.replace(hour=15, minute=30)), "the slot has passed"
