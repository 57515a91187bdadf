"""A question over the whole catalog rather than one product ("Welche Ihrer Produkte enthalten
Palmöl?", "Was habt ihr alles an veganen Sachen?"): answered from the catalog's yes/no fields,
naming each product that has it, instead of "Um welches Sonnhof-Produkt geht es?".
"""

from __future__ import annotations

import re

from voicebot.dialog.ingredient_absence import catalog_absence_answer
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.unlisted_property import unlisted_properties
from voicebot.dialog.words import fold

# "welche Ihrer Produkte …", "was habt ihr alles an veganen Sachen", "gibt es bei Ihnen
# glutenfreie Produkte": the range, not one product
_RANGE = re.compile(
    r"\b(?:welche (?:\w+ ){0,3}(?:produkte\w*|sachen|artikel)|welche (?:von )?(?:ihren|euren|"
    r"ihrer|eurer)|(?:habt ihr|haben sie|gibt es) (?:\w+ ){0,4}(?:produkte|sachen|artikel)|"
    r"was (?:habt ihr|haben sie|gibt es) (?:\w+ ){0,2}(?:an|fuer) |"
    # "welche sind bei Ihnen zuckerfrei", "gibt es bei Ihnen was ohne Zucker"
    r"welche (?:\w+ ){0,2}?(?:sind|haben|enthalten)\b|(?:habt ihr|haben sie|gibt es) (?:bei "
    r"(?:ihnen|euch) )?(?:auch )?(?:was|etwas|irgendwas|welche)\b|"
    # "ich suche was ohne Milch für mein Kind, was können Sie empfehlen"
    r"(?:ich suche|wir suchen|suche) (?:\w+ )?(?:was|etwas|irgendwas|produkte|sachen)\b|"
    r"was (?:koennen|koennten|wuerden) sie (?:\w+ )?empfehlen|"
    # "sind alle Ihre Produkte vegan", "ist irgendeins von Ihren Produkten glutenfrei",
    # "sind eure Sachen alle laktosefrei": every one or any one of the range
    r"(?:irgendwas|irgendetwas|etwas|was) (?:von|bei) (?:ihnen|euch)\b|"
    r"(?:alle|irgendein\w*|eins|keins|manche|einige) (?:\w+ ){0,2}(?:ihre|eure|ihrer|eurer|"
    r"ihren|euren) (?:\w+ )?(?:produkt\w*|sachen|artikel)|(?:ihre|eure) (?:\w+ )?(?:produkte|"
    r"sachen|artikel) (?:\w+ ){0,2}alle\b|(?:ihr|euer|im) sortiment)"
)
# (catalog field, words asking for it, the answer's opening for one product and for more,
# food only)
_FIELDS: tuple[tuple[str, re.Pattern[str], str, str, bool], ...] = (
    ("palm_oil", re.compile(r"\bpalm\w*"), "Palmöl enthält", "Palmöl enthalten", False),
    ("vegan", re.compile(r"\bvegan\w*"), "Vegan ist", "Vegan sind", False),
    ("gluten_free", re.compile(r"\b(?:glutenfrei\w*|gluten frei\w*|(?:ohne|kein|keine|keinen) "
                               r"gluten)\b"), "Glutenfrei ist", "Glutenfrei sind", True),
    ("lactose_free", re.compile(r"\b(?:laktosefrei\w*|lactosefrei\w*|laktose frei\w*|"
                                r"(?:ohne|kein|keine|keinen) laktose)\b"),
     "Laktosefrei ist", "Laktosefrei sind", True),
)  # fmt: skip
_FOOD_ONLY_SKIPPED = frozenset(("kosmetik",))


def catalog_wide_answer(tenant: TenantView, text: str, last_answer: str = "") -> str | None:
    """The answer to a question over the catalog ("Palmöl enthält von unseren Produkten nur
    Schokomüsli."), or None when the words ask about one product or none of the fields; right
    after such an answer a short follow-up ("und vegane?") asks over the catalog too."""
    folded = fold(text)
    follows = _answered_over_catalog(last_answer) and len(folded.split()) <= 4
    if not tenant.catalog or tenant.language != "de":
        return None
    if not (_RANGE.search(folded) or follows):
        return None
    if tenant.product_in(text) is not None:
        return None
    told: list[str] = []  # each field asked ("vegan und ohne Palmöl": both)
    for field, asked, one, more, food_only in _FIELDS:
        if not asked.search(folded):
            continue
        rows = [
            r for r in tenant.catalog
            if not (food_only and fold(str(r.get("category") or "")) in _FOOD_ONLY_SKIPPED)
        ]  # fmt: skip
        having = [_spoken(r) for r in rows if fold(str(r.get(field) or "")) == "ja"]
        if not having:
            told.append(f"{one} keines unserer Produkte.")
            continue
        opening = one if len(having) == 1 else more
        listed = having[0] if len(having) == 1 else f"{', '.join(having[:-1])} und {having[-1]}"
        only = "nur " if len(having) <= len(rows) // 3 else ""
        told.append(f"{opening} von unseren Produkten {only}{listed}.")
    absent = catalog_absence_answer(tenant.catalog, text, _spoken)  # "… ohne Zucker?" (lists)
    if told or absent is not None:  # ("ohne Zucker und vegan": both)
        return " ".join([*told, *([absent] if absent else [])])
    unlisted = unlisted_properties(text, tenant.language)  # "Welche Produkte sind ohne
    if unlisted:  # Gentechnik?" ('Gentechnik ist leider keines unserer Produkte')
        return f"Angaben {unlisted[0].about} habe ich für unsere Produkte leider nicht."
    return None


def _answered_over_catalog(answer: str) -> bool:
    """The answer just given was one over the catalog."""
    opened = any(answer.startswith(f"{one} ") or answer.startswith(f"{more} ")
                 for _, _, one, more, _ in _FIELDS)  # fmt: skip
    return opened and ("von unseren Produkten" in answer or "keines unserer Produkte" in answer)


def _spoken(row: object) -> str:
    """A product as callers name it: its first alias, else its name."""
    get = getattr(row, "get", None)
    aliases = str(get("aliases") or "") if get else ""
    first = aliases.split("|")[0].strip()
    return first or (str(get("name") or "") if get else "")
