"""The parts of one caller turn (its sentences, each classified alone) and which of them is
the concern: an urgent part wins unless it is background to a question, the product of the
sentence that asks is the one meant, and parts that are no concern of their own are set aside."""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import (
    FOLLOW_UP,
    fold,
    introduces_only,
    is_lead_in,
    reports_problem,
)
from voicebot.events import Intent


def is_urgent(tenant: TenantView, event: Intent) -> bool:
    """A confident concern of high priority (fraud, a complaint)."""
    spec = tenant.intents.get(event.name or "")
    return spec is not None and spec.priority == "high" and is_new_concern(tenant, event)


def urgent_part(
    tenant: TenantView, intent: Intent, parts: list[Intent], sentences: list[str]
) -> Intent:
    """A high-priority concern in one part of the turn wins over the rest ("Which countries
    do you support? Also, I lost my card yesterday": the fraud team, not the country
    answer); otherwise the turn's own classification. A part that says nothing went wrong
    does not win over a sure concern of the whole turn ("Ich habe gestern die Nougatcreme
    gekauft. Ist da Palmöl drin?": a lead-in read as a complaint alone)."""
    if is_urgent(tenant, intent):
        return intent
    sure = is_new_concern(tenant, intent)
    for part, said in zip(parts, sentences, strict=False):
        if is_urgent(tenant, part) and not (sure and lead_in(tenant, said)):
            return part
    return intent


def product_asked_about(
    tenant: TenantView, intent: Intent, parts: list[Intent], sentences: list[str]
) -> Intent:
    """The product of the sentence that asks the question, not the first one the turn
    names ("Ich habe die Brezeln gekauft. Was kostet das Müsli?": the Müsli)."""
    for part, said in zip(parts, sentences, strict=False):
        own = tenant.product_in(said)
        if part.name == intent.name and own and own != intent.slots.get("product"):
            return replace(intent, slots={**intent.slots, "product": own})
    return intent


def lead_in(tenant: TenantView, said: str) -> bool:
    """A sentence before the question that is no complaint: it tells what the caller did
    or has ("Ich habe gestern die Nougatcreme gekauft.", "I've got an iPhone.") and says
    nothing went wrong; one that says how a product of ours was ("In den Brezeln war ein
    Fingernagel.", "Die Spätzle schmecken nach Seife.") stays a complaint."""
    if reports_problem(said):
        return False
    if is_lead_in(said):
        return True
    folded = set(fold(said).split())
    return not (tenant.product_in(said) and folded & _PRODUCT_STATE)


def aside(tenant: TenantView, intent: Intent, part: Intent, said: str) -> bool:
    """A part of the turn that is no concern of its own beside the one taken: a lead-in
    read as an urgent concern alone ("Ich habe gestern die Nougatcreme gekauft."), or the
    product corrected to ("Ach nee, doch lieber die Handcreme.")."""
    if introduces_only(said):  # (or the caller's name: "Guten Tag, mein Name ist …")
        return True
    if tenant.product_only(said) or product_followed_up(tenant, said):  # "doch lieber die
        return True  # Handcreme" (the product corrected to), "Und die Spätzle?", "was ist mit
    # den Käsespätzle" (answered with the first)
    background = is_urgent(tenant, part) and lead_in(tenant, said)
    return background and is_new_concern(tenant, intent) and not is_urgent(tenant, intent)


_PRODUCT_STATE = frozenset((  # how a product was ("war", "schmeckt", "riecht", "sah … aus")
    "war", "waren", "ist", "sind", "hat", "haben", "hatte", "hatten", "schmeckt", "schmecken",
    "schmeckte", "riecht", "riechen", "roch", "sieht", "sehen", "sah", "fuehlt", "klebt",
    "was", "is", "are", "tastes", "smells", "looks", "had",
))  # fmt: skip


def product_followed_up(tenant: TenantView, said: str) -> str | None:
    """ "Ist der Fruchtaufstrich vegan, und was ist mit den Käsespätzle?": a part that asks
    the same question about another product ("was ist mit …", "wie sieht es mit … aus",
    "und …?") and names nothing else: that product's id; None otherwise."""
    folded = fold(said)
    opener = FOLLOW_UP.match(folded)
    if opener is None:
        return None
    rest = _TRAILING.sub("", folded[opener.end() :])  # ("… mit dem Müsli aus")
    return tenant.product_only(rest) if rest.strip() else None


_TRAILING = re.compile(r"\s+(?:aus|denn|so|eigentlich)\s*[?.!]*\s*$")


def sold_asked_last(
    tenant: TenantView, sentences: list[str]
) -> tuple[str | None, str | None, bool] | None:
    """ "Ihre Brezeln sind super. Gibt es die auch als Laugenstangen?": whether we sell a
    product, asked in the last sentence after others: (our product, the kind not ours, whether
    an earlier sentence praised), the product of an earlier sentence standing for "die"; None
    when the last sentence asks no such thing."""
    from voicebot.dialog.product_reading import says_praise

    if len(sentences) < 2:
        return None
    sold = tenant.asked_if_sold(sentences[-1])
    if sold is None:
        return None
    product, other = sold
    before = " ".join(sentences[:-1])
    named = tenant.product_in(before)
    if product is None and other and named is not None and _POINTS_BACK.search(fold(sentences[-1])):
        product = named  # ("… auch als Laugenstangen": not that kind, only our Brezeln)
    return product, other, any(says_praise(s) for s in sentences[:-1])


_POINTS_BACK = re.compile(r"\b(?:die|der|das|den|es|sie|ihn|diese\w*)\b")
