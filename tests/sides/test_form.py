"""A form's responses as CSV: the header, each response numbered as the sheet shows it."""

from __future__ import annotations

from kiosk.sides.form import responses


def test_rows_are_numbered_as_the_sheet_shows_them_and_blank_rows_are_no_response() -> None:
    sheet = responses("\ufeffTimestamp,Topic\r\n1,Packaging\r\n,\r\n\r\n2,Typing\r\n")
    assert sheet is not None
    assert sheet.header == ["Timestamp", "Topic"]
    assert sheet.rows == [(2, ["1", "Packaging"]), (5, ["2", "Typing"])]


def test_an_empty_sheet_has_no_header() -> None:
    assert responses("") is None
    assert responses("\ufeff\r\n , \r\n") is None


def test_a_header_alone_is_a_sheet_without_responses() -> None:
    sheet = responses("Timestamp,Which session?\n")
    assert sheet is not None and sheet.rows == []
