"""The remote's own kiosks: metrics made public, no token on loopback, a turned screen, and the
server's bounds (a huge request line, a slow loris, a silent client).

Each test runs a kiosk of its own, so this file never shares the display with another running kiosk.

``kiosk.shell.remote`` as a whole, with kiosks of their own (``kiosk.shell.remote.server``'s bounds).
"""

from __future__ import annotations

import io
import socket
import sys
import time
from datetime import UTC
from pathlib import Path
from statistics import median

from PIL import Image
from remote_kiosk import PROPOSE_URL, TOKEN, running_kiosk
from screens import qr_codes

from kiosk.shell.remote.server import Limits

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
import remote_load


def test_metrics_can_be_public_while_the_rest_stays_closed(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, f'token = "{TOKEN}"\nmetrics_public = true') as kiosk:
        assert kiosk.request("/metrics").status == 200
        assert kiosk.request("/status.json").status == 401
        assert kiosk.request("/refresh", method="POST").status == 401


def test_on_loopback_without_a_token_it_reads_but_never_writes(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, "") as kiosk:
        assert kiosk.request("/status.json").status == 200
        assert b"Set <code>[remote] token</code>" in kiosk.request("/").body
        assert kiosk.request("/refresh", method="POST").status == 403
        assert kiosk.request("/page/next", method="POST", token=TOKEN).status == 403


def test_screenshot_of_a_screen_on_its_side_reads_upright(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, size=(720, 1280), rotate=90) as kiosk:
        image = Image.open(io.BytesIO(kiosk.request("/screenshot.png", token=TOKEN).body))
        assert image.size == (1280, 720)
        assert qr_codes(image) == [PROPOSE_URL]


# --- the server's bounds -------------------------------------------------------------------------

QUICK = Limits(idle_seconds=2, request_seconds=2, tick_seconds=1)


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(65536) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_a_megabyte_request_line_is_refused_and_the_server_goes_on(tmp_path: Path) -> None:
    with (
        running_kiosk(tmp_path, limits=QUICK) as kiosk,
        socket.create_connection(("127.0.0.1", kiosk.server.port)) as s,
    ):
        s.settimeout(30)
        head = b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        sent = 0
        try:
            while sent < len(head):
                sent += s.send(head[sent : sent + 65536])
        except (ConnectionResetError, BrokenPipeError):
            pass
        answer = b""
        try:
            while chunk := s.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
        refused = answer.startswith(b"HTTP/1.0 431") or answer.startswith(b"HTTP/1.1 431")
        assert refused or (answer == b"" and sent < len(head))
        assert kiosk.request("/status.json", token=TOKEN).status == 200


def test_a_slow_loris_and_a_silent_client_are_cut_off(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, limits=QUICK) as kiosk:
        silent = socket.create_connection(("127.0.0.1", kiosk.server.port))
        loris = socket.create_connection(("127.0.0.1", kiosk.server.port))
        with silent, loris:
            silent.settimeout(30)
            loris.settimeout(0.2)
            loris.sendall(b"GET /status.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            trickle = b"X-Slow: " + b"z" * 200  # one byte every 0.2 s: 40 s if it were let through
            cut_after = None
            for sent in range(len(trickle)):
                try:
                    loris.send(trickle[sent : sent + 1])
                    if loris.recv(1) == b"":
                        cut_after = sent
                        break
                except TimeoutError:
                    continue
                except (ConnectionResetError, BrokenPipeError):
                    cut_after = sent
                    break
            assert cut_after is not None and cut_after < len(trickle) // 2
            assert closed_by_server(silent)
        assert kiosk.request("/status.json", token=TOKEN).status == 200


def test_fifty_slow_clients_do_not_delay_a_frame(tmp_path: Path) -> None:
    """Every step draws its frame with 50 slow clients as without them; the step times are printed
    (their figures are on the manual's Performance page, from bench/remote_load.py), not asserted."""
    clock, monotonic, moved = remote_load.clocks(UTC)
    with running_kiosk(tmp_path, loop=False, clock=clock, monotonic=monotonic) as kiosk:
        alone = remote_load.step_times(kiosk.kiosk, moved, 30)
        with remote_load.slow_clients(kiosk.server.port, TOKEN, seconds=120) as served:
            for _ in range(100):  # until the first screenshot is asked for (a count of tries)
                if kiosk.link.capture_wanted:
                    break
                time.sleep(0.05)
            busy = remote_load.step_times(kiosk.kiosk, moved, 30)
            for _ in range(200):  # keep stepping until some client has read an answer whole
                kiosk.kiosk.step()
                time.sleep(0.02)
    print(
        f"\nstep ms, median: alone {median(alone.wall) * 1000:.1f}, "
        f"50 slow clients {median(busy.wall) * 1000:.1f}"
    )
    assert (alone.frames, busy.frames) == (30, 30)
    assert served[0] > 0


def test_next_page_walks_through_the_parts_of_a_long_day(tmp_path: Path) -> None:
    """The button (like the → key) shows each part of a "today" too long for one screen, in turn."""
    with running_kiosk(tmp_path, long_day=True) as kiosk:
        seen = [kiosk.page()]
        for _ in range(3):
            assert kiosk.request("/page/next", method="POST", token=TOKEN).status == 202
            for _ in range(100):  # until the loop has turned the page (a count of tries)
                if kiosk.page() != seen[-1]:
                    break
                time.sleep(0.1)
            seen.append(kiosk.page())
    parts = int(seen[1].split("/")[1].rstrip(")"))
    assert parts > 2
    assert seen == ["now", f"today (1/{parts})", f"today (2/{parts})", f"today (3/{parts})"]
