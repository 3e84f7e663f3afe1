"""The remote page in a real browser: headless Chromium opens it with the token once in the address,
and its screenshot shows the board (the board's QR code decodes from it) beside the status; without
the token it shows the refusal. CI installs Debian's ``chromium``; elsewhere the test is skipped
when it is missing, and in CI it fails.

``kiosk.shell.remote.page`` as a browser shows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from remote_kiosk import PROPOSE_URL, TOKEN, RunningKiosk, running_kiosk
from screens import qr_codes

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningKiosk]:
    with running_kiosk(tmp_path_factory.mktemp("browser")) as running:
        yield running


def browse(chromium: str, directory: Path, url: str, *action: str) -> str:
    """Run Chromium once on ``url`` with a new profile; its standard output (the DOM for --dump-dom)."""
    profile = directory / f"profile-{len(list(directory.iterdir()))}"
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--window-size=1000,1400", *action, url],
        capture_output=True,
        timeout=120,
        check=True,
        cwd=directory,
    )
    return done.stdout.decode()


def test_the_page_shows_the_board_and_the_status(chromium: str, kiosk: RunningKiosk, tmp_path: Path) -> None:
    url = f"{kiosk.base}/?token={TOKEN}"
    shot = tmp_path / "page.png"
    browse(chromium, tmp_path, url, f"--screenshot={shot}", "--virtual-time-budget=3000")
    image = Image.open(shot).convert("RGB")
    assert qr_codes(image) == [PROPOSE_URL]
    dom = browse(chromium, tmp_path, url, "--dump-dom", "--virtual-time-budget=3000")
    assert "Remote Test Spaces" in dom and "1 session, 0 problems" in dom
    assert "Fetch the schedule now" in dom and "Token needed" not in dom


def test_without_the_token_the_browser_shows_the_refusal(
    chromium: str, kiosk: RunningKiosk, tmp_path: Path
) -> None:
    shot = tmp_path / "refused.png"
    browse(chromium, tmp_path, f"{kiosk.base}/", f"--screenshot={shot}", "--virtual-time-budget=3000")
    assert qr_codes(Image.open(shot)) == []
    dom = browse(chromium, tmp_path, f"{kiosk.base}/", "--dump-dom")
    assert "Token needed" in dom and "Remote Test Spaces" not in dom and "sessions" not in dom
