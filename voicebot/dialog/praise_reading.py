"""Praise read as a complaint: thanked for, never put through to the complaints team.

The classifier places "Ich wollte mich mal bedanken, der Techniker war super nett" near the
complaint intent (it talks about a technician, an agent, a service), and a complaint goes to
its team at once with high priority. A turn that praises, reports nothing wrong, asks nothing
and announces no complaint is taken as praise: the tenant's praise intent when it has one,
else thanks and "anything else?".
"""

from __future__ import annotations

import re

from voicebot.dialog.product_reading import is_praise, says_praise
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import asks_for_agent, fold, is_question, reports_problem
from voicebot.events import Intent

_THANKS = re.compile(r"\b(?:bedanken|danke|dankeschoen|dank|thank|thanks)\b")
_COMPLAINT_SAID = re.compile(
    r"beschwer|reklam|complain|frechheit|unverschaemt|sauer|aerger|\bfuer nichts\b|\bfor nothing\b|"
    r"\bna (?:toll|super|klasse|prima)\b"
)  # (sarcasm: "danke für nichts", "na toll")


def praise_read_as_complaint(tenant: TenantView, text: str, intent: Intent) -> bool:
    """The turn's likeliest concern is urgent (a complaint), or the turn is placed nowhere at a
    tenant with no praise intent, but it only praises (see above)."""
    likely = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    spec = tenant.intents.get(likely or "")
    if spec is not None and is_praise(tenant, spec):
        return False
    urgent = spec is not None and spec.priority == "high"
    unplaced = intent.name is None and praise_intent(tenant) is None  # (a bank: "thank you,
    if not (urgent or unplaced):  # the lady I spoke to was really helpful" was not understood
        return False  # twice; no intent of Banking77 takes praise)
    folded = fold(text)
    if not (says_praise(text) or (_THANKS.search(folded) and _praised_person(folded))):
        return False
    if reports_problem(text) or _COMPLAINT_SAID.search(folded) or asks_for_agent(text):
        return False
    return not ("?" in text or is_question(text))


def praise_intent(tenant: TenantView) -> str | None:
    """The tenant's intent for praise, if it has one."""
    return next((s.id for s in tenant.intents.values() if is_praise(tenant, s)), None)


def _praised_person(folded: str) -> bool:
    """Thanks given for someone's help ("danke, Ihr Kollege hat mir sehr geholfen")."""
    return bool(
        re.search(
            r"\b(?:geholfen|nett|freundlich|hilfsbereit|helpful|kind|brilliant|great|amazing|"
            r"fantastic|excellent|lovely|wonderful|superb|patient|(?:so|really|very) good)\b",
            folded,
        )
    )
