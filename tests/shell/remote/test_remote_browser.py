"""The remote page in a real browser: headless Chromium opens it with the token once in the address,
and its screenshot shows the board (the board's QR code decodes from it) beside the status; without
the token it shows the refusal; its buttons, pressed, turn the kiosk's page. CI installs Debian's
``chromium``; elsewhere the test is skipped when it is missing, and in CI it fails.

``kiosk.shell.remote.page`` as a browser shows it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class DevTools:
    """Chromium driven over its DevTools pipe (file descriptors 3 and 4, messages ending in NUL), so
    that a test can press a button as a person would, with no driver to install."""

    def __init__(self, chromium: str, profile: Path) -> None:
        commands, self._to_chromium = os.pipe()
        self._from_chromium, answers = os.pipe()

        def on_3_and_4() -> None:
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            preexec_fn=on_3_and_4,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands)
        os.close(answers)
        self._sent = 0
        self._buffer = b""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def send(self, method: str, session: str | None = None, **params: object) -> dict[str, Any]:
        self._sent += 1
        message: dict[str, object] = {"id": self._sent, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_chromium, json.dumps(message).encode() + b"\0")
        for _ in range(10_000):  # messages until the answer to this one (a count, not a deadline)
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_chromium, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed its DevTools pipe")
                self._buffer += chunk
            line, _, self._buffer = self._buffer.partition(b"\0")
            answer = json.loads(line)
            if answer.get("id") == self._sent:
                return dict(answer.get("result", {}))
        raise RuntimeError(f"no answer to {method}")

    def evaluate(self, expression: str) -> object:
        said = self.send("Runtime.evaluate", self.session, expression=expression, returnByValue=True)
        return said["result"].get("value")

    def close(self) -> None:
        self.process.kill()
        self.process.wait(30)
        os.close(self._to_chromium)
        os.close(self._from_chromium)


def test_the_pages_buttons_work_in_the_browser(chromium: str, kiosk: RunningKiosk, tmp_path: Path) -> None:
    """A button is a form posted from the page: the browser sends the page's Origin (the remote refuses
    a write from anywhere else), and the kiosk turns its page."""
    browser = DevTools(chromium, tmp_path / "profile")
    try:
        browser.send("Page.navigate", browser.session, url=f"{kiosk.base}/?token={TOKEN}")
        for _ in range(100):  # until the page is there (a count of tries)
            if browser.evaluate("document.querySelector('form[action=\"page/next\"] button') !== null"):
                break
            time.sleep(0.1)
        before = kiosk.page()
        browser.evaluate("document.querySelector('form[action=\"page/next\"] button').click()")
        for _ in range(100):  # until the kiosk has turned its page (a count of tries)
            if kiosk.page() != before:
                break
            time.sleep(0.1)
        assert kiosk.page() != before
        assert "must come from" not in str(browser.evaluate("document.body.innerText"))
    finally:
        browser.close()
