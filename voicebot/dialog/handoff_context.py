"""Builds the `voicebot.handoff/1` context an agent gets, so the caller never repeats themself."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from voicebot.dialog.product_safety import hazard_noted, problem_said
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import corrects_a_product, fold

SCHEMA_ID = "voicebot.handoff/1"


def _at(state: CallState, at_ms: int) -> str:
    moment = state.started_at + timedelta(milliseconds=max(0, at_ms - state.started_ms))
    return moment.isoformat(timespec="milliseconds")


SUMMARY_WORDS = {
    "de": {"unclear": "Anliegen unklar", "customer": "Kunde", "unidentified":
           "Kunde nicht identifiziert", "reason": "Grund", "also": "außerdem",
           "maybe": "vermutlich", "problem": "Problem", "health": "Gesundheit",
           "speaks": "Anrufer spricht Englisch", "products": "weitere Produkte",
           "caller": "Anrufer", "not_helped": "Antwort hat nicht geholfen"},
    "en": {"unclear": "concern unclear", "customer": "customer", "unidentified":
           "customer not identified", "reason": "reason", "also": "also",
           "maybe": "possibly", "problem": "problem", "health": "health",
           "speaks": "caller speaks German", "products": "other products",
           "caller": "caller", "not_helped": "the answer did not help"},
}  # fmt: skip


def summary_line(tenant: TenantView, state: CallState, reason: str) -> str:
    """One line for the agent, in the tenant's language: concern, customer (last digits
    only), slots (a product by its catalog name), the other concerns named, why handed off."""
    words = SUMMARY_WORDS.get(tenant.language[:2], SUMMARY_WORDS["en"])
    parts = [state.intent.description if state.intent else words["unclear"]]
    if state.not_helped and state.intent is not None and state.intent.action == "selfservice":
        parts[0] += f" ({words['not_helped']})"  # "Wie man den Router neu startet (Antwort
        # hat nicht geholfen)": the agent starts from there
    if state.intent is None and state.candidate is not None:  # asked about, not confirmed
        parts[0] += f" ({words['maybe']}: {state.candidate.description})"  # (no answer came)
    elif state.intent is not None and state.intent_guessed:  # ("Geht es um …?" - "Verbinden
        parts[0] = f"{words['maybe']}: {parts[0]}"  # Sie mich mit einem Menschen")
    if state.customer is not None:
        number = state.customer.get("customer_number", "")
        parts.append(f"{words['customer']} {state.customer.get('name', '')} (…{number[-2:]})")
    elif state.unidentified:
        parts.append(words["unidentified"])
    holder = str(state.customer.get("name", "")) if state.customer is not None else ""
    if state.caller_named and fold(state.caller_named) not in fold(holder):  # the name the
        parts.append(f"{words['caller']}: {state.caller_named}")  # caller gave ("hier ist
        # Gertrud Meier", no number at hand; or a relative's), so the agent need not ask it
    slots = ", ".join(
        f"{k}={tenant.product_name(v) if k == 'product' and tenant.sells(v) else v}"
        for k, v in state.slots.items()
        if k != "customer_number"
    )
    if slots:
        parts.append(slots)
    parts.extend(_complaint_notes(tenant, state, words))
    if state.also:
        parts.append(f"{words['also']}: " + ", ".join(c.intent.description for c in state.also))
    if state.caller_language and state.caller_language != tenant.language[:2]:
        parts.append(words["speaks"])  # the agent answers in the caller's language
    parts.append(f"{words['reason']}: {reason}")
    return "; ".join(parts)


def _complaint_notes(tenant: TenantView, state: CallState, words: dict[str, str]) -> list[str]:
    """For a complaint about a product, what the caller said was wrong and any health risk
    ("Problem: Glassplitter, von einem Kind verzehrt", "Gesundheit: Fremdkörper verzehrt"), so
    the waiting list tells a smell from a splinter a child ate."""
    spec = state.intent
    if not tenant.catalog or spec is None or spec.priority != "high":
        return []
    lines = [line.text for line in state.lines if line.role == "caller"]
    notes = []
    problem = problem_said(lines)
    if problem:
        notes.append(f"{words['problem']}: {', '.join(problem)}")
    hazard = hazard_noted(" ".join(lines))
    if hazard:
        notes.append(f"{words['health']}: {hazard}")
    others = _other_products_named(tenant, lines, state.slots.get("product"))
    if others:
        notes.append(f"{words['products']}: {', '.join(others)}")
    return notes


def _other_products_named(tenant: TenantView, lines: list[str], product: str | None) -> list[str]:
    """Our products the caller named besides the complaint's own, by catalog name ("das
    Dinkelbrot war verschimmelt und die Hafermilch war auch schon sauer": the Hafer Drink), so
    the agent takes up both."""
    named: list[str] = []
    said = [line for line in lines if not corrects_a_product(line)]  # (not the one corrected
    for piece in (p for line in said for p in _JOINED.split(line)):  # from: "ach nee, doch …")
        found = tenant.product_in(piece)
        if found and found != product and found not in named:
            named.append(found)
    return [tenant.product_name(n) for n in named]


_JOINED = re.compile(r",|;|\.|\b(?:und|oder|sowie|and|or)\b", re.IGNORECASE)


def _language(tenant: TenantView, state: CallState) -> str:
    """The language of the call: the caller's when they spoke another, else the tenant's."""
    said = state.caller_language or tenant.language[:2]
    return said if said in ("de", "en") else "de"


def build_context(
    tenant: TenantView, state: CallState, *, queue: str, priority: str, reason: str
) -> dict[str, Any]:
    """The handoff context (schema `voicebot.handoff/1`) for the call as it stands now."""
    intent = None
    if state.intent is not None:
        intent = {
            "id": state.intent.id,
            "confidence": round(min(1.0, max(0.0, state.intent_confidence)), 4),
            "alternatives": [
                {"id": name, "confidence": round(float(conf), 4)}
                for name, conf in state.alternatives
                if name != state.intent.id
            ][:3],
        }
    customer = None
    if state.customer is not None:
        customer = {
            "number": state.customer.get("customer_number", ""),
            "verified": True,
            "name": state.customer.get("name"),
        }
    elif state.customer_number:
        customer = {"number": state.customer_number, "verified": False, "name": None}
    slots: dict[str, Any] = dict(state.slots)
    if customer is not None:
        slots["customer_number"] = customer["number"]
    return {
        "schema": SCHEMA_ID,
        "call_id": state.call_id,
        "tenant": tenant.id,
        "dialed": state.dialed,
        "caller": state.caller,
        "language": _language(tenant, state),
        "queue": queue,
        "priority": priority,
        "reason": reason,
        "intent": intent,
        "slots": slots,
        "customer": customer,
        "summary": summary_line(tenant, state, reason),
        "transcript": [
            {
                "role": line.role,
                "text": line.text,
                "at": _at(state, line.at_ms),
                "confidence": line.confidence,
            }
            for line in state.lines
        ],
        "started_at": _at(state, state.started_ms),
        "handed_off_at": _at(state, state.now_ms),
    }
