"""Shortlisting a long answer list before scoring: fuzzy text and sound-alike keys.

Scoring every spoken form of every catalog item against the audio costs one forced decode per
form (about 300 for a 12-product catalog). What Whisper heard unprompted already narrows it
down: the items whose names look or sound like the free transcript are scored, the rest are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from voicebot.asr.expect import Choice
from voicebot.nlu.normalize import fold, strip_punctuation

MIN_KEY = 3  # shorter sound keys ("Tee" -> "2") match almost anything
_COLOGNE = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("sz", "8"),
}


def sound_key(text: str) -> str:
    """Cologne phonetics ("Kölner Phonetik") of a text: words that sound alike share a key."""
    letters = re.sub(r"[^a-z]", "", fold(text).replace("ph", "f"))
    codes = [_cologne_code(letters, i) for i in range(len(letters))]
    squeezed: list[str] = []
    for code in codes:
        if code and (not squeezed or squeezed[-1] != code):
            squeezed.append(code)
    head, tail = squeezed[:1], [c for c in squeezed[1:] if c != "0"]
    return "".join(head + tail)


def _cologne_code(letters: str, i: int) -> str:
    """One letter's Cologne code in context ("" for h)."""
    char = letters[i]
    before = letters[i - 1] if i else ""
    after = letters[i + 1] if i + 1 < len(letters) else ""
    if char in "dt":
        return "8" if after in ("c", "s", "z") else "2"
    if char == "p":
        return "1"
    if char == "x":
        return "8" if before in ("c", "k", "q") else "48"
    if char == "c":
        hard = after in tuple("ahkloqrux") if i == 0 else after in tuple("ahkoqux")
        return "4" if hard and before not in ("s", "z") else "8"
    return _COLOGNE.get(char, "")


def _folded(text: str) -> str:
    return " ".join(fold(strip_punctuation(text)).split())


def _spans(words: list[str], most: int) -> list[str]:
    """Every run of 1..most consecutive words, joined without spaces."""
    return [
        "".join(words[start : start + size])
        for size in range(1, most + 1)
        for start in range(len(words) - size + 1)
    ]


@lru_cache(maxsize=8192)
def phrase_similarity(heard: str, phrase: str) -> float:
    """0-100: how well a spoken form fits some words of the heard text, by letters or by sound."""
    heard_words, phrase_words = _folded(heard).split(), _folded(phrase).split()
    if not heard_words or not phrase_words:
        return 0.0
    spans = _spans(heard_words, len(phrase_words) + 2)
    target, target_key = "".join(phrase_words), sound_key("".join(phrase_words))
    by_letters = max(fuzz.ratio(span, target) for span in spans)
    keys = [key for key in map(sound_key, spans) if key]
    by_sound = max((fuzz.ratio(key, target_key) for key in keys), default=0.0)
    return max(float(by_letters), float(by_sound) if len(target_key) >= MIN_KEY else 0.0)


def shortlist(heard: str, choices: Sequence[Choice], size: int) -> list[Choice]:
    """The `size` choices whose spoken forms fit the heard text best (all when few enough)."""
    if len(choices) <= size:
        return list(choices)
    return ranked(heard, choices)[:size]


def ranked(heard: str, choices: Sequence[Choice]) -> list[Choice]:
    """All choices, those whose spoken forms fit the heard text best first."""
    fit = {c.value: max(phrase_similarity(heard, p) for p in c.phrases) for c in choices}
    return sorted(choices, key=lambda c: -fit[c.value])  # stable: list order breaks ties


def best_fit(heard: str, choices: Sequence[Choice], min_similarity: float) -> str | None:
    """The one choice the heard text plainly names (similarity >= min_similarity), or None.
    Only spoken forms about as long as the heard text count (one word more at most): in a
    longer sentence some words sound like a short form ("Bitte streichen Sie meine Nummer, ich
    will nicht …" has "ich will" ~ "Jawohl"; "Schnellere Hilfe wenn etwas kaputt ist" has
    "kaputt ist" ~ "Ja, passt")."""
    said = len(heard.split())
    fits = {
        c.value: max(
            (phrase_similarity(heard, p) for p in c.phrases if said <= len(p.split()) + 1),
            default=0.0,
        )
        for c in choices
    }
    top = [value for value, score in fits.items() if score >= min_similarity]
    return top[0] if len(top) == 1 else None
