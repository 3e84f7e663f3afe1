"""A session's status in the words people write it: one vocabulary for every schedule format.

The same words mean scheduled, proposed or cancelled in a CSV status column, the native JSON's
``status``, an iCalendar ``STATUS`` and a frab title, in every language the board speaks, without
regard to case or spacing. An empty status is scheduled. A word outside the vocabulary (``maybe``)
keeps its session, shown as scheduled, and is reported, so a typo never hides a session. A title
that starts with a cancelled word as a mark (``Cancelled: …``, ``[Abgesagt] …``, ``【中止】…``,
``CANCELLED …``) is a cancelled session, shown without the mark: pretalx has no status field,
and Outlook writes "Canceled: " before the title.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.core.model import CANCELLED, PROPOSED, SCHEDULED
from kiosk.core.text import cut

# By language, as kiosk/locale has them; English also has the words iCalendar's STATUS uses. A word
# may stand in several languages ("cancelada" in Spanish and Portuguese), always with one meaning.
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        SCHEDULED: ("scheduled", "confirmed"),
        PROPOSED: ("proposed", "proposal", "tentative"),
        CANCELLED: ("cancelled", "canceled"),
    },
    "de": {
        SCHEDULED: ("geplant", "bestätigt"),
        PROPOSED: ("vorgeschlagen", "vorschlag", "vorläufig"),
        CANCELLED: ("abgesagt", "storniert", "entfällt", "fällt aus"),
    },
    "es": {
        SCHEDULED: ("programada", "programado", "confirmada", "confirmado"),
        PROPOSED: ("propuesta", "propuesto", "provisional"),
        CANCELLED: ("cancelada", "cancelado", "anulada", "anulado"),
    },
    "fr": {
        SCHEDULED: ("prévu", "prévue", "programmé", "programmée", "confirmé", "confirmée"),
        PROPOSED: ("proposé", "proposée", "proposition", "provisoire"),
        CANCELLED: ("annulé", "annulée"),
    },
    "it": {
        SCHEDULED: ("programmata", "programmato", "confermata", "confermato"),
        PROPOSED: ("proposta", "proposto", "provvisoria"),
        CANCELLED: ("annullata", "annullato", "cancellata", "cancellato"),
    },
    "nl": {
        SCHEDULED: ("gepland", "bevestigd"),
        PROPOSED: ("voorgesteld", "voorstel", "voorlopig"),
        CANCELLED: ("geannuleerd", "afgelast", "vervalt"),
    },
    "pl": {
        SCHEDULED: ("zaplanowana", "zaplanowane", "potwierdzona"),
        PROPOSED: ("proponowana", "propozycja", "wstępna"),
        CANCELLED: ("odwołana", "odwołane", "anulowana"),
    },
    "pt_BR": {
        SCHEDULED: ("agendada", "agendado", "programada", "confirmada", "confirmado"),
        PROPOSED: ("proposta", "proposto", "provisória"),
        CANCELLED: ("cancelada", "cancelado"),
    },
    "ar": {
        SCHEDULED: ("مجدولة", "مؤكدة"),
        PROPOSED: ("مقترحة", "مقترح"),
        CANCELLED: ("أُلغيت", "ألغيت", "ملغاة", "ملغى"),
    },
    "he": {
        SCHEDULED: ("מתוכנן", "מאושר"),
        PROPOSED: ("מוצע", "הצעה"),
        CANCELLED: ("בוטל", "מבוטל"),
    },
    "hi": {
        SCHEDULED: ("निर्धारित", "पुष्ट"),
        PROPOSED: ("प्रस्तावित", "प्रस्ताव"),
        CANCELLED: ("रद्द",),
    },
    "ja": {
        SCHEDULED: ("予定", "確定"),
        PROPOSED: ("提案", "仮"),
        CANCELLED: ("中止", "キャンセル", "取消"),
    },
    "zh_Hans": {
        SCHEDULED: ("已安排", "已确认"),
        PROPOSED: ("提议", "暂定"),
        CANCELLED: ("已取消", "取消"),
    },
}
# A session whose status word is unknown stays on the board, as a scheduled one, and is reported.
UNKNOWN_SHOWN_AS = SCHEDULED


def _key(word: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", word).casefold().split())


_MEANING = {
    _key(word): status
    for statuses in VOCABULARY.values()
    for status, words in statuses.items()
    for word in words
}
_CANCELLED_WORDS = sorted(
    (word for word, meant in _MEANING.items() if meant == CANCELLED), key=len, reverse=True
)
_ALTERNATIVES = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in _CANCELLED_WORDS)
# "[Cancelled] …", "(abgesagt) …", "【中止】…", "Cancelled: …", "annulé – …"
_MARK = re.compile(
    rf"^\s*(?:[\[(【「]\s*(?:{_ALTERNATIVES})\s*[\])】」]|(?:{_ALTERNATIVES})\s*[:：\-–—])\s*", re.IGNORECASE
)


def meaning(word: str) -> str | None:
    """The status ``word`` means (empty: scheduled); None when it is no status word."""
    key = _key(word)
    return SCHEDULED if not key else _MEANING.get(key)


def read_status(word: str) -> tuple[str, str | None]:
    """The status to show for ``word`` and, for a word outside the vocabulary, the problem to report."""
    status = meaning(word)
    if status is not None:
        return status, None
    shown = repr(cut(word.strip(), 40))
    return UNKNOWN_SHOWN_AS, (
        f"status {shown} is not a status word (scheduled, proposed, cancelled, or theirs in the board's "
        f"languages); shown as {UNKNOWN_SHOWN_AS}"
    )


def cancelled_mark(title: str) -> str | None:
    """``title`` without its cancelled mark when it starts with one, else None."""
    match = _MARK.match(title)
    if match is not None:
        return title[match.end() :].strip()
    first, _, rest = title.strip().partition(" ")
    # A word in capitals is a mark by itself: "CANCELLED Async", never "Cancelled culture".
    if rest and first.isupper() and _MEANING.get(_key(first)) == CANCELLED:
        return rest.strip()
    return None


def session_status(word: str, title: str) -> tuple[str, str, str | None]:
    """A session's status, its title as shown, and the problem with its status word (if any).

    A cancelled mark in the title wins over the status word: the facilitator wrote it last.
    """
    status, problem = read_status(word)
    bare = cancelled_mark(title)
    if bare is not None:
        return CANCELLED, bare or title, problem
    return status, title, problem
