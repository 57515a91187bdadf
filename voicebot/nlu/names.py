"""The caller's own name in a turn ("mein Name ist Hoffmann", "hier spricht Frau Demir", "this is
John Smith"): read by the dialog (who calls) and left out by the classifier (a name says nothing
about the concern: "Hallo, ich heiße Marie Schulz, ich will meinen Tarif wechseln")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Introduction:
    """A name said, and where its phrase (cue, titles, names) is in the text."""

    name: str
    start: int
    end: int


def name_said(text: str, weak: bool = False) -> str | None:
    """The caller's own name said: capitalised words after the cue, titles left out. German
    writes nouns with a capital too, so the weak cues ("Hoffmann hier.", "hier ist Petra
    Lindner": also "Kunde hier.", "Hier ist Montag Abend …") count only with `weak` (a
    greeting, never to refuse a customer number)."""
    found = introduction(text, weak)
    return found.name if found else None


def without_introduction(text: str) -> str:
    """The text without the phrases that say who calls and for whom ("Hallo, ich heiße Marie
    Schulz, ich will meinen Tarif wechseln" -> "Hallo, , ich will meinen Tarif wechseln"; "Ich
    rufe für meinen Vater an, er hat eine Frage zur Rechnung"); a change of name stays ("ich
    heiße jetzt Schmidt", "mein Name ist falsch geschrieben")."""
    text = _ON_BEHALF.sub(" ", text)  # "ich rufe für meinen Vater an, er hat …"
    found = introduction(text, weak=True)
    if found is None:
        return " ".join(text.split())
    return " ".join(f"{text[: found.start]} {text[found.end :]}".split())


def speaks_for_someone(text: str) -> bool:
    """The caller calls for someone else ("Ich rufe für meinen Vater an", "im Auftrag von
    …", "seine Kundennummer ist …", "I'm calling on behalf of my mother")."""
    return bool(_ON_BEHALF.search(text) or _THEIR_NUMBER.search(text) or _HOLDER.search(text))


def introduction(text: str, weak: bool = False) -> Introduction | None:
    """The name said and its phrase (see name_said), or None."""
    first = _NAME_FIRST.search(text) if weak else None  # "Hoffmann hier."
    if first is not None and first.group(1).lower() not in _NOT_NAMES:
        return Introduction(first.group(1), first.start(1), first.end())
    found = _NAME_CUE.search(text)
    if found is None:
        return None
    names: list[str] = []
    end = found.end()
    titled = False
    for word in re.finditer(r"[\wÄÖÜäöüß-]+", text[found.end() :]):
        if names and re.search(r"[,.!?;]", text[end : found.end() + word.start()]):
            break  # a name ends at a comma ("mein Name ist Maier, Klaus Maier")
        if word.group() in _TITLES:
            titled = True
            continue
        if (
            not names
            and not titled
            and word.group() in ("der", "die")
            and _TITLED.match(text, found.end() + word.end())
        ):
            continue  # "hier spricht der Herr Hoffmann"
        if not word.group()[:1].isupper() or word.group().lower() in _NOT_NAMES or len(names) == 2:
            break
        names.append(word.group())
        end = found.end() + word.end()
    loose = found.group(0).lower().startswith("hier ist")  # "Hier ist Chaos", "Hier ist Montag
    first_name = any(is_first_name(n) for n in names)  # Abend": German nouns are capitalised
    if not names or (loose and not (titled or first_name or (weak and len(names) == 2))):
        return None  # too; after "hier ist" a first name or a title ("hier ist Frau Demir")
    after = text[end:].lstrip()  # a name ends the phrase: "hier ist Petra Lindner, …"
    following = after.split()[0].lower().strip(",.!?") if after.split() else ""
    if after and after[0] not in ",.!?;" and following not in _AFTER_NAME:
        return None  # (not "hier ist Funkstille seit heute", "Stress pur")
    again = _NAME_AGAIN.match(text, end)  # "mein Name ist Maier, Klaus Maier."
    place = _PLACE_AFTER.match(text, end)  # "hier ist Frau Meier aus Köln."
    end = again.end(1) if again else place.end() if place and place.end() > end else end
    return Introduction(" ".join(names), found.start(), end)


def is_first_name(word: str) -> bool:
    """A known first name ("Petra", "Klaus", "Aylin"; gender-guesser's list of first names
    from many countries), not a capitalised noun ("Montag", "Kunde", "Chaos")."""
    return _first_names().get_gender(word) != "unknown"


@cache
def _first_names() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


_NAME_CUE = re.compile(
    r"\b(?:[Mm]ein [Nn]ame ist|[Ii]ch hei(?:ß|ss)e|[Hh]ier (?:spricht|ist)|[Mm]y name is|"
    r"[Tt]his is|[Ii]t's)\s+"
)
_PLACE = r",?\s+(?:aus|from)\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?"
_FROM_PLACE = f"(?:{_PLACE})?"
_NAME_FIRST = re.compile(  # the greeting before it in any case, the name capitalised; where
    r"^(?:(?i:ja|hallo|hi|guten tag|guten morgen|gr(?:ü|ue)(?:ß|ss) gott|servus|moin|frau|herr|"
    r"mrs?|ms)\b,?\s+)?([A-ZÄÖÜ][\wäöüß-]+),?\s+(?i:hier|am apparat|here)"  # from: "Huber
    + _FROM_PLACE  # hier aus Rosenheim."
    + r"\s*(?:[,.!;]|$)"
)
_PLACE_AFTER = re.compile(_PLACE + r"(?=\s*(?:[,.!?;]|$))")  # "… Meier aus Köln."
_ON_BEHALF = re.compile(  # "ich rufe für meine Mutter an", "wir rufen im Auftrag von … an"
    r"(?i)\b(?:ich rufe|wir rufen)\s+(?:\w+\s+){0,2}?(?:(?:für|fuer)\s+(?:mein|unser|sein|ihr|"
    r"frau\b|herr)|im namen\b|im auftrag\b)(?:[\wäöüß-]*\s+){1,4}?an\b"
)
_THEIR_NUMBER = re.compile(
    r"\b(?:seine|ihre|(?i:his|her))\s+(?:(?i:kundennummer|nummer|customer number)\b)|"
    r"\b(?i:calling (?:for|on behalf of) (?:my|our))\b"
)
# Someone else holds the contract: "meine Frau hat den Vertrag", "der Vertrag läuft auf meinen
# Mann", "my husband has the account", "the account is in my wife's name"
_RELATIVE = (
    r"(?:mann|frau|ehemann|ehefrau|vater|mutter|sohn|tochter|partner|partnerin|freund|freundin|"
    r"oma|opa|schwester|bruder|eltern|schwiegermutter|schwiegervater|grossmutter|großmutter|"
    r"grossvater|großvater|tante|onkel|nachbarin|nachbar)(?:e?s|n)?"
)
_HOLDER = re.compile(
    r"(?i)\b(?:mein|meine|unser|unsere)\s+(?:\w+\s+)?" + _RELATIVE + r"\s+(?:(?:die|der)\s+)?"
    r"(?:hat|haben)\s+(?:\w+\s+){0,2}?(?:den|das|einen|ein)\s+"
    r"(?:vertrag|anschluss|konto|kundenkonto)\b|"
    # "ich rufe an wegen meiner Mutter", "es geht um den Vertrag meines Vaters"
    r"\bwegen\s+(?:meiner|meines|meinem|unserer|unseres|unserem)\s+" + _RELATIVE + r"\b|"
    r"\b(?:vertrag|anschluss|kundenkonto|kundennummer)\s+(?:von\s+)?(?:meiner|meines|meinem|"
    r"unserer|unseres|unserem)\s+" + _RELATIVE + r"\b|"
    r"\b(?:der|unser) vertrag (?:läuft|laeuft|ist) (?:\w+ )?(?:auf|über|ueber) (?:meinen|meine|"
    r"unseren|unsere|den namen)\b|"
    r"\bmy (?:husband|wife|partner|mother|father|mum|mom|dad|son|daughter) (?:has|holds) the "
    r"(?:account|contract)\b|\b(?:account|contract) is in my (?:\w+) ?s? name\b"
)
_TITLED = re.compile(r"\s+(?:Frau|Herr|Dr)\b")
_NAME_AGAIN = re.compile(r",\s*((?:[A-ZÄÖÜ][\wäöüß-]+\s+)?[A-ZÄÖÜ][\wäöüß-]+)\s*(?:[,.!?;]|$)")
_AFTER_NAME = frozenset(("und", "aus", "von", "mit", "meine", "mein", "ich", "and", "from",
                         "calling", "my", "i"))  # fmt: skip
_TITLES = frozenset(("Frau", "Herr", "Dr", "Mr", "Mrs", "Ms", "Miss"))
_NOT_NAMES = frozenset((
    "kundennummer", "nummer", "die", "der", "das", "ich", "i", "my", "the", "ihr", "ihre",
    "nordwelle", "sonnhof", "harbour", "ja", "nein", "hallo", "guten", "so", "also", "moment",
    "internet", "telefon", "router", "fernsehen", "handy", "tv", "wlan", "okay", "ok", "hi",
    "hello", "yes", "no", "sorry", "und", "na", "gut",
))  # fmt: skip
