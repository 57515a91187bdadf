"""Which intent becomes the call's concern: sure ones are taken, likely ones confirmed first."""

from __future__ import annotations

from collections.abc import Mapping

from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import AGENT_INTENTS, IntentView, TenantView
from voicebot.events import Intent

AGENT_INTENT_CONFIDENCE = 0.6  # below this, "a person" needs the word itself ("Mitarbeiter")


def is_agent_intent(tenant: TenantView, event: Intent) -> bool:
    """A sure request for a person, by the classifier."""
    sure = max(tenant.threshold, AGENT_INTENT_CONFIDENCE)
    return event.name in AGENT_INTENTS and event.confidence >= sure


def take_intent(tenant: TenantView, state: CallState, event: Intent) -> bool:
    """Accepts a confident intent: it becomes the call's concern, its slots are kept."""
    spec = tenant.intents.get(event.name or "")
    if spec is None or event.confidence < tenant.threshold or spec.id in AGENT_INTENTS:
        return False  # a person is asked for by word or a sure intent
    set_intent(state, spec, event.confidence, event)
    return True


def set_intent(state: CallState, spec: IntentView, confidence: float, event: Intent | None) -> None:
    """Makes spec the concern; a different concern than before starts with no slots."""
    if state.intent is not None and state.intent.id != spec.id:
        state.slots = {}
    state.intent, state.intent_confidence = spec, confidence
    state.no_match = 0
    if event is not None:
        state.alternatives = [(str(n), float(c)) for n, c in event.alternatives]
        merge_slots(state, event.slots)


def merge_slots(state: CallState, slots: Mapping[str, str]) -> None:
    """Keeps the slots the caller gave; a product we do not sell is kept as '?<words>'."""
    found = {k: str(v) for k, v in slots.items() if v is not None}
    heard = found.pop("product_heard", None)
    if heard and "product" not in found:
        found["product"] = f"?{heard}"
    state.slots.update(found)


def is_new_concern(tenant: TenantView, event: Intent) -> bool:
    """A confident intent of the tenant: the caller brings up something (new)."""
    spec = tenant.intents.get(event.name or "")
    return spec is not None and event.confidence >= tenant.threshold


def confirmable(tenant: TenantView, state: CallState, event: Intent) -> bool:
    """Somewhat likely intent: remembered as the candidate to ask "Geht es um …?"."""
    name, confidence = event.name, event.confidence
    if name is None and event.alternatives:
        name, confidence = event.alternatives[0]
    spec = tenant.intents.get(name or "")
    if spec is None or confidence < tenant.threshold / 2 or spec.id in AGENT_INTENTS:
        return False
    state.candidate, state.candidate_confidence = spec, confidence
    state.alternatives = [(str(n), float(c)) for n, c in event.alternatives]
    merge_slots(state, event.slots)
    return True


def reset_concern(state: CallState) -> None:
    """Forgets the concern (the caller has another one)."""
    state.intent, state.candidate, state.via_menu = None, None, False
    state.slots, state.no_match, state.unclear = {}, 0, 0
