"""A complaint at a tenant whose intents know no complaints (Banking77 has none): "I want to
make a complaint", "the way I was treated in your branch was disgusting" were not understood
twice, with an example about activating a card. Such a turn is the caller's concern: an
apology and a person, the complaint noted for the agent.
"""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import COMPLAINT
from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

_DISPLEASED = re.compile(
    r"\b(?:disgust\w*|disgrace\w*|appall\w*|unacceptable|outrage\w*|"
    r"(?:terrible|awful|shocking|poor|bad|rubbish|dreadful|useless) (?:service|treatment|"
    r"customer service)|fed up|(?:treated|spoken to|spoke to me) (?:\w+ ){0,3}(?:badly|"
    r"like (?:dirt|rubbish|an idiot|a child|a criminal))|unverschaemt\w*|frechheit|"
    r"zumutung|sauerei)\b"
)


def knows_complaints(tenant: TenantView) -> bool:
    """Some intent of the tenant takes complaints in its own words (Nordwelle's `beschwerde`,
    Sonnhof's `reklamation`)."""
    return any(
        COMPLAINT.search(fold(said)) or _DISPLEASED.search(fold(said))
        for spec in tenant.intents.values()
        for said in [spec.description, *tenant.examples_of(spec.id)]
    )


def complaint_unplaced(tenant: TenantView, text: str, intent: Intent, missed: bool) -> bool:
    """The caller complains ("I want to make a complaint"; displeasure alone, "that was
    disgusting", once a turn was `missed`: at first it may come with a concern the bot asks
    about), no concern of the tenant is sure in the turn, and its intents know no complaints."""
    folded = fold(text)
    if not (COMPLAINT.search(folded) or (missed and _DISPLEASED.search(folded))):
        return False
    return not is_new_concern(tenant, intent) and not knows_complaints(tenant)
