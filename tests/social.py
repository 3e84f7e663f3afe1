"""Mastodon and Bluesky API answers as their documentation shapes them, for tests.

Mastodon: Account and Status entities (docs.joinmastodon.org/entities/); Bluesky: the
``app.bsky.feed.getAuthorFeed`` output of ``FeedViewPost`` items (docs.bsky.app).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

NOW = datetime(2026, 12, 5, 6, 40, tzinfo=UTC)  # 12:10 in Asia/Kolkata


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def account(
    acct: str, display_name: str = "", id: str = "", emojis: list[str] | None = None
) -> dict[str, Any]:
    username = acct.split("@")[0]
    return {
        "id": id or str(abs(hash(acct)) % 10**9),
        "username": username,
        "acct": acct,
        "display_name": display_name,
        "url": f"https://fosstodon.org/@{username}",
        "emojis": [{"shortcode": s, "url": f"https://x/{s}.png"} for s in emojis or []],
    }


def status(
    id: str,
    who: dict[str, Any],
    content: str,
    at: datetime,
    *,
    sensitive: bool = False,
    spoiler_text: str = "",
    reblog: dict[str, Any] | None = None,
    in_reply_to: dict[str, Any] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    visibility: str = "public",
    emojis: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": id,
        "created_at": iso(at),
        "in_reply_to_id": "9" + id if in_reply_to else None,
        "in_reply_to_account_id": in_reply_to["id"] if in_reply_to else None,
        "sensitive": sensitive,
        "spoiler_text": spoiler_text,
        "visibility": visibility,
        "language": "en",
        "uri": f"https://fosstodon.org/users/{who['username']}/statuses/{id}",
        "url": f"https://fosstodon.org/@{who['username']}/{id}",
        "content": "" if reblog else content,
        "account": who,
        "reblog": reblog,
        "mentions": [
            {"id": m["id"], "username": m["username"], "acct": m["acct"], "url": m["url"]}
            for m in (mentions or ([in_reply_to] if in_reply_to else []))
        ],
        "emojis": [{"shortcode": s, "url": f"https://x/{s}.png"} for s in emojis or []],
        "media_attachments": [],
    }


def bsky_post(
    handle: str,
    text: str,
    at: datetime,
    *,
    rkey: str = "3kabc",
    display_name: str = "",
    labels: list[str] | None = None,
    reply_to: str | None = None,
    reposted_by: str | None = None,
) -> dict[str, Any]:
    did = f"did:plc:{handle.split('.')[0]}"
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": iso(at),
        "langs": ["en"],
    }
    item: dict[str, Any] = {
        "post": {
            "uri": f"at://{did}/app.bsky.feed.post/{rkey}",
            "cid": "bafyrei" + rkey,
            "author": {"did": did, "handle": handle, "displayName": display_name},
            "record": record,
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
            "indexedAt": iso(at),
            "labels": [
                {"src": did, "uri": f"at://{did}/app.bsky.feed.post/{rkey}", "val": v} for v in labels or []
            ],
        }
    }
    if reply_to is not None:
        parent_uri = f"at://did:plc:{reply_to.split('.')[0]}/app.bsky.feed.post/3kparent"
        record["reply"] = {"root": {"uri": parent_uri, "cid": "x"}, "parent": {"uri": parent_uri, "cid": "x"}}
        parent = {"$type": "app.bsky.feed.defs#postView", "uri": parent_uri, "author": {"handle": reply_to}}
        item["reply"] = {"root": parent, "parent": parent}
    if reposted_by is not None:
        item["reason"] = {
            "$type": "app.bsky.feed.defs#reasonRepost",
            "by": {"did": "did:plc:x", "handle": reposted_by},
            "indexedAt": iso(at),
        }
    return item


def dump(value: Any) -> bytes:
    return json.dumps(value).encode()


def author_feed(*items: dict[str, Any]) -> bytes:
    return dump({"feed": list(items), "cursor": "2026-12-05T00:00:00.000Z"})
