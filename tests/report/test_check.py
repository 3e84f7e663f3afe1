"""``check`` as a value: both forms from one report, every problem once, in the order they are found."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import boards

from kiosk.core.model import Problem, Reading
from kiosk.report.check import CheckReport
from kiosk.report.sides import SideReport


def reading() -> Reading:
    return Reading("json", boards.demo_schedule(), problems=(Problem("row 3", "no title"),))


def test_an_unreadable_schedule_has_every_key_a_readable_one_has() -> None:
    unreadable = CheckReport(
        "https://example.org/s.csv", failed=(("https://example.org/s.csv", "404 Not Found"),)
    )
    readable = CheckReport("demo.json", reading())
    assert not unreadable.readable and readable.readable
    assert list(unreadable.to_dict()) == list(readable.to_dict())
    assert unreadable.to_dict()["format"] is None
    assert unreadable.to_dict()["problems"] == [
        {"where": "https://example.org/s.csv", "message": "404 Not Found"}
    ]
    assert unreadable.to_text() == "Cannot read the schedule at https://example.org/s.csv:\n  404 Not Found"


def test_problems_come_from_the_rows_then_each_part_in_order() -> None:
    sides = SideReport(
        fields={"alert": None}, lines=["", "No alert."], problems=[Problem("[alert] url", "404")]
    )
    glyphs = SideReport(problems=[Problem("title", "no font for ☃")])
    report = CheckReport("demo.json", reading(), parts=(sides, glyphs))
    assert [p.where for p in report.problems] == ["row 3", "[alert] url", "title"]
    data = json.loads(report.to_json())
    assert [p["where"] for p in data["problems"]] == ["row 3", "[alert] url", "title"]
    assert data["alert"] is None and len(data["sessions"]) == 11
    text = report.to_text()
    assert "Read as json: 11 sessions." in text and "\nNo alert.\n" in text
    assert text.endswith(
        "3 problems (a row with one is not shown, unless it says so):\n"
        "  row 3: no title\n  [alert] url: 404\n  title: no font for ☃"
    )


def test_a_clean_schedule_says_so() -> None:
    clean = CheckReport("demo.json", Reading("json", boards.demo_schedule()))
    assert clean.problems == [] and clean.to_text().endswith("\nNo problems found.")


def test_each_source_that_cannot_be_read_is_said_when_none_can() -> None:
    report = CheckReport("a.csv\nb.csv", failed=(("a.csv", "no such file"), ("b.csv", "empty")))
    assert report.to_text() == (
        "Cannot read the schedule at a.csv:\n  no such file\nCannot read the schedule at b.csv:\n  empty"
    )
    assert [p["where"] for p in report.to_dict()["problems"]] == ["a.csv", "b.csv"]


def test_check_json_is_one_json_object_on_stdout_in_a_fresh_process() -> None:
    """Nothing check imports may greet on stdout (pygame does, unless told not to)."""
    env = {key: value for key, value in os.environ.items() if key != "PYGAME_HIDE_SUPPORT_PROMPT"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "json"
