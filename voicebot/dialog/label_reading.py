"""A caller who reads the label out before asking ("ich lese Ihnen mal vor, was auf der Packung
steht: Haferflocken, Zucker, Palmfett, Schokolade … ist da jetzt Nuss drin?"): the words read
out name ingredients the classifier takes for the question ("Geht es um Palmöl?"); the question
after them is what is asked. Folded text (words.fold)."""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

_CONTAINER = r"(?:packung|verpackung|rueckseite|dose|flasche|tube|glas|etikett|tuete|becher)"
# The label read out or quoted ("ich lese Ihnen mal vor", "auf der Packung steht",
# "da steht drauf", "laut Zutatenliste")
_READ_OUT = re.compile(
    r"\b(?:ich (?:les|lese) (?:\w+ ){0,4}vor|vorlesen|"
    rf"(?:auf|hinten auf|hinten) (?:der |dem |die )?(?:\w+ )?{_CONTAINER} steht|"
    r"(?:da|hier|hinten|drauf) steht (?:\w+ )?drauf|steht (?:da|hier) drauf|"
    r"zutatenliste|laut (?:packung|etikett|zutatenliste)|"
    r"(?:zutaten|inhaltsstoffe) (?:sind|lauten) )\b"
)
# Where the question after it opens ("… ist da jetzt Nuss drin", "… kann ich das essen")
_ASKS = re.compile(
    r"\b(?:ist|sind|enthaelt|enthalten|hat|haben|kann|koennen|darf|duerfen|was|wie|welche\w*|"
    r"gibt es) (?:da|das|die|der|den|es|denn|jetzt|nun|man|ich|dann|also)\b"
)


def question_after_label(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The concern of the question asked after a label read out, when it alone says one
    surely; the product named in the reading stays (its slots)."""
    if not tenant.catalog:
        return intent
    folded = fold(text)
    read = _READ_OUT.search(folded)
    if read is None:
        return intent
    asks = [m for m in _ASKS.finditer(folded) if m.start() >= read.end()]
    if not asks:
        return intent
    question = folded[asks[-1].start() :]
    if len(question.split()) < 3:
        return intent
    found = tenant.classify(question, intent)
    if not is_new_concern(tenant, found) or found.name == intent.name:
        return intent
    return replace(found, slots={**intent.slots, **found.slots})
