"""Builds the `voicebot.handoff/1` context an agent gets, so the caller never repeats themself."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from voicebot.dialog.answers import PRODUCT_BUILTINS
from voicebot.dialog.caller_address import postcode_told
from voicebot.dialog.correction_words import corrects_a_product
from voicebot.dialog.money_reading import scam_for_fraud_team
from voicebot.dialog.product_safety import denies_intake, hazard_noted, problem_said
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.unlisted_property import unlisted_properties
from voicebot.dialog.words import fold
from voicebot.nlu.model import AGENT_INTENTS
from voicebot.payment_secrets import mask_secrets

SCHEMA_ID = "voicebot.handoff/1"


def _at(state: CallState, at_ms: int) -> str:
    moment = state.started_at + timedelta(milliseconds=max(0, at_ms - state.started_ms))
    return moment.isoformat(timespec="milliseconds")


SUMMARY_WORDS = {
    "de": {"unclear": "Anliegen unklar", "customer": "Kunde", "unidentified":
           "Kunde nicht identifiziert", "reason": "Grund", "also": "außerdem",
           "maybe": "vermutlich", "problem": "Problem", "health": "Gesundheit",
           "speaks": "Anrufer spricht Englisch", "products": "weitere Produkte",
           "caller": "Anrufer", "behalf": "Anrufer spricht für den Kunden",
           "death": "Todesfall gemeldet", "complaint": "Beschwerde",
           "scam": "Betrug gemeldet",
           "unlisted": "Frage nach Angaben", "writing": "schriftlich gewünscht",
           "refund": "Erstattung gewünscht", "receipt": "Kassenbon vorhanden",
           "not_helped": "Antwort hat nicht geholfen"},
    "en": {"unclear": "concern unclear", "customer": "customer", "unidentified":
           "customer not identified", "reason": "reason", "also": "also",
           "maybe": "possibly", "problem": "problem", "health": "health",
           "speaks": "caller speaks German", "products": "other products",
           "caller": "caller", "behalf": "caller speaks for the customer",
           "death": "bereavement: caller reports a death",
           "scam": "scam reported",
           "complaint": "complaint",
           "unlisted": "asked for information", "writing": "wants it in writing",
           "refund": "wants a refund", "receipt": "has the receipt",
           "not_helped": "the answer did not help"},
}  # fmt: skip


def summary_line(tenant: TenantView, state: CallState, reason: str) -> str:
    """One line for the agent, in the tenant's language: concern, customer (last digits
    only), slots (a product by its catalog name), the other concerns named, why handed off."""
    words = SUMMARY_WORDS.get(tenant.language[:2], SUMMARY_WORDS["en"])
    parts = [state.intent.description if state.intent else words["unclear"]]
    if state.topic and (state.intent is None or state.intent.id in AGENT_INTENTS):
        parts[0] = state.topic  # "Frage zu Presseanfragen", not "Möchte mit einem Menschen …"
    elif state.topic:
        parts[0] += f" ({state.topic})"  # "Reklamation … (Nachfrage zu einer früheren Meldung)"
    unlisted = _unlisted_noted(tenant, state)
    if unlisted:  # "Wo kann ich die Nougatcreme kaufen?" was answered by the allergen
        parts[0] = f"{words['unlisted']} {unlisted}"  # question: not "Allergene eines Produkts"
    if state.not_helped and state.intent is not None and state.intent.action == "selfservice":
        parts[0] += f" ({words['not_helped']})"  # "Wie man den Router neu startet (Antwort
        # hat nicht geholfen)": the agent starts from there
    if state.intent is None and state.candidate is not None:  # asked about, not confirmed
        parts[0] += f" ({words['maybe']}: {state.candidate.description})"  # (no answer came)
    elif state.intent is not None and state.intent_guessed:  # ("Geht es um …?" - "Verbinden
        parts[0] = f"{words['maybe']}: {parts[0]}"  # Sie mich mit einem Menschen")
    said = [ln.text for ln in state.lines[state.concern_since :] if ln.role == "caller"]
    if state.intent is not None and scam_for_fraud_team(tenant, state.intent.id, said):
        parts[:1] = [words["scam"], f"{words['maybe']}: {parts[0]}"]  # (the card intent ranked
        # first is a guess: "i moved 2000 pounds to a safe account" is no compromised card)
    for noted, word in ((state.complained, "complaint"), (state.bereaved, "death")):
        if noted:  # (first: the agent greets a bereaved or angry caller with care)
            alone = state.intent is None and not state.topic  # (a topic: "bereavement;
            parts[:1] = [words[word]] if alone else [words[word], parts[0]]  # direct debit …")
    if state.customer is not None:
        number = state.customer.get("customer_number", "")
        parts.append(f"{words['customer']} {state.customer.get('name', '')} (…{number[-2:]})")
    elif state.unidentified:
        parts.append(words["unidentified"])
    holder = str(state.customer.get("name", "")) if state.customer is not None else ""
    if state.caller_named and fold(state.caller_named) not in fold(holder):  # the name the
        parts.append(f"{words['caller']}: {state.caller_named}")  # caller gave ("hier ist
        # Gertrud Meier", no number at hand; or a relative's), so the agent need not ask it
    elif state.on_behalf:  # "ich rufe für meinen Vater an": the agent does not greet the
        parts.append(words["behalf"])  # daughter as Herr Hoffmann
    slots = ", ".join(
        f"{k}={tenant.product_name(v) if k == 'product' and tenant.sells(v) else v}"
        for k, v in _slots_for_agent(tenant, state).items()
        if k != "customer_number"
    )
    if slots:
        parts.append(slots)
    parts.extend(_complaint_notes(tenant, state, words))
    since = state.lines[state.concern_since :]
    told = tenant.prompts.say("not_in_writing")  # ("… per E-Mail schicken?": told the bot
    if any(ln.role == "bot" and told in ln.text for ln in since):  # cannot; the agent can)
        parts.append(words["writing"])
    others = [c.intent.description for c in state.also] + state.also_noted
    if others:
        parts.append(f"{words['also']}: " + ", ".join(others))
    if state.caller_language and state.caller_language != tenant.language[:2]:
        parts.append(words["speaks"])  # the agent answers in the caller's language
    parts.append(f"{words['reason']}: {reason}")
    return "; ".join(parts)


def _slots_for_agent(tenant: TenantView, state: CallState) -> dict[str, Any]:
    """The call's slots, with the postcode an unidentified caller said where they live."""
    slots: dict[str, Any] = dict(state.slots)
    told = postcode_told(tenant, state)
    if told:
        slots["postcode"] = told
    return slots


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
    hazard = hazard_noted(" ".join(ln for ln in lines if not denies_intake(ln)))  # (no
    # "Fremdkörper verzehrt" for "gegessen hat noch keiner davon")
    if hazard:
        notes.append(f"{words['health']}: {hazard}")
    others = _other_products_named(tenant, lines, state.slots.get("product"))
    if others:
        notes.append(f"{words['products']}: {', '.join(others)}")
    said = fold(" ".join(lines))
    if _REFUND.search(said):  # "ich will mein Geld zurück", "… den Kassenbon hab ich noch"
        notes.append(words["refund"])
    if _RECEIPT.search(said) and not _NO_RECEIPT.search(said):
        notes.append(words["receipt"])
    return notes


_REFUND = re.compile(
    r"\b(?:geld zurueck\w*|mein geld|zurueckerstatt\w*|erstatt\w*|rueckerstattung|"
    r"gutschrift|ersatz|refund\w*|money back|replacement)\b"
)
_RECEIPT = re.compile(r"\b(?:kassenbon|kassenzettel|quittung|beleg|bon|receipt)\b")
_NO_RECEIPT = re.compile(
    r"\b(?:kein\w*|ohne|nicht mehr|weggeworfen|no|without) (?:\w+ ){0,2}(?:kassenbon|"
    r"kassenzettel|quittung|beleg|bon|receipt)|(?:kassenbon|kassenzettel|quittung|beleg|bon|"
    r"receipt) (?:\w+ ){0,3}(?:nicht mehr|weggeworfen|verloren)\b"
)


def _unlisted_noted(tenant: TenantView, state: CallState) -> str | None:
    """What a product question asked that no catalog field says ("zu Verkaufsstellen und
    Verfügbarkeit"), for the agent the caller is put through to after "Angaben … habe ich
    leider nicht"; None for any other concern."""
    spec = state.intent
    if not tenant.catalog or spec is None or spec.action != "selfservice":
        return None
    builtin = (spec.answer or "").removeprefix("builtin:")
    if builtin not in PRODUCT_BUILTINS or state.intent_guessed:
        return None
    since = state.lines[state.concern_since :]
    lines = [ln.text for ln in since if ln.role == "caller"]
    asked = " ".join(tenant.without_product_name(line) for line in lines)
    about = " und ".join(p.about for p in unlisted_properties(asked, tenant.language)[:2])
    told = any(about in ln.text for ln in since if ln.role == "bot")  # (only when the caller
    return about if about and told else None  # was told so: not a product never found)


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
    elif state.customer_number and len(state.customer_number) == tenant.customer_digits:
        customer = {"number": state.customer_number, "verified": False, "name": None}
    # (a number of the wrong length, "408172533" with a digit heard twice, is no customer
    # number: the caller's words are in the transcript)
    slots: dict[str, Any] = _slots_for_agent(tenant, state)
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
                "role": line.role,  # (a card number or PIN read out: never stored in full)
                "text": mask_secrets(line.text, tenant.language)
                if line.role == "caller"
                else line.text,
                "at": _at(state, line.at_ms),
                "confidence": line.confidence,
            }
            for line in state.lines
        ],
        "started_at": _at(state, state.started_ms),
        "handed_off_at": _at(state, state.now_ms),
    }
