"""Identification against the tenant's customer directory: at most 3 tries, then unidentified.

A customer number is never read back: the caller hears the name, or the last two digits.
"""

from __future__ import annotations

from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView

MAX_TRIES = 3


def needs_identity(tenant: TenantView, state: CallState) -> bool:
    """The tenant identifies callers and this one is neither known nor given up on."""
    return tenant.identifies and state.customer is None and not state.unidentified


def identify(tenant: TenantView, state: CallState, number: str, parts: list[str]) -> bool:
    """Looks the number up; says the name when found. True: found; False: try again/gave up."""
    state.customer_tries += 1
    row = tenant.customer(number)
    if row is not None:
        state.customer, state.customer_number = row, number
        state.unidentified = False
        state.no_match = 0  # progress: misunderstandings before it lead to no keypad menu
        parts.append(tenant.prompts.say("customer_found", name=row.get("name", "")))
        return True
    failed_identification(tenant, state, parts, heard=number)
    return False


def failed_identification(
    tenant: TenantView, state: CallState, parts: list[str], heard: str | None
) -> None:
    """An unknown number (heard) or none at all: re-ask by its last digits, or go on without."""
    prompts = tenant.prompts
    if heard is None:
        state.customer_tries += 1
    else:
        state.customer_number = heard
    if state.customer_tries >= MAX_TRIES:
        state.unidentified = True
        parts.append(prompts.say("customer_unidentified"))
    elif heard is None:
        parts.append(prompts.say("customer_not_heard"))
    else:
        parts.append(prompts.say("customer_not_found", last_digits=heard[-2:]))
