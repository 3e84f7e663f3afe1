"""Ideas from the proposal form's responses: moderation, newest first, merged with the schedule's,
end to end against a sheet served on 127.0.0.1 that breaks mid-day, and ``check``.

One file for ideas from end to end: ``kiosk.sides.ideas`` reads and moderates, the propose page shows
them, ``check`` lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import configs
import pytest
from doubles import Clocks
from schedule_server import ScheduleServer, reply

from kiosk import cli
from kiosk.board import carousel
from kiosk.config import ConfigError, load
from kiosk.fetch.source import make_sources
from kiosk.layout import layout
from kiosk.render.fonts import Fonts
from kiosk.shell.scene import compose
from kiosk.sides.ideas import merged, read_ideas

SHEET = (
    "Timestamp,What topic would you like to see?,Your name (optional),Show\r\n"
    "5/12/2026 10:01:00,Packaging pain,Ana,TRUE\r\n"
    "5/12/2026 10:02:00,Spam from a stranger,,FALSE\r\n"
    "5/12/2026 10:03:00,Mentoring juniors,,yes\r\n"
    "5/12/2026 10:04:00,Not looked at yet,Bo,\r\n"
    "5/12/2026 10:05:00,\x1b[31mType hints\x07 in tests,Chen,✓\r\n"
)


def test_only_approved_rows_are_shown_newest_first() -> None:
    found = read_ideas(SHEET, "approve")
    assert found.ideas == (
        ("[31mType hints in tests", "Chen"),
        ("Mentoring juniors", ""),
        ("Packaging pain", "Ana"),
    )
    assert found.rows == 5 and found.held == 2
    assert found.topic == "What topic would you like to see?" and found.approval == "Show"
    assert found.problems == ()


def test_moderation_all_shows_every_row() -> None:
    found = read_ideas(SHEET, "all")
    assert [topic for topic, _ in found.ideas][:2] == ["[31mType hints in tests", "Not looked at yet"]
    assert len(found.ideas) == 5 and found.held == 0


def test_without_an_approval_column_nothing_is_shown_and_check_says_how_to_add_it() -> None:
    sheet = "Timestamp,Idea,Name\r\n1,Anything at all,Someone\r\n"
    found = read_ideas(sheet, "approve")
    assert found.ideas == () and found.held == 1
    assert 'add a column "Show"' in found.problems[0].message
    assert read_ideas(sheet, "all").ideas == (("Anything at all", "Someone"),)


def test_a_sheet_without_a_topic_column_is_a_problem() -> None:
    found = read_ideas("Timestamp,Email,Show\r\n1,a@b,yes\r\n", "approve")
    assert found.ideas == () and "topic" in found.problems[0].message


QUESTIONS = (
    "OK to share your email?",
    "Accept the code of conduct?",
    "Show my name on the screen?",
    "Publish my name",
    "Visible to others?",
    "Approve the photo policy?",
    "Show?",
)


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_question_strangers_answer_never_approves_an_idea(question: str) -> None:
    """The organiser's Show on the right decides, whatever the form asked on the left."""
    sheet = (
        f'Timestamp,Topic,Your name,"{question}",Email,Show\r\n'
        "5/12/2026 10:01:00,Said yes to the question,Mallory,Yes,m@example.org,\r\n"
        "5/12/2026 10:02:00,Ticked by the organiser,Ana,No,a@example.org,yes\r\n"
        "5/12/2026 10:03:00,Turned down,Eve,Yes,e@example.org,no\r\n"
    )
    found = read_ideas(sheet, "approve")
    # Asked whether her name may be shown, Ana said no: the idea is shown without it.
    consent = question in ("Show my name on the screen?", "Publish my name")
    assert found.ideas == (("Ticked by the organiser", "" if consent else "Ana"),)
    assert found.approval == "Show" and found.passed_over == ()
    assert (found.waiting, found.refused) == (1, 1)


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_name_is_shown_only_where_its_author_said_yes_to_showing_it(where: str) -> None:
    columns = ["Topic", "Publish my name", "Your name", "Show"]
    if where == "after":
        columns = ["Topic", "Your name", "Publish my name", "Show"]
    rows = [
        {"Topic": "Said yes", "Publish my name": "Yes", "Your name": "Ana", "Show": "yes"},
        {"Topic": "Said no", "Publish my name": "No", "Your name": "Bo", "Show": "yes"},
        {"Topic": "Said nothing", "Publish my name": "", "Your name": "Chen", "Show": "yes"},
    ]
    sheet = "\r\n".join([",".join(columns), *(",".join(row[c] for c in columns) for row in rows)])
    assert read_ideas(sheet, "approve").ideas == (("Said nothing", ""), ("Said no", ""), ("Said yes", "Ana"))


def test_of_several_approval_columns_the_last_is_taken_and_named() -> None:
    sheet = "Idea,Approved,Show\r\nFirst,yes,\r\nSecond,,yes\r\n"
    found = read_ideas(sheet, "approve")
    assert found.ideas == (("Second", ""),)
    assert found.approval == "Show" and found.passed_over == ("Approved",)
    assert read_ideas("Idea, APPROVE ,x\r\nOnly,Yes,\r\n", "approve").ideas == (("Only", ""),)


def test_the_approval_column_can_be_named_in_the_config() -> None:
    sheet = "Idea,Show,Moderator OK\r\nShown by Show alone,yes,\r\nMarked by the moderator,,yes\r\n"
    found = read_ideas(sheet, "approve", "moderator  ok")
    assert found.ideas == (("Marked by the moderator", ""),) and found.approval == "Moderator OK"
    missing = read_ideas(sheet, "approve", "Publish")
    assert (
        missing.ideas == ()
        and 'no column "Publish" (the [ideas] approval_column)' in missing.problems[0].message
    )


def test_the_form_and_the_schedule_are_merged_without_duplicates() -> None:
    form = (("Mentoring juniors", "Ana"), ("Type hints", ""))
    assert merged(form, ("mentoring  JUNIORS", "Docs sprint")) == (
        "Mentoring juniors — Ana",
        "Type hints",
        "Docs sprint",
    )


# --- end to end -------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ScheduleServer]:
    with ScheduleServer() as running:
        yield running


SCHEDULE = json.dumps(
    {
        "sessions": [{"title": "Typing", "start": "10:00", "end": "10:30"}],
        "ideas": ["Docs sprint", "Packaging pain"],
    }
).encode()


def kiosk_toml(tmp_path: Path, server: ScheduleServer, moderation: str = "approve", **ideas: str) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": server.url("/schedule.json")},
        propose={"url": "https://forms.example.org/propose"},
        ideas={"url": server.url("/ideas.csv"), "moderation": moderation, **ideas},
    )


def test_approved_ideas_reach_the_propose_page_and_survive_the_sheet_breaking(
    tmp_path: Path, server: ScheduleServer
) -> None:
    server.routes["/schedule.json"] = reply(200, SCHEDULE)
    server.routes["/ideas.csv"] = reply(200, SHEET.encode(), {"Content-Type": "text/csv"})
    config = load(kiosk_toml(tmp_path, server))
    clock = Clocks(datetime(2026, 12, 5, 10, 10, tzinfo=config.tz))
    sources = make_sources(config, clock)
    state = replace(carousel.begin(("now", "today", "propose"), 0.0), index=2)

    def shown() -> tuple[str, ...]:
        sources.schedule.poll_once()
        for feed in sources.sides.values():
            feed.poll_once()
        return compose(config, sources.latest(), clock.now, state, ()).board.ideas  # type: ignore[union-attr]

    first = ("[31mType hints in tests — Chen", "Mentoring juniors", "Packaging pain — Ana", "Docs sprint")
    assert shown() == first
    # The facilitator ticks "Show" on Bo's row: it appears on the next poll.
    server.routes["/ideas.csv"] = reply(200, SHEET.replace("Bo,\r\n", "Bo,yes\r\n").encode())
    clock.advance(60)
    assert shown()[:2] == ("[31mType hints in tests — Chen", "Not looked at yet — Bo")
    # The sheet breaks mid-day: an error page, then a login page; the last good ideas stay up.
    for broken in (reply(500, b""), reply(200, b"<!DOCTYPE html><html>Sign in</html>")):
        server.routes["/ideas.csv"] = broken
        clock.advance(60)
        assert shown()[:2] == ("[31mType hints in tests — Chen", "Not looked at yet — Bo")
    view = compose(config, sources.latest(), clock.now, state, ())
    fonts = Fonts.load()
    lines = [line for box in layout(view, (1920, 1080), fonts).boxes for line in box.lines]  # type: ignore[arg-type]
    assert "• [31mType hints in tests — Chen" in lines
    assert not any("Spam from a stranger" in line for line in lines)


def test_check_lists_the_ideas_and_how_to_approve_them(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/schedule.json"] = reply(200, SCHEDULE)
    server.routes["/ideas.csv"] = reply(200, SHEET.encode())
    path = kiosk_toml(tmp_path, server)
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["ideas"] == [
        "[31mType hints in tests — Chen",
        "Mentoring juniors",
        "Packaging pain — Ana",
        "Docs sprint",
    ]
    cli.main(["check", "--config", str(path)])
    out = capsys.readouterr().out
    assert (
        'topic column "What topic would you like to see?", approval column "Show"; 3 shown; '
        "1 waiting for approval; 1 not approved" in out
    )
    server.routes["/ideas.csv"] = reply(200, b"Timestamp,Idea\r\n1,Unmoderated\r\n")
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_PROBLEMS
    data = json.loads(capsys.readouterr().out)
    assert data["ideas"] == ["Docs sprint", "Packaging pain"]
    assert data["problems"][0]["where"] == "[ideas] url header"
    assert 'add a column "Show"' in data["problems"][0]["message"]


def test_check_names_the_approval_column_it_took_and_shows_only_the_approved_row(
    tmp_path: Path, server: ScheduleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/schedule.json"] = reply(200, SCHEDULE)
    sheet = (
        "Timestamp,Topic,Your name,OK to share your email?,Email,Approved,Show\r\n"
        "5/12/2026 10:01:00,Said yes to the question,Mallory,Yes,m@example.org,yes,\r\n"
        "5/12/2026 10:02:00,Ticked by the organiser,Ana,No,a@example.org,,TRUE\r\n"
        "5/12/2026 10:03:00,Turned down,Eve,Yes,e@example.org,,no\r\n"
    )
    server.routes["/ideas.csv"] = reply(200, sheet.encode())
    path = kiosk_toml(tmp_path, server)
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["ideas"] == ["Ticked by the organiser — Ana", "Docs sprint", "Packaging pain"]
    assert data["ideas_approval"] == {
        "column": "Show",
        "passed_over": ["Approved"],
        "waiting": 1,
        "not_approved": 1,
    }
    cli.main(["check", "--config", str(path)])
    out = capsys.readouterr().out
    assert 'approval column "Show" (the last of the columns that could be it; not "Approved")' in out
    assert "1 shown; 1 waiting for approval; 1 not approved" in out


def test_an_approval_column_that_is_a_question_is_a_config_error(
    tmp_path: Path, server: ScheduleServer
) -> None:
    path = kiosk_toml(tmp_path, server, approval_column="OK to show? ")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert "[ideas] approval_column" in str(caught.value) and "a question the form asks" in str(caught.value)
