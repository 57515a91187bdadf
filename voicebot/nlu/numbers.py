"""Spoken digits and number words (German, English) -> digit strings ("vier null" -> "40")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNITS = {
    "de": {"null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
           "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9},
    "en": {"zero": 0, "nil": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
           "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9},
}  # fmt: skip
# Sound-alikes that count as digits only next to another digit ("for" in "thank you for ...")
_WEAK = {
    "de": {"ein": 1, "eine": 1, "einen": 1, "für": 4, "fier": 4, "acker": 8},
    "en": {"oh": 0, "o": 0, "to": 2, "too": 2, "for": 4, "fore": 4, "won": 1, "ate": 8,
           "tree": 3, "free": 3, "sex": 6, "nein": 9, "niner": 9},
}  # fmt: skip
_TEENS_TENS = {
    "de": {"zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14,
           "fünfzehn": 15, "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
           "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40,
           "fünfzig": 50, "fuenfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
           "neunzig": 90},
    "en": {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
           "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
           "seventy": 70, "eighty": 80, "ninety": 90},
}  # fmt: skip
_SCALES = {"de": {"hundert": 100, "tausend": 1000}, "en": {"hundred": 100, "thousand": 1000}}
_REPEAT = {
    "de": {"doppel": 2, "doppelt": 2, "doppelte": 2, "dreifach": 3},
    "en": {"double": 2, "triple": 3, "treble": 3},
}
_SPLIT = re.compile(r"[\s,.;:!?/\-–—()\"'„“”]+")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # digits | number | unit | weak | scale | repeat | other
    text: str  # the digits as written for kind "digits", else the word
    value: int = 0


def spoken_digits(text: str, language: str) -> str:
    """All digits said in text, in order: "vierzig achtzehn" -> "4018", "double seven" -> "77"."""
    lang = "de" if language.lower().startswith("de") else "en"
    tokens = _weak_to_units(_classify(_words(text, lang), lang))
    return "".join(_groups(tokens))


def digit_runs(text: str, language: str) -> list[str]:
    """The numbers said in text, each a run of number words or digits not interrupted by other
    words: "Postleitzahl 10115, Kundennummer 40817279" -> ["10115", "40817279"]; "vier null
    acht eins sieben zwei fünf drei" -> ["40817253"]; "4081, 7253" -> ["40817253"]."""
    lang = "de" if language.lower().startswith("de") else "en"
    runs: list[str] = []
    segment: list[_Token] = []
    for token in [*_weak_to_units(_classify(_words(text, lang), lang)), _Token("other", "")]:
        if token.kind in ("other", "weak") and token.text not in ("und", "and"):
            digits = "".join(_groups(segment))
            if digits:
                runs.append(digits)
            segment = []
        else:
            segment.append(token)
    return runs


def _words(text: str, lang: str) -> list[str]:
    words = [w for w in _SPLIT.split(text.lower()) if w]
    if lang == "de":  # Whisper sometimes splits "ein und zwanzig"
        words = _join_german_und(words)
    return words


def _join_german_und(words: list[str]) -> list[str]:
    joined: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i + 1] == "und" and words[i + 2].endswith(("zig", "ßig")):
            joined.append(words[i] + "und" + words[i + 2])
            i += 3
        else:
            joined.append(words[i])
            i += 1
    return joined


def is_number_word(word: str, language: str) -> bool:
    """A folded word that says a number or digits ("vierhundertacht", "zwo", "17")."""
    lang = language if language in _UNITS else "en"
    said = word.replace("ue", "ü").replace("ae", "ä").replace("oe", "ö") if lang == "de" else word
    kinds = ("digits", "unit", "number", "scale", "repeat")  # (folded: "dreiundfuenfzig")
    return any(_classify_word(w, lang).kind in kinds for w in {word, said})


def _classify(words: list[str], lang: str) -> list[_Token]:
    return [_classify_word(w, lang) for w in words]


def _classify_word(word: str, lang: str) -> _Token:
    if word.isdigit():
        return _Token("digits", word)
    if word in _UNITS[lang]:
        return _Token("unit", word, _UNITS[lang][word])
    if word in _WEAK[lang]:
        return _Token("weak", word, _WEAK[lang][word])
    if word in _TEENS_TENS[lang]:
        return _Token("number", word, _TEENS_TENS[lang][word])
    if word in _SCALES[lang]:
        return _Token("scale", word, _SCALES[lang][word])
    if word in _REPEAT[lang]:
        return _Token("repeat", word, _REPEAT[lang][word])
    if len(word) > 4 and word.isalpha():
        try:
            return _Token("number", word, text2num(word, lang))  # "zweiundsiebzig"
        except ValueError:
            pass
    return _Token("other", word)


def _is_digitlike(token: _Token) -> bool:
    return token.kind in ("digits", "unit", "number", "repeat")


def _weak_to_units(tokens: list[_Token]) -> list[_Token]:
    """A sound-alike counts as a digit when a neighbour is a digit (or another accepted one)."""
    result = list(tokens)
    changed = True
    while changed:
        changed = False
        for i, token in enumerate(result):
            if token.kind != "weak":
                continue
            neighbours = result[max(i - 1, 0) : i] + result[i + 1 : i + 2]
            if any(_is_digitlike(n) for n in neighbours):
                result[i] = _Token("unit", token.text, token.value)
                changed = True
    return result


def _groups(tokens: list[_Token]) -> list[str]:
    """Digit strings per spoken group: "forty two" -> "42", "vier null" -> "4", "0"."""
    builder = _GroupBuilder()
    for token in tokens:
        builder.add(token)
    builder.flush()
    return builder.out


class _GroupBuilder:
    """Collects number words into groups; "double"/"triple" repeat the next single digit."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.total = 0  # thousands already complete in the number being built
        self.current: int | None = None  # the rest of it; None: no number being built
        self.last = ""  # role of the previous word in it: unit | number | tens | scale
        self.repeat = 1  # pending "double"/"triple", for the next group
        self.group_repeat = 1

    def add(self, token: _Token) -> None:
        if token.kind == "digits":
            self.flush()
            self._emit(token.text, self._take_repeat())
        elif token.kind == "repeat":
            self.flush()
            self.repeat = token.value
        elif token.kind == "scale" and self._scales(token.value):
            self.last = "scale"
        elif token.kind in ("unit", "number"):
            if self.current is not None and self._continues(token):
                self.current, self.last = self.current + token.value, _role(token)
                return
            self.flush()
            self.group_repeat = self._take_repeat()
            self.current, self.last = token.value, _role(token)
        elif not (token.text in ("and", "und") and self.last == "scale"):
            self.flush()
            self.repeat = 1

    def flush(self) -> None:
        if self.current is not None:
            self._emit(str(self.total + self.current), self.group_repeat)
        self.total, self.current, self.last, self.group_repeat = 0, None, "", 1

    def _scales(self, scale: int) -> bool:
        """Applies "hundred" (to 1-99) or "thousand" (to 1-999) to the number being built."""
        if self.current is None:
            return False
        if scale == 100 and 0 < self.current < 100:
            self.current *= 100
            return True
        if scale == 1000 and 0 < self.total + self.current < 1000:
            self.total, self.current = (self.total + self.current) * 1000, 0
            return True
        return False

    def _continues(self, token: _Token) -> bool:
        """English "forty" + "two", or a smaller number after "hundred"/"thousand"."""
        current = self.current or 0
        if self.last == "tens":
            return token.kind == "unit" and token.value > 0
        return self.last == "scale" and current % 100 == 0 and token.value < 100

    def _take_repeat(self) -> int:
        repeat, self.repeat = self.repeat, 1
        return repeat

    def _emit(self, digits: str, repeat: int) -> None:
        # "double" repeats one digit; "double forty" is not a thing, so it is ignored there
        self.out.append(digits * repeat if len(digits) == 1 else digits)


def _role(token: _Token) -> str:
    is_tens = token.kind == "number" and token.value >= 20 and token.value % 10 == 0
    return "tens" if is_tens else token.kind
