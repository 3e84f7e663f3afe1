import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from doubles import Clocks

from kiosk.shell.notify import Notifier, socket_address, watchdog_interval


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.5)
    yield path, sock
    sock.close()


def received(sock: socket.socket) -> list[str]:
    messages = []
    sock.setblocking(False)
    try:
        while True:
            messages.append(sock.recv(4096).decode())
    except BlockingIOError:
        return messages


@pytest.mark.parametrize(
    ("env", "address"),
    [
        ({}, None),
        ({"NOTIFY_SOCKET": ""}, None),
        ({"NOTIFY_SOCKET": "/run/x"}, "/run/x"),
        ({"NOTIFY_SOCKET": "@k"}, "\0k"),
    ],
)
def test_socket_address(env: dict[str, str], address: str | None) -> None:
    assert socket_address(env) == address


@pytest.mark.parametrize(
    ("env", "interval"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "43"}, None),  # meant for another process
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
    ],
)
def test_watchdog_interval(env: dict[str, str], interval: float | None) -> None:
    assert watchdog_interval(env, 42) == interval


def test_messages_reach_the_socket(listener: tuple[str, socket.socket]) -> None:
    path, sock = listener
    clock = Clocks(tick=100.0)
    n = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"}, monotonic=clock.monotonic)
    n.ready("Showing now")
    n.watchdog()  # just readied: not due yet
    clock.advance(1.0)
    n.watchdog()
    clock.advance(0.5)
    n.watchdog()  # half a second after the last ping: not due
    n.status("Showing now")  # unchanged: not sent again
    n.status("Screen off until 08:00")
    n.stopping()
    assert received(sock) == [
        "READY=1\nSTATUS=Showing now",
        "WATCHDOG=1",
        "STATUS=Screen off until 08:00",
        "STOPPING=1",
    ]


def test_abstract_namespace_socket() -> None:
    name = f"open-spaces-kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        Notifier({"NOTIFY_SOCKET": "@" + name}).ready()
        assert sock.recv(100) == b"READY=1"


def test_nothing_is_sent_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[object] = []
    monkeypatch.setattr(socket.socket, "sendto", lambda *a: sent.append(a))
    n = Notifier({"WATCHDOG_USEC": "2000000"})
    n.ready()
    n.watchdog()
    n.stopping()
    assert not n.enabled and n.interval is None and sent == []


def test_a_missing_socket_is_not_fatal(tmp_path: Path) -> None:
    assert Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone")}).send("READY=1") is False
