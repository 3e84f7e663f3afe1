"""What the remote checks before it looks at a token: the name it was called by, where a write comes
from, the cookie it was given, and how often an address has guessed wrong.

A page that a stranger's site loads in a visitor's browser can point a name of its own at the kiosk's
address (DNS rebinding) and read what the kiosk answers; the browser then sends that name as
``Host``. So the remote answers only to the names it is known by. An IP address is never such a
name: a browser that asks for one has that address as its origin.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

log = logging.getLogger("kiosk.shell.remote")

WILDCARDS = ("", "0.0.0.0", "::")  # a listen address that means every address of the machine
DEFAULT_PORTS = {"http": 80, "https": 443}


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def split_host(value: str) -> tuple[str, int | None] | None:
    """A ``Host`` header as (name, port): the name in lower case without brackets or a final dot;
    None when it is not a host at all."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or _address(name) is None:
            return None
        port_text = rest[1:] if rest.startswith(":") else rest
    else:
        name, _, port_text = value.partition(":")
    if port_text and not (port_text.isascii() and port_text.isdigit() and len(port_text) <= 5):
        return None
    name = name.rstrip(".")
    if not name or any(c in name for c in "/\\@?# "):
        return None
    return name, int(port_text) if port_text else None


@dataclass(frozen=True)
class Names:
    """The names the remote answers to: its listen address, ``localhost``, ``[remote] hosts`` and the
    machine's own name (``machine``, and its first label ``.local``: how a phone finds it by mDNS)."""

    listen: str
    hosts: tuple[str, ...] = ()
    machine: str = ""

    def allows(self, host_header: str | None) -> bool:
        split = split_host(host_header or "")
        if split is None:
            return False
        name, address = split[0], _address(split[0])
        listen = self.listen.lower()
        if address is None:
            machine = self.machine.lower()
            own = (machine, f"{machine.split('.')[0]}.local") if machine else ()
            return name in {"localhost", listen, *own, *(h.lower().rstrip(".") for h in self.hosts)}
        if listen in WILDCARDS:
            return True  # one of the machine's addresses, as the client found it
        bound = ipaddress.ip_address("127.0.0.1") if listen == "localhost" else _address(listen)
        if bound is None:
            return True  # listening on a name: its address is whatever that name resolved to
        return address == bound or (address.is_loopback and bound.is_loopback)


def same_origin(origin: str, host_header: str) -> bool:
    """Whether a request's ``Origin`` is the page it was asked for (``Host``): same name, same port."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return False
    host = split_host(host_header)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or host is None:
        return False
    default = DEFAULT_PORTS[parts.scheme]
    return parts.hostname.rstrip(".") == host[0] and (port or default) == (host[1] or default)


def cookie(header: str, name: str) -> Iterable[str]:
    """The values of cookie ``name`` in a ``Cookie`` header. Other cookies may hold anything (JSON,
    quotes, spaces): each pair ends at ``;`` and none of them stops the reading (RFC 6265 §5.4)."""
    for pair in header.split(";"):
        key, equals, value = pair.partition("=")
        if equals and key.strip() == name:
            yield value.strip().strip('"')


def client(address: str) -> str:
    """Whom an address stands for: itself, or for IPv6 its /64 (one machine may use many of those)."""
    parsed = _address(address)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(
        parsed.ipv4_mapped if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped else address
    )


class Guesses:
    """Wrong tokens, per client: each may try ``free`` at once, then one every ``seconds``; a client
    that must wait gets no answer about its token at all, and trying anyway makes it wait longer
    (``longest_wait`` at most). The log says who and how often, never what
    was tried: the first wrong token of a client at once, then a count at most every ``report_seconds``.
    """

    def __init__(
        self,
        free: int = 10,
        seconds: float = 1.0,
        report_seconds: float = 60.0,
        longest_wait: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        kept: int = 1024,
    ) -> None:
        self.free, self.seconds, self.report_seconds, self.kept = free, seconds, report_seconds, kept
        self.longest_wait = longest_wait
        self._clock = clock
        self._lock = threading.Lock()
        self._spent: dict[str, float] = {}  # client -> when its budget is whole again
        self._reported: dict[str, tuple[float, int]] = {}  # client -> (last report, unreported count)

    def wait(self, address: str) -> float:
        """Seconds before ``address`` may try a token again (0: now)."""
        now = self._clock()
        with self._lock:
            whole = self._spent.get(client(address), now)
        return max(0.0, whole - now - (self.free - 1) * self.seconds)

    def wrong(self, address: str) -> None:
        """One more wrong token from ``address`` (or one tried while it had to wait)."""
        who, now = client(address), self._clock()
        with self._lock:
            # Wrong tries while waiting push the wait further, up to ``longest_wait``.
            whole = max(self._spent.get(who, now), now) + self.seconds
            self._spent[who] = min(whole, now + (self.free - 1) * self.seconds + self.longest_wait)
            last, count = self._reported.get(who, (None, 0))
            if last is None:
                log.warning("the remote was given a wrong token from %s", who)
                self._reported[who] = (now, 0)
            elif now - last >= self.report_seconds:
                log.warning(
                    "the remote was given %d more wrong tokens from %s in the last %d s; it may try "
                    "one every %g s",
                    count + 1,
                    who,
                    round(now - last),
                    self.seconds,
                )
                self._reported[who] = (now, 0)
            else:
                self._reported[who] = (last, count + 1)
            if len(self._spent) > self.kept:
                self._forget(now)

    def _forget(self, now: float) -> None:
        """Drop the clients whose budget is whole again, then the oldest: the table stays small."""
        for who in [w for w, whole in self._spent.items() if whole <= now]:
            del self._spent[who]
            self._reported.pop(who, None)
        while len(self._spent) > self.kept:
            who = next(iter(self._spent))
            del self._spent[who]
            self._reported.pop(who, None)
