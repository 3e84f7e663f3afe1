"""The remote against strangers: how fast one connection can guess the token, and how long a client
with the token waits while 64 others hold every connection open.

Method: the remote's server runs in this process on 127.0.0.1 (its routes, its bounds, the demo
config; no drawing loop, so the status routes are answered "starting", which is as cheap as a 401).
Guessing: one keep-alive connection sends wrong tokens as fast as it can for SECONDS, once with
the default slowing (ten at once, then one a second), hammering or waiting as each answer's
Retry-After says, and once with it off (a client may try a
billion at once, as before it existed); the table counts the tokens the server compared, and the
answers per second. Crowding: 64 keep-alive connections, from one address and then from 64 (any
address of 127.0.0.0/8 is this machine), each send a request without the token every second and
connect again when they are closed; a client with the token then asks for /metrics 20 times, each
on a new connection, and the table gives its time to answer. Only 127.0.0.1 is contacted.

    python bench/remote_strangers.py [SECONDS]     # default 5
"""

from __future__ import annotations

import http.client
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bundled_config, median, percentile, table

from kiosk.config import RemoteConfig
from kiosk.shell.remote.guard import Guesses
from kiosk.shell.remote.link import Link
from kiosk.shell.remote.server import Limits, Running
from kiosk.shell.remote.web import Remote

TOKEN = "Hb7xQ2mW9tLr4Nc8Vk3ZpJ6d"


def serve(guesses: Guesses) -> Running:
    config = bundled_config()
    settings = RemoteConfig(listen=("127.0.0.1", 0), token=TOKEN)
    return Running(Remote(settings, lambda: config, Link(), guesses=guesses), "127.0.0.1", 0, Limits())


def guessing(guesses: Guesses, seconds: float, patient: bool = False) -> tuple[int, int, float]:
    """(tokens compared, answers, seconds) on one keep-alive connection guessing for ``seconds``;
    a ``patient`` guesser waits as long as each 429's Retry-After says."""
    running = serve(guesses)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=10)
        compared = answers = 0
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            headers = {"Host": f"127.0.0.1:{running.port}", "Authorization": f"Bearer guess-{answers:08d}"}
            connection.request("GET", "/status.json", headers=headers)
            answer = connection.getresponse()
            answer.read()
            answers += 1
            compared += answer.status == 401
            if patient and answer.status == 429:
                time.sleep(float(answer.headers["Retry-After"]))
        took = time.monotonic() - began
        connection.close()
        return compared, answers, took
    finally:
        running.stop()


@contextmanager
def idle_ish_clients(port: int, sources: list[str], every: float = 1.0) -> Iterator[list[int]]:
    """A keep-alive connection from each of ``sources`` sending a request without the token (a 401)
    every ``every`` seconds, reconnecting when the server closes it, until the block ends. Yields a
    list: [connections made, 401s read]."""
    counts = [0, 0]
    stop = threading.Event()
    request = f"GET /status.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()

    def one(source: str) -> None:
        sock: socket.socket | None = None
        while not stop.is_set():
            try:
                if sock is None:
                    sock = socket.create_connection(
                        ("127.0.0.1", port), timeout=5, source_address=(source, 0)
                    )
                    counts[0] += 1
                sock.sendall(request)
                answer = sock.recv(65536)
                if not answer:
                    raise ConnectionResetError
                counts[1] += answer.startswith(b"HTTP/1.1 401")
            except OSError:
                if sock is not None:
                    sock.close()
                sock = None
            stop.wait(every)
        if sock is not None:
            sock.close()

    threads = [threading.Thread(target=one, args=(source,), daemon=True) for source in sources]
    for thread in threads:
        thread.start()
    try:
        yield counts
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)


def answer_times(sources: list[str], asks: int = 20) -> list[float | None]:
    running = serve(Guesses())
    try:
        with idle_ish_clients(running.port, sources):
            time.sleep(3)  # every client connected and refused once
            return asked(running.port, asks)
    finally:
        running.stop()


def asked(port: int, asks: int) -> list[float | None]:
    """How long each of ``asks`` requests with the token takes, each on a new connection; None for
    one that had no answer within 2 s."""
    took: list[float | None] = []
    for _ in range(asks):
        began = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            headers = {"Host": f"127.0.0.1:{port}", "Authorization": f"Bearer {TOKEN}"}
            connection.request("GET", "/metrics", headers=headers)
            ok = connection.getresponse().status == 200
            connection.close()
            took.append(time.monotonic() - began if ok else None)
        except OSError:
            took.append(None)
        time.sleep(0.25)
    return took


def main(argv: list[str]) -> None:
    seconds = float(argv[0]) if argv else 5.0
    rows = []
    for name, guesses, patient in (
        ("slowed (default), hammering", Guesses(), False),
        ("slowed (default), waiting as told", Guesses(), True),
        ("not slowed (as before)", Guesses(free=10**9), False),
    ):
        compared, answers, took = guessing(guesses, seconds, patient)
        rows.append((name, compared, f"{compared / took:.1f}", f"{answers / took:.0f}"))
    print(table(("guessing, one connection", "tokens compared", "compared/s", "answers/s"), rows))
    print()
    rows = []
    for name, sources in (
        ("64 clients, one address", ["127.0.0.1"] * 64),
        ("64 clients, 64 addresses", [f"127.0.1.{n}" for n in range(1, 65)]),
    ):
        took = answer_times(sources)
        answered = [t for t in took if t is not None]
        rows.append(
            (
                name,
                f"{len(answered)}/{len(took)}",
                f"{median(answered) * 1000:.1f}" if answered else "-",
                f"{percentile(answered, 0.95) * 1000:.1f}" if answered else "-",
                f"{max(answered) * 1000:.1f}" if answered else "-",
            )
        )
    print(table(("a client with the token", "answered in 2 s", "median ms", "p95 ms", "max ms"), rows))


if __name__ == "__main__":
    main(sys.argv[1:])
