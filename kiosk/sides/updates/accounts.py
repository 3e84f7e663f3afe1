"""Which accounts and hashtags the facilitator named, as written in the config, and who is allowed.

Mastodon accounts are ``https://server/@name`` (or ``@name@server``), hashtags
``https://server/tags/tag``; Bluesky accounts are handles (``pyconf.bsky.social``). An allow-list
entry is ``@name@server`` for Mastodon or a handle for Bluesky; all are compared without case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

_NAME = r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*"
_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?"
_ADDRESS = re.compile(rf"@?({_NAME})@({_HOST})")
_HANDLE = re.compile(r"@?((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]*)")
_DID = re.compile(r"did:(?:plc|web):[A-Za-z0-9._:%-]+")


@dataclass(frozen=True, slots=True)
class MastodonAccount:
    server: str  # "https://fosstodon.org"
    name: str  # "pyconf"

    @property
    def address(self) -> str:
        """``name@host``, the key the allow-list compares."""
        return f"{self.name}@{host_of(self.server)}".lower()

    @property
    def profile(self) -> str:
        return f"{self.server}/@{self.name}"

    def lookup_url(self) -> str:
        return f"{self.server}/api/v1/accounts/lookup?acct={quote(self.name)}"

    def statuses_url(self, limit: int) -> str:
        """The account's statuses, with ``{id}`` for the id that the lookup gives."""
        return f"{self.server}/api/v1/accounts/{{id}}/statuses?exclude_replies=true&limit={limit}"


@dataclass(frozen=True, slots=True)
class Hashtag:
    server: str
    tag: str

    def timeline_url(self, limit: int) -> str:
        return f"{self.server}/api/v1/timelines/tag/{quote(self.tag, safe='')}?limit={limit}"


def host_of(server: str) -> str:
    return (urlsplit(server).hostname or "").lower()


def _server(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def mastodon_account(text: str) -> MastodonAccount | None:
    """``https://server/@name`` or ``@name@server``; None when it is neither."""
    text = text.strip()
    address = _ADDRESS.fullmatch(text)
    if address:
        return MastodonAccount(f"https://{address[2]}", address[1])
    server = _server(text)
    match = re.fullmatch(rf"/@({_NAME})/?", urlsplit(text).path) if server else None
    return MastodonAccount(server, match[1]) if server and match else None


def hashtag(text: str) -> Hashtag | None:
    """``https://server/tags/tag``; None when it is not one."""
    server = _server(text.strip())
    match = re.fullmatch(r"/tags/#?(\w+)/?", urlsplit(text.strip()).path) if server else None
    return Hashtag(server, match[1]) if server and match else None


def bluesky_handle(text: str) -> str | None:
    """A Bluesky handle (``pyconf.bsky.social``, with or without ``@``) or DID, as the API takes it."""
    text = text.strip()
    if _DID.fullmatch(text):
        return text
    match = _HANDLE.fullmatch(text)
    return match[1].lower() if match else None


def bluesky_profile(handle: str) -> str:
    """The account's page on bsky.app (a handle or a DID)."""
    return f"https://bsky.app/profile/{quote(handle, safe=':')}"


def allow_key(text: str) -> str | None:
    """An allow-list entry as compared: ``name@host`` for Mastodon, the handle for Bluesky."""
    account = mastodon_account(text)
    return account.address if account else bluesky_handle(text)


def follow(mastodon: tuple[str, ...], bluesky: tuple[str, ...]) -> tuple[str, str] | None:
    """The first named account's profile address and handle: what the QR code invites to follow."""
    for text in mastodon:
        account = mastodon_account(text)
        if account is not None:
            return account.profile, f"@{account.address}"
    for text in bluesky:
        handle = bluesky_handle(text)
        if handle is not None:
            return bluesky_profile(handle), f"@{handle}"
    return None
