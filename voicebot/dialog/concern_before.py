"""The first concern steps (concern_steps.py): what a turn at the open question says instead of
or around a concern, read before the concern itself: the customer number (corrected, said again,
asked about, in parts, not at hand), a goodbye or a greeting, a wish to hold on, another language,
a standing order, a death, a concern taken back or mended, a callback, a complaint no intent
places, nonsense, a question run on after praise. `answer_*` steps may answer and end the turn,
`read_*` steps only rewrite it.
"""

from __future__ import annotations

from dataclasses import replace

from voicebot.dialog import caller_input
from voicebot.dialog.call_questions import (
    asks_about_privacy,
    asks_cost_of_call,
    cost_answer,
    without_cost_question,
)
from voicebot.dialog.caller_circumstances import bereaved, note_death, speaks_another_language
from voicebot.dialog.closing_turn import done
from voicebot.dialog.company_question import tell_no_company_info
from voicebot.dialog.complaint_reading import complaint_unplaced
from voicebot.dialog.concern_after_done import concern_after_done
from voicebot.dialog.concern_class import concern_class
from voicebot.dialog.concern_readings import nothing, sure_clause, without_address_told
from voicebot.dialog.concern_turn import ConcernTurn
from voicebot.dialog.customer_number_turns import number_again, number_part_only
from voicebot.dialog.dialled_for import concern_after_dialled_for
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.greeting_words import greets_only
from voicebot.dialog.identify import needs_identity
from voicebot.dialog.intent_choice import is_new_concern, is_own_concern, take_intent
from voicebot.dialog.label_reading import question_after_label
from voicebot.dialog.money_reading import fraud_reported
from voicebot.dialog.number_talk import asks_about_own_number, besides_no_number, has_no_number
from voicebot.dialog.payment_orders import order_alone, order_beside
from voicebot.dialog.praise_reading import question_after_praise
from voicebot.dialog.product_reading import ingredient_asked
from voicebot.dialog.product_replies import praise_thanks, thank_for_praise
from voicebot.dialog.question_words import asks_for_callback
from voicebot.dialog.recovery import no_match
from voicebot.dialog.repeat_or_wait import asks_to_hold, asks_to_wait
from voicebot.dialog.state import CallState
from voicebot.dialog.survey_people import hands_over
from voicebot.dialog.taken_back import (
    concern_taken_back,
    done_and_thanked,
    fault_mended,
    thanks_said,
)
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import (
    concern_after_lead_in,
    concern_without_denied_complaint,
    concern_without_own_age,
    concerns_by_clause,
    is_urgent,
)
from voicebot.dialog.unserved_requests import request_alone, request_beside, request_queue
from voicebot.dialog.words import fold
from voicebot.events import Intent


def answer_number_corrected(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "nein, die letzte ist eine 3": that digit of the number said before changed."""
    return dialog._number_corrected(turn.text, turn.value, turn.intent)


def answer_goodbye(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A turn that ends the call (closing_turn.done): goodbye."""
    if not done(dialog.tenant, dialog.state, turn.text, turn.intent):
        return False
    dialog.reply.end([dialog.prompts.say("goodbye")], reason="bot")
    return True


def read_number(dialog: DialogParts, turn: ConcernTurn) -> None:
    """Whether the customer number is still needed, the number said if so, and whether the
    concern is sure."""
    turn.number_asked = needs_identity(dialog.tenant, dialog.state)
    turn.sure = is_new_concern(dialog.tenant, turn.intent)
    if turn.number_asked:
        turn.number = caller_input.number_in(turn.text, turn.value, dialog.tenant)


def answer_number_again(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "4 0 8 1 7 2 5 3" once more after "Danke, Petra Lindner": no miss."""
    return not turn.number_asked and number_again(
        dialog.tenant, dialog.state, dialog.reply, turn.text, turn.value
    )


def answer_where_the_number_is(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "wo finde ich meine Kundennummer?" (it was read as the online bills, or a bill
    question): where it is written."""
    if turn.number is None and turn.number_asked and asks_about_own_number(turn.text):
        where = dialog.prompts.say("customer_number_where")
        dialog.steps.ask_customer_number([where], False)
        return True
    return False


def answer_number_in_parts(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "meine Kundennummer ist 4 0 8 1 7 2": the rest asked for, not "nicht verstanden"."""
    if turn.number is None and turn.number_asked and number_part_only(dialog.tenant, turn.text):
        dialog._on_customer_number(turn.text, turn.intent, turn.value)
        return True
    return False


def answer_call_question(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "was kostet mich eigentlich dieser Anruf": the cost told from the dialed numbers, then
    the concern asked (or the one said with it read on); "was passiert mit meinen Daten":
    no information here, a person offered (call_questions)."""
    tenant = dialog.tenant
    if turn.number is not None or not tenant.language.startswith(("de", "en")):
        return False
    if asks_about_privacy(turn.text):
        return tell_no_company_info(tenant, dialog.state, dialog.reply, turn.text)
    if not asks_cost_of_call(turn.text, tenant.language):
        return False
    told = cost_answer(tenant.tenant.dialed, tenant.language)
    rest = without_cost_question(turn.text)
    if len(rest.split()) >= 3:  # "was kostet der Anruf, ich hab eine Frage zur Rechnung"
        turn.parts.append(told)
        turn.text = rest
        turn.intent = tenant.classify(rest, turn.intent)
        turn.sure = is_new_concern(tenant, turn.intent)
        return False
    dialog.state.answered = True  # ("nein, das war's" then ends the call)
    dialog.reply.ask([told, dialog.prompts.say("ask_concern")], awaiting="concern")
    return True


def read_without_background(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "I'm 82 and …": the age is background; "ich möchte mich nicht beschweren, nur wissen
    …": the rest is the concern; a label read out before the question (label_reading.py)."""
    if turn.number is None:
        tenant = dialog.tenant
        turn.intent = concern_without_own_age(tenant, turn.text, turn.intent)
        turn.text, turn.intent = concern_without_denied_complaint(tenant, turn.text, turn.intent)
        turn.intent = question_after_label(tenant, turn.text, turn.intent)  # "ich lese vor …"
        turn.sure = is_new_concern(tenant, turn.intent)


def read_concern_after_done(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "die Techniker haben den Router eingerichtet, aber ich finde die Rechnung dafür zu
    hoch": the bill, not the router set-up the words before "aber" name; "mein Sohn hat die
    Nummer für mich gewählt, ich hab ein Problem mit der Rechnung": the bill (dialled_for)."""
    if turn.number is None:
        turn.intent = concern_after_done(dialog.tenant, turn.text, turn.intent)
        turn.intent = concern_after_dialled_for(dialog.tenant, turn.text, turn.intent)


def read_sure_clause(dialog: DialogParts, turn: ConcernTurn) -> None:
    """An unsure turn whose clause or words after a lead-in say the concern surely ("ich hab die
    nummer nicht zur hand aber … und das internet geht nicht"; "yes i want to check my …")."""
    if turn.number is None and not turn.sure:
        tenant = dialog.tenant
        turn.intent = sure_clause(tenant, turn.text, turn.intent)
        turn.intent = concern_after_lead_in(tenant, turn.text, turn.intent)
        turn.sure = is_new_concern(tenant, turn.intent)


def read_first_of_several(dialog: DialogParts, turn: ConcernTurn) -> None:
    """ "das internet geht nicht und die rechnung ist auch zu hoch": the first concern said in
    a clause of its own is served, the others wait (the turn was unsure between them)."""
    if turn.number is None:
        turn.said_apart = concerns_by_clause(dialog.tenant, turn.text, turn.intent)
    if turn.said_apart:
        first = turn.said_apart[0][0]
        turn.intent, turn.sure = replace(first, slots={**turn.intent.slots, **first.slots}), True


def answer_greeting(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "Hallo?": a greeting back, not "nicht verstanden" (once)."""
    if turn.number is None and greets_only(turn.text) and not dialog.state.greeted:
        dialog.state.greeted = True
        dialog.reply.ask([dialog.prompts.say("ask_concern")], awaiting="concern")
        return True
    return False


def answer_hold_on(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "sorry, can you hold on one second", "ich geb Ihnen mal meinen Mann": "Gerne, ich
    warte.", not "Sorry, I did not understand"."""
    holds = asks_to_hold(turn.text) or hands_over(fold(turn.text))
    if holds and turn.number is None and not turn.sure:
        dialog._wait()
        return True
    return False


def answer_no_number_at_hand(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """The caller has no customer number (asked for it, not waiting: "…nicht auswendig, Moment,
    ich schau nach" is waited for). "ich hab keine Kundennummer" alone is no fault of the line
    ("kein Freizeichen"): the concern is read from the words besides it. "Ich kenn meine
    Kundennummer nicht, es geht um meine Rechnung": not asked for it (twice); "Ich weiß meine
    Kundennummer nicht, ich heiße …": asked for the concern."""
    text = turn.text
    names_it = bool({"nummer", "kundennummer", "number"} & set(fold(text).split()))
    waits = asks_to_wait(text)
    if not (turn.number is None and turn.number_asked and names_it and has_no_number(text)):
        return False
    if (rest := besides_no_number(text)) != fold(text):
        tenant = dialog.tenant
        turn.text = rest
        turn.intent = tenant.classify(rest, turn.intent) if rest else nothing(turn.intent)
        turn.intent = sure_clause(tenant, rest, turn.intent) if rest else turn.intent
        turn.intent = without_address_told(tenant, rest, turn.intent)  # ("… ich wohne in …")
        turn.sure = is_new_concern(tenant, turn.intent)
    if waits:
        return False
    dialog.state.unidentified = True
    skipped = dialog.prompts.say("customer_skipped")
    if turn.sure:
        turn.parts.append(skipped)
        return False
    dialog.reply.ask([skipped, dialog.prompts.say("ask_concern")], awaiting="concern")
    return True


def answer_in_another_language(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A turn in another language than the hotline's (caller_circumstances)."""
    return turn.number is None and speaks_another_language(
        dialog.tenant, dialog.state, dialog.reply, turn.text, turn.intent
    )


def answer_standing_order(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "I want to cancel a direct debit": a person, not the fraud team (Banking77 has no intent
    for standing orders or direct debits set up or cancelled); "my late husband's standing
    order …": condolences. Beside another concern ("… a direct debit and my card is not
    working"): the card."""
    if turn.number is not None:
        return False
    order, turn.text, turn.intent = order_alone_noted(
        dialog.tenant, dialog.state, turn.text, turn.intent
    )
    if order is None:
        return False
    note_death(dialog.tenant, dialog.state, turn.text)
    dialog.state.topic = order
    dialog.reply.handoff_default(reason="intent")
    return True


def order_alone_noted(
    tenant: TenantView, state: CallState, text: str, intent: Intent
) -> tuple[str | None, str, Intent]:
    """payment_orders.order_alone; a request beside another sure concern is noted for the
    agent ("my card isnt working and i also want to set up a standing order": also noted)."""
    order, said, intent = order_alone(tenant, text, intent)
    beside = order_beside(text) if order is None and tenant.language[:2] == "en" else None
    if order is None and beside is None:  # ("i want to extend my overdraft": no intent
        order, said, intent = request_alone(tenant, said, intent)  # serves it)
        if order is not None:
            state.request_queue = request_queue(tenant, order)
        beside = request_beside(text) if order is None else None
    if beside is not None and beside not in state.also_noted:
        state.also_noted.append(beside)
    return order, said, intent


def answer_bereaved(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """A death reported (caller_circumstances.bereaved): condolences and a person."""
    return turn.number is None and bereaved(
        dialog.tenant, dialog.state, dialog.reply, turn.text, turn.intent
    )


def answer_taken_back(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "i cant find my card oh wait here it is": nothing to put through (not the fraud
    team)."""
    if turn.number is None and concern_taken_back(turn.text):
        dialog._taken_back()
        return True
    return False


def answer_done_and_thanked(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "der Techniker war da, jetzt funktioniert alles, danke", "Gutschrift bekommen, vielen
    Dank": thanked, no concern to serve (not a complaint, not the credit team)."""
    if turn.number is None and done_and_thanked(turn.text):
        thank_for_praise(dialog.tenant, dialog.state, dialog.reply)
        return True
    return False


def answer_fault_mended(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "ich will Ihnen danke sagen, das Internet geht wieder": no fault to ask about ("Geht es
    um eine Störung …?"); thanked when thanks were said."""
    if not (turn.number is None and not turn.sure and fault_mended(turn.text)):
        return False
    if thanks_said(turn.text):
        thank_for_praise(dialog.tenant, dialog.state, dialog.reply)
    else:
        dialog._taken_back()
    return True


def answer_callback(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "can you call me back?": the bot cannot; a person now. ("… a callback about my refund":
    that concern.)"""
    own = is_own_concern(dialog.tenant, turn.intent)
    if turn.number is None and not own and asks_for_callback(turn.text):
        told = [dialog.prompts.say("no_callback"), dialog.prompts.say("offer_agent")]
        dialog.reply.ask(told, "offer_agent", "yesno")
        return True
    return False


def answer_complaint(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "I want to make a complaint" (no intent for it): an apology and a person, the complaint
    noted; money used without the caller said with it goes to the urgent team. (Displeasure
    alone counts once a turn was missed.)"""
    missed = dialog.state.no_match > 0
    if turn.number is not None or not complaint_unplaced(
        dialog.tenant, turn.text, turn.intent, missed
    ):
        return False
    state, tenant = dialog.state, dialog.tenant
    state.complained = True
    intent = fraud_reported(tenant, turn.text, turn.intent)
    told = [dialog.prompts.say("complaint_heard")]
    if take_intent(tenant, state, intent) and is_urgent(tenant, intent):
        dialog.reply.handoff_for_intent(told, reason="intent")
    else:
        dialog.reply.handoff(told, queue=tenant.default_queue, priority="normal", reason="intent")
    return True


def read_product_talked_about(dialog: DialogParts, turn: ConcernTurn) -> None:
    """The call's product before this turn (asked for, or the last one talked about)."""
    turn.talked_about = dialog.state.slots.get("product") or dialog.state.last_product


def answer_nonsense(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """No concern in the words, however sure the classifier is: not understood. ("der Receiver
    ist defekt": words the NLU never saw, a concern all the same.)"""
    tenant, text, intent = dialog.tenant, turn.text, turn.intent
    about_contents = ingredient_asked(tenant, turn.talked_about, text, intent) != intent
    named = concern_class(tenant, text, intent) is not None
    if turn.number is None and tenant.is_nonsense(text) and not about_contents and not named:
        no_match(tenant, dialog.state, dialog.reply)
        return True
    return False


def answer_question_after_praise(dialog: DialogParts, turn: ConcernTurn) -> bool:
    """ "ihre Hafermilch ist super lecker gibt es die auch ohne Zucker": thanked, and the
    question answered (read as a turn of its own)."""
    run_on = question_after_praise(dialog.tenant, turn.text) if turn.number is None else None
    if run_on is None:
        return False
    dialog.state.last_product, question = run_on
    thanks = praise_thanks(dialog.tenant) or [dialog.prompts.say("praise_thanks")]
    asked = dialog.tenant.classify(question, turn.intent)
    dialog._on_concern(question, asked, None, [*turn.parts, *thanks])
    return True
