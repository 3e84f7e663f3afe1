"""``[remote]`` follows the config while the board runs: added, its token changed, removed.

``kiosk.shell.remote`` as the live config (``kiosk.shell.liveconfig``) starts, changes and stops it.
"""

from __future__ import annotations

import http.client
from pathlib import Path

import configs
import pytest
from doubles import Clocks, FixedSource

from kiosk.config import DEFAULT_CONFIG, load
from kiosk.core.model import Latest
from kiosk.shell import app, remote
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.remote.link import Link
from kiosk.shell.screen import Screen

FIRST = "Wq8vJ2nR5tXk7mBc3LpZ9dHf"
SECOND = "Hs4pK9vT2wXq8nLc6RbZ3mJd"


def status(port: int, token: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/status.json", headers={"Authorization": f"Bearer {token}"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_remote_starts_changes_and_stops_with_the_config(tmp_path: Path, screen: Screen) -> None:
    file = tmp_path / "kiosk.toml"
    base = configs.toml(
        {
            "event": {"timezone": "Asia/Kolkata"},
            "source": {"url": DEFAULT_CONFIG.parent / "demo-schedule.json"},
            "cache": {"dir": tmp_path / "cache"},
        }
    )
    file.write_text(base, encoding="utf-8")
    clocks, link = Clocks(), Link()
    live = LiveConfig(load(file))
    served = remote.Served(lambda: live.config, link)
    served.follow(live.config.remote)
    kiosk = app.Kiosk(
        live,
        screen,
        source_for=lambda c: FixedSource(Latest()),
        clock=clocks,
        notifier=Notifier({}),
        monotonic=clocks.monotonic,
        link=link,
        served=served,
    )
    try:
        kiosk.step()
        assert served.running is None

        def edit(text: str) -> None:
            file.write_text(base + text, encoding="utf-8")
            live.request_reload()
            clocks.advance(3)
            kiosk.step()

        edit(f'[remote]\nlisten = "127.0.0.1:0"\ntoken = "{FIRST}"\n')
        assert served.running is not None
        port = served.running.port
        assert status(port, FIRST) == 200

        edit(f'[remote]\nlisten = "127.0.0.1:0"\ntoken = "{SECOND}"\n')
        assert served.running is not None
        port = served.running.port
        assert status(port, FIRST) == 401 and status(port, SECOND) == 200

        edit("")
        assert served.running is None
        with pytest.raises(OSError):
            status(port, SECOND)
    finally:
        kiosk.stop()
    assert served.running is None
