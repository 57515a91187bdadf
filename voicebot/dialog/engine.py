"""The inbound dialog: a state machine over call events, driven by the tenant files only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from voicebot.audio.vad import noisy_line
from voicebot.dialog import caller_input
from voicebot.dialog.after_hours import Clock
from voicebot.dialog.agent_requests import asks_for_agent, asks_for_transfer
from voicebot.dialog.answering import IntentSteps, needs_of
from voicebot.dialog.bereavement import death_reported
from voicebot.dialog.bot_questions import tell_what_the_bot_does, tells_opening_hours
from voicebot.dialog.caller_circumstances import bereaved, note_death, speaks_another_language
from voicebot.dialog.catalog_question import catalog_wide_answer
from voicebot.dialog.closing_turn import done
from voicebot.dialog.closing_words import says_goodbye
from voicebot.dialog.company_question import business_enquiry, tell_no_company_info
from voicebot.dialog.complaint_reading import complaint_unplaced
from voicebot.dialog.concern_class import concern_class
from voicebot.dialog.concern_readings import (
    area_only,
    complaint_unsaid,
    first_said,
    named_by_topic,
    nothing,
    part_intents,
    sure_clause,
    without,
    without_unsaid_hours,
)
from voicebot.dialog.correction_words import after_a_correction, corrected_part, corrects_a_product
from voicebot.dialog.customer_number_turns import (
    CustomerNumberTurns,
    number_again,
    number_part_only,
)
from voicebot.dialog.dislike_reading import dislike_of_product, praise_of_a_dislike
from voicebot.dialog.greeting_words import greets_only
from voicebot.dialog.identify import identify, needs_identity
from voicebot.dialog.ingredient_absence import absence_asked
from voicebot.dialog.intent_choice import (
    confirmable,
    is_agent_intent,
    is_new_concern,
    is_own_concern,
    note_also,
    set_intent,
    take_intent,
)
from voicebot.dialog.keypad_turns import KeypadTurns
from voicebot.dialog.language_words import language_asked_for
from voicebot.dialog.line_noise import without_line_noise
from voicebot.dialog.menu import spoken_key
from voicebot.dialog.money_reading import fraud_reported
from voicebot.dialog.number_said import concern_besides_number, short_concern_besides
from voicebot.dialog.number_talk import asks_about_own_number, besides_no_number, has_no_number
from voicebot.dialog.payment_orders import order_alone, order_request
from voicebot.dialog.person_requests import asks_for_person, concern_said_apart, put_through_to
from voicebot.dialog.praise_reading import (
    praise_intent,
    praise_read_as_complaint,
    praise_unplaced,
    question_after_praise,
)
from voicebot.dialog.product_reading import (
    condition_asked,
    content_asked,
    found_in_product,
    harm_reported,
    ingredient_asked,
    is_praise,
    other_kind_asked,
    praise_unsaid,
    problem_or_praise,
    question_not_praise,
    still_usable_asked,
)
from voicebot.dialog.product_replies import (
    ask_about_product,
    emergency,
    praise_thanks,
    tell_if_sold,
    thank_for_praise,
)
from voicebot.dialog.product_safety import urgent_advice
from voicebot.dialog.question_words import (
    asks_about_earlier_case,
    asks_capabilities,
    asks_for_callback,
    asks_if_machine,
    asks_who_answers,
    checks_line,
    refers_back,
)
from voicebot.dialog.recovery import no_input, no_match, offer_menu
from voicebot.dialog.repeat_or_wait import asks_to_hold, asks_to_repeat, asks_to_wait
from voicebot.dialog.reply import BotReply
from voicebot.dialog.slot_turns import SlotTurns
from voicebot.dialog.state import CallState, DialogTimers, Line, audio_ms
from voicebot.dialog.survey_people import hands_over
from voicebot.dialog.taken_back import concern_taken_back, fault_mended, thanks_said
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import parts_of
from voicebot.dialog.turn_parts import (
    aside,
    clause_concerns,
    concern_after_lead_in,
    concern_without_denied_complaint,
    concern_without_own_age,
    concerns_added_in_clauses,
    concerns_beside_a_guess,
    concerns_by_clause,
    is_urgent,
    product_asked_about,
    sold_asked_last,
    urgent_part,
)
from voicebot.dialog.unlisted_reading import told_beside, unlisted_asked
from voicebot.dialog.words import fold, yes_or_no
from voicebot.dialog.written_forms import as_german_words
from voicebot.dialog.yes_no_turns import YesNoTurns
from voicebot.events import (
    BotAudio,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
    Intent,
    SpeechStarted,
    Transcript,
)
from voicebot.nlu.names import name_said, speaks_for_someone
from voicebot.payment_secrets import secret_said


class InboundDialog(YesNoTurns, CustomerNumberTurns, SlotTurns, KeypadTurns):
    """Greets, identifies, understands, answers or hands off; one instance per call."""

    def __init__(
        self,
        tenant: TenantView,
        *,
        validate: Callable[[Mapping[str, object]], None] | None = None,
        timers: DialogTimers | None = None,
        started_at: datetime | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.tenant = tenant
        self.prompts = tenant.prompts
        self.validate = validate
        self.timers = timers or DialogTimers()
        self.state = CallState(started_at=started_at or datetime.now().astimezone())
        self.reply = BotReply(tenant, self.state, validate, clock)
        self.steps = IntentSteps(tenant, self.state, self.reply)

    # ---- event dispatch -------------------------------------------------------------------
    def handle(self, event: CallEvent) -> list[CallEvent]:
        """Feeds one event; returns what the bot does (BotSpeech, Handoff, Hangup)."""
        self.reply.out = []
        state = self.state
        state.now_ms = max(state.now_ms, event.at_ms)
        if state.ended:
            return []
        if isinstance(event, CallStarted):
            self._start(event)
        elif isinstance(event, Hangup):
            self._caller_hung_up(event)
        elif isinstance(event, Transcript) and event.final:
            self._heard(event)
        elif isinstance(event, Intent):
            self._understood(event)
        elif isinstance(event, Dtmf):
            self._keyed(event)
        elif isinstance(event, SpeechStarted):
            state.listening_since_ms = None
        elif isinstance(event, BotAudio):
            self._played(event)
        elif isinstance(event, CallError):
            self._failed(event)
        else:
            self._tick(event.at_ms)
        return self.reply.out

    def _played(self, audio: BotAudio) -> None:
        """The prompt's real audio: the no-input timer starts once the caller has heard it."""
        if self.state.listening_since_ms is not None:
            self.state.listening_since_ms = audio.at_ms + audio_ms(audio.pcm, audio.sample_rate)

    def _failed(self, error: CallError) -> None:
        """Speech synthesis or recognition failed: a person takes over, reason `error`."""
        spec = self.state.intent
        queue = spec.queue if spec is not None and spec.queue else self.tenant.default_queue
        priority = spec.priority if spec is not None and spec.queue else "normal"
        self.reply.handoff([], queue=queue, priority=priority, reason="error")

    def _start(self, event: CallStarted) -> None:
        state = self.state
        state.call_id, state.started_ms = event.call_id, event.at_ms
        state.dialed, state.caller = event.dialed, event.caller
        expect = f"digits:{self.tenant.customer_digits}" if self.tenant.identifies else None
        greeting = self.tenant.greeting or self.prompts.say("ask_concern")
        self.reply.ask([greeting], awaiting="concern", expect=expect)

    def _caller_hung_up(self, event: Hangup) -> None:
        self.state.ended = True
        self.state.outcome = "resolved" if self.state.answered else "hangup"

    def _heard(self, event: Transcript) -> None:
        state = self.state
        state.listening_since_ms = None
        text = without_line_noise(event.text)  # ("Untertitel der Amara.org-Community" on a
        if event.value is None and event.text.strip() and not text:  # silent line: silence)
            state.pending_text = state.pending_value = None
            no_input(self.tenant, self.state, self.reply)
            return
        event = replace(event, text=as_german_words(text, self.tenant.language))  # ("Gluten-
        state.pending_text, state.pending_value = event.text, event.value  # frei": one word)
        state.pending_confidence = event.confidence
        state.pending_candidates = event.candidates
        state.heard_noisy = noisy_line(event.snr_db)
        state.lines.append(Line("caller", event.text, event.at_ms, event.confidence))
        state.caller_named = name_said(event.text) or state.caller_named
        state.on_behalf = state.on_behalf or speaks_for_someone(event.text)
        if not state.secret_warned and secret_said(event.text):  # "my pin is 4 3 2 1": never
            state.preface.append(self.prompts.say("never_say_secrets"))  # to be said, not even
            state.secret_warned = True  # to us
        state.number_asked_again = False  # (per turn: set while this turn's reply is made)

    def _understood(self, event: Intent) -> None:
        state = self.state
        text, value = state.pending_text, state.pending_value
        state.pending_text = state.pending_value = None
        if text is None:
            return
        if not text.strip() and value is None:
            no_match(self.tenant, self.state, self.reply)
            return
        state.no_input = 0
        open_question = state.awaiting in ("concern", "menu")
        advice = urgent_advice(text) if value is None and self.tenant.catalog else None
        if advice is not None:  # "… eine halbe Tube Zahnpasta gegessen. Ist das gefährlich?",
            emergency(self.tenant, state, self.reply, text, event, advice)  # "… Glassplitter,
            return  # meine Tochter hat schon davon gegessen": the advice for it, a person at once
        if value is None and checks_line(text):
            # "Hallo, ist da jemand?": an answer and the question once more (no try counted)
            again = self.prompts.say("ask_concern") if open_question else state.last_prompt
            self.reply.ask([self.prompts.say("line_ok"), again], state.awaiting,
                           state.last_expect, remember=False)  # fmt: skip
            return
        reached = (
            asks_who_answers(text, self.tenant.name, self.tenant.language)
            if value is None
            else None
        )
        if reached is not None and open_question:  # "Is this Harbour Bank?": yes (or no, "ist
            told = "this_is_us" if reached else "not_us"  # da die Sparkasse": "Nein, hier ist
            told_text = self.prompts.say(told, name=self.tenant.name)  # Nordwelle"), then the
            self.reply.ask([told_text, self.prompts.say("ask_concern")], awaiting="concern")
            return  # concern asked for; no try counted
        about_the_bot = asks_capabilities(text) or asks_if_machine(text)
        if value is None and state.intent is None and about_the_bot:
            tell_what_the_bot_does(self.tenant, self.reply, text)  # "Was können Sie denn
            # überhaupt?"
            return
        if value is None and tells_opening_hours(self.tenant, self.state, self.reply, text, event):
            return
        repeat = value is None and asks_to_repeat(text) and bool(state.last_said)
        repeat = repeat and not says_goodbye(text)  # "wrong number, sorry": no "pardon?"
        team = self.tenant.queue_asked_for(text) if value is None else None
        if team is not None:  # "put me through to the card team": that team, at once
            put_through_to(self.tenant, self.state, self.reply, team, text, event)
            return
        meant = corrected_part(text) if value is None else None  # "Können Sie mich verbinden?
        asked = meant or text  # Ach nee, ich will nur wissen, wie …": what is meant counts
        # a sure agent intent is the request itself ("verbinden Sie mich mit einem Menschen")
        transfer = asks_for_transfer(asked) and not is_own_concern(self.tenant, event)
        if (
            asks_for_agent(asked)
            or transfer
            or (
                open_question
                and not repeat
                and not meant
                and is_agent_intent(self.tenant, event, text)
            )
        ):
            if state.awaiting == "offer_agent" and state.intent is not None:
                self.reply.handoff_for_intent([], reason="intent")  # "Möchten Sie mit einem
                return  # Mitarbeiter sprechen?" - "ja, verbinden Sie mich": the concern's team
            answered = yes_or_no(text, self.tenant.language)
            if state.awaiting == "confirm_intent" and answered is False:
                state.candidate = None  # "Is it about a lost card?" - "no, someone please"
            if state.awaiting == "confirm_intent" and answered and state.candidate is not None:
                state.intent, state.intent_confidence = state.candidate, state.candidate_confidence
                state.candidate = None  # "Geht es um Ihre Rechnung?" - "Ja, bitte stellen Sie
                self.reply.handoff_for_intent([], reason="intent")  # mich durch": its team
                return
            number = caller_input.number_in(text, value, self.tenant)
            known = number is not None and self.tenant.customer(number) is not None
            if known and needs_identity(self.tenant, state):
                identify(self.tenant, state, str(number), [])  # "40817287, verbinden Sie mich":
            if state.intent is None and asks_for_person(self.tenant, event):  # the agent knows who
                event = self.tenant.concern_besides_person(text, event)  # "my card's not
                # (or in a sentence of its own)
                event = concern_said_apart(self.tenant, text, event)
                event = fraud_reported(self.tenant, text, event)  # ("money missing": fraud)
            if state.intent is None:  # ("someone about cancelling a direct debit": noted, no
                event = self._order_besides_person(text, event)  # fraud team)
            if state.intent is None and is_new_concern(self.tenant, event):  # working and I
                take_intent(self.tenant, state, event)  # need to speak to someone": kept;
            if not state.bereaved and death_reported(text):  # "someone about my late father's
                state.bereaved = True  # account": condolences, the death noted
                state.preface.insert(0, self.prompts.say("condolences"))
            state.caller_language = language_asked_for(text) or state.caller_language  # "someone
            self.reply.handoff_for_agent()  # who speaks German"; a stolen card: the fraud team
            return
        if repeat:
            self._repeat()
            return
        self._on_caller(text, event, value)

    def _repeat(self) -> None:
        """ "Wie bitte?": the last utterance once more; the question stays open, no try is
        counted (the classifier read "wie bitte" as a request for a person)."""
        state = self.state
        self.reply.ask([state.last_said], state.awaiting, state.last_expect, remember=False)

    def _tick(self, at_ms: int) -> None:
        state = self.state
        if state.keys and at_ms - state.last_key_ms >= self.timers.inter_digit_ms:
            self._keys_done()
        elif at_ms - state.started_ms >= self.timers.max_call_ms:
            self.reply.end([self.prompts.say("max_length")], reason="timeout")
        elif (
            state.listening_since_ms is not None
            and at_ms - state.listening_since_ms >= self.timers.no_input_ms
        ):
            no_input(self.tenant, self.state, self.reply)

    # ---- caller turns by what the bot asked ----------------------------------------------
    def _on_caller(self, text: str, intent: Intent, value: str | None) -> None:
        awaiting = self.state.awaiting
        if awaiting in ("confirm_intent", "offer_agent", "anything_else"):
            self._on_yes_no(awaiting, text, intent, value)
        elif awaiting == "customer_number":
            self._on_customer_number(text, intent, value)
        elif awaiting.startswith("slot:"):
            self._on_slot(awaiting.removeprefix("slot:"), text, intent, value)
        elif awaiting == "menu" and (
            key := spoken_key(text, value, self.state.menu, self.tenant.language)
        ):
            self._menu_key(key)
        else:  # concern, menu
            self._on_concern(text, intent, value)

    def _on_concern(
        self, text: str, intent: Intent, value: str | None, before: Sequence[str] = ()
    ) -> None:
        parts: list[str] = list(before)  # (said first: the name of a customer corrected to)
        if self._number_corrected(text, value, intent):
            return
        if done(self.tenant, self.state, text, intent):
            self.reply.end([self.prompts.say("goodbye")], reason="bot")
            return
        number = None
        number_asked = needs_identity(self.tenant, self.state)
        sure = is_new_concern(self.tenant, intent)
        if number_asked:
            number = caller_input.number_in(text, value, self.tenant)
        if not number_asked and number_again(self.tenant, self.state, self.reply, text, value):
            return  # "4 0 8 1 7 2 5 3" once more after "Danke, Petra Lindner": no miss
        if number is None and number_asked and asks_about_own_number(text):
            where = self.prompts.say("customer_number_where")  # "wo finde ich meine
            self.steps.ask_customer_number([where], False)  # Kundennummer?" (it was read as
            return  # the online bills, or a bill question)
        if number is None and number_asked and number_part_only(self.tenant, text):
            self._on_customer_number(text, intent, value)  # "meine Kundennummer ist 4 0 8 1
            return  # 7 2": the rest asked for, not "nicht verstanden"
        if number is None:  # "I'm 82 and …": the age is background
            intent = concern_without_own_age(self.tenant, text, intent)  # "ich möchte mich
            text, intent = concern_without_denied_complaint(self.tenant, text, intent)  # nicht
            sure = is_new_concern(self.tenant, intent)  # beschweren, nur wissen …": the rest
        if number is None and not sure:
            intent = sure_clause(self.tenant, text, intent)  # "ich hab die nummer nicht zur
            intent = concern_after_lead_in(self.tenant, text, intent)  # hand aber … und das
            sure = is_new_concern(self.tenant, intent)  # internet geht nicht"; "yes i want to
            # check my …"
        said_apart = concerns_by_clause(self.tenant, text, intent) if number is None else []
        if said_apart:  # "das internet geht nicht und die rechnung ist auch zu hoch": the first
            first = said_apart[0][0]  # served, the others wait (the turn was unsure between them)
            intent, sure = replace(first, slots={**intent.slots, **first.slots}), True
        if number is None and greets_only(text) and not self.state.greeted:
            self.state.greeted = True  # "Hallo?": a greeting back, not "nicht verstanden"
            self.reply.ask([self.prompts.say("ask_concern")], awaiting="concern")  # (once)
            return
        names_it = bool({"nummer", "kundennummer", "number"} & set(fold(text).split()))
        waits = asks_to_wait(text)  # ("…nicht auswendig, Moment, ich schau nach": waited for)
        if (asks_to_hold(text) or hands_over(fold(text))) and number is None and not sure:
            self._wait()  # "sorry, can you hold on one second", "ich geb Ihnen mal meinen
            return  # Mann": "Gerne, ich warte.", not "Sorry, I did not understand"
        lacks = number is None and number_asked and names_it and has_no_number(text)
        if lacks and (rest := besides_no_number(text)) != fold(text):  # "ich hab keine
            text = rest  # Kundennummer" alone is no fault of the line ("kein Freizeichen"):
            intent = self.tenant.classify(rest, intent) if rest else nothing(intent)  # the
            intent = sure_clause(self.tenant, rest, intent) if rest else intent  # concern is read
            sure = is_new_concern(self.tenant, intent)  # from the words besides it
        if lacks and sure and not waits:  # "Ich kenn meine Kundennummer nicht, es geht um meine
            self.state.unidentified = True  # Rechnung": not asked for it (twice)
            parts.append(self.prompts.say("customer_skipped"))
        elif lacks and not waits:
            self.state.unidentified = True  # "Ich weiß meine Kundennummer nicht, ich heiße
            skipped = self.prompts.say("customer_skipped")  # …": asked for the concern
            self.reply.ask([skipped, self.prompts.say("ask_concern")], awaiting="concern")
            return
        if number is None and speaks_another_language(
            self.tenant, self.state, self.reply, text, intent
        ):
            return
        order = None
        if number is None:  # ("… a direct debit and my card is not working": the card)
            order, text, intent = self._order_alone(text, intent)
        if order is not None:  # "I want to cancel a direct debit": a person, not the fraud team
            # ("my late husband's standing order …": condolences)
            note_death(self.tenant, self.state, text)
            self.state.topic = order  # (Banking77 has no intent for standing orders or
            self.reply.handoff_default(reason="intent")  # direct debits set up or cancelled)
            return
        if number is None and bereaved(self.tenant, self.state, self.reply, text, intent):
            return
        if number is None and concern_taken_back(text):  # "i cant find my card oh wait here
            self._taken_back()  # it is": nothing to put through (not the fraud team)
            return
        if number is None and not sure and fault_mended(text):  # "ich will Ihnen danke sagen,
            if thanks_said(text):  # das Internet geht wieder": no fault to ask about ("Geht es
                thank_for_praise(self.tenant, self.state, self.reply)  # um eine Störung …?")
            else:
                self._taken_back()
            return
        own = is_own_concern(self.tenant, intent)  # ("… a callback about my refund": that)
        if number is None and not own and asks_for_callback(text):  # "can you call me back?"
            told = [self.prompts.say("no_callback"), self.prompts.say("offer_agent")]
            self.reply.ask(told, "offer_agent", "yesno")  # (the bot cannot; a person now)
            return
        missed = self.state.no_match > 0  # (displeasure alone counts once a turn was missed)
        if number is None and complaint_unplaced(self.tenant, text, intent, missed):
            self._complaint(text, intent)  # "I want to make a complaint" (no intent for it)
            return
        talked_about = self.state.slots.get("product") or self.state.last_product
        about_contents = ingredient_asked(self.tenant, talked_about, text, intent) != intent
        named = concern_class(self.tenant, text, intent) is not None  # ("der Receiver ist
        # defekt": words the NLU never saw, a concern all the same)
        if number is None and self.tenant.is_nonsense(text) and not about_contents and not named:
            no_match(
                self.tenant, self.state, self.reply
            )  # however sure the classifier is, there is no concern in it
            return
        run_on = question_after_praise(self.tenant, text) if number is None else None
        if run_on is not None:  # "ihre Hafermilch ist super lecker gibt es die auch ohne
            self.state.last_product, question = run_on  # Zucker": thanked, and the question
            thanks = praise_thanks(self.tenant) or [self.prompts.say("praise_thanks")]  # answered
            self._on_concern(question, self.tenant.classify(question, intent), None,
                             [*parts, *thanks])  # fmt: skip
            return
        if number is not None:  # "meine Nummer ist 40817287": no concern besides the number
            intent = concern_besides_number(self.tenant, text, number, intent)  # (it was read as a
            # change of details)
            intent = sure_clause(self.tenant, text, intent)  # ("meine frau hat den vertrag
            # kundennummer 40817253 das internet geht nicht")
        meant = corrected_part(text) if number is None else None
        if meant and self.tenant.product_only(meant):  # "Was kostet das Duschgel? Ach nee,
            meant = None  # doch lieber die Handcreme.": the question kept, the product swapped
        corrected = self.tenant.classify(meant, intent) if meant is not None else None
        refines = bool(meant) and is_new_concern(self.tenant, intent) and refers_back(meant or "")
        if meant and corrected and is_new_concern(self.tenant, corrected) and not refines:
            # "Ich will kündigen, ach nein, eigentlich …": what is meant, the product kept ("I
            # lost my card, no, actually it was stolen" refines the same concern: kept)
            slots = {**intent.slots, **corrected.slots}
            text, intent = meant, replace(corrected, slots=slots)
        later = after_a_correction(text)
        meant_product = self.tenant.product_in(later) if later else None
        if meant_product and intent.slots.get("product") not in (None, meant_product):
            slots = {**intent.slots, "product": meant_product}  # "Was kostet die Handcreme, äh
            intent = replace(intent, slots=slots)  # nein, das Duschgel?": the one corrected to
        sentences = parts_of(text)
        pieces = part_intents(self.tenant, sentences, intent)  # each sentence classified once
        rejected, self.state.rejected = self.state.rejected, None
        if rejected is not None:  # "Is it about closing your account?" - "No." - "I am moving
            intent = without(intent, rejected)  # to Spain …": not that one again at once
            pieces = [without(p, rejected) for p in pieces]
        intent = fraud_reported(self.tenant, text, intent)  # "… and it wasn't me"
        intent = harm_reported(
            self.tenant, text,
            urgent_part(
                self.tenant,
                first_said(self.tenant, text, sentences, intent, pieces),
                pieces,
                sentences,
            ),
        )  # fmt: skip
        intent = condition_asked(self.tenant, text, found_in_product(self.tenant, text, intent))
        intent = content_asked(self.tenant, text, intent)  # "Ist im Duschgel Mikroplastik?"
        intent = absence_asked(self.tenant, talked_about, text, intent)  # "… ohne Zucker?"
        intent = ingredient_asked(self.tenant, talked_about, text, intent)  # "Ist da Butter
        # drin?" after the Brezeln
        intent = problem_or_praise(self.tenant, text, intent)  # "Das Müsli hat ranzig geschmeckt."
        intent = still_usable_asked(self.tenant, text, intent)  # "… Kann ich die noch trinken?"
        intent = unlisted_asked(self.tenant, talked_about, text, intent)  # "Wo kann ich die
        # Nougatcreme kaufen?": no field says it, the product question tells so
        intent = other_kind_asked(self.tenant, text, intent)  # "… die Sonnencreme?"
        intent = question_not_praise(self.tenant, text, intent)  # "Ist die eigentlich bio?"
        intent = praise_unplaced(self.tenant, text, intent)  # "tolle Firma, danke für …"
        if not corrects_a_product(text):  # ("Ist das Duschgel vegan?
            intent = product_asked_about(self.tenant, intent, pieces, sentences)  # Ach nee, doch
            # lieber die Handcreme": the product corrected to)
        intent = named_by_topic(self.tenant, text, intent)  # "Rechnung.", "Zutaten Duschgel"
        intent = area_only(self.tenant, text, intent)  # "I have a question about my account"
        # "wann kommt der Techniker?" (no hours)
        intent = without_unsaid_hours(self.tenant, text, intent)
        if number is None and self._disliked(text, intent, talked_about, parts):
            return  # "Die Zahnpasta schmeckt meinen Kindern nicht": feedback, no complaint
        intent = praise_of_a_dislike(self.tenant, text, intent)  # "… zu süß und ich möchte
        # mich beschweren": no thanks for praise
        klass = concern_class(self.tenant, text, intent)  # "meine SIM-Karte ist gesperrt", "ich
        intent = klass.event if klass is not None else intent  # will meinen Vertrag
        # verlängern": the team that does it, named for the agent as the caller said
        if number is None and praise_read_as_complaint(self.tenant, text, intent):
            if (praised := praise_intent(self.tenant)) is None:  # "Ich wollte mich mal
                thank_for_praise(self.tenant, self.state, self.reply)  # bedanken, der
                return  # Techniker war super nett": no complaint; thanked (or the tenant's
                # praise intent answers it)
            sure = max(intent.confidence, self.tenant.threshold)
            intent = replace(intent, name=praised, confidence=sure)
        unsure = not (sure or is_new_concern(self.tenant, intent))
        unsure = unsure or "product_heard" in intent.slots  # ("eine Spende": no product)
        taken = self.tenant.intents.get(intent.name or "")
        praised = taken is not None and is_praise(self.tenant, taken)  # "Tolle Firma, wie
        thanks = praise_thanks(self.tenant) if praised else []  # viele Mitarbeiter haben Sie?"
        if business_enquiry(self.tenant, text, intent):  # "… Hafermilch im Großhandel beziehen":
            unsure, praised, thanks = True, False, []  # the company, no complaint, no praise
        if (
            number is None
            and (unsure or praised)
            and tell_no_company_info(self.tenant, self.state, self.reply, text, thanks)
        ):
            return  # "Suchen Sie noch Azubis?": no information, a person offered
        last = self.state.last_answer
        over_catalog = catalog_wide_answer(self.tenant, text, last) if number is None else None
        if over_catalog is not None:  # "Welche Ihrer Produkte enthalten Palmöl?"
            self.state.answered, self.state.last_answer = True, over_catalog
            self.steps.anything_else([*parts, over_catalog])
            return
        found = identify(self.tenant, self.state, number, parts) if number else None
        sold = self.tenant.asked_if_sold(text) if number is None else None
        asked_last = sold_asked_last(self.tenant, sentences) if number is None else None
        if sold is None and asked_last is not None:  # "Ihre Brezeln sind super. Gibt es die
            *sold, praised = asked_last  # auch als Laugenstangen?"
            parts.extend(praise_thanks(self.tenant) if praised else [])
        if sold is not None:
            tell_if_sold(self.tenant, self.state, self.reply, self.steps, *sold, parts)
        elif number is None and (product := self.tenant.product_only(text)):
            # "Ich hab eine Frage zur Hafermilch"
            ask_about_product(self.tenant, self.state, self.reply, product, parts)
        elif (klass is not None and klass.take(self.state)) or take_intent(
            self.tenant, self.state, intent
        ):
            self._earlier_case(text)  # "… letzte Woche angerufen, noch keine Antwort"
            for other, said in zip(pieces, sentences, strict=False):  # "… und außerdem ist
                if aside(self.tenant, intent, other, said):  # die Rechnung falsch": served next
                    continue
                if klass is not None and klass.names(self.tenant, said, other):
                    continue  # (the class said again in other words)
                if praise_unsaid(self.tenant, other, said):  # "Ich benutze die Handcreme jeden
                    continue  # Tag.": no praise to thank for
                if complaint_unsaid(self.tenant, self.state, other, said):  # "Die Hafermilch
                    continue  # stand die ganze Nacht draußen.": no problem said, no complaint
                    # to take
                if told_beside(self.tenant, self.state.intent, other, said):  # "… und wie
                    continue  # viele sind in einer Packung?": told with the answer
                note_also(self.tenant, self.state, other, said)
            for other, said in said_apart[1:]:
                note_also(self.tenant, self.state, other, said)
            if len(sentences) < 2:  # one sentence without marks: "… and i want to know …"
                clauses = [
                    *clause_concerns(self.tenant, text, intent),
                    *concerns_added_in_clauses(self.tenant, text, intent),
                ]  # ("… und die Rechnung ist auch zu hoch")
                for other, said in clauses:
                    if aside(self.tenant, intent, other, said):
                        continue
                    if praise_unsaid(self.tenant, other, said):  # ("… zu süß und …")
                        continue
                    if klass is None or not klass.names(self.tenant, said, other):
                        note_also(self.tenant, self.state, other, said)
            self.steps.advance(parts)
        elif (
            number is None or (found and short_concern_besides(self.tenant, text, number, intent))
        ) and confirmable(
            self.tenant, self.state, intent, text
        ):  # "40817287, Rechnung.": "Danke, … Geht es um Ihre Rechnung?"
            guessed = self.state.candidate.id if self.state.candidate else ""
            for other, said in concerns_beside_a_guess(self.tenant, text, intent, guessed):
                note_also(self.tenant, self.state, other, said)  # ("… und ich will kündigen":
            self._ask_confirmation(parts)  # served after the one asked about)
        elif found is True:
            self.reply.ask([*parts, self.prompts.say("ask_concern")], awaiting="concern")
        elif found is False:
            self._continue(parts)
        elif not speaks_another_language(self.tenant, self.state, self.reply, text, intent):
            no_match(self.tenant, self.state, self.reply)

    def _disliked(
        self, text: str, intent: Intent, talked_about: str | None, parts: list[str]
    ) -> bool:
        """A product the caller does not like (dislike_reading): thanked for the feedback and
        told it is passed on; a refund wish is offered a person, a question after it answered
        after the thanks. False: no dislike of a product of ours in the words."""
        dislike = dislike_of_product(self.tenant, text, talked_about)
        if dislike is None:
            return False
        self.state.last_product = dislike.product
        if dislike.praised:  # "… nicht schmecken, aber die Hafermilch ist super": both
            parts = [*parts, *(praise_thanks(self.tenant) or [self.prompts.say("praise_thanks")])]
        asked = self.tenant.classify(dislike.question, intent) if dislike.question else None
        readable = asked is not None and (  # (a question the bot cannot place is not asked
            is_new_concern(self.tenant, asked)  # on: "nicht verstanden" lost the thanks)
            or self.tenant.asked_if_sold(dislike.question or "") is not None
        )
        if dislike.question is not None and asked is not None and readable:  # "… riecht mir zu
            self._on_concern(dislike.question, asked, None, [*parts, dislike.thanks])  # künstlich,
            return True  # ist da Parfum drin?"
        self.state.answered, self.state.last_answer = True, dislike.thanks
        if dislike.refund:  # "… ich möchte mein Geld zurück": a person, normal priority
            agent = self.tenant.agent_intent()
            if agent is not None:
                set_intent(self.state, agent, 1.0, None)
            self.state.topic = f"{dislike.note}; Erstattung gewünscht"
            refund = [self.prompts.say("no_refund_here"), self.prompts.say("offer_agent")]
            self.reply.ask([*parts, dislike.thanks, *refund], "offer_agent", "yesno")
            return True
        self.state.topic = dislike.note
        more = self.prompts.say("anything_else")
        self.reply.ask([*parts, dislike.thanks, more], "anything_else", "yesno")
        return True

    def _taken_back(self) -> None:
        """A concern the caller took back as they said it: "anything else?"."""
        fine = self.prompts.say("taken_back")
        self.state.answered, self.state.last_answer = True, fine
        self.reply.ask([fine, self.prompts.say("anything_else")], "anything_else", "yesno")

    def _wait(self) -> None:
        """ "Gerne, ich warte.": the same question stays open (no try counted); silence after
        it repeats the question as usual."""
        state = self.state
        self.reply.ask([self.prompts.say("wait_ok")], state.awaiting, state.last_expect, False)

    def _order_alone(self, text: str, intent: Intent) -> tuple[str | None, str, Intent]:
        """payment_orders.order_alone; a request beside another sure concern is noted for the
        agent ("my card isnt working and i also want to set up a standing order": also noted)."""
        order, said, intent = order_alone(self.tenant, text, intent)
        beside = order_request(text) if order is None and self.tenant.language[:2] == "en" else None
        if beside is not None and beside not in self.state.also_noted:
            self.state.also_noted.append(beside)
        return order, said, intent

    def _order_besides_person(self, text: str, event: Intent) -> Intent:
        """A person asked for about a standing order or direct debit ("can I speak to someone
        about cancelling a direct debit" went to the fraud team at high priority): the request
        noted for the agent, no concern taken; else the concern as read."""
        order, _, event = self._order_alone(text, event)
        if order is None:
            return event
        self.state.topic = order
        return nothing(event)

    def _complaint(self, text: str, intent: Intent) -> None:
        """A complaint no intent places: an apology and a person, the complaint noted; money
        used without the caller said with it goes to the urgent team."""
        state = self.state
        state.complained = True
        intent = fraud_reported(self.tenant, text, intent)
        told = [self.prompts.say("complaint_heard")]
        if take_intent(self.tenant, state, intent) and self._urgent(intent):
            self.reply.handoff_for_intent(told, reason="intent")
        else:
            self.reply.handoff(told, queue=self.tenant.default_queue, priority="normal",
                               reason="intent")  # fmt: skip

    def _urgent(self, event: Intent) -> bool:
        """A confident concern of high priority (fraud, a complaint)."""
        return is_urgent(self.tenant, event)

    def _earlier_case(self, text: str) -> None:
        """A follow-up of a case reported before ("ich hab letzte Woche wegen Schimmel im Brot
        angerufen und noch keine Antwort"): the codes the concern asks for (a batch number)
        are not asked again (the agent finds the case), and the summary says so."""
        spec = self.state.intent
        if spec is None or not asks_about_earlier_case(text):
            return
        self.state.topic = self.prompts.say("earlier_case")
        kinds = getattr(self.tenant.tenant, "slot_types", None) or {}
        for need in needs_of(spec):
            kind = getattr(kinds.get(need), "kind", None)
            if need not in self.state.slots and kind == "batch":
                self.state.slots[need] = self.prompts.say("slot_unknown")

    # ---- confirming a likely intent ---------------------------------------------------
    def _ask_confirmation(self, parts: list[str]) -> None:
        candidate = self.state.candidate
        assert candidate is not None  # set by _confirmable just before
        if self.state.no_match >= 2 and self.state.intent is None:  # guesses and reprompts
            self.state.candidate = None  # missed twice ("wie spät ist es bei Ihnen", "was
            offer_menu(self.tenant, self.state, self.reply)  # kostet ein Döner"): the keypad
            return  # menu rather than another guess
        topic = candidate.topic
        self.reply.ask(
            [*parts, self.prompts.say("confirm_intent", topic=topic)],
            awaiting="confirm_intent",
            expect="yesno",
        )

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def outcome(self) -> str:
        return self.state.outcome

    def waiting_text(self, position: int, wait_s: float) -> str:
        """What a caller hears about the queue once the call is in it."""
        minutes = max(1, round(wait_s / 60))  # ("etwa eine Minute", not "1 Minuten")
        key = "handoff_wait_one" if minutes == 1 else "handoff_wait"
        return self.prompts.say(key, position=position, wait_min=minutes)
