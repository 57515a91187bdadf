"""One digit of the customer number corrected by the caller, the rest kept.

Callers who hear "die Kundennummer mit den Endziffern 59 habe ich nicht gefunden" (or their
name is wrong) seldom say all eight digits again; they name the digit that was wrong: "nein,
die letzte ist eine 3", "die vorletzte Ziffer ist eine Fünf", "nicht neun sondern drei",
"am Ende eine 3", "drei statt neun". The number said before, with that digit changed, is the
number meant. A swap whose wrong digit stands more than once in the number, and words that
name no place ("die letzte Rechnung war 30 Euro"), correct nothing.
"""

from __future__ import annotations

import re

from voicebot.dialog.words import digits_in, fold

_PLACES = {
    "erste": 0, "zweite": 1, "dritte": 2, "vierte": 3, "fuenfte": 4, "sechste": 5,
    "siebte": 6, "siebente": 6, "achte": 7, "vorletzte": -2, "letzte": -1,
    "first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "seventh": 6,
    "eighth": 7, "last": -1,
}  # fmt: skip
_ARTICLE = r"(?:(?:eine|ein|einer|einem|der|die|den|a|an|the) )?"
_PLACE = re.compile(
    r"\b(?:die |the )?(?P<place>" + "|".join(sorted(_PLACES, key=len, reverse=True)) + r")"
    r"(?: (?:ziffer|zahl|stelle|digit|number|one))?"
    r"(?: (?:ist|war|is|was|muss|sollte|lautet|heisst|should be|must be))?"
    r"(?: (?:doch|aber|natuerlich|eigentlich|actually))? " + _ARTICLE + r"(?P<digit>\w+)\b"
)
_AT_END = re.compile(
    r"\b(?:am ende|hinten|zum schluss|at the end)(?: (?:ist|steht|kommt|is))? "
    + _ARTICLE
    + r"(?P<digit>\w+)\b"
    r"|\b(?P<before>\w+) (?:am ende|hinten|zum schluss|at the end)\b"
)
_SWAP = re.compile(
    r"\b(?:nicht|not) "
    + _ARTICLE
    + r"(?P<wrong>\w+),? (?:sondern|but) "
    + _ARTICLE
    + r"(?P<right>\w+)\b"
    r"|\b(?P<right2>\w+) (?:statt|anstatt|anstelle|instead of) " + _ARTICLE + r"(?P<wrong2>\w+)\b"
)


def corrected_number(text: str, before: str | None, language: str, length: int) -> str | None:
    """The number said before with the digit the turn corrects changed; None when the turn
    corrects no digit of it (or before is not a whole number)."""
    if before is None or len(before) != length or not before.isdigit():
        return None
    folded = fold(text)
    swap = _SWAP.search(folded)
    if swap is not None:
        wrong = _digit(swap.group("wrong") or swap.group("wrong2"), language)
        right = _digit(swap.group("right") or swap.group("right2"), language)
        at_end = bool(_AT_END.search(folded) or re.search(r"\b(?:letzte|last)\b", folded))
        if wrong is not None and right is not None:
            if at_end:
                return _changed(before, -1, right) if before[-1] == wrong else None
            return (
                _changed(before, before.index(wrong), right) if before.count(wrong) == 1 else None
            )
    place = _PLACE.search(folded)
    if place is not None and (digit := _digit(place.group("digit"), language)) is not None:
        return _changed(before, _PLACES[place.group("place")], digit)
    end = _AT_END.search(folded)
    if end is not None:
        digit = _digit(end.group("digit") or end.group("before"), language)
        if digit is not None:
            return _changed(before, -1, digit)
    return None


def _digit(word: str | None, language: str) -> str | None:
    """One digit said as a word or written ("drei", "3", "zwo"); None for anything else."""
    if not word:
        return None
    said = digits_in(word, language)
    return said if len(said) == 1 else None


def _changed(number: str, place: int, digit: str) -> str | None:
    """The number with the digit at place (negative: from the end) set; None when it is
    that digit already (nothing corrected)."""
    index = place % len(number)
    if number[index] == digit:
        return None
    return number[:index] + digit + number[index + 1 :]
