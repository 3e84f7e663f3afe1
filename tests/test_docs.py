"""The manual cannot drift from the program: every config key, command-line option, exit code, CSV
column name, metric and screenshot is in it; the README stays a short page that starts with the two
newcomer commands."""

import argparse
import inspect
import json
import re
import runpy
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from manual import ROOT, page
from prometheus_client.parser import text_string_to_metric_families
from test_architecture import LAYERS

from kiosk import cli, config
from kiosk.core.model import Latest, Reading, Schedule
from kiosk.fetch.backoff import Outcome
from kiosk.fetch.http import Failure
from kiosk.formats import csv_sheet
from kiosk.shell import start
from kiosk.shell.remote import metrics
from kiosk.shell.remote.link import Link
from kiosk.shell.status import Facts

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = page("reference/commands.md")
CONFIGURATION = page("reference/configuration.md")


def test_the_first_lines_are_the_two_newcomer_commands() -> None:
    block = README.split("```")[1]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("sh")]
    assert len(commands) == 2
    assert "pip install -e ." in commands[0] and "open-spaces-kiosk" in commands[0]
    assert "pip install -e '.[test]'" in commands[1] and "python -m pytest" in commands[1]


def test_the_readme_fits_on_two_screens() -> None:
    assert len(README.splitlines()) <= 150


def test_the_readme_links_into_the_manual() -> None:
    linked = set(re.findall(r"\]\(docs/([^)#]+\.md)", README))
    assert {"getting-started.md", "facilitator.md", "reference/configuration.md"} <= linked
    assert all((ROOT / "docs" / name).is_file() for name in linked), linked


def test_ci_runs_the_readme_test_command_and_builds_the_manual() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest" in ci
    assert "pip install -q -e '.[docs]'" in ci and "mkdocs build --strict" in ci


@pytest.mark.parametrize("table", config.KEYS)
def test_every_table_has_its_section_in_the_configuration_reference(table: str) -> None:
    assert f"\n## `[{table}]`\n" in CONFIGURATION, f"[{table}] is not in the configuration reference"


@pytest.mark.parametrize(("table", "key"), [(t, k) for t, keys in config.KEYS.items() for k in keys])
def test_every_config_key_is_documented(table: str, key: str) -> None:
    section = CONFIGURATION.split(f"\n## `[{table}]`\n", 1)[-1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith(f"| `{key}` |")]
    assert len(rows) == 1, f"[{table}] {key} is not in the configuration reference"
    assert rows[0].split(" | ")[-1].strip(" |"), (
        f"[{table}] {key} has no meaning in the configuration reference"
    )


def test_the_configuration_reference_is_the_one_generated_from_the_schema() -> None:
    generated = runpy.run_path(str(ROOT / "scripts" / "config_reference.py"))["page"]()
    assert generated == CONFIGURATION, (
        "docs/reference/configuration.md is out of date: run python scripts/config_reference.py"
    )


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
    assert re.search(rf"^open-spaces-kiosk \[?{command}\]? ", COMMANDS, re.MULTILINE), (
        f"{command} is not on the Commands page"
    )


@pytest.mark.parametrize(("command", "option"), options(cli.parser()))
def test_every_command_line_option_is_documented(command: str, option: str) -> None:
    usage = [
        line
        for line in COMMANDS.splitlines()
        if re.match(rf"open-spaces-kiosk \[?{command}\]? ", line) or (not command and "--version" in line)
    ]
    assert usage and any(option in line for line in usage), f"{command} {option} is not on the Commands page"


def _section(command: str) -> str:
    """The Commands page's section on ``command``: from its heading to the next one."""
    return COMMANDS.split(f"\n## `{command}`\n", 1)[1].split("\n## ", 1)[0]


def _exit_codes(*functions: Callable[..., int]) -> set[int]:
    """The exit codes a command's functions return: each ``EXIT_…`` they name, 2 for a UsageError they
    raise, and each number returned as is."""
    codes: set[int] = set()
    for function in functions:
        source = inspect.getsource(function)
        codes |= {getattr(cli, name) for name in re.findall(r"\b(EXIT_[A-Z]+)\b", source)}
        codes |= {int(number) for number in re.findall(r"^\s*return (\d+)$", source, re.MULTILINE)}
        if "raise UsageError" in source:
            codes.add(cli.EXIT_USAGE)
    return codes


@pytest.mark.parametrize(
    ("command", "functions"),
    [
        ("run", (start.run,)),
        ("check", (cli.check,)),
        ("snapshot", (cli.snapshot, cli.write_png)),
        ("init", (cli.init,)),
    ],
)
def test_every_exit_code_of_a_command_is_documented(
    command: str, functions: tuple[Callable[..., int]]
) -> None:
    said = _section(command)
    for code in _exit_codes(*functions) - {cli.EXIT_OK}:
        assert re.search(rf"\*\*{code}\*\*|exits? with {code}\b|\(exit {code}\)", said), (
            f"{command} can exit with {code}, which its section on the Commands page does not say"
        )
    assert f"**{cli.EXIT_BUG}**" in COMMANDS


@pytest.mark.parametrize("role", sorted(csv_sheet._SYNONYMS))
def test_every_csv_column_name_is_on_the_csv_page(role: str) -> None:
    csv_page = page("sources/csv.md")
    table = csv_page[csv_page.index("| meaning | column names |") :].split("\n\n", 1)[0]
    named = {
        re.sub(r"\W", "", word).lower()
        for row in table.splitlines()
        if row.startswith(f"| {role} ") or (role == "duration" and row.startswith("| end "))
        for word in re.findall(r"`([^`]+)`", row)
    }
    missing = set(csv_sheet._SYNONYMS[role].split()) - named
    assert not missing, f"CSV column names for {role} missing from the CSV page: {sorted(missing)}"


def test_every_screenshot_the_manual_shows_exists_and_every_one_is_shown() -> None:
    shown = set()
    for markdown in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for target in re.findall(r"!\[[^]]*\]\(([^)\s]+)\)", markdown.read_text(encoding="utf-8")):
            image = (markdown.parent / target).resolve()
            assert image.is_file(), f"{markdown.relative_to(ROOT)} shows {target}, which does not exist"
            shown.add(image)
    unused = sorted(
        path.name for path in (ROOT / "docs" / "images").glob("*.png") if path.resolve() not in shown
    )
    assert unused == [], f"screenshots no page shows: {unused}"


REMOTE = page("remote.md")
METRICS = REMOTE[REMOTE.index("| metric | meaning |") :].split("\n\n", 1)[0]


def test_every_metric_the_kiosk_exposes_is_in_the_metrics_table() -> None:
    now = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
    link = Link()
    latest = Latest(reading=Reading("json", Schedule()), fetched_at=now, checked_at=now, error_kind="dns")
    link.observe(latest)
    link.publish(Facts(started=now, page="now", screen_on=True, frames=1, size=(1920, 1080)), latest)
    text = metrics.Metrics(link, lambda: now).exposition().decode()
    exposed = {
        sample.name
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name.startswith("kiosk_")
    }
    assert len(exposed) > 10
    assert exposed <= set(re.findall(r"`(kiosk_\w+)", METRICS)), "metrics missing from Watching it remotely"


def test_every_metric_the_manual_names_is_one_the_kiosk_makes() -> None:
    source = inspect.getsource(metrics)
    named = set(re.findall(r"\b(kiosk_[a-z_]+)", REMOTE)) - {"kiosk_token"}
    unknown = [name for name in sorted(named) if f'"{re.sub(r"_(total|info)$", "", name)}"' not in source]
    assert unknown == [], f"Watching it remotely names metrics the kiosk does not make: {unknown}"


def test_every_kind_of_failed_fetch_is_in_the_metrics_table() -> None:
    row = next(line for line in METRICS.splitlines() if "kiosk_fetch_failures_total{kind}" in line)
    kinds = {*Failure, *Outcome} - {Outcome.OK}
    assert {str(kind) for kind in kinds} <= set(re.findall(r"`([a-z-]+)`", row))


def test_the_grafana_panel_on_watching_it_remotely_is_json() -> None:
    panel = re.search(r"```json\n(.*?)```", REMOTE, re.DOTALL)
    assert panel is not None
    assert json.loads(panel.group(1))["targets"][0]["expr"].startswith("kiosk_")


def test_every_package_of_the_kiosk_is_on_the_architecture_page() -> None:
    architecture = page("architecture.md")
    packages = sorted(path.parent.name for path in (ROOT / "kiosk").glob("*/__init__.py"))
    assert [name for name in packages if f"kiosk/{name}/" not in architecture] == []


def test_every_page_name_snapshot_takes_is_on_the_commands_page() -> None:
    line = next(line for line in _section("snapshot").splitlines() if line.startswith("- `--page`"))
    assert [name for name in config.PAGES if f"`{name}`" not in line] == []


def test_the_architecture_page_shows_the_layers_the_import_test_enforces() -> None:
    shown = {}
    for row in page("architecture.md").splitlines():
        cells = row.split(" | ")
        if re.fullmatch(r"\| \d+", cells[0]):
            for path in re.findall(r"`(kiosk/[^`]*)`", cells[1]):
                module = (
                    path.removesuffix("/").removesuffix(".py").removesuffix("/__init__").replace("/", ".")
                )
                shown[module] = int(cells[0].strip("| "))
    assert shown == LAYERS
