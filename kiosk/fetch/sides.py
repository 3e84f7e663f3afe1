"""The side sources read beside the schedule, one entry each: its name (the reader's ``SIDE``, its key
in ``Latest.sides``) and the sources its config table names, each with the config key that names it
and how its fetched bytes are checked before they replace the last good copy.

A new side source is an entry here, its reader in ``kiosk.sides`` and its part of ``check``'s report
in ``kiosk.report.sides`` (a test checks that both list the same sides, in the same order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.config import Config
from kiosk.formats.decode import decode
from kiosk.sides import alert, ideas, votes
from kiosk.sides.updates import feeds, mastodon


def text_document(data: bytes) -> None:
    """A side source's bytes must be UTF-8 text, not a web page (a login page, an error page)."""
    decode(data)


def optional_text(data: bytes) -> None:
    """Like ``text_document``, but an empty document is good news (no alert), not a failure."""
    if data.strip(b"\xef\xbb\xbf \t\r\n"):
        decode(data)


@dataclass(frozen=True, slots=True)
class SideSource:
    """A source read beside the schedule through the same fetch path.

    ``name`` is its key in ``Latest.sides``; ``check`` raises ``UnreadableError`` when fetched
    bytes are not what the source holds, so that the last good copy stays on the board. With
    ``lookup``, ``url`` holds ``{id}``: ``resolve`` reads the id from what ``lookup`` answers (once,
    and again when ``url`` is gone). ``min_poll_seconds`` keeps a source polled no more often.
    """

    name: str
    url: str
    setting: str  # the config key that names it, for messages: "[vote] results"
    check: Callable[[bytes], None] = text_document
    lookup: str = ""
    resolve: Callable[[bytes], str] | None = None
    min_poll_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Side:
    """One kind of side source: ``sources`` are the ones a config asks for (none when its table is
    empty)."""

    name: str
    sources: Callable[[Config], tuple[SideSource, ...]]


def _document(
    name: str, setting: str, url: Callable[[Config], str], check: Callable[[bytes], None] = text_document
) -> Callable[[Config], tuple[SideSource, ...]]:
    """A side source that is one document at the URL the config names, or none."""

    def sources(config: Config) -> tuple[SideSource, ...]:
        found = url(config)
        return (SideSource(name, found, setting, check),) if found else ()

    return sources


def update_sources(config: Config) -> tuple[SideSource, ...]:
    """The organisers' feeds ([updates]): each answer must read as posts to be kept."""
    allow = feeds.allowed(config.updates)

    def source(feed: feeds.Feed) -> SideSource:
        def check(data: bytes) -> None:
            feeds.read(feed, allow, data)

        resolve = mastodon.account_id if feed.lookup else None
        return SideSource(
            feed.name, feed.url, feed.setting, check, feed.lookup, resolve, feeds.MIN_POLL_SECONDS
        )

    return tuple(source(feed) for feed in feeds.feeds(config.updates))


SIDES: tuple[Side, ...] = (
    Side(votes.SIDE, _document(votes.SIDE, "[vote] results", lambda config: config.vote.results)),
    Side(ideas.SIDE, _document(ideas.SIDE, "[ideas] url", lambda config: config.ideas.url)),
    Side(
        alert.SIDE,
        _document(alert.SIDE, "[alert] url", lambda config: config.alert.url, optional_text),
    ),
    Side(feeds.SIDE, update_sources),
)


def asked(config: Config) -> frozenset[str]:
    """The sides ``config`` asks for: those with a source."""
    return frozenset(side.name for side in SIDES if side.sources(config))


def side_sources(config: Config) -> tuple[SideSource, ...]:
    """Every side source the config asks for, in the order of ``SIDES``."""
    return tuple(source for side in SIDES for source in side.sources(config))
