"""The inbound dialog: a state machine over call events, driven by the tenant files only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from voicebot.dialog import caller_input, menu
from voicebot.dialog.answers import BUILTIN_ANSWERS, PRODUCT_BUILTINS, Answer, AnswerFacts
from voicebot.dialog.handoff_context import build_context
from voicebot.dialog.state import CallState, Line, audio_ms, speech_ms
from voicebot.dialog.tenant_view import AGENT_INTENTS, IntentView, TenantView
from voicebot.dialog.words import asks_for_agent
from voicebot.events import (
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Handoff,
    Hangup,
    Intent,
    SpeechStarted,
    Transcript,
)

AGENT_INTENT_CONFIDENCE = 0.6  # below this, "a person" needs the word itself ("Mitarbeiter")


@dataclass(frozen=True)
class DialogTimers:
    """Audio-clock timers of a dialog (ms)."""

    no_input_ms: int = 6000
    inter_digit_ms: int = 3000
    max_call_ms: int = 900_000
    end_silence_ms: int = 700  # silence that ends a caller's turn (Endpoint stage)


class InboundDialog:
    """Greets, identifies, understands, answers or hands off; one instance per call."""

    def __init__(
        self,
        tenant: TenantView,
        *,
        validate: Callable[[Mapping[str, object]], None] | None = None,
        timers: DialogTimers | None = None,
        started_at: datetime | None = None,
    ) -> None:
        self.tenant = tenant
        self.prompts = tenant.prompts
        self.validate = validate
        self.timers = timers or DialogTimers()
        self.state = CallState(started_at=started_at or datetime.now().astimezone())
        self._out: list[CallEvent] = []

    # ---- event dispatch -------------------------------------------------------------------
    def handle(self, event: CallEvent) -> list[CallEvent]:
        """Feeds one event; returns what the bot does (BotSpeech, Handoff, Hangup)."""
        self._out = []
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
        return self._out

    def _played(self, audio: BotAudio) -> None:
        """The prompt's real audio: the no-input timer starts once the caller has heard it."""
        if self.state.listening_since_ms is not None:
            self.state.listening_since_ms = audio.at_ms + audio_ms(audio.pcm, audio.sample_rate)

    def _failed(self, error: CallError) -> None:
        """Speech synthesis or recognition failed: a person takes over, reason `error`."""
        spec = self.state.intent
        queue = spec.queue if spec is not None and spec.queue else self.tenant.default_queue
        priority = spec.priority if spec is not None and spec.queue else "normal"
        self._handoff([], queue=queue, priority=priority, reason="error")

    def _start(self, event: CallStarted) -> None:
        state = self.state
        state.call_id, state.started_ms = event.call_id, event.at_ms
        state.dialed, state.caller = event.dialed, event.caller
        expect = f"digits:{self.tenant.customer_digits}" if self.tenant.identifies else None
        greeting = self.tenant.greeting or self.prompts.say("ask_concern")
        self._ask([greeting], awaiting="concern", expect=expect)

    def _caller_hung_up(self, event: Hangup) -> None:
        self.state.ended = True
        self.state.outcome = "resolved" if self.state.answered else "hangup"

    def _heard(self, event: Transcript) -> None:
        state = self.state
        state.listening_since_ms = None
        state.pending_text, state.pending_value = event.text, event.value
        state.pending_confidence = event.confidence
        state.lines.append(Line("caller", event.text, event.at_ms, event.confidence))

    def _understood(self, event: Intent) -> None:
        state = self.state
        text, value = state.pending_text, state.pending_value
        state.pending_text = state.pending_value = None
        if text is None:
            return
        if not text.strip() and value is None:
            self._no_match()
            return
        state.no_input = 0
        open_question = state.awaiting in ("concern", "menu")
        if asks_for_agent(text) or (open_question and self._is_agent_intent(event)):
            self._handoff_for_agent()
            return
        self._on_caller(text, event, value)

    def _keyed(self, event: Dtmf) -> None:
        state = self.state
        state.listening_since_ms = None
        last = state.lines[-1] if state.lines else None
        if last is not None and last.role == "dtmf" and not last.text.endswith("#"):
            state.lines[-1] = replace(last, text=last.text + event.key)  # one entry per number
        else:
            state.lines.append(Line("dtmf", event.key, event.at_ms))
        if state.awaiting == "menu" and event.key not in "#*":
            self._menu_key(event.key)
        elif event.key == "*":
            state.keys = ""
        elif event.key == "#":
            self._keys_done()
        else:
            state.keys += event.key
            state.last_key_ms = event.at_ms

    def _tick(self, at_ms: int) -> None:
        state = self.state
        if state.keys and at_ms - state.last_key_ms >= self.timers.inter_digit_ms:
            self._keys_done()
        elif at_ms - state.started_ms >= self.timers.max_call_ms:
            self._end([self.prompts.say("max_length")], reason="timeout")
        elif (
            state.listening_since_ms is not None
            and at_ms - state.listening_since_ms >= self.timers.no_input_ms
        ):
            self._no_input()

    # ---- caller turns by what the bot asked ----------------------------------------------
    def _on_caller(self, text: str, intent: Intent, value: str | None) -> None:
        awaiting = self.state.awaiting
        if awaiting in ("confirm_intent", "offer_agent", "anything_else"):
            self._on_yes_no(awaiting, text, intent, value)
        elif awaiting == "customer_number":
            self._on_customer_number(text, intent, value)
        elif awaiting.startswith("slot:"):
            self._on_slot(awaiting.removeprefix("slot:"), text, intent, value)
        else:  # concern, menu
            self._on_concern(text, intent, value)

    def _on_concern(self, text: str, intent: Intent, value: str | None) -> None:
        parts: list[str] = []
        number = None
        if self._needs_identity():
            number = caller_input.number_in(text, value, self.tenant)
        if number is None and self.tenant.is_nonsense(text):
            self._no_match()  # however sure the classifier is, there is no concern in it
            return
        found = self._identify(number, parts) if number else None
        if self._take_intent(intent):
            self._advance(parts)
        elif number is None and self._confirmable(intent):
            self._ask_confirmation(parts)
        elif found is True:
            self._ask([*parts, self.prompts.say("ask_concern")], awaiting="concern")
        elif found is False:
            self._continue(parts)
        else:
            self._no_match()

    def _on_customer_number(self, text: str, intent: Intent, value: str | None) -> None:
        parts: list[str] = []
        number = caller_input.number_in(text, value, self.tenant)
        short_answer = caller_input.yes_no_value(text, value, self.tenant.language) is not None
        if not number and not short_answer and self._is_new_concern(intent):
            self._take_intent(intent)
            self._advance(parts)
            return
        if number:
            self._identify(number, parts)
        else:
            self._failed_identification(parts, heard=None)
        self._continue(parts)

    def _on_slot(self, slot: str, text: str, intent: Intent, value: str | None) -> None:
        found = caller_input.slot_in(slot, text, intent, value, self.tenant)
        if found is None:
            self.state.unclear += 1
            if self.state.unclear >= 3:
                self.state.slots[slot] = text.strip()
                self._advance([])
                return
            self._ask_slot(slot, [])
            return
        self.state.unclear = 0
        self.state.slots[slot] = found
        self._advance([])

    def _on_yes_no(self, awaiting: str, text: str, intent: Intent, value: str | None) -> None:
        answer = caller_input.yes_no_value(text, value, self.tenant.language)
        if awaiting == "anything_else" and answer is not False and self._is_new_concern(intent):
            self._reset_concern()
            self._take_intent(intent)
            self._advance([])
            return
        if answer is None:
            self._unclear_yes_no(awaiting, text, intent, value)
            return
        self.state.unclear = 0
        if awaiting == "confirm_intent":
            self._confirmed(answer)
        elif awaiting == "offer_agent":
            if answer:
                self._handoff_for_intent([], reason="intent")
            else:
                self._ask([self.prompts.say("anything_else")], "anything_else", "yesno")
        elif answer:
            self._reset_concern()
            self._ask([self.prompts.say("ask_concern_again")], awaiting="concern")
        else:
            self._end([self.prompts.say("goodbye")], reason="bot")

    def _unclear_yes_no(self, awaiting: str, text: str, intent: Intent, value: str | None) -> None:
        state = self.state
        state.unclear += 1
        if state.unclear < 2:
            self._ask([self.prompts.say("yesno_unclear")], awaiting, "yesno")
        elif awaiting == "offer_agent":
            self._handoff_for_intent([], reason="intent")
        elif awaiting == "anything_else":
            self._end([self.prompts.say("goodbye")], reason="bot")
        else:
            state.unclear = 0
            state.candidate = None
            self._no_match()

    def _confirmed(self, yes: bool) -> None:
        state = self.state
        if yes and state.candidate is not None:
            state.intent, state.intent_confidence = state.candidate, state.candidate_confidence
            state.candidate = None
            self._advance([])
            return
        state.candidate = None
        self._ask([self.prompts.say("ask_concern")], awaiting="concern")

    # ---- intents ---------------------------------------------------------------------------
    def _is_agent_intent(self, event: Intent) -> bool:
        sure = max(self.tenant.threshold, AGENT_INTENT_CONFIDENCE)
        return event.name in AGENT_INTENTS and event.confidence >= sure

    def _take_intent(self, event: Intent) -> bool:
        """Accepts a confident intent: it becomes the call's concern, its slots are kept."""
        spec = self.tenant.intents.get(event.name or "")
        if spec is None or event.confidence < self.tenant.threshold or spec.id in AGENT_INTENTS:
            return False  # a person is asked for by word or a sure intent (_understood)
        self._set_intent(spec, event.confidence, event)
        return True

    def _set_intent(self, spec: IntentView, confidence: float, event: Intent | None) -> None:
        state = self.state
        if state.intent is not None and state.intent.id != spec.id:
            state.slots = {}
        state.intent, state.intent_confidence = spec, confidence
        state.no_match = 0
        if event is not None:
            state.alternatives = [(str(n), float(c)) for n, c in event.alternatives]
            self._merge_slots(event.slots)

    def _merge_slots(self, slots: Mapping[str, str]) -> None:
        """Keeps the slots the caller gave; a product we do not sell is kept as '?<words>'."""
        found = {k: str(v) for k, v in slots.items() if v is not None}
        heard = found.pop("product_heard", None)
        if heard and "product" not in found:
            found["product"] = f"?{heard}"
        self.state.slots.update(found)

    def _is_new_concern(self, event: Intent) -> bool:
        spec = self.tenant.intents.get(event.name or "")
        return spec is not None and event.confidence >= self.tenant.threshold

    def _confirmable(self, event: Intent) -> bool:
        """Somewhat likely intent: remembered as the candidate to ask "Geht es um …?"."""
        name, confidence = event.name, event.confidence
        if name is None and event.alternatives:
            name, confidence = event.alternatives[0]
        spec = self.tenant.intents.get(name or "")
        if spec is None or confidence < self.tenant.threshold / 2 or spec.id in AGENT_INTENTS:
            return False
        self.state.candidate, self.state.candidate_confidence = spec, confidence
        self.state.alternatives = [(str(n), float(c)) for n, c in event.alternatives]
        self._merge_slots(event.slots)
        return True

    def _ask_confirmation(self, parts: list[str]) -> None:
        candidate = self.state.candidate
        assert candidate is not None  # set by _confirmable just before
        topic = candidate.confirm or candidate.description
        self._ask(
            [*parts, self.prompts.say("confirm_intent", topic=topic)],
            awaiting="confirm_intent",
            expect="yesno",
        )

    def _reset_concern(self) -> None:
        state = self.state
        state.intent, state.candidate, state.via_menu = None, None, False
        state.slots, state.no_match, state.unclear = {}, 0, 0

    # ---- identification --------------------------------------------------------------------
    def _needs_identity(self) -> bool:
        state = self.state
        return self.tenant.identifies and state.customer is None and not state.unidentified

    def _identify(self, number: str, parts: list[str]) -> bool:
        """Looks the number up; says the name when found. True: found; False: try again/gave up."""
        state = self.state
        state.customer_tries += 1
        row = self.tenant.customer(number)
        if row is not None:
            state.customer, state.customer_number = row, number
            state.unidentified = False
            parts.append(self.prompts.say("customer_found", name=row.get("name", "")))
            return True
        self._failed_identification(parts, heard=number)
        return False

    def _failed_identification(self, parts: list[str], heard: str | None) -> None:
        state = self.state
        if heard is None:
            state.customer_tries += 1
        else:
            state.customer_number = heard
        if state.customer_tries >= 3:
            state.unidentified = True
            parts.append(self.prompts.say("customer_unidentified"))
        elif heard is None:
            parts.append(self.prompts.say("customer_not_heard"))
        else:
            parts.append(self.prompts.say("customer_not_found", last_digits=heard[-2:]))

    def _continue(self, parts: list[str]) -> None:
        """After an identification step: carry on with the concern, or ask for it."""
        state = self.state
        if self._needs_identity():
            self._ask(
                parts, awaiting="customer_number", expect=f"digits:{self.tenant.customer_digits}"
            )
        elif state.intent is not None:
            self._advance(parts)
        else:
            self._ask([*parts, self.prompts.say("ask_concern")], awaiting="concern")

    def _ask_customer_number(self, parts: list[str], add_request: bool = True) -> None:
        if add_request:
            parts = [*parts, self.prompts.say("ask_customer_number")]
        self._ask(parts, awaiting="customer_number", expect=f"digits:{self.tenant.customer_digits}")

    def _keys_done(self) -> None:
        """A keyed number ended with # or the inter-digit timeout."""
        state = self.state
        digits, state.keys = state.keys, ""
        if not digits:
            return
        yes_no_states = ("confirm_intent", "offer_agent", "anything_else")
        if state.awaiting in yes_no_states and len(digits) == 1:
            nothing = Intent(call_id=state.call_id, at_ms=state.now_ms, name=None, confidence=0.0)
            self._on_yes_no(state.awaiting, "", nothing, "true" if digits == "1" else "false")
            return
        parts: list[str] = []
        if self._needs_identity():
            self._identify(digits, parts)
            self._continue(parts)
        else:
            self._no_match()

    # ---- progress of an intent -------------------------------------------------------------
    def _advance(self, parts: list[str]) -> None:
        """Asks for the next missing need of the intent, or answers, or hands off."""
        state = self.state
        spec = state.intent
        assert spec is not None  # only called once an intent is chosen
        for need in self._needs_of(spec):
            if need == "customer_number":
                if self._needs_identity():
                    self._ask_customer_number(parts)
                    return
            elif not state.slots.get(need):
                self._ask_slot(need, parts)
                return
        self._answer_or_handoff(spec, parts)

    def _needs_of(self, spec: IntentView) -> list[str]:
        needs = list(spec.needs)
        builtin = (spec.answer or "").removeprefix("builtin:")
        if builtin in PRODUCT_BUILTINS and "product" not in needs:
            needs.append("product")
        return needs

    def _ask_slot(self, slot: str, parts: list[str]) -> None:
        key = f"ask_slot_{slot}"
        text = (
            self.prompts.say(key)
            if self.prompts.has(key)
            else self.prompts.say("ask_slot", slot=slot)
        )
        self._ask([*parts, text], awaiting=f"slot:{slot}", expect=caller_input.slot_expect(slot))

    def _answer_or_handoff(self, spec: IntentView, parts: list[str]) -> None:
        answer = self._answer(spec)
        if answer is not None and answer.unknown_product:
            product = self.state.slots.pop("product", None)
            self.state.answered = True
            parts = [*parts, caller_input.unknown_product_text(self.prompts, product)]
            self._ask([*parts, self.prompts.say("anything_else")], "anything_else", "yesno")
        elif answer is not None and answer.offer_agent:
            self.state.answered = True
            self._ask(
                [*parts, answer.text, self.prompts.say("offer_agent")], "offer_agent", "yesno"
            )
        elif answer is not None and spec.action == "handoff" and spec.queue:
            self._handoff_for_intent([*parts, answer.text], reason=self._intent_reason())
        elif answer is not None:
            self.state.answered = True
            self._ask(
                [*parts, answer.text, self.prompts.say("anything_else")], "anything_else", "yesno"
            )
        elif spec.queue and (spec.action == "handoff" or (spec.answer or "").startswith("builtin")):
            self._handoff_for_intent(parts, reason=self._intent_reason())
        else:
            self._ask(
                [*parts, self.prompts.say("no_information"), self.prompts.say("anything_else")],
                "anything_else",
                "yesno",
            )

    def _intent_reason(self) -> str:
        return "dtmf_menu" if self.state.via_menu else "intent"

    def _answer(self, spec: IntentView) -> Answer | None:
        if not spec.answer:
            return None
        state = self.state
        if spec.answer.startswith("builtin:"):
            builtin = BUILTIN_ANSWERS.get(spec.answer.removeprefix("builtin:"))
            if builtin is None:
                return None
            facts = AnswerFacts(
                customers=self.tenant.customers,
                outages=self.tenant.outages,
                catalog=self.tenant.catalog,
                customer=state.customer,
                slots=state.slots,
                caller_text=" ".join(ln.text for ln in state.lines if ln.role == "caller"),
            )
            return builtin(facts)
        return Answer(caller_input.fill_placeholders(spec.answer, state))

    # ---- no match, menu, no input ----------------------------------------------------------
    def _no_match(self) -> None:
        state = self.state
        state.no_match += 1
        if state.awaiting == "menu" or state.no_match > 3:
            self._handoff_default(reason="no_match")
        elif state.no_match == 3:
            self._offer_menu()
        elif state.no_match == 2:
            example = menu.example_concern(self.tenant)
            self._ask([self.prompts.say("no_match_again", example=example)], awaiting="concern")
        else:
            self._ask([self.prompts.say("no_match")], awaiting="concern")

    def _offer_menu(self) -> None:
        state = self.state
        state.menu = menu.menu_items(self.tenant)
        options = ". ".join(
            self.prompts.say("menu_option", key=key, label=label)
            for key, label in menu.menu_labels(self.tenant, state.menu)
        )
        self._ask(
            [self.prompts.say("menu", options=options)],
            awaiting="menu",
            expect="list:" + ",".join(state.menu),
        )

    def _menu_key(self, key: str) -> None:
        state = self.state
        spec = state.menu.get(key)
        if spec is None:
            self._handoff_default(reason="no_match")
            return
        state.via_menu = True
        self._set_intent(spec, 1.0, None)
        self._advance([])

    def _no_input(self) -> None:
        state = self.state
        state.no_input += 1
        if state.no_input == 1:
            self._ask(
                [self.prompts.say("no_input", prompt=state.last_prompt)],
                awaiting=state.awaiting,
                expect=state.last_expect,
                remember=False,
            )
        elif state.intent is not None or state.customer is not None:
            self._handoff_for_intent([], reason="no_input")
        else:
            self._end([self.prompts.say("goodbye_no_input")], reason="bot")

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def outcome(self) -> str:
        return self.state.outcome

    def waiting_text(self, position: int, wait_s: float) -> str:
        """What a caller hears about the queue once the call is in it."""
        return self.prompts.say(
            "handoff_wait", position=position, wait_min=max(1, round(wait_s / 60))
        )

    # ---- bot output ------------------------------------------------------------------------
    def _ask(
        self, parts: list[str], awaiting: str, expect: str | None = None, remember: bool = True
    ) -> None:
        state = self.state
        text = " ".join(p for p in parts if p)
        state.awaiting = awaiting
        if remember:
            state.last_prompt, state.last_expect = parts[-1] if parts else text, expect
        self._say(text, expect=expect, listen=True)
        state.listening_since_ms = state.now_ms + speech_ms(text)

    def _say(self, text: str, expect: str | None, listen: bool) -> None:
        state = self.state
        state.lines.append(Line("bot", text, state.now_ms))
        self._out.append(
            BotSpeech(
                call_id=state.call_id, at_ms=state.now_ms, text=text, expect=expect, listen=listen
            )
        )

    def _end(self, parts: list[str], reason: str) -> None:
        state = self.state
        self._say(" ".join(parts), expect=None, listen=False)
        state.ended = True
        state.listening_since_ms = None
        if state.outcome != "handoff":
            state.outcome = "resolved" if state.answered else "hangup"
        self._out.append(
            Hangup(
                call_id=state.call_id,
                at_ms=state.now_ms,
                reason="timeout" if reason == "timeout" else "bot",
                detail=state.outcome,
            )
        )

    def _handoff_for_agent(self) -> None:
        state = self.state
        agent = self.tenant.agent_intent()
        target = state.intent if state.intent is not None and state.intent.queue else agent
        if state.intent is None and agent is not None:
            self._set_intent(agent, 1.0, None)
        queue = target.queue if target and target.queue else self.tenant.default_queue
        priority = target.priority if target else "normal"
        self._handoff([], queue=queue, priority=priority, reason="agent_request")

    def _handoff_for_intent(self, parts: list[str], reason: str) -> None:
        spec = self.state.intent
        queue = spec.queue if spec and spec.queue else self.tenant.default_queue
        self._handoff(
            parts, queue=queue, priority=spec.priority if spec else "normal", reason=reason
        )

    def _handoff_default(self, reason: str) -> None:
        self._handoff([], queue=self.tenant.default_queue, priority="normal", reason=reason)

    def _handoff(self, parts: list[str], queue: str, priority: str, reason: str) -> None:
        state = self.state
        priority = "high" if priority == "high" else "normal"
        announce = [*parts, self.prompts.say("handoff", queue_name=self.tenant.queue_name(queue))]
        state.lines.append(Line("bot", " ".join(announce), state.now_ms))
        context = build_context(self.tenant, state, queue=queue, priority=priority, reason=reason)
        state.lines.pop()
        if self.validate is not None:
            self.validate(context)
        self._say(" ".join(announce), expect=None, listen=False)
        state.outcome, state.queue = "handoff", queue
        self._out.append(
            Handoff(
                call_id=state.call_id,
                at_ms=state.now_ms,
                queue=queue,
                priority=priority,
                context=context,
            )
        )
        state.ended = True
        state.listening_since_ms = None
        self._out.append(
            Hangup(call_id=state.call_id, at_ms=state.now_ms, reason="bot", detail="handoff")
        )
