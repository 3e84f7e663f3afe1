"""What ``check`` says about the side sources (vote results, ideas, the alert, the organisers'
updates): pure, from a snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.alert import current_alert
from kiosk.config import Config
from kiosk.model import Problem, Snapshot
from kiosk.updates import feeds, recent, shown_text


@dataclass
class SideReport:
    """``fields`` go into ``check --json``; ``lines`` into the text report; ``problems`` into both."""

    fields: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def side_report(config: Config, snapshot: Snapshot, settings: dict[str, str], now: datetime) -> SideReport:
    """``settings`` names each side source's config key ("votes" → "[vote] results")."""
    report = SideReport()
    for name, polled in snapshot.sides:
        if polled.error is not None:
            report.problems.append(Problem(settings.get(name, name), polled.error))
    alert = current_alert(snapshot, now)
    has_alert_source = config.alert.url or (snapshot.reading and snapshot.reading.schedule.alert)
    if alert is not None or has_alert_source:
        report.fields["alert"] = alert.text if alert is not None else None
        report.lines += ["", f"Alert (on every page): {alert.text}" if alert else "No alert."]
    if config.updates.any:
        _updates(config, snapshot, now, report)
    return report


def _updates(config: Config, snapshot: Snapshot, now: datetime, report: SideReport) -> None:
    """The posts the board would show now, newest first, and what the allow-list rules left out."""
    found = feeds.reading(config.updates, snapshot)
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
        f"Updates: {len(shown)} {'post' if len(shown) == 1 else 'posts'} from the last {hours} hours.",
    ]
    for post in shown:
        report.lines.append(f"  {post.at.astimezone(config.tz):%a %H:%M}  {post.author} {post.handle}")
        report.lines += [f"      {line}" for line in shown_text(post, config.words).splitlines() if line]
    if found.left_out:
        report.lines += ["", f"Left out by the [updates] allow-list rules ({len(found.left_out)}):"]
        report.lines += [f"  {p.where}: {p.message}" for p in found.left_out]
    report.problems += found.problems
