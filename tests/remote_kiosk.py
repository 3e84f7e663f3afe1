"""The kiosk running for real with its remote on 127.0.0.1: the loop in a thread, SDL's dummy driver,
the schedule from a ScheduleServer, so that a test can make a fetch fail."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError

import configs
from schedule_server import ScheduleServer, reply, schedule_json
from screens import opened

from kiosk.config import Config, load
from kiosk.fetch.source import make_poller
from kiosk.shell import app, remote
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.remote.link import Link
from kiosk.shell.remote.server import Limits, Running

TOKEN = "Wq8vJ2nR5tXk7mBc3LpZ9dHf"  # as secrets.token_urlsafe(18) makes them
PROPOSE_URL = "https://example.org/propose-a-topic"


def write_config(directory: Path, url: str, remote_lines: str, long_day: bool = False) -> Path:
    """The test kiosk's config. Its day is short and around now, so that "today" fits on one screen
    and "next page" always turns a page; a ``long_day`` (00:00–24:00 in 15-minute slots) does not fit."""
    start = datetime.now(UTC).replace(minute=0) - timedelta(hours=1)
    end = start + timedelta(hours=4)
    slots = {
        "start": "00:00" if long_day else f"{start:%H:%M}",
        "end": "24:00" if long_day else f"{end:%H:%M}",
        "minutes": 15 if long_day else 30,
    }
    return configs.kiosk_toml(
        directory,
        remote_lines + "\n",  # more of [remote], the last table
        event={"name": "Remote Test Spaces", "timezone": "UTC"},
        source={"url": url, "poll_seconds": 3600},
        slots=slots,
        propose={"url": PROPOSE_URL},
        pages={"order": ["now", "today", "propose"], "seconds": 3600, "transition_seconds": 0},
        remote={"listen": "127.0.0.1:0"},
    )


@dataclass
class Answer:
    status: int
    headers: Message  # names in any case
    body: bytes


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class RunningKiosk:
    kiosk: app.Kiosk
    link: Link
    server: Running
    schedule: ScheduleServer
    config: Config

    @property
    def base(self) -> str:
        return self.server.url.rstrip("/")

    def page(self) -> str:
        """The page on screen, as /status.json tells it."""
        return str(json.loads(self.request("/status.json", token=TOKEN).body)["page"])

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.base + path, method=method, headers=sent)
        try:
            with OPENER.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except HTTPError as error:
            return Answer(error.code, error.headers, error.read())


def schedule_now() -> bytes:
    """A session on now, whatever the hour."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start, end = now - timedelta(minutes=5), now + timedelta(minutes=55)
    return (
        '{"sessions": [{"title": "Remote screens", "host": "Ana", '
        f'"start": "{start.isoformat()}", "end": "{end.isoformat()}"'
        "}]}"
    ).encode()


@contextmanager
def running_kiosk(
    directory: Path,
    remote_lines: str = f'token = "{TOKEN}"',
    *,
    size: tuple[int, int] = (1280, 720),
    rotate: int = 0,
    limits: Limits | None = None,
    loop: bool = True,
    clock: Callable[[], datetime] | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    long_day: bool = False,
    path: str = "/schedule.json",
    login: str = "",
) -> Iterator[RunningKiosk]:
    """The kiosk and its remote; with ``loop=False`` the test steps the loop itself. The schedule is at
    ``path`` (which may carry a query) of the test server, with ``login`` ("user:password") in its URL."""
    # The schedule server keeps the kiosk's time: its Date shows no clock skew.
    with ScheduleServer(clock or (lambda: datetime.now(UTC))) as schedule, opened(size, rotate) as screen:
        schedule.routes[path] = reply(200, schedule_now(), {"Content-Type": "application/json"})
        url = schedule.url(path).replace("://", f"://{login}@" if login else "://")
        config = load(write_config(directory, url, remote_lines, long_day))
        link = Link()
        live = LiveConfig(config)
        server = remote.start(config.remote, lambda: live.config, link, limits)
        assert server is not None
        kiosk = app.Kiosk(
            live,
            screen,
            source_for=lambda c: make_poller(c, on_change=link.observe),
            notifier=Notifier({}),
            link=link,
            clock=clock,
            monotonic=monotonic,
        )
        thread = threading.Thread(target=kiosk.run, name="test-kiosk-loop", daemon=True)
        if loop:
            thread.start()
        try:
            for _ in range(400):  # until the first frame of the first fetch is published (a count)
                if not loop:
                    kiosk.step()
                seen = link.seen()
                if seen is not None and seen.latest.checked_at is not None:
                    break
                time.sleep(0.05)
            else:
                raise AssertionError("the kiosk published no frame of the first fetch")
            yield RunningKiosk(kiosk, link, server, schedule, config)
        finally:
            kiosk.running = False
            if loop:
                thread.join(10)
            kiosk.stop()
            server.stop()


__all__ = ["TOKEN", "Answer", "RunningKiosk", "reply", "running_kiosk", "schedule_json", "schedule_now"]
