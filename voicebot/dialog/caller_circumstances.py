"""What a caller tells about themselves besides or instead of a concern: that they speak another
language than the hotline's (told so in theirs, put through at once), or that someone has died
(condolences, the death noted for the agent). Module-level functions taking the tenant, state
and reply; InboundDialog (dialog/engine.py) and YesNoTurns call them.
"""

from __future__ import annotations

from voicebot.dialog.bereavement import death_reported
from voicebot.dialog.intent_choice import is_new_concern, take_intent
from voicebot.dialog.language_words import german_urgent_gloss, speaks_english, speaks_german
from voicebot.dialog.money_reading import fraud_reported
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.events import Intent


def speaks_another_language(
    tenant: TenantView, state: CallState, reply: BotReply, text: str, intent: Intent
) -> bool:
    """An English caller at a German hotline ("Hi, sorry, I don't speak German, I'd like
    to cancel"): told so in English and put through to a person at once, the language
    noted for the agent, instead of German prompts they cannot follow; to the team of the
    concern when it was understood ("Hello, my internet is not working": the fault team),
    else to the agents."""
    english = tenant.language == "de" and speaks_english(text)
    german = tenant.language == "en" and speaks_german(text)  # ("Ich spreche kein
    if not (english or german):  # Englisch." at the bank: put through, not hung up on)
        return False
    state.caller_language = "en" if english else "de"
    state.bereaved = state.bereaved or death_reported(text)  # (noted for the
    told = [tenant.prompts.say("other_language")]  # agent: "Mein Vater ist verstorben …")
    gloss = german_urgent_gloss(text) if german else None  # ("Meine Karte wurde
    if gloss is not None:  # gestohlen": the fraud team at once, as in English)
        glossed = tenant.classify(gloss, intent)
        if is_new_concern(tenant, glossed) and is_urgent(tenant, glossed):
            intent = glossed
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and spec.queue and is_new_concern(tenant, intent):
        take_intent(tenant, state, intent)
        reply.handoff(told, queue=spec.queue, priority=spec.priority, reason="intent")
        return True
    if state.intent is not None and state.awaiting == "customer_number":  # ("mein Internet
        reply.handoff_for_intent(told, reason="intent")  # geht nicht" - the number asked -
        return True  # "sorry, can we speak English": the fault team, not the default queue)
    reply.handoff(told, queue=tenant.default_queue, priority="normal",
                       reason="no_match")  # fmt: skip
    return True


def bereaved(
    tenant: TenantView, state: CallState, reply: BotReply, text: str, intent: Intent
) -> bool:
    """A death reported ("my mother passed away last week"): condolences first and the
    death noted for the agent. A concern the NLU is sure of is served as usual ("… and I
    want to end his contract": identified, its team); none: a person at once (True)."""
    if not note_death(tenant, state, text):
        return False
    if is_new_concern(tenant, fraud_reported(tenant, text, intent)):
        return False
    reply.handoff_default(reason="intent")
    return True


def note_death(tenant: TenantView, state: CallState, text: str) -> bool:
    """A death reported for the first time in the call: condolences said next, the death
    noted for the agent (True)."""
    if state.bereaved or not death_reported(text):
        return False
    state.bereaved = True
    state.preface.insert(0, tenant.prompts.say("condolences"))
    return True
