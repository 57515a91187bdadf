"""Built-in self-service answers from a tenant's data tables (customers, outages, catalog)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from voicebot.dialog.ingredient_absence import product_absence_answer
from voicebot.nlu.classifier import normalize

Row = Mapping[str, str]


@dataclass(frozen=True)
class Answer:
    """What the bot says; `offer_agent` asks "shall I put you through?" instead of moving on."""

    text: str
    offer_agent: bool = False
    unknown_product: bool = False


@dataclass(frozen=True)
class AnswerFacts:
    """What a built-in answer may use: tables of the tenant, the caller, the slots, the words."""

    customers: list[Row] = field(default_factory=list)
    outages: list[Row] = field(default_factory=list)
    catalog: list[Row] = field(default_factory=list)
    customer: Row | None = None
    slots: Mapping[str, str] = field(default_factory=dict)
    caller_lines: tuple[str, ...] = ()  # what the caller said, in call order
    now: datetime | None = None  # the call's time (local, naive); None: the clock's


def table_rows(table: object) -> list[Row]:
    """Rows of a data table whether the loader gives a list of rows or a mapping id -> row."""
    if table is None:
        return []
    if isinstance(table, Mapping):
        return [dict(row) for row in table.values()]
    if isinstance(table, Iterable):
        return [dict(row) for row in table]
    return []


def _euro(amount: str) -> str:
    value = float(amount or 0)
    return f"{value:.2f}".replace(".", ",") + " Euro"


def _when(iso: str) -> str:
    """'2026-11-24T18:00' -> '24.11. um 18:00 Uhr' (spoken German)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{moment.day}.{moment.month}. um {moment:%H:%M} Uhr"


def _past(iso: str, now: datetime | None) -> bool:
    """Whether a table's local time ('2026-11-24T18:00') lies before the call's time."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return False
    now = now or datetime.now()
    if now.tzinfo is not None:
        now = now.astimezone().replace(tzinfo=None)
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment < now


def _date(iso: str) -> str:
    try:
        day = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day}.{day.month}.{day.year}"


def outage(facts: AnswerFacts) -> Answer | None:
    """A known outage at the caller's postcode, with the expected fix time; None: none known.
    An outage of a service the customer does not have (an internet outage for a mobile-only
    contract, product "mobil") is none of theirs, nor one of another service than the caller
    reported (a TV outage does not explain "mein Internet geht nicht")."""
    postcode = (facts.customer or {}).get("postcode") or facts.slots.get("postcode")
    postcode = postcode or (_postcode_said(facts.caller_lines) if facts.customer is None else None)
    if not postcode:
        return None
    has = {p.strip() for p in str((facts.customer or {}).get("product") or "").split("+")} - {""}
    named = _services_named(facts.caller_lines)
    mobile = "mobilfunk" if "mobilfunk" in named and "internet" not in named else None
    one = next(iter(named)) if len(named) == 1 else None
    reported = mobile or facts.slots.get("service") or one
    for row in facts.outages:
        service = row.get("service", "")
        if reported and service != reported:
            continue
        if row.get("postcode") == postcode and (not has or service in has):
            service = row.get("service", "")
            fix = row.get("expected_fix", "")
            when = (
                f"Die Behebung war für den {_when(fix)} geplant und dauert leider länger."
                if _past(fix, facts.now)  # never promise a time that has gone by
                else f"Wir erwarten die Behebung am {_when(fix)}."
            )
            where = "An Ihrer Adresse" if facts.customer else f"Im Gebiet {postcode}"
            text = (
                f"{where} ist eine Störung bekannt: {row.get('message', '')}. "
                f"Betroffen ist {service_name(service)}. {when}"
            )
            for other in sorted(named - {service}):  # ("unser
                text += f" Für {service_name(other)} ist keine Störung bekannt."  # Internet
            return Answer(text, offer_agent=True)  # geht nicht und das Fernsehen auch nicht")
    return None


SERVICE_WORDS = {
    "internet": ("internet", "wlan", "dsl", "netz", "router", "glasfaser", "online"),
    "tv": ("tv", "fernsehen", "fernseher", "kabelfernsehen", "programm", "sender"),
    "telefon": ("telefon", "festnetz", "freizeichen", "telefonieren", "anrufen"),
    "mobilfunk": ("handy", "mobilfunk", "smartphone", "handynetz", "mobiltelefon"),
}


def _postcode_said(lines: Sequence[str]) -> str | None:
    """A German postcode a caller without their customer number said ("ich bin bei meiner
    Mutter in Leipzig, Postleitzahl null vier eins null neun"): five digits, the only digits
    of that turn."""
    from voicebot.dialog.words import digits_in

    said = [d for line in lines if len(d := digits_in(line, "de")) == 5]
    return said[-1] if said else None


def _services_named(lines: Sequence[str]) -> set[str]:
    """The services the caller's words name ("Internet und Fernsehen gehen nicht"); the
    "Netz" of a mobile ("mein Handy hat kein Netz") is the mobile network, not the internet."""
    words = set(normalize(" ".join(lines)).split())
    if any(t in words for t in SERVICE_WORDS["mobilfunk"]):
        words.discard("netz")
    return {s for s, terms in SERVICE_WORDS.items() if any(t in words for t in terms)}


def service_name(service: str) -> str:
    names = {"internet": "das Internet", "tv": "das Fernsehen", "telefon": "das Telefon",
             "mobilfunk": "das Mobilfunknetz"}  # fmt: skip
    return names.get(service, service)


def balance(facts: AnswerFacts) -> Answer | None:
    """The open balance of the identified customer; None when nobody is identified."""
    if facts.customer is None:
        return None
    due = float(facts.customer.get("balance_due_eur") or 0)
    if due <= 0:
        return Answer("Auf Ihrem Kundenkonto ist derzeit kein Betrag offen.", offer_agent=True)
    amount = _euro(facts.customer["balance_due_eur"])
    return Answer(f"Auf Ihrem Kundenkonto sind derzeit {amount} offen.", offer_agent=True)


def contract_end(facts: AnswerFacts) -> Answer | None:
    """The contract end date of the identified customer; a person is offered instead of put
    through when the caller only asked ("Wann endet mein Vertrag?", not "ich will kündigen")."""
    from voicebot.dialog.question_words import is_question
    from voicebot.dialog.words import wants_something

    if facts.customer is None or not facts.customer.get("contract_end"):
        return None
    asked = any(
        (is_question(line) and _ABOUT_THE_TERM.search(normalize(line)))
        or _ASKS_THE_TERM.search(normalize(line))
        for line in facts.caller_lines
    )  # ("Wie kündige ich?" is a wish; "bis wann läuft mein vertrag" asks without a "?")
    wanted = any(
        wants_something(_ONLY_TO_KNOW.sub(" ", normalize(line))) or _CANCELS.search(normalize(line))
        for line in facts.caller_lines
    )  # ("Wie kündige ich …, und wann …?"; not "nicht kündigen, nur wissen", nor "ich möchte
    # wissen, wann mein Vertrag endet": a wish to know is a question)
    end = str(facts.customer["contract_end"])
    runs = "lief" if _past(f"{end}T23:59", facts.now) else "läuft"  # (a date gone by: "lief")
    text = f"Ihr Vertrag {runs} bis zum {_date(end)}."
    return Answer(text, offer_agent=asked and not wanted)


# A question about the contract's term ("Wann endet mein Vertrag?", "Wie lange bin ich noch
# gebunden?"), not about how to cancel
_ABOUT_THE_TERM = re.compile(
    r"\b(?:wann|wie lange?|bis wann|laufzeit|vertragsende|endet|gebunden|frist|when|how long|"
    r"until when|end date|ends)\b"
)
# The same asked anywhere in the turn, which Whisper often writes without a "?" ("na gut dann
# äh wann läuft mein vertrag aus", "ich wollt nur wissen wie lang mein vertrag noch läuft")
_ASKS_THE_TERM = re.compile(
    r"\b(?:bis wann|wann|wie lange?)\b(?: \w+){0,8} (?:laeuft|endet|ende|gebunden|aus|frist)\b|"
    r"\b(?:until when|when|how long)\b(?: \w+){0,8} (?:runs?|ends?|tied|bound)\b"
)
# A wish only to know ("ich möchte wissen", "ich wollte mal fragen"): no wish for the concern
_ONLY_TO_KNOW = re.compile(
    r"\b(?:ich|wir) (?:moechte|moechten|will|wollen|wuerde gerne?|wollte|wollten)"
    r"(?: (?:nur|gerne?|mal|bloss|eigentlich))* (?:wissen|erfahren|fragen|nachfragen)\b|"
    r"\b(?:ich|wir) (?:moechte|moechten|will|wollen|wuerde|wuerden) (?:\w+ ){0,2}"
    r"(?:nicht|gar nicht) (?:\w+ )?kuendigen\b"  # ("ich will (meinen Vertrag) nicht kündigen,
    # ich will nur wissen …")
)
# Cancelling said as wanted: "kündigen", "Kündigung", not "nicht kündigen, nur wissen"
_CANCELS = re.compile(r"(?<!nicht )(?<!keine )(?<!kein )\bkuendig")


def find_product(catalog: list[Row], named: str) -> Row | None:
    """The catalog row whose id, name or alias is `named` (exact after normalising)."""
    wanted = normalize(named)
    for row in catalog:
        names = [row.get("product_id", ""), row.get("name", "")]
        names += (row.get("aliases") or "").split("|")
        if wanted in {normalize(name) for name in names if name}:
            return row
    return None


# spoken allergen -> words that reveal it in the catalog's allergen/ingredient texts
ALLERGEN_WORDS: dict[str, tuple[str, ...]] = {
    "milch": ("milch", "sahne", "butter", "emmentaler", "kaese"),
    "laktose": ("milch", "sahne", "butter", "emmentaler", "kaese"),
    "gluten": ("gluten", "weizen", "dinkel", "hafer", "gerste", "roggen"),
    "weizen": ("weizen", "dinkel", "kamut", "khorasan"),  # EU allergen list: "Weizen (wie
    # Dinkel und Khorasan-Weizen)": a wheat allergy question about the Dinkelbrot is a yes
    "nuesse": ("nuess", "nuss", "mandel"),
    "haselnuesse": ("haselnuss", "haselnuess"),
    "erdnuesse": ("erdnuss", "erdnuess"),
    "eier": ("eier", " ei "),
    "ei": ("eier", " ei "),
    "sesam": ("sesam",),
    "soja": ("soja",),
    "sellerie": ("sellerie",),
    "senf": ("senf",),
}
SPOKEN_ALLERGEN = {
    "milch": "Milch",
    "laktose": "Laktose",
    "gluten": "Gluten",
    "weizen": "Weizen",
    "nuesse": "Nüsse",
    "haselnuesse": "Haselnüsse",
    "erdnuesse": "Erdnüsse",
    "eier": "Eier",
    "ei": "Ei",
    "sesam": "Sesam",
    "soja": "Soja",
    "sellerie": "Sellerie",
    "senf": "Senf",
}


# "Ist die Nougatcreme glutenfrei?": the allergen asked about as "<allergen>frei", and the
# catalog column that answers it directly where there is one
FREE_OF = {
    "glutenfrei": "gluten", "laktosefrei": "laktose", "milchfrei": "milch", "nussfrei": "nuesse",
    "eifrei": "eier", "sojafrei": "soja", "sesamfrei": "sesam", "weizenfrei": "weizen",
}  # fmt: skip
FREE_COLUMNS = {"gluten": "gluten_free", "laktose": "lactose_free"}
# A condition named instead of the allergen ("ich habe Zöliakie", "mein Kind hat eine
# Nussallergie"): the allergen it is about
CONDITIONS = {
    "zoeliakie": "gluten", "glutenunvertraeglichkeit": "gluten", "glutenallergie": "gluten",
    "laktoseintoleranz": "laktose", "laktoseunvertraeglichkeit": "laktose",
    "milchallergie": "milch", "milcheiweissallergie": "milch", "nussallergie": "nuesse",
    "haselnussallergie": "haselnuesse", "erdnussallergie": "erdnuesse",
    "weizenallergie": "weizen", "eierallergie": "eier", "eiallergie": "eier",
    "sojaallergie": "soja", "sesamallergie": "sesam", "selleriallergie": "sellerie",
}  # fmt: skip


def _allergens_named(text: str, most: int = 3) -> list[tuple[str, str | None]]:
    """Every allergen one question names, in the order said, as (allergen, "-frei" form or
    None): "glutenfrei, und sind Erdnüsse drin" -> [("gluten", "glutenfrei"), ("erdnuesse",
    None)]. A nut named covers nuts in general only when no particular one is."""
    words = f" {normalize(text)} "
    found: dict[str, tuple[int, str | None]] = {}
    for form, key in FREE_OF.items():
        if (m := re.search(rf"\b{form}\b", words)) and key not in found:
            found[key] = (m.start(), form)
    for condition, key in CONDITIONS.items():
        if (m := re.search(rf"\b{condition}\b", words)) and key not in found:
            found[key] = (m.start(), None)
    for said, key in [*((k, k) for k in ALLERGEN_WORDS), *SPELLINGS.items()]:
        key = SPELLINGS.get(key, key)  # one allergen, however said ("Ei", "Eier")
        ending = r"\w{0,2}" if len(said) >= 4 else ""  # "Erdnüssen", "Haselnuss"
        if (m := re.search(rf"\b{said}{ending}\b", words)) and key not in found:
            found[key] = (m.start(), None)
    if "nuesse" in found and {"haselnuesse", "erdnuesse"} & set(found):
        del found["nuesse"]  # ("Haselnüsse" holds "nüsse")
    if "laktose" in found and "milch" in found:
        del found["milch"]
    ordered = sorted(found.items(), key=lambda kv: kv[1][0])
    return [(key, form) for key, (_, form) in ordered][:most]


def asked_allergen(facts: AnswerFacts) -> tuple[str, str | None] | None:
    """The allergen asked about and, for "ist die Nougatcreme glutenfrei?", the "-frei" form:
    from the caller's latest words that name one ("ist Milch drin?" - "Welches Produkt?" - "die
    Nougatcreme" still asks about milk), else the allergen slot; None: none named."""
    named = facts.slots.get("allergen")
    row = find_product(facts.catalog, str(facts.slots.get("product") or ""))
    for text in [*reversed(facts.caller_lines), named or ""]:
        words = f" {without_own_names(text, row)} "  # ("ist die Hafer Milch viel an")
        for form, key in FREE_OF.items():
            if re.search(rf"\b{form}\b", words):
                return key, form
        for condition, key in CONDITIONS.items():
            if re.search(rf"\b{condition}\b", words):
                return key, None
        for key in ALLERGEN_WORDS:
            if re.search(rf"\b{key}\b", words):
                return key, None
        for spelling, key in SPELLINGS.items():  # "und Haselnuss?"
            if re.search(rf"\b{spelling}\b", words):
                return key, None
        if _names_something(text, facts.catalog):
            return None  # "und Zwiebeln?" after "Ist da Sellerie drin?": not the celery again
    return None


# Allergens said in the singular ("Haselnuss") or another spelling
SPELLINGS = {"haselnuss": "haselnuesse", "erdnuss": "erdnuesse", "nuss": "nuesse", "ei": "eier"}


def _names_of(row: Row) -> str:
    """A product's name and aliases, normalized ("sonnhof nuss nougat creme nougatcreme …")."""
    return normalize(f"{row.get('name', '')} {str(row.get('aliases', '')).replace('|', ' ')}")


def _names_something(text: str, catalog: Sequence[Row]) -> bool:
    """The words name something besides the product ("und Zwiebeln?"), not only a product
    ("die Nougatcreme", said after "Welches Produkt?")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    names = " ".join(_names_of(row) for row in catalog)
    return any(
        len(w) >= 4 and w not in FUNCTION_WORDS and w not in _ABOUT_CONTENTS and w not in names
        for w in normalize(text).split()
    )


# Words that hold an allergen term but are no such allergen ("Kakaobutter", "Shea Butter" and
# "Kokosmilch" hold no milk), removed before the terms are looked for.
NOT_THE_ALLERGEN = {
    "milch": ("kakaobutter", "shea butter", "sheabutter", "erdnussbutter", "kokosmilch",
              "hafermilch", "mandelmilch", "sojamilch", "reismilch", "kokosnussmilch"),
}  # fmt: skip
NOT_THE_ALLERGEN["laktose"] = NOT_THE_ALLERGEN["milch"]
# A particular nut is covered by what the catalog says of nuts in general ("kann Spuren von
# Nüssen enthalten" answers "Sind Haselnüsse drin?"); peanuts are legumes, not nuts.
GENERAL_KIND = {"haselnuesse": "nuesse"}


def _contains(row: Row, key: str) -> str:
    """'yes' (an ingredient), 'traces' or 'no', from the catalog's allergen/ingredient texts."""
    # padded like the terms: " ei " is a whole word ("weizen" and "keine" hold no egg)
    entries = [_text(entry, key) for entry in (row.get("allergens") or "").split("|")]
    ingredients = _text(row.get("ingredients", ""), key)
    terms = ALLERGEN_WORDS[key]
    contains = [e for e in entries if "spuren" not in e and any(t in e for t in terms)]
    if contains or any(term in ingredients for term in terms):
        return "yes"
    if any("spuren" in e and any(t in e for t in terms) for e in entries):
        return "traces"
    general = GENERAL_KIND.get(key)
    if general is not None and _contains(row, general) != "no":
        return "traces"  # nuts in general: this one may be among them
    return "no"


def _text(text: str, key: str) -> str:
    """A catalog text as the allergen terms are looked for in it: normalised, padded, without
    the words that only look like the allergen."""
    padded = f" {normalize(text)} "
    for lookalike in NOT_THE_ALLERGEN.get(key, ()):
        padded = padded.replace(lookalike, " ")
    return padded


# "kein" declined for each allergen's gender and number ("keine Milch", "keinen Senf")
NONE_OF = {
    "milch": "keine", "laktose": "keine", "nuesse": "keine", "haselnuesse": "keine",
    "erdnuesse": "keine", "eier": "keine", "weizen": "keinen", "sesam": "keinen",
    "sellerie": "keinen", "senf": "keinen",
}  # fmt: skip


def _traces_answer(row: Row, key: str) -> str:
    none = NONE_OF.get(key, "kein")
    return (
        f"{row['name']} enthält {none} {SPOKEN_ALLERGEN[key]} als Zutat, kann aber Spuren "
        "davon enthalten."
    )


def _allergen_answer(row: Row, key: str) -> str:
    name, spoken, none = row["name"], SPOKEN_ALLERGEN[key], NONE_OF.get(key, "kein")
    found = _contains(row, key)  # said as a statement, no "Ja"/"Nein": the question may have
    if found == "yes":  # been "kann ich sie essen?" ("Ja, … enthält Milch")
        return f"{name} enthält {spoken}."
    if found == "traces":
        return _traces_answer(row, key)
    return _nut_fat_caution(row, key) or f"{name} enthält {none} {spoken}."


# Fats and oils pressed from nuts that the allergen lists do not count as nuts ("Shea
# Butter"): a nut question about a product holding one is never a plain "nussfrei"
NUT_FATS = {"shea": "der Nuss des Sheabaums", "argan": "der Nuss des Arganbaums",
            "macadamia": "Macadamianüssen", "kokos": "der Kokosnuss"}  # fmt: skip
_NUT_KEYS = frozenset(("nuesse", "haselnuesse", "erdnuesse"))


def _nut_fat_caution(row: Row, key: str) -> str | None:
    """ "Ist die Handcreme nussfrei?": no nut among the allergens, but Shea Butter in it, from
    the shea nut: said so, with no promise that it suits a nut allergy; None: no such fat."""
    if key not in _NUT_KEYS:
        return None
    ingredients = [i.strip() for i in _INGREDIENT_SPLIT.split(row.get("ingredients", ""))]
    for item in ingredients:
        origin = next((o for stem, o in NUT_FATS.items() if normalize(item).startswith(stem)), None)
        if origin is not None:
            return (
                f"Für {row['name']} sind keine Nüsse als Allergen angegeben, es enthält aber "
                f"{item}, ein Fett aus {origin}. Ob es bei einer Nussallergie verträglich ist, "
                "kann ich nicht sagen; bitte fragen Sie Ihren Arzt."
            )
    return None


def _free_of_answer(row: Row, form: str, key: str) -> str:
    """'Ja, X ist glutenfrei.' from the catalog's column where it has one, else the texts."""
    name, spoken = row["name"], SPOKEN_ALLERGEN[key]
    column = str(row.get(FREE_COLUMNS.get(key, ""), "") or "").strip().lower()
    found = {"ja": "no", "nein": "yes"}.get(column) or _contains(row, key)
    if found == "yes":
        return f"Nein, {name} ist nicht {form}: es enthält {spoken}."
    if found == "traces":
        return _traces_answer(row, key)
    return _nut_fat_caution(row, key) or f"Ja, {name} ist {form}."


def _product_answer(render: Callable[[Row, AnswerFacts], str]) -> Callable[..., Answer | None]:
    def answer(facts: AnswerFacts) -> Answer | None:
        named = facts.slots.get("product")
        if not named:
            return None
        row = find_product(facts.catalog, named)
        if row is None:
            return Answer("", unknown_product=True)
        return Answer(render(row, facts))

    return answer


def _ingredients(row: Row, facts: AnswerFacts) -> str:
    absent = product_absence_answer(row, _last_line(facts), facts.catalog)
    if absent is not None:  # "Ist die Hafermilch ohne Zucker?": "Laut Zutatenliste ist …
        return absent  # ohne zugesetzten Zucker." (not only the list)
    return f"{row['name']} enthält: {row['ingredients']}."


def _allergens(row: Row, facts: AnswerFacts) -> str:
    several = _allergens_named(_latest_words(facts, row))
    if len(several) > 1:  # "Ist die Nougatcreme glutenfrei, und sind Erdnüsse drin?": each
        said = " ".join(
            _free_of_answer(row, form, key) if form else _allergen_answer(row, key)
            for key, form in several
        )
        return _with_ingredients_named(row, facts, said)
    asked = asked_allergen(facts)
    if asked is not None and asked[1] is not None:
        return _with_ingredients_named(row, facts, _free_of_answer(row, asked[1], asked[0]))
    if asked is not None:
        return _with_ingredients_named(row, facts, _allergen_answer(row, asked[0]))
    listed = (row.get("allergens") or "keine").replace("|", ", ")
    absent = product_absence_answer(row, _last_line(facts), facts.catalog)
    if absent is not None:  # "gibt es die Hafermilch auch ohne Zucker"
        return f"{absent} Allergene: {listed}."
    other = _other_ingredient_asked(row, facts)
    if other is not None:  # "Ist in der Tomatensauce Knoblauch?": no allergen, an ingredient
        found, word = other
        word = word[:1].upper() + word[1:]  # (a noun: "zucker" as Whisper may write it)
        without = rf"\b(?:ohne|frei von)\s+(?:\w+\s+)?{re.escape(normalize(word))}\b"
        if found and re.search(without, normalize(_last_line(facts))):
            return f"Nein, {row['name']} enthält {word}. Allergene: {listed}."  # "Gibt es den
        if found:  # Eistee auch ohne Zucker?" was "Ja, … enthält Zucker."
            return f"Ja, {row['name']} enthält {word}. Allergene: {listed}."
        return f"{row['name']} enthält: {row['ingredients']}. Allergene: {listed}."
    return f"Allergene in {row['name']}: {listed}."


def _with_ingredients_named(row: Row, facts: AnswerFacts, said: str) -> str:
    """An allergen answer with the other ingredients the same question names: "keine Nüsse
    und keine Kerne, ist das Dinkelbrot okay?" is not answered by "enthält keine Nüsse" alone
    ("Außerdem enthält es Sonnenblumenkerne.")."""
    named = _ingredients_named(row, facts.caller_lines[-1] if facts.caller_lines else "")
    named = [item for item in named if normalize(item) not in normalize(said)]
    if not named:
        return said
    return f"{said} Außerdem enthält es {_listed(named)}."


def _ingredients_named(row: Row, text: str) -> list[str]:
    """The ingredients (as the catalog writes them) that words of the text name, allergens and
    the product's own names left out: "Kerne" and "Sonnenblumenkerne" -> "Sonnenblumenkerne",
    "Zucker" -> "Zucker"."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    own = set(_names_of(row).split())
    items = [i for i in (_INGREDIENT_SPLIT.split(row.get("ingredients", ""))) if i.strip()]
    found: list[str] = []
    for word in normalize(text).split():
        if len(word) < 4 or word in FUNCTION_WORDS or word in _ABOUT_CONTENTS or word in own:
            continue
        if _allergens_named(word) or word.endswith("frei") or any(o in word for o in own):
            continue
        for item in items:
            name = _PERCENT.sub("", item).strip()
            if any(_names_the_word(word, w) for w in normalize(name).split()) and name not in found:
                found.append(name)
    return found


def _names_the_word(said: str, ingredient: str) -> bool:
    """ "kerne" names "sonnenblumenkerne" (a compound's end), "zucker" "zucker", "oliven"
    "olivenoel" (its start)."""
    ends_with_it = re.search(rf"{re.escape(said)}\w{{0,2}}$", ingredient)
    return ingredient.startswith(said) or bool(ends_with_it)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} und {items[-1]}"


_INGREDIENT_SPLIT = re.compile(r"[,()]")
_PERCENT = re.compile(r"\s*\d+(?:[.,]\d+)?\s*%")


_ABOUT_CONTENTS = frozenset((
    "allergene", "allergen", "allergie", "allergisch", "drin", "drinnen", "enthalten", "enthaelt",
    "inhaltsstoffe", "zutaten", "zutat", "spuren", "stoffe", "welche", "sind", "eigentlich",
))  # fmt: skip


def _other_ingredient_asked(row: Row, facts: AnswerFacts) -> tuple[bool, str] | None:
    """A word of the caller's latest question that is no allergen, no name of the product and
    no question word ("Knoblauch"): (whether the ingredients hold it, the word); None: none."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    if not facts.caller_lines:
        return None
    own = set(_names_of(row).split())
    contents = normalize(row.get("ingredients", ""))
    for word in facts.caller_lines[-1].split():
        folded = normalize(word)
        if len(folded) < 4 or folded in FUNCTION_WORDS or folded in _ABOUT_CONTENTS:
            continue
        if folded in own or any(folded in n or n in folded for n in own if len(n) >= 4):
            continue
        said = word.strip("?!.,;:")
        held = re.search(rf"\b{re.escape(folded)}", contents)
        without = re.search(rf"\bohne\s+(?:\w+\s+)?{re.escape(folded)}", contents)
        return bool(held) and not without, said  # "ohne Parfum" holds none
    return None


def _yes_no(column: str, yes: str, no: str) -> Callable[[Row, AnswerFacts], str]:
    def render(row: Row, facts: AnswerFacts) -> str:
        holds = normalize(row.get(column, "")) == "ja"
        text = (yes if holds else no).format(name=row["name"])
        if column == "palm_oil" and _WITHOUT.search(normalize(_last_line(facts))):
            text = _turned(text)  # "Ist die Nougatcreme ohne Palmöl?" - "Ja, … enthält kein
        return text  # Palmöl." (not "Nein, …")

    return render


_WITHOUT = re.compile(r"\b(?:ohne|frei von|palmoelfrei|palmfrei|without|free of|palm oil free)\b")


def _last_line(facts: AnswerFacts) -> str:
    return facts.caller_lines[-1] if facts.caller_lines else ""


def _turned(text: str) -> str:
    """The yes and the no of an answer swapped, for a question asked the other way round."""
    for said, instead in (
        ("Ja, ", "Nein, "),
        ("Nein, ", "Ja, "),
        ("Yes, ", "No, "),
        ("No, ", "Yes, "),
    ):
        if text.startswith(said):
            return instead + text[len(said) :]
    return text


def _storage(row: Row, facts: AnswerFacts) -> str:
    return f"{row['name']}: Lagerung {row['storage']}. Nach dem Öffnen: {row['after_opening']}."


def _price(row: Row, facts: AnswerFacts) -> str:
    return f"{row['name']} kostet {_euro(row['price_eur'])}, unverbindliche Preisempfehlung."


# What else one product question asks about ("Ist die Tomatensauce vegan und glutenfrei?")
_ASKED_TOO = {
    "product_vegan": re.compile(r"\bvegan\w*"),
    "product_palm_oil": re.compile(r"\bpalm"),
    "product_price": re.compile(r"\b(?:kostet|kosten|preis|teuer|cost|costs|price)\b"),
}


def also_asked(facts: AnswerFacts, served: str) -> list[str]:
    """The other product answers the caller's latest question asks for besides `served`
    (built-in names, in a fixed order): its words name them ("vegan", "Palmöl", an allergen,
    the price), the product's own name left out ("Nuss-Nougat-Creme" names no nuts)."""
    row = find_product(facts.catalog, str(facts.slots.get("product") or ""))
    words = _latest_words(facts, row)
    named = [name for name, pattern in _ASKED_TOO.items() if pattern.search(words)]
    if _allergens_named(words):
        named.append("product_allergens")
    return [name for name in named if name != served]


def _latest_words(facts: AnswerFacts, row: Row | None) -> str:
    """The caller's latest words, normalized, without the product's own names."""
    return without_own_names(facts.caller_lines[-1] if facts.caller_lines else "", row)


def without_own_names(text: str, row: Row | None) -> str:
    """The words normalized, without the product's own names, also where the recogniser split
    one in two ("Hafer Milch" names no milk)."""
    own = set(_names_of(row).split()) if row is not None else set()
    words = normalize(text).split()
    kept: list[str] = []
    skip = False
    for word, after in zip(words, [*words[1:], ""], strict=False):
        if skip:
            skip = False
        elif after and word + after in own:
            skip = True
        elif word not in own:
            kept.append(word)
    return " ".join(kept)


BUILTIN_ANSWERS: dict[str, Callable[[AnswerFacts], Answer | None]] = {
    "outage": outage,
    "balance": balance,
    "contract_end": contract_end,
    "product_ingredients": _product_answer(_ingredients),
    "product_allergens": _product_answer(_allergens),
    "product_vegan": _product_answer(
        _yes_no("vegan", "Ja, {name} ist vegan.", "Nein, {name} ist nicht vegan.")
    ),
    "product_palm_oil": _product_answer(
        _yes_no("palm_oil", "Ja, {name} enthält Palmöl.", "Nein, {name} enthält kein Palmöl.")
    ),
    "product_storage": _product_answer(_storage),
    "product_price": _product_answer(_price),
}
PRODUCT_BUILTINS = frozenset(name for name in BUILTIN_ANSWERS if name.startswith("product_"))
CUSTOMER_BUILTINS = frozenset({"outage", "balance", "contract_end"})
