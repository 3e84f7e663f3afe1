"""``kiosk.config`` as a whole: a file loaded, its values read, and every mistake named with its key
(the schema, the table reader and the checks together)."""

from datetime import date, time
from pathlib import Path

import configs
import pytest

from kiosk import config
from kiosk.config import ConfigError

MINIMAL = '[source]\nurl = "schedule.json"\n'


def test_bundled_config_loads_and_points_at_the_demo() -> None:
    cfg = config.load()
    assert cfg.event.room == "H-103"
    assert cfg.event.timezone.key == "Asia/Kolkata"
    assert Path(cfg.source.url).is_file()
    assert cfg.source.demo is True
    assert cfg.propose.url == "https://forms.gle/zpggD5uMoxTraPYU8"
    # Pages with nothing to show are passed over, so the bundled order has every page but rooms (one room).
    assert cfg.pages.order == ("now", "today", "propose", "vote", "updates")


def test_minimal_config_takes_defaults_and_resolves_paths(tmp_path: Path) -> None:
    cfg = config.load(configs.kiosk_toml(tmp_path, MINIMAL))
    assert cfg.source.url == str(tmp_path.resolve() / "schedule.json")
    assert cfg.slots.start == time(10, 0) and cfg.slots.minutes == 30
    assert cfg.event.date is None


def test_values_are_read(tmp_path: Path) -> None:
    cfg = config.load(
        configs.kiosk_toml(
            tmp_path,
            """
[event]
name = "PyCon"
timezone = "Europe/Berlin"
date = "2026-12-05"
[source]
url = "https://example.org/sheet.csv"
format = "csv"
poll_seconds = 30
[slots]
start = "09:30"
end = "24:00"
minutes = 45
[pages]
order = ["propose", "now"]
seconds = 20
[theme]
accent = "#FF0000"
[display]
on = "08:00"
off = "20:00"
""",
        )
    )
    assert cfg.event.date == date(2026, 12, 5)
    assert cfg.source.format == "csv" and cfg.source.poll_seconds == 30
    assert cfg.slots.end == time(0, 0) and cfg.slots.minutes == 45  # 24:00: midnight, the next day
    assert cfg.pages.order == ("propose", "now")
    assert cfg.theme.accent == (255, 0, 0)
    assert cfg.display.on == time(8, 0)


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("[source]\n", "source.url", "is required"),
        ('[source]\nurl = "ftp://x/y"\n', "source.url", "only http"),
        (MINIMAL + 'format = "xml"\n', "source.format", "must be one of"),
        (MINIMAL + "poll_seconds = 1\n", "source.poll_seconds", "between"),
        (MINIMAL + 'poll_seconds = "often"\n', "source.poll_seconds", "must be a number"),
        (MINIMAL + "colour = 1\n", "source.colour", "unknown key"),
        (MINIMAL + '[event]\ntimezone = "Mars/Olympus"\n', "event.timezone", "unknown time zone"),
        (MINIMAL + '[event]\ndate = "5.12.2026"\n', "event.date", "YYYY-MM-DD"),
        (MINIMAL + '[slots]\nstart = "25:00"\n', "slots.start", "HH:MM"),
        (MINIMAL + '[slots]\nstart = "10:00"\nend = "10:00"\n', "slots.end", "must differ"),
        (MINIMAL + "[slots]\nminutes = 7.5\n", "slots.minutes", "whole number"),
        (MINIMAL + '[pages]\norder = ["now", "agenda"]\n', "pages.order", "unknown page"),
        (MINIMAL + "[pages]\norder = []\n", "pages.order", "non-empty"),
        (MINIMAL + '[propose]\nurl = "forms.gle/x"\n', "propose.url", "http(s) URL"),
        (MINIMAL + '[theme]\naccent = "yellow"\n', "theme.accent", "#RRGGBB"),
        (MINIMAL + '[theme]\nlogo = "missing.png"\n', "theme.logo", "no such image"),
        (MINIMAL + '[display]\non = "08:00"\n', "display.off", "both"),
        (MINIMAL + "[screen]\nx = 1\n", "screen", "unknown table"),
        (MINIMAL + "event = 3\n", "source.event", "unknown key"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    path = configs.kiosk_toml(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert caught.value.key == key
    assert fragment in caught.value.message
    assert str(path) in str(caught.value)


def test_not_toml_and_missing_file_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(configs.kiosk_toml(tmp_path, "[source\nurl = 3"))
    with pytest.raises(ConfigError, match="no such config file"):
        config.load(tmp_path / "absent.toml")


def test_a_table_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, 'event = "x"\n' + MINIMAL))
    assert caught.value.key == "event"


@pytest.mark.parametrize(
    ("value", "ok"), [("0", True), ("90", True), ("270", True), ("45", False), ("true", False)]
)
def test_display_rotate(tmp_path: Path, value: str, ok: bool) -> None:
    path = configs.kiosk_toml(tmp_path, MINIMAL + f"[display]\nrotate = {value}\n")
    if ok:
        assert config.load(path).display.rotate == int(value)
    else:
        with pytest.raises(ConfigError, match="0, 90, 180 or 270"):
            config.load(path)


def test_updates_are_read(tmp_path: Path) -> None:
    cfg = config.load(
        configs.kiosk_toml(
            tmp_path,
            MINIMAL
            + "[updates]\n"
            + 'mastodon = ["https://fosstodon.org/@pyconf", "@openspaces@mastodon.social"]\n'
            + 'hashtags = ["https://fosstodon.org/tags/pyconfopenspaces"]\n'
            + 'allow = ["@pyconf@fosstodon.org"]\nbluesky = ["pyconf.bsky.social"]\n'
            + 'bluesky_api = "http://127.0.0.1:8080/"\nmax_age_hours = 6\n',
        )
    )
    assert cfg.updates.mastodon == ("https://fosstodon.org/@pyconf", "@openspaces@mastodon.social")
    assert cfg.updates.bluesky_api == "http://127.0.0.1:8080"
    assert cfg.updates.max_age_hours == 6 and cfg.updates.any
    assert not config.load(configs.kiosk_toml(tmp_path, MINIMAL)).updates.any


@pytest.mark.parametrize(
    ("line", "key", "words"),
    [
        ('mastodon = "https://fosstodon.org/@pyconf"', "mastodon", "must be a list of strings"),
        ('mastodon = ["fosstodon.org/pyconf"]', "mastodon", "is not like"),
        ('hashtags = ["https://fosstodon.org/@pyconf"]', "hashtags", "is not like"),
        ('allow = ["anyone"]', "allow", "is not like"),
        ('bluesky = ["not a handle"]', "bluesky", "is not like"),
        ('bluesky_api = "public.api.bsky.app"', "bluesky_api", "http(s) URL"),
        ("max_age_hours = 0", "max_age_hours", "between"),
        ("everyone = true", "everyone", "unknown key"),
    ],
)
def test_a_wrong_updates_key_is_named(tmp_path: Path, line: str, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, MINIMAL + "[updates]\n" + line + "\n"))
    assert f"[updates] {key}" in str(caught.value) and words in str(caught.value)


TOKEN = "Tq4nV8yLb2Rw6Kx9Zc3MhP7s"


@pytest.mark.parametrize(
    ("lines", "listen", "token"),
    [
        ("", None, ""),
        ('listen = "127.0.0.1:8080"', ("127.0.0.1", 8080), ""),
        ('listen = "localhost:0"', ("localhost", 0), ""),
        ('listen = "[::1]:9000"', ("::1", 9000), ""),
        (f'listen = "0.0.0.0:8080"\ntoken = "{TOKEN}"', ("0.0.0.0", 8080), TOKEN),
        (f'listen = "kiosk.local:80"\ntoken = "{TOKEN}"', ("kiosk.local", 80), TOKEN),
    ],
)
def test_remote_listen_and_token(tmp_path: Path, lines: str, listen: object, token: str) -> None:
    cfg = config.load(configs.kiosk_toml(tmp_path, MINIMAL + "[remote]\n" + lines + "\n"))
    assert (cfg.remote.listen, cfg.remote.token, cfg.remote.metrics_public) == (listen, token, False)


@pytest.mark.parametrize(
    ("lines", "key", "fragment"),
    [
        ('listen = "0.0.0.0:8080"', "remote.token", "required when [remote] listen is not a loopback"),
        ('listen = "192.168.1.20:8080"', "remote.token", "not a loopback address (192.168.1.20)"),
        ('listen = "127.0.0.1:8080"\ntoken = "short"', "remote.token", "at least 16"),
        ('listen = "127.0.0.1:8080"\ntoken = "has spaces in it, sixteen+"', "remote.token", "at least 16"),
        ('listen = "8080"', "remote.listen", '"host:port"'),
        ('listen = "127.0.0.1:70000"', "remote.listen", '"host:port"'),
        ('listen = "::1:8080"', "remote.listen", '"host:port"'),
        ("metrics_public = 1", "remote.metrics_public", "true or false"),
        ('hosts = ["http://kiosk.local/"]', "remote.hosts", "is not like 'kiosk-h103.local'"),
        ('hosts = "kiosk.local"', "remote.hosts", "must be a list of strings"),
        ('hosts = ["kiosk.local:8080"]', "remote.hosts", "is not like"),
    ],
)
def test_remote_mistakes_are_config_errors(tmp_path: Path, lines: str, key: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, MINIMAL + "[remote]\n" + lines + "\n"))
    assert caught.value.key == key and fragment in caught.value.message


@pytest.mark.parametrize(
    "weak",
    [
        "passwordpassword",
        "0000000000000000",
        "test-token-0123456789abcdef",
        "correcthorsebatterystaple",
        "P4ssw0rd-P4ssw0rd-2026",
        "abcdefghijklmnopqrstuvwx",
        "qwertyuiopasdfghjkl",
        "kioskkioskkioskkiosk",
    ],
)
def test_a_weak_token_is_refused_with_how_to_make_one(tmp_path: Path, weak: str) -> None:
    lines = f'[remote]\nlisten = "0.0.0.0:8080"\ntoken = "{weak}"\n'
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, MINIMAL + lines))
    message = str(caught.value)
    assert "[remote] token: is too easy to guess" in message and "it needs 64" in message
    assert 'python -c "import secrets; print(secrets.token_urlsafe(24))"' in message
    assert weak not in message  # the error is logged: it never repeats the token


def test_the_remote_hosts_are_names_in_lower_case(tmp_path: Path) -> None:
    lines = '[remote]\nlisten = "127.0.0.1:8080"\nhosts = ["Kiosk-H103.local", "kiosk.venue.example."]\n'
    cfg = config.load(configs.kiosk_toml(tmp_path, MINIMAL + lines))
    assert cfg.remote.hosts == ("kiosk-h103.local", "kiosk.venue.example.")


def test_a_config_error_quotes_an_address_without_its_password_and_query(tmp_path: Path) -> None:
    """A config error reaches the screen ("Config not applied") and the remote's status too."""
    bad = '[source]\nurl = "ftp://reader:hunter2@host.example/x.csv?key=sheet-secret"\n'
    with pytest.raises(ConfigError) as caught:
        config.load(configs.kiosk_toml(tmp_path, bad))
    assert "ftp://reader:…@host.example/x.csv?…" in str(caught.value)
    assert "hunter2" not in str(caught.value) and "sheet-secret" not in str(caught.value)
