"""What ``check`` says about the side sources (vote results, ideas, the alert, the organisers'
updates): pure, from the sources' latest copies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.board.timeline import board_at, day_window
from kiosk.config import Config
from kiosk.core.i18n import counted
from kiosk.core.model import PROPOSED, Latest, Problem, Schedule, Session
from kiosk.fetch.sides import asked, side_sources
from kiosk.sides.alert import SIDE as ALERT
from kiosk.sides.alert import current_alert
from kiosk.sides.ideas import SIDE as IDEAS
from kiosk.sides.ideas import merged, read_ideas
from kiosk.sides.updates import feeds, recent, shown_text
from kiosk.sides.updates.feeds import SIDE as UPDATES
from kiosk.sides.votes import SIDE as VOTES
from kiosk.sides.votes import tally


@dataclass
class SideReport:
    """``fields`` go into ``check --json``; ``lines`` into the text report; ``problems`` into both."""

    fields: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Seen:
    """What ``check`` read: the config, every source in ``latest`` at ``now``, and the config key that
    names each side source ("votes" → "[vote] results")."""

    config: Config
    latest: Latest
    now: datetime
    settings: dict[str, str]
    asked: frozenset[str]  # the sides the config asks for (``kiosk.fetch.sides.asked``)

    def setting(self, name: str) -> str:
        return self.settings.get(name, name)


def side_report(config: Config, latest: Latest, now: datetime) -> SideReport:
    """What ``check`` says about each side source in ``latest``: each side in ``REPORTS`` adds its part."""
    settings = {source.name: source.setting for source in side_sources(config)}
    seen = Seen(config, latest, now, settings, asked(config))
    report = SideReport()
    for name, polled in latest.sides:
        if polled.error is not None:
            report.problems.append(Problem(seen.setting(name), polled.error))
    for _, part in REPORTS:
        part(seen, report)
    return report


def _alert(seen: Seen, report: SideReport) -> None:
    latest = seen.latest
    alert = current_alert(latest, seen.now)
    has_alert_source = ALERT in seen.asked or (latest.reading and latest.reading.schedule.alert)
    if alert is not None or has_alert_source:
        report.fields["alert"] = alert.text if alert is not None else None
        report.lines += ["", f"Alert (on every page): {alert.text}" if alert else "No alert."]


def _updates(seen: Seen, report: SideReport) -> None:
    """The posts the board would show now, newest first, and what the allow-list rules left out."""
    config, latest, now = seen.config, seen.latest, seen.now
    if UPDATES not in seen.asked:
        return
    found = feeds.reading(config.updates, latest)
    shown = recent(found.posts, now, config.updates.max_age_hours)
    report.fields["updates"] = [
        {
            "author": post.author,
            "handle": post.handle,
            "at": post.at.astimezone(config.tz).isoformat(),
            "text": shown_text(post, config.words),
            "url": post.url,
        }
        for post in shown
    ]
    hours = f"{config.updates.max_age_hours:g}"
    report.lines += [
        "",
        f"Updates: {counted(len(shown), 'post')} from the last {hours} hours.",
    ]
    for post in shown:
        report.lines.append(f"  {post.at.astimezone(config.tz):%a %H:%M}  {post.author} {post.handle}")
        report.lines += [f"      {line}" for line in shown_text(post, config.words).splitlines() if line]
    if found.left_out:
        report.lines += ["", f"Left out by the [updates] allow-list rules ({len(found.left_out)}):"]
        report.lines += [f"  {p.where}: {p.message}" for p in found.left_out]
    report.problems += found.problems


def competing(config: Config, schedule: Schedule) -> tuple[Session, ...]:
    """Every proposal that competes with another for a slot, whatever its day, by time."""
    days = sorted({s.start.astimezone(config.tz).date() for s in schedule.sessions if s.status == PROPOSED})
    found: list[Session] = []
    for day in days:
        # Just before the day's slots begin, every slot of the day is still to come.
        board = board_at(schedule, config.slots, day_window(day, config.slots, config.tz)[0])
        found += [p for slot in board.contested for p in slot.proposals if p not in found]
    return tuple(found)


def _votes(seen: Seen, report: SideReport) -> None:
    config, latest, setting = seen.config, seen.latest, seen.setting(VOTES)
    if VOTES not in seen.asked:
        return
    polled = latest.side(VOTES)
    schedule = latest.reading.schedule if latest.reading else Schedule()
    proposals = competing(config, schedule)
    titles = tuple(dict.fromkeys(p.title for p in proposals))
    if polled is None or polled.reading is None:
        report.fields["votes"] = {}
        report.lines += ["", f"Votes: {setting} could not be read (see the problems below)."]
        return
    counted = tally(polled.reading.text, titles)
    report.fields["votes"] = dict(counted.counts)
    report.problems += [Problem(f"{setting} {p.where}", p.message) for p in counted.problems]
    if not titles:
        report.lines += ["", f"Votes: no proposals compete for a slot ({counted.responses} responses read)."]
        return
    how = {"header": "found by its header", "values": "found by its answers"}.get(counted.found_by, "")
    column = f'answer column "{counted.column}" {how}' if counted.column else "no answer column found"
    report.lines += ["", f"Votes ({counted.responses} responses; {column}):"]
    for proposal in proposals:
        when = proposal.start.astimezone(config.tz)
        report.lines.append(f"  {when:%a %H:%M}  {proposal.title}: {counted.of(proposal.title)}")


def _ideas(seen: Seen, report: SideReport) -> None:
    config, latest, setting = seen.config, seen.latest, seen.setting(IDEAS)
    if IDEAS not in seen.asked:
        return
    polled = latest.side(IDEAS)
    schedule = latest.reading.schedule.ideas if latest.reading else ()
    if polled is None or polled.reading is None:
        report.fields["ideas"] = list(schedule)
        report.lines += ["", f"Ideas: {setting} could not be read (see the problems below)."]
        return
    found = read_ideas(polled.reading.text, config.ideas.moderation, config.ideas.approval_column)
    shown = merged(found.ideas, schedule)
    report.fields["ideas"] = list(shown)
    report.problems += [Problem(f"{setting} {p.where}", p.message) for p in found.problems]
    columns = f'topic column "{found.topic}"' if found.topic else "no topic column"
    if config.ideas.moderation == "approve":
        report.fields["ideas_approval"] = {
            "column": found.approval or None,
            "passed_over": list(found.passed_over),
            "waiting": found.waiting,
            "not_approved": found.refused,
        }
        columns += f', approval column "{found.approval}"' if found.approval else ", no approval column"
        if found.passed_over:
            others = ", ".join(f'"{header}"' for header in found.passed_over)
            columns += f" (the last of the columns that could be it; not {others})"
    held = [f"{found.waiting} waiting for approval"] if found.waiting else []
    held += [f"{found.refused} not approved"] if found.refused else []
    counts = "; ".join([f"{len(found.ideas)} shown", *held])
    report.lines += ["", f"Ideas ({found.rows} responses; {columns}; {counts}):"]
    report.lines += [f"  {idea}" for idea in shown]


# Each side source's part of the report, in the order ``kiosk.fetch.sides.SIDES`` reads them (a test
# checks that both name the same sides): a new side source adds its part here.
REPORTS: tuple[tuple[str, Callable[[Seen, SideReport], None]], ...] = (
    (VOTES, _votes),
    (IDEAS, _ideas),
    (ALERT, _alert),
    (UPDATES, _updates),
)
