"""What a fetch gives back, and which addresses are files read without the HTTP client.

Reading files and every failure's words are tested through the one fetch path in test_http.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.fetch.fetched import FetchResult, Validators, local_path


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/srv/board/schedule.csv", Path("/srv/board/schedule.csv")),
        ("file:///srv/board/open%20spaces.ics", Path("/srv/board/open spaces.ics")),
        ("file://localhost/srv/board/schedule.json", Path("/srv/board/schedule.json")),
        ("https://example.org/schedule.csv", None),
        ("http://127.0.0.1:8000/schedule.json", None),
        ("schedule.csv", None),  # relative: the config resolves it against its own folder first
        ("ftp://example.org/schedule.csv", None),
    ],
)
def test_which_addresses_are_local_files(url: str, path: Path | None) -> None:
    assert local_path(url) == path


def test_a_result_sends_back_what_its_server_said_about_itself() -> None:
    result = FetchResult(body=b"x", etag='"abc"', last_modified="Sat, 05 Dec 2026 09:00:00 GMT")
    assert result.validators == Validators('"abc"', "Sat, 05 Dec 2026 09:00:00 GMT")
