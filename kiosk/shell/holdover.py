"""A change of source without a blank board: what the board showed stays up, with its age, until the
new sources read (``Polled.held_over``)."""

from __future__ import annotations

from kiosk.core.model import Latest


class HoldOver:
    def __init__(self) -> None:
        self._held: Latest | None = None  # the old sources' latest copy, while new ones have nothing
        self._shown: tuple[Latest, Latest] | None = None  # (the sources' copy, as shown)

    def hold(self, shown: Latest) -> None:
        """The sources are about to change: keep what the board shows now."""
        self._held = shown

    def shown(self, latest: Latest) -> Latest:
        """``latest`` as the board shows it: the held copy until ``latest`` has a reading of its own (the
        same object while nothing changes, so the loop redraws only then)."""
        if self._held is None or latest.reading is not None:
            self._held = self._shown = None
            return latest
        if self._shown is None or self._shown[0] is not latest:
            self._shown = (latest, latest.held_over(self._held))
        return self._shown[1]
