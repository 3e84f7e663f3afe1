"""The side-source registry: each side's name is its reader's, and check reports every side in the same
order as they are read."""

from __future__ import annotations

from kiosk.fetch.sides import SIDES
from kiosk.report.sides import REPORTS
from kiosk.sides import alert, ideas, votes
from kiosk.sides.updates import feeds


def test_each_side_is_named_as_its_reader_names_it() -> None:
    assert [side.name for side in SIDES] == [votes.SIDE, ideas.SIDE, alert.SIDE, feeds.SIDE]


def test_check_reports_every_side_in_the_order_they_are_read() -> None:
    assert [name for name, _ in REPORTS] == [side.name for side in SIDES]
