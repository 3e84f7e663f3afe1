"""The README cannot drift from the program: every config key and command-line option is in it."""

import argparse
import re
from pathlib import Path

import pytest

from kiosk import cli, config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_first_lines_are_the_two_newcomer_commands() -> None:
    block = README.split("```")[1]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("sh")]
    assert len(commands) == 2
    assert "pip install -e ." in commands[0] and "open-spaces-kiosk" in commands[0]
    assert "pip install -e '.[test]'" in commands[1] and "python -m pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest" in ci


@pytest.mark.parametrize(("table", "key"), [(t, k) for t, keys in config.KEYS.items() for k in keys])
def test_every_config_key_is_documented(table: str, key: str) -> None:
    rows = [line for line in README.splitlines() if line.startswith("|") and f"[{table}]" in line]
    assert any(re.search(rf"`{key}`|\] {key}`", row) for row in rows), f"[{table}] {key} is not in the README"


def options(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [(name, option) for _, option in options(sub)]
        else:
            found += [("", o) for o in action.option_strings if o.startswith("--") and o != "--help"]
    return found


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_has_a_usage_line(command: str) -> None:
    assert re.search(rf"^open-spaces-kiosk \[?{command}\]? ", README, re.MULTILINE), (
        f"{command} is not in the README"
    )


@pytest.mark.parametrize(("command", "option"), options(cli.parser()))
def test_every_command_line_option_is_documented(command: str, option: str) -> None:
    usage = [
        line
        for line in README.splitlines()
        if re.match(rf"open-spaces-kiosk \[?{command}\]? ", line) or (not command and "--version" in line)
    ]
    assert usage and any(option in line for line in usage), f"{command} {option} is not in the README"
