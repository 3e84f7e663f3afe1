"""The fonts and the fallback chain: which font draws which run of characters.

A title may mix Latin, Hindi, Arabic, Japanese and emoji. No single font has them all, so a string is
split into runs, each drawn by the first font of the chain that has its characters, and the runs are
set side by side on one baseline, in visual order (right-to-left runs shaped right to left, see
``kiosk.layout.direction``). Coverage comes from each font's character map.

Only Noto Sans is opened at start. The bundled Devanagari, Telugu, Tamil and emoji fonts are opened
the first time a character of their script appears; a character none of them has is looked up in
the system's fonts through fontconfig (``kiosk.render.sysfonts``), and that font joins the chain. A
character no installed font has is drawn as U+FFFD (a visible replacement) and kept in ``missing``.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame.freetype

from kiosk.core.model import Problem, Schedule
from kiosk.core.resources import fonts_dir
from kiosk.layout import direction
from kiosk.render import sysfonts
from kiosk.render.emoji import as_drawn

WIDTH_CACHE = 16_384  # measured strings kept; a day of titles at a few sizes is far fewer
EMOJI_STRIKE = 109  # the one bitmap size Noto Color Emoji carries; it is scaled to the text size
# Characters that belong to the run they sit in: they shape with their neighbours.
JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")
# Dropped before drawing emoji: the bundled emoji font has no sequences, so a ZWJ sequence or a
# presentation selector would otherwise draw as a box between its parts.
EMOJI_IGNORED = str.maketrans("", "", "\u200d\ufe0e\ufe0f")
REPLACEMENT = "\ufffd"  # drawn for a character that no installed font has
# Scripts that are not a script of their own: a character of these takes its neighbours' font.
COMMON = frozenset({"Zyyy", "Zinh", "Zzzz"})
# Of those, the ones whose characters (punctuation, symbols, marks) many different fonts have.
SHARED = frozenset({"Zyyy", "Zinh"})
# Controls, format characters and spaces draw nothing: no font for them is worth a word.
SILENT = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class Face:
    """One font family of the chain: its files (names in the bundled folder, or absolute paths), the
    HarfBuzz script it shapes, whether it is emoji, and the scripts a bundled face is opened for."""

    name: str
    regular: str
    bold: str
    script: str = "Latn"
    emoji: bool = False
    scripts: frozenset[str] = frozenset()


CHAIN: tuple[Face, ...] = (
    Face("sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    Face(
        "devanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        "Deva",
        scripts=frozenset({"Deva"}),
    ),
    Face(
        "telugu", "NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", "Telu", scripts=frozenset({"Telu"})
    ),
    Face("tamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", "Taml", scripts=frozenset({"Taml"})),
    Face("emoji", "NotoColorEmoji.ttf", "NotoColorEmoji.ttf", "Zyyy", emoji=True, scripts=COMMON),
)


@dataclass(frozen=True, slots=True)
class Run:
    face: Face
    text: str
    level: int = 0  # the bidi embedding level: odd runs right to left

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


# Open fonts kept while a page is laid out and drawn, least recently used dropped first: fitting text
# picks from a range of sizes, and each size of a face holds 110-190 KiB. Once the page is painted
# they are all closed (``close_sized``).
MAX_FONTS = 16
# Questions to fontconfig per process (each takes 20-70 ms): one per script a schedule brings.
MAX_LOOKUPS = 64


class Fonts:
    """Loaded fonts with cached coverage and widths; measures text for layout and opens sized fonts.

    Needs ``pygame.font`` and ``pygame.freetype`` initialised (``Fonts.load()`` does it).
    """

    def __init__(
        self,
        directory: Path | None = None,
        chain: tuple[Face, ...] = CHAIN,
        system: Callable[[str], sysfonts.SystemFont | None] = sysfonts.find,
    ) -> None:
        self.directory = directory or fonts_dir()
        self.chain: list[Face] = []  # the faces opened so far, in the order they are tried
        # freetype reports a missing glyph as None, which pygame.font does not: it is used for coverage.
        self._maps: list[pygame.freetype.Font] = []
        self._waiting = list(chain[1:])  # bundled faces not opened yet
        self._system = system
        self._covers: dict[str, int | None] = {}
        self._fonts: OrderedDict[tuple[str, bool, int], pygame.font.Font] = OrderedDict()
        self._widths: dict[tuple[str, str, int], int] = {}
        self.missing: dict[str, str] = {}  # character -> script, for what no installed font has
        self._unfound: set[str] = set()  # scripts the system had no font for
        self._lookups = 0
        self._open(chain[0])

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        chain: tuple[Face, ...] = CHAIN,
        system: Callable[[str], sysfonts.SystemFont | None] = sysfonts.find,
    ) -> Fonts:
        pygame.font.init()
        pygame.freetype.init()
        return cls(directory, chain, system)

    def _open(self, face: Face) -> int:
        self._maps.append(
            pygame.freetype.Font(str(self.directory / face.regular), EMOJI_STRIKE if face.emoji else 16)
        )
        self.chain.append(face)
        return len(self.chain) - 1

    def face_for(self, char: str) -> int | None:
        """Index in the chain of the first face that has ``char`` (opening one if needed), None when
        no installed font has it."""
        if char not in self._covers:
            found = next((i for i, m in enumerate(self._maps) if m.get_metrics(char)[0] is not None), None)
            self._covers[char] = found if found is not None else self._find(char)
        return self._covers[char]

    def _find(self, char: str) -> int | None:
        """Open the bundled face for ``char``'s script, else ask the system; None when none has it."""
        # Deferred: fontTools' Unicode data loads only once a character is not in the open fonts.
        from fontTools.unicodedata import script as script_of

        script = script_of(char)
        for face in [face for face in self._waiting if script in face.scripts]:
            self._waiting.remove(face)
            index = self._open(face)
            if self._maps[index].get_metrics(char)[0] is not None:
                return index
        # A script the system had no font for is not asked about again, and the questions are
        # bounded: a hostile schedule with thousands of unknown characters costs a few lookups.
        if script not in self._unfound and self._lookups < MAX_LOOKUPS:
            self._lookups += 1
            found = self._system(char)
            known = {face.regular for face in self.chain}
            if found is not None and str(found.regular) not in known:
                kind = "Zyyy" if script in COMMON else script
                index = self._open(Face(found.family, str(found.regular), str(found.bold), kind))
                if self._maps[index].get_metrics(char)[0] is not None:
                    return index
            if script not in SHARED:
                self._unfound.add(script)
        if unicodedata.category(char) not in SILENT:
            self.missing[char] = script
        return None

    def missing_scripts(self, text: str) -> list[str]:
        """The scripts (ISO 15924 codes) of ``text``'s characters that no installed font has."""
        codes: list[str] = []
        for char in text:
            if self.face_for(char) is None and char in self.missing and self.missing[char] not in codes:
                codes.append(self.missing[char])
        return codes

    def runs(self, text: str) -> tuple[Run, ...]:
        """``text`` cut into runs of one face and one direction, in logical order; emoji sequences
        are cut down to what the bundled emoji font draws (``kiosk.render.emoji``)."""
        return tuple(self._runs(as_drawn(text)))

    def visual_runs(self, text: str) -> list[Run]:
        """The runs of one line in the order they are drawn, left to right."""
        runs = self.runs(text)
        order = direction.visual_order([run.level for run in runs])
        return [runs[i] for i in order]

    def _runs(self, text: str) -> Iterator[Run]:
        levels = direction.levels(text)
        current: int | None = None
        level = 0
        chars: list[str] = []
        for char, char_level in zip(text, levels, strict=True):
            cat = unicodedata.category(char)
            if current is not None and (char in JOINERS or cat.startswith("M")):
                chars.append(char)
                continue
            index = self.face_for(char)
            if index is None:
                char, index = REPLACEMENT, 0  # no installed font has it: say so plainly
            # Spaces, digits and punctuation stay in the run they are in, so a Hindi title shapes whole.
            same_level = char_level == level
            if current is not None and same_level and not cat.startswith("L") and self._has(current, char):
                chars.append(char)
                continue
            if (index != current or not same_level) and chars and current is not None:
                yield Run(self.chain[current], "".join(chars), level)
                chars = []
            current, level = index, char_level
            chars.append(char)
        if chars and current is not None:
            yield Run(self.chain[current], "".join(chars), level)

    def _has(self, index: int, char: str) -> bool:
        if self.chain[index].emoji:
            return char in JOINERS or self.face_for(char) == index
        return self._maps[index].get_metrics(char)[0] is not None

    def font(self, face: Face, bold: bool, size: int) -> pygame.font.Font:
        """The pygame font of ``face`` for text of ``size`` pixels (the emoji font at its strike)."""
        key = (face.regular, bold, EMOJI_STRIKE if face.emoji else size)
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

    def close_sized(self) -> None:
        """Close every sized font. The lines they drew are kept as pixels and the widths they measured
        as numbers, so a font is open only while a string being measured or drawn needs it: each
        holds 110-190 KiB, the pages' sixteen sizes about 2.2 MiB PSS, and opening one again when a
        new string needs it takes about 0.2 ms."""
        self._fonts.clear()

    def emoji_scale(self, size: int) -> float:
        """How much the emoji strike shrinks to sit with text of ``size`` pixels."""
        return size * 1.1 / 128

    def shaped(self, run: Run, bold: bool, size: int) -> pygame.font.Font:
        """The font for ``run``, set to shape it in its direction."""
        font = self.font(run.face, bold, size)
        if not run.face.emoji:
            font.set_direction(pygame.DIRECTION_RTL if run.rtl else pygame.DIRECTION_LTR)
        return font

    def run_width(self, run: Run, bold: bool, size: int) -> int:
        font = self.shaped(run, bold, size)
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


# The Debian (and Raspberry Pi OS) package with a font for a script; fonts-noto-core has the rest.
PACKAGES = {
    "Hani": "fonts-noto-cjk",
    "Hira": "fonts-noto-cjk",
    "Kana": "fonts-noto-cjk",
    "Hang": "fonts-noto-cjk",
}


def glyph_problems(schedule: Schedule, fonts: Fonts) -> list[Problem]:
    """A problem for each session, announcement and idea with characters no installed font has: the
    board shows them as U+FFFD, and the facilitator should hear of it before the hallway does."""
    texts: list[tuple[str, str]] = []
    for i, session in enumerate(schedule.sessions):
        where = f'sessions[{i}] "{session.title}"'
        texts += [(where, session.title), (where, session.host)]
    texts += [(f"announcements[{i}]", text) for i, text in enumerate(schedule.announcements)]
    texts += [(f"ideas[{i}]", text) for i, text in enumerate(schedule.ideas)]
    problems: list[Problem] = []
    for where, text in texts:
        codes = fonts.missing_scripts(text)
        if codes:
            # Deferred: fontTools' Unicode data (loaded already when a character was missing).
            from fontTools.unicodedata import script_name

            names = ", ".join(script_name(code) for code in codes)
            packages = " ".join(sorted({PACKAGES.get(code, "fonts-noto-core") for code in codes}))
            problems.append(
                Problem(
                    where,
                    f"shown, but no installed font has its {names} characters (drawn as {REPLACEMENT}): "
                    f"install a font for them, e.g. apt-get install {packages}",
                )
            )
    return problems
