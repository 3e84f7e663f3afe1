"""A QR code's grid of modules, without drawing it: layout sizes the code to whole-pixel modules
(so its panel is even all round) and the renderer draws the same grid."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _qrcode() -> Any:
    """qrcode, imported when the first code is made, and without Pillow: qrcode loads Pillow's module
    drawers only for backwards compatibility, and the kiosk draws the modules itself. Pillow's
    libraries would cost the running kiosk about 4 MiB PSS (bench/idle_cost.py). A ``None`` in
    ``sys.modules`` makes that optional import fail as if Pillow were absent; it is taken out again, so
    Pillow can be imported later."""
    keep_out = "PIL" not in sys.modules
    if keep_out:
        sys.modules["PIL"] = None  # type: ignore[assignment]
    try:
        # Deferred to the first code, with Pillow (qrcode's heavy optional dependency) kept out.
        import qrcode
        import qrcode.constants
        import qrcode.main
    finally:
        if keep_out:
            del sys.modules["PIL"]
    return qrcode


QUIET = 4  # modules of light border on each side; phones need it to find the code


@lru_cache(maxsize=32)
def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``payload``'s QR code, without the quiet zone."""
    qrcode = _qrcode()
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def geometry(payload: str, side: int) -> tuple[int, int]:
    """(module size, drawn side) in pixels of the largest code with whole-pixel modules in ``side``."""
    count = len(matrix(payload)) + 2 * QUIET
    module = max(1, side // count)
    return module, module * count
