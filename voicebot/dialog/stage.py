"""The Dialog stage: feeds call events to the tenant's dialog, enqueues handoffs, logs turns."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from voicebot.channels.base import DialogProgress
from voicebot.dialog.after_hours import Clock
from voicebot.dialog.engine import InboundDialog
from voicebot.dialog.line_noise import only_line_noise
from voicebot.dialog.state import DialogTimers
from voicebot.dialog.tenant_view import TenantView
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Emit,
    Handoff,
    Hangup,
    Intent,
    Transcript,
)
from voicebot.privacy import mask_digits, mask_transcript

log = logging.getLogger(__name__)


class Dialog(Protocol):
    """A call's dialog: inbound (InboundDialog) or outbound survey (SurveyDialog)."""

    def handle(self, event: CallEvent) -> list[CallEvent]: ...

    @property
    def outcome(self) -> str: ...  # resolved | declined | no_answer | hangup | handoff

    def waiting_text(self, position: int, wait_s: float) -> str: ...


DialogFactory = Callable[[TenantView], Dialog]


def inbound_or_survey(
    timers: DialogTimers, validate: Callable[..., None] | None, clock: Clock | None = None
) -> DialogFactory:
    """Picks the dialog by the tenant's direction: outbound tenants run their survey. `clock`
    reads the business hours of inbound handoffs (None: as in open hours; after_hours.py)."""

    def make(tenant: TenantView) -> Dialog:
        if tenant.direction == "outbound" and tenant.survey is not None:
            from voicebot.dialog.survey import SurveyDialog

            return SurveyDialog(tenant, timers=timers)
        return InboundDialog(tenant, validate=validate, timers=timers, clock=clock)

    return make


@dataclass
class DialogStage:
    """Consumes caller events (audio chunks only as clock ticks); emits what the bot does."""

    view_for: Callable[[str], TenantView]  # tenant id -> what the dialog reads of it
    make_dialog: DialogFactory
    queue_store: Any = None  # voicebot.handoff QueueStore, or None: handoffs are not enqueued
    listening: Any = None  # voicebot.dialog.hearing.Listening shared with Recognize, if any
    progress: DialogProgress = field(default_factory=DialogProgress)  # read by offline channels
    dialog: Dialog | None = None
    view: TenantView | None = None  # the called tenant, once CallStarted came
    _inbox: asyncio.Queue[CallEvent] | None = None
    _fed_back: set[int] = field(default_factory=set)  # ids of events from downstream stages

    async def fed_back(self, event: BotAudio | CallError) -> None:
        """From a stage downstream (Speak's on_audio/on_error): the dialog sees it, nobody else."""
        if self._inbox is not None:
            self._fed_back.add(id(event))
            await self._inbox.put(event)

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        self._inbox = inbox
        try:
            await self._run(inbox, emit)
        finally:
            self.progress.close()

    async def _run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        while True:
            event = await inbox.get()
            if id(event) in self._fed_back:
                self._fed_back.discard(id(event))  # already went downstream: do not send it twice
            elif isinstance(event, Hangup) and self.dialog is not None and not event.detail:
                self.dialog.handle(event)  # the caller hung up: the record says how far it got
                await emit(dataclasses.replace(event, detail=self.dialog.outcome))
                return
            elif not isinstance(event, AudioChunk):
                await emit(event)
            if isinstance(event, CallStarted):
                view = self.view = self.view_for(event.tenant)
                self.dialog = self.make_dialog(view)
                if self.listening is not None:
                    self.listening.language = view.language
                    self.listening.hints = view.hints
                    self.listening.understood = view.understands
                    english_too = view.language == "de" and view.direction == "inbound"
                    self.listening.other_language = "en" if english_too else None  # until the
                    # caller's first words are heard (engine: English callers are put through)
            if self.dialog is None:
                continue
            heard = isinstance(event, Transcript) and event.final and event.text.strip()
            heard = heard and not only_line_noise(event.text)  # (a subtitle credit is silence)
            if heard and self.listening is not None:
                self.listening.other_language = None  # the first turn is heard
            started = time.perf_counter()
            out = self.dialog.handle(event)
            _log_turn(event, out, time.perf_counter() - started, _personal_words(self.dialog))
            self.progress.read(event.at_ms, sum(map(_takes_turn, out)))
            for reply in await self._enqueued(out):
                if isinstance(reply, BotSpeech) and reply.listen and self.listening is not None:
                    self.listening.expect = reply.expect
                await emit(reply)
            if isinstance(event, Hangup) or any(isinstance(e, Hangup) for e in out):
                return

    async def _enqueued(self, out: list[CallEvent]) -> list[CallEvent]:
        """Puts a Handoff into the queue store and adds position and wait to its announcement."""
        handoff = next((e for e in out if isinstance(e, Handoff)), None)
        if handoff is None or self.queue_store is None or self.dialog is None:
            return out
        store, ctx = self.queue_store, handoff.context
        try:
            await store.enqueue(
                handoff.call_id, str(ctx["tenant"]), handoff.queue, handoff.priority, ctx
            )
        except Exception as exc:  # full disk, Redis down: tell the caller
            return self._not_queued(handoff, exc)
        if ctx.get("out_of_hours"):
            return out  # no place in a queue nobody works now: the caller was told the hours
        position = await store.position(handoff.call_id)
        wait_s = await store.estimate_wait_s(str(ctx["tenant"]), handoff.queue, position)
        if position is None:
            return out
        extra = self.dialog.waiting_text(position, wait_s)
        return [
            dataclasses.replace(e, text=f"{e.text} {extra}")
            if isinstance(e, BotSpeech) and not e.listen
            else e
            for e in out
        ]

    def _not_queued(self, handoff: Handoff, exc: BaseException) -> list[CallEvent]:
        """The queue store failed: the caller hears an apology instead of a false promise."""
        call_id, at_ms = handoff.call_id, handoff.at_ms
        log.error("call %s: could not queue the handoff to %s: %s", call_id, handoff.queue, exc)
        text = self.view.prompts.say("queue_unavailable") if self.view else ""
        return [
            CallError(call_id=call_id, at_ms=at_ms, code="queue_unavailable", message=str(exc)),
            BotSpeech(call_id=call_id, at_ms=at_ms, text=text, barge_in=False, listen=False),
            Hangup(call_id=call_id, at_ms=at_ms, reason="error", detail="hangup"),
        ]


def _takes_turn(event: CallEvent) -> bool:
    """A prompt the bot listens after, or its hang-up: the caller's line moves on."""
    return (isinstance(event, BotSpeech) and event.listen) or isinstance(event, Hangup)


def _personal_words(dialog: object) -> tuple[str, ...]:
    """The identified caller's name and its parts: bot replies say them, logs must not."""
    customer = getattr(getattr(dialog, "state", None), "customer", None) or {}
    name = str(customer.get("name") or "").strip()
    return tuple(sorted({name, *name.split()}, key=len, reverse=True)) if name else ()


def _masked_reply(text: str, personal: tuple[str, ...]) -> str:
    for word in personal:
        text = text.replace(word, f"{word[0]}.")
    return mask_digits(text)


def _log_turn(
    event: CallEvent, out: list[CallEvent], took_s: float, personal: tuple[str, ...] = ()
) -> None:
    """One log line per caller turn and bot reply, digits and the caller's name masked."""
    if isinstance(event, Transcript) and event.final:
        log.info(
            "call %s: caller at %d ms: %s", event.call_id, event.at_ms, mask_transcript(event.text)
        )
    elif isinstance(event, Intent):
        log.info(
            "call %s: intent %s (%.2f) at %d ms",
            event.call_id,
            event.name,
            event.confidence,
            event.at_ms,
        )
    for reply in out:
        if isinstance(reply, BotSpeech):
            log.info(
                "call %s: bot at %d ms (dialog %.1f ms): %s",
                reply.call_id,
                reply.at_ms,
                took_s * 1000,
                _masked_reply(reply.text, personal),
            )
        elif isinstance(reply, Handoff):
            log.info(
                "call %s: handoff to %s (%s, reason %s)",
                reply.call_id,
                reply.queue,
                reply.priority,
                reply.context.get("reason"),
            )
