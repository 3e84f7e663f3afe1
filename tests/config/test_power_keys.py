"""``[display] power``, ``cec_device``, ``power_off`` and ``power_on``: read, and every mistake named.

The display table's power keys of ``kiosk.config`` (test_power.py is the screen's power in the shell).
"""

from pathlib import Path

import configs
import pytest

from kiosk import config
from kiosk.config import ConfigError


def load(tmp_path: Path, lines: str) -> config.Config:
    """A config with screen hours and ``lines`` more of [display], the last table."""
    source, hours = {"url": "schedule.json"}, {"on": "08:00", "off": "19:00"}
    return configs.kiosk_config(tmp_path, lines, source=source, display=hours)


def test_by_default_nothing_is_switched(tmp_path: Path) -> None:
    display = load(tmp_path, "").display
    assert display.power == () and display.cec_device == ""
    assert display.power_off == "" and display.power_on == ""


def test_methods_are_read_in_order(tmp_path: Path) -> None:
    display = load(
        tmp_path,
        'power = ["cec", "dpms", "command"]\ncec_device = "/dev/cec1"\n'
        'power_off = "curl -fsS -X POST \'http://tv.local/power?state=off\'"\npower_on = "relay on"\n',
    ).display
    assert display.power == ("cec", "dpms", "command")
    assert display.cec_device == "/dev/cec1"
    assert display.power_off == "curl -fsS -X POST 'http://tv.local/power?state=off'"
    assert display.power_on == "relay on"


@pytest.mark.parametrize(
    ("lines", "key", "fragment"),
    [
        ('power = "cec"\n', "display.power", "list of methods"),
        ('power = ["hdmi"]\n', "display.power", "unknown method 'hdmi' (methods: cec, dpms, command)"),
        ('power = ["cec", "cec"]\n', "display.power", "twice"),
        ('power = ["command"]\npower_on = "relay on"\n', "display.power_off", "required"),
        ('power = ["command"]\npower_off = "relay off"\n', "display.power_on", "required"),
        ('power = ["cec"]\npower_off = "relay off"\n', "display.power_off", 'only with "command"'),
        ('power = ["command"]\npower_off = "relay \'off"\npower_on = "x"\n', "display.power_off", "words"),
        ('power = ["cec"]\ncec_device = "cec1"\n', "display.cec_device", '"/dev/cec1"'),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, lines: str, key: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, lines)
    assert caught.value.key == key
    assert fragment in caught.value.message


def test_power_needs_screen_hours(tmp_path: Path) -> None:
    path = configs.kiosk_toml(tmp_path, source={"url": "s.json"}, display={"power": ["cec"]})
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert caught.value.key == "display.power" and "[display] on and off" in caught.value.message
