"""The manual's pages (Markdown in docs/, built into a site by MkDocs), for the tests that keep it true
to the program."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def page(name: str) -> str:
    """One page of the manual by its path in docs/, e.g. ``page("sources/csv.md")``."""
    return (DOCS / name).read_text(encoding="utf-8")
