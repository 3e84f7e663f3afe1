"""The side-source registry: each side's name is its reader's, and check reports every side in the same
order as they are read."""

from __future__ import annotations

from pathlib import Path

from configs import kiosk_config

from kiosk.fetch.sides import SIDES, asked
from kiosk.report.sides import REPORTS
from kiosk.sides import alert, ideas, votes
from kiosk.sides.updates import feeds


def test_each_side_is_named_as_its_reader_names_it() -> None:
    assert [side.name for side in SIDES] == [votes.SIDE, ideas.SIDE, alert.SIDE, feeds.SIDE]


def test_check_reports_every_side_in_the_order_they_are_read() -> None:
    assert [name for name, _ in REPORTS] == [side.name for side in SIDES]


def test_a_side_is_asked_for_when_its_table_names_a_source(tmp_path: Path) -> None:
    source = {"url": "schedule.json"}
    assert asked(kiosk_config(tmp_path, source=source)) == frozenset()
    both = kiosk_config(tmp_path, source=source, vote={"results": "votes.csv"}, alert={"url": "alert.txt"})
    assert asked(both) == {votes.SIDE, alert.SIDE}
