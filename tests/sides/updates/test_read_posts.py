"""Reading Mastodon and Bluesky answers into posts: the allow-list rules, warnings, HTML as text.

``kiosk.sides.updates``' readers together (mastodon.py, bluesky.py, accounts.py, html.py): one answer is
read by all of them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from social import NOW, account, author_feed, bsky_post, dump, status

from kiosk.core.html import plain_text
from kiosk.core.model import UnreadableError
from kiosk.core.text import clean
from kiosk.sides.updates import SENSITIVE, Post, ago, recent, shown_text
from kiosk.sides.updates.accounts import allow_key, bluesky_handle, follow, hashtag, mastodon_account
from kiosk.sides.updates.bluesky import read_author_feed
from kiosk.sides.updates.mastodon import account_id, read_statuses

SERVER = "https://fosstodon.org"
PYCONF = account("pyconf", "PyConf :python: Team", id="1", emojis=["python"])
OPEN = account("openspaces@mastodon.social", "Open Spaces", id="2")
STRANGER = account("troll@evil.example", "Totally Official PyConf", id="3")
ALLOW = frozenset({"pyconf@fosstodon.org", "openspaces@mastodon.social", "pyconf.bsky.social"})


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello &amp; <b>welcome</b></p>", "Hello & welcome"),
        ("<p>one<br>two<br/>three</p><p>next</p>", "one\ntwo\nthree\n\nnext"),
        ("<p>a\n   b</p>", "a b"),
        ("<p>x<script>alert('pwned')</script>y<style>p{color:red}</style>z</p>", "xyz"),
        ("<script>document.write('<p>hi</p>')</script>ok", "ok"),
        ("&lt;b&gt;not bold&lt;/b&gt; &#x1F600; &eacute;", "<b>not bold</b> 😀 é"),
        (
            '<p>See <a href="https://www.example.org/a/very/long/path?q=1" rel="nofollow noopener">'
            '<span class="invisible">https://www.</span><span class="ellipsis">example.org/a/very</span>'
            '<span class="invisible">/long/path?q=1</span></a> now</p>',
            "See example.org now",
        ),
        (
            '<p><span class="h-card"><a href="https://fosstodon.org/@bob" class="u-url mention">'
            '@<span>bob</span></a></span> <a href="https://fosstodon.org/tags/PyConf" '
            'class="mention hashtag" rel="tag">#<span>PyConf</span></a></p>',
            "@bob #PyConf",
        ),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("<p>unclosed <a href='https://x.org/'>link", "unclosed x.org"),
        ("<div><p>a</p></div><ul><li>one</li><li>two</li></ul>", "a\n\none\n\ntwo"),
        ("<p>\u202eevil\u202c</p>", "\u202eevil\u202c"),  # markup only: control characters are clean()'s job
    ],
)
def test_html_becomes_what_a_browser_shows(html: str, text: str) -> None:
    assert plain_text(html) == text


def _read(*statuses: dict[str, object]) -> tuple[list[Post], list[str]]:
    reading = read_statuses(dump(list(statuses)), SERVER, ALLOW, clean)
    assert not reading.problems
    return list(reading.posts), [p.message for p in reading.left_out]


def test_a_post_by_an_allowed_account_is_plain_text_with_its_name_and_handle() -> None:
    posts, left_out = _read(
        status("10", PYCONF, "<p>Lunch runs late :python: today</p>", NOW, emojis=["python"])
    )
    assert left_out == []
    assert posts == [
        Post(
            author="PyConf Team",
            handle="@pyconf@fosstodon.org",
            at=NOW,
            text="Lunch runs late today",
            url="https://fosstodon.org/@pyconf/10",
        )
    ]


def test_a_stranger_on_the_hashtag_is_left_out_and_said_why() -> None:
    posts, left_out = _read(
        status("11", STRANGER, "<p>Free tickets at evil.example!</p>", NOW),
        status("12", OPEN, "<p>Room change</p>", NOW),
    )
    assert [p.handle for p in posts] == ["@openspaces@mastodon.social"]
    assert left_out == ["a post by @troll@evil.example, who is not in [updates] allow"]


def test_a_boost_shows_only_an_allowed_authors_post() -> None:
    kept = status("20", PYCONF, "", NOW, reblog=status("5", OPEN, "<p>New room: H-201</p>", NOW))
    dropped = status("21", PYCONF, "", NOW, reblog=status("6", STRANGER, "<p>spam</p>", NOW))
    posts, left_out = _read(kept, dropped)
    assert [(p.handle, p.text) for p in posts] == [("@openspaces@mastodon.social", "New room: H-201")]
    assert left_out == [
        "a boost by @pyconf@fosstodon.org of @troll@evil.example, who is not in [updates] allow"
    ]


def test_a_reply_is_shown_only_to_oneself_or_to_an_allowed_account() -> None:
    thread = status("30", PYCONF, "<p>2/2 and in H-104</p>", NOW, in_reply_to=PYCONF)
    to_friend = status("31", PYCONF, "<p>thanks!</p>", NOW, in_reply_to=OPEN)
    to_stranger = status("32", PYCONF, "<p>no, you</p>", NOW, in_reply_to=STRANGER)
    posts, left_out = _read(thread, to_friend, to_stranger)
    assert [p.text for p in posts] == ["2/2 and in H-104", "thanks!"]
    assert left_out == ["a reply by @pyconf@fosstodon.org to @troll@evil.example"]


def test_a_sensitive_post_shows_only_its_warning() -> None:
    posts, _ = _read(
        status("40", PYCONF, "<p>hidden details</p>", NOW, sensitive=True, spoiler_text="Food: peanuts"),
        status("41", PYCONF, "<p>hidden too</p>", NOW, sensitive=True),
    )
    assert [(p.text, p.warning) for p in posts] == [("Food: peanuts", ""), ("", SENSITIVE)]
    assert shown_text(posts[1]) == "Sensitive content"


def test_private_and_direct_posts_are_left_out() -> None:
    posts, left_out = _read(status("50", PYCONF, "<p>dm</p>", NOW, visibility="direct"))
    assert posts == [] and left_out == ["a direct post by @pyconf@fosstodon.org"]


def test_nothing_in_a_post_reaches_the_board_as_code_or_control_characters() -> None:
    evil = "<p>\x1b[2J\x1b]0;owned\x07Hi<script>x()</script> \u202egnp.exe\u202c\x00</p>"
    who = account("pyconf", "\x1b[31mPyConf\u202e", id="1")
    posts, _ = _read(status("60", who, evil, NOW))
    assert posts[0].author == "[31mPyConf"
    assert posts[0].text == "[2J]0;ownedHi gnp.exe"
    assert not any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E for c in posts[0].text + posts[0].author)


def test_rtl_and_emoji_text_is_kept_as_written() -> None:
    text = "שלום לכולם 👋 مرحبا بالجميع 🎉 👩‍💻"
    posts, _ = _read(status("70", PYCONF, f"<p>{text}</p>", NOW))
    assert posts[0].text == text


def test_a_broken_status_is_reported_and_the_rest_are_read() -> None:
    broken = {"id": "80", "content": "<p>no account, no time</p>"}
    bad_time = status("81", PYCONF, "<p>x</p>", NOW) | {"created_at": "yesterday"}
    reading = read_statuses(
        dump([broken, bad_time, status("82", PYCONF, "<p>fine</p>", NOW), "nonsense"]), SERVER, ALLOW, clean
    )
    assert [p.text for p in reading.posts] == ["fine"]
    assert [p.where for p in reading.problems] == ["statuses[0]", "statuses[1]", "statuses[3]"]


@pytest.mark.parametrize("body", [b"<html>login</html>", b'{"error": "Record not found"}', b"\xff\xfe"])
def test_an_answer_that_is_not_a_timeline_is_unreadable(body: bytes) -> None:
    with pytest.raises(UnreadableError):
        read_statuses(body, SERVER, ALLOW, clean)


def test_account_lookup_gives_the_id() -> None:
    assert account_id(dump(PYCONF)) == "1"
    with pytest.raises(UnreadableError):
        account_id(b'{"error": "Record not found"}')


def _bsky(*items: dict[str, object]) -> tuple[list[Post], list[str]]:
    reading = read_author_feed(author_feed(*items), ALLOW, clean)  # type: ignore[arg-type]
    assert not reading.problems
    return list(reading.posts), [p.message for p in reading.left_out]


def test_a_bluesky_post_has_its_name_handle_time_and_link() -> None:
    posts, _ = _bsky(bsky_post("pyconf.bsky.social", "Doors open 9:00 🎉", NOW, display_name="PyConf"))
    assert posts == [
        Post(
            "PyConf",
            "@pyconf.bsky.social",
            NOW,
            "Doors open 9:00 🎉",
            "https://bsky.app/profile/pyconf.bsky.social/post/3kabc",
        )
    ]


def test_bluesky_reposts_replies_and_labels_follow_the_same_rules() -> None:
    posts, left_out = _bsky(
        bsky_post("stranger.bsky.social", "buy now", NOW, reposted_by="pyconf.bsky.social"),
        bsky_post("pyconf.bsky.social", "no u", NOW, reply_to="stranger.bsky.social"),
        bsky_post("pyconf.bsky.social", "2/2", NOW, reply_to="pyconf.bsky.social"),
        bsky_post("pyconf.bsky.social", "the photo", NOW, labels=["graphic-media"]),
        bsky_post("pyconf.bsky.social", "Line one\nLine two", NOW),
    )
    assert [shown_text(p) for p in posts] == ["2/2", "Graphic media", "Line one\nLine two"]
    assert posts[1].text == "", "a labelled post's own text never reaches the board"
    assert left_out == [
        "a repost by @pyconf.bsky.social of @stranger.bsky.social, who is not in [updates] allow",
        "a reply by @pyconf.bsky.social to @stranger.bsky.social",
    ]


def test_a_bluesky_answer_without_a_feed_is_unreadable() -> None:
    with pytest.raises(UnreadableError):
        read_author_feed(b'{"error": "InvalidRequest"}', ALLOW, clean)


def test_recent_posts_are_newest_first_each_once_and_not_too_old() -> None:
    def post(minutes: int, url: str) -> Post:
        return Post("A", "@a@b", NOW - timedelta(minutes=minutes), "t", url)

    posts = (post(30, "u1"), post(5, "u2"), post(30, "u1"), post(25 * 60, "u3"), post(1, "u4"))
    assert [p.url for p in recent(posts, NOW, 24)] == ["u4", "u2", "u1"]


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(0, "just now"), (-3, "just now"), (12, "12 min ago"), (59, "59 min ago"), (150, "2 hr ago")],
)
def test_ago_says_how_long_ago(minutes: int, words: str) -> None:
    assert ago(NOW - timedelta(minutes=minutes), NOW) == words


def test_ago_gives_the_clock_in_the_event_time_zone_for_older_posts() -> None:
    from zoneinfo import ZoneInfo

    now = NOW.astimezone(ZoneInfo("Asia/Kolkata"))  # 12:10 on Saturday
    assert ago(NOW - timedelta(hours=7), now) == "05:10"
    assert ago(NOW - timedelta(hours=20), now) == "Friday 16:10"


@pytest.mark.parametrize(
    ("text", "server", "name"),
    [
        ("https://fosstodon.org/@pyconf", "https://fosstodon.org", "pyconf"),
        ("@pyconf@fosstodon.org", "https://fosstodon.org", "pyconf"),
        ("http://127.0.0.1:8080/@py_conf/", "http://127.0.0.1:8080", "py_conf"),
    ],
)
def test_mastodon_accounts_are_read_from_a_profile_address_or_a_handle(
    text: str, server: str, name: str
) -> None:
    account = mastodon_account(text)
    assert account is not None and (account.server, account.name) == (server, name)


@pytest.mark.parametrize(
    "text", ["fosstodon.org/@pyconf", "https://fosstodon.org/pyconf", "ftp://x/@a", "@a"]
)
def test_other_text_is_not_a_mastodon_account(text: str) -> None:
    assert mastodon_account(text) is None


def test_hashtags_handles_and_allow_entries() -> None:
    tag = hashtag("https://fosstodon.org/tags/PyConfOpenSpaces")
    assert tag is not None and tag.timeline_url(20) == (
        "https://fosstodon.org/api/v1/timelines/tag/PyConfOpenSpaces?limit=20"
    )
    assert hashtag("https://fosstodon.org/@pyconf") is None
    assert bluesky_handle("@PyConf.bsky.social") == "pyconf.bsky.social"
    assert bluesky_handle("not a handle") is None
    assert allow_key("@PyConf@Fosstodon.org") == "pyconf@fosstodon.org"
    assert allow_key("https://fosstodon.org/@pyconf") == "pyconf@fosstodon.org"
    assert allow_key("pyconf.bsky.social") == "pyconf.bsky.social"
    assert follow((), ("pyconf.bsky.social",)) == (
        "https://bsky.app/profile/pyconf.bsky.social",
        "@pyconf.bsky.social",
    )
    assert follow(("@pyconf@fosstodon.org",), ()) == (
        "https://fosstodon.org/@pyconf",
        "@pyconf@fosstodon.org",
    )
