"""Reading short caller answers: yes/no, an agent request, digits, a rating (German and English)."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")

NO_PHRASES = ("keine zeit", "kein interesse", "nein danke", "no thanks", "not now", "no time")
AGENT_WORDS = re.compile(
    r"\b(mitarbeiter\w*|menschen?|berater\w*|kundenberater\w*|person|agent|human|"
    r"operator|representative|someone real|real person)\b"
)


def fold(text: str) -> str:
    """Lowercase, umlauts as ae/oe/ue/ss, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return " ".join(_NON_WORD.sub(" ", text).split())


def yes_or_no(text: str, language: str = "de") -> bool | None:
    """True for a yes, False for a no, None when the answer is neither (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_yes_no

    if any(phrase in fold(text) for phrase in NO_PHRASES):
        return False
    return extract_yes_no(text, language)


def asks_for_agent(text: str) -> bool:
    """The caller wants a person ("Mitarbeiter", "agent"), whatever the bot just asked."""
    return bool(AGENT_WORDS.search(fold(text)))


def digits_in(text: str, language: str = "de") -> str:
    """All digits the caller said, written, digit by digit or in groups ("vierzig" -> "40")."""
    from voicebot.nlu.slots import digits_spoken

    return digits_spoken(text, language)


def rating_in(text: str, language: str = "de") -> int | None:
    """A rating 1-5 from "vier", "4", "vier von fünf"; None when unclear (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_rating

    return extract_rating(text, language)
