"""Which page is on screen and when it changes: a pure value stepped by time and by keys.

A page can have several parts (the "today" page splits a long day over several screens); the
rotation walks through the parts of a page before moving to the next page. The number of parts
comes from the layout, so every function that moves forward is told how many the page has now.
A page with nothing to show (``skip``: no recent updates, nothing to vote on) is passed over, unless
every page would be.

How long a page has been up is measured on the monotonic clock (``time.monotonic()`` seconds, called
``tick`` here), never on the wall clock: setting the clock back an hour must not hold a page for an hour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Rotation:
    order: tuple[str, ...]
    shown_at: float  # the monotonic tick at which the current page (or part) went on screen
    index: int = 0
    part: int = 0
    paused: bool = False

    @property
    def page(self) -> str:
        return self.order[self.index]


def begin(order: tuple[str, ...], tick: float) -> Rotation:
    if not order:
        raise ValueError("a rotation needs at least one page")
    return Rotation(order=order, shown_at=tick)


def showing(order: tuple[str, ...], page: str, part: int = 0, tick: float = 0.0) -> Rotation:
    """A rotation standing on ``page`` (its ``part``); a page outside ``order`` is shown on its own."""
    order = order if page in order else (page,)
    return Rotation(order=order, shown_at=tick, index=order.index(page), part=max(part, 0))


def due_at(
    rotation: Rotation, seconds: float, parts: int, skip: frozenset[str] = frozenset()
) -> float | None:
    """When the page changes by itself; None while paused or when there is nothing to change to."""
    if rotation.paused:
        return None
    shown = _shown(rotation.order, skip)
    if len(shown) == 1 and parts <= 1 and rotation.page in shown:
        return None
    return rotation.shown_at + seconds


def tick(
    rotation: Rotation, tick: float, seconds: float, parts: int, skip: frozenset[str] = frozenset()
) -> Rotation:
    """Move on if the current page has had its time, or has nothing to show; otherwise keep it
    (parts clamped to the layout)."""
    rotation = _clamp(rotation, parts)
    if rotation.page not in _shown(rotation.order, skip):
        return _step(rotation, tick, 1, skip)
    due = due_at(rotation, seconds, parts, skip)
    if due is None or tick < due:
        return rotation
    return forward(rotation, tick, parts, skip)


def forward(rotation: Rotation, tick: float, parts: int, skip: frozenset[str] = frozenset()) -> Rotation:
    """The next part of this page, or the first part of the next page with something to show."""
    rotation = _clamp(rotation, parts)
    if rotation.part + 1 < parts:
        return replace(rotation, part=rotation.part + 1, shown_at=tick)
    return _step(rotation, tick, 1, skip)


def back(rotation: Rotation, tick: float, parts: int, skip: frozenset[str] = frozenset()) -> Rotation:
    """The previous part of this page, or the first part of the previous page (its count is unknown here)."""
    rotation = _clamp(rotation, parts)
    if rotation.part > 0:
        return replace(rotation, part=rotation.part - 1, shown_at=tick)
    return _step(rotation, tick, -1, skip)


def position(rotation: Rotation, skip: frozenset[str] = frozenset()) -> tuple[int, int]:
    """(the page's number, how many pages) among those the rotation goes through: the page dots
    count only pages that show, so a board with nothing to vote on has no dot for the vote page."""
    shown = _shown(rotation.order, skip)
    number = shown.index(rotation.page) + 1 if rotation.page in shown else rotation.index + 1
    return number, max(len(shown), number)


def _shown(order: tuple[str, ...], skip: frozenset[str]) -> tuple[str, ...]:
    """The pages the rotation goes through: all of them when none has anything to show."""
    return tuple(page for page in order if page not in skip) or order


def _step(rotation: Rotation, tick: float, direction: int, skip: frozenset[str]) -> Rotation:
    shown = _shown(rotation.order, skip)
    count = len(rotation.order)
    index = rotation.index
    for _ in range(count):
        index = (index + direction) % count
        if rotation.order[index] in shown:
            break
    return replace(rotation, index=index, part=0, shown_at=tick)


def toggle_pause(rotation: Rotation, tick: float) -> Rotation:
    # Resuming restarts the page's time, so a page is never cut short right after un-pausing.
    return replace(rotation, paused=not rotation.paused, shown_at=tick)


def reorder(rotation: Rotation, order: tuple[str, ...], tick: float) -> Rotation:
    """Apply a new page order from a reloaded config, staying on the current page if it is still there."""
    if order == rotation.order:
        return rotation
    if rotation.page in order:
        return replace(rotation, order=order, index=order.index(rotation.page))
    return replace(rotation, order=order, index=0, part=0, shown_at=tick)


def restart(rotation: Rotation, tick: float) -> Rotation:
    """The current page gets its full time again from ``tick`` (after the wall clock was stepped)."""
    return replace(rotation, shown_at=tick)


def _clamp(rotation: Rotation, parts: int) -> Rotation:
    last = max(parts, 1) - 1
    return replace(rotation, part=last) if rotation.part > last else rotation
