"""The bundled fonts and the fallback chain: which font draws which run of characters.

A title may mix Latin, Hindi, Telugu, Tamil and emoji. No single font has them all, so a string is
split into runs, each drawn by the first font of the chain that has its characters, and the runs are
set side by side on one baseline. Coverage comes from each font's character map, read once.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame.freetype

from kiosk.resources import fonts_dir

FONTS_DIR = fonts_dir()
WIDTH_CACHE = 16_384  # measured strings kept; a day of titles at a few sizes is far fewer
EMOJI_STRIKE = 109  # the one bitmap size Noto Color Emoji carries; it is scaled to the text size
# Characters that belong to the run they sit in: they shape with their neighbours.
JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")
# Dropped before drawing emoji: the bundled emoji font has no sequences, so a ZWJ sequence or a
# presentation selector would otherwise draw as a box between its parts.
EMOJI_IGNORED = str.maketrans("", "", "\u200d\ufe0e\ufe0f")


@dataclass(frozen=True, slots=True)
class Face:
    """One font family of the chain: its files, the HarfBuzz script it shapes, and whether it is emoji."""

    name: str
    regular: str
    bold: str
    script: str = "Latn"
    emoji: bool = False


CHAIN: tuple[Face, ...] = (
    Face("sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    Face("devanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "Deva"),
    Face("telugu", "NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", "Telu"),
    Face("tamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", "Taml"),
    Face("emoji", "NotoColorEmoji.ttf", "NotoColorEmoji.ttf", "Zyyy", emoji=True),
)


@dataclass(frozen=True, slots=True)
class Run:
    face: Face
    text: str


# Open fonts kept, least recently used dropped first: fitting text picks from a range of sizes,
# and each size of a face holds 110-190 KiB. Sizes a renamed title no longer uses pile up: with 64
# kept, 41 were open after a day. A closed font's memory stays in the heap for the next one, so a
# small bound caps it; reopening a dropped font takes about 1 ms, and drawn lines are cached anyway.
MAX_FONTS = 16


class Fonts:
    """Loaded fonts with cached coverage and widths; measures text for layout and opens sized fonts.

    Needs ``pygame.font`` and ``pygame.freetype`` initialised (``Fonts.load()`` does it).
    """

    def __init__(self, directory: Path = FONTS_DIR, chain: tuple[Face, ...] = CHAIN) -> None:
        self.directory = directory
        self.chain = chain
        # freetype reports a missing glyph as None, which pygame.font does not: it is used for coverage.
        self._maps = [
            pygame.freetype.Font(str(directory / face.regular), EMOJI_STRIKE if face.emoji else 16)
            for face in chain
        ]
        self._covers: dict[str, int | None] = {}
        self._fonts: OrderedDict[tuple[str, bool, int], pygame.font.Font] = OrderedDict()
        self._widths: dict[tuple[str, str, int], int] = {}

    @classmethod
    def load(cls, directory: Path = FONTS_DIR, chain: tuple[Face, ...] = CHAIN) -> Fonts:
        pygame.font.init()
        pygame.freetype.init()
        return cls(directory, chain)

    def face_for(self, char: str) -> int | None:
        """Index in the chain of the first face that has ``char``, None when none has it."""
        if char not in self._covers:
            self._covers[char] = next(
                (i for i, m in enumerate(self._maps) if m.get_metrics(char)[0] is not None), None
            )
        return self._covers[char]

    def runs(self, text: str) -> tuple[Run, ...]:
        return tuple(self._runs(text))

    def _runs(self, text: str) -> Iterator[Run]:
        current: int | None = None
        chars: list[str] = []
        for char in text:
            cat = unicodedata.category(char)
            if current is not None and (char in JOINERS or cat.startswith("M")):
                chars.append(char)
                continue
            index = self.face_for(char)
            if index is None:
                char, index = "?", 0  # no bundled font has it: say so plainly rather than draw a box
            # Spaces, digits and punctuation stay in the run they are in, so a Hindi title shapes whole.
            if current is not None and not cat.startswith("L") and self._has(current, char):
                chars.append(char)
                continue
            if index != current and chars and current is not None:
                yield Run(self.chain[current], "".join(chars))
                chars = []
            current = index
            chars.append(char)
        if chars and current is not None:
            yield Run(self.chain[current], "".join(chars))

    def _has(self, index: int, char: str) -> bool:
        if self.chain[index].emoji:
            return char in JOINERS or self.face_for(char) == index
        return self._maps[index].get_metrics(char)[0] is not None

    def font(self, face: Face, bold: bool, size: int) -> pygame.font.Font:
        """The pygame font of ``face`` for text of ``size`` pixels (the emoji font at its strike)."""
        key = (face.name, bold, EMOJI_STRIKE if face.emoji else size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(self.directory / (face.bold if bold else face.regular)), key[2])
            if not face.emoji:
                font.set_script(face.script)
            self._fonts[key] = font
            if len(self._fonts) > MAX_FONTS:
                self._fonts.popitem(last=False)
        else:
            self._fonts.move_to_end(key)
        return font

    def emoji_scale(self, size: int) -> float:
        """How much the emoji strike shrinks to sit with text of ``size`` pixels."""
        return size * 1.1 / 128

    def run_width(self, run: Run, bold: bool, size: int) -> int:
        font = self.font(run.face, bold, size)
        if run.face.emoji:
            text = run.text.translate(EMOJI_IGNORED)
            return round(font.size(text)[0] * self.emoji_scale(size)) if text else 0
        return int(font.size(run.text)[0])

    def width(self, text: str, style: str, size: int) -> int:
        """Width in pixels of one line of ``text`` in ``style`` ("regular" or "bold") at ``size``."""
        key = (text, style, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= WIDTH_CACHE:
                self._widths.clear()
            bold = style == "bold"
            width = self._widths[key] = sum(self.run_width(run, bold, size) for run in self.runs(text))
        return width
