"""Which extractor reads which tenant slot, for template matches, whole utterances and answers.

A product that was named but is not in the catalog appears as `<slot>_heard` (the words
heard) without `<slot>`: the dialog says "not one of our products" and never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from voicebot.nlu.dates import extract_date
from voicebot.nlu.model import IntentSpec, SlotType, Tenant
from voicebot.nlu.normalize import fold, normalize, strip_punctuation
from voicebot.nlu.product_kinds import (
    compound_of_another_kind,
    group_beside,
    is_bare_generic,
    is_own,
    maker_named,
    product_words,
    qualifier_after,
    qualifier_before,
    variety_beside,
)
from voicebot.nlu.slots import (
    FUNCTION_WORDS,
    ProductCatalog,
    extract_batch,
    extract_digits,
    extract_postcode,
    extract_rating,
    extract_yes_no,
)
from voicebot.nlu.templates import SlotValues, expand, parse_template

# Slot kinds read from any utterance; the others only when the intent needs them.
_ALWAYS_READ = {"digits", "product"}
_PATTERNS = {"postcode": r"\d{5}", "batch": r"[a-z0-9 ]+?", "free": r".+?"}


class SlotReader:
    """Reads a tenant's slots from caller text with the right extractor per slot type."""

    def __init__(self, tenant: Tenant) -> None:
        self.tenant = tenant
        self.language = tenant.language
        self.catalog = (
            ProductCatalog(tenant.catalog, brand=tenant.name, not_heads=self._slot_words(tenant))
            if tenant.catalog
            else None
        )
        self._known_words: set[str] = set()
        self._own_words = {  # product id -> the words it is known by (names, kind, contents)
            row["product_id"]: product_words(row, tenant.name) for row in tenant.catalog or ()
        }

    @staticmethod
    def _slot_words(tenant: Tenant) -> set[str]:
        """Words of the intents' own slot lists ("Milch" as an allergen): never taken as the
        end of a product name ("ist da Milch drin" does not ask about the Hafermilch)."""
        words: set[str] = set()
        for spec in tenant.intents.values():
            for entries in spec.slots.values():
                for entry in entries:
                    for said in expand(parse_template(entry.say), {}):
                        words |= set(fold(said).split())
        return words

    def learn_vocabulary(self, texts: Iterable[str]) -> None:
        """Words of the intent examples: words outside it may name an unknown product."""
        self._known_words |= {fold(w) for text in texts for w in text.split()}

    def template_values(self, spec: IntentSpec, name: str) -> SlotValues:
        """What a `{name}` in one of the intent's templates may match."""
        if name in spec.slots:
            phrases: dict[str, str] = {}
            for entry in spec.slots[name]:
                for say in expand(parse_template(entry.say), {}):
                    phrases[say] = entry.value
            return SlotValues(phrases)
        slot = self.tenant.slot_types[name]
        if slot.kind == "product" and self.catalog is not None:
            return SlotValues(self._catalog_phrases())
        if slot.kind == "digits":
            return SlotValues({}, rf"\d{{{slot.length}}}" if slot.length else r"\d+")
        return SlotValues({}, _PATTERNS.get(slot.kind, r".+?"))

    def _catalog_phrases(self) -> dict[str, str]:
        brand = set(fold(self.tenant.name).split())
        phrases: dict[str, str] = {}
        for row in self.tenant.catalog:
            for name in [row["name"], *row.get("aliases", "").split("|")]:
                words = [w for w in fold(strip_punctuation(name)).split() if w not in brand]
                if words:
                    phrases.setdefault(" ".join(words), row["product_id"])
        return phrases

    def from_template(
        self, spec: IntentSpec, groups: Mapping[str, str | None]
    ) -> dict[str, str] | None:
        """Slot values of a template match; None when a captured phrase is no valid value."""
        slots: dict[str, str] = {}
        for group, phrase in groups.items():
            if phrase is None:
                continue
            name = group.split("_", 1)[1]
            phrase = phrase.strip()
            if name in spec.slots or (self._kind(name) == "product" and self.catalog):
                values = self.template_values(spec, name).phrases
                if phrase not in values:
                    return None
                slots[name] = values[phrase]
                continue
            value = self.read(name, phrase)
            if value is None:
                return None
            slots[name] = value
        return slots

    def _kind(self, name: str) -> str | None:
        slot: SlotType | None = self.tenant.slot_types.get(name)
        return slot.kind if slot else None

    def read(self, name: str, text: str, today: date | None = None) -> str | None:
        """One tenant slot from text, as a string ("40817253", "true", "4", "2026-12-03")."""
        slot = self.tenant.slot_types.get(name)
        if slot is None:
            return None
        lang = self.language
        if slot.kind == "digits":
            return extract_digits(text, lang, slot.length)
        if slot.kind == "postcode":
            return extract_postcode(text, lang)
        if slot.kind == "product":
            found = self.catalog.match(text) if self.catalog else None
            if found is None or self.variant_named(text, found.heard):
                return None  # "Pfefferminz Tee": another tea than ours, never a guess
            return found.product_id
        if slot.kind == "batch":
            return extract_batch(text, lang)
        if slot.kind == "yesno":
            answer = extract_yes_no(text, lang)
            return None if answer is None else str(answer).lower()
        if slot.kind == "rating":
            rating = extract_rating(text, lang)
            return None if rating is None else str(rating)
        if slot.kind == "date":
            found_date = extract_date(text, lang, today or date.today())
            return found_date.isoformat() if found_date else None
        text = text.strip()
        return text or None  # free text

    def read_all(
        self, text: str, spec: IntentSpec | None, found: Mapping[str, str]
    ) -> dict[str, str]:
        """The slots an utterance carries: template slots, then self-evident ones, then needs."""
        slots = dict(found)
        folded = f" {fold(normalize(text, self.language))} "
        corrected = folded.rsplit(" sondern ", 1)[1] if " sondern " in folded else ""
        named = self.catalog.match(text) if self.catalog is not None and spec else None
        product_words = f" {fold(named.heard)} " if named is not None else ""
        for name in spec.slots if spec else ():
            values = self.template_values(spec, name).phrases  # type: ignore[union-attr]
            ordered = sorted(values, key=len, reverse=True)  # "nicht der Fernseher, sondern
            hit = next((p for p in ordered if f" {p} " in f" {corrected} "), None)  # das
            hit = hit or next((p for p in ordered if f" {p} " in folded), None)  # Internet"
            if hit is not None and self._kind(name) != "product" and f" {hit} " in product_words:
                continue  # ("ist die Hafer Milch vegan": the milk is the product's name)
            if name not in slots and hit is not None:
                slots[name] = values[hit]
        needs = set(spec.needs) if spec else set()
        for name, slot in self.tenant.slot_types.items():
            if name in slots or not (slot.kind in _ALWAYS_READ or name in needs):
                continue
            if slot.kind == "free":
                continue
            value = self.read(name, text)
            if value is not None:
                slots[name] = value
            elif slot.kind == "product" and name in needs:
                heard = self.unknown_product(text)
                if heard:
                    slots[f"{name}_heard"] = heard
        return slots

    def unknown_words(self, text: str) -> str | None:
        """Content words the tenant's examples never use: likely a product we do not sell."""
        words = [
            w
            for w in normalize(text, self.language).split()
            if len(w) >= 4 and not w.isdigit() and not self._knows(fold(w))
        ]
        return " ".join(words) or None

    def _knows(self, folded: str) -> bool:
        """A word of the examples, or one inflected from it ("Inhaltsstoffen", "Zutat")."""
        known = self._known_words
        if folded in known:
            return True
        return any(
            (folded.endswith(end) and folded[: -len(end)] in known) or folded + end in known
            for end in _INFLECTIONS
        )

    def variant_named(self, text: str, heard: str) -> str | None:
        """Our product's word with a noun of its own beside it that our catalog and examples
        never use ("Früchte Müsli", "Pfefferminz Tee", "Duschgel Lavendel"): a product we do
        not sell, named as a phrase; None: just ours. Only capitalised words count (how the
        recogniser writes German nouns), so "ist die Nougatcreme laktosefrei" stays ours."""
        words = re.sub(r"[^\w\s-]", " ", text).split()
        said = [fold(w) for w in words]
        span = fold(heard).split()
        for start in range(len(said) - len(span) + 1):
            if said[start : start + len(span)] != span:
                continue
            contains = bool(_CONTAINED_IN & set(said[max(0, start - 2) : start]))
            contains = contains or _asks_what_it_holds(said[:start])
            for at in (start - 1, start + len(span)):  # "ist in der Nougatcreme Alkohol", "Hat
                if at > start and contains:  # die Tomatensauce Knoblauch?": the noun after
                    # asks what is in ours
                    continue
                if 0 < at < len(words) and self._foreign_noun(words[at]):
                    first, last = min(at, start), max(at, start + len(span) - 1)
                    return " ".join(words[first : last + 1])
        return self._other_kind_named(words, said, span)

    def _other_kind_named(self, words: list[str], said: list[str], span: list[str]) -> str | None:
        """Our product's generic word with a qualifier it does not have, in any casing:
        "Himbeermarmelade", "eistee pfirsich", "zahnpasta für erwachsene" (product_kinds)."""
        found = self.catalog.match(" ".join(span)) if self.catalog is not None else None
        if found is None or found.product_id not in self._own_words:
            return None
        own = self._own_words[found.product_id]
        names = self.catalog.squeezed_names(found.product_id)  # type: ignore[union-attr]
        if compound_of_another_kind(" ".join(span), names, own):  # (one word, as said)
            return next((w for w, f in zip(words, said, strict=True) if [f] == span), span[0])
        for start in range(len(said) - len(span) + 1):
            end = start + len(span)
            if said[start:end] != span:
                continue
            holds = bool(_CONTAINED_IN & set(said[max(0, start - 2) : start]))
            holds = holds or _asks_what_it_holds(said[:start]) or bool(_INSIDE & set(said[end:]))
            other = variety_beside(said, start, end, own, holds) or group_beside(
                said, start, end, own
            )
            ordinary = self._names_nothing(words, own)
            other = other or _named_beside(said, (start, end), names, holds, ordinary)
            if other is not None:
                return " ".join(words[other[0] : other[1] + 1])
        return None

    def _names_nothing(self, words: list[str], own: str) -> Callable[[str], bool]:
        """Whether a folded word beside a product names nothing of its own: a word of our
        examples, our product or our catalog, or one written lowercase in a text with capitals
        (the recogniser writes nouns with a capital: "Die Spätzle schmecken nach Seife.")."""
        cased = any(w[:1].isupper() for w in words)
        lowercase = {fold(w) for w in words if cased and w[:1].islower()}

        def ordinary(word: str) -> bool:
            return (
                word in FUNCTION_WORDS
                or word in lowercase
                or self._knows(word)
                or is_own(word, own)
                or (self.catalog is not None and self.catalog.resembles(word))
            )

        return ordinary

    def _foreign_noun(self, word: str) -> bool:
        folded = fold(word)
        return (
            word[:1].isupper()
            and len(word) >= 4
            and folded not in FUNCTION_WORDS
            and folded not in self._known_words
            and not (self.catalog is not None and self.catalog.resembles(word))
        )

    def unknown_product(self, text: str) -> str | None:
        """Words that name a product we do not sell ("Leberwurst"; the first run of such words:
        "in meinem Joghurt war ein Haar" -> "joghurt"); a variant of ours named as a phrase
        ("Pfefferminz Tee"); None when no product-like word was said ("was kostet das denn")
        or it sounds like one of ours, misheard."""
        found = self.catalog.match(text) if self.catalog is not None else None
        variant = self.variant_named(text, found.heard) if found is not None else None
        if variant is not None:
            return variant
        unknown = set((self.unknown_words(text) or "").split())
        nouns = _nouns(text) if self.language == "de" else None
        runs: list[list[str]] = [[]]  # runs of adjacent unknown words: the first names it
        said = [fold(w) for w in normalize(text, self.language).split()]
        for at, word in enumerate(normalize(text, self.language).split()):
            named = nouns is None or fold(word) in nouns
            predicate = (  # "die war verschimmelt": how it was, no product (not "Ist Tofu
                at >= 2 and said[at - 1] in _COPULA and said[at - 2] not in _ASKING  # vegan?",
            )  # "Was ist Tofu?")
            if word in unknown and fold(word) not in FUNCTION_WORDS and named and not predicate:
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        heard = " ".join(runs[0])
        if not heard or (self.catalog is not None and self.catalog.resembles(heard)):
            return None
        if _asks_if_in_it(normalize(text, self.language).split(), runs[0][0]):
            return None  # "Ist da Honig drin?": an ingredient of the product talked about
        return heard


def _named_beside(
    said: list[str],
    span: tuple[int, int],
    names: list[str],
    holds: bool,
    ordinary: Callable[[str], bool],
) -> tuple[int, int] | None:
    """A name beside our product's words `said[span]` that makes it another product: a
    maker ("die Hafermilch von Alnatura", "die Oatly Hafermilch") or, beside our bare
    generic word, another kind ("Sauce Hollandaise", "der Kakao Drink") (product_kinds)."""
    start, end = span
    found = maker_named(said, start, end, ordinary) or qualifier_before(said, start, end, ordinary)
    if found is None and is_bare_generic(" ".join(said[start:end]), names) and not holds:
        found = qualifier_after(said, start, end, ordinary)
    return found


_CONTAINED_IN = frozenset(("in", "im", "ins"))  # "ist in der Nougatcreme …" (not "zur")
_HOLDS = frozenset(("enthaelt", "enthalten", "beinhaltet", "beinhalten"))
_HAS = frozenset(("hat", "haben"))
_DETERMINERS = frozenset((
    "der", "die", "das", "den", "ihr", "ihre", "euer", "eure", "dein", "deine", "mein", "meine",
))  # fmt: skip


_ASKING = frozenset(("was", "wie", "wer", "wo", "warum", "wieso", "weshalb", "welche", "welcher",
                     "welches", "what", "how", "who", "where", "why", "which"))  # fmt: skip
_COPULA = frozenset(("war", "waren", "ist", "sind", "wird", "wurde", "was", "were", "is", "are"))
_INSIDE = frozenset(("drin", "drinnen", "darin", "enthalten", "dabei"))


def _asks_if_in_it(words: list[str], heard: str) -> bool:
    """Whether a word is asked about as being inside what was talked about ("Ist da Honig
    drin?", "Ist Gelatine enthalten?"), not named as a product of its own ("Ist in der Salami
    Honig drin?": "in der Salami" names it)."""
    folded = [fold(w) for w in words]
    if not _INSIDE & set(folded) or fold(heard) not in folded:
        return False
    return not _CONTAINED_IN & set(folded[: folded.index(fold(heard))])


def _asks_what_it_holds(before: list[str]) -> bool:
    """The words before a product ask what it holds: "Enthält das Müsli …", "Hat die
    Tomatensauce …" (a verb, then the product with its article; not "Haben Sie das Duschgel
    Lavendel?", which asks for a variant)."""
    if _HOLDS & set(before[-4:]):
        return True
    return len(before) >= 2 and before[-2] in _HAS and before[-1] in _DETERMINERS


_INFLECTIONS = ("n", "en", "e", "s", "es", "er", "ern", "ne")  # German case and plural endings
# (and the spoken "drinne" for "drin")


def _nouns(text: str) -> set[str] | None:
    """The words a German text writes with a capital (folded), when its casing tells nouns:
    the recogniser writes "Wo wird das hergestellt?", "Ist die Leberwurst vegan?", so an
    unknown lowercase word is no product ("hergestellt", "kaufen"). A sentence's first word
    counts only when no other word is capitalised ("Leberwurst?", not "Habt ihr Senf?").
    None: all lowercase (typed text), casing tells nothing."""
    sentences = [s.split() for s in re.split(r"[.!?,]+", re.sub(r"[^\w\s.!?,-]", " ", text))]
    inner = {fold(w) for words in sentences for w in words[1:] if w[:1].isupper()} - _POLITE
    if not inner and text == text.lower():
        return None
    first = {fold(words[0]) for words in sentences if words and words[0][:1].isupper()}
    alone = {fold(words[0]) for words in sentences if len(words) == 1}  # "Leberwurst. Ist …"
    return ((inner | alone) if inner else first) - _FILLERS  # not "Achso, was kostet …"


_FILLERS = frozenset((
    "achso", "ach", "aha", "also", "okay", "ok", "hallo", "ja", "nein", "gut", "genau", "moment",
    "bitte", "danke", "super", "prima", "naja", "tja", "klar", "stimmt", "richtig", "hm", "hmm",
    "aeh", "aehm", "oh", "ah", "na", "so",
))  # fmt: skip
_POLITE = frozenset(("sie", "ihnen", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "i"))
# (capitalised without being nouns: "Ketchup, ist der bei Ihnen vegan?")
