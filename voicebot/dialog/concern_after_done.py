"""A concern said after what was already done ("die Techniker haben den Router eingerichtet,
aber ich finde die Rechnung dafür zu hoch"): the classifier reads the whole turn by the words
of the done part (the router: set-up questions, restart steps) and the concern after "aber" is
lost. A caller who reports something done and goes on with "aber" and a present concern calls
about that concern.

Only where the part before "aber" is said as done (an auxiliary and a participle ending it:
"haben … eingerichtet", "ist … gekommen") and the part after is not ("… aber ich habe den Router
schon neu gestartet" is background to the fault before it), and the part after names another
concern surely on its own. German turns."""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.concern_readings import SURE_CLAUSE
from voicebot.dialog.intent_choice import is_new_concern, is_own_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

# An auxiliary and, within a few words, the participle ending the part: "haben den Router
# eingerichtet", "bin umgezogen", "ist gestern gekommen"
_DONE = re.compile(
    r"\b(?:habe|hab|haben|hat|hatte|hatten|bin|ist|sind|war|waren|wurde|wurden)\b(?:\s+\S+){0,5}?"
    r"\s+(?:\w*ge\w+(?:t|en)|\w+iert)$"
)
# A wish said in the past tense is no report of it done ("ich hätte gern meinen Tarif gewechselt")
_WISH = re.compile(r"\b(?:haette|haetten|wuerde|wuerden|moechte|gern|gerne|wollte|will)\b")


def done_before(said: str) -> bool:
    """The folded words say something done: an auxiliary and a participle at their end."""
    return bool(_DONE.search(said.strip())) and not _WISH.search(said)


def concern_after_done(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The concern said after "aber" when the part before it reports something done and the
    whole turn was read as another concern or none surely; the turn's reading otherwise."""
    if not tenant.language.startswith("de"):
        return intent
    before, found, after = fold(text).partition(" aber ")
    if not found or " aber " in after or len(after.split()) < 3:
        return intent
    if not done_before(before) or done_before(after):
        return intent
    reading = tenant.classify(after, intent)
    surely = max(tenant.threshold, SURE_CLAUSE)
    if not is_own_concern(tenant, reading) or reading.confidence < surely:
        return intent
    if reading.name == intent.name and is_new_concern(tenant, intent):
        return intent  # (an unsure turn is made sure by it: "ich bin umgezogen, aber mein
    # Internet geht nicht" was asked "Geht es um einen Umzug?")
    return replace(reading, slots={**intent.slots, **reading.slots})
