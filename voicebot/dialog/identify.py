"""Identification against the tenant's customer directory: at most 3 tries, then unidentified.

A customer number is never read back: the caller hears the name, or the last two digits.
"""

from __future__ import annotations

from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold

MAX_TRIES = 3
SPELT_ALIKE = 80  # rapidfuzz ratio: Schulze ~ Schulte 86, Meyer ~ Meier 80, Becker ~ Berger 67


def needs_identity(tenant: TenantView, state: CallState) -> bool:
    """The tenant identifies callers and this one is neither known nor given up on."""
    return tenant.identifies and state.customer is None and not state.unidentified


def identify(tenant: TenantView, state: CallState, number: str, parts: list[str]) -> bool:
    """Looks the number up; says the name when found. True: found; False: try again/gave up.
    A name the caller gave for themself ("hier ist Petra Lindner, meine Kundennummer ist …")
    that is not the customer's, while the customer's name was not said either ("ich rufe für
    meine Mutter Petra Lindner an"): not identified, and no name or account of the number's
    customer read out; the number asked for once more, a second time the call goes on
    without it (the number noted for the agent)."""
    state.customer_tries += 1
    row = tenant.customer(number)
    name = str(row.get("name", "")) if row is not None else ""
    heard = " ".join(line.text for line in state.lines if line.role == "caller")
    if row is not None and not (_same_person(state.caller_named, name) or _named(name, heard)):
        if state.mismatched_number is not None:  # again (a relative, a neighbour): on without
            state.unidentified = True  # it, the number noted for the agent, nothing read out
            state.slots["customer_number"] = number
            parts.append(tenant.prompts.say("customer_not_verified"))
        else:
            parts.append(tenant.prompts.say("customer_name_mismatch", last_digits=number[-2:]))
            state.number_asked_again = True
            state.slots["customer_number"] = number  # (for the agent if a person is asked for)
        state.mismatched_number = number
        return False
    if row is not None:
        state.customer, state.customer_number = row, number
        state.unidentified = False
        state.no_match = 0  # progress: misunderstandings before it lead to no keypad menu
        other = state.on_behalf or _relative(state.caller_named, name)  # (not the caller's
        other = other or state.bereaved  # name: "hier ist Gerd Lindner" for Petra; a death
        # reported: the widow is not thanked as "Danke, Klaus Hoffmann")
        found = "customer_found_for" if other else "customer_found"
        parts.append(tenant.prompts.say(found, name=row.get("name", "")))
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
        state.number_asked_again = True
    elif len(heard) != tenant.customer_digits:  # "vierzig acht siebzehn zweiundfünfzig drei":
        parts.append(prompts.say("customer_wrong_length", count=len(heard),  # seven digits
                                 digits=tenant.customer_digits))  # fmt: skip
        state.number_asked_again = True
    else:
        parts.append(prompts.say("customer_not_found", last_digits=heard[-2:]))
        state.number_asked_again = True


def names_mismatched_customer(tenant: TenantView, state: CallState, text: str) -> str | None:
    """After "passt leider nicht zu dem Namen": words naming that number's customer ("Das ist
    die Nummer von meinem Vater, Klaus Hoffmann") give the number again."""
    number = state.mismatched_number
    row = tenant.customer(number) if number else None
    if number is None or row is None or not _named(str(row.get("name", "")), text):
        return None
    return number


def _same_person(named: str | None, name: str) -> bool:
    """No name said, or a word of it sounds like one of the customer's names ("Schulze" for
    Schulte: the recogniser spells surnames freely)."""
    if not named:
        return True
    return _named(name, named)


def _relative(named: str | None, name: str) -> bool:
    """The caller named themself with the customer's surname but another first name ("Gerd
    Lindner" for Petra Lindner): a relative, not the customer."""
    from rapidfuzz import fuzz

    said, held = fold(named or "").split(), fold(name).split()
    if len(said) < 2 or len(held) < 2:
        return False
    same_family = fuzz.ratio(said[-1], held[-1]) >= SPELT_ALIKE
    return same_family and fuzz.ratio(said[0], held[0]) < SPELT_ALIKE


def _named(name: str, said: str) -> bool:
    """A word of the customer's name (first or last, 3+ letters) said, spelt alike."""
    from rapidfuzz import fuzz

    words = fold(said).split()
    return any(
        fuzz.ratio(part, word) >= SPELT_ALIKE
        for part in fold(name).split() if len(part) >= 3
        for word in words if len(word) >= 3
    )  # fmt: skip
