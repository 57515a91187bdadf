"""A new concern said where the bot offered a person for the concern it has just served ("Es
ist eine Störung bekannt … Möchten Sie mit einem Mitarbeiter sprechen?" - "wie lange läuft
eigentlich mein Vertrag noch"): read by its class as at the concern prompt (a contract-end
question, not "Vertrag kündigen"), and the served concern, not declined, stays named for the
agent ("außerdem: …"; it is not served twice). A module-level function; YesNoTurns (dialog/
yes_no_turns.py) calls it when it takes the new concern."""

from __future__ import annotations

from voicebot.dialog.concern_class import concern_class
from voicebot.dialog.intent_choice import reset_concern, take_intent
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import yes_or_no
from voicebot.events import Intent


def take_new_concern(
    tenant: TenantView, state: CallState, awaiting: str, text: str, concern: Intent
) -> None:
    """Makes `concern` the call's concern in place of the one asked about."""
    klass = concern_class(tenant, text, concern)
    served = state.intent if awaiting == "offer_agent" and state.answered else None
    declined = yes_or_no(text, tenant.language) is False  # "nein, aber wann endet …"
    reset_concern(state)
    if served is not None and not declined and served.description not in state.also_noted:
        state.also_noted.append(served.description)
    if klass is not None:
        klass.take(state)
    else:
        take_intent(tenant, state, concern)
