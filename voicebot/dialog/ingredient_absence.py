"""Whether a product is without an ingredient, read from its ingredient and allergen lists.

"Welche Produkte sind ohne Zucker?", "welche sind zuckerfrei", "gibt es die Hafermilch auch
ohne Zucker": the catalog has no field for it, but the lists say what is in each product. The
answer claims no more than they say: "laut Zutatenliste ohne zugesetzten Zucker" (fruit,
oats and milk hold sugars of their own that no list names), never "zuckerfrei". A word that no
list of ours holds ("Konservierungsstoffe") is not answered from the lists at all: its absence
from a list says nothing about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold

if TYPE_CHECKING:
    from voicebot.dialog.tenant_view import TenantView
    from voicebot.events import Intent

# Sugars as ingredient lists write them ("Rohrzucker", "Honig", "Glukosesirup")
_SUGARS = re.compile(
    r"\b\w*zucker\w*|\bhonig\w*|\w*sirup\b|\bdextrose|\bglu[ck]ose\w*|\bfru[ck]tose\w*|"
    r"\bsaccharose|\bmaltodextrin|\w*dicksaft"
)
# The ingredient asked to be absent ("ohne Zucker", "zuckerfrei", "frei von Hefe", "keine
# Nüsse", "nichts mit Ei")
_ABSENCE = re.compile(
    r"\b(?:ohne|frei von|kein|keine|keinen|keinerlei|nichts mit|nix mit)\s+"
    r"(?:zugesetzte\w*\s+|zusaetzliche\w*\s+|extra\s+)?(\w{2,})|\b(\w{3,}?)\s?frei(?:e|en|es|er)?\b"
    # an allergy named for a list of what one may eat ("allergisch gegen Ei", "Nussallergie")
    r"|\ballergisch (?:gegen|auf) (\w{2,})|\b(\w{2,}?)allergie\b|\b(\w{3,}?)unvertraeglichkeit\b"
)
_NOT_INGREDIENTS = frozenset((
    "problem", "ahnung", "frage", "fragen", "gluten", "laktose", "lactose", "palmoel", "palm",
    "tierische", "tierischen", "tier", "tiere", "produkte", "produkt", "sachen", "artikel", "ding",
    "bock", "lust", "zeit", "idee", "allergene", "zusatzstoffe", "bitte", "sorge", "angst",
    "vegan", "vegane", "veganen", "mehr", "weiter", "weiteren", "ahnung", "plan", "schimmer",
    "glutenfrei", "laktosefrei", "steuer", "versand", "versandkosten", "haus", "zoll",
))  # fmt: skip
_WITHOUT_IN_LIST = re.compile(r"\bohne \w+")  # "ohne Parfum" in a list holds no perfume
_FOOD = "lebensmittel"
_COSMETICS = frozenset(("kosmetik",))


def absent_word(text: str, allergy: bool = True) -> str | None:
    """The ingredient the words ask to be absent, folded ("zucker", "nuesse"), or None; an
    allergy named counts only with `allergy` (a list of what one may eat; for one product the
    allergen answer tells it)."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    for found in _ABSENCE.finditer(fold(text)):
        groups = found.groups() if allergy else found.groups()[:2]
        word = next((g for g in groups if g), None)
        if word and word not in FUNCTION_WORDS and word not in _NOT_INGREDIENTS:
            return word
    return None


def is_sugar(word: str) -> bool:
    return fold(word).startswith("zucker") or fold(word) in ("suess", "gesuesst", "gezuckert")


def holds(row: Mapping[str, object], word: str) -> bool:
    """The product's ingredient or allergen list names the ingredient (in a compound too:
    "Zucker" in "Rohrzucker", "Nüsse" in "Haselnüsse", "Spuren von Nüssen"); "ohne Parfum" in
    a list holds none."""
    contents = fold(f"{row.get('ingredients') or ''} {row.get('allergens') or ''}")
    contents = _WITHOUT_IN_LIST.sub(" ", contents)
    if is_sugar(word):
        return bool(_SUGARS.search(contents))
    stem = _stem(fold(word))
    if stem.endswith("nuss"):  # ("Haselnüsse", "Spuren von Nüssen", "Nussöl")
        return bool(re.search(rf"{re.escape(stem[:-4])}nu(?:e)?ss", contents))
    if len(stem) < 4:
        return bool(re.search(rf"\b{re.escape(stem)}(?:er|ern|gelb|weiss)?\b", contents))
    return stem in contents


def _stem(word: str) -> str:
    """A plural or inflected form cut to what a list writes in any case ("nuesse" -> "nuss",
    "eier" -> "ei", "zwiebeln" -> "zwiebel", "nuessen" -> "nuss")."""
    if word.endswith(("nuesse", "nuessen")):
        return word[: word.rindex("nuess")] + "nuss"
    if word in ("eier", "eiern", "ei"):
        return "ei"
    for ending in ("en", "n", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def said_as(text: str, word: str) -> str:
    """The caller's own word for the folded one, as a noun ("Nüsse", "Hefe")."""
    for said in re.findall(r"\w+", text):
        if fold(said) == word:
            return said[:1].upper() + said[1:]
    return word[:1].upper() + word[1:]


def catalog_absence_answer(
    catalog: Sequence[Mapping[str, object]], text: str, spoken: object
) -> str | None:
    """The products without the ingredient asked ("Welche Produkte sind ohne Zucker?"), from
    the lists, within food or cosmetics (whichever lists hold it at all); None when no word
    of absence is asked or no list of ours holds the word (nothing to tell from the lists).
    `spoken(row)` names a product as callers do."""
    word = absent_word(text)
    if word is None:
        return None
    holding = [r for r in catalog if holds(r, word)]
    if not holding:
        return None
    food = [r for r in catalog if fold(str(r.get("category") or "")) not in _COSMETICS]
    kind = "Lebensmitteln"
    if not any(r in holding for r in food):
        food = [r for r in catalog if r not in food]
        kind = "Kosmetikprodukten"
    without = [str(spoken(r)) for r in food if r not in holding]  # type: ignore[operator]
    if is_sugar(word):
        named = "ohne zugesetzten Zucker"
        caution = " Angaben zum Zuckergehalt habe ich leider nicht."
    else:
        named, caution = f"ohne {said_as(text, word)}", ""
    if not without:
        return f"Laut Zutatenliste ist keines unserer {kind[:-1]} {named}.{caution}"
    listed = without[0] if len(without) == 1 else f"{', '.join(without[:-1])} und {without[-1]}"
    are = "ist" if len(without) == 1 else "sind"
    return f"Laut Zutatenliste {named} {are} von unseren {kind}: {listed}.{caution}"


def product_absence_answer(
    row: Mapping[str, object], text: str, catalog: Sequence[Mapping[str, object]]
) -> str | None:
    """One product asked to be without an ingredient its lists do not name ("gibt es die
    Hafermilch auch ohne Zucker"): "Laut Zutatenliste ist … ohne zugesetzten Zucker." and the
    list; None when nothing is asked to be absent or the product holds it (that is said
    elsewhere: "Nein, … enthält Zucker."), or no list of ours names it ("ohne Tierversuche")."""
    word = absent_word(text, allergy=False)
    if word is None or not any(holds(r, word) for r in catalog):
        return None
    name = row.get("name")
    if holds(row, word):  # "Ist die Marmelade ohne Zucker?": "Nein, … enthält Rohrzucker."
        items = _held_items(row, word)
        held = [i for i in items if "spuren" not in fold(i)]
        if held:
            return f"Nein, {name} enthält {_listed(held)}."
        return f"Nein, laut Allergenangaben {name}: {items[0]}."  # (traces only)
    listed = f" Die Zutaten sind: {row.get('ingredients')}."
    if is_sugar(word):
        return f"Laut Zutatenliste ist {name} ohne zugesetzten Zucker.{listed}"
    return f"Laut Zutatenliste ist {name} ohne {said_as(text, word)}.{listed}"


def _held_items(row: Mapping[str, object], word: str) -> list[str]:
    """The items of the lists that name the ingredient ("Rohrzucker", "Haselnüsse"), as
    written (percentages left out; "Sodium Fluoride" without its "(500 ppm Fluorid)"; a
    compound item whole only when no item names it by itself: "Röstzwiebeln (Zwiebeln, …)";
    an allergen whole: "Sellerie (Spuren)")."""
    top = re.split(r",\s*(?![^()]*\))", str(row.get("ingredients") or ""))
    top = [re.sub(r"\s*\d+(?:[.,]\d+)?\s*%", "", item).strip() for item in top]
    allergens = [a.strip() for a in str(row.get("allergens") or "").split("|") if a.strip()]
    bare = [re.sub(r"\s*\(.*\)", "", item).strip() for item in top]
    found = [b for b in bare if b and holds({"ingredients": b}, word)]
    found = found or [i for i in top if i and holds({"ingredients": i}, word)]
    found += [a for a in allergens if holds({"allergens": a}, word)]
    return list(dict.fromkeys(found)) or [said_as("", word)]


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} und {items[-1]}"


# A field of the catalog named in the question ("ist der vegan", "ohne Palmöl"): its answer
_FIELD_WORDS = re.compile(r"\b(?:vegan\w*|vegetari\w*|palm\w*|gluten\w*|laktose\w*|lactose\w*)")


def absence_asked(tenant: TenantView, product: str | None, text: str, intent: Intent) -> Intent:
    """ "Ist die Tomatensauce ohne Zucker?" read as the vegan question (sure: it answered "Ja,
    … ist vegan"), "ist die Marmelade ohne Zucker" unsure: a product named or talked about is
    asked to be without an ingredient some list of ours names, so the allergen answer tells it
    from the lists (product_absence_answer); a field named ("vegan", "ohne Palmöl") or a
    reading that already answers from the lists stays."""
    allergens = tenant.allergen_intent()
    product = tenant.product_in(text) or product
    if allergens is None or not product or not tenant.catalog or intent.name == allergens.id:
        return intent
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and spec.answer == "builtin:product_ingredients":
        return intent
    folded = fold(text)
    if (not is_question(text) and "?" not in text) or _FIELD_WORDS.search(folded):
        return intent
    word = absent_word(text, allergy=False)
    if word is None or not any(holds(r, word) for r in tenant.catalog):
        return intent
    slots = {**intent.slots, "product": product}
    sure = max(intent.confidence, tenant.threshold)
    return replace(intent, name=allergens.id, confidence=sure, slots=slots)
