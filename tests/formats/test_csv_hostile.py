"""What real sheets do that a reader must read as a person would: dates written day or month first,
24:00 and ranges past midnight, an unclosed quote, headers in the sheet's own words.

The second file of ``kiosk.formats.csv_sheet`` tests (test_csv_sheet.py has the columns and rows).
"""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import Problem
from kiosk.formats import ReadOptions, read_schedule

ZONE = ZoneInfo("Europe/Berlin")


def read(
    text: str, day: date = date(2026, 12, 5), format: str = "csv"
) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    reading = read_schedule(text.encode(), ReadOptions(timezone=ZONE, date=day), format=format)
    rows = [
        (s.title, s.start.isoformat(timespec="minutes"), s.end.isoformat(timespec="minutes"))
        for s in reading.schedule.sessions
    ]
    return rows, list(reading.problems)


def test_one_column_is_read_one_way_month_first_when_a_value_shows_it() -> None:
    rows, problems = read(
        "Title,Date,Start,End\nA,12/4,10:00,10:30\nB,12/5,10:00,10:30\nC,12/13/2026,10:00,10:30\n"
    )
    assert problems == []
    assert [start[:10] for _, start, _ in rows] == ["2026-12-04", "2026-12-05", "2026-12-13"]


def test_one_column_is_read_one_way_day_first_when_a_value_shows_it() -> None:
    rows, _ = read("Title,Date,Start,End\nA,4/12,10:00,10:30\nB,25/12/2026,10:00,10:30\n")
    assert [start[:10] for _, start, _ in rows] == ["2026-12-04", "2026-12-25"]


@pytest.mark.parametrize(
    ("event", "expected"), [(date(2026, 12, 5), "2026-12-05"), (date(2026, 5, 12), "2026-05-12")]
)
def test_a_column_that_could_be_either_is_read_nearest_the_event(event: date, expected: str) -> None:
    rows, problems = read("Title,Date,Start,End\nA,05/12/2026,10:00,10:30\n", day=event)
    assert problems == [] and rows[0][1][:10] == expected


def test_a_column_written_both_ways_is_reported() -> None:
    rows, problems = read("Title,Date,Start,End\nA,13/12/2026,10:00,10:30\nB,12/14/2026,10:00,10:30\n")
    assert [start[:10] for _, start, _ in rows] == ["2026-12-13", "2026-12-14"]
    assert problems == [
        Problem(
            "column 2 (date)",
            "has dates written day first (13/12) and month first (12/14); write them as YYYY-MM-DD",
        )
    ]


def test_dates_inside_start_and_end_cells_are_decided_per_column() -> None:
    rows, _ = read(
        "Title,Start,End\nA,12/4/2026 10:00,12/4/2026 10:30\nB,12/13/2026 10:00,12/13/2026 11:00\n"
    )
    assert [start for _, start, _ in rows] == ["2026-12-04T10:00+01:00", "2026-12-13T10:00+01:00"]


@pytest.mark.parametrize(
    ("cells", "start", "end"),
    [
        ("23:00,24:00", "2026-12-05T23:00+01:00", "2026-12-06T00:00+01:00"),
        ("23:00,00:30", "2026-12-05T23:00+01:00", "2026-12-06T00:30+01:00"),
        ("23:00 - 01:00,", "2026-12-05T23:00+01:00", "2026-12-06T01:00+01:00"),
        ("22:30 – 24:00,", "2026-12-05T22:30+01:00", "2026-12-06T00:00+01:00"),
    ],
)
def test_midnight_and_ranges_past_it(cells: str, start: str, end: str) -> None:
    rows, problems = read(f"Title,Start,End\nLate,{cells}\n")
    assert problems == [] and rows == [("Late", start, end)]


def test_an_end_long_before_the_start_is_still_a_mistake() -> None:
    rows, problems = read("Title,Start,End\nTypo,10:00,09:30\n")
    assert rows == [] and problems == [Problem("row 2", "end 09:30 is before start 10:00")]


def test_native_json_reads_24_00_and_past_midnight_the_same_way() -> None:
    sessions = [
        {"title": "Late", "start": "23:00", "end": "24:00"},
        {"title": "Later", "start": "23:30", "end": "01:00"},
    ]
    rows, problems = read(json.dumps({"sessions": sessions}), format="json")
    assert problems == []
    assert [end for _, _, end in rows] == ["2026-12-06T00:00+01:00", "2026-12-06T01:00+01:00"]


def test_an_unclosed_quote_is_named_where_it_opens_and_the_rows_after_it_are_read() -> None:
    text = (
        'Title,Start,End\nFirst,10:00,10:30\n"Broken title,11:00,11:30\n'
        "Third,12:00,12:30\nFourth,13:00,13:30\n"
    )
    rows, problems = read(text)
    assert [title for title, _, _ in rows] == ["First", "Third", "Fourth"]
    assert len(problems) == 1 and problems[0].where == "row 3"
    assert 'a quote (") opens in this row and is never closed' in problems[0].message


def test_a_quoted_cell_over_several_lines_is_no_problem() -> None:
    rows, problems = read('Title,Start,End,Notes\nFirst,10:00,10:30,"two\nlines"\nSecond,11:00,11:30,\n')
    assert problems == [] and [title for title, _, _ in rows] == ["First", "Second"]


@pytest.mark.parametrize(
    "header",
    [
        "talk_title,speaker_name,start_time,end_time",
        "talkTitle,speakerName,startTime,endTime",
        "Session Title,Speaker Name,Begin Time,Finish Time",
        "TALK-TITLE,SPEAKER,START (IST),END (IST)",
    ],
)
def test_headers_are_matched_by_their_words(header: str) -> None:
    reading = read_schedule(
        f"{header}\nTalk,Ana,10:00,10:30\n".encode(), ReadOptions(timezone=ZONE, date=date(2026, 12, 5))
    )
    assert reading.format == "csv"
    [session] = reading.schedule.sessions
    assert (session.title, session.host, session.minutes) == ("Talk", "Ana", 30)


def test_a_sentence_in_a_header_cell_names_no_column() -> None:
    rows, problems = read("Title,Start,End,Time to go home\nA,10:00,10:30,x\n")
    assert problems == [] and rows == [("A", "2026-12-05T10:00+01:00", "2026-12-05T10:30+01:00")]


def test_a_field_given_twice_in_json_is_reported() -> None:
    text = (
        '{"sessions": [{"title": "Lost", "start": "10:00", "end": "10:30"}],'
        ' "ideas": ["one"],'
        ' "sessions": [{"title": "Kept", "start": "11:00", "end": "11:30"}]}'
    )
    rows, problems = read(text, format="json")
    assert [title for title, _, _ in rows] == ["Kept"]
    assert problems == [
        Problem("sessions", '"sessions" appears 2 times; only the last is read: put everything in one')
    ]


def test_the_same_key_inside_sessions_is_no_field_given_twice() -> None:
    sessions = [
        {"title": "A", "start": "10:00", "end": "10:30"},
        {"title": "B", "start": "11:00", "end": "11:30"},
    ]
    text = json.dumps({"sessions": sessions})
    assert read(text, format="json")[1] == []
