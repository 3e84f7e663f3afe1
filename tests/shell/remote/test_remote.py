"""The remote against the running kiosk on 127.0.0.1: the token, every endpoint, the screenshot's QR
code, the metrics, and the server's bounds.

``kiosk.shell.remote`` as a whole (server, web, page, picture, metrics), through HTTP.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import pytest
from PIL import Image
from prometheus_client.parser import text_string_to_metric_families
from remote_kiosk import PROPOSE_URL, TOKEN, RunningKiosk, reply, running_kiosk, schedule_now
from screens import qr_codes

from kiosk.shell import status
from kiosk.shell.remote.server import Limits

READS = ["/", "/screenshot.png", "/status.json", "/metrics"]
WRITES = ["/refresh", "/page/next"]


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningKiosk]:
    # Wrong tokens are tried here on purpose, more than a client may try at once: guessing is slowed
    # in a kiosk of its own (test_remote_guard.py).
    limits = Limits(free_guesses=1000)
    with running_kiosk(tmp_path_factory.mktemp("remote"), limits=limits) as running:
        yield running


def until(check: object, tries: int = 100, pause: float = 0.1) -> None:
    """Ask again until ``check()`` is true, at most ``tries`` times (a count, not a deadline)."""
    for _ in range(tries):
        if check():  # type: ignore[operator]
            return
        time.sleep(pause)
    raise AssertionError(f"still not true after {tries} tries")


def metrics(kiosk: RunningKiosk) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = kiosk.request("/metrics", token=TOKEN)
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.body.decode())
        for sample in family.samples
    }


@pytest.mark.parametrize("path", READS)
def test_every_read_needs_the_token(kiosk: RunningKiosk, path: str) -> None:
    for token in (None, "wrong-token-0123456789abcdef", TOKEN[:-1]):
        refused = kiosk.request(path, token=token)
        assert refused.status == 401
        assert refused.headers["WWW-Authenticate"].startswith("Bearer")
        assert b"Remote Test Spaces" not in refused.body and b"sessions" not in refused.body
    assert kiosk.request(path, token=TOKEN).status == 200


@pytest.mark.parametrize("path", WRITES)
def test_every_write_needs_the_token_and_a_post(kiosk: RunningKiosk, path: str) -> None:
    assert kiosk.request(path, method="POST").status == 401
    assert kiosk.request(path, method="POST", token="wrong-token-0123456789abcdef").status == 401
    assert kiosk.request(path, token=TOKEN).status == 405
    assert kiosk.request(path, method="POST", token=TOKEN).status == 202


def test_an_unknown_address_is_refused_before_it_is_named(kiosk: RunningKiosk) -> None:
    assert kiosk.request("/.env").status == 401
    assert kiosk.request("/.env", token=TOKEN).status == 404


def test_the_token_once_in_the_address_becomes_an_http_only_cookie(kiosk: RunningKiosk) -> None:
    assert kiosk.request("/?token=not-the-token-at-all-000").status == 401
    signed_in = kiosk.request(f"/?token={TOKEN}")
    assert signed_in.status == 303 and signed_in.headers["Location"] == "./"
    cookie = signed_in.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    jar = cookie.split(";")[0]
    page = kiosk.request("/", headers={"Cookie": jar})
    assert page.status == 200 and b"Remote Test Spaces" in page.body
    assert kiosk.request("/status.json", headers={"Cookie": jar}).status == 200
    assert kiosk.request("/", headers={"Cookie": "kiosk_token=forged-0123456789abcdef"}).status == 401
    # A browser posts the buttons' forms with the cookie and is sent back to the page.
    posted = kiosk.request("/refresh", method="POST", headers={"Cookie": jar, "Accept": "text/html"})
    assert posted.status == 303


def test_a_bookmarked_screenshot_with_the_token_in_its_address_opens(kiosk: RunningKiosk) -> None:
    assert kiosk.request("/screenshot.png?width=320&token=not-the-token-at-all-000").status == 401
    signed_in = kiosk.request(f"/screenshot.png?width=320&token={TOKEN}")
    # The token leaves the address (it would stay in the history and in logs); the width stays.
    assert signed_in.status == 303 and signed_in.headers["Location"] == "screenshot.png?width=320"
    jar = signed_in.headers["Set-Cookie"].split(";")[0]
    picture = kiosk.request("/screenshot.png?width=320", headers={"Cookie": jar})
    assert picture.status == 200 and picture.headers["Content-Type"] == "image/png"
    assert kiosk.request(f"/status.json?token={TOKEN}").headers["Location"] == "status.json"


def test_the_page_shows_the_facts_check_prints(kiosk: RunningKiosk) -> None:
    body = kiosk.request("/", token=TOKEN).body.decode()
    assert kiosk.config.source.url in body
    assert "1 session, 0 problems" in body and "json" in body
    assert (
        'src="screenshot.png?width=' in body and 'action="refresh"' in body and 'action="page/next"' in body
    )


def show(kiosk: RunningKiosk, page: str) -> None:
    """Press "next page" until ``page`` is on screen (other tests turn pages too)."""
    for _ in range(len(kiosk.config.pages.order)):
        shown = kiosk.page()
        if shown == page:
            return
        assert kiosk.request("/page/next", method="POST", token=TOKEN).status == 202
        until(lambda: kiosk.page() != shown)  # noqa: B023 (called at once)
    assert kiosk.page() == page


def test_screenshot_is_the_screen_and_its_qr_code_is_the_proposal_url(kiosk: RunningKiosk) -> None:
    show(kiosk, "now")
    answer = kiosk.request("/screenshot.png", token=TOKEN)
    assert answer.headers["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(answer.body))
    assert image.size == (1280, 720)
    assert qr_codes(image) == [PROPOSE_URL]
    smaller = Image.open(io.BytesIO(kiosk.request("/screenshot.png?width=640", token=TOKEN).body))
    assert smaller.size == (640, 360)
    assert Image.open(io.BytesIO(kiosk.request("/screenshot.png?width=5000", token=TOKEN).body)).size == (
        1280,
        720,
    )
    assert kiosk.request("/screenshot.png?width=wide", token=TOKEN).status == 400


def test_status_json_is_the_live_record_and_the_buttons_work(kiosk: RunningKiosk) -> None:
    record = json.loads(kiosk.request("/status.json", token=TOKEN).body)
    assert record["sessions"] == 1 and record["format"] == "json"
    assert record["display"] == {"width": 1280, "height": 720}
    seen = kiosk.link.seen()
    assert seen is not None
    expected = status.record(seen.facts, seen.latest, kiosk.kiosk.now(), pid=record["pid"], rss=0)
    assert set(record) == set(expected)
    before = record["page"]
    turns = metrics(kiosk)[("kiosk_page_turns_total", ())]
    assert kiosk.request("/page/next", method="POST", token=TOKEN).status == 202
    until(lambda: json.loads(kiosk.request("/status.json", token=TOKEN).body)["page"] != before)
    assert metrics(kiosk)[("kiosk_page_turns_total", ())] == turns + 1


def test_metrics_parse_and_count_a_failed_fetch(kiosk: RunningKiosk) -> None:
    first = metrics(kiosk)
    assert first[("kiosk_build_info", (("version", status.__version__),))] == 1
    assert first[("kiosk_sessions", ())] == 1 and first[("kiosk_problems", ())] == 0
    assert 0 <= first[("kiosk_schedule_age_seconds", ())] < 3600
    assert first[("kiosk_frames_drawn_total", ())] >= 1
    assert first[("process_resident_memory_bytes", ())] > 0
    failed = ("kiosk_fetch_failures_total", (("kind", "server"),))
    attempts = first[("kiosk_fetch_attempts_total", ())]
    kiosk.schedule.routes["/schedule.json"] = reply(500, b"down for maintenance")
    try:
        assert kiosk.request("/refresh", method="POST", token=TOKEN).status == 202
        # The counter moves with the attempt; the published copy's facts when the loop has looked at it.
        until(lambda: failed in metrics(kiosk) and metrics(kiosk)[("kiosk_fetch_consecutive_failures", ())])
        after = metrics(kiosk)
    finally:
        kiosk.schedule.routes["/schedule.json"] = reply(200, b"")
    assert after[failed] == first.get(failed, 0) + 1
    assert after[("kiosk_fetch_attempts_total", ())] == attempts + 1
    assert after[("kiosk_fetch_consecutive_failures", ())] == 1
    assert after[("kiosk_sessions", ())] == 1  # the last good schedule is kept
    record = json.loads(kiosk.request("/status.json", token=TOKEN).body)
    assert record["last_fetch"]["failures"] == 1 and "500" in record["last_fetch"]["result"]


def test_the_page_says_what_check_says_of_the_side_sources(tmp_path_factory: pytest.TempPathFactory) -> None:
    with running_kiosk(tmp_path_factory.mktemp("alert")) as running:
        page = running.request("/", token=TOKEN).body.decode()
        assert "<dt>Side sources</dt><dd>No alert.</dd>" not in page  # no alert source: nothing said
        schedule = json.loads(schedule_now())
        schedule["alert"] = "Fire drill <now>: leave by the stairs"
        running.schedule.routes["/schedule.json"] = reply(
            200, json.dumps(schedule).encode(), {"Content-Type": "application/json"}
        )
        assert running.request("/refresh", method="POST", token=TOKEN).status == 202
        alert = "<dt>Alert (on every page)</dt><dd>Fire drill &lt;now&gt;: leave by the stairs</dd>"
        until(lambda: alert in running.request("/", token=TOKEN).body.decode())
