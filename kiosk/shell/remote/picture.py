"""The screenshot as PNG: the panel's pixels turned upright and scaled down, encoded by Pillow.

This runs in the remote's threads. Pillow lets go of the interpreter while it scales and
compresses, so the drawing loop keeps its pace; it is imported on the first screenshot, so a kiosk
whose screenshot nobody asks for does not carry it.
"""

from __future__ import annotations

import io

from kiosk.shell.remote.link import Capture

MIN_WIDTH = 16


def png(capture: Capture, width: int | None = None) -> bytes:
    """``capture`` as PNG, upright, at most ``width`` pixels wide (never scaled up)."""
    # Deferred: Pillow loads only once the remote is asked for a screenshot.
    from PIL import Image

    image = Image.frombytes("RGB", capture.size, capture.pixels)
    # The page was turned clockwise on its way to the panel: turning it back is counter-clockwise.
    undo = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    if capture.rotate in undo:
        image = image.transpose(undo[capture.rotate])
    if width is not None and width < image.width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
