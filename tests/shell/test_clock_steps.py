"""The wall clock stepped while the board runs, as NTP, a person or a Pi booting in 1970 does it.

The loop and a poller run on an injected wall clock and an injected monotonic clock; "true" time is
what the monotonic clock has counted since a known true moment, and the server's ``Date`` tells it.

``kiosk.shell.app`` and ``kiosk.fetch.poller`` under one stepped clock: the loop's clock steps.
"""

import logging
import re
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pytest
from doubles import Clocks, FixedSource
from schedule_server import schedule_json

from kiosk.config import Config
from kiosk.core.model import Latest, Reading, Schedule, Session
from kiosk.fetch.fetched import FetchResult, Validators
from kiosk.fetch.poller import Poller
from kiosk.fetch.source import make_parse
from kiosk.layout import View
from kiosk.shell import app, scene
from kiosk.shell.liveconfig import LiveConfig
from kiosk.shell.notify import Notifier
from kiosk.shell.screen import Screen
from kiosk.shell.watchdog import STUCK_AFTER

TZ = ZoneInfo("Asia/Kolkata")
TRUE_START = datetime(2026, 12, 5, 11, 0, 5, tzinfo=TZ)
POLL_SECONDS = 60.0
PAGE_SECONDS = 15.0
SLICE = 0.25  # the loop's longest sleep (app.IDLE_SLICE)
HOUR, DAY = 3600.0, 86400.0


class ByHand(Poller):
    """The kiosk's poller without its thread: it polls on start, then when the test finds it due."""

    asked = False
    deaf = False  # True: asking it to fetch now does nothing (a server that no longer answers)

    def start(self) -> None:
        self.poll_once()

    def refresh(self) -> None:
        self.asked = not self.deaf


def config(tmp_path: Path) -> Config:
    return configs.kiosk_config(
        tmp_path,
        event={"timezone": TZ.key},
        source={"url": "http://127.0.0.1:9/schedule.json", "poll_seconds": POLL_SECONDS},
        pages={"seconds": PAGE_SECONDS, "transition_seconds": 0},
    )


class Board:
    """The kiosk, its poller and the clocks, run turn by turn as ``Kiosk.run`` would."""

    def __init__(self, tmp_path: Path, screen: Screen, clocks: Clocks) -> None:
        self.clocks = clocks
        self.polls: list[float] = []
        cfg = config(tmp_path)
        self.poller = ByHand(
            url=cfg.source.url,
            poll_seconds=POLL_SECONDS,
            parse=make_parse(cfg),
            fetch=self._fetch,
            clock=clocks,
            cache_dir=cfg.cache.dir,
            monotonic=clocks.monotonic,
        )
        self.kiosk = app.Kiosk(
            LiveConfig(cfg),
            screen,
            source_for=lambda c: self.poller,
            clock=clocks,
            notifier=Notifier({}),
            monotonic=clocks.monotonic,
        )
        self.turns: list[tuple[float, str, int]] = []  # (tick, page, frames drawn) after each turn

    def _fetch(self, validators: Validators) -> FetchResult:
        self.polls.append(self.clocks.tick)
        body = schedule_json("Typing in anger", "Packaging", "Async all the way")
        return FetchResult(body=body, content_type="application/json", server_date=self.clocks.true_now())

    def run(self, seconds: float) -> None:
        end = self.clocks.tick + seconds
        while self.clocks.tick < end:
            due = self.poller.next_poll
            if self.poller.asked or due is None or self.clocks.tick >= due:
                self.poller.asked = False
                self.poller.poll_once()
            wait = self.kiosk.step()
            self.turns.append((self.clocks.tick, self.kiosk.rotation.page, self.kiosk.frames))
            self.check_footer()
            self.clocks.advance(min(max(wait, 0.01), SLICE))

    def view(self) -> View:
        frame = self.kiosk.frame
        assert isinstance(frame, View)
        return frame

    def check_footer(self) -> None:
        footer = self.view().footer
        assert re.fullmatch(r"Updated (just now|[0-9]+ min ago)", footer), footer

    def clock_warned(self) -> bool:
        return any("the server" in w for w in self.view().warnings)


STEPS = {
    # name: (the wall clock's error before the step, the step)
    "back 1 h": (HOUR, -HOUR),
    "back 1 day": (DAY, -DAY),
    "forward 1 h": (-HOUR, HOUR),
    "forward 1 year": (-365 * DAY, 365 * DAY),
    "first NTP step after booting at 1970": (
        (datetime(1970, 1, 1, 0, 0, 10, tzinfo=UTC) - TRUE_START).total_seconds(),
        (TRUE_START - datetime(1970, 1, 1, 0, 0, 10, tzinfo=UTC)).total_seconds(),
    ),
    "forward 1 h away from the right time": (0.0, HOUR),
}


@pytest.mark.parametrize(("error", "step"), list(STEPS.values()), ids=list(STEPS))
def test_a_stepped_clock_is_noticed_at_the_next_turn(
    tmp_path: Path, screen: Screen, error: float, step: float, caplog: pytest.LogCaptureFixture
) -> None:
    clocks = Clocks(TRUE_START + timedelta(seconds=error), true=TRUE_START)
    board = Board(tmp_path, screen, clocks)
    board.run(40)  # pages turned, the clock shown, one poll made
    assert board.clock_warned() == (abs(error) > 300)
    frames, page = board.kiosk.frames, board.kiosk.rotation.page

    clocks.step(step)
    stepped_at = clocks.tick
    with caplog.at_level(logging.WARNING, logger="kiosk.shell.app"):
        board.run(SLICE)
    # Recomposed and drawn at once: the header's clock reads the new time, on the same page.
    assert board.kiosk.frames == frames + 1
    assert board.view().board.now == scene.shown_time(
        board.kiosk.config, clocks.now - timedelta(seconds=SLICE)
    )
    assert board.kiosk.rotation.page == page
    words = "forward" if step > 0 else "back"
    assert any(r.getMessage().startswith(f"the clock stepped {words} ") for r in caplog.records)
    # The clock warning tells the truth at once: gone when the step put the clock right.
    assert board.clock_warned() == (abs(error + step) > 300)

    board.run(2 * POLL_SECONDS + 1)
    # The page turned PAGE_SECONDS after the step (its timer restarted), and then every PAGE_SECONDS.
    turned = [b for (_, p), (b, q) in pairwise(pairs(board.turns)) if p != q]
    after = [tick - stepped_at for tick in turned if tick > stepped_at]
    assert after[0] == pytest.approx(PAGE_SECONDS, abs=SLICE + 0.02)
    gaps = [b - a for a, b in pairwise(after)]
    assert gaps and all(g == pytest.approx(PAGE_SECONDS, abs=SLICE + 0.02) for g in gaps)
    # The poller asked again at once (the server's Date re-checked), then kept its cadence.
    polls = [tick - stepped_at for tick in board.polls if tick >= stepped_at]
    assert polls[0] <= SLICE + 0.02
    assert [b - a for a, b in pairwise(polls)] == pytest.approx([POLL_SECONDS, POLL_SECONDS], abs=SLICE)
    assert board.clock_warned() == (abs(error + step) > 300)


def pairs(turns: list[tuple[float, str, int]]) -> list[tuple[float, str]]:
    return [(tick, page) for tick, page, _ in turns]


def test_the_footer_counts_the_age_on_the_monotonic_clock(tmp_path: Path, screen: Screen) -> None:
    clocks = Clocks(TRUE_START)
    board = Board(tmp_path, screen, clocks)
    board.run(1)
    board.poller._next_poll = clocks.tick + 10 * HOUR  # no poll for the rest of this test
    board.poller.deaf = True
    board.run(4 * 60)  # last composed at 11:04:00, 3 min 55 s after the fetch
    assert board.view().footer == "Updated 3 min ago"
    clocks.step(-HOUR)
    board.run(1)
    assert board.view().footer == "Updated 3 min ago"  # not "just now" for the next hour
    clocks.step(2 * HOUR)
    board.run(1)
    assert board.view().footer == "Updated 3 min ago"  # not "Updated at 10:00"


def test_a_latest_copy_as_of_now_moves_only_the_times_taken_in_this_process() -> None:
    wall = datetime(2026, 12, 5, 12, 0, tzinfo=TZ)
    cached_at = datetime(2026, 12, 4, 18, 0, tzinfo=TZ)
    latest = Latest(
        reading=Reading("json", Schedule()),
        fetched_at=cached_at,
        checked_at=wall,
        checked_tick=100.0,
        offline_since=wall - timedelta(minutes=2),
        offline_tick=-20.0,
        from_cache=True,
    )
    # 30 s later on the monotonic clock, the wall clock was set back an hour.
    now = wall + timedelta(seconds=30) - timedelta(hours=1)
    moved = latest.as_of(now, 130.0)
    assert moved.fetched_at == cached_at  # from the cache: when it was fetched is a fact, not an age
    assert moved.checked_at == now - timedelta(seconds=30)
    assert moved.offline_since == now - timedelta(seconds=150)


@pytest.mark.parametrize(
    ("skew", "step", "after"), [(-HOUR, -HOUR, 0.0), (0.0, HOUR, -HOUR), (12.0, 0.0, 12.0)]
)
def test_the_clock_error_is_corrected_by_the_step(skew: float, step: float, after: float) -> None:
    wall = datetime(2026, 12, 5, 12, 0, tzinfo=TZ)
    latest = Latest(fetched_at=wall, fetched_tick=100.0, clock_skew=skew)
    now = wall + timedelta(seconds=45 + step)
    assert latest.as_of(now, 145.0).clock_skew == pytest.approx(after)


class Pings(Notifier):
    """A notifier with a watchdog whose datagrams are counted instead of sent."""

    def __init__(self, clocks: Clocks) -> None:
        super().__init__({"NOTIFY_SOCKET": "/nonexistent", "WATCHDOG_USEC": "30000000"}, clocks.monotonic)
        self.pings: list[float] = []
        self._clocks = clocks

    def send(self, *lines: str) -> bool:
        if "WATCHDOG=1" in lines:
            self.pings.append(self._clocks.tick)
        return True


def test_a_loop_that_stops_recomposing_stops_pinging_the_watchdog(
    tmp_path: Path, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    clocks = Clocks(TRUE_START)
    source = Latest(
        reading=Reading(
            "json",
            Schedule(sessions=(Session("Typing in anger", TRUE_START, TRUE_START + timedelta(minutes=30)),)),
        ),
        fetched_at=TRUE_START,
    )
    pings = Pings(clocks)
    cfg = config(tmp_path)
    kiosk = app.Kiosk(
        LiveConfig(cfg),
        screen,
        source_for=lambda c: FixedSource(source),
        clock=clocks,
        notifier=pings,
        monotonic=clocks.monotonic,
    )
    kiosk.step()
    healthy = clocks.tick + 5 * 60
    while clocks.tick < healthy:  # recomposed every minute (the clock), every 15 s (the pages)
        clocks.advance(min(kiosk.step(), SLICE))
    assert pings.pings and pings.pings[-1] >= healthy - 15.5

    # A bug that puts the next recompose a day away: the loop still turns, but the board is stuck.
    monkeypatch.setattr(scene, "next_change", lambda config, now: now + timedelta(days=1))
    monkeypatch.setattr(scene, "page_due", lambda *args: None)
    clocks.advance(60)
    kiosk.step()
    stuck_since = clocks.tick
    frames = kiosk.frames
    for _ in range(4 * 60):
        clocks.advance(min(max(kiosk.step(), 0.01), 1.0))
    assert kiosk.frames == frames
    assert pings.pings[-1] <= stuck_since + STUCK_AFTER
    assert clocks.tick > stuck_since + STUCK_AFTER + 60

    # Recomposing again feeds it again.
    kiosk.frame = None
    kiosk.step()
    assert pings.pings[-1] == clocks.tick
