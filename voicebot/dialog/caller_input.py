"""Reads what the caller gave at a prompt: a customer number, a slot value, yes or no."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicebot.dialog.prompts import Prompts
from voicebot.dialog.words import digits_in, yes_or_no
from voicebot.events import Intent
from voicebot.nlu.normalize import fold
from voicebot.nlu.numbers import digit_runs
from voicebot.nlu.slots import extract_digits, extract_yes_no, said_once

if TYPE_CHECKING:
    from voicebot.dialog.state import CallState
    from voicebot.dialog.tenant_view import TenantView


def number_in(text: str, value: str | None, tenant: TenantView) -> str | None:
    """A customer number attempt: the recogniser's value, else digits spoken or written (a
    number of the right length among others in the sentence: a date, an amount, a postcode)."""
    corrected = corrected_digits(text, tenant.language)
    if corrected is not None:  # "… sechs eins, äh nein, zwei fünf drei": the new ending
        return corrected if len(corrected) == tenant.customer_digits else None
    if value and value.isdigit() and len(value) >= tenant.customer_digits - 1:
        return said_once(value, tenant.customer_digits)
    exact = extract_digits(text, tenant.language, tenant.customer_digits)
    if exact is not None:
        return exact
    if _OTHER_NUMBER.search(fold(text)):  # "meine Telefonnummer ist 040 1234567": not ours
        return None
    runs = digit_runs(_IN_NUMBER.sub(" ", fold(text)), tenant.language)  # "vier null acht, äh,
    digits = max(runs, key=len, default="")  # eins sieben …" is one; "in drei Wochen …
    digits = said_once(digits, tenant.customer_digits)  # 80331" is none
    return digits if len(digits) >= tenant.customer_digits - 1 else None


# Words a caller says inside a number without ending it ("vier null acht, äh, eins sieben")
_IN_NUMBER = re.compile(r"\b(?:aeh|aehm|oeh|hm|hmm|also|moment|mal|ja|genau|so|warte|uh|um|erm)\b")
_OTHER_NUMBER = re.compile(
    r"\b(?:telefonnummer|handynummer|festnetznummer|mobilnummer|rufnummer|rueckrufnummer|"
    r"phone number|mobile number|iban|postleitzahl|plz)\b"
)


_CORRECTION = re.compile(
    r"\b(?:nein|nee|falsch|korrektur|quatsch|sorry|entschuldigung|ich meine|ich meinte|"
    r"no|wrong|i mean|i meant|correction)\b"
)


def corrected_digits(text: str, language: str) -> str | None:
    """Digits said, then corrected ("4 0 8 1 7 2 6 1, äh nein, falsch: 2 5 3"): the digits after
    the last correction word replace as many at the end of those before; None without a
    correction between digits."""
    folded = fold(text)
    pieces = _CORRECTION.split(folded)
    if len(pieces) < 2 or not (
        _ends_in_digits(" ".join(pieces[:-1]), language)
        and _starts_with_digits(pieces[-1], language)
    ):  # the correction stands between digits ("… sechs eins, äh nein, zwei fünf drei"),
        return None  # not in a sentence about something else ("die Rechnung ist falsch")
    before, after = digits_in(" ".join(pieces[:-1]), language), digits_in(pieces[-1], language)
    if not before or not after:
        return None
    return after if len(after) >= len(before) else before[: len(before) - len(after)] + after


_FILLERS = frozenset(("aeh", "aehm", "oh", "ach", "aeh,", "also", "moment", "warte", "uh", "um"))


def _ends_in_digits(piece: str, language: str) -> bool:
    words = [w for w in piece.split() if w not in _FILLERS]
    return bool(words) and bool(digits_in(" ".join(words[-2:]), language))


def _starts_with_digits(piece: str, language: str) -> bool:
    words = [w for w in piece.split() if w not in _FILLERS and w not in ("falsch", "wrong")]
    return bool(words) and bool(digits_in(" ".join(words[:2]), language))


def yes_no_value(
    text: str, value: str | None, language: str, trust_text: bool = True, question: str = ""
) -> bool | None:
    """The recogniser's yes/no value, else what the transcript says (unless trust_text is
    False: on a noisy line Whisper writes "Ja" for a "nein" it was unsure of)."""
    if value in ("true", "false"):
        return value == "true"
    return yes_or_no(text, language, question) if trust_text else None


def slot_expect(slot: str, tenant: TenantView | None = None) -> str | None:
    """What the prompt asking for `slot` expects, for expectation-aware recognition."""
    if slot == "product" and tenant is not None:
        return tenant.product_expect
    return {"postcode": "digits:5", "customer_number": "digits:8"}.get(slot)


def codes_in(needs: Sequence[str], text: str, intent: Intent, tenant: TenantView) -> dict[str, str]:
    """The codes among a concern's needs (batch number, postcode) that the words hold, in that
    order: said instead of a yes, or before they are asked for."""
    found: dict[str, str] = {}
    for slot in ("batch", "postcode"):
        if slot in needs and (said := slot_in(slot, text, intent, None, tenant)) is not None:
            found[slot] = said
    return found


# A pause word opening a turn that gives a code ("Moment, L 3 3", "äh, warten Sie, 4 7"): the
# caller is still reading it from the pack
_STILL_READING = re.compile(
    r"^(?:(?:moment\w*|augenblick|sekunde|warte\w*|warten sie|aeh\w*|hm+|also|mal sehen|"
    r"einen|one|wait|hold on|uh+|um+)\b\s*)+"
)
_SHORT_CODE = 5  # characters: shorter than the example the prompt gives ("L 2 3 4 5 B")


def code_may_go_on(text: str, code: str) -> bool:
    """A short code after a pause word ("Moment, L 3 3"): the caller may still be reading it,
    so it is read back and the caller asked whether that was all (the rest "4 1 A" followed
    after the call had been handed over with L33)."""
    return len(code) < _SHORT_CODE and bool(_STILL_READING.match(fold(text)))


def code_so_far(state: CallState, code: str | None, text: str, language: str) -> str | None:
    """The code after "Ist das die ganze Nummer?": the begun code with the rest added ("4 1 A"
    after "L 3 3" -> "L341A"), all of it said again ("L 3 3 4 1 A"), or the begun one as it
    was ("ja, das ist alles"); without a begun code the code as heard."""
    begun, state.code_begun = state.code_begun, ""
    if not begun:
        return code
    if code is None:
        return begun if extract_yes_no(text, language) is True else None
    return code if code.startswith(begun) else begun + code


def slot_in(
    slot: str, text: str, intent: Intent, value: str | None, tenant: TenantView
) -> str | None:
    """The value of `slot` in an answer to "which …?"; None when the answer holds none. Said
    again after a correction word ("L 9 9 8 8 Z, nein, L 9 9 8 3 Z"), the last one counts."""
    last = _CORRECTION.split(fold(text))[-1]
    if slot in ("postcode", "batch") and last != fold(text):
        again = tenant.read_slot(slot, last)
        if again is not None:
            return again
    if intent.slots.get(slot):
        return str(intent.slots[slot])
    if value and slot == "postcode" and len(value) == 5 and value.isdigit():
        return value
    if value and slot == "product" and tenant.sells(value):  # heard as one of the list
        return value
    found = tenant.read_slot(slot, text)
    if found is not None:
        return found
    if slot == "product":  # named, but not one of ours: answered as "not our product"
        heard = tenant.unknown_product(text)
        return f"?{heard}" if heard else None  # None: no product heard, or one of ours misheard
    if slot in ("postcode", "batch", "customer_number"):
        return None
    return text.strip() or None


def unknown_product_text(prompts: Prompts, product: str | None, ours: str | None = None) -> str:
    """ "Himbeermarmelade ist leider keines unserer Produkte.", with the product of ours its
    words resemble named after it (`ours`: "Wir haben nur Sonnhof Erdbeer Fruchtaufstrich.")."""
    product = (product or "").lstrip("?")
    if not product:
        return prompts.say("unknown_product_unnamed")
    told = prompts.say("unknown_product", product=product[:1].upper() + product[1:])
    if ours:
        told = f"{told} {prompts.say('product_we_have', product=ours)}"
    return told


def fill_placeholders(text: str, state: CallState) -> str:
    """An answer text with `{slot}` and `{name}` filled from the call; missing ones dropped."""
    values = dict(state.slots)
    if state.customer is not None:
        values.setdefault("name", state.customer.get("name", ""))

    def fill(match: re.Match[str]) -> str:
        return str(values.get(match.group(1), ""))

    return re.sub(r"\{(\w+)\}", fill, text)
