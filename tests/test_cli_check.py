"""``check`` reads a source as the kiosk does: summary, --json shape and the exit codes."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import configs
import manual
import pytest
from schedule_server import ScheduleServer, answering_once, reply, schedule_json

from kiosk import cli, config

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return configs.kiosk_toml(
        tmp_path,
        event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
        source={"url": ROOT / "config" / "demo-schedule.json"},
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_bundled_demo_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == cli.EXIT_OK
    assert "Read as json: 11 sessions." in out
    assert "Async Python war stories" in out and "No problems found." in out


def test_json_output_has_the_documented_shape(capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    code, out, _ = run(capsys, "check", "--config", str(config_file), "--json")
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert data["format"] == "json" and data["problems"] == []
    first = data["sessions"][0]
    assert {"title", "host", "start", "end", "status"} <= set(first)
    assert datetime.fromisoformat(first["start"]).isoformat() == "2026-12-05T10:00:00+05:30"
    assert [s["status"] for s in data["sessions"]].count("proposed") == 2


def test_problems_exit_1_and_name_their_row(
    capsys: pytest.CaptureFixture[str], config_file: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "\ufeffTopic,Facilitator,Start,End\r\nTesting,Ana,10:00,10:30\r\nBroken,Ben,11:00,10:00\r\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(sheet))
    assert code == cli.EXIT_PROBLEMS
    assert "Read as csv: 1 session." in out
    assert "row 3:" in out and "Testing" in out
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(sheet), "--json")
    data = json.loads(out)
    assert code == cli.EXIT_PROBLEMS and data["problems"][0]["where"] == "row 3"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"<!DOCTYPE html><html><body>Please sign in</body></html>", "login page"),
        (b"\x89PNG\r\n\x1a\n....", "PNG image"),
        (b"", "empty"),
    ],
)
def test_unreadable_files_exit_3_with_what_they_were(
    capsys: pytest.CaptureFixture[str], config_file: Path, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "schedule"
    path.write_bytes(content)
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(path))
    assert code == cli.EXIT_UNREADABLE
    assert fragment in out


def test_a_missing_file_exits_3(
    capsys: pytest.CaptureFixture[str], config_file: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(tmp_path / "absent.csv"))
    assert code == cli.EXIT_UNREADABLE and "absent.csv" in out


def test_a_bad_config_exits_2_naming_the_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = configs.kiosk_toml(tmp_path, source={"url": "x.json", "poll_seconds": "often"})
    code, _, err = run(capsys, "check", "--config", str(path))
    assert code == cli.EXIT_USAGE
    assert "[source] poll_seconds" in err and str(path) in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--colour")[0] == cli.EXIT_USAGE
    assert run(capsys, "snapshot", "--size", "big", "--output", "x.png")[0] == cli.EXIT_USAGE


def test_check_over_http(
    capsys: pytest.CaptureFixture[str], config_file: Path, server: ScheduleServer
) -> None:
    server.routes["/s.json"] = reply(
        200, schedule_json("Typing", "Testing"), {"Content-Type": "application/json"}
    )
    server.routes["/sheet"] = reply(403, b"forbidden")
    code, out, _ = run(capsys, "check", "--config", str(config_file), server.url("/s.json"))
    assert code == cli.EXIT_OK and "2 sessions" in out
    code, out, _ = run(capsys, "check", "--config", str(config_file), server.url("/sheet"), "--json")
    assert code == cli.EXIT_UNREADABLE
    assert "403" in json.loads(out)["problems"][0]["message"]


def test_an_unsupported_scheme_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    code, _, err = run(capsys, "check", "--config", str(config_file), "ftp://example.org/s.csv")
    assert code == cli.EXIT_USAGE and "ftp" in err


def test_json_of_an_unreadable_source_has_every_key_the_manual_promises(
    capsys: pytest.CaptureFixture[str], config_file: Path, tmp_path: Path
) -> None:
    commands = manual.page("reference/commands.md")
    promise = commands[commands.index("`--json` prints one object:") :].split("`")[3]  # {"format", …}
    promised = set(re.findall(r'"(\w+)"', re.sub(r"\[\{[^]]*\}\]", "", promise)))  # the top-level keys
    readable_code, readable, _ = run(capsys, "check", "--config", str(config_file), "--json")
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(tmp_path / "absent.csv"), "--json")
    assert (readable_code, code) == (cli.EXIT_OK, cli.EXIT_UNREADABLE)
    document = json.loads(out)
    assert promised >= {"format", "sessions", "announcements", "ideas", "problems"}
    assert set(document) >= promised and set(document) == set(json.loads(readable))
    assert document["format"] is None and document["sessions"] == []
    assert "absent.csv" in document["problems"][0]["message"]


def test_a_sessionize_export_reads_as_a_person_reads_it(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    source = ROOT / "tests" / "data" / "sessionize-all.json"
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(source))
    assert code == cli.EXIT_PROBLEMS
    assert "Read as sessionize: 5 sessions." in out
    assert "  09:00–09:45  Registration and coffee  [break]" in out
    assert (
        "  10:00–10:45  Typing the untypable: mypy in a legacy code base"
        " — Priya Raman, Arjun Menon  (Main Hall)" in out
    )
    assert "  12:30–13:30  Lunch  (Room H-103 (Open Spaces))  [break]" in out
    assert (
        '  session "801260": "Sprint planning for first-time contributors" is not on the schedule yet' in out
    )


def test_an_indico_timetable_reads_as_a_person_reads_it(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    source = ROOT / "tests" / "data" / "indico-timetable.json"
    code, out, _ = run(capsys, "check", "--config", str(config_file), str(source), "--json")
    assert code == cli.EXIT_PROBLEMS
    data = json.loads(out)
    assert data["format"] == "indico"
    assert [(s["start"][11:16], s["title"], s["kind"]) for s in data["sessions"]][:3] == [
        ("09:30", "Keynote: Python in the lab", "session"),
        ("10:30", "Coffee break", "break"),
        ("11:00", "Packaging pain points", "session"),
    ]
    assert data["problems"] == [
        {
            "where": "timetable 20261205/s3/c2303",
            "message": "\"Async all the things\" its start '2026-12-05 25:00:00' is not a date and time",
        }
    ]


def test_check_says_when_a_pages_table_is_set_but_the_page_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = ROOT / "config" / "demo-schedule.json"
    vote = {"url": "https://example.org/vote?t={title}"}
    path = configs.kiosk_toml(tmp_path, source={"url": demo}, pages={"order": ["now", "today"]}, vote=vote)
    assert cli.main(["check", "--config", str(path)]) == cli.EXIT_OK  # information, not a problem
    out = capsys.readouterr().out
    assert '[pages] order: [vote] url is set, but the "vote" page is not in the rotation' in out
    assert 'order = ["now", "today", "vote"]' in out
    assert cli.main(["check", "--config", str(path), "--json"]) == cli.EXIT_OK
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert [note["where"] for note in notes] == ["[pages] order"] and "vote" in notes[0]["message"]
    configs.kiosk_toml(tmp_path, source={"url": demo}, vote=vote)  # the default order has it
    assert cli.main(["check", "--config", str(path)]) == cli.EXIT_OK
    assert "[pages] order" not in capsys.readouterr().out


def test_check_says_when_a_real_board_keeps_the_demos_proposal_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = ROOT / "config" / "demo-schedule.json"
    form = config.load().propose.url
    path = configs.kiosk_toml(tmp_path, source={"url": demo}, propose={"url": form})
    assert cli.main(["check", "--config", str(path)]) == cli.EXIT_OK
    assert "[propose] url: this is the demo's form" in capsys.readouterr().out
    assert cli.main(["check"]) == cli.EXIT_OK  # the demo itself may use it
    assert "demo's form" not in capsys.readouterr().out


def test_several_sources_are_each_reported_and_one_failing_is_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = b"Topic,Facilitator,Start,End\r\nPackaging circle,Arjun,11:00,11:30\r\n"
    with ScheduleServer() as server:
        server.routes["/schedule.json"] = reply(
            200, (ROOT / "tests" / "data" / "pretalx-schedule.json").read_bytes()
        )
        server.routes["/sheet.csv"] = reply(200, sheet, {"Content-Type": "text/csv"})
        path = configs.kiosk_toml(
            tmp_path,
            event={"timezone": "Asia/Kolkata", "date": "2026-12-05"},
            source=[
                {"url": server.url("/schedule.json"), "room": "Main Hall"},
                {"url": server.url("/sheet.csv")},
                {"url": server.url("/gone.csv")},
            ],
        )
        code, out, _ = run(capsys, "check", "--config", str(path))
        assert code == cli.EXIT_PROBLEMS
        assert "Read as frab+csv: 2 sessions." in out
        assert "  09:30–10:30  Opening keynote — Kavya Iyer  (Main Hall)" in out
        assert "  11:00–11:30  Packaging circle — Arjun" in out
        assert f"  source 2: {server.url('/sheet.csv')}\n    read as csv: 1 session" in out
        assert f"  source 3: cannot read {server.url('/gone.csv')}: HTTP 404 Not Found" in out
        code, out, _ = run(capsys, "check", "--config", str(path), "--json")
        data = json.loads(out)
        assert data["format"] == "frab+csv"
        assert [(s["url"], s["format"], s["sessions"]) for s in data["sources"]] == [
            (server.url("/schedule.json"), "frab", 1),
            (server.url("/sheet.csv"), "csv", 1),
            (server.url("/gone.csv"), None, None),
        ]
        assert data["sources"][2]["error"].startswith("HTTP 404")
        # Given a SOURCE, check reads that one alone.
        code, out, _ = run(capsys, "check", "--config", str(path), server.url("/sheet.csv"))
        assert code == cli.EXIT_OK and "Read as csv: 1 session." in out and "Sources:" not in out
        server.routes["/schedule.json"] = reply(500, b"down")
        server.routes["/sheet.csv"] = reply(403, b"no")
        code, out, _ = run(capsys, "check", "--config", str(path))
        assert code == cli.EXIT_UNREADABLE and out.count("Cannot read the schedule at") == 3


@pytest.mark.parametrize("as_json", [True, False])
def test_a_servers_control_characters_never_reach_checks_output(
    capsys: pytest.CaptureFixture[str], config_file: Path, as_json: bool
) -> None:
    """A reason phrase is outside text: in text and JSON alike it goes through the one clean-up, so
    no C1 control (CSI \\x9b, NEL \\x85) or escape reaches a terminal or a script."""
    with answering_once(b"HTTP/1.1 599 Down\x9b2J\x1b]0;owned\x07 \x85for a while") as url:
        code, out, _ = run(
            capsys, "check", "--config", str(config_file), url, *(["--json"] if as_json else [])
        )
    assert code == cli.EXIT_UNREADABLE
    text = json.loads(out)["problems"][0]["message"] if as_json else out
    assert "HTTP 599 Down2J]0;owned for a while" in text
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    assert "\\x9b" not in out and "\\u009b" not in out  # dropped, not merely escaped


def test_check_shows_the_source_without_its_password_and_query(
    capsys: pytest.CaptureFixture[str], config_file: Path, server: ScheduleServer
) -> None:
    server.routes["/s.json?key=sheet-secret"] = reply(200, schedule_json("Typing"))
    server.routes["/gone?key=sheet-secret"] = reply(404, b"")
    login = server.url("/s.json?key=sheet-secret").replace("://", "://reader:hunter2@")
    code, out, _ = run(capsys, "check", "--config", str(config_file), login)
    assert code == cli.EXIT_OK
    assert out.splitlines()[0] == f"http://reader:…@127.0.0.1:{server.http.server_port}/s.json?…"
    gone = server.url("/gone?key=sheet-secret").replace("://", "://reader:hunter2@")
    for args in ([], ["--json"]):
        code, out, _ = run(capsys, "check", "--config", str(config_file), gone, *args)
        assert code == cli.EXIT_UNREADABLE
        assert "sheet-secret" not in out and "hunter2" not in out and "?…" in out
