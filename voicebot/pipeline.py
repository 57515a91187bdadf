"""Runs one call: a channel's events through a chain of stages and back into the channel."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from voicebot.channels.base import CallChannel
from voicebot.events import (
    AudioChunk,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Handoff,
    Hangup,
    Stage,
    Transcript,
)

log = logging.getLogger(__name__)
OUTCOMES = ("handoff", "resolved", "hangup", "declined", "no_answer")


@dataclass
class CallRecord:
    """Everything that happened in one call, in order (caller audio chunks left out)."""

    events: list[CallEvent] = field(default_factory=list)
    wall_s: list[float] = field(default_factory=list)  # perf_counter when each event reached
    #                                                    the channel (per-turn processing time)

    @property
    def call_id(self) -> str:
        return self.events[0].call_id if self.events else ""

    @property
    def tenant(self) -> str:
        started = next((e for e in self.events if isinstance(e, CallStarted)), None)
        return started.tenant if started else ""

    @property
    def handoff(self) -> Handoff | None:
        return next((e for e in self.events if isinstance(e, Handoff)), None)

    @property
    def outcome(self) -> str:
        if self.handoff is not None:
            return "handoff"
        hangup = next((e for e in reversed(self.events) if isinstance(e, Hangup)), None)
        if hangup is not None and hangup.detail in OUTCOMES:
            return hangup.detail
        return "hangup"

    def turns(self) -> list[dict[str, str]]:
        """The dialogue as `{role, text}`: bot prompts, caller transcripts, keyed digits."""
        turns: list[dict[str, str]] = []
        for event in self.events:
            if isinstance(event, BotSpeech) and event.text:
                turns.append({"role": "bot", "text": event.text})
            elif isinstance(event, Transcript) and event.final:
                turns.append({"role": "caller", "text": event.text})
            elif isinstance(event, Dtmf):
                if turns and turns[-1]["role"] == "dtmf" and not turns[-1]["text"].endswith("#"):
                    turns[-1]["text"] += event.key
                else:
                    turns.append({"role": "dtmf", "text": event.key})
        return turns

    def summary(self) -> dict[str, object]:
        """The `voicebot call --json` object (CONTRACTS.md)."""
        handoff = self.handoff
        return {
            "call_id": self.call_id,
            "tenant": self.tenant,
            "outcome": self.outcome,
            "queue": handoff.queue if handoff else None,
            "handoff": dict(handoff.context) if handoff else None,
            "turns": self.turns(),
        }


class CallObserver(Protocol):
    """Sees every call: may wrap its channel (to keep audio) and gets the record at the end."""

    def open(self, channel: CallChannel) -> CallChannel: ...
    async def on_call_end(self, record: CallRecord, channel: CallChannel) -> None: ...


async def run_pipeline(
    channel: CallChannel, stages: Sequence[Stage], *, observer: CallObserver | None = None
) -> CallRecord:
    """Runs until the channel's sink has seen a Hangup; errors end the call, never the process."""
    if observer is not None:
        channel = observer.open(channel)
    record = CallRecord()
    queues: list[asyncio.Queue[CallEvent]] = [asyncio.Queue() for _ in range(len(stages) + 1)]
    tasks = [asyncio.create_task(_pump(channel, queues[0]))]
    for index, stage in enumerate(stages):
        tasks.append(asyncio.create_task(stage.run(queues[index], queues[index + 1].put)))
    try:
        await _sink(channel, queues[-1], tasks, record)
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
    if observer is not None:
        try:
            await observer.on_call_end(record, channel)
        except Exception:  # recording must never break a call
            log.exception("call %s: on_call_end failed", record.call_id)
    return record


async def _pump(channel: CallChannel, first: asyncio.Queue[CallEvent]) -> None:
    async for event in channel.events():
        await first.put(event)


async def _sink(
    channel: CallChannel,
    last: asyncio.Queue[CallEvent],
    tasks: list[asyncio.Task[None]],
    record: CallRecord,
) -> None:
    """Delivers the last stage's events to the channel until Hangup; a failed task ends it."""
    while True:
        getter = asyncio.create_task(last.get())
        done, _ = await asyncio.wait([getter, *tasks], return_when=asyncio.FIRST_COMPLETED)
        failed = [t for t in done if t is not getter and t.exception() is not None]
        if getter not in done:
            getter.cancel()
        if failed:
            await _fail(channel, record, failed[0].exception())
            return
        if getter not in done:
            tasks[:] = [t for t in tasks if t not in done]  # a stage or source ended cleanly
            continue
        event = getter.result()
        if not isinstance(event, AudioChunk):
            record.events.append(event)
            record.wall_s.append(time.perf_counter())
        await channel.send(event)
        if isinstance(event, Hangup):
            return


async def _fail(channel: CallChannel, record: CallRecord, exc: BaseException | None) -> None:
    call_id = record.call_id or "unknown"
    at_ms = record.events[-1].at_ms if record.events else 0
    log.error("call %s: pipeline stage failed: %s", call_id, exc)
    error = CallError(call_id=call_id, at_ms=at_ms, code="stage_failed", message=str(exc))
    hangup = Hangup(call_id=call_id, at_ms=at_ms, reason="error", detail="hangup")
    for event in (error, hangup):
        record.events.append(event)
        record.wall_s.append(time.perf_counter())
        await channel.send(event)


def tenant_languages(tenants: Mapping[str, object]) -> dict[str, str]:
    return {key: str(getattr(t, "language", "de")) for key, t in tenants.items()}
