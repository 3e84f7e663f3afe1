"""The organisers' updates: posts from Mastodon and Bluesky, read as plain values.

Readers turn a server's JSON into ``Post`` values, keeping only what the facilitator allowed
(``allowed``); ``recent`` picks what the board shows at a moment. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.core.i18n import ENGLISH, Words
from kiosk.core.model import Problem


@dataclass(frozen=True, slots=True)
class Post:
    """One post as the board shows it. ``handle`` is the full address (``@pyconf@fosstodon.org``,
    ``@pyconf.bsky.social``); ``at`` is aware; ``text`` is plain text, paragraphs on their own lines,
    or only the content warning of a sensitive post. ``warning`` marks a post whose content is hidden
    without a warning of its own (one of ``WARNINGS``): the board says why in its own words."""

    author: str
    handle: str
    at: datetime
    text: str
    url: str = ""
    warning: str = ""


@dataclass(frozen=True, slots=True)
class FeedReading:
    """What a reader made of one response: the posts kept, broken entries (``problems``), and
    posts left out by the allow-list rules (``left_out``, each saying whose post and why)."""

    posts: tuple[Post, ...] = ()
    problems: tuple[Problem, ...] = ()
    left_out: tuple[Problem, ...] = ()


def read_entries(
    entries: list[Any], name: str, read: Callable[[Any], tuple[Post | None, str]]
) -> FeedReading:
    """Each entry of an answer through ``read`` (a post, or None and why it is left out); an entry
    that cannot be read is a problem named by its place (``statuses[3]``), and the rest are read."""
    posts: list[Post] = []
    problems: list[Problem] = []
    left_out: list[Problem] = []
    for index, entry in enumerate(entries):
        where = f"{name}[{index}]"
        try:
            post, why = read(entry)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            reason = f"missing {error}" if isinstance(error, KeyError) else str(error)
            problems.append(Problem(where, f"not a readable post ({reason})"))
            continue
        if post is None:
            left_out.append(Problem(where, why))
        else:
            posts.append(post)
    return FeedReading(tuple(posts), tuple(problems), tuple(left_out))


def parse_time(value: object) -> datetime:
    """An API's ISO 8601 time (``2026-12-05T10:30:00.000Z``); ValueError without a zone."""
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} has no time zone")
    return moment


def recent(posts: tuple[Post, ...], now: datetime, max_age_hours: float) -> tuple[Post, ...]:
    """The posts to show at ``now``: newer than ``max_age_hours``, newest first, each once (a post
    found both on an account and under a hashtag is one post)."""
    oldest = now.astimezone(UTC) - timedelta(hours=max_age_hours)
    seen: set[tuple[str, str]] = set()
    shown: list[Post] = []
    for post in sorted(posts, key=lambda p: p.at.astimezone(UTC), reverse=True):
        key = (post.url, post.handle) if post.url else (post.handle, post.at.isoformat() + post.text)
        if post.at.astimezone(UTC) < oldest or key in seen:
            continue
        seen.add(key)
        shown.append(post)
    return tuple(shown)


def ago(at: datetime, now: datetime, words: Words = ENGLISH) -> str:
    """How long ago ``at`` was, in the board's words: "just now", "12 min ago", "2 hr ago"; after six
    hours the time ("09:05", "Friday 16:10") in ``now``'s time zone (the event's)."""
    age = now.astimezone(UTC) - at.astimezone(UTC)
    if age < timedelta(minutes=1):
        return words("just_now", "just now")
    if age < timedelta(hours=1):
        return words.ago(age // timedelta(minutes=1))
    if age < timedelta(hours=6):
        return words.ago(age // timedelta(hours=1) * 60)
    local = at.astimezone(now.tzinfo)
    if local.date() == now.date():
        return words.time(local)
    return words("weekday_time", "{weekday} {time}", weekday=words.weekday(local), time=words.time(local))


# Why a post's content is hidden when it carries no warning text of its own.
SENSITIVE, ADULT, SEXUAL, NUDITY, GRAPHIC = "sensitive", "adult", "sexual", "nudity", "graphic"
WARNINGS = (SENSITIVE, ADULT, SEXUAL, NUDITY, GRAPHIC)


def shown_text(post: Post, words: Words = ENGLISH) -> str:
    """A post's text as the board shows it: its own, or the board's words for a hidden one."""
    if not post.warning:
        return post.text
    return {
        ADULT: words("post_adult", "Adult content"),
        SEXUAL: words("post_sexual", "Sexually suggestive"),
        NUDITY: words("post_nudity", "Nudity"),
        GRAPHIC: words("post_graphic", "Graphic media"),
    }.get(post.warning, words("post_sensitive", "Sensitive content"))
