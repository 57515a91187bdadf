"""A turn with no concern yet: a greeting, an introduction ("Hoffmann hier"), an announced question,
or words that only take note ("Aha, verstehe")."""

from __future__ import annotations

import re

from voicebot.dialog.question_words import asks_for_help_only
from voicebot.dialog.words import ANSWER_WORDS, GREETING_WORDS, fold, says_nothing
from voicebot.nlu.names import name_said, without_introduction

_ANNOUNCING = frozenset((
    "ich", "i", "ve", "have", "habe", "haette", "hatte", "eine", "a", "kurze", "short",
    "frage", "fragen", "question", "questions", "anliegen", "got", "mal", "hab",
    # to no product named: "Ich habe eine Frage zu einem Produkt" (it was read as a complaint)
    "zu", "zum", "zur", "einem", "einer", "ihren", "ihrem", "ihrer", "euren", "eurem", "produkt",
    "produkte", "produkten", "artikel", "about", "one", "of", "your", "product", "products",
))  # fmt: skip


def greets_only(text: str) -> bool:
    """ "Hallo?", "hi, good morning", "ich hätte mal eine Frage": a greeting or an announced
    question, and nothing else (no concern yet)."""
    words = fold(text).split()
    if not words:
        return False
    if any(w in GREETING_WORDS for w in words) and says_nothing(text):
        return True
    named = name_said(text, weak=True)  # "Hoffmann hier.", "Guten Tag, hier spricht Frau Demir."
    if named:  # (and where from: "Huber hier aus Rosenheim.")
        words = [w for w in fold(without_introduction(text)).split() if w not in _INTRODUCING]
    announced = {"frage", "fragen", "question", "questions", "anliegen"} & set(words)
    plain = all(w in _ANNOUNCING or w in ANSWER_WORDS or w in GREETING_WORDS for w in words)
    return ((bool(named) or bool(announced)) and plain) or asks_for_help_only(text)


_INTRODUCING = frozenset(("hier", "ist", "spricht", "mein", "name", "ich", "heisse", "am",
                          "apparat", "frau", "herr", "my", "is", "this", "it", "s", "mr", "mrs",
                          "ms"))  # fmt: skip


# Words that only take note of what was said ("ach so", "aha, verstehe", "I see")
_ACKNOWLEDGING = frozenset((
    "ach", "so", "achso", "aha", "ah", "oh", "okay", "ok", "verstehe", "verstanden", "alles",
    "klar", "schade", "na", "gut", "hm", "hmm", "naja", "i", "see", "right",
))  # fmt: skip


def only_acknowledges(text: str, language: str) -> bool:
    """Words that only take note ("Ach so.", "Aha, verstehe.", "I see."), nothing else."""
    from voicebot.nlu.normalize import normalize

    words = [fold(w) for w in normalize(text, language).split()]
    if words[:1] == ["na"] and len(words) <= 3:  # "Na toll.", "na super": said sourly, no
        return all(w in _ACKNOWLEDGING or w in _SOURLY for w in words)  # praise
    return bool(words) and all(w in _ACKNOWLEDGING for w in words)


_SOURLY = frozenset(("toll", "super", "prima", "klasse", "bravo", "wunderbar", "herrlich",
                     "spitze", "grossartig", "fantastisch"))  # fmt: skip


_INTRODUCTION = re.compile(
    r"^(?:(?:ja|hallo|guten tag|guten morgen|guten abend|moin|servus|gruess gott|hi|hello|"
    r"good morning|good afternoon|also|aeh|yes)\s+)*"
    r"(?:mein name ist|ich heisse|hier (?:ist|spricht)|ich bin (?:die|der|frau|herr)?|"
    r"my name is|this is|i m|i am)\s+\w+(?:\s+\w+)?$"
)


def introduces_only(text: str) -> bool:
    """ "Guten Tag, mein Name ist Aylin Demir": who calls, and nothing else (no concern, not
    a change of name)."""
    return bool(_INTRODUCTION.match(fold(text))) and name_said(text) is not None
