import os
import signal
from pathlib import Path

import configs
import pytest

from kiosk.config import load
from kiosk.shell.liveconfig import LiveConfig


def good(seconds: float | str) -> str:
    """The config's text, with ``[pages] seconds`` as given."""
    return configs.toml(
        {
            "event": {"timezone": "Asia/Kolkata"},
            "source": {"url": "schedule.json"},
            "pages": {"seconds": seconds},
        }
    )


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # Another mtime even on coarse clocks, so the change is seen without sleeping.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def live(tmp_path: Path) -> LiveConfig:
    path = tmp_path / "kiosk.toml"
    write(path, good(15))
    return LiveConfig(load(path))


def test_unchanged_file_is_not_reread(live: LiveConfig) -> None:
    assert live.poll() is None
    assert live.warning is None


def test_a_good_edit_applies(live: LiveConfig) -> None:
    write(live.config.path, good(40))
    new = live.poll()
    assert new is not None and new.pages.seconds == 40
    assert live.config.pages.seconds == 40
    assert live.poll() is None


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (good(1), "[pages] seconds: must be between 2 and 3600, got 1"),
        (good("fast"), "[pages] seconds: must be a number"),
        (good(15) + "[display]\non = '08:00'\n", "[display] off: set both"),
        ("[pages\n", "not valid TOML"),
    ],
)
def test_a_bad_edit_keeps_the_running_config(live: LiveConfig, text: str, warning: str) -> None:
    write(live.config.path, text)
    assert live.poll() is None
    assert live.config.pages.seconds == 15
    assert live.warning is not None
    assert live.warning.startswith(f"Config not applied: {live.config.path}: ")
    assert warning in live.warning
    write(live.config.path, good(20))
    assert live.poll() is not None
    assert live.warning is None


def test_a_deleted_file_keeps_the_running_config(live: LiveConfig) -> None:
    live.config.path.unlink()
    assert live.poll() is None
    assert live.config.pages.seconds == 15
    assert live.warning is not None and "no such config file" in live.warning


def test_sighup_rereads_even_an_unchanged_looking_file(live: LiveConfig) -> None:
    path = live.config.path
    st = path.stat()
    path.write_text(good(30), encoding="utf-8")  # same size, same mtime restored
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert live.poll() is None
    previous = signal.getsignal(signal.SIGHUP)
    try:
        live.install_sighup()
        os.kill(os.getpid(), signal.SIGHUP)
        new = live.poll()
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert new is not None and new.pages.seconds == 30
