"""Recogniser output made comparable: lowercase, no punctuation, no fillers, umlauts folded."""

from __future__ import annotations

import re
from collections.abc import Iterable

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[\s\-./]+(?=\d)")  # "4081-7253" and "4081 7253" -> one run

# Hesitation sounds: dropped wherever they occur.
FILLERS = {
    "de": {"äh", "ähm", "ähh", "öh", "öhm", "eh", "ehm", "em", "hm", "hmm", "mhm", "also", "naja"},
    "en": {"uh", "uhm", "um", "umm", "erm", "er", "hm", "hmm", "mhm"},
}
# Openers that carry no concern: dropped only at the start ("ja" alone is an answer).
OPENERS = {
    "de": (
        "ja hallo",
        "hallo",
        "ja guten tag",
        "guten tag",
        "guten morgen",
        "guten abend",
        "moin",
        "servus",
        "grüß gott",
        "ja also",
        "tja",
        "sagen sie mal",
        "sag mal",
    ),
    "en": (
        "yeah hi",
        "hi there",
        "hello there",
        "hello",
        "hi",
        "hey",
        "good morning",
        "good afternoon",
        "good evening",
        "well",
        "so",
    ),
}


def fold(text: str) -> str:
    """Lowercase with umlauts and ß spelled out (ä->ae, ß->ss): the form used for matching."""
    return text.lower().translate(_FOLD)


def strip_punctuation(text: str) -> str:
    """Lowercase words, single spaces; digit groups joined ("4081-7253" -> "40817253")."""
    text = _DIGIT_GROUPS.sub("", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def drop_fillers(words: list[str], language: str) -> list[str]:
    """Removes hesitation words everywhere and greeting openers at the start."""
    fillers = FILLERS.get(language, set())
    words = [w for w in words if w not in fillers]
    openers = [o.split() for o in OPENERS.get(language, ())]
    changed = True
    while changed and words:
        changed = False
        for opener in openers:
            if words[: len(opener)] == opener and len(words) > len(opener):
                words = words[len(opener) :]
                changed = True
                break
    return words


def normalize(text: str, language: str) -> str:
    """Recogniser or typed text as lowercase words without punctuation and fillers."""
    return " ".join(drop_fillers(strip_punctuation(text).split(), language))


def normalize_folded(text: str, language: str) -> str:
    """normalize() with umlauts spelled out: equal for "kündigen" and "kuendigen"."""
    return fold(normalize(text, language))


_DOTLESS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
# words that are words of their own without the dots ("wurde"/"würde"): never given umlauts
_DOTLESS_WORDS = frozenset((
    "wurde", "wurden", "konnte", "konnten", "musste", "mussten", "durfte", "durften", "hatte",
    "hatten", "waren", "ware", "zahlen", "zahlt", "zahle", "schon", "mutter", "vater", "bruder",
    "tochter", "apfel", "ofen", "boden", "garten", "laden",
))  # fmt: skip


class UmlautRestorer:
    """Puts umlauts back into words spelled ae/oe/ue/ss, or written without their dots by the
    recogniser ("kundigen", "Storung"), using a known vocabulary."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        words = set(vocabulary)
        self._by_folded: dict[str, str] = {}
        for word in words:
            if word != fold(word):
                self._by_folded.setdefault(fold(word), word)
        for word in sorted(words):
            dotless = word.translate(_DOTLESS)
            if dotless != word and dotless not in words and dotless not in _DOTLESS_WORDS:
                self._by_folded.setdefault(dotless, word)  # ("kundigen" -> "kündigen")

    def restore(self, text: str) -> str:
        """Each word whose spelled-out or dotless form matches a vocabulary word gets that
        word's spelling; words of the vocabulary stay as they are."""
        return " ".join(self._by_folded.get(w, w) for w in text.split())


class CompoundJoiner:
    """Joins two heard words whose concatenation is a known word: the recogniser splits German
    compounds and hyphenated words ("fritz box", "w lan", "kunden portal" -> "fritzbox", "wlan",
    "kundenportal"). Works on normalised text; compares folded forms."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._known = {fold(word): word for word in vocabulary if len(word) >= 4}

    def join(self, text: str) -> str:
        """Each adjacent pair whose folded concatenation is a vocabulary word becomes that word."""
        words = text.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words):
                joined = self._known.get(fold(words[i] + words[i + 1]))
                if joined is not None:
                    out.append(joined)
                    i += 2
                    continue
            out.append(words[i])
            i += 1
        return " ".join(out)
