"""How long the kiosk takes to read a large schedule in each format.

Method: for each format, a schedule of 10,000 sessions (20 half-hour sessions a day from 10:00, on
500 consecutive days, in Europe/Berlin, with a host, a room and every 10th session proposed) is
generated in memory as the format's usual export would write it. ``read_schedule`` then reads the
bytes with format detection ("auto"), as the kiosk does on every poll; each format is read 5 times
and the median wall-clock time (``time.perf_counter``) is printed with the size in bytes and the
number of sessions read. A format whose reader is not installed is skipped, saying so.

    python bench/read_formats.py [SESSIONS]
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.formats import FORMAT_NAMES, ReadOptions, read_schedule

ZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 12, 5)
PER_DAY = 20
RUNS = 5
READERS = {"json": "native", "csv": "csv_sheet", "ics": "ical", "frab": "frab"}


def sessions(count: int) -> Iterator[tuple[int, datetime, datetime]]:
    for number in range(count):
        day = FIRST_DAY + timedelta(days=number // PER_DAY)
        start = datetime(day.year, day.month, day.day, 10, tzinfo=ZONE) + timedelta(
            minutes=30 * (number % PER_DAY)
        )
        yield number, start, start + timedelta(minutes=30)


def as_json(count: int) -> bytes:
    items = [
        {
            "title": f"Session {number}: testing in production",
            "host": f"Host {number % 97}",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": end.strftime("%Y-%m-%dT%H:%M"),
            "status": "proposed" if number % 10 == 0 else "scheduled",
            "room": "H-103",
        }
        for number, start, end in sessions(count)
    ]
    return json.dumps({"sessions": items}, indent=1).encode()


def as_csv(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)  # a spreadsheet's export: CRLF line ends
    writer.writerow(["Date", "Start", "End", "Topic", "Facilitator", "Status", "Room"])
    for number, start, end in sessions(count):
        status = "Tentative" if number % 10 == 0 else ""
        row = [start.strftime("%d/%m/%Y"), start.strftime("%H:%M"), end.strftime("%H:%M")]
        writer.writerow(
            [*row, f"Session {number}: testing in production", f"Host {number % 97}", status, "H-103"]
        )
    return ("\ufeff" + out.getvalue()).encode()


def as_ics(count: int) -> bytes:
    def utc(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Open Spaces kiosk//bench//EN"]
    for number, start, end in sessions(count):
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{number}@example.org",
            f"DTSTAMP:{utc(start)}",
            f"DTSTART:{utc(start)}",
            f"DTEND:{utc(end)}",
            f"SUMMARY:Session {number}: testing in production",
            f"DESCRIPTION:Host: Host {number % 97}",
            "LOCATION:H-103",
            f"STATUS:{'TENTATIVE' if number % 10 == 0 else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def as_frab(count: int) -> bytes:
    days: dict[date, list[dict[str, object]]] = {}
    for number, start, _ in sessions(count):
        days.setdefault(start.date(), []).append(
            {
                "guid": f"00000000-0000-0000-0000-{number:012d}",
                "id": number,
                "date": start.isoformat(),
                "start": start.strftime("%H:%M"),
                "duration": "00:30",
                "room": "H-103",
                "title": f"Session {number}: testing in production",
                "persons": [{"public_name": f"Host {number % 97}"}],
            }
        )
    conference = {
        "acronym": "bench",
        "title": "Open Spaces",
        "time_zone_name": "Europe/Berlin",
        "days": [
            {"index": index + 1, "date": day.isoformat(), "rooms": {"H-103": events}}
            for index, (day, events) in enumerate(days.items())
        ],
    }
    return json.dumps({"schedule": {"version": "bench", "conference": conference}}).encode()


GENERATORS: dict[str, Callable[[int], bytes]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
    "frab": as_frab,
}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    options = ReadOptions(timezone=ZONE, date=FIRST_DAY)
    print(f"{count} sessions, median of {RUNS} runs, Python {sys.version.split()[0]}")
    print(f"{'format':<7}{'bytes':>11}{'seconds':>10}{'sessions':>10}{'problems':>10}")
    for name in FORMAT_NAMES:
        try:
            importlib.import_module(f"kiosk.formats.{READERS[name]}")
        except ImportError:
            print(f"{name:<7}  skipped: kiosk.formats.{READERS[name]} is not installed")
            continue
        data = GENERATORS[name](count)
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            reading = read_schedule(data, options)
            times.append(time.perf_counter() - began)
        assert reading.format == name, reading.format
        seconds = statistics.median(times)
        print(
            f"{name:<7}{len(data):>11,}{seconds:>10.3f}{len(reading.schedule.sessions):>10}{len(reading.problems):>10}"
        )


if __name__ == "__main__":
    main()
