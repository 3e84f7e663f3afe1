"""Fonts installed on the system, found through fontconfig when no bundled font has a character.

``fc-list :charset=XXXX`` names every installed font with the character; a Noto Sans family is
preferred (it matches the bundled fonts), then any sans-serif, then anything. Debian and Raspberry
Pi OS install them with ``fonts-noto-core`` (most scripts) and ``fonts-noto-cjk`` (Chinese, Japanese,
Korean); the manual's Languages page lists the packages per script.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FC_LIST = "fc-list"
TIMEOUT = 10.0  # seconds; fontconfig answers in tens of milliseconds once its cache is built
FORMATS = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True, slots=True)
class SystemFont:
    family: str
    regular: Path
    bold: Path


def find(char: str) -> SystemFont | None:
    """The best installed font family that has ``char``, None when none has it (or no fontconfig)."""
    query = f":charset={ord(char):x}"
    try:
        listing = subprocess.run(
            [FC_LIST, "-f", "%{family[0]}\t%{style[0]}\t%{index}\t%{file}\n", query],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("cannot ask fontconfig for a font with U+%04X: %s", ord(char), error)
        return None
    return choose(listing)


def choose(listing: str) -> SystemFont | None:
    """The family to use from ``fc-list`` rows "family<TAB>style<TAB>index<TAB>file"."""
    families: dict[str, dict[str, Path]] = {}
    for row in listing.splitlines():
        parts = row.split("\t")
        if len(parts) != 4:
            continue
        family, style, index, file = parts
        # pygame opens the first face of a collection only (Noto Sans CJK's is the Japanese one).
        if index != "0" or not file.lower().endswith(FORMATS):
            continue
        families.setdefault(family, {}).setdefault(style, Path(file))
    if not families:
        return None
    best = min(families, key=_rank)
    styles = families[best]
    regular = styles.get("Regular") or styles.get("Book") or next(iter(styles.values()))
    return SystemFont(best, regular, styles.get("Bold", regular))


def _rank(family: str) -> tuple[int, bool, str]:
    plain = "Mono" not in family and "Serif" not in family
    if family.startswith("Noto Sans") and plain:
        kind = 0
    elif "Sans" in family and plain:
        kind = 1
    elif "Serif" not in family:
        kind = 2
    else:
        kind = 3
    return (kind, " UI" in family, family)
