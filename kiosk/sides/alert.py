"""Which urgent message, if any, takes over the board at a moment: a pure function of the
sources' latest copies.

``[alert] url`` (a plain-text document) comes first; else the schedule's own alert (native JSON
``"alert"``, a sheet row whose status is ``alert``). Removing it clears the board on the next poll.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from kiosk.core.model import Alert, Latest
from kiosk.core.text import clean

SIDE = "alert"  # the side source's name in ``Latest.sides``
LONGEST = 600  # characters: an alert is a sentence or two; a whole document pasted in is cut


def current_alert(latest: Latest, now: datetime) -> Alert | None:
    """The alert shown at ``now``, with the time it was posted, or None."""
    side = latest.side(SIDE)
    if side is not None and side.reading is not None:
        text = " ".join(clean(side.reading.text).split())[:LONGEST]
        if text:
            return Alert(text, posted=side.changed_at)
    alert = latest.reading.schedule.alert if latest.reading is not None else None
    if alert is None or (alert.until is not None and alert.until.astimezone(UTC) <= now.astimezone(UTC)):
        return None
    return replace(alert, text=alert.text[:LONGEST], posted=latest.changed_at)
