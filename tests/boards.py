"""Boards to lay out and draw in tests: the demo day at a few moments, and a stress day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk import config as configuration
from kiosk.board.timeline import Board, board_at
from kiosk.config import Config
from kiosk.core.model import CANCELLED, PROPOSED, Schedule, Session
from kiosk.core.resources import DEMO_SCHEDULE, data_path
from kiosk.formats import ReadOptions, native
from kiosk.layout import TAIL, Box, Layout, View
from kiosk.render.fonts import Fonts

CONFIG = configuration.load()
TZ = CONFIG.tz
DAY = date(2026, 12, 5)
DEMO = data_path(DEMO_SCHEDULE)


def demo_schedule() -> Schedule:
    schedule, _ = native.read(DEMO.read_bytes(), ReadOptions(timezone=TZ, date=DAY))
    return schedule


def at(hour: int, minute: int, schedule: Schedule | None = None, config: Config = CONFIG) -> Board:
    when = datetime(2026, 12, 5, hour, minute, tzinfo=TZ)
    return board_at(demo_schedule() if schedule is None else schedule, config.slots, when)


LONG = " ".join(["Extraordinarily long session title about asynchronous generators"] * 4)[:200]
SCRIPTS = (
    "हिंदी में पायथन समुदाय — स्थानीय मीटअप कैसे बनाएं और चलाएं",
    "తెలుగులో పైథాన్ నేర్చుకోవడం: మొదటి అడుగులు మరియు అనుభవాలు",
    "தமிழில் பைதான் கற்றல்: அனுபவங்கள் மற்றும் குறிப்புகள்",
    "Accessible docs for everyone 🦮🎉👩‍💻 and friends ✨",
)


def stress_schedule() -> Schedule:
    """40 sessions over the day: 200-character titles, three scripts, emoji, long hosts, overlaps."""
    sessions = []
    start = datetime.combine(DAY, time(10, 0), TZ)
    for i in range(40):
        begin = start + timedelta(minutes=10 * i)
        title = (LONG, *SCRIPTS)[i % 5]
        host = "Dr. Maximiliana Evangelista-Wolkenstein-Papadopoulou " * (1 + i % 2)
        status = (PROPOSED, CANCELLED)[i % 2] if i % 7 == 3 else "scheduled"
        sessions.append(
            Session(
                title,
                begin,
                begin + timedelta(minutes=45),
                host.strip(),
                status,
                description=LONG if i % 3 == 0 else "",
                url=f"https://example.org/s/{i}",
            )
        )
    return Schedule(
        sessions=tuple(sessions),
        announcements=(LONG + " " + LONG, "Lunch is served in the atrium 🍛", SCRIPTS[0]),
        ideas=tuple(f"{SCRIPTS[i % 4]} {LONG[: 20 * i]}" for i in range(12)),
    )


def afternoon_schedule() -> Schedule:
    """Sessions until 15:00, two proposals competing for 15:00, the rest of the afternoon open."""

    def session(title: str, hhmm: str, minutes: int, status: str = "scheduled") -> Session:
        start = datetime.combine(DAY, time(*map(int, hhmm.split(":"))), TZ)
        return Session(title, start, start + timedelta(minutes=minutes), "Ana", status)

    return Schedule(
        (
            session("Packaging in 2026", "13:00", 60),
            session("Typing at scale", "14:00", 60),
            session("Rust for Pythonistas", "15:00", 30, PROPOSED),
            session("Async pitfalls", "15:00", 30, PROPOSED),
        )
    )


def view(board: Board, page: str, part: int = 0, config: Config = CONFIG, **extra: object) -> View:
    fields: dict[str, object] = {
        "footer": "Updated 2 min ago",
        "footer_stale": False,
        "warnings": (),
        "page_number": 1,
        "page_count": 3,
    }
    fields.update(extra)
    return View(config=config, board=board, page=page, part=part, **fields)  # type: ignore[arg-type]


# The four sizes every layout is checked at: HD, Full HD, 4K and Full HD on its side.
SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]


def _overlap(a: Box, b: Box) -> bool:
    ax, ay, aw, ah = a.rect
    bx, by, bw, bh = b.rect
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def check(page: Layout, fonts: Fonts) -> None:
    width, height = page.size
    for box in page.boxes:
        x, y, w, h = box.rect
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, box
        if box.kind == "text":
            assert box.lines, box
            for line in box.lines:
                assert fonts.width(line, box.style, box.size) <= w, (line, box)
            assert len(box.lines) * box.line_height + round(box.size * TAIL) <= h, box
    solid = [b for b in page.boxes if b.kind != "panel"]
    for i, a in enumerate(solid):
        for b in solid[i + 1 :]:
            assert not _overlap(a, b), (a, b)
