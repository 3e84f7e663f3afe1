"""The remote against strangers, on 127.0.0.1: a rebound name, writes from other sites, odd widths,
unrelated cookies, token guessing, and clients that hold connections open to lock others out.

Each test runs a kiosk of its own: the guessing and the crowds must not spill into other tests.

``kiosk.shell.remote`` as a whole against strangers; the guard's own rules are test_guard.py.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from remote_kiosk import TOKEN, RunningKiosk, running_kiosk

from kiosk.shell.remote.server import Limits

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from remote_strangers import idle_ish_clients

READS = ["/", "/screenshot.png", "/status.json", "/metrics"]


def ask(
    kiosk: RunningKiosk,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
    timeout: float = 30,
) -> http.client.HTTPResponse:
    """One request on a connection of its own from ``source`` (any address of 127.0.0.0/8), with
    exactly the headers given (``Host`` included: http.client adds one only when it is missing)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", kiosk.server.port, timeout=timeout, source_address=(source, 0)
    )
    sent = {"Host": f"127.0.0.1:{kiosk.server.port}", **(headers or {})}
    connection.request(method, path, headers=sent)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def bearer(token: str = TOKEN, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **more}


# --- the name it is called by -------------------------------------------------------------------


@pytest.mark.parametrize("path", READS)
def test_a_rebound_name_is_refused_on_loopback_without_a_token(tmp_path: Path, path: str) -> None:
    with running_kiosk(tmp_path, "") as kiosk:
        port = kiosk.server.port
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", "", "a b"):
            refused = ask(kiosk, path, headers={"Host": host})
            assert refused.status == 421, host
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST.", f"127.0.0.2:{port}"):
            assert ask(kiosk, path, headers={"Host": host}).status == 200, host


def test_a_rebound_name_is_refused_before_the_token_is_read(tmp_path: Path) -> None:
    with running_kiosk(tmp_path) as kiosk:
        answer = ask(kiosk, "/status.json", headers=bearer(Host="evil.example"))
        assert answer.status == 421
        assert ask(kiosk, "/status.json", headers=bearer()).status == 200


def test_the_names_in_remote_hosts_are_answered(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, f'token = "{TOKEN}"\nhosts = ["kiosk-h103.local"]') as kiosk:
        assert ask(kiosk, "/status.json", headers=bearer(Host="Kiosk-H103.local:8080")).status == 200
        assert ask(kiosk, "/status.json", headers=bearer(Host="kiosk-h104.local")).status == 421


# --- where a write comes from, and the cookie ---------------------------------------------------


def test_a_write_sent_from_another_site_is_refused(tmp_path: Path) -> None:
    with running_kiosk(tmp_path) as kiosk:
        port = kiosk.server.port
        for origin in (
            "http://evil.example",
            f"http://evil.example:{port}",
            "null",
            f"http://127.0.0.1:{port + 1}",
        ):
            answer = ask(kiosk, "/page/next", method="POST", headers=bearer(Origin=origin))
            assert answer.status == 403, origin
        same = bearer(Origin=f"http://127.0.0.1:{port}")
        assert ask(kiosk, "/page/next", method="POST", headers=same).status == 202
        assert ask(kiosk, "/page/next", method="POST", headers=bearer()).status == 202  # no Origin sent


def test_unrelated_cookies_do_not_hide_the_token(tmp_path: Path) -> None:
    with running_kiosk(tmp_path) as kiosk:
        for jar in (
            f'other={{"json":1}}; kiosk_token={TOKEN}',
            f'kiosk_token={TOKEN}; theme="dark; blue"',
            f"a=1;;kiosk_token={TOKEN};b",
            f'kiosk_token=stale-one-from-before; kiosk_token="{TOKEN}"',
        ):
            assert ask(kiosk, "/status.json", headers={"Cookie": jar}).status == 200, jar
        assert ask(kiosk, "/status.json", headers={"Cookie": 'other={"json":1}'}).status == 401


# --- odd widths ---------------------------------------------------------------------------------


def test_odd_widths_are_a_400_and_leave_no_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with running_kiosk(tmp_path) as kiosk:
        for width in ("²", "9" * 4301, "٦٤٠", "６４０", "640.0", "-640", "+640", "0x280", "640 ", "123456"):
            answer = ask(kiosk, f"/screenshot.png?width={quote(width)}", headers=bearer())
            assert answer.status == 400, width
        assert ask(kiosk, "/screenshot.png?width=640", headers=bearer()).status == 200
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not [
        r for r in caplog.records if r.name.startswith("kiosk.shell.remote") and r.levelno >= logging.ERROR
    ]


# --- what the page and the status show of the source's address ----------------------------------


def test_the_page_and_status_hide_the_source_password_and_query(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, path="/schedule.json?key=sheet-secret-key", login="reader:hunter2") as kiosk:
        page = ask_body(kiosk, "/")
        status = ask_body(kiosk, "/status.json")
        assert "sheet-secret-key" not in page and "hunter2" not in page
        assert f"http://reader:…@127.0.0.1:{kiosk.schedule.http.server_port}/schedule.json?…" in page
        assert "sheet-secret-key" not in status and "hunter2" not in status
        assert json.loads(status)["sessions"] == 1  # the address still works: only its shown form is cut


def ask_body(kiosk: RunningKiosk, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", kiosk.server.port, timeout=30)
    connection.request("GET", path, headers=bearer())
    body = connection.getresponse().read().decode()
    connection.close()
    return body


# --- guessing -----------------------------------------------------------------------------------


def test_guessing_is_slowed_and_logged_without_the_guesses(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Ten wrong tokens at once, then one a minute here (one a second by default): the eleventh is told
    to wait, and so is the right token from the same address, so the wait tells nothing."""
    caplog.set_level(logging.INFO, logger="kiosk.shell.remote")
    with running_kiosk(tmp_path, limits=Limits(free_guesses=10, guess_seconds=60)) as kiosk:
        connection = http.client.HTTPConnection("127.0.0.1", kiosk.server.port, timeout=30)
        statuses = []
        for number in range(25):
            connection.request("GET", "/status.json", headers=bearer(f"guess-{number:04d}-abcdefghijkl"))
            answer = connection.getresponse()
            answer.read()
            statuses.append(answer.status)
        assert statuses == [401] * 10 + [429] * 15
        assert int(answer.headers["Retry-After"]) >= 1
        connection.request("GET", "/status.json", headers=bearer())
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 429
        connection.close()
        signed_in = ask(kiosk, f"/?token={TOKEN}")
        assert signed_in.status == 429 and signed_in.getheader("Set-Cookie") is None
        # Another address is not slowed by this one's guesses; a request without a token is no guess.
        assert ask(kiosk, "/status.json", headers=bearer(), source="127.0.0.2").status == 200
        assert ask(kiosk, "/status.json", source="127.0.0.3").status == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "wrong token from 127.0.0.1" in logged
    assert "guess-" not in logged and TOKEN not in logged


# --- clients that hold every slot ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sources",
    [["127.0.0.1"] * 64, [f"127.0.1.{n}" for n in range(1, 65)]],
    ids=["one address", "64 addresses"],
)
def test_64_idle_ish_clients_leave_a_slot_for_the_token(tmp_path: Path, sources: list[str]) -> None:
    """64 keep-alive clients hold every slot with a 401 every second; a client with the token, from
    an address of its own or theirs, still has its answer (the metrics Prometheus scrapes) in 2 s."""
    with running_kiosk(tmp_path) as kiosk, idle_ish_clients(kiosk.server.port, sources) as counts:
        for _ in range(100):  # until every client has connected and been refused once (a count)
            if counts[1] >= 64:
                break
            time.sleep(0.1)
        assert counts[1] >= 64
        took = []
        for source in ("127.0.0.1", "127.0.2.1", "127.0.0.1"):
            began = time.monotonic()
            assert ask(kiosk, "/metrics", headers=bearer(), source=source, timeout=2).status == 200
            took.append(time.monotonic() - began)
            time.sleep(1.5)
        answers = ", ".join(f"{t * 1000:.0f} ms" for t in took)
        print(f"\n{len(set(sources))} address(es), 64 clients: answers in {answers}")


def test_a_connection_answers_so_many_requests_then_closes(tmp_path: Path) -> None:
    with running_kiosk(tmp_path, limits=Limits(requests_per_connection=3)) as kiosk:
        connection = http.client.HTTPConnection("127.0.0.1", kiosk.server.port, timeout=30)
        said = []
        for _ in range(3):
            connection.request("GET", "/status.json", headers=bearer())
            answer = connection.getresponse()
            answer.read()
            said.append((answer.status, answer.getheader("Connection")))
        assert said == [(200, None), (200, None), (200, "close")]
        assert connection.sock is None or connection.sock.recv(1) == b""
        connection.close()


def test_a_connection_lives_so_long_then_closes_between_requests(tmp_path: Path) -> None:
    with (
        running_kiosk(tmp_path, limits=Limits(connection_seconds=2, tick_seconds=1)) as kiosk,
        socket.create_connection(("127.0.0.1", kiosk.server.port), timeout=30) as sock,
    ):
        request = f"GET /status.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n\r\n"
        closed = False
        for _ in range(50):  # a request every 0.2 s, never idle: at most 10 s
            try:
                sock.sendall(request.encode())
                if not sock.recv(65536):
                    closed = True
                    break
            except (ConnectionResetError, BrokenPipeError):
                closed = True
                break
            time.sleep(0.2)
        assert closed
