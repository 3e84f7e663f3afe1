from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import configs
import pytest

from kiosk.board.timeline import DayStatus, SlotState, board_at, day_span, event_day
from kiosk.config import SlotsConfig
from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED, Schedule, Session

KOLKATA = ZoneInfo("Asia/Kolkata")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 12, 5)
SLOTS = SlotsConfig(start=time(10, 0), end=time(17, 0), minutes=30)


def at(hhmm: str, day: date = DAY, tz: ZoneInfo = KOLKATA, fold: int = 0) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=tz).replace(fold=fold)


def s(
    title: str, start: str, end: str, status: str = SCHEDULED, day: date = DAY, tz: ZoneInfo = KOLKATA
) -> Session:
    end_day = day + timedelta(days=1) if end < start else day
    return Session(title=title, start=at(start, day, tz), end=at(end, end_day, tz), status=status)


def titles(sessions: object) -> tuple[str, ...]:
    return tuple(x.title for x in sessions)  # type: ignore[attr-defined]


DAY_SCHEDULE = Schedule(
    sessions=(
        s("D", "13:00", "14:00"),
        s("A", "10:00", "10:30"),
        s("B", "10:30", "11:00"),
        s("C", "11:30", "12:00"),
        s("gone", "12:00", "12:30", CANCELLED),
        s("idea", "12:00", "12:30", PROPOSED),
    ),
    announcements=("Lunch at 12:30",),
    ideas=("Pytest plugins",),
)

# Hand-written: from (inclusive) and until (exclusive) wall times, what the board says.
DAY_TABLE = [
    ("00:00", "10:00", DayStatus.BEFORE, "", "A"),
    ("10:00", "10:30", DayStatus.RUNNING, "A", "B"),
    ("10:30", "11:00", DayStatus.RUNNING, "B", "C"),
    ("11:00", "11:30", DayStatus.BETWEEN, "", "C"),
    ("11:30", "12:00", DayStatus.RUNNING, "C", "D"),
    ("12:00", "13:00", DayStatus.BETWEEN, "", "D"),
    ("13:00", "14:00", DayStatus.RUNNING, "D", None),
    # Slots stay open after the last session: the day is over when the slot window is (17:00).
    ("14:00", "17:00", DayStatus.BETWEEN, "", None),
    ("17:00", "24:00", DayStatus.DONE, "", None),
]


def _day_rows() -> list[tuple[str, DayStatus, str, str | None]]:
    rows = []
    for minute in range(0, 24 * 60, 15):
        hhmm = f"{minute // 60:02}:{minute % 60:02}"
        for start, until, status, current, nxt in DAY_TABLE:
            if start <= hhmm < until:
                rows.append((hhmm, status, current, nxt))
    return rows


@pytest.mark.parametrize(("hhmm", "status", "current", "nxt"), _day_rows())
def test_a_whole_day_in_quarter_hours(hhmm: str, status: DayStatus, current: str, nxt: str | None) -> None:
    board = board_at(DAY_SCHEDULE, SLOTS, at(hhmm))
    assert board.day == DAY
    assert board.status is status
    assert "".join(c.session.title for c in board.current) == current
    assert (board.next.session.title if board.next else None) == nxt
    assert titles(board.today) == ("A", "B", "C", "gone", "idea", "D")


def test_every_quarter_hour_has_a_row() -> None:
    assert len(_day_rows()) == 96


@pytest.mark.parametrize(
    ("now", "later"),
    [
        (at("09:00"), ("B", "C", "D")),
        (at("10:10"), ("C", "D")),
        (at("11:10"), ("D",)),
        (at("12:10"), ()),
        (at("15:00"), ()),
    ],
)
def test_later_is_what_follows_next(now: datetime, later: tuple[str, ...]) -> None:
    assert titles(board_at(DAY_SCHEDULE, SLOTS, now).later) == later


@pytest.mark.parametrize(
    ("now", "minutes_left", "progress"),
    [
        (at("13:00"), 60, 0.0),
        (at("13:00").replace(second=30), 60, 0.5 / 60),  # 59.5 minutes left shows as 60
        (at("13:30"), 30, 0.5),
        (at("13:59").replace(second=59), 1, 3599 / 3600),
    ],
)
def test_minutes_left_round_up_and_progress(now: datetime, minutes_left: int, progress: float) -> None:
    (current,) = board_at(DAY_SCHEDULE, SLOTS, now).current
    assert current.minutes_left == minutes_left
    assert current.progress == pytest.approx(progress)


@pytest.mark.parametrize(
    ("now", "minutes_until"),
    [(at("09:00"), 60), (at("09:59").replace(second=1), 1), (at("11:00").replace(second=30), 30)],
)
def test_minutes_until_rounds_up(now: datetime, minutes_until: int) -> None:
    board = board_at(DAY_SCHEDULE, SLOTS, now)
    assert board.next is not None
    assert board.next.minutes_until == minutes_until


def test_first_start_last_end_and_pass_through() -> None:
    board = board_at(DAY_SCHEDULE, SLOTS, at("09:00"))
    assert board.first_start == at("10:00")
    assert board.last_end == at("14:00")
    assert board.next_day_start is None
    assert board.announcements == ("Lunch at 12:30",)
    assert board.ideas == ("Pytest plugins",)
    assert board.overlaps == ()


def test_slots_cover_the_window_with_state_and_contents() -> None:
    board = board_at(DAY_SCHEDULE, SLOTS, at("12:10"))
    assert [slot.start.strftime("%H:%M") for slot in board.slots] == [
        f"{h:02}:{m:02}" for h in range(10, 17) for m in (0, 30)
    ]
    assert all(slot.end - slot.start == timedelta(minutes=30) for slot in board.slots)
    states = [slot.state for slot in board.slots]
    assert states == [SlotState.PAST] * 4 + [SlotState.CURRENT] + [SlotState.FUTURE] * 9
    noon = board.slots[4]
    assert (titles(noon.sessions), titles(noon.proposals), titles(noon.cancelled)) == (
        (),
        ("idea",),
        ("gone",),
    )
    assert noon.free
    assert board.next_free == noon  # the current slot counts while it is free
    assert titles(board.slots[6].sessions) == ("D",)
    assert titles(board.slots[7].sessions) == ("D",)


@pytest.mark.parametrize(
    ("now", "free_from"),
    [
        (at("08:00"), "11:00"),
        (at("10:45"), "11:00"),
        (at("11:15"), "11:00"),
        (at("11:45"), "12:00"),
        (at("13:15"), "14:00"),
        (at("16:59"), "16:30"),
        (at("17:00"), None),
        (at("22:00"), None),
    ],
)
def test_next_free_slot(now: datetime, free_from: str | None) -> None:
    free = board_at(DAY_SCHEDULE, SLOTS, now).next_free
    assert (free.start.strftime("%H:%M") if free else None) == free_from


def test_last_slot_is_cut_at_the_window_end() -> None:
    board = board_at(Schedule(), SlotsConfig(start=time(10, 0), end=time(11, 45), minutes=30), at("10:00"))
    assert [(x.start.strftime("%H:%M"), x.end.strftime("%H:%M")) for x in board.slots] == [
        ("10:00", "10:30"),
        ("10:30", "11:00"),
        ("11:00", "11:30"),
        ("11:30", "11:45"),
    ]


def test_overlapping_sessions_are_both_current_and_reported() -> None:
    first, second, third = s("X", "10:00", "11:00"), s("Y", "10:30", "11:30"), s("Z", "11:30", "12:00")
    board = board_at(Schedule((third, second, first)), SLOTS, at("10:45"))
    assert titles(c.session for c in board.current) == ("X", "Y")
    assert board.overlaps == ((first, second),)  # touching (Y, Z) is not an overlap
    assert titles(board.slots[1].sessions) == ("X", "Y")


def test_proposals_competing_for_a_slot_leave_it_free() -> None:
    schedule = Schedule(
        (
            s("Kids", "13:00", "13:30", PROPOSED),
            s("DuckDB", "13:00", "13:30", PROPOSED),
            s("A", "10:00", "13:00"),
        )
    )
    board = board_at(schedule, SLOTS, at("11:00"))
    slot = board.slots[6]
    assert slot.start == at("13:00")
    assert titles(slot.proposals) == ("DuckDB", "Kids")
    assert slot.free
    assert board.next_free == slot
    assert board.next is None  # proposals are not the next session
    assert titles(board.today) == ("A", "DuckDB", "Kids")


def test_cancelled_session_is_never_current() -> None:
    schedule = Schedule((s("Off", "10:00", "11:00", CANCELLED), s("On", "11:00", "11:30")))
    board = board_at(schedule, SLOTS, at("10:15"))
    assert board.current == ()
    assert board.status is DayStatus.BEFORE
    assert board.next is not None and board.next.session.title == "On"
    assert board.first_start == at("11:00")
    assert titles(board.slots[0].cancelled) == ("Off",)
    assert board.slots[0].free


def test_empty_schedule() -> None:
    board = board_at(Schedule(), SLOTS, at("12:10"))
    assert board.status is DayStatus.EMPTY
    assert (board.current, board.next, board.later, board.today) == ((), None, (), ())
    assert (board.first_start, board.last_end, board.next_day_start) == (None, None, None)
    assert len(board.slots) == 14
    assert board.next_free is not None and board.next_free.start == at("12:00")


def test_sessions_on_other_days_only() -> None:
    saturday = date(2026, 12, 12)
    schedule = Schedule(
        (
            s("Last week", "10:00", "11:00", day=date(2026, 11, 28)),
            s("Saturday late", "15:00", "16:00", day=saturday),
            s("Saturday proposed", "09:00", "10:00", PROPOSED, day=saturday),
            s("Saturday", "10:00", "11:00", day=saturday),
        )
    )
    board = board_at(schedule, SLOTS, at("12:00"))
    assert board.status is DayStatus.EMPTY
    assert board.today == ()
    assert board.next is None
    assert board.next_day_start == at("10:00", saturday)


def test_next_day_start_after_a_day_with_sessions() -> None:
    schedule = Schedule(
        (s("Today", "10:00", "11:00"), s("Tomorrow", "10:00", "11:00", day=DAY + timedelta(1)))
    )
    board = board_at(schedule, SLOTS, at("17:00"))
    assert board.status is DayStatus.DONE
    assert titles(board.today) == ("Today",)
    assert board.next_day_start == at("10:00", DAY + timedelta(1))


def test_sessions_outside_the_slot_window_are_still_today() -> None:
    schedule = Schedule((s("Morning", "08:00", "09:00"), s("Evening", "19:00", "20:00")))
    board = board_at(schedule, SLOTS, at("18:00"))
    assert titles(board.today) == ("Morning", "Evening")
    assert board.status is DayStatus.BETWEEN
    assert board.next is not None and board.next.minutes_until == 60
    assert board.next_free is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        board_at(Schedule(), SLOTS, datetime(2026, 12, 5, 10, 0))


def test_now_in_another_zone_reads_slots_in_that_zone() -> None:
    # 10:00 in Kolkata is 05:30 in Berlin: before a 10:00 start there.
    board = board_at(DAY_SCHEDULE, SLOTS, at("10:00").astimezone(BERLIN))
    assert board.status is DayStatus.RUNNING
    assert board.slots[0].start == datetime(2026, 12, 5, 10, 0, tzinfo=BERLIN)


NIGHT = SlotsConfig(start=time(22, 0), end=time(2, 0), minutes=30)
NIGHT_SCHEDULE = Schedule(
    (
        s("Early", "20:00", "21:00"),
        s("Late", "23:30", "00:30"),
        s("Later", "01:00", "01:30", day=DAY + timedelta(1)),
        s("Next night", "22:00", "23:00", day=DAY + timedelta(1)),
    )
)


@pytest.mark.parametrize(
    ("now", "day", "status", "current", "nxt"),
    [
        (at("19:00"), DAY, DayStatus.BEFORE, "", "Early"),
        (at("21:30"), DAY, DayStatus.BETWEEN, "", "Late"),
        (at("23:45"), DAY, DayStatus.RUNNING, "Late", "Later"),
        (at("00:15", DAY + timedelta(1)), DAY, DayStatus.RUNNING, "Late", "Later"),
        (at("00:45", DAY + timedelta(1)), DAY, DayStatus.BETWEEN, "", "Later"),
        (at("01:15", DAY + timedelta(1)), DAY, DayStatus.RUNNING, "Later", None),
        (at("01:45", DAY + timedelta(1)), DAY, DayStatus.BETWEEN, "", None),
        (at("02:00", DAY + timedelta(1)), DAY + timedelta(1), DayStatus.BEFORE, "", "Next night"),
        (at("08:00", DAY + timedelta(1)), DAY + timedelta(1), DayStatus.BEFORE, "", "Next night"),
    ],
)
def test_window_across_midnight(
    now: datetime, day: date, status: DayStatus, current: str, nxt: str | None
) -> None:
    board = board_at(NIGHT_SCHEDULE, NIGHT, now)
    assert board.day == day
    assert board.status is status
    assert "".join(c.session.title for c in board.current) == current
    assert (board.next.session.title if board.next else None) == nxt


def test_window_across_midnight_slots_and_days() -> None:
    board = board_at(NIGHT_SCHEDULE, NIGHT, at("01:15", DAY + timedelta(1)))
    assert [x.start.strftime("%H:%M") for x in board.slots] == [
        "22:00", "22:30", "23:00", "23:30", "00:00", "00:30", "01:00", "01:30",
    ]  # fmt: skip
    assert titles(board.today) == ("Early", "Late", "Later")
    assert board.next_day_start == at("22:00", DAY + timedelta(1))
    assert board.slots[-1].end == at("02:00", DAY + timedelta(1))


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (at("01:59", DAY), DAY - timedelta(1)),
        (at("02:00", DAY), DAY),
        (at("21:59", DAY), DAY),
        (at("22:00", DAY), DAY),
    ],
)
def test_event_day_and_spans_partition_time(now: datetime, day: date) -> None:
    assert event_day(NIGHT, now) == day
    start, end = day_span(day, NIGHT, KOLKATA)
    assert start <= now < end
    assert day_span(day + timedelta(1), NIGHT, KOLKATA)[0] == end


BACK = date(2026, 10, 25)  # Berlin: 03:00 CEST becomes 02:00 CET
FORWARD = date(2026, 3, 29)  # Berlin: 02:00 CET becomes 03:00 CEST
NIGHT_OWL = SlotsConfig(start=time(0, 0), end=time(6, 0), minutes=30)


@pytest.mark.parametrize(
    ("now", "minutes_left", "progress"),
    [
        (at("01:45", BACK, BERLIN), 165, 15 / 180),
        (at("02:45", BACK, BERLIN, fold=0), 105, 75 / 180),  # the first 02:45, summer time
        (at("02:45", BACK, BERLIN, fold=1), 45, 135 / 180),  # the second 02:45, winter time
        (at("03:15", BACK, BERLIN), 15, 165 / 180),
    ],
)
def test_clocks_going_back(now: datetime, minutes_left: int, progress: float) -> None:
    schedule = Schedule((s("Long", "01:30", "03:30", day=BACK, tz=BERLIN),))
    (current,) = board_at(schedule, NIGHT_OWL, now).current
    assert current.minutes_left == minutes_left
    assert current.progress == pytest.approx(progress)


def test_clocks_going_back_repeat_two_slots() -> None:
    board = board_at(Schedule(), NIGHT_OWL, at("02:45", BACK, BERLIN, fold=1))
    readings = [x.start.strftime("%H:%M %Z") for x in board.slots]
    assert readings[4:10] == ["02:00 CEST", "02:30 CEST", "02:00 CET", "02:30 CET", "03:00 CET", "03:30 CET"]
    assert len(board.slots) == 14
    assert all(x.end.astimezone(UTC) - x.start.astimezone(UTC) == timedelta(minutes=30) for x in board.slots)
    assert [x.state for x in board.slots].index(SlotState.CURRENT) == 7


@pytest.mark.parametrize(
    ("now", "minutes_left"),
    [
        (at("01:45", FORWARD, BERLIN), 45),
        (at("03:00", FORWARD, BERLIN), 30),
        (at("03:29", FORWARD, BERLIN), 1),
    ],
)
def test_clocks_going_forward(now: datetime, minutes_left: int) -> None:
    schedule = Schedule((s("Short night", "01:30", "03:30", day=FORWARD, tz=BERLIN),))
    (current,) = board_at(schedule, NIGHT_OWL, now).current
    assert current.minutes_left == minutes_left


def test_clocks_going_forward_skip_two_slots() -> None:
    board = board_at(Schedule(), NIGHT_OWL, at("03:10", FORWARD, BERLIN))
    readings = [x.start.strftime("%H:%M") for x in board.slots]
    assert readings == [
        "00:00",
        "00:30",
        "01:00",
        "01:30",
        "03:00",
        "03:30",
        "04:00",
        "04:30",
        "05:00",
        "05:30",
    ]
    assert all(x.end.astimezone(UTC) - x.start.astimezone(UTC) == timedelta(minutes=30) for x in board.slots)
    assert board.next_free is not None and board.next_free.start == at("03:00", FORWARD, BERLIN)


SPRING_NY, FALL_NY = date(2026, 3, 8), date(2026, 11, 1)  # 02:00 becomes 03:00; 02:00 becomes 01:00


@pytest.mark.parametrize(
    ("day", "fold", "minutes_left", "minutes_until"),
    [
        (SPRING_NY, 0, 10, 10),  # 01:00 to 03:00 is one hour; 03:00 follows 01:59
        (FALL_NY, 0, 130, 70),  # the first 01:50; 01:00 to 03:00 is three hours
        (FALL_NY, 1, 70, 10),  # the second 01:50
    ],
)
def test_new_york_dst(day: date, fold: int, minutes_left: int, minutes_until: int) -> None:
    after = "02:00" if day == FALL_NY else "03:00"
    schedule = Schedule(
        (
            s("Across", "01:00", "03:00", day=day, tz=NEW_YORK),
            s("After", after, "03:30", day=day, tz=NEW_YORK),
        )
    )
    board = board_at(schedule, NIGHT_OWL, at("01:50", day, NEW_YORK, fold=fold))
    (current,) = board.current
    assert current.session.title == "Across"
    assert current.minutes_left == minutes_left
    assert board.next is not None and board.next.minutes_until == minutes_until


def test_window_across_midnight_on_a_dst_night() -> None:
    # 22:00 to 04:00 the night the clocks go back is seven hours long: fourteen slots of 30 minutes.
    night = SlotsConfig(start=time(22, 0), end=time(4, 0), minutes=30)
    schedule = Schedule((s("All night", "22:00", "04:00", day=BACK - timedelta(1), tz=BERLIN),))
    board = board_at(schedule, night, at("02:10", BACK, BERLIN, fold=1))
    assert board.day == BACK - timedelta(1)
    assert len(board.slots) == 14
    assert board.current[0].minutes_left == 110
    assert board.status is DayStatus.RUNNING


def test_session_running_on_from_yesterday_is_current() -> None:
    schedule = Schedule((s("Hackathon", "16:00", "11:00", day=DAY - timedelta(1)),))
    board = board_at(schedule, SLOTS, at("10:15"))
    assert board.today == ()
    assert board.status is DayStatus.RUNNING
    assert board.current[0].minutes_left == 45
    assert titles(board.slots[0].sessions) == ("Hackathon",)
    assert board.next_free is not None and board.next_free.start == at("11:00")


# The afternoon: slots 10:00-18:00, sessions until 15:00, two proposals competing for
# 15:00, open slots from 15:30.
AFTERNOON_SLOTS = SlotsConfig(start=time(10, 0), end=time(18, 0), minutes=30)
AFTERNOON = Schedule(
    (
        s("Keynote recap", "10:00", "11:00"),
        s("Packaging", "13:00", "14:00"),
        s("Typing", "14:00", "15:00"),
        s("Rust for Pythonistas", "15:00", "15:30", PROPOSED),
        s("Async pitfalls", "15:00", "15:30", PROPOSED),
        s("Lone proposal", "16:30", "17:00", PROPOSED),
    )
)

# From (inclusive) until (exclusive): status, the open slot offered, the slot people are sent to
# vote on, and how many slots to come are contested.
AFTERNOON_TABLE = [
    ("09:00", "10:00", DayStatus.BEFORE, "11:00", None, 1),
    ("10:00", "11:00", DayStatus.RUNNING, "11:00", None, 1),
    ("11:00", "13:00", DayStatus.BETWEEN, "now", None, 1),
    ("13:00", "14:30", DayStatus.RUNNING, "15:30", None, 1),
    ("14:30", "15:00", DayStatus.RUNNING, "15:30", "15:00", 1),  # the next slot is contested
    ("15:00", "15:30", DayStatus.BETWEEN, "15:30", "15:00", 1),  # the bug: this said "That's all"
    ("15:30", "16:00", DayStatus.BETWEEN, "now", None, 0),
    ("16:00", "16:30", DayStatus.BETWEEN, "now", None, 0),
    ("16:30", "17:00", DayStatus.BETWEEN, "17:00", None, 0),  # a single proposal is no contest
    ("17:00", "18:00", DayStatus.BETWEEN, "now", None, 0),
    ("18:00", "24:00", DayStatus.DONE, None, None, 0),
]


def _afternoon_rows() -> list[tuple[str, DayStatus, str | None, str | None, int]]:
    rows = []
    for minute in range(9 * 60, 24 * 60, 10):
        hhmm = f"{minute // 60:02}:{minute % 60:02}"
        rows += [(hhmm, *rest) for start, until, *rest in AFTERNOON_TABLE if start <= hhmm < until]
    return rows


@pytest.mark.parametrize(("hhmm", "status", "offer", "vote", "contested"), _afternoon_rows())
def test_the_day_is_not_over_while_slots_are_open(
    hhmm: str, status: DayStatus, offer: str | None, vote: str | None, contested: int
) -> None:
    board = board_at(AFTERNOON, AFTERNOON_SLOTS, at(hhmm))
    assert board.status is status
    if offer is None:
        assert board.next_open is None
    else:
        assert board.next_open is not None
        # "now": the open slot holding the current time; else the next open slot's start.
        expected = board.next_open.start if offer == "now" else at(offer)
        assert board.next_open.start == expected
        assert (board.next_open.state is SlotState.CURRENT) == (offer == "now")
        assert board.next_open.open and not board.next_open.proposals
    assert (board.contest.start if board.contest else None) == (at(vote) if vote else None)
    assert len(board.contested) == contested
    assert all(len(slot.proposals) == 2 for slot in board.contested)


@pytest.mark.parametrize(
    ("hhmm", "status", "current", "offer"),
    [
        ("10:15", DayStatus.RUNNING, "Breakfast chat", "12:00"),
        ("11:15", DayStatus.RUNNING, "Morning only", "12:00"),
        ("12:00", DayStatus.BETWEEN, "", "12:00"),
        ("16:59", DayStatus.BETWEEN, "", "16:30"),
        ("17:00", DayStatus.DONE, "", None),
        ("23:00", DayStatus.DONE, "", None),
    ],
)
def test_a_day_whose_only_sessions_are_in_the_morning(
    hhmm: str, status: DayStatus, current: str, offer: str | None
) -> None:
    schedule = Schedule((s("Breakfast chat", "10:00", "11:00"), s("Morning only", "11:00", "12:00")))
    board = board_at(schedule, SLOTS, at(hhmm))
    assert board.status is status
    assert "".join(c.session.title for c in board.current) == current
    assert (board.next_open.start if board.next_open else None) == (at(offer) if offer else None)
    assert board.next is None or status is DayStatus.RUNNING


def test_a_session_running_past_the_slot_window_ends_the_day() -> None:
    schedule = Schedule((s("Open end", "16:00", "19:00"),))
    assert board_at(schedule, SLOTS, at("18:30")).status is DayStatus.RUNNING
    assert board_at(schedule, SLOTS, at("19:00")).status is DayStatus.DONE


def test_slots_ending_at_24_00_run_to_midnight(tmp_path: Path) -> None:
    """``[slots] end = "24:00"`` is midnight at the end of the day, not 23:59:59."""
    slots = configs.kiosk_config(
        tmp_path, source={"url": "s.json"}, slots={"start": "22:00", "end": "24:00", "minutes": 30}
    ).slots
    board = board_at(Schedule(), slots, at("23:50"))
    assert board.day == DAY
    assert [slot.end.time() for slot in board.slots] == [time(22, 30), time(23, 0), time(23, 30), time(0, 0)]
    assert board.slots[-1].end == datetime.combine(DAY + timedelta(days=1), time(0), KOLKATA)
    assert board.next_free is not None and board.next_free.end == board.slots[-1].end
    whole_day = configs.kiosk_config(
        tmp_path, name="day.toml", source={"url": "s.json"}, slots={"start": "00:00", "end": "24:00"}
    )
    assert len(board_at(Schedule(), whole_day.slots, at("12:00")).slots) == 48
