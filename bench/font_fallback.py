"""What the font fallback costs: at start, the first time a script appears, and per frame.

Method: a fresh process per part, with SDL's dummy video driver, the memory as the kernel counts it
(``VmRSS`` from ``/proc/self/status``) and ``time.perf_counter`` around each step.

- start: ``Fonts.load()`` (only Noto Sans is opened), then every bundled font opened (what the kiosk
  did before fonts were opened lazily: Devanagari, Telugu, Tamil, Noto Color Emoji).
- first appearance: ``Fonts.face_for`` of the first character of a script: a bundled font opened
  (Devanagari, emoji), a system font found through ``fc-list`` and opened (Bengali, Arabic, Hebrew,
  Chinese and Japanese share Noto Sans CJK, Korean), and a character no installed font has (Kawi:
  ``fc-list`` answers nothing). The system fonts are Debian's fonts-noto-core and fonts-noto-cjk.
- per frame: the "now" page at 1920x1080 with its title in each script, laid out and drawn RUNS
  times with the clock moved on a minute each time (a new View, text lines of the title cached, as
  the loop redraws once a minute), median ``perf_counter``; and once with the text cache cleared
  (a renamed title: every line shaped and rendered again).

    python bench/font_fallback.py [RUNS]        # RUNS defaults to 20
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _common import median, table

RUNS = 20
FIRST = {
    "Devanagari (bundled)": "ह",
    "emoji (bundled)": "🎉",
    "Bengali (system)": "ব",
    "Arabic (system)": "ع",
    "Hebrew (system)": "ש",
    "Chinese/Japanese (system, CJK)": "中",
    "Korean (system, CJK)": "한",
    "Kawi (no font has it)": "\U00011f04",
}
TITLES = {
    "Latin": "Async Python war stories: what broke in production",
    "Hindi": "हिंदी में पायथन समुदाय — स्थानीय मीटअप कैसे बनाएं",
    "Bengali": "বাংলায় পাইথন: প্রথম পদক্ষেপ আর স্থানীয় মিটআপ",
    "Arabic": "بايثون للجميع: كيف نبني مجتمعًا محليًا",
    "Japanese": "型ヒントを古いコードベースに導入するときの実践的な話",
    "Korean": "파이썬으로 만드는 웹 서비스와 커뮤니티 이야기",
}


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_and_first() -> None:
    from kiosk.render.fonts import CHAIN, Fonts

    before = rss_mib()
    began = time.perf_counter()
    fonts = Fonts.load()
    loaded = time.perf_counter() - began
    after = rss_mib()
    rows = [["Fonts.load() (Noto Sans only)", f"{loaded * 1000:.1f} ms", f"+{after - before:.1f} MiB"]]
    eager = Fonts.load()
    began, mark = time.perf_counter(), rss_mib()
    for char in "हతத🎉":
        eager.face_for(char)
    rows.append(
        [
            f"the other {len(CHAIN) - 1} bundled fonts, opened eagerly",
            f"{(time.perf_counter() - began) * 1000:.1f} ms",
            f"+{rss_mib() - mark:.1f} MiB",
        ]
    )
    print(table(["at start", "time", "memory"], rows))
    print()
    rows = []
    for name, char in FIRST.items():
        began, mark = time.perf_counter(), rss_mib()
        index = fonts.face_for(char)
        spent = time.perf_counter() - began
        face = fonts.chain[index].name if index is not None else "none: drawn as U+FFFD"
        rows.append([name, face, f"{spent * 1000:.1f} ms", f"+{rss_mib() - mark:.1f} MiB"])
    print(table(["first character of", "font", "time", "memory"], rows))


def per_frame(runs: int) -> None:
    import boards
    import pygame

    from kiosk.board.timeline import board_at
    from kiosk.core.model import Schedule, Session
    from kiosk.render import renderer

    pygame.display.init()
    pygame.display.set_mode((1920, 1080))
    draw = renderer()
    draw.render(boards.view(boards.at(12, 10), "now"), (1920, 1080))  # fonts and caches warmed first
    rows = []
    for name, title in TITLES.items():
        start = datetime(2026, 12, 5, 12, 0, tzinfo=boards.TZ)
        schedule = Schedule(sessions=(Session(title, start, start + timedelta(minutes=30), "Host"),))
        times = []
        for minute in range(runs + 1):
            board = board_at(schedule, boards.CONFIG.slots, start + timedelta(minutes=1 + minute % 29))
            began = time.perf_counter()
            draw.render(boards.view(board, "now"), (1920, 1080))
            times.append(time.perf_counter() - began)
        draw.text.__init__(draw.fonts)  # type: ignore[misc]  # a renamed title: nothing cached
        began = time.perf_counter()
        draw.render(boards.view(board, "now"), (1920, 1080))
        cold = time.perf_counter() - began
        rows.append([name, f"{median(times[1:]) * 1000:.1f} ms", f"{cold * 1000:.1f} ms"])
    print(table(["now page, title in", "redraw (median)", "title renamed"], rows))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    start_and_first()
    print()
    per_frame(runs)


if __name__ == "__main__":
    main()
