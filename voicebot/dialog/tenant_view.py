"""What the dialog reads from a loaded tenant (voicebot.nlu), in one place with safe defaults."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from voicebot.asr.expect import list_expectation
from voicebot.dialog.answers import Row, table_rows
from voicebot.dialog.prompts import Prompts
from voicebot.dialog.words import fold
from voicebot.events import Intent
from voicebot.nlu.model import AGENT_INTENTS

SURE_WITHOUT_KNOWN_WORDS = 0.9  # see TenantView.is_nonsense


@dataclass(frozen=True)
class IntentView:
    """One intent as the dialog needs it."""

    id: str
    description: str
    action: str  # selfservice | handoff
    queue: str | None
    priority: str  # normal | high
    needs: tuple[str, ...]
    answer: str | None  # a text with {slot} placeholders, or "builtin:<name>"
    confirm: str | None  # how to name it in "Geht es um …?"

    @property
    def topic(self) -> str:
        """The concern as the bot names it to the caller ("Geht es um <topic>?")."""
        return self.confirm or self.description


def _answer_of(spec: Any) -> str | None:
    if getattr(spec, "builtin_answer", None):
        return f"builtin:{spec.builtin_answer}"
    answer = getattr(spec, "answer", None)
    if answer is None:
        return None
    if isinstance(answer, Mapping):
        name = answer.get("builtin")
        return f"builtin:{name}" if name else None
    builtin = getattr(answer, "builtin", None)
    if builtin:
        return f"builtin:{builtin}"
    text = str(answer)
    return text if text else None


def intent_view(spec: Any) -> IntentView:
    return IntentView(
        id=spec.id,
        description=getattr(spec, "description", "") or spec.id,
        action=getattr(spec, "action", "handoff") or "handoff",
        queue=getattr(spec, "queue", None),
        priority=getattr(spec, "priority", "normal") or "normal",
        needs=tuple(getattr(spec, "needs", ()) or ()),
        answer=_answer_of(spec),
        confirm=getattr(spec, "confirm", None),
    )


MAX_HINTS = 40  # Whisper's hotwords share its prompt window; a long list crowds it out
# Description words that name no concern of their own (every product tenant says "Produkt").
_NUMBER_WORDS = frozenset(("kundennummer", "nummer", "kundennr"))  # said with the number
GENERIC_WORDS = frozenset(
    ("produkts", "produkten", "service", "menschen", "sprechen", "moechte", "finden", "startet")
)


class TenantView:
    """A tenant's intents, queues, prompts and tables, read once per call."""

    def __init__(self, tenant: Any, nlu: Any = None) -> None:
        self.tenant = tenant
        self.nlu = nlu  # voicebot.nlu TenantNLU: slot readers; None reads with plain rules
        self.id: str = tenant.id
        self.language: str = getattr(tenant, "language", "de") or "de"
        self.direction: str = getattr(tenant, "direction", "inbound") or "inbound"
        self.greeting: str = getattr(tenant, "greeting", "") or ""
        self.name: str = getattr(tenant, "name", "") or self.id
        self.queues: dict[str, str] = dict(getattr(tenant, "queues", {}) or {})
        self.default_queue: str = getattr(tenant, "default_queue", None) or next(
            iter(self.queues), "allgemein"
        )
        self.prompts = Prompts(self.language, getattr(tenant, "prompts", None))
        specs = getattr(tenant, "intents", {}) or {}
        self.intents: dict[str, IntentView] = {
            key: intent_view(spec) for key, spec in dict(specs).items()
        }
        nlu = getattr(tenant, "nlu", None)
        self.threshold: float = float(_field(nlu, "threshold", 0.5))
        self.customers: list[Row] = table_rows(getattr(tenant, "customers", None))
        self.outages: list[Row] = table_rows(getattr(tenant, "outages", None))
        self.catalog: list[Row] = table_rows(getattr(tenant, "catalog", None))
        self.survey: Any = getattr(tenant, "survey", None)
        self.customer_digits: int = _customer_digits(getattr(tenant, "slot_types", None))

    def examples_of(self, intent_id: str) -> list[str]:
        """The example phrases of one of the tenant's intents (none for an unknown one)."""
        spec = (getattr(self.tenant, "intents", {}) or {}).get(intent_id)
        return [getattr(e, "text", str(e)) for e in getattr(spec, "examples", ()) or ()]

    @property
    def business_hours(self) -> Any:
        """The tenant's `business_hours` (voicebot.nlu.model.BusinessHours), or None."""
        return getattr(self.tenant, "business_hours", None)

    @cached_property
    def answers_opening_hours(self) -> bool:
        """An intent of the tenant's own is about opening hours (its description or its
        "Geht es um …?" name says so, or a third of its examples ask for them: Nordwelle's
        shops), so the NLU answers such questions, not the tenant's business hours."""
        from voicebot.dialog.opening_hours import names_opening_hours

        for spec in self.intents.values():
            if names_opening_hours(spec.description) or names_opening_hours(spec.confirm or ""):
                return True
            examples = self.examples_of(spec.id)
            if examples and 3 * sum(map(names_opening_hours, examples)) >= len(examples):
                return True
        return False

    @property
    def hints(self) -> tuple[str, ...]:
        """Words recognition should expect in free answers: catalog products as callers name
        them and the words that name the tenant's concerns ("Palmöl", "vegan", "Tarif").

        Measured on the replay library (benchmarks/hints.py): these two lowered German WER in
        free turns from 0.18 to 0.14 and raised keyword recall from 72 to 84 %; adding the
        allergens as well cost intent accuracy ("Gluten" was heard as "gruten")."""
        return tuple(dict.fromkeys(self.product_hints + self.keyword_hints))[:MAX_HINTS]

    @property
    def product_hints(self) -> tuple[str, ...]:
        """Each catalog product as callers name it (its first alias)."""
        words: list[str] = []
        for row in self.catalog:
            aliases = [a.strip() for a in str(row.get("aliases", "")).split("|") if a.strip()]
            words.extend(aliases[:1])
        return tuple(words)

    @property
    def allergen_hints(self) -> tuple[str, ...]:
        """The catalog's allergens (not among `hints`: see there; kept for benchmarks/hints.py)."""
        words: list[str] = []
        for row in self.catalog:
            allergens = (a.split("(")[0].strip() for a in str(row.get("allergens", "")).split("|"))
            words.extend(a for a in allergens if a and " " not in a and a.lower() != "keine")
        return tuple(words)

    @property
    def keyword_hints(self) -> tuple[str, ...]:
        """The content words of the intents' descriptions ("Ist ein Produkt vegan" -> "vegan"),
        German inbound tenants only: English is heard well without (and harbour-bank has 77
        intents); a survey's free answer is about something else than its intents."""
        from voicebot.nlu.slots import FUNCTION_WORDS

        if self.language != "de" or self.direction != "inbound":
            return ()
        words: list[str] = []
        for spec in self.intents.values():
            for word in re.findall(r"[^\W\d_]+", spec.description):
                if len(word) >= 5 and fold(word) not in FUNCTION_WORDS | GENERIC_WORDS:
                    words.append(word)
        return tuple(dict.fromkeys(words))

    @cached_property
    def topic_words(self) -> dict[str, str]:
        """Folded nouns (capitalised words) of the intents' descriptions and "Geht es um …?"
        names that name exactly one intent ("rechnung", "neukunde", "zutaten", "lob"), to that
        intent's id (requests for a person, words that ask for one, short adjectives that open a
        description ("Neuer Vertrag") and words shared by several intents left out)."""
        from voicebot.dialog.agent_requests import asks_for_agent
        from voicebot.nlu.slots import FUNCTION_WORDS

        owners: dict[str, set[str]] = {}
        for spec in self.intents.values():
            for word in re.findall(r"[^\W\d_]+", f"{spec.description} {spec.confirm or ''}"):
                folded = fold(word)
                adjective = len(folded) <= 6 and folded.endswith(("er", "en", "es", "em"))
                if not word[:1].isupper() or len(folded) < 3 or adjective or asks_for_agent(word):
                    continue
                if folded not in FUNCTION_WORDS | GENERIC_WORDS:
                    owners.setdefault(folded, set()).add(spec.id)
        return {
            word: next(iter(ids))
            for word, ids in owners.items()
            if len(ids) == 1 and not ids & set(AGENT_INTENTS)
        }

    def names_topic(self, text: str) -> str | None:
        """The intent a turn of one or two words names by its own topic word ("Rechnung.",
        "Zutaten Duschgel", "Lob!"; a product named besides is left aside), or None."""
        from voicebot.nlu.names import without_introduction
        from voicebot.nlu.numbers import is_number_word
        from voicebot.nlu.slots import FUNCTION_WORDS

        said = fold(without_introduction(text))  # ("Meier hier, 40817287, Rechnung.")
        match = self._product_match(text)
        if match is not None:
            said = said.replace(fold(match.heard), " ")
        said = " ".join(
            w
            for w in said.split()  # ("Störung, Kundennummer vierhundertacht hundert…")
            if not is_number_word(w, self.language) and w not in _NUMBER_WORDS
        )
        words = [w for w in said.split() if w not in FUNCTION_WORDS]
        if not 1 <= len(words) <= 2 or len(said.split()) > 4:
            return None
        named = {self.topic_words.get(w) for w in words}
        return named.pop() if len(named) == 1 and None not in named else None

    @property
    def identifies(self) -> bool:
        """Whether callers are identified by customer number (the tenant has a directory)."""
        return bool(self.customers)

    def read_slot(self, name: str, text: str) -> str | None:
        """A slot from an answer to a question for it, by the tenant's slot type."""
        if self.nlu is None:
            return None
        value = self.nlu.slot(name, text)
        return None if value is None else str(value)

    def ingredients(self, product_id: str) -> str:
        """The catalog's ingredient list of one product ('' when unknown)."""
        row = self._product(product_id) if product_id else None
        return str(row.get("ingredients") or "") if row else ""

    def ingredient_intents(self) -> tuple[str, ...]:
        """The intents answering with the built-in ingredient list."""
        return tuple(
            s.id for s in self.intents.values() if s.answer == "builtin:product_ingredients"
        )

    def allergen_intent(self) -> IntentView | None:
        """The intent answering with the built-in allergen answer, if the tenant has one."""
        return next(
            (s for s in self.intents.values() if s.answer == "builtin:product_allergens"), None
        )

    def slots_for(self, intent: str, text: str) -> dict[str, str]:
        """The slots of one intent the text carries ("und Soja?": allergen soja)."""
        if self.nlu is None or intent not in self.tenant.intents:
            return {}
        found = self.nlu.slots.read_all(text, self.tenant.intents[intent], {})
        return {k: str(v) for k, v in found.items() if v is not None}

    def unknown_words(self, text: str) -> str | None:
        """Words the tenant never uses ("Leberwurst"): a product that is not ours."""
        if self.nlu is None:
            return None
        found = self.nlu.slots.unknown_words(text)
        return None if found is None else str(found)

    def classify(self, text: str, like: Intent) -> Intent:
        """The tenant's understanding of `text`, as an Intent at the time and call of `like`."""
        if self.nlu is None:
            return Intent(call_id=like.call_id, at_ms=like.at_ms, name=None, confidence=0.0)
        found: Intent = self.nlu.classify(text).to_event(like.call_id, like.at_ms)
        return found

    def concern_besides_person(self, text: str, like: Intent) -> Intent:
        """The concern said with a request for a person, the agent intents left out."""
        if self.nlu is None:
            return Intent(call_id=like.call_id, at_ms=like.at_ms, name=None, confidence=0.0)
        found: Intent = self.nlu.classify_concern(text).to_event(like.call_id, like.at_ms)
        return found

    def names_distinctly(self, text: str, intent: str) -> bool:
        """Whether the text has a content word of the intent's examples few intents use."""
        return self.nlu is not None and self.nlu.names_distinctly(text, intent)

    def shares_words(self, text: str, intent: str) -> bool:
        """Whether the text has a content word in common with the intent's examples."""
        return self.nlu is not None and self.nlu.shares_words(text, intent)

    @property
    def understands(self) -> Callable[[str], bool] | None:
        """Whether the tenant's NLU places a text (an intent, not out of scope); None without
        an NLU. Free turns it cannot place are checked against the hint words."""
        nlu = self.nlu
        if nlu is None:
            return None
        return lambda text: nlu.classify(text).intent is not None

    def unknown_product(self, text: str) -> str | None:
        """A product named that we do not sell ("Leberwurst"); None: none named, misheard, or
        an allergen, a condition, a person or the concern ("Zöliakie", "Beschwerde")."""
        from voicebot.dialog.topic_words import no_product_word
        from voicebot.dialog.unlisted_property import names_no_product

        if self.nlu is None:
            return None
        found = self.nlu.slots.unknown_product(text)
        if found is None or no_product_word(str(found)) or names_no_product(str(found)):
            return None  # ("die Nougatcreme gesund", "backen": asked about it, no product)
        return str(found)

    def product_in(self, text: str) -> str | None:
        """The catalog product the text names (its id), or None; None too for another kind
        of ours ("die Himbeermarmelade", "Eistee Pfirsich": read as a product we do not sell)."""
        from voicebot.dialog.unlisted_property import names_no_product

        match = self._product_match(text)
        if match is None or self.nlu is None:
            return None
        variant = self.nlu.slots.variant_named(text, match.heard)
        if variant and not names_no_product(variant):  # ("die Nougatcreme gesund": ours,
            return None  # asked what it does)
        return str(match.product_id)

    def _product_match(self, text: str) -> Any:
        catalog = self.nlu.slots.catalog if self.nlu is not None else None
        return catalog.match(text) if catalog is not None else None

    def product_only(self, text: str) -> str | None:
        """The catalog product a short reply names and nothing else ("nein, ich meinte das
        Duschgel"): its id, else None (no product, or a concern of its own: "was kostet ...")."""
        from voicebot.dialog.correction_words import CORRECTION_WORDS
        from voicebot.dialog.question_words import asks_something
        from voicebot.dialog.words import ABOUT_WORDS, ANSWER_WORDS, GREETING_WORDS
        from voicebot.nlu.names import without_introduction
        from voicebot.nlu.slots import FUNCTION_WORDS

        match = self._product_match(text)
        if match is None:
            return None
        filler = (FUNCTION_WORDS | ANSWER_WORDS | GREETING_WORDS
                  | CORRECTION_WORDS | ABOUT_WORDS | _RATHER)  # fmt: skip
        said = fold(without_introduction(text))  # "Hier ist Frau Krüger, ich hab …"
        rest = said.replace(fold(match.heard), " ").split()
        cut_off = bool(rest) and rest[0] in _OPENING_VERBS and set(rest) <= filler | _OPENING_VERBS
        if asks_something(text) and not cut_off:  # "Was ist in der Tomatensoße?"; a question
            return None  # cut off after the product ("Ist die Nougatcreme …") names only it
        return None if any(w not in filler for w in rest) else match.product_id

    def asked_if_sold(self, text: str) -> tuple[str | None, str | None] | None:
        """ "Habt ihr auch Kekse?", "Verkaufen Sie Hafermilch?": whether a product is sold,
        and nothing else asked; (product id, None) for one of ours, (None, words) for one we
        do not sell, (product id, words) for a kind of ours we do not sell ("das Duschgel auch
        mit Lavendel"), None when the text is no such question."""
        from voicebot.dialog.question_words import OPENING_WORDS, is_question
        from voicebot.dialog.unlisted_property import PACKAGING, unlisted_properties
        from voicebot.dialog.words import ANSWER_WORDS, GREETING_WORDS
        from voicebot.nlu.slots import FUNCTION_WORDS

        folded = fold(text)
        said = folded.split()  # ("habt ihr auch müsliriegel": Whisper wrote no "?")
        opening = OPENING_WORDS | GREETING_WORDS | ANSWER_WORDS
        while said and said[0] in opening:
            said = said[1:]
        asks = is_question(text) or bool(_SOLD.match(" ".join(said)))
        if not self.catalog or not asks or not _SOLD.search(folded):
            return None
        if any(p.about == PACKAGING for p in unlisted_properties(text)):  # "den Eistee auch in
            return None  # der Dose": its packaging (no such field), not a kind we do not sell
        rest = _SOLD.sub(" ", folded)
        match = self._product_match(text)
        if match is not None:
            rest = rest.replace(fold(match.heard), " ")
        unknown = self.unknown_product(text)
        if unknown:
            rest = rest.replace(fold(unknown), " ")
        filler = FUNCTION_WORDS | _SOLD_FILLER | OPENING_WORDS | GREETING_WORDS
        kind = [w for w in rest.split() if w not in filler]
        if match is not None and not unknown and kind and set(kind) <= _STRENGTHS:  # ("die
            return match.product_id, " ".join(kind)  # Tomatensauce auch mild": a kind of ours)
        if kind or not (match or unknown):
            return None  # ("Gibt es die Hafermilch auch ohne Zucker?" asks more)
        return (match.product_id if match is not None else None), unknown

    @property
    def product_expect(self) -> str | None:
        """The "which product?" prompt's expectation: one of the catalog's products, each by
        its name and aliases (None without a catalog)."""
        return self.products_expect([str(row.get("product_id")) for row in self.catalog])

    def products_expect(self, product_ids: Sequence[str]) -> str | None:
        """The expectation "one of these products", each by its name and aliases (None: fewer
        than two of them in the catalog)."""
        rows = [row for pid in product_ids if (row := self._product(pid)) is not None]
        items = {
            str(row.get("product_id")): [
                str(row.get("product_id") or ""),
                str(row.get("name") or ""),
                *str(row.get("aliases") or "").split("|"),
            ]
            for row in rows
        }
        return list_expectation(items).spec if len(items) >= 2 else None

    def _product(self, product_id: str) -> Row | None:
        return next((r for r in self.catalog if str(r.get("product_id")) == product_id), None)

    def product_name(self, product_id: str) -> str:
        """The catalog name of a product ("Sonnhof Hafer Drink Barista")."""
        row = self._product(product_id)
        return str(row.get("name") or product_id) if row is not None else product_id

    def without_product_name(self, text: str) -> str:
        """The text without the product it names, as said, and the words of that product's
        name just before it ("ist die Bio Tomatensauce vegan" -> "ist die vegan"; "ist die
        Tomatensoße bio" keeps "bio", which asks about it)."""
        from voicebot.dialog.words import fold

        match = self._product_match(text)
        if match is None:
            return text
        said = fold(text).split()
        own = set(fold(self.product_name(match.product_id)).split())
        span = fold(match.heard).split()
        for start in range(len(said) - len(span) + 1):
            if [w.strip("?!.,;:") for w in said[start : start + len(span)]] == span:
                first = start
                while first > 0 and said[first - 1].strip("?!.,;:") in own:
                    first -= 1
                return " ".join(said[:first] + said[start + len(span) :])
        return text

    def similar_product(self, heard: str | None) -> str | None:
        """The catalog name of our product whose words a product we do not sell shares
        ("Himbeermarmelade" -> "Sonnhof Erdbeer Fruchtaufstrich"); None: none alike."""
        match = self._product_match((heard or "").lstrip("?"))
        return None if match is None else self.product_name(match.product_id)

    def sells(self, product_id: str) -> bool:
        """Whether `product_id` is one of the catalog's products."""
        return self._product(product_id) is not None

    def product_examples(self) -> str:
        """Two of the catalog's products as callers name them ("Haferdrink oder Handcreme")."""
        return self.either([str(row.get("product_id")) for row in self.catalog][:2])

    def either(self, product_ids: Sequence[str]) -> str:
        """Products as callers name them (their first alias), joined by "oder"/"or"."""
        names = []
        for pid in product_ids:
            row = self._product(pid)
            alias = str(row.get("aliases") or "").split("|")[0].strip() if row else ""
            names.append(alias or self.product_name(pid))
        return (" oder " if self.language == "de" else " or ").join(names)

    def is_nonsense(self, text: str) -> bool:
        """No concern in it: a lone yes/no, only greetings and answer words ("hallo, ja gut"),
        or every content word unknown ("blubb blubb") and the NLU places none."""
        from voicebot.dialog.greeting_words import only_acknowledges
        from voicebot.dialog.words import says_nothing, yes_or_no
        from voicebot.nlu.normalize import normalize

        words = normalize(text, self.language).split()
        if 0 < len(words) <= 2 and yes_or_no(text, self.language) is not None:
            return True
        if words and says_nothing(text):
            return True
        if only_acknowledges(text, self.language):
            return True  # "Ach so, ok." after an answer: taken note of, no concern
        if self.catalog and self.product_in(text) is not None:
            return False  # "ich hab da ne Frage zu dem Tee" (a short product name is no word
            # of four letters or more: asked what about it, not "nicht verstanden")
        content = [w for w in words if len(w) >= 4 and not w.isdigit()]
        unknown = (self.unknown_words(text) or "").split()
        if not content or len(unknown) < len(content):
            return False
        # words the tenant never uses, unless the NLU places them surely, near its examples
        # ("die war verschimmelt": a complaint at 1.0; misheard words stay below its floor,
        # "Can I pay in bitcoin?" at 0.55 stays nonsense)
        if self.nlu is None:
            return True
        found = self.nlu.classify(text)
        return found.intent is None or found.confidence < SURE_WITHOUT_KNOWN_WORDS

    def queue_name(self, queue: str) -> str:
        return self.queues.get(queue) or queue

    def queue_asked_for(self, text: str) -> str | None:
        """The team a request names ("put me through to the card team", "verbinden Sie mich mit
        der Abrechnung"): a queue whose own words (its id or name) the text says as a team
        next to a request word; None otherwise (the default queue is the agents, asked for as
        a person)."""
        from voicebot.dialog.words import fold
        from voicebot.nlu.slots import FUNCTION_WORDS

        folded = fold(text)
        if not _TO_TEAM.search(folded):
            return None
        tokens = folded.split()
        said = [w for i, w in enumerate(tokens) if len(w) >= 4 and _names_a_team(tokens, i)]
        found = []
        for queue, name in self.queues.items():
            if queue == self.default_queue:
                continue
            words = re.findall(r"[a-z]+", fold(f"{queue.replace('_', ' ')} {name}"))
            own = [w for w in words if len(w) >= 4 and w not in FUNCTION_WORDS | _TEAM_WORDS]
            if any(_same_word(a, b) for a in own for b in said):
                found.append(queue)
        return found[0] if len(found) == 1 else None

    def queue_priority(self, queue: str) -> str:
        """High when every intent handed to the queue is of high priority (the fraud team)."""
        routed = [
            i.priority for i in self.intents.values() if i.queue == queue and i.action == "handoff"
        ]
        return "high" if routed and all(p == "high" for p in routed) else "normal"

    def agent_intent(self) -> IntentView | None:
        for key in AGENT_INTENTS:
            if key in self.intents:
                return self.intents[key]
        return None

    def customer(self, number: str) -> Row | None:
        for row in self.customers:
            if row.get("customer_number") == number:
                return row
        return None


def _field(obj: Any, name: str, default: Any) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _customer_digits(slot_types: Any) -> int:
    spec = slot_types.get("customer_number") if isinstance(slot_types, Mapping) else None
    length = _field(spec, "length", 8)
    try:
        return int(length)
    except (TypeError, ValueError):
        return 8


_TEAM_WORDS = frozenset(("team", "unser", "unsere", "unseren", "agent", "mitarbeiter", "service"))
_TO_TEAM = re.compile(
    r"\b(?:speak|talk|connect|put me through|put through|transfer me|verbinden|sprechen|reden|"
    r"durchstellen|weiterleiten|weiterverbinden)\b"
)


def _same_word(a: str, b: str) -> bool:
    """One word begins with the other's first seven letters ("card"/"cards", "Störungsdienst"/
    "Störung"; not "Kundenbetreuung"/"Kundennummer")."""
    return a.startswith(b[:7]) or b.startswith(a[:7])


_TO = frozenset(("to", "mit", "zur", "zum", "an"))
_ARTICLES = frozenset(("the", "your", "der", "dem", "den", "die", "ihrer", "ihrem", "ihren"))
_TEAM_MARKERS = frozenset(("team", "department", "dept", "desk", "abteilung", "leute"))


def _names_a_team(tokens: list[str], i: int) -> bool:
    """The word at i is said as a team, next to the request: "speak to the fraud team", "put
    me through to fraud", "verbinden Sie mich mit der Abrechnung", "mit der Kundenbetreuung
    sprechen" (not "… someone about a payment to the card shop")."""
    before = tokens[max(0, i - 2) : i]
    after = tokens[i + 1 : i + 2]
    led = bool(before) and (
        before[-1] in _TO or (len(before) == 2 and before[0] in _TO and before[1] in _ARTICLES)
    )
    near = " ".join(tokens[max(0, i - 6) : i + 3])  # the request word close by
    return (led or bool(after and after[0] in _TEAM_MARKERS)) and bool(_TO_TEAM.search(near))


_SOLD = re.compile(
    r"\b(?:habt ihr|haben sie|hat sonnhof|verkauft ihr|verkaufen sie|fuehrt ihr|fuehren sie|"
    r"gibt es|gibts|bekommt man|kriegt man|kann man (?:bei (?:ihnen|euch) )?(?:\w+ )?kaufen|"
    r"do you (?:have|sell|do)|can i (?:get|buy))\b"
)
_SOLD_FILLER = frozenset((
    "auch", "noch", "eigentlich", "bei", "ihnen", "euch", "im", "sortiment", "angebot", "zu",
    "kaufen", "denn", "mal", "so", "was", "etwas", "welche", "any", "also", "too", "as", "well",
    "mit", "with", "sorte", "variante",
))  # fmt: skip
# A strength or style asked for as a kind of a product ("gibt es die Tomatensauce auch mild?")
_STRENGTHS = frozenset((
    "mild", "milde", "milder", "mildere", "scharf", "scharfe", "schaerfer", "schaerfere", "extra",
    "pikant", "pikante", "light", "leicht", "leichte", "natur", "pur", "klassisch",
))  # fmt: skip
_RATHER = frozenset(("lieber", "eigentlich", "rather", "actually", "ach", "aeh", "moment"))
# the verb opening a question that the recogniser cut off after the product ("Ist die
# Nougatcreme …", "Sind die Brezeln"): nothing is asked yet
_OPENING_VERBS = frozenset(("ist", "sind", "hat", "haben", "enthaelt", "enthalten", "is", "are",
                            "does", "do", "has"))  # fmt: skip
