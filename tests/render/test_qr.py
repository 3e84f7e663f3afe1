"""The QR code a phone scans: drawn through render() at every screen size, it decodes to the
configured proposal URL, with whole-pixel modules and its quiet zone."""

from __future__ import annotations

import boards
import pytest
from boards import SIZES
from screens import qr_codes

from kiosk.render import qr, render, renderer


@pytest.mark.parametrize("page", ["now", "propose"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_qr_decodes_to_the_proposal_url(page: str, size: tuple[int, int]) -> None:
    view = boards.view(boards.at(12, 12), page)
    found = qr_codes(render(view, size))
    # Every code on the page decodes (the session on now may have its link's code too).
    drawn = [b.payload for b in renderer().layout(view, size).boxes if b.kind == "qr"]
    assert boards.CONFIG.propose.url in drawn
    assert sorted(found) == sorted(drawn)


@pytest.mark.parametrize("page", ["now", "propose"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_modules_are_whole_pixels_with_a_quiet_zone(page: str, size: tuple[int, int]) -> None:
    view = boards.view(boards.at(12, 12), page)
    url = boards.CONFIG.propose.url
    box = next(b for b in renderer().layout(view, size).boxes if b.kind == "qr" and b.payload == url)
    module, side = qr.geometry(url, box.rect[2])
    assert side == module * (len(qr.matrix(url)) + 2 * qr.QUIET) <= box.rect[2]
    assert module >= 3
    image = qr.surface(url, box.rect[2], (0, 0, 0), (255, 255, 255))
    assert image.get_size() == (side, side)
    quiet = qr.QUIET * module
    light = [image.get_at((x, y))[:3] for x in range(side) for y in (0, quiet - 1, side - 1)]
    assert set(light) == {(255, 255, 255)}
    # The first finder pattern starts exactly at the quiet zone's edge, one module thick.
    assert image.get_at((quiet, quiet))[:3] == (0, 0, 0)
    assert image.get_at((quiet + module, quiet + module))[:3] == (255, 255, 255)


def test_propose_qr_is_a_fifth_of_the_width_in_landscape() -> None:
    view = boards.view(boards.at(12, 12), "propose")
    box = next(b for b in renderer().layout(view, (1920, 1080)).boxes if b.kind == "qr")
    assert qr.geometry(boards.CONFIG.propose.url, box.rect[2])[1] >= 0.2 * 1920
