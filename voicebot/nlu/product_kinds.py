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

from collections.abc import Callable, Mapping

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
    return not is_own(first, own)


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
        if 0 <= at < len(said) and _variety(said[at]) and not is_own(said[at], own):
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


def is_own(part: str, own: str) -> bool:
    """A qualifier that is one of the product's own words, spelt alike ("tiefkuehl" ~
    "tiefkuehl", "hasel" in "haselnuesse")."""
    forms = {part, *(part[: -len(end)] for end in _LINKING if part.endswith(end))}
    return any(len(f) >= 3 and fuzz.partial_ratio(f, own) >= _OWN_WORD for f in forms)


def is_bare_generic(heard: str, names: list[str]) -> bool:
    """Our product named only by its generic word, the shortest end of its names: "Sauce" (of
    "Tomatensauce"), "Creme" (of "Handcreme"), "Drink", "Tee"; not "Handcreme" (which already
    qualifies "Creme") nor "Nougatcreme"-like names that end no other name of ours."""
    word = heard.replace(" ", "")
    if " " in heard.strip() or len(word) < 3:
        return False
    ends_a_name = any(n != word and n.endswith(word) for n in names)
    qualified = any(n != word and len(n) >= 4 and word.endswith(n) for n in names)
    return ends_a_name and not qualified


def qualifier_after(
    said: list[str], start: int, end: int, ordinary: Callable[[str], bool]
) -> tuple[int, int] | None:
    """A word right after our bare generic word that names another product: "Sauce
    Hollandaise", "was kostet die Sauce Bolognese", "Creme fraîche laktosefrei" (first and
    last index of the phrase); None for an ordinary word ("die Sauce vegan?"), a property
    ("die Creme parfümfrei") or the word asked about ("ist die Sauce scharf?")."""
    if end >= len(said):
        return None
    word = said[end]
    if ordinary(word) or word.endswith(_PROPERTY_ENDINGS) or word.endswith(_VERB_ENDINGS):
        return None  # ("die Spätzle schmecken nach Seife", "die Creme riecht komisch")
    return None if _asked_as_property(said, start, end) else (start, end)


def qualifier_before(
    said: list[str], start: int, end: int, ordinary: Callable[[str], bool]
) -> tuple[int, int] | None:
    """A name between an article and our product's words: another maker's product or another
    kind ("die Alnatura Hafermilch", "der Kakao Drink", "ne Oatly Hafermilch"); None for an
    adjective ("die leckere Nougatcreme", "der offene Haferdrink") or an ordinary word."""
    at = start - 1
    if at < 1 or said[at - 1] not in _ARTICLES:
        return None
    word = said[at]
    if ordinary(word) or word.endswith(_ADJECTIVE_ENDINGS) or word.endswith(_PROPERTY_ENDINGS):
        return None
    return at, end - 1


def maker_named(
    said: list[str], start: int, end: int, ordinary: Callable[[str], bool]
) -> tuple[int, int] | None:
    """Another maker named after our product's words: "die Hafermilch von Alnatura", "der
    Haferdrink von Oatly" (first and last index of the phrase); None for us, a time, a person
    or a shop it was bought in ("von Ihnen", "von letzter Woche", "von meiner Mutter", "vom
    Aldi")."""
    if end + 1 >= len(said) or said[end] not in _FROM:
        return None
    maker = said[end + 1]
    if ordinary(maker) or maker in _NO_MAKER or maker.isdigit():
        return None
    return start, end + 1


def _asked_as_property(said: list[str], start: int, at: int) -> bool:
    """ "ist die Sauce scharf", "sind die Brezeln knusprig oder": the word after the product
    ends the clause of a yes/no question ("ist"/"sind" + article + product), so it is what is
    asked, not a name."""
    clause_ends = at + 1 >= len(said) or said[at + 1] in _CLAUSE_LINKS
    return clause_ends and start >= 2 and said[start - 2] in _COPULA_OPENERS


_ARTICLES = frozenset((
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "ne",
    "nen", "nem", "ner", "the", "a", "an",
))  # fmt: skip
# Endings of adjectives before a noun ("leckere", "offenen", "neuer") and of properties asked
# about ("parfümfrei", "fettarm", "glutenhaltig", "wasserfest", "cremig")
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_PROPERTY_ENDINGS = (
    "frei", "los", "haltig", "arm", "reich", "fest", "ig", "lich", "isch", "bar", "free",
)  # fmt: skip
# Endings of verbs said after a product ("schmecken", "riecht", "klebte")
_VERB_ENDINGS = ("en", "t", "te", "ten", "st")
_FROM = frozenset(("von", "vom", "from", "by"))
# After "von": no maker (a time, a shop the product was bought in, a person)
_NO_MAKER = frozenset((
    "letzter", "letzte", "letzten", "gestern", "heute", "vorgestern", "neulich", "damals",
    "sonnhof", "aldi", "lidl", "rewe", "edeka", "penny", "netto", "kaufland", "norma", "real",
    "globus", "tegut", "dm", "rossmann", "mueller", "amazon", "oma", "opa", "mama", "papa",
    "mutter", "vater", "nachbarin", "nachbar", "freundin", "freund", "zuhause", "hier", "dort",
))  # fmt: skip
_CLAUSE_LINKS = frozenset(("und", "oder", "aber", "or", "and", "but"))
_COPULA_OPENERS = frozenset(("ist", "sind", "is", "are", "war", "waren"))
