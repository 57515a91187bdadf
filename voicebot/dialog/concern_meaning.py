"""The middle concern steps (concern_steps.py): which concern the turn says. The words around a
customer number, a correction, the sentences and the concern just said no to, an urgent or harmful
part, product questions read again, a topic or area named alone, a product disliked, a contract
hotline's concern class, praise read as a complaint. `read_*` steps rewrite the turn, `answer_*`
steps may answer and end it.
"""

from __future__ import annotations

from dataclasses import replace

from voicebot.dialog.card_stopped import CANCEL_TOPIC, card_stopped, card_to_cancel_only
from voicebot.dialog.complaint_doubt import complaint_guessed
from voicebot.dialog.concern_class import concern_class
from voicebot.dialog.concern_readings import (
    area_only,
    first_said,
    named_by_topic,
    part_intents,
    sure_clause,
    taken_back_for_unclear,
    without,
    without_address_told,
    without_unsaid_hours,
)
from voicebot.dialog.concern_turn import ConcernTurn
from voicebot.dialog.correction_words import after_a_correction, corrected_part, corrects_a_product
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.dislike_reading import dislike_of_product, praise_of_a_dislike
from voicebot.dialog.ingredient_absence import absence_asked
from voicebot.dialog.intent_choice import is_new_concern, set_intent
from voicebot.dialog.money_reading import fraud_reported
from voicebot.dialog.number_said import concern_besides_number
from voicebot.dialog.praise_reading import praise_intent, praise_read_as_complaint, praise_unplaced
from voicebot.dialog.product_reading import (
    condition_asked,
    content_asked,
    found_in_product,
    harm_reported,
    ingredient_asked,
    other_kind_asked,
    problem_or_praise,
    question_not_praise,
    still_usable_asked,
)
from voicebot.dialog.product_replies import praise_thanks, thank_for_praise
from voicebot.dialog.question_words import refers_back
from voicebot.dialog.turn_clauses import parts_of
from voicebot.dialog.turn_parts import product_asked_about, urgent_part
from voicebot.dialog.unlisted_reading import unlisted_asked
from voicebot.dialog.wrong_recipient import wrong_recipient


def read_concern_besides_number(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "meine Nummer ist 40817287": no concern besides the number (it was read as a change of
    details); "meine frau hat den vertrag kundennummer 40817253 das internet geht nicht": the
    clause that says one."""
    if turn.number is not None:
        tenant = dialog.tenant
        turn.intent = concern_besides_number(tenant, turn.text, turn.number, turn.intent)
        turn.intent = sure_clause(tenant, turn.text, turn.intent)


def read_correction(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "Ich will kündigen, ach nein, eigentlich …": what is meant, the product kept. "I lost my
    card, no, actually it was stolen" refines the same concern: kept. "Was kostet das Duschgel?
    Ach nee, doch lieber die Handcreme.": the question kept, the product swapped (a later
    step)."""
    tenant, intent = dialog.tenant, turn.intent
    meant = corrected_part(turn.text) if turn.number is None else None
    if meant and tenant.product_only(meant):
        meant = None
    corrected = tenant.classify(meant, intent) if meant is not None else None
    refines = bool(meant) and is_new_concern(tenant, intent) and refers_back(meant or "")
    if meant and corrected and is_new_concern(tenant, corrected) and not refines:
        slots = {**intent.slots, **corrected.slots}
        turn.text, turn.intent = meant, replace(corrected, slots=slots)
    elif (
        meant and corrected and taken_back_for_unclear(tenant, turn.text, intent, meant, corrected)
    ):  # "…, sorry no, I mean I forgot the postcode …": words the NLU cannot place surely
        turn.text, turn.intent = meant, corrected


def read_product_corrected_to(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "Was kostet die Handcreme, äh nein, das Duschgel?": the product corrected to."""
    later = after_a_correction(turn.text)
    meant_product = dialog.tenant.product_in(later) if later else None
    if meant_product and turn.intent.slots.get("product") not in (None, meant_product):
        turn.intent = replace(turn.intent, slots={**turn.intent.slots, "product": meant_product})


def read_sentences(dialog: DialogParts, turn: ConcernTurn) -> None:
    """The turn's sentences, each classified once."""
    turn.sentences = parts_of(turn.text)
    turn.pieces = part_intents(dialog.tenant, turn.sentences, turn.intent)


def read_not_the_rejected(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "Is it about closing your account?" - "No." - "I am moving to Spain …": not that one
    again at once."""
    rejected, dialog.state.rejected = dialog.state.rejected, None
    if rejected is not None:
        turn.intent = without(turn.intent, rejected)
        turn.pieces = [without(p, rejected) for p in turn.pieces]


def answer_card_stopped(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "i need to cancel my card i think ive left it in a taxi": the card's concern, not
    cancelling a transfer; "can you cancel my card please" alone: the card team (a person), the
    request named, not the fraud team."""
    said = turn.text
    turn.text, turn.intent = card_stopped(dialog.tenant, said, turn.intent)
    if turn.number is not None or not card_to_cancel_only(dialog.tenant, said, turn.intent):
        return False
    state = dialog.state
    state.topic = CANCEL_TOPIC
    cards = "cards" in dialog.tenant.queues
    state.request_queue = "cards" if cards else dialog.tenant.default_queue
    dialog.reply.handoff_default(reason="intent")
    return True


def read_urgent_part(dialog: DialogParts, turn: ConcernTurn) -> None:
    """Money used without the caller ("… and it wasn't me": fraud); the concern said first of
    several, unless an urgent one wins; harm reported with a product."""
    tenant, text = dialog.tenant, turn.text
    intent = fraud_reported(tenant, text, turn.intent)
    first = first_said(tenant, text, turn.sentences, intent, turn.pieces)
    turn.intent = harm_reported(
        tenant, text, urgent_part(tenant, first, turn.pieces, turn.sentences)
    )


def read_wrong_recipient(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "i transferred 500 pounds to the wrong sort code …": a payment to cancel."""
    turn.intent = wrong_recipient(dialog.tenant, turn.text, turn.intent)


def read_product_question(dialog: DialogParts, turn: ConcernTurn) -> None:
    """Product questions the classifier read as a complaint, as praise or as unsure."""
    tenant, text, talked_about = dialog.tenant, turn.text, turn.talked_about
    intent = condition_asked(tenant, text, found_in_product(tenant, text, turn.intent))
    intent = content_asked(tenant, text, intent)  # "Ist im Duschgel Mikroplastik?"
    intent = absence_asked(tenant, talked_about, text, intent)  # "… ohne Zucker?"
    # "Ist da Butter drin?" after the Brezeln
    intent = ingredient_asked(tenant, talked_about, text, intent)
    intent = problem_or_praise(tenant, text, intent)  # "Das Müsli hat ranzig geschmeckt."
    intent = complaint_guessed(tenant, text, intent)  # "Schneckt in … einem Fett" (misheard)
    intent = still_usable_asked(tenant, text, intent)  # "… Kann ich die noch trinken?"
    # "Wo kann ich die Nougatcreme kaufen?": no field says it, the product question tells so
    intent = unlisted_asked(tenant, talked_about, text, intent)
    intent = other_kind_asked(tenant, text, intent)  # "… die Sonnencreme?"
    intent = question_not_praise(tenant, text, intent)  # "Ist die eigentlich bio?"
    turn.intent = intent


def read_praise_unplaced(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "tolle Firma, danke für …": the tenant's praise."""
    turn.intent = praise_unplaced(dialog.tenant, turn.text, turn.intent)


def read_product_asked_about(dialog: DialogParts, turn: ConcernTurn) -> None:
    """The product of the sentence that asks; not when the product is corrected ("Ist das
    Duschgel vegan? Ach nee, doch lieber die Handcreme": the product corrected to)."""
    if not corrects_a_product(turn.text):
        turn.intent = product_asked_about(dialog.tenant, turn.intent, turn.pieces, turn.sentences)


def read_topic_or_area(dialog: DialogParts, turn: ConcernTurn) -> None:
    """A concern named by its topic alone ("Rechnung.", "Zutaten Duschgel"), only its area
    ("I have a question about my account"), or opening hours the caller did not ask for ("wann
    kommt der Techniker?"); a move read from a turn that only says where the caller lives."""
    tenant, text = dialog.tenant, turn.text
    intent = named_by_topic(tenant, text, turn.intent)
    intent = area_only(tenant, text, intent)
    intent = without_unsaid_hours(tenant, text, intent)
    turn.intent = without_address_told(tenant, text, intent)  # "ich wohne in der …"


def answer_dislike(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A product the caller does not like ("Die Zahnpasta schmeckt meinen Kindern nicht"):
    feedback, no complaint; thanked for it and told it is passed on; a refund wish is offered a
    person, a question after it answered after the thanks (dislike_reading)."""
    tenant, state, prompts = dialog.tenant, dialog.state, dialog.prompts
    dislike = (
        dislike_of_product(tenant, turn.text, turn.talked_about) if turn.number is None else None
    )
    if dislike is None:
        return False
    state.last_product = dislike.product
    parts = turn.parts
    if dislike.praised:  # "… nicht schmecken, aber die Hafermilch ist super": both
        parts = [*parts, *(praise_thanks(tenant) or [prompts.say("praise_thanks")])]
    asked = tenant.classify(dislike.question, turn.intent) if dislike.question else None
    readable = asked is not None and (  # (a question the bot cannot place is not asked on:
        is_new_concern(tenant, asked)  # "nicht verstanden" lost the thanks)
        or tenant.asked_if_sold(dislike.question or "") is not None
    )
    if dislike.question is not None and asked is not None and readable:  # "… riecht mir zu
        dialog._on_concern(dislike.question, asked, None, [*parts, dislike.thanks])  # künstlich,
        return True  # ist da Parfum drin?"
    state.answered, state.last_answer = True, dislike.thanks
    if dislike.refund:  # "… ich möchte mein Geld zurück": a person, normal priority
        agent = tenant.agent_intent()
        if agent is not None:
            set_intent(state, agent, 1.0, None)
        state.topic = f"{dislike.note}; Erstattung gewünscht"
        refund = [prompts.say("no_refund_here"), prompts.say("offer_agent")]
        dialog.reply.ask([*parts, dislike.thanks, *refund], "offer_agent", "yesno")
        return True
    state.topic = dislike.note
    more = prompts.say("anything_else")
    dialog.reply.ask([*parts, dislike.thanks, more], "anything_else", "yesno")
    return True


def read_praise_of_a_dislike(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "… zu süß und ich möchte mich beschweren": no thanks for praise."""
    turn.intent = praise_of_a_dislike(dialog.tenant, turn.text, turn.intent)


def read_concern_class(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "meine SIM-Karte ist gesperrt", "ich will meinen Vertrag verlängern": the team that does
    it, named for the agent as the caller said."""
    turn.klass = concern_class(dialog.tenant, turn.text, turn.intent)
    turn.intent = turn.klass.event if turn.klass is not None else turn.intent


def answer_praise_read_as_complaint(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Ich wollte mich mal bedanken, der Techniker war super nett": no complaint; thanked (or
    the tenant's praise intent answers it)."""
    if turn.number is not None or not praise_read_as_complaint(
        dialog.tenant, turn.text, turn.intent
    ):
        return False
    if (praised := praise_intent(dialog.tenant)) is None:
        thank_for_praise(dialog.tenant, dialog.state, dialog.reply)
        return True
    confidence = max(turn.intent.confidence, dialog.tenant.threshold)
    turn.intent = replace(turn.intent, name=praised, confidence=confidence)
    turn.sure = bool(confidence)
    return False
