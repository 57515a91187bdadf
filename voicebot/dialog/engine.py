"""The inbound dialog: a state machine over call events, driven by the tenant files only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from voicebot.audio.vad import noisy_line
from voicebot.dialog import caller_input
from voicebot.dialog.after_hours import Clock
from voicebot.dialog.agent_requests import asks_for_agent, asks_for_transfer
from voicebot.dialog.answering import IntentSteps
from voicebot.dialog.bereavement import death_reported
from voicebot.dialog.bot_questions import tell_what_the_bot_does, tells_opening_hours
from voicebot.dialog.closing_words import not_helped, says_goodbye
from voicebot.dialog.concern_before import order_alone_noted
from voicebot.dialog.concern_readings import nothing
from voicebot.dialog.concern_steps import CONCERN_STEPS
from voicebot.dialog.concern_turn import ConcernTurn
from voicebot.dialog.correction_words import corrected_part
from voicebot.dialog.customer_number_turns import CustomerNumberTurns
from voicebot.dialog.identify import identify, needs_identity
from voicebot.dialog.intent_choice import (
    is_agent_intent,
    is_new_concern,
    is_own_concern,
    take_intent,
)
from voicebot.dialog.keypad_turns import KeypadTurns
from voicebot.dialog.language_words import language_asked_for
from voicebot.dialog.line_noise import without_line_noise
from voicebot.dialog.lone_goodbye import doubted_goodbye
from voicebot.dialog.menu import spoken_key
from voicebot.dialog.money_reading import fraud_reported
from voicebot.dialog.new_fault import fault_told_anew
from voicebot.dialog.number_said import asks_which_or_why_number
from voicebot.dialog.person_requests import (
    asks_for_person,
    concern_in_a_clause,
    concern_said_apart,
    put_through_to,
)
from voicebot.dialog.product_replies import emergency
from voicebot.dialog.product_safety import urgent_advice, urgent_completed
from voicebot.dialog.question_words import (
    asks_capabilities,
    asks_if_machine,
    asks_who_answers,
    checks_line,
)
from voicebot.dialog.recovery import no_input, no_match, offer_menu
from voicebot.dialog.repeat_or_wait import asks_to_repeat
from voicebot.dialog.reply import BotReply
from voicebot.dialog.slot_turns import SlotTurns
from voicebot.dialog.state import CallState, DialogTimers, Line, audio_ms
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.dialog.words import yes_or_no
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
        if event.value is None and doubted_goodbye(state, text):  # a lone "Tschüss." at the
            state.pending_text = state.pending_value = None  # number prompt: asked again
            state.lines.append(Line("caller", text, event.at_ms, event.confidence))
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
        if advice is None and value is None and self.tenant.catalog:  # "… von der Zahnpasta
            said = state.lines[state.concern_since : -1]  # gegessen" - batch asked - "ist das
            earlier = [ln.text for ln in said if ln.role == "caller"]  # gefährlich?"
            advice = urgent_completed(earlier, text)
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
        repeat = repeat and asks_which_or_why_number(text) is None  # ("was meinen Sie mit
        # Kundennummer?": told where it is written, not the same prompt again)
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
            # a concern served by an answer leaves room for the next one ("Can I use my card in
            # Japan?" - answer - "and I want to speak to someone about a payment I don't
            # recognise" went to the general queue as "the countries we serve")
            # ("und mein Internet geht nicht": a new concern, not the answer's)
            helped_not = not_helped(text) and not fault_told_anew(text, state.last_answer)
            served = state.awaiting == "anything_else" and not helped_not
            fresh = state.intent is None or served
            if fresh and asks_for_person(self.tenant, event):  # the agent knows who
                event = self.tenant.concern_besides_person(text, event)  # "my card's not
                # (or in a sentence of its own)
                event = concern_said_apart(self.tenant, text, event)
                event = fraud_reported(self.tenant, text, event)  # ("money missing": fraud)
            if fresh:  # "das Internet geht nicht und ich will auch mit
                event = concern_in_a_clause(self.tenant, text, event)  # jemandem sprechen"
            if fresh:  # ("someone about cancelling a direct debit": noted, no
                event = self._order_besides_person(text, event)  # fraud team)
            other = state.intent is None or event.name != state.intent.id
            if fresh and other and is_new_concern(self.tenant, event):  # working and I
                take_intent(self.tenant, state, event)  # need to speak to someone": kept;
                if served and state.last_product and not state.slots.get("product"):
                    state.slots["product"] = state.last_product  # (the product talked about)
            if not state.bereaved and death_reported(text):  # "someone about my late father's
                state.bereaved = True  # account": condolences, the death noted
                state.preface.insert(0, self.prompts.say("condolences"))
            if state.last_answer and helped_not:  # "hab ich schon dreimal gemacht, geht
                state.not_helped = True  # trotzdem nicht, ich will jemanden sprechen": the
                # agent is told the answer did not help (not only what it was about)
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
        """A turn at the open question, read by the steps of concern_steps.CONCERN_STEPS in
        their order until one answers (the last one always does). `before` is said first (the
        name of a customer corrected to, thanks for praise)."""
        turn = ConcernTurn(text, intent, value, parts=list(before))
        for step in CONCERN_STEPS:
            if step(self, turn):
                return

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

    def _order_besides_person(self, text: str, event: Intent) -> Intent:
        """A person asked for about a standing order or direct debit ("can I speak to someone
        about cancelling a direct debit" went to the fraud team at high priority): the request
        noted for the agent, no concern taken; else the concern as read."""
        order, _, event = order_alone_noted(self.tenant, self.state, text, event)
        if order is None:
            return event
        self.state.topic = order
        return nothing(event)

    def _urgent(self, event: Intent) -> bool:
        """A confident concern of high priority (fraud, a complaint)."""
        return is_urgent(self.tenant, event)

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
