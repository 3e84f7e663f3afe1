"""Pictures a person would check: the title fits, text stands out, every script and emoji draws."""

from __future__ import annotations

import boards
import pygame
import pytest

from kiosk.layout import Box
from kiosk.render import render, renderer
from kiosk.render.fonts import Fonts


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _under(box: Box, boxes: tuple[Box, ...], background: tuple[int, int, int]) -> tuple[int, int, int]:
    """The fill of the last panel under the box's top-left corner: what the text is drawn on."""
    x, y = box.rect[:2]
    fill = background
    for other in boxes:
        ox, oy, ow, oh = other.rect
        if other.kind == "panel" and other.fill is not None and ox <= x < ox + ow and oy <= y < oy + oh:
            fill = other.fill
    return fill


@pytest.mark.parametrize("when", [(12, 12), (13, 40), (8, 30), (18, 30)])
@pytest.mark.parametrize("page", ["now", "today", "propose"])
def test_text_contrast_is_at_least_7_to_1(page: str, when: tuple[int, int]) -> None:
    view = boards.view(boards.at(*when), page, footer_stale=True, warnings=("Clock looks wrong",))
    layout = renderer().layout(view, (1920, 1080))
    texts = [b for b in layout.boxes if b.kind == "text"]
    assert texts
    for box in texts:
        assert contrast(box.colour, _under(box, layout.boxes, layout.background)) >= 7, box


def test_title_fits_its_box_on_screen() -> None:
    view = boards.view(boards.at(12, 12, boards.stress_schedule()), "now")
    layout = renderer().layout(view, (1920, 1080))
    title = max((b for b in layout.boxes if b.kind == "text"), key=lambda b: b.size)
    for line in title.lines:
        image = renderer().text.line(line, title.style, title.size, title.line_height, title.colour)
        assert image.get_width() <= title.rect[2]


@pytest.mark.parametrize("text", boards.SCRIPTS)
def test_every_character_has_a_font(text: str) -> None:
    fonts = renderer().fonts
    for char in text:
        if char not in "\u200d\ufe0f" and not char.isspace():
            assert fonts.face_for(char) is not None, char
    assert "?" not in "".join(run.text for run in fonts.runs(text))


def _coloured(surface: pygame.Surface) -> int:
    """Pixels clearly not grey: emoji drawn in colour rather than as a white box."""
    w, h = surface.get_size()
    count = 0
    for x in range(0, w, 2):
        for y in range(0, h, 2):
            r, g, b, a = surface.get_at((x, y))
            if a > 128 and max(r, g, b) - min(r, g, b) > 60:
                count += 1
    return count


def test_emoji_draw_in_colour_and_scripts_differ_from_missing_glyphs() -> None:
    fonts = renderer().fonts
    text = renderer().text
    emoji = text.line("🦮🎉", "bold", 60, 70, (255, 255, 255))
    assert _coloured(emoji) > 50
    # Without the fallback chain, Noto Sans alone draws Hindi as identical .notdef boxes.
    latin_only = Fonts(fonts.directory, fonts.chain[:1])
    hindi = "पायथन"
    boxes = latin_only.font(latin_only.chain[0], False, 60).render(hindi, True, (255, 255, 255))
    shaped = fonts.font(fonts.runs(hindi)[0].face, False, 60).render(hindi, True, (255, 255, 255))
    assert fonts.runs(hindi)[0].face.name == "devanagari"
    assert pygame.image.tobytes(boxes, "RGBA") != pygame.image.tobytes(shaped, "RGBA")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_render_returns_the_screen_size(size: tuple[int, int]) -> None:
    surface = render(boards.view(boards.at(12, 12), "today"), size)
    assert surface.get_size() == size
    assert surface.get_at((1, 1))[:3] == boards.CONFIG.theme.background
