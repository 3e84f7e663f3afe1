"""The feeds the config names, and the posts in what they last held.

Each feed is a side source (``kiosk.fetch.sides``): fetched through the schedule's fetch
path, its last good answer kept on disk and in ``Latest.sides`` under the feed's name. The posts
are read from those bytes when a page is composed; the same bytes are read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from kiosk.core.model import Latest, Problem, UnreadableError
from kiosk.core.text import clean
from kiosk.sides.updates import FeedReading, Post, accounts, bluesky, mastodon

SIDE = "updates"  # the kind of side source; each feed has its own name in ``Latest.sides``
MASTODON, HASHTAG, BLUESKY = "mastodon", "hashtag", "bluesky"
LIMIT = 20  # posts asked for per feed: far more than a page shows
MIN_POLL_SECONDS = 60.0  # no feed is polled more often than once a minute


class UpdatesSettings(Protocol):
    """What the feeds are made from: ``[updates]`` as written (``kiosk.config``'s ``UpdatesConfig``),
    named here so that the readers need nothing from the config's layer above them."""

    @property
    def mastodon(self) -> tuple[str, ...]: ...
    @property
    def hashtags(self) -> tuple[str, ...]: ...
    @property
    def allow(self) -> tuple[str, ...]: ...
    @property
    def bluesky(self) -> tuple[str, ...]: ...
    @property
    def bluesky_api(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed: ``name`` is its key in ``Latest.sides`` (and its name in the log); ``setting``
    names it in ``check``'s problems; ``url`` is polled, with ``{id}`` standing for the account id
    that ``lookup`` gives (Mastodon accounts)."""

    name: str
    setting: str
    kind: str
    url: str
    server: str = ""
    lookup: str = ""


def feeds(updates: UpdatesSettings) -> tuple[Feed, ...]:
    found: list[Feed] = []
    for text in updates.mastodon:
        account = accounts.mastodon_account(text)
        if account is not None:
            found.append(
                Feed(
                    f"updates from @{account.address}",
                    f"[updates] mastodon @{account.address}",
                    MASTODON,
                    account.statuses_url(LIMIT),
                    account.server,
                    account.lookup_url(),
                )
            )
    for text in updates.hashtags:
        tag = accounts.hashtag(text)
        if tag is not None:
            where = f"#{tag.tag} on {accounts.host_of(tag.server)}"
            found.append(
                Feed(
                    f"updates tagged {where}",
                    f"[updates] hashtags {where}",
                    HASHTAG,
                    tag.timeline_url(LIMIT),
                    tag.server,
                )
            )
    for text in updates.bluesky:
        handle = accounts.bluesky_handle(text)
        if handle is not None:
            url = bluesky.feed_url(updates.bluesky_api, handle, LIMIT)
            found.append(Feed(f"updates from @{handle}", f"[updates] bluesky @{handle}", BLUESKY, url))
    return tuple(found)


def allowed(updates: UpdatesSettings) -> frozenset[str]:
    """Whose posts may be shown: ``allow`` and every account the config names."""
    keys = [accounts.allow_key(text) for text in (*updates.allow, *updates.mastodon, *updates.bluesky)]
    return frozenset(key for key in keys if key)


def read(feed: Feed, allow: frozenset[str], body: bytes) -> FeedReading:
    """The posts in a feed's answer; raises UnreadableError when it is not one."""
    return _read(feed.kind, feed.server, allow, body)


@lru_cache(maxsize=16)
def _read(kind: str, server: str, allow: frozenset[str], body: bytes) -> FeedReading:
    if kind == BLUESKY:
        return bluesky.read_author_feed(body, allow, clean)
    return mastodon.read_statuses(body, server, allow, clean)


def reading(updates: UpdatesSettings, latest: Latest) -> FeedReading:
    """Every post the feeds last held good (a feed that fails keeps its last good posts), with the
    broken entries and what the allow-list rules left out, each named by its feed."""
    allow = allowed(updates)
    posts: list[Post] = []
    problems: list[Problem] = []
    left_out: list[Problem] = []
    for feed in feeds(updates):
        polled = latest.side(feed.name)
        if polled is None or polled.reading is None:
            continue
        try:
            found = read(feed, allow, polled.reading.body)
        except UnreadableError:  # the feed checked it when it kept it; a cache read since may differ
            continue
        posts += found.posts
        problems += [Problem(f"{feed.setting}, {p.where}", p.message) for p in found.problems]
        left_out += [Problem(f"{feed.setting}, {p.where}", p.message) for p in found.left_out]
    return FeedReading(tuple(posts), tuple(problems), tuple(left_out))
