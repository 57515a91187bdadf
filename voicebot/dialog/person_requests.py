"""A caller asking for a person, or for a team by name, at any point of the call: how much of the
turn the request is, the concern said besides it (in the same sentence or one of its own), and
the team and priority the call goes to. Module-level functions taking the tenant, state and
reply; InboundDialog (dialog/engine.py) calls them from `_understood`.
"""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import asks_for_agent, asks_for_transfer
from voicebot.dialog.intent_choice import is_new_concern, is_own_concern, set_intent, take_intent
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import loose_clauses, parts_of
from voicebot.dialog.words import fold
from voicebot.events import Intent
from voicebot.nlu.model import AGENT_INTENTS


def asks_for_person(tenant: TenantView, event: Intent) -> bool:
    """The classifier gives the request for a person a large share (at least half the
    threshold: "ich möchte kündigen, verbinden Sie mich mit einem Mitarbeiter", kündigung
    0.58 / mitarbeiter 0.41): the concern said besides it is read without it. A small
    share leaves the turn as it was read ("ich will meine Kundennummer nicht sagen,
    verbinden Sie mich einfach" is no complaint)."""
    ranked = dict(event.alternatives)
    if event.name is not None:
        ranked[event.name] = event.confidence
    share = sum(p for name, p in ranked.items() if name in AGENT_INTENTS)
    return share >= tenant.threshold / 2


def concern_said_apart(tenant: TenantView, text: str, found: Intent) -> Intent:
    """A concern in a sentence of its own before or after the request for a person ("My
    card was declined at the supermarket. Can I talk to a human?"), when none was found
    besides it: the first sentence without a request that the NLU is sure of."""
    if is_new_concern(tenant, found):
        return found
    for sentence in parts_of(text):
        if asks_for_agent(sentence) or asks_for_transfer(sentence):
            continue
        said = tenant.classify(sentence, found)
        if is_own_concern(tenant, said):
            return said
    return found


# a wish denied ("ich will nicht kündigen", "i don't want to cancel"), not a fault ("geht nicht")
_DENIED = re.compile(
    r"\b(?:will|moechte|wollte|muss|brauche|want|need|dont|don t|do not)\b(?:\s+\S+){0,3}?\s+"
    r"(?:nicht|nichts|kein\w*|not|no|nothing)\b|\b(?:dont|don t|do not) (?:want|need)\b"
)


def concern_in_a_clause(tenant: TenantView, text: str, found: Intent) -> Intent:
    """A concern said in a clause of its own beside the request for a person, when the
    classifier gave the request too small a share to read the concern without it ("das Internet
    geht nicht und ich will auch mit jemandem sprechen": Störung 0.71, the person 0.28) or the
    request the larger one ("ich will kündigen und zwar mit einem Menschen reden"): the clause
    the NLU is sure of, when it is also the whole turn's best concern besides the person (no
    concern read into a clause alone: "ich will meine Kundennummer nicht sagen …")."""
    if is_own_concern(tenant, found):
        return found
    whole = tenant.classify(text, found)  # (the turn's own ranking, the person included)
    ranked = ([(whole.name, whole.confidence)] if whole.name else []) + list(whole.alternatives)
    best = next((name for name, _ in ranked if name not in AGENT_INTENTS), None)
    if best is None:
        return found
    for clause in loose_clauses(text):
        if len(clause.split()) < 2 or asks_for_agent(clause) or asks_for_transfer(clause):
            continue
        if _DENIED.search(fold(clause)):  # "ich will nicht kündigen, nur mit jemandem reden"
            continue
        said = tenant.classify(clause, found)
        if is_own_concern(tenant, said) and said.name == best:
            return said
    return _concern_run_on(tenant, text, found, whole, best)


def _concern_run_on(
    tenant: TenantView, text: str, found: Intent, whole: Intent, best: str
) -> Intent:
    """The concern and the request run on in one clause ("und mein Internet geht nicht kann ich
    mit jemandem sprechen": Störung 0.67, the person 0.31, no clause without the request): read
    without the agent intents, when the request is said in words, the concern is most of the
    turn and the reading without the request is sure of the same one."""
    if not asks_for_agent(text) or _DENIED.search(fold(text)):
        return found
    share = dict(whole.alternatives).get(best, 0.0)
    if whole.name == best:
        share = whole.confidence
    if share < 0.5:
        return found
    said = tenant.concern_besides_person(text, found)
    return said if is_own_concern(tenant, said) and said.name == best else found


def put_through_to(
    tenant: TenantView, state: CallState, reply: BotReply, team: str, text: str, event: Intent
) -> None:
    """The team the caller named, with the concern said besides (read with the agent
    intents left out: the team is the request); high priority for a team of urgent
    concerns only or an urgent concern."""
    sure = is_own_concern(tenant, event)
    if state.intent is None and not sure:
        event = tenant.concern_besides_person(text, event)
    if state.intent is None and is_new_concern(tenant, event):
        take_intent(tenant, state, event)
    agent = tenant.agent_intent()
    if state.intent is None and agent is not None:
        set_intent(state, agent, 1.0, None)  # "Möchte mit einem Menschen sprechen"
    urgent = state.intent is not None and state.intent.priority == "high"
    priority = "high" if urgent else tenant.queue_priority(team)
    reply.handoff([], queue=team, priority=priority, reason="agent_request")
