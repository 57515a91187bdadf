"""The language of a turn (English at a German hotline and back), the language a person is asked
for in, and an urgent card matter said in German glossed in English."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold, fold_spoken

_LANGUAGE_ASKED = re.compile(
    r"\b(?:(?:speaks?|speaking|spricht|sprechen|in) (?:\w+ )?(?P<language>german|deutsch|"
    r"english|englisch)|(?P<before>deutsch|englisch) (?:spricht|sprechen|kann|versteht))\b"
)


def language_asked_for(text: str) -> str | None:
    """The language a person is asked for in ("someone who speaks German", "jemand, der
    Englisch spricht", "in English please"): "de" or "en", None when none is named."""
    found = _LANGUAGE_ASKED.search(fold(text))
    if found is None:
        return None
    said = found.group("language") or found.group("before")
    return "de" if said in ("german", "deutsch") else "en"


_ENGLISH = frozenset((
    "i", "i m", "im", "my", "the", "is", "are", "you", "your", "to", "and", "it", "do", "don",
    "dont", "can", "would", "like", "want", "need", "please", "hello", "hi", "sorry", "speak",
    "english", "german", "what", "how", "with", "have", "this", "that", "of", "for", "not",
    "a", "an", "on", "at", "me", "we", "there", "here", "about", "does", "did", "were",
    "which", "when", "where", "why", "who", "any", "much", "many",
))  # fmt: skip
_GERMAN = frozenset((
    "ich", "mein", "meine", "der", "die", "das", "ist", "sind", "sie", "ihr", "zu", "und", "es",
    "nicht", "kann", "moechte", "will", "bitte", "hallo", "mit", "habe", "hab", "dies", "von",
    "fuer", "ein", "eine", "auf", "wir", "da", "hier", "ueber", "wie", "was", "geht", "kein",
))  # fmt: skip


def speaks_english(text: str) -> bool:
    """The turn is English, not German with an English word in it ("Hi, I don't speak German,
    I'd like to cancel my contract"; not "Mein Internet ist down", "Hallo, sorry")."""
    words = fold_spoken(text).split()
    english = sum(w in _ENGLISH for w in words)
    german = sum(w in _GERMAN for w in words)
    if len(words) >= 4 and german == 0 and english >= 2:  # "is the oat milk vegan", "does
        return True  # your muesli contain nuts": short, not one German word
    return len(words) >= 4 and english >= 3 and english >= 3 * max(1, german)


def speaks_german(text: str) -> bool:
    """The turn is German, not English with a German word in it ("Ich spreche kein Englisch.
    Karte gestohlen."; not "Hi, my Kontonummer is wrong")."""
    words = fold_spoken(text).split()
    english = sum(w in _ENGLISH for w in words)
    german = sum(w in _GERMAN | _GERMAN_MORE for w in words)
    return len(words) >= 3 and german >= 2 and german >= 3 * max(1, english)


_GERMAN_MORE = frozenset(("spreche", "sprechen", "englisch", "deutsch", "keine", "nur", "bin",
                          "hat", "haben", "wurde", "gestohlen", "karte", "konto", "guten", "tag",
                          "entschuldigung", "verstehe", "nichts", "helfen", "jemand"))  # fmt: skip


# An urgent card matter said in German at the English hotline, glossed in English for its
# classifier ("Meine Karte wurde gestohlen, bitte sperren Sie sie" -> a stolen card)
_GERMAN_URGENT = (
    (re.compile(r"\b(?:gestohlen|geklaut|geraubt|entwendet)\b"), "my card has been stolen"),
    (re.compile(r"\b(?:verloren|verlegt|nicht mehr finden|ist weg)\b"), "i lost my card"),
    (re.compile(r"\b(?:abbuchung|buchung|zahlung|lastschrift|abgebucht|belastung)\w*\b.*\b(?:"
                r"nicht (?:erkannt|kenne|gemacht|von mir)|kenne ich nicht|unbekannt\w*|fremd\w*)|"
                r"\b(?:nicht (?:erkannt|kenne|gemacht|von mir)|unbekannt\w*|fremd\w*)\b.*\b(?:"
                r"abbuchung|buchung|zahlung|lastschrift|abgebucht)"),
     "there is a card payment i do not recognise"),
    (re.compile(r"\b(?:betrug\w*|betrueger\w*|gehackt|phishing)\b"),
     "someone used my card without my permission"),
    (re.compile(r"\b(?:sperren|sperrung)\b"), "my card has been stolen"),
)  # fmt: skip


def german_urgent_gloss(text: str) -> str | None:
    """An English gloss of an urgent card matter said in German, or None."""
    folded = fold(text)
    return next((gloss for pattern, gloss in _GERMAN_URGENT if pattern.search(folded)), None)
