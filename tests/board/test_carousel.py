import pytest

from kiosk.board import carousel

T0 = 5000.0  # a monotonic tick
ORDER = ("now", "today", "propose")


def at(seconds: float) -> float:
    return T0 + seconds


@pytest.mark.parametrize(
    ("parts", "seconds_later", "page", "part"),
    [
        (1, 14.9, "now", 0),  # not yet due
        (1, 15, "today", 0),  # due: next page
        (1, 60, "today", 0),  # long overdue still moves one page only
    ],
)
def test_tick_moves_on_when_due(parts: int, seconds_later: float, page: str, part: int) -> None:
    r = carousel.tick(carousel.begin(ORDER, T0), at(seconds_later), 15, parts)
    assert (r.page, r.part) == (page, part)


def test_forward_walks_parts_then_pages_and_wraps() -> None:
    parts = {"now": 1, "today": 3, "propose": 1}
    r = carousel.begin(ORDER, T0)
    seen = []
    for i in range(7):
        seen.append((r.page, r.part))
        r = carousel.forward(r, at(i), parts[r.page])
    assert seen == [
        ("now", 0),
        ("today", 0),
        ("today", 1),
        ("today", 2),
        ("propose", 0),
        ("now", 0),
        ("today", 0),
    ]


@pytest.mark.parametrize(
    ("index", "part", "parts", "page", "want_part"),
    [
        (0, 0, 1, "propose", 0),  # wraps backwards
        (1, 2, 3, "today", 1),  # previous part of the same page
        (1, 0, 3, "now", 0),
        (1, 5, 2, "today", 0),  # the page shrank to 2 parts: clamp to the last, then go back one
    ],
)
def test_back(index: int, part: int, parts: int, page: str, want_part: int) -> None:
    r = carousel.Rotation(order=ORDER, shown_at=T0, index=index, part=part)
    r = carousel.back(r, at(1), parts)
    assert (r.page, r.part) == (page, want_part)
    assert r.shown_at == at(1)


def test_manual_change_gives_the_page_its_full_time() -> None:
    r = carousel.tick(carousel.begin(ORDER, T0), at(10), 15, 1)
    r = carousel.forward(r, at(10), 1)
    assert carousel.due_at(r, 15, 1) == at(25)
    assert carousel.tick(r, at(24), 15, 1).page == "today"


def test_pause_stops_rotation_and_resume_restarts_the_time() -> None:
    r = carousel.toggle_pause(carousel.begin(ORDER, T0), at(5))
    assert r.paused
    assert carousel.due_at(r, 15, 1) is None
    assert carousel.tick(r, at(600), 15, 1).page == "now"
    assert carousel.forward(r, at(601), 1).page == "today"  # keys still work while paused
    r = carousel.toggle_pause(r, at(700))
    assert not r.paused
    assert carousel.due_at(r, 15, 1) == at(715)


@pytest.mark.parametrize(
    ("order", "parts", "due"), [(("now",), 1, None), (("now",), 2, at(15)), (ORDER, 1, at(15))]
)
def test_a_lone_page_never_changes(order: tuple[str, ...], parts: int, due: float | None) -> None:
    assert carousel.due_at(carousel.begin(order, T0), 15, parts) == due


@pytest.mark.parametrize(
    ("new_order", "page", "index", "shown_at"),
    [
        (("propose", "today"), "today", 1, T0),  # current page kept, its time too
        (("now", "propose"), "now", 0, at(3)),  # current page dropped: start over
    ],
)
def test_reorder(new_order: tuple[str, ...], page: str, index: int, shown_at: float) -> None:
    r = carousel.forward(carousel.begin(ORDER, T0), T0, 1)
    r = carousel.reorder(r, new_order, at(3))
    assert (r.page, r.index, r.shown_at) == (page, index, shown_at)


def test_empty_order_is_refused() -> None:
    with pytest.raises(ValueError):
        carousel.begin((), T0)


def test_restart_gives_the_page_its_full_time_again() -> None:
    r = carousel.restart(carousel.begin(ORDER, T0), at(10))
    assert r.page == "now" and carousel.due_at(r, 15, 1) == at(25)


UPDATES = ("now", "updates", "today")


def test_a_page_with_nothing_to_show_is_passed_over() -> None:
    r = carousel.begin(UPDATES, T0)
    skip = frozenset({"updates"})
    r = carousel.tick(r, at(15), 15, 1, skip)
    assert r.page == "today"
    r = carousel.forward(r, at(16), 1, skip)
    assert r.page == "now"
    assert carousel.back(r, at(17), 1, skip).page == "today"


def test_the_page_on_screen_moves_on_at_once_when_it_has_nothing_left_to_show() -> None:
    r = carousel.tick(carousel.begin(UPDATES, T0), at(15), 15, 1)
    assert r.page == "updates"
    r = carousel.tick(r, at(16), 15, 1, frozenset({"updates"}))
    assert (r.page, r.shown_at) == ("today", at(16))


def test_one_page_left_to_show_stays_and_all_pages_empty_still_rotate() -> None:
    r = carousel.begin(("now", "updates"), T0)
    assert carousel.due_at(r, 15, 1, frozenset({"updates"})) is None
    every = frozenset({"now", "updates"})
    assert carousel.tick(r, at(15), 15, 1, every).page == "updates"


def test_the_page_dots_count_only_the_pages_that_show() -> None:
    order = ("now", "today", "propose", "vote", "updates")
    skip = frozenset({"vote", "updates"})
    assert carousel.position(carousel.showing(order, "now"), skip) == (1, 3)
    assert carousel.position(carousel.showing(order, "propose"), skip) == (3, 3)
    assert carousel.position(carousel.showing(order, "updates"), frozenset({"vote"})) == (4, 4)
    assert carousel.position(carousel.showing(order, "today")) == (2, 5)
    # When every page is empty, every page shows.
    assert carousel.position(carousel.showing(order, "vote"), frozenset(order)) == (4, 5)
