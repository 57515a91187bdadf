"""A product complaint the classifier only guessed, for words that say nothing went wrong.

Whisper by telephone mishears a question about a product into words the classifier never saw
("Steckt in eurem Schokomüsli eigentlich Palmfett?" -> "Schneckt in Euren Schokomüsli eigentlich
einem Fett", read as the complaint at 0.75 like "schmeckt komisch"). Taken as it is, the caller
is asked for a batch number and put through to the quality team at high priority. A complaint
read without any word of a problem and under SURE_COMPLAINT is a guess: it is asked about
("Geht es um eine Reklamation?"), never taken.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.answering import needs_of
from voicebot.dialog.harm_words import reports_harm, reports_problem
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

SURE_COMPLAINT = 0.8  # a complaint read at this or above stands without words of a problem
_ANNOUNCED = re.compile(r"reklam|beschwer|problem|maengel|mangel|zurueckgeb|umtausch|erstatt")


def complaint_guessed(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The intent, made unsure (its best guess kept first) when it is the tenant's product
    complaint read under SURE_COMPLAINT from words that report no problem or harm and do not
    announce a complaint; else unchanged."""
    spec = tenant.intents.get(intent.name or "")
    complaint = spec is not None and spec.priority == "high" and "product" in needs_of(spec)
    if not complaint or intent.confidence >= SURE_COMPLAINT:
        return intent
    if reports_problem(text) or reports_harm(text) or _ANNOUNCED.search(fold(text)):
        return intent
    guesses = [(str(intent.name), intent.confidence), *intent.alternatives]
    return replace(intent, name=None, alternatives=guesses)
