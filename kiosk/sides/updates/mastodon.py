"""Mastodon's REST API JSON (an account lookup, an account's statuses, a hashtag timeline) → posts.

Shapes as documented at docs.joinmastodon.org (entities Account and Status). Only what the
facilitator allowed is kept: the author must be allowed, a boost shows only an allowed author's
post, a reply only an answer to an allowed account (or to oneself: a thread).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from kiosk.core.model import UnreadableError
from kiosk.sides.updates import SENSITIVE, FeedReading, Post, parse_time, read_entries
from kiosk.sides.updates.accounts import host_of

Clean = Callable[[str], str]


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise UnreadableError("not a Mastodon API answer (not JSON)") from None


def account_id(data: bytes) -> str:
    """The id in an ``/api/v1/accounts/lookup`` answer."""
    account = _json(data)
    if not isinstance(account, dict) or not isinstance(account.get("id"), str | int):
        raise UnreadableError("not a Mastodon account (no id)")
    return str(account["id"])


def read_statuses(data: bytes, server: str, allow: frozenset[str], clean: Clean) -> FeedReading:
    """Statuses (an account's or a hashtag's timeline) from ``server`` as posts; ``allow`` holds
    ``name@host`` keys; ``clean`` makes a stranger's text safe to draw."""
    statuses = _json(data)
    if not isinstance(statuses, list):
        raise UnreadableError("not a Mastodon timeline (expected a list of statuses)")
    host = host_of(server)
    return read_entries(statuses, "statuses", lambda status: _status(status, host, allow, clean))


def _status(status: Any, host: str, allow: frozenset[str], clean: Clean) -> tuple[Post | None, str]:
    # Deferred: the HTML parser (html.parser, html.entities: 0.4 MiB) loads with the first post read.
    from kiosk.core.html import plain_text

    if not isinstance(status, dict):
        raise TypeError("not an object")
    at = parse_time(status["created_at"])
    booster = _address(status["account"], host)
    shown = status.get("reblog") or status
    if not isinstance(shown, dict):
        raise TypeError("reblog is not an object")
    account = shown["account"]
    author = _address(account, host)
    handle = clean(_at(author))
    if author not in allow:
        kind = f"a boost by {clean(_at(booster))} of" if shown is not status else "a post by"
        return None, f"{kind} {handle}, who is not in [updates] allow"
    if shown.get("visibility", "public") not in ("public", "unlisted"):
        return None, f"a {clean(str(shown.get('visibility')))} post by {handle}"
    if shown.get("in_reply_to_id") is not None:
        to = _replied_to(shown, host)
        if to != author and to not in allow:
            return None, f"a reply by {handle} to {clean(_at(to)) if to else 'an unknown account'}"
    emoji = {e["shortcode"] for e in shown.get("emojis") or () if isinstance(e, dict)}
    warning = str(shown.get("spoiler_text") or "")
    hidden = ""
    if warning.strip() or shown.get("sensitive"):
        text = clean(_drop_emoji(warning, emoji))
        hidden = "" if text else SENSITIVE
    else:
        text = clean(_drop_emoji(plain_text(str(shown.get("content") or "")), emoji))
    names = {e["shortcode"] for e in account.get("emojis") or () if isinstance(e, dict)}
    name = clean(_drop_emoji(str(account.get("display_name") or ""), names)) or str(account["username"])
    url = str(shown.get("url") or shown.get("uri") or "")
    return Post(author=name, handle=handle, at=at, text=text, url=url, warning=hidden), ""


def _address(account: Any, host: str) -> str:
    """``name@host`` of an account: a local account's ``acct`` has no host, a remote one's has."""
    acct = str(account["acct"]).strip().lstrip("@")
    return (acct if "@" in acct else f"{acct}@{host}").lower()


def _replied_to(status: dict[str, Any], host: str) -> str | None:
    """The address of the account a reply answers: itself, or one of the status's mentions."""
    target = status.get("in_reply_to_account_id")
    if target is not None and str(target) == str(status["account"].get("id")):
        return _address(status["account"], host)
    for mention in status.get("mentions") or ():
        if isinstance(mention, dict) and str(mention.get("id")) == str(target):
            return _address(mention, host)
    return None


def _drop_emoji(text: str, shortcodes: set[str]) -> str:
    if not shortcodes:
        return text
    dropped = re.sub(r":([A-Za-z0-9_]+):", lambda m: "" if m[1] in shortcodes else m[0], text)
    return re.sub(r"[ \t]{2,}", " ", dropped).strip()


def _at(address: str) -> str:
    return f"@{address}"
