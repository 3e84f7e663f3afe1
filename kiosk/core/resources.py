"""The files the kiosk ships with, found wherever the package is installed.

The repository keeps them in ``assets/`` (fonts) and ``config/`` (the default config, the demo schedule,
its JSON Schema, the systemd units); the build installs them as the packages ``kiosk.assets`` and
``kiosk.data`` (see pyproject.toml), so the checkout, an editable install and a wheel all find them
through ``importlib.resources``. Nothing else in the kiosk builds a path to a bundled file.
"""

from __future__ import annotations

import atexit
import contextlib
from functools import cache
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

CONFIG = "kiosk.toml"
DEMO_SCHEDULE = "demo-schedule.json"
SCHEMA = "schedule.schema.json"
SERVICE = "open-spaces-kiosk.service"
USER_SERVICE = "open-spaces-kiosk.user.service"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _path(resource: Traversable) -> Path:
    """A file system path for a bundled file; a package installed as a zip is extracted once."""
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))


def font_path(name: str) -> Path:
    """A bundled font file by its name, e.g. ``NotoSans-Regular.ttf``."""
    return _path(files("kiosk.assets") / "fonts" / name)


@cache
def fonts_dir() -> Path:
    """The folder of the bundled fonts."""
    return _path(files("kiosk.assets") / "fonts")


def data_path(name: str) -> Path:
    """A bundled file from the repository's ``config/``: the config, the demo, the schema, a unit file."""
    return _path(files("kiosk.data") / name)


def bundled_config() -> Path:
    """The default config, which shows the bundled demo schedule."""
    return data_path(CONFIG)


@cache
def locale_dir() -> Path:
    """Where the translation catalogues (``kiosk/locale/<language>/LC_MESSAGES/*.mo``) are installed."""
    return _path(files("kiosk") / "locale")
