"""``[remote]`` read and checked: the listen address, the token, and the names the remote answers to."""

from __future__ import annotations

import ipaddress
import re

from kiosk.config.reader import Table
from kiosk.config.schema import RemoteConfig
from kiosk.config.token import HOW_TO_MAKE_ONE, weakness

# A bearer token travels in a header and a cookie: RFC 6750's token68 characters, long enough to guess at
# no better than chance.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~+/-]+=*")
TOKEN_MIN_LENGTH = 16
HOST_NAME = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?"
)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``: ``localhost`` or an address in 127.0.0.0/8 or ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_remote(t: Table) -> RemoteConfig:
    """``[remote]``: where to listen, the token (hard to guess), the names it answers to."""
    text = t.text("listen", "")
    token = t.text("token", "")
    public = t.flag("metrics_public", False)
    hosts = tuple(h.lower() for h in t.texts("hosts", HOST_NAME.fullmatch, "kiosk-h103.local"))
    if not text:
        return RemoteConfig(token=token, metrics_public=public, hosts=hosts)
    match = re.fullmatch(r"\s*(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]]+)):(\d{1,5})\s*", text)
    if match is None or int(match[3]) > 65535:
        raise t.error("listen", f'must be "host:port", e.g. "0.0.0.0:8080" or "[::1]:8080", got {text!r}')
    host = match[1] or match[2]
    if token and (not TOKEN_PATTERN.fullmatch(token) or len(token) < TOKEN_MIN_LENGTH):
        raise t.error(
            "token",
            f"must be at least {TOKEN_MIN_LENGTH} letters, digits or -._~+/ "
            f"(make one with {HOW_TO_MAKE_ONE})",
        )
    if token and (why := weakness(token)) is not None:
        raise t.error("token", why)
    if not token and not is_loopback(host):
        raise t.error("token", f"is required when [remote] listen is not a loopback address ({host})")
    return RemoteConfig(listen=(host, int(match[3])), token=token, metrics_public=public, hosts=hosts)
