"""Reading short caller answers: yes/no, an agent request, digits, a rating (German and English)."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")

YES = {
    "ja",
    "jawohl",
    "jo",
    "jep",
    "genau",
    "gerne",
    "gern",
    "richtig",
    "korrekt",
    "klar",
    "natuerlich",
    "sicher",
    "bitte",
    "stimmt",
    "yes",
    "yeah",
    "yep",
    "sure",
    "correct",
    "right",
    "okay",
    "ok",
    "please",
    "einverstanden",
}
NO = {"nein", "ne", "nee", "noe", "nicht", "no", "nope", "falsch", "keine", "kein", "nichts"}
NO_PHRASES = ("keine zeit", "kein interesse", "nein danke", "no thanks", "not now", "no time")
AGENT_WORDS = re.compile(
    r"\b(mitarbeiter\w*|menschen?|berater\w*|kundenberater\w*|person|agent|human|"
    r"operator|representative|someone real|real person)\b"
)
_RATING_WORDS = {
    "eins": 1,
    "einer": 1,
    "eine": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fuenf": 5,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
}
_DIGIT_WORDS = {
    "null": "0",
    "zero": "0",
    "oh": "0",
    "eins": "1",
    "ein": "1",
    "one": "1",
    "zwei": "2",
    "zwo": "2",
    "two": "2",
    "drei": "3",
    "three": "3",
    "vier": "4",
    "four": "4",
    "fuenf": "5",
    "five": "5",
    "sechs": "6",
    "six": "6",
    "sieben": "7",
    "seven": "7",
    "acht": "8",
    "eight": "8",
    "neun": "9",
    "nine": "9",
}


def fold(text: str) -> str:
    """Lowercase, umlauts as ae/oe/ue/ss, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return " ".join(_NON_WORD.sub(" ", text).split())


def yes_or_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when the answer is neither or both."""
    words = fold(text)
    if any(phrase in words for phrase in NO_PHRASES):
        return False
    tokens = set(words.split())
    said_yes, said_no = bool(tokens & YES), bool(tokens & NO)
    if said_yes == said_no:
        return None
    return said_yes


def asks_for_agent(text: str) -> bool:
    """The caller wants a person ("Mitarbeiter", "agent"), whatever the bot just asked."""
    return bool(AGENT_WORDS.search(fold(text)))


def digits_in(text: str) -> str:
    """All digits the caller said, written or as single digit words ("vier null" -> "40")."""
    try:
        from voicebot.nlu.numbers import spoken_digits
    except ImportError:
        spoken_digits = None
    if spoken_digits is not None:
        try:
            return re.sub(r"\D", "", spoken_digits(text, "de"))
        except (ValueError, TypeError):
            pass
    out = []
    for token in fold(text).split():
        if token.isdigit():
            out.append(token)
        elif token in _DIGIT_WORDS:
            out.append(_DIGIT_WORDS[token])
    return "".join(out)


def rating_in(text: str) -> int | None:
    """A rating 1-5 from "vier", "4", "eine fuenf"; None when there is none or several."""
    found: set[int] = set()
    for token in fold(text).split():
        if token.isdigit() and 1 <= int(token) <= 5:
            found.add(int(token))
        elif token in _RATING_WORDS:
            found.add(_RATING_WORDS[token])
    return found.pop() if len(found) == 1 else None
