"""Bluesky's ``app.bsky.feed.getAuthorFeed`` JSON (the public AppView, no login) → posts.

Shapes as documented at docs.bsky.app (``FeedViewPost``: ``post`` with ``author``, ``record``,
``indexedAt`` and ``labels``; ``reply`` with the parent; ``reason`` for a repost). The same rules as
for Mastodon: a repost shows only an allowed author's post, a reply only an answer to an allowed
account or to oneself; a post labelled as adult or graphic shows only a warning.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from kiosk.core.model import UnreadableError
from kiosk.sides.updates import ADULT, GRAPHIC, NUDITY, SEXUAL, FeedReading, Post, parse_time, read_entries
from kiosk.sides.updates.accounts import bluesky_profile

Clean = Callable[[str], str]
# Labels that hide a post behind a warning in Bluesky's own app.
WARN = {"porn": ADULT, "sexual": SEXUAL, "nudity": NUDITY, "graphic-media": GRAPHIC, "gore": GRAPHIC}


def feed_url(api: str, actor: str, limit: int) -> str:
    return (
        f"{api.rstrip('/')}/xrpc/app.bsky.feed.getAuthorFeed"
        f"?actor={quote(actor, safe='')}&filter=posts_no_replies&limit={limit}"
    )


def read_author_feed(data: bytes, allow: frozenset[str], clean: Clean) -> FeedReading:
    try:
        answer = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise UnreadableError("not a Bluesky API answer (not JSON)") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("feed"), list):
        raise UnreadableError("not a Bluesky author feed (no feed list)")
    return read_entries(answer["feed"], "feed", lambda item: _item(item, allow, clean))


def _item(item: Any, allow: frozenset[str], clean: Clean) -> tuple[Post | None, str]:
    post = item["post"]
    author = post["author"]
    handle = str(author["handle"]).lower()
    shown = clean(f"@{handle}")
    record = post["record"]
    at = parse_time(post.get("indexedAt") or record["createdAt"])
    reason = item.get("reason")
    if handle not in allow:
        by = reason.get("by", {}).get("handle") if isinstance(reason, dict) else None
        kind = f"a repost by {clean('@' + str(by))} of" if by else "a post by"
        return None, f"{kind} {shown}, who is not in [updates] allow"
    if record.get("reply") is not None:
        parent = (item.get("reply") or {}).get("parent") or {}
        to = str((parent.get("author") or {}).get("handle") or "").lower()
        if to != handle and to not in allow:
            return None, f"a reply by {shown} to {clean('@' + to) if to else 'an unknown account'}"
    warnings = [WARN[v] for v in _labels(post, record) if v in WARN]
    text = "" if warnings else clean(str(record.get("text") or ""))
    name = clean(str(author.get("displayName") or "")) or shown[1:]
    url = _web_url(handle, str(post["uri"]))
    return Post(name, shown, at, text, url, warnings[0] if warnings else ""), ""


def _labels(post: dict[str, Any], record: dict[str, Any]) -> list[str]:
    found = [str(label.get("val")) for label in post.get("labels") or () if isinstance(label, dict)]
    own = record.get("labels")
    if isinstance(own, dict):
        found += [str(v.get("val")) for v in own.get("values") or () if isinstance(v, dict)]
    return found


def _web_url(handle: str, uri: str) -> str:
    """The post on bsky.app, from its ``at://did/app.bsky.feed.post/rkey`` URI."""
    rkey = uri.rsplit("/", 1)[-1] if uri.startswith("at://") else ""
    return f"{bluesky_profile(handle)}/post/{quote(rkey, safe='')}" if rkey else bluesky_profile(handle)
