"""HTML as the plain text a browser shows, the one way for every source: nothing in it is interpreted.

A social post's content and a calendar's description written in Google Calendar's editor are HTML.
The standard library's ``html.parser`` tokenises the markup (entities decoded, however malformed);
what is kept is only the text a reader would see, with paragraphs and line breaks as newlines:
tags are gone and ``<script>``, ``<style>`` and the like are dropped with their content.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Their content is code or data, never shown.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"})
# Each starts and ends a block: the text around it goes on its own lines.
_BLOCKS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr"}
)
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"})
# HTML's white space: in text, a run of it shows as one space (a no-break space is not one of them).
_SPACES = re.compile(r"[ \t\n\r\f]+")
# A tag as HTML writes one: "<" and a letter, "/" or "!" ("a < b" and "<3" are text).
_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.link: tuple[str, list[str]] | None = None  # the open link's host (or "") and its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._add("\n")
        elif tag in _BLOCKS:
            self._add("\n\n")
        elif tag == "a" and self.link is None:
            values = dict(attrs)
            classes = (values.get("class") or "").split()
            named = "mention" in classes or "hashtag" in classes
            self.link = ("" if named else _host(values.get("href") or ""), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        elif tag == "br":
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._add("\n\n")
        elif tag == "a" and self.link is not None:
            host, words = self.link
            self.link = None
            shown = " ".join("".join(words).split())
            # A mention or a hashtag reads as itself; any other link as the site it goes to.
            self._add(shown if not host or shown[:1] in ("@", "#") else host)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        data = _SPACES.sub(" ", data)
        if self.link is not None:
            self.link[1].append(data)
        else:
            self._add(data)

    def _add(self, text: str) -> None:
        if not self.hidden:
            self.parts.append(text)


def _host(href: str) -> str:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname
    return host[4:] if host.startswith("www.") else host


def plain_text(html: str) -> str:
    """The visible text of ``html``: paragraphs separated by a blank line, line breaks as newlines,
    runs of spaces as one space, links as their host, mentions and hashtags as written."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    if parser.link is not None:  # an unclosed link still shows its words
        parser.handle_endtag("a")
    raw = "".join(parser.parts)
    # Spaces collapse as a browser's do; a paragraph break ("\n\n") wins over line breaks around it.
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", raw):
        kept = [_SPACES.sub(" ", line).strip(" ") for line in paragraph.split("\n")]
        kept = [line for line in kept if line]
        if kept:
            if lines:
                lines.append("")
            lines.extend(kept)
    return "\n".join(lines)


def visible_text(text: str) -> str:
    """Text that may be HTML (a calendar's description): what a browser shows when it holds a tag,
    else the text as it is, its line breaks kept."""
    return plain_text(text) if _TAG.search(text) else text
