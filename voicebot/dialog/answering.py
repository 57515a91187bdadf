"""What an intent needs before it can be served, and its answer from the tenant's files."""

from __future__ import annotations

from voicebot.dialog import caller_input
from voicebot.dialog.answers import BUILTIN_ANSWERS, PRODUCT_BUILTINS, Answer, AnswerFacts
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import IntentView, TenantView


def needs_of(spec: IntentView) -> list[str]:
    """The intent's `needs`, plus `product` for the built-in product answers."""
    needs = list(spec.needs)
    builtin = (spec.answer or "").removeprefix("builtin:")
    if builtin in PRODUCT_BUILTINS and "product" not in needs:
        needs.append("product")
    return needs


def answer_for(tenant: TenantView, state: CallState, spec: IntentView) -> Answer | None:
    """The intent's answer: a built-in over the tenant's tables, or its text with slots filled."""
    if not spec.answer:
        return None
    if spec.answer.startswith("builtin:"):
        builtin = BUILTIN_ANSWERS.get(spec.answer.removeprefix("builtin:"))
        if builtin is None:
            return None
        facts = AnswerFacts(
            customers=tenant.customers,
            outages=tenant.outages,
            catalog=tenant.catalog,
            customer=state.customer,
            slots=state.slots,
            caller_text=" ".join(ln.text for ln in state.lines if ln.role == "caller"),
        )
        return builtin(facts)
    return Answer(caller_input.fill_placeholders(spec.answer, state))
