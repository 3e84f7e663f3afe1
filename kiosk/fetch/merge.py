"""Several schedule sources seen as one: their sessions merged, their freshness the oldest part's.

Each source is polled, cached and reported on its own; the board shows what every source last read
well. A source that fails keeps its last good copy, so the merged board is as old as its oldest
part, and the footer says which source fails and why. With one source its copy is the board's,
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from kiosk.core.model import Latest, Problem, Reading, Schedule, in_time_order
from kiosk.formats.rooms import added


def label(number: int) -> str:
    """How a source is named in problems and messages: by its place in the config (1, 2 …)."""
    return f"source {number}"


def merge_readings(readings: Sequence[tuple[int, Reading]]) -> Reading:
    """The readings of sources (by number) as one: sessions in time order, each problem naming its
    source, announcements and ideas each once, the first source's alert."""
    if len(readings) == 1:
        return readings[0][1]
    schedules = [reading.schedule for _, reading in readings]
    formats = dict.fromkeys(reading.format for _, reading in readings)
    sessions = sorted((s for schedule in schedules for s in schedule.sessions), key=in_time_order)
    return Reading(
        format="+".join(formats),
        schedule=Schedule(
            sessions=tuple(sessions),
            announcements=tuple(dict.fromkeys(a for schedule in schedules for a in schedule.announcements)),
            ideas=tuple(dict.fromkeys(i for schedule in schedules for i in schedule.ideas)),
            alert=next((schedule.alert for schedule in schedules if schedule.alert), None),
            announcement_ends=tuple(end for schedule in schedules for end in schedule.announcement_ends),
            other_rooms=added(room for schedule in schedules for room in schedule.other_rooms),
            notes=tuple(
                Problem(f"{label(number)}, {note.where}", note.message)
                for number, reading in readings
                for note in reading.notes
            ),
        ),
        problems=tuple(
            Problem(f"{label(number)}, {problem.where}", problem.message)
            for number, reading in readings
            for problem in reading.problems
        ),
    )


def _at_edge(
    copies: Sequence[Latest], moment: Callable[[Latest], datetime | None], *, latest: bool = False
) -> Latest | None:
    """The copy whose ``moment`` is the earliest (or the latest); None when none has one."""
    dated = [(when.astimezone(UTC), copy) for copy in copies if (when := moment(copy))]
    if not dated:
        return None
    return (max if latest else min)(dated, key=lambda pair: pair[0])[1]


def merge_latest(copies: Sequence[Latest]) -> Latest:
    """The latest copy of the board from several sources (in the config's order).

    The reading merges every source's last good reading; ``fetched_at`` is the oldest of them (the
    board is as fresh as its oldest part), ``offline_since`` the earliest failing source's;
    ``error`` names each failing source and why; ``failures`` is the most any source has.
    """
    if len(copies) == 1:
        return copies[0]
    read = [(number, s) for number, s in enumerate(copies, start=1) if s.reading is not None]
    failing = [(number, s) for number, s in enumerate(copies, start=1) if s.error is not None]
    oldest = _at_edge([s for _, s in read], lambda s: s.fetched_at)
    checked = _at_edge(copies, lambda s: s.checked_at, latest=True)
    offline = _at_edge([s for _, s in failing], lambda s: s.offline_since)
    changed = _at_edge([s for _, s in read], lambda s: s.changed_at, latest=True)
    errors = "; ".join(f"{label(number)}: {s.error}" for number, s in failing)
    return Latest(
        reading=merge_readings([(number, s.reading) for number, s in read if s.reading]) if read else None,
        fetched_at=oldest.fetched_at if oldest else None,
        fetched_tick=oldest.fetched_tick if oldest else None,
        from_cache=any(s.from_cache for _, s in read),
        checked_at=checked.checked_at if checked else None,
        checked_tick=checked.checked_tick if checked else None,
        error=errors or None,
        error_kind=failing[0][1].error_kind if failing else None,
        failures=max(s.failures for s in copies),
        offline_since=offline.offline_since if offline else None,
        offline_tick=offline.offline_tick if offline else None,
        clock_skew=next((s.clock_skew for s in copies if s.clock_skew is not None), None),
        changed_at=changed.changed_at if changed else None,
        changed_tick=changed.changed_tick if changed else None,
    )
