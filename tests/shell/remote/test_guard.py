"""The remote's checks before the token, as plain functions: names, origins, cookies, guessing."""

from __future__ import annotations

import logging

import pytest
from doubles import Clocks

from kiosk.shell.remote.guard import Guesses, Names, client, cookie, same_origin, split_host


@pytest.mark.parametrize(
    ("header", "split"),
    [
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("[::1]:8080", ("::1", 8080)),
        ("[::1]", ("::1", None)),
        ("Kiosk-H103.Local.:80", ("kiosk-h103.local", 80)),
        ("evil.example", ("evil.example", None)),
        ("", None),
        ("a b", None),
        ("host:port", None),
        ("host:٨٠", None),
        ("[not-an-address]:80", None),
        ("user@host", None),
    ],
)
def test_a_host_header_is_split_into_name_and_port(header: str, split: tuple[str, int | None] | None) -> None:
    assert split_host(header) == split


def test_names_on_loopback() -> None:
    names = Names("127.0.0.1", ("kiosk-h103.venue.example",), "kiosk-h103")
    allowed = ["127.0.0.1:1", "127.0.0.5", "[::1]:1", "localhost:1", "kiosk-h103:1", "KIOSK-H103.local"]
    allowed.append("kiosk-h103.venue.example:8080")
    refused = [None, "", "evil.example:1", "kiosk-h104.local", "10.0.0.5:1", "localhost.evil.example"]
    assert all(names.allows(h) for h in allowed)
    assert not any(names.allows(h) for h in refused)


def test_the_machine_is_known_by_its_name_and_its_mdns_name() -> None:
    names = Names("0.0.0.0", machine="kiosk-h103.venue.example")
    assert names.allows("kiosk-h103.venue.example:8080") and names.allows("kiosk-h103.local:8080")
    assert not names.allows("kiosk-h103:8080") and not names.allows("venue.example")


def test_names_on_every_address_take_any_address_but_only_known_names() -> None:
    names = Names("0.0.0.0")
    assert names.allows("192.0.2.7:8080") and names.allows("[2001:db8::7]:8080")
    assert not names.allows("evil.example:8080")


@pytest.mark.parametrize(
    ("origin", "host", "same"),
    [
        ("http://127.0.0.1:8080", "127.0.0.1:8080", True),
        ("http://Kiosk.local", "kiosk.local:80", True),
        ("https://kiosk.example", "kiosk.example", True),
        ("http://evil.example:8080", "127.0.0.1:8080", False),
        ("http://127.0.0.1:8081", "127.0.0.1:8080", False),
        ("null", "127.0.0.1:8080", False),
        ("file://", "127.0.0.1:8080", False),
        ("http://[::1", "127.0.0.1:8080", False),
    ],
)
def test_same_origin(origin: str, host: str, same: bool) -> None:
    assert same_origin(origin, host) is same


def test_cookies_are_read_past_anything_unrelated() -> None:
    header = 'other={"json":1}; theme="dark; blue"; kiosk_token=abc; ;kiosk_token="def"; x'
    assert list(cookie(header, "kiosk_token")) == ["abc", "def"]
    assert list(cookie("kiosk_tokens=abc", "kiosk_token")) == []


def test_a_client_is_its_address_or_its_ipv6_64() -> None:
    assert client("192.0.2.7") == "192.0.2.7"
    assert client("::ffff:192.0.2.7") == "192.0.2.7"
    assert client("2001:db8:1:2:aaaa::1") == client("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"


def test_guesses_are_free_then_one_a_second_and_a_waiting_client_waits_longer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clocks()
    guesses = Guesses(free=3, seconds=1.0, longest_wait=5.0, clock=clock.monotonic)
    for _ in range(3):
        assert guesses.wait("192.0.2.7") == 0
        guesses.wrong("192.0.2.7")
    assert guesses.wait("192.0.2.7") == pytest.approx(1.0)
    assert guesses.wait("192.0.2.8") == 0  # another client
    clock.advance(1.0)
    assert guesses.wait("192.0.2.7") == 0
    for _ in range(100):  # hammering while told to wait
        guesses.wrong("192.0.2.7")
    assert guesses.wait("192.0.2.7") == pytest.approx(5.0)
    clock.advance(5.0)
    assert guesses.wait("192.0.2.7") == 0


def test_guesses_are_logged_by_count_and_address_at_most_once_a_minute(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.shell.remote")
    clock = Clocks()
    guesses = Guesses(clock=clock.monotonic)
    for _ in range(1800):
        guesses.wrong("192.0.2.7")
        clock.advance(0.001)
    clock.advance(60)
    guesses.wrong("192.0.2.7")
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0] == "the remote was given a wrong token from 192.0.2.7"
    assert messages[1].startswith(
        "the remote was given 1800 more wrong tokens from 192.0.2.7 in the last 62 s"
    )
    assert len(messages) == 2


def test_the_table_of_guessers_stays_small() -> None:
    clock = Clocks()
    guesses = Guesses(clock=clock.monotonic, kept=10)
    for n in range(50):
        guesses.wrong(f"192.0.2.{n}")
    assert len(guesses._spent) <= 11
