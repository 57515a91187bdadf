"""A short follow-up to an answer just given ("und Soja?", "und ungeöffnet?", "Und der Preis?").

It asks the same question about more (a slot of that concern, an allergen, an ingredient of the
product, a word of the answer), another question about the same product (its topic named), or
about a product that is not ours ("und die Sojamilch?"). `read_follow_up` decides; the dialog
applies the decision and answers. A short "und …" that adds none of these ("und ich ziehe um")
is left to be read as a concern of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from voicebot.dialog.answering import needs_of
from voicebot.dialog.closing_words import has_more, says_goodbye, thanks_in
from voicebot.dialog.question_words import OPENING_WORDS, follows_up
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import IntentView, TenantView
from voicebot.dialog.topic_words import (
    asks_with_or_without,
    heard_as_noun,
    names_allergen,
    said_in_the_answer,
    topic_named,
)
from voicebot.dialog.words import fold
from voicebot.nlu.slots import FUNCTION_WORDS

# Words that make a follow-up a statement of its own ("und die war verschimmelt")
_VERB = frozenset(("war", "ist", "sind", "waren", "hat", "habe", "geht", "schmeckt", "riecht",
                   "was", "is", "were", "has", "tastes", "smells"))  # fmt: skip
# Answers about what a product is made of: "und ohne X?" after them asks about X in it
_ABOUT_WHAT_IS_IN = frozenset((
    "builtin:product_vegan", "builtin:product_palm_oil", "builtin:product_allergens",
    "builtin:product_ingredients",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The question to answer again: its intent, the slots the follow-up adds, and whether
    the product is unplaced (asked for again: "und der Schokodrink?")."""

    intent: IntentView
    slots: dict[str, str] = field(default_factory=dict)
    product_unplaced: bool = False


def read_follow_up(
    tenant: TenantView, state: CallState, text: str, early: bool = False
) -> FollowUp | None:
    """The follow-up to the answer just given, or None: no follow-up (a concern of its own, a
    longer question, thanks). Early (before the turn is read as a concern): only when it adds
    to the question ("und Zwiebeln?"), so "und der Preis?" is read as a concern first."""
    current = state.intent
    if current is None or not state.last_answer or not follows_up(text):
        return None
    words = fold(text).split()
    if len(text.split()) > 4 or thanks_in(text) or says_goodbye(text) or has_more(text):
        return None  # ("und noch eine Frage" asks for it)
    if _VERB & set(words):
        return None  # a statement is a concern of its own ("und die war verschimmelt")
    intent, found = current, _slots_of(tenant, current, text)
    if not found:  # "und Sellerie?" after the ingredients: the concern whose slot it is
        for spec in tenant.intents.values():
            other = _slots_of(tenant, spec, text)
            if other and "product" in needs_of(spec) and "product" in needs_of(current):
                intent, found = spec, other
                break
    allergens = tenant.allergen_intent()
    about_contents = allergens is not None and current.id in (
        allergens.id,
        *tenant.ingredient_intents(),
    )  # after an allergen or ingredient answer, "und Lupine?" asks what is in it
    topic = _names_a_topic(tenant, text)  # "und der Preis?", "und vegan?": another question
    content = (
        names_allergen(text)
        or _in_the_product(tenant, state, text)  # "und Zwiebeln?"
        or (  # "Ist das Duschgel vegan?" - "und ohne Mikroplastik?" (not after storage)
            allergens is not None
            and current.answer in _ABOUT_WHAT_IS_IN
            and asks_with_or_without(text)
        )
        or (about_contents and not topic and not heard_as_noun(text, "", True, True))
    )
    heard = None if found or content else tenant.unknown_product(text)
    named = bool(heard) and heard_as_noun(text, heard or "", in_names_product=about_contents)
    echoes = said_in_the_answer(text, state.last_answer)  # "und aufgetaut?" after "… nach dem
    adds = found or content or named or echoes  # Auftauen …"
    asked = [  # "und auch vegan?" after the ingredients: the vegan question, same product
        spec for spec in tenant.intents.values()
        if topic and "product" in needs_of(spec) and topic_named(text, spec.topic)
    ]  # fmt: skip
    product = state.slots.get("product") or state.last_product
    if not adds and len(asked) == 1 and product:
        return FollowUp(asked[0], {"product": product})
    if early and not adds:
        return None  # read as a concern of its own ("und ich ziehe um")
    if not found and allergens is not None and content:  # "und Erdnüsse?"
        intent = allergens
    if named:  # "und die Sojamilch?", "und im Ketchup?" after the ingredients: not one of ours,
        return FollowUp(intent, {"product": f"?{heard}"})  # told so (not "und ungeöffnet?")
    unplaced = not found and not content and not topic and heard_as_noun(text, "")
    return FollowUp(intent, found, product_unplaced=unplaced)  # ("und der Schokodrink?")


def _names_a_topic(tenant: TenantView, text: str) -> bool:
    """A word the tenant's concerns use that is no allergen ("Preis", "vegan", "ziehe")."""
    unknown = set((tenant.unknown_words(text) or "").split())
    return any(
        len(w) >= 4 and w not in unknown and not names_allergen(w) and w not in OPENING_WORDS
        for w in fold(text).split()
        if w not in FUNCTION_WORDS
    )


def _slots_of(tenant: TenantView, spec: IntentView, text: str) -> dict[str, str]:
    found = tenant.slots_for(spec.id, text)
    found.pop("product_heard", None)
    found.pop("product", None)
    return found


def _in_the_product(tenant: TenantView, state: CallState, text: str) -> bool:
    """A word of the follow-up is in the ingredients of the product just answered for."""
    contents = fold(tenant.ingredients(state.slots.get("product") or ""))
    words = [w for w in fold(text).split() if len(w) >= 4 and w not in FUNCTION_WORDS]
    return bool(contents) and any(re.search(rf"\b{re.escape(w)}", contents) for w in words)
