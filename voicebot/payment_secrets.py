"""Card numbers, PINs and security codes a caller reads out: found and masked.

Callers read out the long number of their card ("4929 1234 5678 9012", "four five five six,
seven seven eight eight, …") or even their PIN ("my pin is 4 3 2 1 and it won't work").
Neither may be stored or shown in full (PCI DSS): the agent's handoff transcript, the logs and
the stored call records keep only the card's last four digits and no PIN at all, and the bot
tells the caller once never to say them (`dialog/engine.py`).
"""

from __future__ import annotations

import re

from voicebot.nlu.numbers import digit_runs, is_number_word

CARD_DIGITS = (13, 19)  # lengths of a card number (PAN)
_WORD = re.compile(r"\S+")
_JOINERS = frozenset(("and", "und", "oh", "o", "-"))  # inside a number said in words
# The name of a secret code, then at most three small words before its digits ("my pin is
# 4 3 2 1", "the three digits on the back are 1 2 3", "Geheimzahl ist 1234")
_SECRET_NAME = re.compile(
    r"\b(?:pin|pins|pin number|pin code|cvv|cvc|cv2|security code|security number|"
    r"(?:(?:three|3) digits?|(?:three|3) numbers|code|number|digits) (?:code |number )?on the "
    r"back|passcode|password|pass code|"
    r"geheimzahl|geheimnummer|pin nummer|pinnummer|sicherheitscode|pruefziffer|passwort)"
    r"\W+(?:(?:is|was|s|it s|its|number|code|of|on|it|are|were|ist|war|lautet|lautete|"
    r"just|simply|like|mine|meine|die|der)\W+){0,3}$",
    re.IGNORECASE,
)


def _number_spans(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each run of digits or number words, in text order."""
    spans: list[tuple[int, int, str]] = []
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _numberish(words[j].group(0), language, j > i):
            j += 1
        if j > i:
            while j > i + 1 and _bare(words[j - 1].group(0)) in ("and", "und", "-"):
                j -= 1  # ("… four and": the number ends before "and")
            last = words[j - 1]
            start, end = words[i].start(), last.start() + len(last.group(0).rstrip(".,;:!?"))
            digits = "".join(digit_runs(text[start:end], language))
            if digits:
                spans.append((start, end, digits))
            i = j
        else:
            i += 1
    return spans


def _bare(word: str) -> str:
    return word.strip(".,;:!?()\"'").lower()


def _numberish(word: str, language: str, inside: bool) -> bool:
    bare = _bare(word)
    if not bare:
        return inside
    if re.fullmatch(r"[\d\-/]+", bare):
        return True
    return is_number_word(bare, language) or (inside and bare in _JOINERS)


def _secret_spans(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, mask) of every card number and every PIN or security code in text."""
    found = []
    for start, end, digits in _number_spans(text, language):
        if CARD_DIGITS[0] <= len(digits) <= CARD_DIGITS[1]:
            found.append((start, end, f"**** {digits[-4:]}"))
        elif 3 <= len(digits) <= 8 and _SECRET_NAME.search(text[max(0, start - 60) : start]):
            found.append((start, end, "****"))
    return found


def secret_said(text: str, language: str | None = None) -> bool:
    """The caller read out a PIN or security code, or a card number as one ("my card number is
    4929 …"; a long phone number is none) or a number whose check digit makes it a card's
    (number words of the language; None: both)."""
    for lang in _languages(language):
        for _, _, mask in _secret_spans(text, lang):
            if mask == "****" or _CARD_NAMED.search(text):
                return True
        if _OTHER_NUMBER_NAMED.search(text):
            continue  # ("my phone number is 0049 …": one in ten of them fits a check digit)
        for _, _, digits in _number_spans(text, lang):  # ("4 5 3 9 1 4 8 8 …" read out alone:
            if CARD_DIGITS[0] <= len(digits) <= CARD_DIGITS[1] and _luhn_valid(digits):
                return True  # a card's own check digit, no phone or account number)
    return False


_OTHER_NUMBER_NAMED = re.compile(
    r"\b(?:phone|mobile|telephone|landline|call|ring|text|account|sort|iban|reference|ref|"
    r"customer|member|membership|order|tracking|telefon\w*|handy\w*|kunden\w*|konto\w*)\b",
    re.I,
)


def _luhn_valid(digits: str) -> bool:
    """The card number's check digit (Luhn) fits."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


_CARD_NAMED = re.compile(
    r"\b(?:card|cards|visa|mastercard|debit|credit|karte|kreditkarte|kartennummer)\b", re.I
)


def mask_secrets(text: str, language: str | None = None) -> str:
    """Text with card numbers cut to their last four digits ("**** 9012") and PINs and
    security codes replaced by "****" (number words of the language; None: both)."""
    for lang in _languages(language):
        for start, end, mask in reversed(_secret_spans(text, lang)):
            text = text[:start] + mask + text[end:]
    return text


def _languages(language: str | None) -> tuple[str, ...]:
    return ("en", "de") if language is None else ("de" if language.startswith("de") else "en",)
