"""The customer number said together with other words: what else the turn says besides it.

"meine Nummer ist 40817287" names the number only; "40817287, Rechnung." brings a short concern
worth confirming; "Nein, die Nummer war falsch: 40817261" corrects it, while "meine
Handynummer ist …" or "die Nummer von meinem Sohn …" is another number altogether.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import digits_in, fold
from voicebot.events import Intent

# A customer number said to be wrong ("Nein, die Nummer war falsch"), and numbers of others
_NUMBER_WRONG = frozenset(("falsch", "falsche", "vertan", "verwechselt", "verschrieben",
                           "wrong", "mistake", "korrektur", "korrigieren", "sorry", "richtige",
                           "eigentlich", "actually"))  # fmt: skip
_OTHER_NUMBER = frozenset((
    "handy", "handynummer", "telefonnummer", "rueckrufnummer", "festnetznummer", "mobilnummer",
    "hotline", "nachbar", "nachbarn", "sohn", "tochter", "mann", "frau", "mutter", "vater",
    "phone", "mobile", "son", "daughter", "wife", "husband", "neighbour", "rufnummer",
    "vertragsnummer", "iban", "rechnungsnummer",
))  # fmt: skip
# The caller's name said with the number ("Hoffmann mein Name", "mein Name ist Klaus Hoffmann")
_NAME_SAID = re.compile(
    r"\b(?:mein name ist|ich heisse|ich heiße|hier spricht|my name is|this is)"
    r"(?:\s+[A-ZÄÖÜ]\w+){1,2}|(?:\b[A-ZÄÖÜ]\w+\s+){1,2}(?:ist )?mein name\b|\bmein name\b",
    re.IGNORECASE,
)
# How a caller names the number they give ("meine Kundennummer lautet …", "my number is …")
_NUMBER_NAMED = re.compile(
    r"\b(?:(?:meine|die|my|the)\s+)?(?:kunden|customer\s+)?(?:nummer|number|nr)\.?"
    r"(?:\s+(?:ist|lautet|is|waere|wäre))?\b",
    re.IGNORECASE,
)


def says_number_was_wrong(text: str) -> bool:
    """ "Nein, die Nummer war falsch …": the caller's own number corrected, named as such (not
    "meine Handynummer ist …", "die Nummer von meinem Sohn …", "eigentlich … vom 12.11.2025")."""
    folded = fold(text)
    words = set(folded.split())
    wrong = bool(words & _NUMBER_WRONG) or bool(_NOT_MINE.search(folded))
    return bool(words & _THE_NUMBER) and wrong and not set(_with_digits(text)) & _OTHER_NUMBER


_NOT_MINE = re.compile(r"\b(?:nicht|not) (?:meine|my) (?:kunden ?)?(?:nummer|number)\b")
# The caller is not the customer the bot just thanked by name ("nein nein, das bin ich nicht",
# "ich bin nicht Herr Hoffmann", "ich hab mich versprochen / vertippt", "that's not me"); not
# "ich bin nicht zufrieden", "mir wurde ein Rückruf versprochen"
_NOT_ME = re.compile(
    r"\b(?:das bin ich (?:doch )?(?:gar )?nicht|"
    r"(?:ich )?bin (?:doch )?(?:gar )?nicht (?:der|die)? ?(?:herr|frau)|"
    r"(?:hab|habe) mich (?:\w+ )?(?:versprochen|vertippt|verwaehlt|vertan)|"
    r"thats not me|that is not me|(?:im|i am) not (?:mr|mrs|ms|miss)|wrong person|wrong account|"
    r"not my account)\b"
)
_NOT_NAMED = re.compile(r"\b(?:ich bin|bin ich) (?:doch )?(?:gar )?nicht [A-ZÄÖÜ][a-zäöüß]+")


def denies_identity(text: str) -> bool:
    """The caller says they are not the customer named (see _NOT_ME)."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return bool(_NOT_ME.search(folded) or _NOT_NAMED.search(text))


def _with_digits(text: str) -> list[str]:
    """The folded words of the sentence that holds the digits (the last one with any): "Falsche
    Nummer, das ist die von meiner Frau. Meine ist 40817287." -> "meine ist 40817287" (the
    wife's is the wrong one); the whole text when no sentence holds a digit."""
    sentences = [fold(s).split() for s in re.split(r"[.!?;]+", text) if s.strip()]
    held = [s for s in sentences if any(w.isdigit() or digits_in(w, "de") or digits_in(w, "en")
                                        for w in s)]  # fmt: skip
    return held[-1] if held else fold(text).split()


_THE_NUMBER = frozenset(("nummer", "kundennummer", "number", "kundennr"))


def words_besides_number(text: str, number: str, language: str) -> str:
    """The words besides the customer number, its naming ("meine Nummer ist …") and the
    caller's name ("Hoffmann mein Name"); other digits stay (a postcode said with it)."""
    words = [w for w in text.split() if (digits_in(w, language) or "#") not in number]
    rest = _NAME_SAID.sub(" ", _NUMBER_NAMED.sub(" ", " ".join(words)))
    return " ".join(rest.split())


def concern_besides_correction(text: str, number: str, language: str) -> str:
    """The words of a corrected number's turn besides the number and the correction ("Nein,
    die Nummer war falsch: 40817279, mein Internet geht nicht" -> "mein Internet geht nicht");
    '' when only the correction was said."""
    rest = words_besides_number(text, number, language)
    kept = [w for w in rest.split() if fold(w) not in _NUMBER_WRONG | _CORRECTION_TALK]
    return " ".join(kept) if any(len(fold(w)) >= 4 for w in kept) else ""


_CORRECTION_TALK = frozenset((
    "entschuldigung", "nein", "nee", "doch", "no", "die", "ist", "war", "es", "the", "is", "was",
    "it", "s", "oh", "aeh", "also", "moment", "glaube", "lautet", "richtig", "meine", "nummer",
    "kundennummer", "number", "sorry", "ich", "mich", "vertan", "verwechselt",
))  # fmt: skip


def concern_besides_number(tenant: TenantView, text: str, number: str, intent: Intent) -> Intent:
    """A concern read from the whole turn counts only if the words besides the number say it
    too ("meine Nummer ist 40817287" is no change of details); the words besides it never
    make one the whole turn does not ("…, die Nummer steht auf der Rechnung")."""
    rest = words_besides_number(text, number, tenant.language)
    if rest == " ".join(text.split()) or not is_new_concern(tenant, intent):
        return intent
    besides = tenant.classify(rest, intent) if rest else None
    if besides is not None and besides.name == intent.name:
        return intent
    return replace(intent, name=None, confidence=0.0, alternatives=())


def short_concern_besides(tenant: TenantView, text: str, number: str, intent: Intent) -> bool:
    """A short concern besides the customer number ("40817287, Rechnung."), the one the whole
    turn is most likely about: worth a confirmation after the name."""
    rest = words_besides_number(text, number, tenant.language)
    if not rest or len(rest.split()) > 3 or tenant.is_nonsense(rest):
        return False
    besides = tenant.classify(rest, intent)
    likely = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    alike = besides.name or (besides.alternatives[0][0] if besides.alternatives else None)
    return likely is not None and likely == alike


# A question back at the number prompt about the number asked for: which one ("welche Nummer
# meinen Sie, die auf dem Vertrag oder die auf der Rechnung?", "which number?") or why it is
# needed ("warum wollen Sie das wissen", "wozu brauchen Sie die", "why do you need that")
_WHICH_NUMBER = re.compile(
    r"\b(?:welche|welcher|was fuer(?: eine| ne| ner)?|which|what) (?:\w+ )?"
    r"(?:kunden)?(?:nummer|number)\b|"
    # "was meinen Sie mit Kundennummer?", "was ist denn eine Kundennummer", "what do you mean by
    # customer number": the number itself not understood
    r"\bwas (?:meinen sie|meinst du|heisst|bedeutet|ist) (?:\w+ ){0,2}?(?:mit )?(?:der |die |eine |"
    r"ihrer |meiner |einer )?(?:kunden)?nummer\b|"
    r"\bwhat (?:do you mean by|is) (?:a |the |my |this )?(?:customer )?number\b"
)
_WHY_ALONE = re.compile(r"^(?:und |aber )?(?:warum|wieso|weshalb|wozu|why)(?: denn| das| bitte)*$")
_WHY = re.compile(r"\b(?:warum|wieso|weshalb|wozu|why|what for)\b")
_WHY_OF_IT = re.compile(r"\b(?:brauch\w*|wissen|need|nummer|kundennummer|number|daten|data)\b")


def asks_which_or_why_number(text: str) -> str | None:
    """The caller asks back which number is meant ("which") or why it is needed ("why") and
    says no number; a short turn (a concern that names a number is longer, read as one)."""
    folded = fold(text)
    if digits_in(text, "de") or len(folded.split()) > 14:
        return None
    if _WHICH_NUMBER.search(folded):
        return "which"
    if _WHY.search(folded) and _WHY_OF_IT.search(folded) and len(folded.split()) <= 8:
        return "why"
    if _WHY_ALONE.match(folded):  # "Warum?", "wieso denn das"
        return "why"
    return None
