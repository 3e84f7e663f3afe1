"""Which system font serves a script (``kiosk.render.sysfonts``): fontconfig's rows, Noto Sans first."""

from __future__ import annotations

from pathlib import Path

from kiosk.render.sysfonts import SystemFont, choose


def test_fontconfig_rows_prefer_noto_sans_and_the_first_face_of_a_collection() -> None:
    rows = "\n".join(
        [
            "DejaVu Sans\tBook\t0\t/f/DejaVuSans.ttf",
            "Noto Serif Kannada\tRegular\t0\t/f/NotoSerifKannada-Regular.ttf",
            "Noto Sans Kannada\tBold\t0\t/f/NotoSansKannada-Bold.ttf",
            "Noto Sans Kannada\tRegular\t0\t/f/NotoSansKannada-Regular.ttf",
            "Noto Sans CJK SC\tRegular\t2\t/f/NotoSansCJK-Regular.ttc",
        ]
    )
    found = choose(rows)
    assert found == SystemFont(
        "Noto Sans Kannada", Path("/f/NotoSansKannada-Regular.ttf"), Path("/f/NotoSansKannada-Bold.ttf")
    )
    assert choose("Noto Sans CJK SC\tRegular\t2\t/f/NotoSansCJK-Regular.ttc") is None
    assert choose("") is None
