"""A question about one of our products that asks what no catalog field says ("Wo kann ich
die Nougatcreme kaufen?", "Kann man den Haferdrink aufschäumen?", "Gibt es die Spätzle in
einer größeren Packung?") read as the complaint, as praise or not surely placed: the best
product question instead, whose answer says "Angaben … habe ich leider nicht" and offers a
person (unlisted_property), never "Geht es um die Zutaten?" or a batch number asked for.

Something wrong with the product ("… und die war verschimmelt") keeps the complaint.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.answering import needs_of
from voicebot.dialog.harm_words import reports_harm
from voicebot.dialog.product_safety import DEFECT
from voicebot.dialog.question_words import is_question
from voicebot.dialog.tenant_view import IntentView, TenantView
from voicebot.dialog.unlisted_property import unlisted_properties
from voicebot.dialog.words import fold
from voicebot.events import Intent

# "ich wollte wissen, ob …", "ich find die Brezeln nicht mehr", "… bestellen, gibt es die in
# Großpackungen", "mein Mann sagt, die ist nicht bio, stimmt das": asked without a question
# word first or a question mark (Whisper often writes none)
_ASKS = re.compile(
    r"\b(?:ob|wissen|fragen|frage|nicht mehr|gibt es|gibts|habt ihr|haben sie|kann man|wohin|"
    r"in welche\w*|darf ich|darf man|darf mein\w*|duerfen|wie (?:macht|mache|bereite\w*|"
    r"koche|kocht|lange|heiss|warm) (?:man|ich)|"
    r"kann ich|koennen sie|stimmt das|stimmt es|ist das (?:so|richtig|wahr)|wondering|whether|"
    r"is there|do you have|can i|can you)\b"
    # a question word after its preposition ("ab welchem Alter ist die Zahnpasta", "und bis
    # wann kann man die essen"), which is_question does not see first
    r"|\b(?:ab|bis|seit|fuer|mit|von|bei|in|zu) (?:welche[mnrs]?|wann|wem|wen|was)\b"
)


def unlisted_asked(
    tenant: TenantView, talked_about: str | None, text: str, intent: Intent
) -> Intent:
    """The best product question for a question about a property of our product (named, or
    the one talked about) that no catalog field holds; a sure product question stays (its
    answer already says there is no information), and so does a report of a defect."""
    if not tenant.catalog or not _asked(text):
        return intent
    named = tenant.product_in(text)
    if named is None and (talked_about is None or tenant.unknown_product(text)):
        return intent
    asked = unlisted_properties(tenant.without_product_name(text), tenant.language)
    if not asked:
        return intent
    if named is not None and "product" not in intent.slots:  # ("die Nougatcreme gesund" was
        slots = {k: v for k, v in intent.slots.items() if k != "product_heard"}  # heard as
        intent = replace(intent, slots={**slots, "product": named})  # another product)
    rest = fold(text)
    for found in asked:  # (what the question asks is no defect: "auch für die Haare nehmen")
        rest = found.pattern.sub(" ", rest)
    if reports_harm(text) or any(DEFECT.fullmatch(w) for w in rest.split()):
        return intent
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and _product_question(spec) and intent.confidence >= tenant.threshold:
        return intent
    ranked = dict(intent.alternatives)
    if intent.name is not None:
        ranked[intent.name] = intent.confidence
    questions = [i for i in tenant.intents.values() if _product_question(i)]
    if not questions:
        return intent
    best = max(questions, key=lambda i: ranked.get(i.id, 0.0))
    sure = max(tenant.threshold, ranked.get(best.id, 0.0))
    return replace(intent, name=best.id, confidence=sure)


def _asked(text: str) -> bool:
    """A question, in any clause, or words that ask without a question word."""
    clauses = [c for c in re.split(r"[.!,;]", text) if c.strip()]
    return "?" in text or any(map(is_question, clauses)) or bool(_ASKS.search(fold(text)))


def _product_question(spec: IntentView) -> bool:
    """An intent the bot answers about a product (ingredients, price, storage …)."""
    return spec.action == "selfservice" and "product" in needs_of(spec)


def told_beside(tenant: TenantView, taken: IntentView | None, part: Intent, said: str) -> bool:
    """A sentence read as another product question that asks only what no catalog field says,
    beside the product question taken ("Was kosten die Brezeln und wie viele sind in einer
    Packung?"): that answer already says "Angaben zu Packungsgrößen … leider nicht", so the
    sentence is no concern of its own (not the ingredients read out after it)."""
    spec = tenant.intents.get(part.name or "")
    if taken is None or spec is None or not (_product_question(taken) and _product_question(spec)):
        return False
    return bool(unlisted_properties(tenant.without_product_name(said), tenant.language))
