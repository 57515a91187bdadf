"""The bot's replies about our products: whether one is sold ("Haben Sie Hafermilch?"), the question
asked for when only a product was named, thanks for praise, and the advice and the urgent team
when something that may harm was swallowed. Module-level functions taking the tenant, state and
reply; InboundDialog (dialog/engine.py) and YesNoTurns call them.
"""

from __future__ import annotations

from voicebot.dialog import caller_input
from voicebot.dialog.answering import IntentSteps
from voicebot.dialog.intent_choice import set_intent
from voicebot.dialog.product_reading import is_praise, urgent_handoffs
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.events import Intent


def thank_for_praise(tenant: TenantView, state: CallState, reply: BotReply) -> None:
    """Thanks for praise where no intent of the tenant answers it, then "anything else?"."""
    thanks = tenant.prompts.say("praise_thanks")
    state.answered, state.last_answer = True, thanks
    reply.ask([thanks, tenant.prompts.say("anything_else")], "anything_else", "yesno")


def emergency(
    tenant: TenantView,
    state: CallState,
    reply: BotReply,
    text: str,
    event: Intent,
    advice: str = "health_emergency",
) -> None:
    """Something swallowed that may harm: the poison centre or 112 named, then the product
    team's urgent queue at once, the product kept for them (no batch number asked)."""
    urgent = urgent_handoffs(tenant)
    kept = state.slots.get("product") or state.last_product  # (the product asked about)
    if urgent and (state.intent is None or state.intent.priority != "high"):
        set_intent(state, urgent[0], 1.0, None)  # not "Allergene eines Produkts" for the
        # urgent team after "mein Sohn hat die Handcreme gegessen" - ingredients - "was soll
        # ich jetzt machen?"
    product = tenant.product_in(text) or kept
    if product and not state.slots.get("product"):
        state.slots["product"] = product
    queue = urgent[0].queue if urgent else tenant.default_queue
    told = [tenant.prompts.say(advice)]
    reply.handoff(told, queue=queue or tenant.default_queue, priority="high",
                       reason="intent")  # fmt: skip


def tell_if_sold(
    tenant: TenantView,
    state: CallState,
    reply: BotReply,
    steps: IntentSteps,
    product: str | None,
    other: str | None,
    parts: list[str],
) -> None:
    """ "Haben Sie Hafermilch?": yes, and what about it; "Habt ihr auch Kekse?": not
    ours; "Haben Sie das Duschgel auch mit Lavendel?": not that kind, only ours."""
    if product is not None and other is None:
        ask_about_product(
            tenant, state, reply, product, [*parts, tenant.prompts.say("product_sold")]
        )
        return
    state.answered = True
    if product is not None:
        told = tenant.prompts.say("product_kind_not_sold", product=tenant.product_name(product))
    else:
        told = caller_input.unknown_product_text(tenant.prompts, other)
    steps.anything_else([*parts, told])


def praise_thanks(tenant: TenantView) -> list[str]:
    """The tenant's answer to praise ("Das freut uns sehr! …"), if it has a praise intent."""
    praise = next((i for i in tenant.intents.values() if is_praise(tenant, i)), None)
    return [praise.answer] if praise is not None and praise.answer else []


def ask_about_product(
    tenant: TenantView, state: CallState, reply: BotReply, product: str, parts: list[str]
) -> None:
    """Only a product was named: the question about it is asked for, not guessed (the
    classifier reads a bare product name as a complaint or an allergen question)."""
    state.slots["product"] = state.last_product = product
    name = tenant.product_name(product)
    reply.ask([*parts, tenant.prompts.say("ask_about_product", product=name)], awaiting="concern")
