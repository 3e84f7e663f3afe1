"""The board's own words in the event's language: a gettext catalogue per language, ``[strings]``
overrides by key, and dates, weekdays and durations formatted by Babel (CLDR).

Every word the board draws is asked for by key with its English text beside it,
``words("now", "Now")`` or ``words("next_in", "in {duration}", duration=...)``: the key is the
message's context in the catalogue (``msgctxt``) and the name a facilitator uses in ``[strings]``;
the English is what translators translate and what is shown when a catalogue lacks the message.
``scripts/catalogues.sh`` extracts the keys from the code into ``kiosk/locale/kiosk.pot`` and
compiles each language's ``.po`` into the ``.mo`` read here.
"""

from __future__ import annotations

import gettext
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import babel.core
from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date, format_skeleton, format_time
from babel.units import format_unit

from kiosk.core.resources import locale_dir

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"
# Languages whose pages are laid out right to left (mirrored).
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})
# The part of a locale's CLDR data the board's words are formatted from (``Words``' times, weekdays,
# dates, durations and plural forms); the rest is let go once the locale is read (``_parse``).
BOARD_DATA = frozenset(
    {
        "date_formats",
        "datetime_skeletons",
        "days",
        "decimal_formats",
        "months",
        "number_symbols",
        "plural_form",
        "time_formats",
        "unit_patterns",
    }
)
BOARD_UNITS = frozenset({"duration-second", "duration-minute", "duration-hour", "duration-day"})


def languages() -> tuple[str, ...]:
    """The languages with a compiled catalogue, English first."""
    found = sorted(
        path.parent.parent.name for path in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.mo") if path.is_file()
    )
    return (SOURCE_LANGUAGE, *(name for name in found if name != SOURCE_LANGUAGE))


def normalise(language: str) -> str:
    """``pt-BR``, ``pt_br`` and ``pt_BR`` are one language; ``zh-Hans`` is ``zh_Hans``."""
    parts = language.strip().replace("-", "_").split("_")
    head = parts[0].lower()
    rest = [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    return "_".join([head, *rest])


@lru_cache(maxsize=1)
def messages() -> dict[str, str]:
    """Every key of the board's words with its English text, read from the catalogue template."""
    # Deferred: Babel's catalogue reader loads only when [strings] is checked against the template.
    from babel.messages.pofile import read_po

    with (locale_dir() / f"{DOMAIN}.pot").open("rb") as file:
        catalogue = read_po(file)
    # A message with plural forms is known by its plural (``{count} proposals``).
    return {
        str(m.context): str(m.id[-1] if m.pluralizable else m.id) for m in catalogue if m.id and m.context
    }


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message; raises ValueError when ``text`` is not a valid pattern."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, locale_dir(), languages=[language], fallback=True)


@dataclass(frozen=True)
class Words:
    """The board's words in ``language``, with ``overrides`` (key → text) from ``[strings]``."""

    language: str = SOURCE_LANGUAGE
    overrides: tuple[tuple[str, str], ...] = ()
    _overrides: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_overrides", dict(self.overrides))

    def __call__(self, key: str, english: str, /, **values: object) -> str:
        """The message ``key`` (English ``english``) in the board's language, its ``{fields}`` filled."""
        text = self._overrides.get(key)
        if text is None:
            text = _catalogue(self.language).pgettext(key, english)
        return text.format(**values) if values else text

    def plural(self, key: str, one: str, other: str, count: int, /, **values: object) -> str:
        """Like calling the words, with the form for ``count`` (``{count}`` is filled in too)."""
        text = self._overrides.get(key)
        if text is None:
            text = _catalogue(self.language).npgettext(key, one, other, count)
        return text.format(count=count, **values)

    @property
    def locale(self) -> Locale:
        return _locale(self.language)

    @property
    def rtl(self) -> bool:
        return self.language.split("_")[0] in RTL_LANGUAGES

    def time(self, moment: datetime, seconds: bool = False) -> str:
        """``10:30`` (``10:30:05``): a board's clock is 24-hour in every language."""
        return format_time(moment, "HH:mm:ss" if seconds else "HH:mm", locale=self.locale)

    def weekday(self, moment: datetime) -> str:
        """The full weekday name (CLDR ``EEEE``): Saturday, Samstag, 土曜日."""
        return format_date(moment, "EEEE", locale=self.locale)

    def day_month(self, moment: datetime, year: bool = False) -> str:
        """``5 December`` (``5. Dezember``, ``12月5日``), with the year when asked."""
        return format_skeleton("yMMMMd" if year else "MMMMd", moment, locale=self.locale)

    def short_date(self, moment: datetime) -> str:
        """``5 Dec 2026`` in the language's medium date format."""
        return format_date(moment, "medium", locale=self.locale)

    def when(self, moment: datetime, today: date) -> str:
        """When a later moment is, seen from ``today``: "at 10:00", "tomorrow at 10:00", "on Monday at
        10:00", "on 5 December at 10:00" (with the year when it is another year's)."""
        days = (moment.date() - today).days
        time = self.time(moment)
        if days <= 0:
            return self("when_today", "at {time}", time=time)
        if days == 1:
            return self("when_tomorrow", "tomorrow at {time}", time=time)
        if days < 7:
            return self("when_weekday", "on {weekday} at {time}", weekday=self.weekday(moment), time=time)
        date_text = self.day_month(moment, year=moment.year != today.year)
        return self("when_date", "on {date} at {time}", date=date_text, time=time)

    def duration(self, minutes: int) -> str:
        """``12 min``, ``2 hr``, ``1 hr 30 min`` in CLDR's short units (``5 Min.``, ``2 時間``)."""
        hours, rest = divmod(max(0, minutes), 60)
        if not hours:
            return format_unit(rest, "duration-minute", length="short", locale=self.locale)
        hour_text = format_unit(hours, "duration-hour", length="short", locale=self.locale)
        if not rest:
            return hour_text
        minute_text = format_unit(rest, "duration-minute", length="short", locale=self.locale)
        return self("hours_minutes", "{hours} {minutes}", hours=hour_text, minutes=minute_text)

    def until(self, minutes: int) -> str:
        """``in 5 min``."""
        return self("in_duration", "in {duration}", duration=self.duration(minutes))

    def ago(self, minutes: int) -> str:
        """``2 hr ago``."""
        return self("duration_ago", "{duration} ago", duration=self.duration(minutes))

    def seconds(self, count: int) -> str:
        """``40 sec`` in CLDR's short units."""
        return format_unit(count, "duration-second", length="short", locale=self.locale)

    def days(self, count: int) -> str:
        """``3 days`` in CLDR's short units."""
        return format_unit(count, "duration-day", length="short", locale=self.locale)

    def elapsed(self, seconds: float) -> str:
        """A length of time as a person says it: ``40 sec``, ``12 min``, ``1 hr 5 min``, ``3 days``."""
        if seconds < 59.5:
            return self.seconds(round(max(0.0, seconds)))
        minutes = round(seconds / 60)
        if minutes >= 48 * 60:
            return self.days(round(minutes / (24 * 60)))
        return self.duration(minutes)

    def left(self, minutes: int) -> str:
        """``12 min left``."""
        return self("time_left", "{duration} left", duration=self.duration(minutes))


ENGLISH = Words()


def counted(count: int, noun: str, nouns: str = "") -> str:
    """``1 session``, ``3 sessions``: a count in English with its noun, by CLDR's plural rule, for
    the reports in English (``check``, the remote page, the logs); the board's own words are
    ``Words.plural``. ``nouns`` is the plural when it is not the noun with an "s"."""
    one = ENGLISH.locale.plural_form(count) == "one"
    return f"{count} {noun if one else nouns or noun + 's'}"


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    return _parse(language)


def read_ahead(language: str) -> None:
    """Read ``language``'s CLDR data now. The kiosk does it at start, before the screen's modules and
    fonts load: the memory of what Babel reads and ``_parse`` lets go is then taken up by what loads
    after it, where read at the first page drawn it stayed Python's, unused. With the trimming, 4.0
    MiB less PSS for the installed kiosk (37.8-38.1 against 41.9-42.1, ``bench/browser_kiosk.py``)."""
    _locale(language)


def _parse(language: str) -> Locale:
    """``Locale.parse``, keeping of Babel's data only what the board formats with.

    Finding a locale reads Babel's global tables (aliases, likely subtags, time zones, currencies) and
    the locale's whole CLDR data with its parents', and Babel keeps all of it for the life of the
    process: 4.0 MiB of Python objects for English, where the board formats times, weekdays, dates,
    four units of duration and plural forms from ``BOARD_DATA`` (90 KiB). The rest goes here, with
    Babel's caches; Babel reads what it needs again by itself when a later call needs more (another
    language, 3-6 ms once). Python's allocator keeps the memory let go for the objects made later:
    read at the first page drawn, the running kiosk's PSS fell by 0.2-0.3 MiB only; read ahead
    (``read_ahead``), 1.5-2.1 MiB below the whole data read ahead (``bench/browser_kiosk.py``).
    Formatting anything else from a trimmed locale raises KeyError, which the tests would show: each
    of ``Words``' formats, in every language, gives what the whole data gives.
    Raises ValueError or UnknownLocaleError as ``Locale.parse`` does.
    """
    locale = Locale.parse(language)
    data = locale._data  # the locale's merged data, read now, while the global tables are there
    for key in [key for key in data if key not in BOARD_DATA]:
        del data[key]
    units = data["unit_patterns"]
    for unit in [unit for unit in units if unit not in BOARD_UNITS]:
        del units[unit]
    babel.core._global_data = None
    localedata.clear_caches()
    return locale


def check_language(language: str) -> str | None:
    """None when ``language`` has a catalogue, else why not (naming the languages there are)."""
    available = languages()
    if language in available:
        return None
    try:
        locale = _parse(language)
    except (ValueError, UnknownLocaleError):
        locale = None
    if locale is not None and locale.language in available:
        return None  # "en_GB", "de_AT": the language's words with the region's dates
    return f"unknown language {language!r} (available: {', '.join(languages())})"


@lru_cache(maxsize=4)
def words(language: str = SOURCE_LANGUAGE, overrides: tuple[tuple[str, str], ...] = ()) -> Words:
    return Words(language, overrides)
