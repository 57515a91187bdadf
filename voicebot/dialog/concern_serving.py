"""The last concern steps (concern_steps.py): the concern read is served. No company information,
a question over the whole catalog, the customer number said, a product sold or not, a product
named alone, the concern taken (the turn's other concerns noted to follow), a likely one asked
about, or not understood; the last step always answers.
"""

from __future__ import annotations

import re

from voicebot.dialog.answering import needs_of
from voicebot.dialog.caller_circumstances import speaks_another_language
from voicebot.dialog.catalog_question import catalog_wide_answer
from voicebot.dialog.company_question import business_enquiry, tell_no_company_info
from voicebot.dialog.concern_readings import complaint_unsaid, without_address_told
from voicebot.dialog.concern_turn import ConcernTurn
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.identify import identify
from voicebot.dialog.intent_choice import confirmable, is_new_concern, note_also, take_intent
from voicebot.dialog.number_said import short_concern_besides
from voicebot.dialog.product_reading import is_praise, praise_unsaid
from voicebot.dialog.product_replies import ask_about_product, praise_thanks, tell_if_sold
from voicebot.dialog.question_words import asks_about_earlier_case, is_question
from voicebot.dialog.recovery import no_match
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import (
    aside,
    clause_concerns,
    concerns_added_in_clauses,
    concerns_beside_a_guess,
    sold_asked_last,
)
from voicebot.dialog.unlisted_reading import told_beside
from voicebot.dialog.words import fold
from voicebot.events import Intent


def answer_company_question(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Suchen Sie noch Azubis?" (unsure, or read as praise: "Tolle Firma, wie viele
    Mitarbeiter haben Sie?"): no information, a person offered. ("eine Spende": no product.)"""
    tenant, intent = dialog.tenant, turn.intent
    unsure = not (turn.sure or is_new_concern(tenant, intent))
    unsure = unsure or "product_heard" in intent.slots
    taken = tenant.intents.get(intent.name or "")
    praised = taken is not None and is_praise(tenant, taken)
    thanks = praise_thanks(tenant) if praised else []
    if business_enquiry(tenant, turn.text, intent):  # "… Hafermilch im Großhandel beziehen":
        unsure, praised, thanks = True, False, []  # the company, no complaint, no praise
    return (
        turn.number is None
        and (unsure or praised)
        and tell_no_company_info(tenant, dialog.state, dialog.reply, turn.text, thanks)
    )


def answer_catalog_question(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Welche Ihrer Produkte enthalten Palmöl?": answered from the whole catalog."""
    state = dialog.state
    last = state.last_answer
    over_catalog = (
        catalog_wide_answer(dialog.tenant, turn.text, last) if turn.number is None else None
    )
    if over_catalog is None:
        return False
    state.answered, state.last_answer = True, over_catalog
    dialog.steps.anything_else([*turn.parts, over_catalog])
    return True


def read_identity(dialog: DialogParts, turn: ConcernTurn) -> None:
    """The customer number said: the caller identified (their name said first) or not."""
    turn.found = (
        identify(dialog.tenant, dialog.state, turn.number, turn.parts) if turn.number else None
    )


def answer_if_sold(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Haben Sie …?": sold or not. "Ihre Brezeln sind super. Gibt es die auch als
    Laugenstangen?": asked in the last sentence, the praise thanked for."""
    tenant = dialog.tenant
    sold = tenant.asked_if_sold(turn.text) if turn.number is None else None
    asked_last = sold_asked_last(tenant, turn.sentences) if turn.number is None else None
    if sold is None and asked_last is not None:
        *sold, praised = asked_last
        turn.parts.extend(praise_thanks(tenant) if praised else [])
    if sold is None:
        return False
    tell_if_sold(tenant, dialog.state, dialog.reply, dialog.steps, *sold, turn.parts)
    return True


def answer_product_only(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Ich hab eine Frage zur Hafermilch": what the caller wants to know about it."""
    if turn.number is None and (product := dialog.tenant.product_only(turn.text)):
        ask_about_product(dialog.tenant, dialog.state, dialog.reply, product, turn.parts)
        return True
    return False


def answer_product_named_as_praise(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A product named alone in misheard words that the classifier read as praise ("Lietumaten
    Sauce", Whisper's "Die Tomatensauce", was thanked for its praise): what the caller wants
    to know about it. Two or three words, not one of praise."""
    tenant, intent = dialog.tenant, turn.intent
    product = intent.slots.get("product") if intent.slots else None
    if turn.number is not None or not product or not tenant.sells(str(product)):
        return False
    short = len(turn.text.split()) <= 3 and not is_question(turn.text)
    if not (short and praise_unsaid(tenant, intent, turn.text)):
        return False
    ask_about_product(tenant, dialog.state, dialog.reply, str(product), turn.parts)
    return True


def answer_concern_taken(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A sure concern (or a concern class) becomes the call's and is served; the other concerns
    of the turn wait behind it."""
    klass = turn.klass
    taken = klass is not None and klass.take(dialog.state)
    if not (taken or take_intent(dialog.tenant, dialog.state, turn.intent)):
        return False
    _earlier_case(dialog, turn.text)  # "… letzte Woche angerufen, noch keine Antwort"
    _note_other_concerns(dialog, turn)
    dialog.steps.advance(turn.parts)
    return True


def _earlier_case(dialog: DialogParts, text: str) -> None:
    """A follow-up of a case reported before ("ich hab letzte Woche wegen Schimmel im Brot
    angerufen und noch keine Antwort"): the codes the concern asks for (a batch number)
    are not asked again (the agent finds the case), and the summary says so."""
    state, spec = dialog.state, dialog.state.intent
    if spec is None or not asks_about_earlier_case(text):
        return
    state.topic = dialog.prompts.say("earlier_case")
    kinds = getattr(dialog.tenant.tenant, "slot_types", None) or {}
    for need in needs_of(spec):
        kind = getattr(kinds.get(need), "kind", None)
        if need not in state.slots and kind == "batch":
            state.slots[need] = dialog.prompts.say("slot_unknown")


def _note_other_concerns(dialog: DialogParts, turn: ConcernTurn) -> None:
    """The turn's other sentences and clauses that say a concern of their own ("… und außerdem
    ist die Rechnung falsch"), noted to be served next."""
    tenant, state, intent, klass = dialog.tenant, dialog.state, turn.intent, turn.klass
    for other, said in zip(turn.pieces, turn.sentences, strict=False):
        if aside(tenant, intent, other, said):
            continue
        if klass is not None and klass.names(tenant, said, other):
            continue  # (the class said again in other words)
        # "Ich benutze die Handcreme jeden Tag.": no praise to thank for
        if praise_unsaid(tenant, other, said):
            continue
        # "Die Hafermilch stand die ganze Nacht draußen.": no problem said, no complaint to take
        if complaint_unsaid(tenant, state, other, said):
            continue
        # "… und wie viele sind in einer Packung?": told with the answer
        if told_beside(tenant, state.intent, other, said):
            continue
        if lives_at_only(tenant, other, said):  # "Ich wohne in 50677 Köln.": no move
            continue
        note_also(tenant, state, other, said)
    for other, said in turn.said_apart[1:]:
        note_also(tenant, state, other, said)
    if len(turn.sentences) < 2:  # one sentence without marks: "… and i want to know …"
        clauses = [  # ("… und die Rechnung ist auch zu hoch")
            *clause_concerns(tenant, turn.text, intent),
            *concerns_added_in_clauses(tenant, turn.text, intent),
        ]
        for other, said in clauses:
            if aside(tenant, intent, other, said):
                continue
            if praise_unsaid(tenant, other, said):  # ("… zu süß und …")
                continue
            if praise_before_but(tenant, other, said, turn.text):  # ("ihr Müsli ist echt
                continue  # super, aber da war ein Stein drin": no praise to note)
            if lives_at_only(tenant, other, said):  # "ich wohne in 50677 Köln und mein
                continue  # Telefon geht nicht" was "außerdem: Umzug" for the agent
            if klass is None or not klass.names(tenant, said, other):
                note_also(tenant, state, other, said)


def praise_before_but(tenant: TenantView, event: Intent, said: str, text: str) -> bool:
    """A clause read as praise that leads to an "aber" in the turn: the framing of what comes
    after it, nothing to note beside it."""
    spec = tenant.intents.get(event.name or "")
    if spec is None or not is_praise(tenant, spec):
        return False
    return re.search(rf"{re.escape(fold(said))}\s+aber\b", fold(text)) is not None


def lives_at_only(tenant: TenantView, part: Intent, said: str) -> bool:
    """A part that only says where the caller lives, read as a move or a change of address."""
    return part.name is not None and without_address_told(tenant, said, part).name is None


def answer_with_a_guess(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A likely concern asked about ("40817287, Rechnung.": "Danke, … Geht es um Ihre
    Rechnung?"); concerns said beside it ("… und ich will kündigen") are served after the one
    asked about."""
    tenant, state, number = dialog.tenant, dialog.state, turn.number
    besides = number is None or (
        turn.found and short_concern_besides(tenant, turn.text, number, turn.intent)
    )
    if not (besides and confirmable(tenant, state, turn.intent, turn.text)):
        return False
    guessed = state.candidate.id if state.candidate else ""
    for other, said in concerns_beside_a_guess(tenant, turn.text, turn.intent, guessed):
        note_also(tenant, state, other, said)
    dialog._ask_confirmation(turn.parts)
    return True


def answer_identified_only(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """The customer number said without a concern: the concern asked for once identified, else
    the identification goes on."""
    if turn.found is True:
        dialog.reply.ask([*turn.parts, dialog.prompts.say("ask_concern")], awaiting="concern")
        return True
    if turn.found is False:
        dialog._continue(turn.parts)
        return True
    return False


def answer_not_understood(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """Nothing else fits: another language, or not understood. Always answers."""
    if not speaks_another_language(
        dialog.tenant, dialog.state, dialog.reply, turn.text, turn.intent
    ):
        no_match(dialog.tenant, dialog.state, dialog.reply)
    return True
