from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED, Problem, Schedule, UnreadableError
from kiosk.formats import ReadOptions, csv_sheet

BERLIN = ZoneInfo("Europe/Berlin")
OPTIONS = ReadOptions(timezone=BERLIN, date=date(2026, 12, 5))


def at(hour: int, minute: int, day: int = 5, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def read(text: str, options: ReadOptions = OPTIONS) -> tuple[Schedule, list[Problem]]:
    return csv_sheet.read(text.encode(), options)


def spans(schedule: Schedule) -> list[tuple[str, datetime, datetime]]:
    return [(session.title, session.start, session.end) for session in schedule.sessions]


GOOGLE_SHEETS = (
    "Open Spaces — Room H-103,,,,\r\n"
    "Add your topic in an empty slot!,,,,\r\n"
    "Time,Topic,Facilitator,Notes,\r\n"
    "10:00 - 10:30,Opening circle,The facilitators,,\r\n"
    "10:30 – 11:00,,,,\r\n"
    ",,,,\r\n"
    '11:00-11:30,Type hints,Priya,"Bring code,\nplease",\r\n'
)
EXCEL_SEMICOLONS = (
    "\ufeffDate;Start Time (CET);End Time (CET);Session Title;Speaker(s);Status\r\n"
    "05.12.2026;10:00:00;10:30:00;Packaging;Arjun;Confirmed\r\n"
    "06.12.2026;14:00:00;14:30:00;Rust with PyO3;Lena;tentative\r\n"
)
LIBREOFFICE_TABS = "title\thost\tstart\tend\textra\nDuckDB\tRahul\t2:30 PM\t3:00 PM\tx\n"
ONE_CELL = (
    "Subject,Begins,Ends,Convener\n"
    "Teaching kids,2026-12-05 13:00,2026-12-05 13:30,Kavya\n"
    "Docs,Dec 6, 2026 9:00 AM,Dec 6, 2026 9:30 AM,Noor\n"
    '"Meetups","Saturday 5 December 2026 14:00","14:30",Ankit\n'
    "Offset,2026-12-05T09:00Z,2026-12-05T09:30Z,UTC\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOGLE_SHEETS,
            [("Opening circle", at(10, 0), at(10, 30)), ("Type hints", at(11, 0), at(11, 30))],
        ),
        (
            EXCEL_SEMICOLONS,
            [("Packaging", at(10, 0), at(10, 30)), ("Rust with PyO3", at(14, 0, 6), at(14, 30, 6))],
        ),
        (LIBREOFFICE_TABS, [("DuckDB", at(14, 30), at(15, 0))]),
        (
            ONE_CELL.replace("Dec 6, 2026", "Dec 6 2026"),
            [
                ("Teaching kids", at(13, 0), at(13, 30)),
                ("Docs", at(9, 0, 6), at(9, 30, 6)),
                ("Meetups", at(14, 0), at(14, 30)),
                ("Offset", at(10, 0), at(10, 30)),
            ],
        ),
    ],
    ids=["google-sheets", "excel-semicolons", "libreoffice-tabs", "date-and-time-in-one-cell"],
)
def test_spreadsheet_exports(text: str, expected: list[tuple[str, datetime, datetime]]) -> None:
    schedule, problems = read(text)
    assert problems == []
    assert spans(schedule) == expected
    assert all(session.start.tzinfo is BERLIN for session in schedule.sessions)


def test_google_sheets_cells_keep_their_text() -> None:
    schedule, _ = read(GOOGLE_SHEETS)
    assert schedule.sessions[0].host == "The facilitators"
    assert schedule.sessions[1].description == "Bring code,\nplease"


def test_excel_status_words() -> None:
    schedule, _ = read(EXCEL_SEMICOLONS)
    assert [session.status for session in schedule.sessions] == [SCHEDULED, PROPOSED]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("05/12/2026", date(2026, 12, 5)),
        ("12/25/2026", date(2026, 12, 25)),
        ("5.12.2026", date(2026, 12, 5)),
        ("5/12/26", date(2026, 12, 5)),
        ("5 Dec 2026", date(2026, 12, 5)),
        ('"Dec 5, 2026"', date(2026, 12, 5)),
        ("Saturday 5 December 2026", date(2026, 12, 5)),
        ('"Sat, December 5th"', date(2026, 12, 5)),
        ("2026-12-06 00:00:00", date(2026, 12, 6)),
        ("", date(2026, 12, 5)),
    ],
)
def test_date_spellings(cell: str, expected: date) -> None:
    schedule, problems = read(f"Day,Start,End,Title\n{cell},10:00,10:30,Packaging\n")
    assert problems == []
    assert schedule.sessions[0].start == datetime.combine(expected, at(10, 0).timetz())


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("10:00", "10:30", (at(10, 0), at(10, 30))),
        ("10:00:00", "10:30:00", (at(10, 0), at(10, 30))),
        ("9:05", "9:35", (at(9, 5), at(9, 35))),
        ("10.30", "11.00", (at(10, 30), at(11, 0))),
        ("12:30 PM", "1:00 PM", (at(12, 30), at(13, 0))),
        ("12:00 am", "12:30 a.m.", (at(0, 0), at(0, 30))),
        ("10:00:00 AM", "10:30:00 AM", (at(10, 0), at(10, 30))),
    ],
)
def test_time_spellings(start: str, end: str, expected: tuple[datetime, datetime]) -> None:
    schedule, problems = read(f"Title,From,Until\nPackaging,{start},{end}\n")
    assert problems == []
    assert (schedule.sessions[0].start, schedule.sessions[0].end) == expected


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Topic,Time,Minutes", "Packaging,10:00,45", (at(10, 0), at(10, 45))),
        ("Topic,Time,Duration", "Packaging,10:00,1:30", (at(10, 0), at(11, 30))),
        ("Topic,Slot", "Packaging,2 pm to 3 pm", (at(14, 0), at(15, 0))),
        ("Topic,Time,End", "Packaging,10:00-10:30,11:00", (at(10, 0), at(11, 0))),
    ],
)
def test_end_from_a_duration_or_a_range(header: str, row: str, expected: tuple[datetime, datetime]) -> None:
    schedule, problems = read(f"{header}\n{row}\n")
    assert problems == []
    assert (schedule.sessions[0].start, schedule.sessions[0].end) == expected


@pytest.mark.parametrize(
    "header",
    [
        "title,host,start,end",
        "  SESSION TITLE ,Hosted by,START,END",
        "Topic,Speaker(s),Start Time (IST),End time",
        "Subject,Presenter,begins,finish",
        "Session,Convener,Time,To",
        "Session Name,Facilitated-by,From,Until",
    ],
)
def test_column_names_are_matched_loosely(header: str) -> None:
    schedule, problems = read(f"{header}\nPackaging,Arjun,10:00,10:30\n")
    assert problems == []
    assert [(s.title, s.host, s.start, s.end) for s in schedule.sessions] == [
        ("Packaging", "Arjun", at(10, 0), at(10, 30))
    ]


def test_a_name_column_is_the_title_unless_another_column_is() -> None:
    alone, _ = read("Name,Start,End\nPackaging,10:00,10:30\n")
    beside, _ = read("Topic,Name,Start,End\nPackaging,Arjun,10:00,10:30\n")
    assert (alone.sessions[0].title, alone.sessions[0].host) == ("Packaging", "")
    assert (beside.sessions[0].title, beside.sessions[0].host) == ("Packaging", "Arjun")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", SCHEDULED),
        ("Confirmed", SCHEDULED),
        ("proposed", PROPOSED),
        ("Tentative", PROPOSED),
        ("Canceled", CANCELLED),
        ("CANCELLED", CANCELLED),
    ],
)
def test_status_words(status: str, expected: str) -> None:
    schedule, _ = read(f"Title,Start,End,State\nPackaging,10:00,10:30,{status}\n")
    assert schedule.sessions[0].status == expected


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Packaging,,10:30,,", "missing start time (use HH:MM, h:mm AM/PM or a date and a time)"),
        ("Packaging,10:00,,,", "missing end time (use HH:MM, h:mm AM/PM or a date and a time)"),
        (
            "Packaging,25:99,10:30,,",
            "start '25:99' is not a time (use HH:MM, h:mm AM/PM or a date and a time)",
        ),
        ("Packaging,10:00,soon,,", "end 'soon' is not a time (use HH:MM, h:mm AM/PM or a date and a time)"),
        ("Packaging,10:30,10:00,,", "end 10:00 is before start 10:30"),
        ("Packaging,10:30,10:30,,", "ends when it starts (10:30)"),
        (
            "Packaging,10:00,10:30,31/02/2026,",
            "date '31/02/2026' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (",10:00,10:30,,,Arjun", "missing title"),
    ],
)
def test_a_bad_row_is_skipped_and_reported_by_its_row_number(row: str, message: str) -> None:
    text = f"Open Spaces\nTitle,Start,End,Date,Status,Host\n{row}\n\nKept,11:00,11:30,,,\n"
    schedule, problems = read(text)
    assert problems == [Problem("row 3", message)]
    assert [session.title for session in schedule.sessions] == ["Kept"]


def test_an_unknown_status_word_keeps_the_row_as_scheduled_and_is_reported() -> None:
    text = "Title,Start,End,Status\nPackaging,10:00,10:30,maybe\nKept,11:00,11:30,abgesagt\n"
    schedule, problems = read(text)
    assert [(s.title, s.status) for s in schedule.sessions] == [("Packaging", SCHEDULED), ("Kept", CANCELLED)]
    assert problems == [
        Problem(
            "row 2",
            "status 'maybe' is not a status word (scheduled, proposed, cancelled, or theirs in the "
            "board's languages); shown as scheduled",
        )
    ]


@pytest.mark.parametrize(
    ("header", "row", "kept", "shown"),
    [
        ("Start,End,Title", "asdf;;qwe,,", "11:00,11:30,Kept", "'asdf;;qwe'"),
        ("Title;Start;End;Room", ";asdf;;qwe,,,", "Kept;11:00;11:30;", "'asdf', 'qwe,,,'"),
        ("Title,Start,End,Notes", ",,,,xx", "Kept,11:00,11:30,", "'xx'"),
    ],
)
def test_a_row_with_nothing_readable_is_a_problem_not_an_open_slot(
    header: str, row: str, kept: str, shown: str
) -> None:
    schedule, problems = read(f"{header}\n{row}\n{kept}\n")
    assert [s.title for s in schedule.sessions] == ["Kept"]
    assert problems == [
        Problem(
            "row 2",
            f"no title, and nothing in the row reads as an open slot ({shown}): give it a title or clear it",
        )
    ]


@pytest.mark.parametrize(
    "row",
    ["10:00,10:30,", "10:00,10:30,-", ",,", "  ,  ,  ", "Lunch break is at 13:00"],
)
def test_open_slots_blank_rows_and_footnotes_are_skipped_quietly(row: str) -> None:
    schedule, problems = read(f"Start,End,Title\n{row}\n10:00,10:30,Kept\n")
    assert problems == []
    assert [session.title for session in schedule.sessions] == ["Kept"]


def test_room_filter() -> None:
    text = "Title,Start,End,Room\nHere,10:00,10:30,H-103\nThere,10:00,10:30,Hall A\nAnywhere,11:00,11:30,\n"
    schedule, problems = read(text, ReadOptions(timezone=BERLIN, date=date(2026, 12, 5), room="h-103"))
    assert problems == []
    assert [session.title for session in schedule.sessions] == ["Here", "Anywhere"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Just some notes\nabout the day\n", "no"),
        (b"a,b,c\n1,2,3\n", "first line: 'a,b,c'"),
        (b"<html><head><title>Sign in</title></head></html>", "login page"),
        (b"\xff\xfeT\x00i\x00", "not UTF-8"),
        (b'Title,Start,End\n"' + b"x" * 200_000 + b'",10:00,10:30\n', "CSV"),
    ],
)
def test_text_without_a_schedule_header_is_unreadable(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableError) as raised:
        csv_sheet.read(data, OPTIONS)
    assert words in str(raised.value)
