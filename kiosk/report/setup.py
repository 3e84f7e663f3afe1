"""What ``check`` says about the board's own setup: a page whose table is set but which is left out
of the rotation, and the demo's proposal form on a board that shows a real schedule. Information,
not problems: the board runs as configured, but probably not as the facilitator meant it."""

from __future__ import annotations

from kiosk.config import DEFAULT_CONFIG, Config, load
from kiosk.core.model import Problem
from kiosk.layout import pages


def notes(config: Config) -> tuple[Problem, ...]:
    found = []
    for page in pages.PAGES:
        if page.asked(config) and page.name not in config.pages.order:
            order = ", ".join(f'"{name}"' for name in (*config.pages.order, page.name))
            found.append(
                Problem(
                    "[pages] order",
                    f'{page.asked_by} is set, but the "{page.name}" page is not in the rotation, so the board'
                    f" never shows it: order = [{order}]",
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


def _demo_form() -> str:
    return load(DEFAULT_CONFIG).propose.url
