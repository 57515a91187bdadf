"""Calls at the text level: a scripted caller says sentences and keys digits, no audio.

`await run_call("nordwelle", [say("mein internet geht nicht"), keys("40817253#")], services)`
runs the real Understand and Dialog stages; only speech recognition and synthesis are left out.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from voicebot.dialog.stage import DialogStage, inbound_or_survey
from voicebot.dialog.state import DialogTimers, speech_ms
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.understand import TenantClassifiers, Understand
from voicebot.events import (
    AudioChunk,
    BotSpeech,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
    SpeechStarted,
    SpeechStopped,
    Transcript,
)
from voicebot.pipeline import CallRecord, run_pipeline

SILENT_CHUNK = b"\x00\x00" * 160  # 20 ms at 8 kHz
KEY_GAP_MS = 250
TURN_GAP_MS = 300


@dataclass(frozen=True)
class Say:
    text: str
    snr_db: float | None = None  # the line's estimated SNR, as a recogniser would measure it
    candidates: tuple[str, ...] = ()  # what a recogniser unsure between items would report


@dataclass(frozen=True)
class Keys:
    digits: str


@dataclass(frozen=True)
class Silence:
    """The caller says nothing until the bot's no-input timer runs out."""


@dataclass(frozen=True)
class HangUp:
    """The caller hangs up."""


CallerTurn = Say | Keys | Silence | HangUp


def say(text: str, snr_db: float | None = None, candidates: tuple[str, ...] = ()) -> Say:
    return Say(text, snr_db, candidates)


def keys(digits: str) -> Keys:
    return Keys(digits)


def silence() -> Silence:
    return Silence()


def hang_up() -> HangUp:
    return HangUp()


@dataclass
class CallServices:
    """What every call of a process shares: tenants, classifiers, the queue store, timers."""

    tenants: Mapping[str, Any]  # voicebot.nlu Tenant by id
    queue_store: Any = None
    timers: DialogTimers = field(default_factory=DialogTimers)
    validate: Any = None
    observer: Any = None  # voicebot.pipeline.CallObserver: records every call
    prompt_cache: Any = None  # voicebot.tts.cache.PromptCache: bot audio; None: text only
    nlu_for: Any = None  # tenant id -> TenantNLU, to share NLUs built elsewhere; None: build
    clock: Any = None  # () -> aware datetime: business hours apply to handoffs (the server's
    # wall clock); None: offline tools hand over as in open hours (dialog/after_hours.py)
    classifiers: TenantClassifiers = field(init=False)
    _views: dict[str, TenantView] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.classifiers = TenantClassifiers(self.tenants, self.nlu_for)
        if self.validate is None:
            from voicebot.handoff.context import validate_context

            self.validate = validate_context

    def view(self, tenant_id: str) -> TenantView:
        """The tenant as the dialog reads it, with its NLU; built on first use."""
        if tenant_id not in self._views:
            nlu = self.classifiers.nlu(tenant_id)
            self._views[tenant_id] = TenantView(self.tenants[tenant_id], nlu)
        return self._views[tenant_id]

    def swap_tenant(self, tenant: Any, nlu: Any) -> None:
        """An edited tenant goes live: calls from now on get it and its NLU; calls in progress
        keep the version they started with (each call reads its tenant once, at its start)."""
        self.tenants[tenant.id] = tenant  # type: ignore[index]
        self.classifiers._built[tenant.id] = nlu
        self._views.pop(tenant.id, None)

    def dialog_stage(self, clock: Any = None) -> DialogStage:
        """A call's dialog; `clock` (a replay case's `at:`) stands in for the services' own."""
        return DialogStage(
            self.view,
            inbound_or_survey(self.timers, self.validate, clock or self.clock),
            self.queue_store,
        )

    def dialog_and_speak(self, sample_rate: int, dialog: DialogStage | None = None) -> list[Any]:
        """Dialog -> Speak, Speak telling the dialog how long each prompt played and of errors."""
        from voicebot.tts.tenant_prompts import speak_for_tenants

        if self.prompt_cache is None:
            raise ValueError("CallServices.prompt_cache is not set: no voice to speak with")
        dialog = dialog or self.dialog_stage()
        speak = speak_for_tenants(self.prompt_cache, sample_rate, self.tenants)
        speak.on_audio = dialog.fed_back
        speak.on_error = dialog.fed_back
        return [dialog, speak]


class ScriptedTextChannel:
    """A caller who answers each listening prompt with the next scripted turn, as text."""

    def __init__(
        self,
        started: CallStarted,
        turns: Sequence[CallerTurn],
        timers: DialogTimers,
        extra_silences: int = 3,
    ) -> None:
        self.started = started
        self.turns = list(turns)
        self.timers = timers
        self.extra_silences = extra_silences
        self._cues: asyncio.Queue[int | None] = asyncio.Queue()

    async def events(self) -> AsyncIterator[CallEvent]:
        yield self.started
        while (start := await self._cues.get()) is not None:
            if self.turns:
                turn = self.turns.pop(0)
            elif self.extra_silences > 0:
                self.extra_silences -= 1
                turn = Silence()
            else:
                turn = HangUp()
            for event in self._turn_events(turn, start):
                yield event

    async def send(self, event: CallEvent) -> None:
        if isinstance(event, BotSpeech) and event.listen:
            await self._cues.put(event.at_ms + speech_ms(event.text) + TURN_GAP_MS)
        elif isinstance(event, Hangup):
            await self._cues.put(None)

    def _turn_events(self, turn: CallerTurn, start: int) -> list[CallEvent]:
        call_id = self.started.call_id
        if isinstance(turn, Say):
            end = start + speech_ms(turn.text)
            return [
                SpeechStarted(call_id=call_id, at_ms=start),
                SpeechStopped(call_id=call_id, at_ms=end),
                Transcript(
                    call_id=call_id,
                    at_ms=end,
                    text=turn.text,
                    final=True,
                    snr_db=turn.snr_db,
                    candidates=turn.candidates,
                ),
            ]
        if isinstance(turn, Keys):
            events: list[CallEvent] = [
                Dtmf(call_id=call_id, at_ms=start + i * KEY_GAP_MS, key=key)  # type: ignore[arg-type]
                for i, key in enumerate(turn.digits)
            ]
            if not turn.digits.endswith("#"):
                tick = start + len(turn.digits) * KEY_GAP_MS + self.timers.inter_digit_ms
                events.append(
                    AudioChunk(call_id=call_id, at_ms=tick, pcm=SILENT_CHUNK, sample_rate=8000)
                )
            return events
        if isinstance(turn, Silence):
            tick = start + self.timers.no_input_ms + 100
            return [AudioChunk(call_id=call_id, at_ms=tick, pcm=SILENT_CHUNK, sample_rate=8000)]
        return [Hangup(call_id=call_id, at_ms=start, reason="caller")]


def new_call_id() -> str:
    return uuid.uuid4().hex[:16]


async def run_call(
    tenant: str,
    caller: Sequence[CallerTurn],
    services: CallServices,
    *,
    dialed: str | None = None,
    caller_number: str | None = None,
    dialog: DialogStage | None = None,
) -> CallRecord:
    """One whole call of `tenant` at the text level; returns the call's record.

    Pass `dialog` (from `services.dialog_stage()`) to read the dialog afterwards (survey answers).
    """
    started = CallStarted(
        call_id=new_call_id(),
        at_ms=0,
        tenant=tenant,
        dialed=dialed,
        caller=caller_number,
        channel="text",
    )
    channel = ScriptedTextChannel(started, caller, services.timers)
    stages = [Understand(services.classifiers), dialog or services.dialog_stage()]
    return await run_pipeline(channel, stages, observer=services.observer)
