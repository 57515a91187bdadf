"""What the inbound bot does in reply to one event: prompts, the polite end, handoffs."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from voicebot.dialog.after_hours import Clock, closed_announcement, closed_for
from voicebot.dialog.handoff_context import build_context
from voicebot.dialog.intent_choice import set_intent
from voicebot.dialog.state import CallState, Line, speech_ms
from voicebot.dialog.tenant_view import TenantView
from voicebot.events import BotSpeech, CallEvent, Handoff, Hangup


class BotReply:
    """Collects the bot's events for the current caller event (`out`) and keeps the transcript."""

    def __init__(
        self,
        tenant: TenantView,
        state: CallState,
        validate: Callable[[Mapping[str, object]], None] | None,
        clock: Clock | None = None,
    ) -> None:
        self.tenant = tenant
        self.state = state
        self.prompts = tenant.prompts
        self.validate = validate
        self.clock = clock  # business hours are read by it; None: handoffs as in open hours
        self.out: list[CallEvent] = []

    def ask(
        self, parts: list[str], awaiting: str, expect: str | None = None, remember: bool = True
    ) -> None:
        """Says parts and listens for the answer to `awaiting`; the no-input timer starts."""
        state = self.state
        text = " ".join(p for p in parts if p)
        state.awaiting = awaiting
        if remember:
            state.last_prompt, state.last_expect = parts[-1] if parts else text, expect
            state.last_said = text
        confirming = state.candidate if awaiting == "confirm_intent" else None
        self.say(text, expect=expect, listen=True, about=confirming.id if confirming else None)
        state.listening_since_ms = state.now_ms + speech_ms(text)  # until the audio says more

    def say(self, text: str, expect: str | None, listen: bool, about: str | None = None) -> None:
        """Says text, after what waits to be said first (`CallState.preface`: condolences, the
        warning never to say a PIN)."""
        state = self.state
        if state.preface:
            text = " ".join([*state.preface, text])
            state.preface = []
        state.lines.append(Line("bot", text, state.now_ms))
        self.out.append(
            BotSpeech(
                call_id=state.call_id,
                at_ms=state.now_ms,
                text=text,
                expect=expect,
                listen=listen,
                about=about,
                concern=state.intent.id if state.intent is not None else None,
            )
        )

    def end(self, parts: list[str], reason: str) -> None:
        """Says goodbye and hangs up (reason `timeout` for the maximum call length)."""
        state = self.state
        self.say(" ".join(parts), expect=None, listen=False)
        state.ended = True
        state.listening_since_ms = None
        if state.outcome != "handoff":
            state.outcome = "resolved" if state.answered else "hangup"
        self.out.append(
            Hangup(
                call_id=state.call_id,
                at_ms=state.now_ms,
                reason="timeout" if reason == "timeout" else "bot",
                detail=state.outcome,
            )
        )

    def handoff_for_agent(self) -> None:
        """The caller asked for a person: at once, to the agents' queue (TENANTS.md: valid at any
        point of the call). The concern said so far stays in the context. An urgent one (or the
        likely one the bot was asking about: "Is it about a lost card?" - "can I speak to
        someone") keeps its high priority; a sure one goes to its own team: "I need to talk to
        someone, my card has been used without my permission" is for the fraud team, who are
        people too."""
        state = self.state
        agent = self.tenant.agent_intent()
        sure = state.intent  # (a likely concern not yet confirmed keeps the agents' queue)
        known = state.intent or (state.candidate if state.awaiting == "confirm_intent" else None)
        if state.intent is None and agent is not None:
            set_intent(state, known or agent, 1.0 if known is None else state.candidate_confidence,
                       None)  # fmt: skip
            state.intent_guessed = known is not None
        queue = agent.queue if agent is not None and agent.queue else self.tenant.default_queue
        urgent = known is not None and known.priority == "high"
        if sure is not None and sure.priority == "high" and sure.queue:
            queue = sure.queue
        priority = "high" if urgent else (agent.priority if agent is not None else "normal")
        self.handoff([], queue=queue, priority=priority, reason="agent_request")

    def handoff_for_intent(self, parts: list[str], reason: str) -> None:
        spec = self.state.intent
        queue = spec.queue if spec and spec.queue else self.tenant.default_queue
        self.handoff(
            parts, queue=queue, priority=spec.priority if spec else "normal", reason=reason
        )

    def handoff_default(self, reason: str) -> None:
        queue = self.state.request_queue or self.tenant.default_queue  # (a frozen account:
        self.handoff([], queue=queue, priority="normal", reason=reason)  # the account team)

    def handoff(self, parts: list[str], queue: str, priority: str, reason: str) -> None:
        """Announces the team (or, out of hours, when it is there), builds and checks the
        context, hands over and hangs up."""
        state = self.state
        priority = "high" if priority == "high" else "normal"
        hours = self.tenant.business_hours
        closed = closed_for(hours, self.clock, priority)
        name = self.tenant.queue_name(queue)
        if closed:
            announce = closed_announcement(
                self.prompts, hours, parts, name,
                caller_language=state.caller_language,
                concern_known=state.intent is not None,
                reachable=bool(state.caller) or state.customer is not None,
                now=self.clock() if self.clock else None,
            )  # fmt: skip
        else:
            announce = [*parts, self.prompts.say("handoff", queue_name=name)]
        state.lines.append(Line("bot", " ".join(announce), state.now_ms))
        context = build_context(self.tenant, state, queue=queue, priority=priority, reason=reason)
        state.lines.pop()
        if closed:
            context["out_of_hours"] = True  # no place in a queue to tell: the team calls back
        if self.validate is not None:
            self.validate(context)
        self.say(" ".join(announce), expect=None, listen=False)
        state.outcome, state.queue = "handoff", queue
        self.out.append(
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
        self.out.append(
            Hangup(call_id=state.call_id, at_ms=state.now_ms, reason="bot", detail="handoff")
        )
