"""A QR code's grid of modules, without drawing it: layout sizes the code to whole-pixel modules
(so its panel is even all round) and the renderer draws the same grid."""

from __future__ import annotations

from functools import lru_cache

import qrcode
import qrcode.constants

QUIET = 4  # modules of light border on each side; phones need it to find the code


@lru_cache(maxsize=32)
def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``payload``'s QR code, without the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def geometry(payload: str, side: int) -> tuple[int, int]:
    """(module size, drawn side) in pixels of the largest code with whole-pixel modules in ``side``."""
    count = len(matrix(payload)) + 2 * QUIET
    module = max(1, side // count)
    return module, module * count
