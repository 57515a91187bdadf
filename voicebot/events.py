"""Typed, frozen events that flow through a call's pipeline of stages (see STYLE.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

DtmfKey = Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]
DTMF_KEYS: frozenset[str] = frozenset("0123456789*#")


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    call_id: str
    at_ms: int  # position on the call's audio clock, never wall time


@dataclass(frozen=True, slots=True, kw_only=True)
class CallStarted(Event):
    """First event of every call: which tenant answers and on what line."""

    tenant: str
    dialed: str | None = None
    caller: str | None = None
    channel: str = "wav"  # wav | mic | websocket | twilio | sip


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioChunk(Event):
    pcm: bytes  # 16-bit signed mono, little-endian
    sample_rate: int  # Hz


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStarted(Event): ...


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStopped(Event): ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Transcript(Event):
    text: str
    final: bool  # False: a partial that may still change
    confidence: float | None = None  # 0-1, None when the backend gives none
    expect: str | None = None  # what the prompt expected, e.g. "digits:8", "yesno"; None: free
    value: str | None = None  # normalised expected answer ("40817253", "true", "3"); None: unsure
    candidates: tuple[str, ...] = ()  # unsure, but one of these values (a list answer between
    # two items): the dialog asks which
    language: str | None = None
    snr_db: float | None = None  # how far the speech stood above the line's noise
    # (audio.vad.snr_estimate_db); None: not measured


@dataclass(frozen=True, slots=True, kw_only=True)
class Intent(Event):
    name: str | None  # None: out of scope
    confidence: float
    slots: Mapping[str, str] = field(default_factory=dict)
    alternatives: Sequence[tuple[str, float]] = ()
    unlike_examples: bool = False  # out of scope: the words are far from every intent's
    # examples (so the best guess is no candidate to confirm)


@dataclass(frozen=True, slots=True, kw_only=True)
class BotSpeech(Event):
    text: str
    barge_in: bool = True  # the caller may talk over it
    expect: str | None = None  # what the bot expects as the answer to this prompt
    listen: bool = True  # False: a statement before Handoff/Hangup; the caller's turn waits
    about: str | None = None  # the intent a "Geht es um …?" asks the caller to confirm
    concern: str | None = None  # the intent the bot is working on as it says this (inbound)


@dataclass(frozen=True, slots=True, kw_only=True)
class BotAudio(Event):
    """Synthesised audio of a BotSpeech, for the channel to play."""

    pcm: bytes  # 16-bit signed mono, little-endian
    sample_rate: int  # Hz


@dataclass(frozen=True, slots=True, kw_only=True)
class Dtmf(Event):
    key: DtmfKey


@dataclass(frozen=True, slots=True, kw_only=True)
class Hangup(Event):
    reason: Literal["caller", "bot", "error", "timeout"]
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Handoff(Event):
    queue: str
    priority: Literal["normal", "high"]
    context: Mapping[str, object]  # voicebot.handoff/1, schema-checked


@dataclass(frozen=True, slots=True, kw_only=True)
class CallError(Event):
    """Something went wrong in a stage; the call ends politely, the server does not."""

    code: str  # e.g. "bad_audio", "asr_failed", "tts_failed", "bad_frame"
    message: str


CallEvent = (
    CallStarted
    | AudioChunk
    | SpeechStarted
    | SpeechStopped
    | Transcript
    | Intent
    | BotSpeech
    | BotAudio
    | Dtmf
    | Hangup
    | Handoff
    | CallError
)
Emit = Callable[[CallEvent], Awaitable[None]]


class Stage(Protocol):
    """Reads its inbox until Hangup; emits what it makes, forwards the rest."""

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None: ...
