"""Reading a JSON export: the one place a reader turns bytes into a document or says why it cannot."""

from __future__ import annotations

import json
from typing import Any

from kiosk.core.model import UnreadableError
from kiosk.formats.decode import decode


def load(data: bytes) -> Any:
    """The JSON document in ``data``; ``UnreadableError`` saying where it breaks when it is not JSON."""
    try:
        return json.loads(decode(data))
    except json.JSONDecodeError as error:
        raise UnreadableError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise UnreadableError("not valid JSON (nested too deep)") from None
