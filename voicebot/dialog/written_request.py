"""A confirmation asked for in writing after an answer ("kann ich das bitte noch schriftlich
haben", "schicken Sie mir das per E-Mail"): the bot cannot send letters or mails; it heard
"Genauer kann ich es Ihnen leider nicht sagen" as if more detail was asked. Told that a person
can see to it, a person offered, and the wish noted for the agent."""

from __future__ import annotations

import re

from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold, yes_or_no

_IN_WRITING = re.compile(
    r"\bschriftlich\w*|"
    r"\b(?:per|als|mit der|mit der post|via) (?:post|brief|e ?mail|mail)\b(?:\s+\S+){0,4}?\s+"
    r"(?:bestaetig\w*|schicken|zuschicken|senden|zusenden|haben|bekommen|kriegen|erhalten)\b|"
    r"\b(?:bestaetigung|nachweis|bescheinigung)\w* (?:\w+ ){0,3}(?:per|als|mit der) (?:post|brief|"
    r"e ?mail|mail)\b|"
    r"\b(?:schicken|senden|zuschicken|zusenden|mailen)\b(?:\s+\S+){0,5}?\s+(?:per|als|mit der|"
    r"via) (?:post|brief|e ?mail|mail)\b|"
    r"\bin writing\b|\bwritten confirmation\b|"
    r"\bconfirm\w* (?:\w+ ){0,3}(?:by|in an?|via) (?:e ?mail|email|letter|post)\b"
)


def asks_in_writing(text: str) -> bool:
    """The caller asks to have it in writing (a letter, a mail, "schriftlich")."""
    return _IN_WRITING.search(fold(text)) is not None


def answer_in_writing(tenant: TenantView, state: CallState, reply: BotReply, text: str) -> bool:
    """After an answer ("Möchten Sie mit einem Mitarbeiter sprechen?", "Kann ich sonst noch
    helfen?"), a wish to have it in writing: a person can see to it, offered (put through at
    once with a yes said beside it), the wish noted; False for other turns."""
    if state.awaiting not in ("offer_agent", "anything_else") or state.intent is None:
        return False
    if not asks_in_writing(text):
        return False
    german = tenant.language.startswith("de")
    wish = "schriftliche Bestätigung gewünscht" if german else "confirmation in writing asked for"
    if wish not in (state.topic or ""):
        state.topic = f"{state.topic}; {wish}" if state.topic else wish
    if yes_or_no(text, tenant.language) is True:
        reply.handoff_for_intent([], reason="intent")
        return True
    told = (
        "Eine schriftliche Bestätigung kann ich Ihnen von hier aus leider nicht schicken; "
        "das kann ein Mitarbeiter für Sie veranlassen."
        if german
        else "I'm afraid I cannot send anything in writing from here; a colleague can arrange it."
    )
    reply.ask([told, tenant.prompts.say("offer_agent")], "offer_agent", "yesno")
    return True
