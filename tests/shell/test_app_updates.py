"""The running board with the organisers' feeds: the updates page is passed over while no post is
recent, and comes into the rotation as soon as one arrives.

The second file of ``kiosk.shell.app`` tests; it shares test_app.py's kiosk and screen.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from doubles import T0, Clocks
from social import author_feed, bsky_post
from test_app import kiosk, write_config

from kiosk.config import PagesConfig, UpdatesConfig, load
from kiosk.core.model import Document, Polled
from kiosk.layout import View
from kiosk.shell.screen import Screen

FEED = "updates from @pyconf.bsky.social"


def test_the_updates_page_waits_for_a_recent_post(tmp_path: Path, screen: Screen) -> None:
    path = tmp_path / "kiosk.toml"
    write_config(path, seconds=15)
    config = load(path)
    config = replace(
        config,
        pages=replace(config.pages, order=("now", "updates", "today")),
        updates=UpdatesConfig(bluesky=("pyconf.bsky.social",)),
    )
    assert isinstance(config.pages, PagesConfig)
    clocks = Clocks()
    k = kiosk(config, screen, clocks)
    k.step()
    clocks.advance(15)
    k.step()
    assert k.rotation.page == "today", "no post yet: the updates page is passed over"

    old = author_feed(bsky_post("pyconf.bsky.social", "Yesterday's news", T0 - timedelta(hours=30)))
    fresh = author_feed(bsky_post("pyconf.bsky.social", "Lunch runs late 🍛", T0 - timedelta(minutes=12)))
    for body, page in ((old, "today"), (fresh, "updates")):  # older than max_age_hours: still passed over
        side = Polled(reading=Document(body), fetched_at=T0)
        k.source.snap = replace(k.source.snap, sides=((FEED, side),))  # type: ignore[attr-defined]
        clocks.advance(15)
        k.step()
        assert k.rotation.page == "now"
        clocks.advance(15)
        k.step()
        assert k.rotation.page == page
    assert isinstance(k.frame, View) and [p.text for p in k.frame.updates] == ["Lunch runs late 🍛"]
    frames = k.frames
    clocks.advance(1)
    k.step()
    assert k.frames == frames, "nothing changed: nothing is drawn again"
