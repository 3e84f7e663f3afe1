"""What ``check`` says about the board's own setup: a page whose table is set but which is left out
of the rotation, and the demo's proposal form on a board that shows a real schedule. Information,
not problems: the board runs as configured, but probably not as the facilitator meant it."""

from __future__ import annotations

from kiosk.config import DEFAULT_CONFIG, Config, load
from kiosk.core.model import Problem


def notes(config: Config) -> tuple[Problem, ...]:
    found = []
    for page, table, why in _pages_with_tables(config):
        if table and page not in config.pages.order:
            order = ", ".join(f'"{name}"' for name in (*config.pages.order, page))
            found.append(
                Problem(
                    "[pages] order",
                    f'{why} is set, but the "{page}" page is not in the rotation, so the board never shows'
                    f" it: order = [{order}]",
                )
            )
    if not config.source.demo and config.propose.url and config.propose.url == _demo_form():
        found.append(
            Problem(
                "[propose] url",
                "this is the demo's form, which is somebody else's: the QR codes would send attendees"
                " there; put your own proposal form's link in it",
            )
        )
    return tuple(found)


def _pages_with_tables(config: Config) -> tuple[tuple[str, bool, str], ...]:
    return (
        ("vote", bool(config.vote.url), "[vote] url"),
        ("updates", config.updates.any, "[updates]"),
        ("rooms", len(config.source.rooms) > 1, "[source] rooms"),
    )


def _demo_form() -> str:
    return load(DEFAULT_CONFIG).propose.url
