"""Each benchmark's core runs on a tiny input: the scripts keep working as the kiosk changes.

No timing is asserted (the machine is shared); only that the figures exist and make sense.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import browser_kiosk
import endurance
import first_frame
import hostile_inputs
import idle_cost
import power_off
import read_formats
import render_pages
import soak

from kiosk import config as config_module
from kiosk.fetch.cache import load_cache
from kiosk.formats import ReadOptions


def test_render_pages_times_every_page_at_every_size() -> None:
    rows = render_pages.render_times(1)
    assert [(size, page) for size, page, *_ in rows] == [
        (f"{w}x{h}", page) for w, h in render_pages.SIZES for page in render_pages.PAGES
    ]
    assert all(cold > 0 and warm > 0 for _, _, cold, warm, _ in rows)


def test_read_formats_reads_the_calendar_with_series() -> None:
    data = read_formats.as_calendar_with_series(12, 2)
    wall, cpu, reading = read_formats.timed(data, ReadOptions(read_formats.ZONE, read_formats.FIRST_DAY))
    assert wall > 0 and cpu > 0 and reading.format == "ics" and reading.problems == ()
    assert {session.title for session in reading.schedule.sessions} >= {"Weekly circle 0", "Weekly circle 1"}


def test_read_formats_generates_every_format_it_times() -> None:
    options = ReadOptions(read_formats.ZONE, read_formats.FIRST_DAY)
    for name, generate in read_formats.GENERATORS.items():
        _, _, reading = read_formats.timed(generate(30), options)
        assert reading.format == name and len(reading.schedule.sessions) == 30 and reading.problems == ()


def test_crossfade_draws_frames() -> None:
    assert render_pages.fade_rate((640, 360), 0.05) > 0


def test_idle_cost_reads_this_process() -> None:
    assert idle_cost.cpu_seconds(os.getpid()) > 0
    assert idle_cost.pss_bytes(os.getpid()) > 1024 * 1024


def test_one_page_variant_is_a_valid_config(tmp_path: Path) -> None:
    loaded = config_module.load(idle_cost.one_page_config(tmp_path))
    assert loaded.pages.order == ("now",)
    assert Path(loaded.source.url).is_file()


def test_updates_variant_reads_the_sample_feeds(tmp_path: Path) -> None:
    from kiosk.core.model import Latest
    from kiosk.fetch.source import poll_sides
    from kiosk.shell.scene import shown_updates

    loaded = config_module.load(idle_cost.config_copy(tmp_path, updates=True))
    assert loaded.pages.order[-1] == "updates"
    sides = poll_sides(loaded, datetime(2026, 12, 5, 12, 10, tzinfo=loaded.tz), cached=False)
    assert all(polled.error is None for _, polled in sides)
    at = datetime(2026, 12, 5, 12, 10, tzinfo=loaded.tz)
    assert len(shown_updates(loaded, Latest(sides=sides), at)) == 5


def test_first_frame_config_is_offline_with_a_primed_cache(tmp_path: Path) -> None:
    loaded = config_module.load(first_frame.offline_config(tmp_path))
    assert loaded.source.url.startswith("http://127.0.0.1:")
    assert load_cache(loaded.cache.dir, loaded.source.url) is not None


def test_first_frame_hears_ready(tmp_path: Path) -> None:
    config = first_frame.offline_config(tmp_path)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    assert first_frame.time_to_ready(config, env, tmp_path) > 0  # it raises when READY=1 never comes


@pytest.mark.parametrize("hours", [0.02])
def test_endurance_runs_the_loop(tmp_path: Path, hours: float) -> None:
    result = endurance.simulate(hours, tmp_path)
    assert result.samples[-1].frames >= 1
    assert result.samples[-1].hour >= hours
    assert set(result.samples[-1].caches) >= {"text lines", "layouts", "qr surface"}
    assert result.took > 0 and result.idle_step > 0


def test_endurance_feed_reads_as_twenty_recent_posts() -> None:
    from kiosk.core.text import clean
    from kiosk.sides.updates.bluesky import read_author_feed

    now = endurance.START + timedelta(hours=3)
    posts = read_author_feed(endurance.feed_version(45, now), frozenset({"pyconf.bsky.social"}), clean).posts
    assert len(posts) == 20 and posts[0].text.startswith("Update 45:") and posts[0].at == now


@pytest.mark.parametrize("case", hostile_inputs.CASES)
def test_hostile_inputs_run_each_case(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    hostile_inputs.run_case(case, scale=0.001)
    seconds, peak = capsys.readouterr().out.split()
    assert float(seconds) >= 0 and float(peak) > 1


def test_font_fallback_measures_start_first_characters_and_frames(capsys: pytest.CaptureFixture[str]) -> None:
    import font_fallback

    font_fallback.start_and_first()
    font_fallback.per_frame(1)
    out = capsys.readouterr().out
    assert "Noto Sans CJK" in out and "U+FFFD" in out
    assert all(name in out for name in font_fallback.TITLES)


def test_soak_schedule_changes_each_minute_and_brings_fallback_scripts(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.formats import ReadOptions, read_schedule

    today = datetime(2026, 12, 5, tzinfo=ZoneInfo(soak.TZ))
    options = ReadOptions(timezone=ZoneInfo(soak.TZ), date=today.date())
    minutes = [read_schedule(soak.schedule(minute, today), options) for minute in range(7)]
    titles = [[s.title for s in reading.schedule.sessions] for reading in minutes]
    assert all(len(t) == 18 and not r.problems for t, r in zip(titles, minutes, strict=True))
    assert len({tuple(t) for t in titles}) == 7
    assert any(title in soak.FALLBACK_TITLES for t in titles for title in t)
    assert soak.slope([(60.0, 50.0), (90.0, 50.5), (120.0, 51.0)]) == pytest.approx(1.0)
    config = config_module.load(soak.write_config(tmp_path, "http://127.0.0.1:9/schedule.json"))
    assert config.pages.seconds == 5 and config.source.poll_seconds == 20


def test_soak_plot_is_a_png(tmp_path: Path) -> None:
    samples = [
        (minute / 6, (60 + minute / 100) * 2**20, (44 + minute / 200) * 2**20) for minute in range(100)
    ]
    soak.plot(samples, 10.0, tmp_path / "soak.png")
    assert (tmp_path / "soak.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_browser_kiosk_reads_a_process_family() -> None:
    assert os.getpid() in browser_kiosk.family(os.getpid())
    cpu, pss, switches = browser_kiosk.cpu_pss_switches(os.getpid())
    assert cpu > 0 and pss > 1024 * 1024 and switches > 0


def test_power_off_variants_are_out_of_hours_and_the_loop_switches_the_screen(tmp_path: Path) -> None:
    from kiosk.board import display_hours

    black = config_module.load(power_off.config_file(tmp_path, "black", blank=True, power=False))
    switched = config_module.load(power_off.config_file(tmp_path, "off", blank=True, power=True))
    now = datetime.now(black.tz)
    assert not display_hours.is_on(black.display, now) and black.display.power == ()
    assert switched.display.power == ("command",) and switched.display.power_off.startswith("touch ")
    turns, off = power_off.loop_turns(tmp_path / "off.toml", 0.5, tmp_path)
    assert turns >= 1 and off
    assert (tmp_path / "off.switched.off").exists() and (tmp_path / "off.switched.on").exists()
