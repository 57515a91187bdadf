"""Another kind of one of our products, named by a word that sets it apart: a product we do not
sell, never ours guessed.

Our catalog names products by generic words too ("Marmelade", "Eistee", "Creme", "Zahnpasta").
Such a word with a qualifier of its own names another product: "Himbeermarmelade" is not our
Erdbeer Fruchtaufstrich, "Eistee Pfirsich" not our Grüner Tee Zitrone, "Sonnencreme" not our
Handcreme, "Zahnpasta für Erwachsene" not our Kinder-Zahnpasta. A qualifier that is a word of
the product itself (its names, category or ingredients) keeps it ours: "Tiefkühlbrezeln",
"Haselnusscreme", "Kinderzahnpasta", "Eistee Zitrone".
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz

from voicebot.nlu.normalize import fold, strip_punctuation

# Flavours, fruits and scents that tell one kind of a product from another ("Eistee Pfirsich",
# "Duschgel Lavendel", "Himbeer-Marmelade"); folded stems, a word starting with one counts
VARIETY_STEMS = frozenset((
    "pfirsich", "himbeer", "kirsch", "aprikose", "marille", "apfel", "birne", "mango",
    "maracuja", "ananas", "banane", "kokos", "orange", "mandarine", "limette", "zitrone",
    "grapefruit", "erdbeer", "heidelbeer", "blaubeer", "brombeer", "johannisbeer", "holunder",
    "rhabarber", "pflaume", "zwetschge", "feige", "melone", "vanille", "karamell", "schoko",
    "mandel", "minze", "pfefferminz", "menthol", "ingwer", "zimt", "lavendel", "kamille",
    "aloe", "kraeuter", "chili", "paprika", "mohn", "peach", "raspberr", "strawberr", "cherr",
    "lemon", "vanilla", "mint", "coconut",
))  # fmt: skip
# Who a product is made for: said as "für Erwachsene" or in a compound ("Kinderzahnpasta")
_GROUPS = {
    "kinder": "kinder", "kind": "kinder", "kids": "kinder", "children": "kinder",
    "baby": "baby", "babys": "baby", "babies": "baby", "erwachsene": "erwachsene",
    "erwachsenen": "erwachsene", "adults": "erwachsene", "adult": "erwachsene",
    "herren": "maenner", "maenner": "maenner", "men": "maenner", "damen": "frauen",
    "frauen": "frauen", "women": "frauen",
}  # fmt: skip
_FOR = frozenset(("fuer", "for"))
# Between a product word and its variety: "Eistee mit Pfirsichgeschmack", "Duschgel in Lavendel"
_LINKS = frozenset(("mit", "in", "sorte", "geschmack", "duft", "with", "flavour", "flavor"))
_OWN_WORD = 80  # partial similarity (0-100) of a qualifier to the product's own words
_LINKING = ("s", "n", "en", "e")  # "Erwachsenen|zahnpasta", "Sonne|n|creme"


def product_words(row: Mapping[str, str], brand: str = "") -> str:
    """The words a product is known by, folded: names and aliases (squeezed and as said), its
    category and its ingredients ("erdbeerfruchtaufstrich erdbeer … brotaufstrich erdbeeren …")."""
    names = [row.get("name", ""), *str(row.get("aliases", "")).split("|")]
    said = " ".join(strip_punctuation(fold(n)) for n in names if n)
    squeezed = " ".join(strip_punctuation(fold(n)).replace(" ", "") for n in names if n)
    rest = strip_punctuation(fold(f"{row.get('category', '')} {row.get('ingredients', '')}"))
    text = f"{said} {squeezed} {rest}"
    for word in fold(brand).split():
        text = text.replace(word, " ")
    return " ".join(text.split())


def compound_of_another_kind(heard: str, names: list[str], own: str) -> bool:
    """ "himbeermarmelade" (one word heard) ending in our name "marmelade" whose first part
    ("himbeer") is no word of the product: another kind. "tiefkuehlbrezeln" (the category
    "Tiefkühl") and "haselnusscreme" (the ingredient "Haselnüsse") stay ours."""
    word = heard.replace(" ", "")
    if " " in heard.strip() or word in names:
        return False
    tails = [n for n in names if len(n) >= 4 and word.endswith(n) and len(word) - len(n) >= 3]
    if not tails:
        return False
    first = word[: -len(max(tails, key=len))]
    return not _is_own(first, own)


def variety_beside(
    said: list[str], start: int, end: int, own: str, holds: bool
) -> tuple[int, int] | None:
    """A flavour or scent said beside our product's words `said[start:end]` that the product
    does not have ("eistee pfirsich", "pfirsich eistee", "eistee mit pfirsichgeschmack"): the
    first and last index of the phrase naming that kind; None for ours ("eistee zitrone") or
    when the word after is asked about as held in it (`holds`: "ist in dem müsli erdbeere
    drin")."""
    after = end + 1 if end < len(said) and said[end] in _LINKS else end
    places = [(start - 1, start - 1)] + ([] if holds else [(after, end)])
    for at, first in places:
        if 0 <= at < len(said) and _variety(said[at]) and not _is_own(said[at], own):
            return min(first, start), max(at, end - 1)
    return None


def group_beside(said: list[str], start: int, end: int, own: str) -> tuple[int, int] | None:
    """ "zahnpasta für erwachsene" where ours is for children: the first and last index of the
    phrase naming a product made for another group; None when ours names no group (the
    Handcreme "für Kinder" asks whether it suits them) or the same ("zahnpasta für mein kind")."""
    own_groups = {g for w, g in _GROUPS.items() if f" {w}" in f" {own}"}
    if not own_groups:
        return None
    for at in range(end, min(end + 4, len(said))):
        group = _GROUPS.get(said[at])
        if group is not None and _FOR & set(said[end:at]) and group not in own_groups:
            return start, at
    return None


def _variety(word: str) -> bool:
    return any(word.startswith(stem) for stem in VARIETY_STEMS)


def _is_own(part: str, own: str) -> bool:
    """A qualifier that is one of the product's own words, spelt alike ("tiefkuehl" ~
    "tiefkuehl", "hasel" in "haselnuesse")."""
    forms = {part, *(part[: -len(end)] for end in _LINKING if part.endswith(end))}
    return any(len(f) >= 3 and fuzz.partial_ratio(f, own) >= _OWN_WORD for f in forms)
