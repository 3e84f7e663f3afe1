"""How long the kiosk takes to read a large schedule in each format.

Method: for each format, a schedule of 10,000 sessions (20 half-hour sessions a day from 10:00, on
500 consecutive days, in Europe/Berlin, with a host, a room and every 10th session proposed) is
generated in memory as the format's usual export would write it. ``read_schedule`` then reads the
bytes with format detection ("auto"), as the kiosk does on every poll; each format is read 5 times
and the median wall-clock time (``time.perf_counter``) and CPU time of the process
(``time.process_time``, which others' load on a shared machine disturbs less) are printed with the
size in bytes and the number of sessions read.

Then the calendar the manual's performance target names: 1,000 events as Google Calendar exports them, 20 of
them weekly series that began half a year earlier (each with an EXDATE and a moved occurrence),
read as of ``FIRST_DAY``, timed the same way.

    python bench/read_formats.py [SESSIONS]
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.model import Reading
from kiosk.formats import ReadOptions, read_schedule

ZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 12, 5)
PER_DAY = 20
RUNS = 5


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


def as_sessionize(count: int) -> bytes:
    """Sessionize's All view: speakers and rooms by id, every 10th session a service session."""
    speakers = [{"id": f"speaker-{number}", "fullName": f"Host {number}"} for number in range(97)]
    items = [
        {
            "id": str(number),
            "title": f"Session {number}: testing in production",
            "description": None,
            "startsAt": start.strftime("%Y-%m-%dT%H:%M:%S"),
            "endsAt": end.strftime("%Y-%m-%dT%H:%M:%S"),
            "isServiceSession": number % 10 == 0,
            "isPlenumSession": False,
            "speakers": [f"speaker-{number % 97}"],
            "categoryItems": [],
            "questionAnswers": [],
            "roomId": 1,
        }
        for number, start, end in sessions(count)
    ]
    rooms = [{"id": 1, "name": "H-103", "sort": 0}]
    return json.dumps(
        {"sessions": items, "speakers": speakers, "questions": [], "categories": [], "rooms": rooms}
    ).encode()


def as_indico(count: int) -> bytes:
    """Indico's timetable: one session block of contributions a day, every 10th entry a break."""
    days: dict[str, dict[str, object]] = {}

    def moment(at: datetime) -> dict[str, str]:
        return {"date": at.strftime("%Y-%m-%d"), "time": at.strftime("%H:%M:%S"), "tz": "Europe/Berlin"}

    for number, start, end in sessions(count):
        day = days.setdefault(start.strftime("%Y%m%d"), {})
        block = day.setdefault(
            "s1", {"entryType": "Session", "title": "Open Spaces", "room": "H-103", "entries": {}}
        )
        kind = "Break" if number % 10 == 0 else "Contribution"
        block["entries"][f"c{number}"] = {  # type: ignore[index]
            "entryType": kind,
            "title": f"Session {number}: testing in production",
            "startDate": moment(start),
            "endDate": moment(end),
            "room": "",
            "presenters": [{"firstName": "Host", "familyName": str(number % 97)}],
        }
    return json.dumps({"count": 1, "_type": "HTTPAPIResult", "results": {"1": days}}).encode()


def as_calendar_with_series(count: int, series: int) -> bytes:
    """A calendar as Google Calendar exports one: ``count`` VEVENTs in Europe/Berlin with the lines
    it writes beside the ones the kiosk reads (DTSTAMP, CREATED, SEQUENCE, ATTENDEE …).

    ``series`` of them are weekly series that began 26 weeks before ``FIRST_DAY``, each with one
    EXDATE and one moved occurrence (a VEVENT with RECURRENCE-ID, counted among ``count``)."""

    def local(moment: datetime) -> str:
        return moment.strftime("%Y%m%dT%H%M%S")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "X-WR-CALNAME:Open Spaces",
        "X-WR-TIMEZONE:Europe/Berlin",
        *BERLIN_VTIMEZONE,
    ]

    def event(uid: str, start: datetime, title: str, extra: list[str]) -> list[str]:
        return [
            "BEGIN:VEVENT",
            f"DTSTART;TZID=Europe/Berlin:{local(start)}",
            f"DTEND;TZID=Europe/Berlin:{local(start + timedelta(minutes=30))}",
            "DTSTAMP:20261201T090000Z",
            f"UID:{uid}@google.com",
            *extra,
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Open",
            " Spaces;X-NUM-GUESTS=0:mailto:c_open-spaces@group.calendar.google.com",
            "CREATED:20261101T090000Z",
            f"DESCRIPTION:Host: Host {len(lines) % 97}\\nBring your questions\\, ideas and code.",
            "LAST-MODIFIED:20261120T090000Z",
            "LOCATION:Room H-103\\, Hall B",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            f"SUMMARY:{title}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]

    singles = count - 2 * series
    for number, start, _ in sessions(singles):
        lines += event(f"session-{number}", start, f"Session {number}: testing in production", [])
    for number in range(series):
        first = datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, 9, tzinfo=ZONE) - timedelta(weeks=26)
        first += timedelta(days=number % 7, minutes=30 * (number // 7))
        skipped, moved = first + timedelta(weeks=10), first + timedelta(weeks=20)
        repeat = ["RRULE:FREQ=WEEKLY", f"EXDATE;TZID=Europe/Berlin:{local(skipped)}"]
        lines += event(f"series-{number}", first, f"Weekly circle {number}", repeat)
        override = [f"RECURRENCE-ID;TZID=Europe/Berlin:{local(moved)}"]
        lines += event(
            f"series-{number}", moved + timedelta(hours=1), f"Weekly circle {number}, moved", override
        )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


BERLIN_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


GENERATORS: dict[str, Callable[[int], bytes]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
    "frab": as_frab,
    "sessionize": as_sessionize,
    "indico": as_indico,
}


def timed(data: bytes, options: ReadOptions) -> tuple[float, float, Reading]:
    """Median wall-clock and CPU seconds of ``RUNS`` reads, and the last reading."""
    wall, cpu = [], []
    for _ in range(RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        reading = read_schedule(data, options)
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return statistics.median(wall), statistics.median(cpu), reading


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    options = ReadOptions(timezone=ZONE, date=FIRST_DAY)
    print(f"{count} sessions, median of {RUNS} runs, Python {sys.version.split()[0]}")
    print(f"{'format':<11}{'bytes':>11}{'seconds':>10}{'CPU s':>10}{'sessions':>10}{'problems':>10}")
    for name in GENERATORS:  # the formats with a generator of their own
        data = GENERATORS[name](count)
        seconds, cpu, reading = timed(data, options)
        assert reading.format == name, reading.format
        sessions, problems = len(reading.schedule.sessions), len(reading.problems)
        print(f"{name:<11}{len(data):>11,}{seconds:>10.3f}{cpu:>10.3f}{sessions:>10}{problems:>10}")
    data = as_calendar_with_series(1_000, 20)
    seconds, cpu, reading = timed(data, options)
    print(
        f"\n1,000 iCalendar events with 20 weekly series ({len(data):,} bytes): {seconds:.3f} s "
        f"({cpu:.3f} s CPU), {len(reading.schedule.sessions)} sessions, {len(reading.problems)} problems"
    )


if __name__ == "__main__":
    main()
