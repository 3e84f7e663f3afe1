"""``init`` writes a starter config (and a unit) from the bundled files, never over the facilitator's."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import configs
import pytest

from kiosk import cli, config
from kiosk.core.resources import DEMO_SCHEDULE, SERVICE, USER_SERVICE, bundled_config, data_path


def test_the_starter_is_the_bundled_config_with_the_demo_off_and_the_url_to_fill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["init", str(tmp_path)]) == cli.EXIT_OK
    written = tmp_path / "kiosk.toml"
    assert str(written) in capsys.readouterr().out
    text = written.read_text(encoding="utf-8")
    assert (
        re.search(r'^url = ""', text, re.MULTILINE) and "demo = false" in text and "demo = true" not in text
    )
    bundled = bundled_config().read_text(encoding="utf-8")
    kept = [line for line in bundled.splitlines() if line.startswith(("# date", "# dir", "[", "timezone"))]
    assert kept and all(line in text.splitlines() for line in kept)

    with pytest.raises(config.ConfigError, match=r"\[source\] url: is required"):
        config.load(written)
    written.write_text(text.replace('url = ""', f'url = "{data_path(DEMO_SCHEDULE)}"', 1), encoding="utf-8")
    starter, default = config.load(written), config.load()
    assert starter.source.demo is False and default.source.demo is True
    # The demo's proposal form is somebody else's: the starter has none until the facilitator sets theirs.
    assert starter.propose.url == "" and default.propose.url.startswith("https://")
    for table in ("vote", "ideas", "alert", "remote"):  # each ready to uncomment, with its keys
        assert f"# [{table}]" in text
    assert (starter.event, starter.slots, starter.pages) == (default.event, default.slots, default.pages)


def test_the_starters_remote_has_a_token_of_its_own_ready_to_uncomment(tmp_path: Path) -> None:
    tokens = []
    for folder in ("one", "two"):
        assert cli.main(["init", str(tmp_path / folder)]) == cli.EXIT_OK
        text = (tmp_path / folder / "kiosk.toml").read_text(encoding="utf-8")
        tokens += re.findall(r'^# token = "([A-Za-z0-9_-]{32})"', text, re.MULTILINE)
        text = text.replace('url = ""', f'url = "{data_path(DEMO_SCHEDULE)}"', 1)
        text = re.sub(r"^# (\[remote\]|listen =|token =)", r"\1", text, flags=re.MULTILINE)
        (tmp_path / folder / "kiosk.toml").write_text(text, encoding="utf-8")
        remote = config.load(tmp_path / folder / "kiosk.toml").remote
        assert remote.listen == ("0.0.0.0", 8080) and remote.token == tokens[-1]
    assert len(tokens) == 2 and tokens[0] != tokens[1]  # each kiosk its own


def test_a_second_init_keeps_the_facilitators_config_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init"]) == cli.EXIT_OK
    edited = configs.kiosk_toml(tmp_path, source={"url": "mine.csv"})
    mine = edited.read_text(encoding="utf-8")
    assert cli.main(["init"]) == cli.EXIT_USAGE
    assert "exists" in capsys.readouterr().err
    assert edited.read_text(encoding="utf-8") == mine
    assert cli.main(["init", "--force"]) == cli.EXIT_OK
    assert "demo = false" in edited.read_text(encoding="utf-8")


def test_an_existing_unit_stops_init_before_it_writes_anything(tmp_path: Path) -> None:
    unit = tmp_path / "kiosk.service"
    unit.write_text("[Unit]\n", encoding="utf-8")
    assert cli.main(["init", str(tmp_path / "etc"), "--unit", str(unit)]) == cli.EXIT_USAGE
    assert not (tmp_path / "etc" / "kiosk.toml").exists()


@pytest.mark.parametrize(("flags", "bundled"), [([], SERVICE), (["--user"], USER_SERVICE)])
def test_the_unit_starts_this_installation_with_the_new_config(
    tmp_path: Path, flags: list[str], bundled: str
) -> None:
    unit = tmp_path / "systemd" / "open-spaces-kiosk.service"
    assert cli.main(["init", str(tmp_path / "etc"), "--unit", str(unit), *flags]) == cli.EXIT_OK
    lines = unit.read_text(encoding="utf-8").splitlines()
    original = data_path(bundled).read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(original, lines, strict=True) if old != new]
    assert len(changed) == 1 and changed[0][1].startswith("ExecStart=")
    program, _, args = changed[0][1].removeprefix("ExecStart=").partition(" run ")
    assert Path(program).parent == Path(sys.executable).parent and Path(program).is_file()
    assert args == f"--config {tmp_path / 'etc' / 'kiosk.toml'}"


def test_user_without_a_unit_is_a_usage_error(tmp_path: Path) -> None:
    assert cli.main(["init", str(tmp_path), "--user"]) == cli.EXIT_USAGE
    assert not (tmp_path / "kiosk.toml").exists()
