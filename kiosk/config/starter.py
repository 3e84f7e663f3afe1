"""``init``: a starter config for the facilitator, and the systemd unit that runs it.

The starter is the bundled config with its comments, the demo turned off, and ``[source] url`` and
``[propose] url`` left empty for the facilitator to fill in (the kiosk refuses to start until the
source is set; without a proposal form the board sends people to the facilitator, with no QR code:
the demo's form is somebody else's). Its ``[remote]``, commented out, carries a token made for this
kiosk, ready when the facilitator uncomments it. A unit is the bundled one with ``ExecStart``
pointing at this installation's program and the config just written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kiosk.core.resources import SERVICE, USER_SERVICE, bundled_config, data_path

HEADER = (
    "# The kiosk's configuration, written by `open-spaces-kiosk init`. Set [source] url to your schedule,\n"
    "# then check it with `open-spaces-kiosk check --config <this file>`.\n"
    "# Every key is described in the manual (docs/reference/configuration.md). Relative paths are relative\n"
    "# to this file.\n"
)
URL_LINE = "url = \"\"   # a published sheet's CSV link, a calendar's .ics address, a schedule.json or a path"
DEMO_LINE = "demo = false   # true only for the bundled demo schedule, which it moves to today"
PROPOSE_LINE = 'url = ""   # your proposal form\'s link (a Google Form, a pretalx CfP): the QR codes open it'


def starter_config(bundled: str, token: str) -> str:
    """The bundled config's text with the demo off, ``[source] url`` empty and ``token`` in the
    commented-out ``[remote]``, its comments kept."""
    lines = bundled.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    table = ""
    out: list[str] = []
    for line in lines:
        heading = re.match(r"\s*#?\s*\[([A-Za-z_]+)\]", line)
        if heading:
            table = heading.group(1)
        elif table == "source" and re.match(r"\s*url\s*=", line):
            line = URL_LINE
        elif table == "propose" and re.match(r"\s*url\s*=", line):
            line = PROPOSE_LINE  # the demo's form is somebody else's
        elif table == "remote" and re.match(r"\s*#\s*token\s*=", line):
            line = f'# token = "{token}"   # made for this kiosk by init: keep it secret'
        elif table == "source" and re.match(r"\s*demo\s*=", line):
            while out and out[-1].lstrip().startswith("#"):  # the demo's own explanation
                out.pop()
            line = DEMO_LINE
        out.append(line)
    return HEADER + "\n".join(out) + "\n"


def program() -> str:
    """How systemd starts this installation: its ``open-spaces-kiosk`` script, else ``python -m kiosk``."""
    script = Path(sys.executable).with_name("open-spaces-kiosk")
    return quoted(str(script)) if script.is_file() else f"{quoted(sys.executable)} -m kiosk"


def quoted(text: str) -> str:
    return f'"{text}"' if " " in text else text


def unit(config: Path, *, user: bool = False) -> str:
    """The bundled system (or user) unit, starting this installation with ``config``."""
    text = data_path(USER_SERVICE if user else SERVICE).read_text(encoding="utf-8")
    start = f"ExecStart={program()} run --config {quoted(str(config))}"
    return re.sub(r"^ExecStart=.*$", lambda _: start, text, count=1, flags=re.MULTILINE)


def init(folder: Path, *, unit_file: Path | None, user_unit: bool, force: bool) -> list[Path]:
    """Write the starter config (and a unit, when asked) and return what was written.

    Nothing is written when a file is there already, unless ``force``: a facilitator's config is not
    replaced by a second ``init``.
    """
    config = folder.expanduser().resolve() / "kiosk.toml"
    # Deferred: secrets loads OpenSSL's libcrypto through hmac (3.3 MiB PSS), and only init needs it.
    import secrets

    token = secrets.token_urlsafe(24)
    plans = [(config, starter_config(bundled_config().read_text(encoding="utf-8"), token))]
    if unit_file is not None:
        plans.append((unit_file.expanduser().resolve(), unit(config, user=user_unit)))
    for path, _ in plans:
        if path.exists() and not force:
            raise FileExistsError(f"{path} exists and is left as it is (--force replaces it)")
    for path, text in plans:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [path for path, _ in plans]
