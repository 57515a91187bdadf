"""What an intent needs before it can be served, and its answer from the tenant's files."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from voicebot.dialog import caller_input
from voicebot.dialog.answers import (
    BUILTIN_ANSWERS,
    PRODUCT_BUILTINS,
    Answer,
    AnswerFacts,
    also_asked,
)
from voicebot.dialog.correction_words import corrects_a_product
from voicebot.dialog.identify import needs_identity
from voicebot.dialog.intent_choice import take_next_concern
from voicebot.dialog.question_words import asks_in_writing, follows_up, is_question
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import IntentView, TenantView
from voicebot.dialog.turn_clauses import parts_of
from voicebot.dialog.turn_parts import product_followed_up
from voicebot.dialog.unlisted_property import FIELD_NAMED, UnlistedProperty, unlisted_properties
from voicebot.dialog.words import fold


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
            caller_lines=_caller_lines(state),
            now=state.started_at,
        )
        answer = builtin(facts)
        name = spec.answer.removeprefix("builtin:")
        if answer is None or answer.unknown_product or name not in PRODUCT_BUILTINS:
            return answer
        unlisted = _unlisted_asked(tenant, facts)
        if unlisted:  # "Ist die Tomatensoße bio?": never the vegan answer instead
            told = _no_field_for(tenant, facts, name, answer, unlisted)
            return _not_in_writing(tenant, facts, told)  # ("… schriftliche Bestätigung")
        answer = _with_more_asked(tenant, state, facts, name, answer)
        answer = _for_other_products(tenant, state, facts, builtin, name, answer)
        answer = _shop_price_noted(tenant, facts, name, answer)
        return _not_in_writing(tenant, facts, answer)
    return Answer(caller_input.fill_placeholders(spec.answer, state))


# A price the caller met in a shop ("im Angebot für 1,99", "bei mir im Markt viel teurer",
# "warum ist der Preis so gestiegen"): the recommended price is not what shops must charge
_SHOP_PRICE = re.compile(
    r"\b(?:angebot|teurer|billiger|guenstiger|gestiegen|erhoeht|aufgeschlagen|preiserhoehung|"
    r"im (?:laden|markt|supermarkt|geschaeft|discounter)|bezahlt|gezahlt|\d+ euro|euro \d+|"
    r"bei (?:edeka|rewe|aldi|lidl|penny|netto|kaufland|dm|rossmann|mueller))\b"
)


def _shop_price_noted(tenant: TenantView, facts: AnswerFacts, name: str, answer: Answer) -> Answer:
    """The price answer, plus that shops set their own prices when the caller talks about a
    price met in a shop."""
    asked = facts.caller_lines[-1] if facts.caller_lines else ""
    if name != "product_price" or not _SHOP_PRICE.search(fold(asked)):
        return answer
    return replace(answer, text=f"{answer.text} {tenant.prompts.say('price_by_shops')}")


def _not_in_writing(tenant: TenantView, facts: AnswerFacts, answer: Answer) -> Answer:
    """A product answer asked for in writing ("… per E-Mail schicken?"): told by phone, then
    that the bot cannot send it and a person offered (who can)."""
    if not asks_in_writing(facts.caller_lines[-1] if facts.caller_lines else ""):
        return answer
    return replace(answer, text=f"{answer.text} {tenant.prompts.say('not_in_writing')}",
                   offer_agent=True)  # fmt: skip


def _unlisted_asked(tenant: TenantView, facts: AnswerFacts) -> list[UnlistedProperty]:
    """Properties the caller's question asks about that the catalog has no field for; the
    question is the latest line, or the one before when the latest only named the product
    ("Ist die eigentlich bio?" - "Um welches Produkt?" - "die Tomatensoße")."""
    lines = list(facts.caller_lines[-2:])
    if len(lines) == 2 and not tenant.product_only(lines[-1]):
        lines = lines[-1:]
    asked = " ".join(tenant.without_product_name(line) for line in lines)
    return unlisted_properties(asked, tenant.language)


def _no_field_for(
    tenant: TenantView,
    facts: AnswerFacts,
    name: str,
    answer: Answer,
    unlisted: list[UnlistedProperty],
) -> Answer:
    """ "Angaben zur Bio-Qualität habe ich für … leider nicht." and a person offered; the
    field's own answer before it only when the question names that field too ("Ist die
    Zahnpasta tierversuchsfrei und vegan?": the vegan answer, then no information)."""
    product = tenant.product_name(str(facts.slots.get("product") or ""))
    about = " und ".join(p.about for p in unlisted[:2])
    if any(p.in_name(product) for p in unlisted):  # (the name may say "Bio": told as it is)
        told = tenant.prompts.say("no_field_but_name", about=about, product=product)
    else:
        told = tenant.prompts.say("no_field", about=about, product=product)
    field = FIELD_NAMED.get(name)
    asked = tenant.without_product_name(facts.caller_lines[-1] if facts.caller_lines else "")
    if field is not None and field.search(fold(asked)):
        told = f"{answer.text} {told}"
    return Answer(told, offer_agent=True)


def _caller_lines(state: CallState) -> tuple[str, ...]:
    """What the caller said about the current concern: since it began, with the turn that
    named it cut to its own part when that turn said more."""
    lines = [ln.text for ln in state.lines[state.concern_since :] if ln.role == "caller"]
    if state.concern_words and lines:
        lines[0] = state.concern_words
    return tuple(lines)


def _with_more_asked(
    tenant: TenantView, state: CallState, facts: AnswerFacts, name: str, answer: Answer
) -> Answer:
    """A product answer with the other product answers the same question asks for ("Ist die
    Tomatensauce vegan und glutenfrei?": both), each said once per product and call; not those
    of concerns waiting to be served after it ("Sie hatten außerdem … erwähnt")."""
    waiting = {c.intent.answer for c in state.also}
    offered = {i.answer for i in tenant.intents.values()} - waiting
    given, product = state.answers_given, state.slots.get("product")
    more: list[tuple[str, str]] = []
    for other in also_asked(facts, name):
        if f"builtin:{other}" in offered and (other, product) not in given:
            extra = BUILTIN_ANSWERS[other](facts)
            if extra is not None:
                more.append((other, extra.text))
    given.update((said, product) for said in [name, *(other for other, _ in more)])
    if not more:
        return answer
    return replace(answer, text=" ".join([answer.text, *(text for _, text in more)]))


_JOINED = re.compile(r",|\b(?:und|oder|sowie|and|or)\b", re.IGNORECASE)


def _for_other_products(
    tenant: TenantView,
    state: CallState,
    facts: AnswerFacts,
    builtin: Any,
    name: str,
    answer: Answer,
) -> Answer:
    """The same answer for each other catalog product the question names beside the slot's,
    in the order said, each once per call: products joined by "und"/"oder" in the sentence
    that asks ("Sind die Brezeln und die Spätzle vegan?"), in a follow-up of the same turn
    ("Sind im Müsli Nüsse? Und die Spätzle?") or in another sentence asking the same; none
    when the turn corrects a product ("… ach nee, doch lieber die Handcreme")."""
    product = state.slots.get("product")
    said = facts.caller_lines[-1] if facts.caller_lines else ""
    if corrects_a_product(said):  # "die Marmelade, ach nee, ich meine die Tomatensauce"
        return answer
    parts = parts_of(said)
    naming = [p for p in parts if tenant.product_in(p) == product]  # the question naming it
    asking = next((p for p in naming if "?" in p or is_question(p)), naming[0] if naming else "")
    same = [  # "Sind im Müsli Nüsse? Und die Spätzle?": the same question about each
        p for p in parts
        if (
            p == asking or (follows_up(p) and tenant.product_only(p))
            or product_followed_up(tenant, p)  # ("… und was ist mit den Käsespätzle")
            or _asks_the_same(tenant, p, name)
        )
    ]  # fmt: skip
    named: list[str] = []  # in the order said
    for piece in (bit for p in same for bit in _JOINED.split(p)):
        found = tenant.product_in(piece)
        if found and found not in named:
            named.append(found)
    if len(named) < 2 or product not in named:
        return answer
    texts = []
    for other in named:
        if other == product:
            texts.append(answer.text)
            continue
        if (name, other) in state.answers_given:
            continue
        extra = builtin(replace(facts, slots={**facts.slots, "product": other}))
        if extra is not None and not extra.unknown_product:
            texts.append(extra.text)
            state.answers_given.add((name, other))
    return replace(answer, text=" ".join(texts))


def _asks_the_same(tenant: TenantView, part: str, name: str) -> bool:
    """The sentence asks the question that `name` answers (read alone by the tenant's NLU)."""
    nlu = tenant.nlu
    if nlu is None:
        return False
    found = nlu.classify(part)
    spec = tenant.intents.get(found.intent or "")
    return spec is not None and spec.answer == f"builtin:{name}"


class IntentSteps:
    """Serves the call's concern: asks for its missing needs, then answers or hands off."""

    def __init__(self, tenant: TenantView, state: CallState, reply: BotReply) -> None:
        self.tenant = tenant
        self.state = state
        self.reply = reply
        self.prompts = tenant.prompts

    def ask_customer_number(self, parts: list[str], add_request: bool = True) -> None:
        """Asks for the customer number the concern needs (expecting its digits); not twice
        when the words before already ask for it again ("… nicht gefunden. Bitte nennen Sie
        sie noch einmal …")."""
        if add_request and not self.state.number_asked_again:
            parts = [*parts, self.prompts.say("ask_customer_number")]
        self.state.number_asked_again = False
        self.reply.ask(
            parts, awaiting="customer_number", expect=f"digits:{self.tenant.customer_digits}"
        )

    def advance(self, parts: list[str]) -> None:
        """Asks for the next missing need of the intent, or answers, or hands off."""
        state = self.state
        spec = state.intent
        assert spec is not None  # only called once an intent is chosen
        for need in needs_of(spec):
            if need == "customer_number":
                if needs_identity(self.tenant, self.state):
                    self.ask_customer_number(parts)
                    return
            elif (
                need == "product" and _not_ours(state.slots.get(need)) and spec.action == "handoff"
            ):
                if state.product_unknown:  # named again after "not ours": handed off with it
                    continue
                heard = state.slots.pop(need)  # "Mein Nutella ist ranzig": not handed to our
                not_ours = self._not_ours(heard)  # quality
                state.product_unknown = True  # team as a complaint: which of ours is it?
                self.ask_slot(need, [*parts, not_ours])
                return
            elif not state.slots.get(need):
                if need == "product" and state.last_product:  # "und ist die auch vegan?"
                    state.slots["product"] = state.last_product
                    continue
                self.ask_slot(need, parts)
                return
        self._answer_or_handoff(spec, parts)

    def ask_slot(self, slot: str, parts: list[str], again: bool = False) -> None:
        """Asks for a missing slot; a product asked again names examples ("Welches Produkt …?")."""
        key = f"ask_slot_{slot}"
        if again and slot == "product":
            text = self.prompts.say("product_unclear", example=self.tenant.product_examples())
        elif self.prompts.has(key):
            text = self.prompts.say(key)
        else:
            text = self.prompts.say("ask_slot", slot=slot)
        expect = caller_input.slot_expect(slot, self.tenant)
        self.reply.ask([*parts, text], awaiting=f"slot:{slot}", expect=expect)

    def _answer_or_handoff(self, spec: IntentView, parts: list[str]) -> None:
        product = self.state.slots.get("product")
        if product and not product.startswith("?"):  # one of ours: the call's product now
            self.state.last_product = product
        answer = answer_for(self.tenant, self.state, spec)
        if answer is not None and answer.unknown_product:
            product = self.state.slots.pop("product", None)
            self.state.answered = self.state.product_unknown = True
            parts = [*parts, self._not_ours(product)]
            self._drop_questions_about_it()
            self.anything_else(parts)
        elif answer is not None and answer.offer_agent:
            self.state.answered, self.state.last_answer = True, answer.text
            self.reply.ask(
                [*parts, answer.text, self.prompts.say("offer_agent")], "offer_agent", "yesno"
            )
        elif answer is not None and spec.action == "handoff" and spec.queue:
            self.reply.handoff_for_intent([*parts, answer.text], reason=self.reason())
        elif answer is not None:
            self.state.answered, self.state.last_answer = True, answer.text
            self.anything_else([*parts, answer.text])
        elif spec.queue and (spec.action == "handoff" or (spec.answer or "").startswith("builtin")):
            self.reply.handoff_for_intent(parts, reason=self.reason())
        else:
            self.anything_else([*parts, self.prompts.say("no_information")])

    def _drop_questions_about_it(self) -> None:
        """ "Haben Sie einen Eistee Pfirsich? Ist der vegan?": the other product questions of
        the same turn without a product of their own asked about the one we do not sell, so
        they are not served after "not one of ours" (nor asked "which product?")."""
        turn = max(0, len(self.state.lines) - 1)
        self.state.also = [
            c for c in self.state.also
            if c.said_at != turn or "product" not in needs_of(c.intent) or c.slots.get("product")
        ]  # fmt: skip

    def _not_ours(self, heard: str | None) -> str:
        """ "Himbeermarmelade ist leider keines unserer Produkte. Wir haben nur Sonnhof Erdbeer
        Fruchtaufstrich." (the product of ours it resembles named, if one does)."""
        ours = self.tenant.similar_product(heard)
        return caller_input.unknown_product_text(self.prompts, heard, ours)

    def anything_else(self, parts: list[str]) -> None:
        """After a served concern: the next one the caller also named ("Sie hatten außerdem …
        erwähnt."), else "Kann ich sonst noch helfen?"."""
        concern = take_next_concern(self.state)
        if concern is None:
            self.reply.ask([*parts, self.prompts.say("anything_else")], "anything_else", "yesno")
            return
        topic = concern.intent.topic  # "die Frage, ob ein Produkt vegan ist" + "," before the verb
        topic += "," if "," in topic and self.tenant.language == "de" else ""
        self.advance([*parts, self.prompts.say("also_concern", topic=topic)])

    def reason(self) -> str:
        """The handoff reason of a served concern: chosen in the DTMF menu, or understood."""
        return "dtmf_menu" if self.state.via_menu else "intent"


def _not_ours(product: str | None) -> bool:
    """A product named that is not in the catalog (kept as '?<words>', caller_input)."""
    return bool(product) and str(product).startswith("?")
