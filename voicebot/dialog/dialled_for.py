"""Who dialled for the caller, said before the concern ("mein Sohn hat die Nummer gewählt für
mich, ich hab ein Problem mit der Rechnung", "meine Enkelin hat mich verbunden, es geht um …"):
elderly callers say it first, and its words ("Nummer", "gewählt") pulled the classifier away
from the concern ("Geht es um eine Änderung Ihrer Bankverbindung …?"). The concern is read from
the words after it."""

from __future__ import annotations

import re

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

_DIALLED_FOR = re.compile(
    r"^(?:\w+ ){0,3}?(?:mein|meine|unser|unsere)\s+\w+\s+(?:hat|hatte)\s+(?:\w+\s+){0,4}?"
    r"(?:gewaehlt|angerufen|verbunden|angewaehlt|eingetippt)(?:\s+fuer\s+(?:mich|uns))?\s+"
)


def concern_after_dialled_for(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The concern said after who dialled for the caller, when the words after it name one
    surely; the turn's reading otherwise (German)."""
    if not tenant.language.startswith("de"):
        return intent
    found = _DIALLED_FOR.match(fold(text))
    if found is None:
        return intent
    rest = fold(text)[found.end() :]
    if len(rest.split()) < 3:
        return intent
    reading = tenant.classify(rest, intent)
    return reading if is_new_concern(tenant, reading) else intent
