"""One German word the recogniser wrote as two: "Gluten-frei", "Laktose frei", "zurück rufen".

Whisper by telephone writes a "-frei" compound with a hyphen or as two words, and the milk sugar
in its international spelling. The dialog's product reading takes the capitalised "Gluten-frei"
beside a product for another kind of product ("Tomatensauce Gluten-frei ist leider keines
unserer Produkte") and the classifier does not know the parts; written as one word
("glutenfrei"), both read the question as the tenant's examples do.
"""

from __future__ import annotations

import re

# what a product is said to be free of: the word before a spaced "frei" is joined only then
# ("ist die Leitung frei" stays two words)
_FREE_OF = (
    "gluten|laktose|lactose|zucker|palmöl|palmoel|palmfett|alkohol|nuss|nüsse|nuesse|milch|"
    "soja|ei|eier|hefe|weizen|parfum|parfüm|duftstoff|duftstoffe|mikroplastik|silikon|"
    "silikone|fluorid|konservierungsstoff|konservierungsstoffe|farbstoff|farbstoffe|"
    "aluminium|sulfat|sulfate|gentechnik|fructose|fruktose|histamin|sesam|senf|sellerie|"
    "erdnuss|koffein|jod|salz|fett|tierversuch|tierversuchs"
)
_HYPHENATED = re.compile(r"\b(\w+)-(frei|freie|freien|freies|haltig|haltige)\b", re.IGNORECASE)
_SPACED = re.compile(rf"\b({_FREE_OF}) (frei|freie|freien|freies)\b", re.IGNORECASE)
_SPELLING = re.compile(r"\b([Ll])actose", re.IGNORECASE)
# a verb with "zurück" split off its infinitive or participle ("Können Sie mich zurück rufen",
# "ich hab das Geld nie zurück bekommen"): in the verb-second order it would follow the verb
_BACK = re.compile(
    r"\b(zurück|zurueck) (rufen|gerufen|melden|gemeldet|schicken|geschickt|senden|gesendet|"
    r"zahlen|gezahlt|buchen|gebucht|bekommen|überweisen|ueberweisen|überwiesen|ueberwiesen|"
    r"erstatten|erstattet|geben|gegeben|holen|geholt)\b"
    # not a verb opening the next clause: "ich will mein Geld zurück geben Sie mir einen
    # Mitarbeiter" (Whisper wrote no comma) asks for a person
    r"(?!\s+(?:sie|du|ihr)\b)",
    re.IGNORECASE,
)


def as_german_words(text: str, language: str) -> str:
    """`text` with "-frei" compounds written as one lowercase word, "zurück rufen" as one verb
    and "Lactose" as "Laktose" (German only; other text unchanged)."""
    lowered = text.lower()
    if language != "de" or not any(w in lowered for w in ("frei", "actose", "zur")):
        return text
    text = _SPELLING.sub(lambda m: m.group(1) + "aktose", text)
    text = _BACK.sub(lambda m: m.group(1) + m.group(2).lower(), text)
    text = _HYPHENATED.sub(lambda m: (m.group(1) + m.group(2)).lower(), text)  # (adjectives
    return _SPACED.sub(lambda m: (m.group(1) + m.group(2)).lower(), text)  # are lowercase)
