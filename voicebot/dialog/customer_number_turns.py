"""The caller's customer number: read from a turn (said whole, in parts or with one digit
corrected), asked for again, or corrected after the caller was identified; a concern said while
the number is awaited. `CustomerNumberTurns` is the part of InboundDialog (dialog/engine.py) that
reads such a turn; the module-level functions need only the tenant and the call's state.
"""

from __future__ import annotations

from voicebot.dialog import caller_input
from voicebot.dialog.answering import IntentSteps
from voicebot.dialog.caller_circumstances import speaks_another_language
from voicebot.dialog.closing_words import says_goodbye
from voicebot.dialog.concern_readings import concern_in
from voicebot.dialog.correction_words import adds_concern, replaces_concern, restates_concern
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.digit_correction import corrected_number
from voicebot.dialog.identify import (
    failed_identification,
    identify,
    names_mismatched_customer,
    needs_identity,
)
from voicebot.dialog.intent_choice import is_new_concern, note_also, set_aside, take_intent
from voicebot.dialog.number_said import (
    asks_which_or_why_number,
    concern_besides_correction,
    denies_identity,
    says_number_was_wrong,
    words_besides_number,
)
from voicebot.dialog.number_talk import (
    about_the_number,
    asks_someone_for_number,
    asks_where,
    asks_where_it_is,
    has_no_number,
)
from voicebot.dialog.repeat_or_wait import asks_to_wait
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.taken_back import fault_mended
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import after_answer_words, digits_in, fold, says_nothing
from voicebot.events import Intent


class CustomerNumberTurns(DialogParts):
    """The turns about the customer number (mixed into InboundDialog)."""

    def _on_customer_number(self, text: str, intent: Intent, value: str | None) -> None:
        parts: list[str] = []
        number = caller_input.number_in(text, value, self.tenant)
        number = number or names_mismatched_customer(self.tenant, self.state, text)
        # "nein, die letzte ist eine 3"
        number = number or digit_corrected(self.tenant, self.state, text)
        heard = "" if number else digits_in(text, self.tenant.language)
        if heard and not number and has_no_number(text):  # "ich hab die Nummer nicht, aber ich
            heard = ""  # wohne in der Mönckebergstraße 7 in 20095": no "Und die weiteren Ziffern?"
        # "vier null acht" ... "eins sieben …"
        if heard and number_in_parts(self.tenant, self.state, self.steps, heard):
            return
        if not number and len(self.state.partial_number) >= self.tenant.customer_digits - 1:
            number = self.state.partial_number  # its second part completed it
        if number or heard:
            self.state.partial_number = ""  # (kept over "Moment, ich schau nach")
        if not (number or heard) and says_goodbye(text) and not is_new_concern(self.tenant, intent):
            self.reply.end([self.prompts.say("goodbye")], reason="bot")  # "ich ruf später
            return  # nochmal an, tschüss" instead of the number: the caller leaves
        if not (number or heard) and speaks_another_language(
            self.tenant, self.state, self.reply, text, intent
        ):
            return  # "sorry, can we speak English": told in English and put through
        short_answer = (  # "nein" alone; "nein, eigentlich will ich kündigen" brings a concern
            caller_input.yes_no_value(text, value, self.tenant.language) is not None
            and not after_answer_words(text)
        )
        about = has_no_number(text) or about_the_number(text) or asks_where_it_is(text)
        # ("wo steht die Nummer denn?", "wo finde ich die denn?")
        concern = not (number or heard or short_answer) and (not about or restates_concern(text))
        if concern and is_new_concern(self.tenant, intent):
            self._another_concern(text, intent)
            return
        if not (number or heard) and fault_mended(text):  # "ach ne warten Sie, jetzt geht es
            self.state.intent = None  # wieder": nothing left to put through (it was "Gerne,
            self._taken_back()  # ich warte." for its "warten Sie")
            return
        if not number and (asks_to_wait(text) or asks_someone_for_number(text)):  # "Moment,
            # ich suche die Nummer", "Schatz, wie ist nochmal unsere Kundennummer?"
            self._wait()
            return
        sure = is_new_concern(self.tenant, intent)  # ("warum geht mein Internet nicht": that)
        asked_back = None if number or heard or sure else asks_which_or_why_number(text)
        if asked_back:  # "welche Nummer meinen Sie?", "wozu brauchen Sie die?": told, not
            told = [self.prompts.say("customer_number_why")] if asked_back == "why" else []
            told.append(self.prompts.say("customer_number_where"))  # "keine Kundennummer
            self.steps.ask_customer_number(told, False)  # verstanden"
            return
        if not (number or heard) and asks_where(text):  # "wo steht die denn?"
            self.steps.ask_customer_number([self.prompts.say("customer_number_where")], False)
            return
        if number:
            identify(self.tenant, self.state, number, parts)
        elif has_no_number(text):  # "die hab ich gerade nicht zur Hand": no re-asking
            self.state.unidentified = True
            parts.append(self.prompts.say("customer_skipped"))
        else:
            self.state.partial_number = ""
            failed_identification(self.tenant, self.state, parts, heard=None)
        self._continue(parts)

    def _another_concern(self, text: str, intent: Intent) -> None:
        """A concern said while the current one waits for the customer number. Added to it
        ("und meine Rechnung ist auch zu hoch"): kept for later, the number asked again. Else it
        goes first and the current one waits ("nein, eigentlich …": dropped); a concern of high
        priority always goes first."""
        state, current = self.state, self.state.intent
        if current is not None:  # (the intent is one of the tenant's: is_new_concern)
            urgent_first = self._urgent(intent) and current.priority != "high"
            if adds_concern(text) and not urgent_first and note_also(self.tenant, state, intent):
                self.steps.ask_customer_number([self.prompts.say("also_noted")])
                return
            if not replaces_concern(text) and intent.name != current.id:
                set_aside(state)
        take_intent(self.tenant, state, intent)
        self.steps.advance([])

    def _number_corrected(self, text: str, value: str | None, intent: Intent) -> bool:
        """ "Nein, die Nummer war falsch: 40817261" after the caller was identified: the
        customer meant, and the question asked again."""
        state = self.state
        if state.customer is None:
            return False
        named = fold(str(state.customer.get("name", "")))  # ("Danke, Klaus Hoffmann." -
        last = next((line.text for line in reversed(state.lines) if line.role == "bot"), "")
        denied = bool(named) and named in fold(last) and denies_identity(text)  # "nein nein,
        # das bin ich nicht, ich bin Stefan Wagner …")
        fixed = digit_corrected(self.tenant, self.state, text)  # "nein, die letzte ist eine 9"
        if not (denied or fixed or says_number_was_wrong(text)):
            return False  # ("meine Handynummer ist …", "die Nummer von meinem Sohn ist …")
        number = fixed or caller_input.number_in(text, value, self.tenant)
        if denied and number is None:  # not that customer, no number given: forgotten, and
            state.customer, state.customer_number = None, None  # the number asked again
            state.slots.pop("customer_number", None)
            self.steps.ask_customer_number([self.prompts.say("customer_number_again")], False)
            return True
        if number is None or number == state.customer_number:
            return False
        parts: list[str] = []
        if not identify(self.tenant, state, number, parts):  # not found: asked again
            state.customer = None
            self.reply.ask(
                parts, awaiting="customer_number", expect=f"digits:{self.tenant.customer_digits}"
            )
            return True
        slot = state.awaiting.removeprefix("slot:") if state.awaiting.startswith("slot:") else ""
        rest = words_besides_number(text, number, self.tenant.language)
        said = self.tenant.read_slot(slot, rest) if slot else None
        if said is not None:  # "…, es ist 40817261, die neue Postleitzahl ist 20095"
            state.slots[slot] = said
            self.steps.advance(parts)
        elif state.awaiting in ("offer_agent", "anything_else") and state.intent is not None:
            self.steps.advance(parts)  # the answer again, for the customer meant
        elif state.awaiting == "concern" and concern_in(
            self.tenant,
            rest := concern_besides_correction(text, number, self.tenant.language),
            intent,
        ):  # "Eigentlich ist die Nummer 40817279, mein Internet geht nicht": then the concern
            self._on_concern(rest, self.tenant.classify(rest, intent), None, before=parts)
        else:
            self.reply.ask([*parts, state.last_prompt], state.awaiting, state.last_expect)
        return True

    def _continue(self, parts: list[str]) -> None:
        """After an identification step: carry on with the concern, or ask for it."""
        state = self.state
        if needs_identity(self.tenant, self.state):
            self.reply.ask(
                parts, awaiting="customer_number", expect=f"digits:{self.tenant.customer_digits}"
            )
        elif state.intent is not None:
            self.steps.advance(parts)
        elif state.candidate is not None and state.awaiting == "confirm_intent":
            self._ask_confirmation(parts)  # the number keyed at "Geht es um …?": ask again
        else:
            self.reply.ask([*parts, self.prompts.say("ask_concern")], awaiting="concern")


def number_again(
    tenant: TenantView, state: CallState, reply: BotReply, text: str, value: str | None
) -> bool:
    """The customer's number said again, and nothing else, after they were identified:
    the concern asked for once more (it got "nicht verstanden")."""
    known = state.customer_number
    if state.customer is None or known is None:
        return False
    if caller_input.number_in(text, value, tenant) != known:
        return False
    if not says_nothing(words_besides_number(text, known, tenant.language)):
        return False
    reply.ask([tenant.prompts.say("ask_concern")], awaiting="concern")
    return True


def number_part_only(tenant: TenantView, text: str) -> bool:
    """The turn gives digits of a customer number (four or more, not all of it) and
    nothing else besides naming it."""
    heard = digits_in(text, tenant.language)
    if not 4 <= len(heard) < tenant.customer_digits:
        return False
    return says_nothing(words_besides_number(text, heard, tenant.language))


def number_in_parts(tenant: TenantView, state: CallState, steps: IntentSteps, heard: str) -> bool:
    """Digits too few for a customer number: the first part is kept and the rest asked
    for, once; the next part completes it. False: go on with what was heard as a whole."""
    state, length = state, tenant.customer_digits
    told = state.customer_number or ""  # the number of the wrong length said before: the
    if 0 < len(told) < length and len(told) + len(heard) == length:  # missing digits
        completed = told + heard  # alone ("… sieben zwei fünf" - "7 Ziffern" - "drei"),
        if tenant.customer(completed) is not None:  # when that makes a customer's
            state.partial_number = completed
            return False
    joined = state.partial_number + heard
    if len(joined) >= length - 1:
        state.partial_number = joined  # complete: identified by the caller of this
        return False
    if state.partial_number:  # two parts and still too few: an ordinary failed try
        state.partial_number = ""
        return False
    state.partial_number = heard
    steps.ask_customer_number([tenant.prompts.say("customer_number_more")], False)
    return True


def digit_corrected(tenant: TenantView, state: CallState, text: str) -> str | None:
    """The customer number said last with the one digit this turn corrects."""
    return corrected_number(text, state.customer_number, tenant.language, tenant.customer_digits)
