"""The caller's answer when the concern's next slot is asked for (a product, a batch number, a
postcode): the slot read, a code joined over turns, another code or product said instead, a
question or another concern instead, or the products recognition was unsure between offered.
`SlotTurns` is the part of InboundDialog (dialog/engine.py) that reads such a turn.
"""

from __future__ import annotations

import re

from voicebot.dialog import caller_input
from voicebot.dialog.answering import IntentSteps, needs_of
from voicebot.dialog.closing_words import closes_call, gives_up
from voicebot.dialog.correction_words import corrects, takes_concern_back
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.intent_choice import concern_in_answer, reset_concern, set_aside, take_intent
from voicebot.dialog.number_talk import (
    asks_where,
    best_before_told,
    has_no_number,
    no_code_at_hand,
)
from voicebot.dialog.postcode_abroad import abroad_said
from voicebot.dialog.question_words import is_question
from voicebot.dialog.repeat_or_wait import asks_to_wait
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import clauses, loose_clauses
from voicebot.dialog.words import fold, starts_with_no
from voicebot.events import Intent


class SlotTurns(DialogParts):
    """The answers to the dialog's slot questions (mixed into InboundDialog)."""

    def _on_slot(self, slot: str, text: str, intent: Intent, value: str | None) -> None:
        found = caller_input.slot_in(slot, text, intent, value, self.tenant)
        if slot == "batch":  # "Moment, L 3 3": read back, the rest joined to it (caller_input)
            found = caller_input.code_so_far(self.state, found, text, self.tenant.language)
            if found is not None and caller_input.code_may_go_on(text, found):
                self.state.code_begun = self.state.slots[slot] = found  # (kept if no more
                told = self.prompts.say("code_complete", code=" ".join(found))  # comes)
                self.reply.ask([told], self.state.awaiting, self.state.last_expect, False)
                return
        if found is None:  # "L 1 2 3 4" at the product prompt
            _keep_other_needs(self.tenant, self.state, slot, text, intent)
        lacks = slot != "product" and has_no_number(text)  # ("vergessen, tschüss": no batch)
        unheard = found is None or str(found).startswith("?")  # ("ach, vergessen sie es,
        if unheard and gives_up(text):  # "ach, vergessen Sie es" (not "vergessen" the number)
            self.reply.end([self.prompts.say("goodbye")], reason="bot")
            return
        if unheard and closes_call(text) and not lacks:  # tschüss" is no product
            # "nein danke, das war alles" instead of the slot: done ("50667, danke, und
            self.reply.end([self.prompts.say("goodbye")], reason="bot")  # schönen Tag noch"
            return  # gives it)
        if self._number_corrected(text, value, intent) or _product_corrected(
            self.tenant, self.state, self.steps, slot, text, intent
        ):
            return
        if found is None and asks_to_wait(text):
            self._wait()
            return
        told_date = slot == "batch" and best_before_told(text) and not no_code_at_hand(text)
        if told_date and _date_read_as_code(text, found):  # "mindesthaltbar bis zwölf
            found = None  # zwanzig sechsundzwanzig" made the digits 122026: no batch number
        if found is None and self.prompts.has(f"{slot}_where") and (asks_where(text) or told_date):
            told = self.prompts.say(f"{slot}_where")  # "ich weiß nicht, wo die Nummer ist":
            self.reply.ask([told], self.state.awaiting, self.state.last_expect, False)  # where
            return  # it is, then waited for (not "Kein Problem" and handed off without it);
            # the best-before date said instead ("haltbar bis 12.10.") hears the same
        abroad = abroad_said(text) if found is None and slot == "postcode" else None
        if abroad is not None:  # "ich ziehe ins Ausland nach Österreich": no postcode to
            self.state.unclear = 0  # give (it was asked again until the caller fell silent)
            self.state.slots[slot] = abroad
            self.steps.advance([])
            return
        if found is None and slot != "product" and no_code_at_hand(text):
            # "die Chargennummer weiß ich nicht", "nein, die Packung ist weg": noted for the
            # agent, not asked again
            self.state.slots[slot] = self.prompts.say("slot_unknown")
            self.steps.advance([self.prompts.say("slot_skipped")])
            return
        if found is not None:
            self.state.unclear = 0
            self.state.slots[slot] = found
            self.steps.advance([])
            return
        if slot != "product" and _asks_instead(self.tenant, self.state, self.steps, text, intent):
            return
        self.state.unclear += 1
        if (
            self.state.unclear < 3
            and slot == "product"
            and _offer_products(self.tenant, self.state, self.reply)
        ):
            return
        if self.state.unclear < 3:
            self.steps.ask_slot(slot, [], again=True)
        elif slot == "product":  # never guess a product: a person finds out which one
            self.reply.handoff_for_intent([], reason="no_match")
        else:
            self.state.slots[slot] = text.strip()
            self.steps.advance([])


def _keep_other_needs(
    tenant: TenantView, state: CallState, slot: str, text: str, intent: Intent
) -> None:
    """Another code the concern needs, said before it is asked for (the batch number at
    the product prompt): kept, so it is not asked for again."""
    if state.intent is None:
        return
    codes = caller_input.codes_in(needs_of(state.intent), text, intent, tenant)
    for other, said in codes.items():
        if other != slot and not state.slots.get(other):
            state.slots[other] = said


def _product_corrected(
    tenant: TenantView, state: CallState, steps: IntentSteps, slot: str, text: str, intent: Intent
) -> bool:
    """Another of our products named with a correction, or alone, at a prompt for the
    concern's next slot ("Oh Moment, Entschuldigung, ich hab mich vertan, es waren die
    Käsespätzle" at the batch number): the product meant, and the slot asked for again."""
    if slot == "product" or not state.slots.get("product"):
        return False
    said_no = bool({"nein", "nee", "no"} & set(fold(text).split()))  # "Äh, nein, es war
    if not (corrects(text) or said_no or tenant.product_only(text)):  # die Marmelade"
        return False  # ("Dinkelbrot" alone)
    product = tenant.product_in(text)
    if product is None or product == state.slots["product"]:
        return False
    state.slots["product"] = state.last_product = product
    noted = tenant.prompts.say("product_noted", product=tenant.product_name(product))
    said = caller_input.slot_in(slot, text, intent, None, tenant)
    if said is not None:  # "…, sondern die Hafermilch, Charge L 1 1 2 2"
        state.slots[slot] = said
        steps.advance([noted])
    else:
        steps.ask_slot(slot, [noted])
    return True


def _asks_instead(
    tenant: TenantView, state: CallState, steps: IntentSteps, text: str, intent: Intent
) -> bool:
    """Another concern said instead of the batch number or postcode ("Nee, ich hab nur ne
    Frage. Ist der vegan?"): that one is served, the product named before kept."""
    declined = starts_with_no(text) or takes_concern_back(text)  # ("ach nein, ich will
    if not (is_question(text) or declined):  # doch nicht umziehen, ich will kündigen")
        return False  # a statement ("Dinkelbrot", "mindestens haltbar bis …") is no concern
    concern = concern_in_answer(tenant, text, intent)
    said = clauses(text)
    said = said if len(said) > 1 else loose_clauses(text)  # (Whisper's turn: no commas)
    if (  # "nein, ich will nichts reklamieren, ich will nur wissen, ob da Mikroplastik drin
        concern is not None  # ist": the concern turned down is named; the last clause
        and state.intent is not None  # says what it is about
        and concern.name == state.intent.id
        and declined
        and len(said) > 1
    ):
        last = tenant.classify(said[-1], intent)
        concern = concern_in_answer(tenant, said[-1], last)
    if concern is None or state.intent is None or concern.name == state.intent.id:
        return False
    product = state.slots.get("product")
    if declined:  # "Nee, ich hab nur ne Frage …": not that concern
        reset_concern(state)
    else:  # "Ist da Sesam drin?": answered, then the batch number asked for again
        set_aside(state)
        state.intent = None
    take_intent(tenant, state, concern)
    if product and not state.slots.get("product"):
        state.slots["product"] = product
    steps.advance([])
    return True


def _offer_products(tenant: TenantView, state: CallState, reply: BotReply) -> bool:
    """Recognition was unsure between two of our products: "Meinen Sie Haferdrink oder
    Schokomüsli?", expecting one of the two (not offered twice)."""
    offered = tuple(p for p in state.pending_candidates if tenant.sells(p))[:2]
    expect = tenant.products_expect(offered)
    if len(offered) < 2 or offered == state.offered or expect is None:
        return False
    state.offered = offered
    which = tenant.prompts.say("product_which", either=tenant.either(offered))
    reply.ask([which], awaiting="slot:product", expect=expect)
    return True


# The batch number named beside the date ("Charge L 1 2 3, haltbar bis …"), or said before it
# ("da steht 4 4 1 7 und daneben mindestens haltbar bis …"): the code is given
_BATCH_NAMED = re.compile(r"\b(?:charge\w*|chargennummer\w*|los|losnummer|batch|lot)\b")
_DATE_WORDS = re.compile(r"\b(?:mindest\w*|haltbar|mhd|ablaufdatum|verfallsdatum)\b")
_NUMBER = re.compile(
    r"\d|\b(?:null|eins|ein|zwei|zwo|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf)\b"
)


def _date_read_as_code(text: str, found: object) -> bool:
    """Digits only, read from a best-before date said at the batch prompt: no batch named,
    no number before the date's words."""
    code = str(found or "").replace(" ", "")
    folded = fold(text)
    date = _DATE_WORDS.search(folded)
    before = folded[: date.start()] if date else folded
    return code.isdigit() and not _BATCH_NAMED.search(folded) and not _NUMBER.search(before)
