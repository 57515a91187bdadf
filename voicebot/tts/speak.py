"""The Speak stage: every BotSpeech is followed by its BotAudio at the channel's rate."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from voicebot.events import BotAudio, BotSpeech, CallError, CallEvent, CallStarted, Emit, Hangup
from voicebot.tts.cache import PromptCache
from voicebot.tts.synthesizer import TtsError

log = logging.getLogger(__name__)


@dataclass
class Speak:
    """Forwards every event; after a BotSpeech emits its BotAudio (or CallError 'tts_failed').

    The language is the tenant's (from CallStarted via tenant_languages), else `language`.
    Texts in `fixed_texts` come from the disk cache; others are synthesised each time.
    The dialog sits upstream, so `on_error` (e.g. the dialog stage's inbox `put`) is how it
    learns of a CallError and hands the call over with reason `error`; `on_audio` tells it
    how long each prompt plays, so its no-input timer starts when the caller has heard it.
    """

    prompts: PromptCache
    sample_rate: int  # Hz of the channel: 8000 telephone, 16000 browser and microphone
    language: str = "de"
    tenant_languages: Mapping[str, str] = field(default_factory=dict)
    fixed_texts: frozenset[str] = frozenset()
    on_error: Callable[[CallError], Awaitable[None]] | None = None
    on_audio: Callable[[BotAudio], Awaitable[None]] | None = None

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        language = self.language
        while not isinstance(event := await inbox.get(), Hangup):
            await emit(event)
            if isinstance(event, CallStarted):
                language = self.tenant_languages.get(event.tenant, self.language)
            elif isinstance(event, BotSpeech) and event.text.strip():
                spoken = await self.voice(event, language)
                if isinstance(spoken, BotAudio) and self.on_audio is not None:
                    await self.on_audio(spoken)  # first, so the dialog knows before the caller
                await emit(spoken)
                if isinstance(spoken, CallError) and self.on_error is not None:
                    await self.on_error(spoken)
        await emit(event)  # Hangup travels on; every stage closes

    async def voice(self, speech: BotSpeech, language: str) -> BotAudio | CallError:
        """The audio of one BotSpeech, synthesised off the event loop."""
        fixed = speech.text in self.fixed_texts
        try:
            pcm = await asyncio.to_thread(
                self.prompts.audio, speech.text, language, self.sample_rate, fixed=fixed
            )
        except TtsError as exc:
            log.warning("call %s: text to speech failed: %s", speech.call_id, exc)
            return CallError(
                call_id=speech.call_id, at_ms=speech.at_ms, code="tts_failed", message=str(exc)
            )
        return BotAudio(
            call_id=speech.call_id, at_ms=speech.at_ms, pcm=pcm, sample_rate=self.sample_rate
        )
