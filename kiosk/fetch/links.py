"""The links facilitators paste, as the addresses that give the schedule's bytes.

A Google Sheet's own link (``…/spreadsheets/d/KEY/edit#gid=GID``, ``/view``, ``/htmlview``) is
fetched as that sheet's CSV export (``…/d/KEY/export?format=csv&gid=GID``); a sheet published to
the web as a page (``…/d/e/ID/pubhtml``) as the same publication in CSV (``…/pub?output=csv``);
a Google Calendar's public page (``calendar.google.com/calendar/embed?src=ID``, or a shared link
``…/calendar/u/0?cid=…``) as its public ``.ics`` address. Any other address is fetched as written.

A sheet or calendar that is not shared answers with Google's sign-in page (or 401/403/404):
``advice`` is what the facilitator must do about it.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

SHEET, PUBLISHED_SHEET, CALENDAR = "sheet", "published sheet", "calendar"

_SHEET = re.compile(r"/spreadsheets/(?:u/\d+/)?d/([A-Za-z0-9_-]{20,})(?:/(edit|view|htmlview|preview)?)?/?")
_PUBLISHED = re.compile(r"/spreadsheets/(?:u/\d+/)?d/e/([A-Za-z0-9_-]+)/pubhtml(?:/sheet)?/?")
_CALENDAR = re.compile(r"/calendar(?:/u/\d+)?(?:/(?:embed|r|render))?/?")

SHEET_ADVICE = (
    "the sheet is not shared. In the sheet, either Share → "
    "General access → 'Anyone with the link' (Viewer), or File → Share → Publish to web → the sheet "
    "→ 'Comma-separated values (.csv)' → Publish, and paste that address"
)
CALENDAR_ADVICE = (
    "the calendar is not public. In Google Calendar, the calendar's "
    "Settings and sharing → Access permissions → 'Make available to public' (See all event details); "
    "or paste its 'Public address in iCal format' (ending in .ics)"
)


@dataclass(frozen=True, slots=True)
class Link:
    """What is fetched for an address as pasted; ``kind`` is "" for an address fetched as written."""

    url: str
    kind: str = ""

    @property
    def advice(self) -> str:
        """What to do when the answer is a sign-in page (empty for an ordinary address)."""
        if self.kind == CALENDAR:
            return CALENDAR_ADVICE
        return SHEET_ADVICE if self.kind else ""


def resolve(url: str) -> Link:
    """The address to fetch for ``url`` as the facilitator pasted it (see the module)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return Link(url)
    host = parts.netloc.lower()
    query = parse_qs(parts.query)
    fragment = parse_qs(parts.fragment)
    if host == "docs.google.com":
        gid = (query.get("gid") or fragment.get("gid") or [""])[0]
        gid = gid if gid.isdigit() else ""
        if match := _PUBLISHED.fullmatch(parts.path):
            tail = f"&gid={gid}&single=true" if gid else ""
            return Link(
                f"https://docs.google.com/spreadsheets/d/e/{match[1]}/pub?output=csv{tail}", PUBLISHED_SHEET
            )
        if match := _SHEET.fullmatch(parts.path):
            tail = f"&gid={gid}" if gid else ""
            return Link(f"https://docs.google.com/spreadsheets/d/{match[1]}/export?format=csv{tail}", SHEET)
        if "/spreadsheets/" in parts.path:
            return Link(url, SHEET)  # an export or publication already: fetched as written
    if host == "calendar.google.com" and _CALENDAR.fullmatch(parts.path):
        calendar = _calendar_id(query)
        if calendar:
            address = quote(calendar, safe="")
            return Link(f"https://calendar.google.com/calendar/ical/{address}/public/basic.ics", CALENDAR)
    if host == "calendar.google.com" and parts.path.startswith("/calendar/ical/"):
        return Link(url, CALENDAR)
    return Link(url)


def _calendar_id(query: dict[str, list[str]]) -> str:
    """The calendar of an embed page (``src``, the first when it shows several) or a shared link
    (``cid``: the calendar's address in base64, or as it is)."""
    if query.get("src"):
        return query["src"][0].strip()
    cid = (query.get("cid") or [""])[0].strip()
    if not cid or "@" in cid:
        return cid
    try:
        decoded = base64.urlsafe_b64decode(cid + "=" * (-len(cid) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""
    return decoded.strip() if "@" in decoded else ""
