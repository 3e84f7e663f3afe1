"""What ``check`` says about the side sources (vote results, ideas, the alert): pure, from a snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.alert import current_alert
from kiosk.config import Config
from kiosk.model import Problem, Snapshot


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
    return report
