"""Endpoint and Recognize stages: caller audio -> SpeechStarted/SpeechStopped -> Transcript."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from voicebot.audio.vad import snr_estimate_db
from voicebot.events import (
    AudioChunk,
    CallError,
    CallEvent,
    Emit,
    Hangup,
    SpeechStarted,
    SpeechStopped,
    Transcript,
)

if TYPE_CHECKING:
    from voicebot.asr.base import Recognition

log = logging.getLogger(__name__)
PREROLL_MS = 300  # audio kept before the detected start, so first syllables are not cut


@dataclass
class Listening:
    """What the bot's current prompt expects; the Dialog stage sets it, Recognize reads it."""

    expect: str | None = None
    language: str = "de"
    hints: tuple[str, ...] = ()  # words of the tenant, for free answers only (SPEECH_NOTES §4)
    understood: Callable[[str], bool] | None = None  # the tenant's NLU places this text: free
    # turns it cannot place are checked against the hints (asr/vocabulary.py)
    other_language: str | None = None  # a language the caller may speak instead (English at a
    # German hotline): the Dialog sets it until the caller's first turn is heard


@dataclass
class Endpoint:
    """webrtcvad decisions through the pure Endpointer: marks where a caller turn starts/ends."""

    end_silence_ms: int = 700

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        from voicebot.audio.endpoint import EndpointConfig, Endpointer
        from voicebot.audio.vad import FLOOR_GATE_DB, VoiceActivityDetector

        config = EndpointConfig(end_silence_ms=self.end_silence_ms, no_input_ms=0)
        endpointer = Endpointer(config)
        vad: Any = None
        while not isinstance(event := await inbox.get(), Hangup):
            await emit(event)
            if not isinstance(event, AudioChunk):
                continue
            if vad is None or vad.sample_rate != event.sample_rate:
                vad = VoiceActivityDetector(event.sample_rate, floor_gate_db=FLOOR_GATE_DB)
            for is_speech in vad.feed(event.pcm):
                found = endpointer.feed(is_speech, vad.frame_ms)
                if found is None:
                    continue
                if found.kind == "speech_started":
                    await emit(SpeechStarted(call_id=event.call_id, at_ms=event.at_ms))
                elif found.kind == "speech_stopped":
                    await emit(SpeechStopped(call_id=event.call_id, at_ms=event.at_ms))
                    endpointer.reset()
        await emit(event)


@dataclass
class Recognize:
    """Decodes each caller turn off the event loop; passes the prompt's expectation on."""

    model: Any  # voicebot.asr SpeechModel
    listening: Listening
    _audio: list[AudioChunk] = field(default_factory=list)
    _speaking: bool = False

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        while not isinstance(event := await inbox.get(), Hangup):
            await emit(event)
            if isinstance(event, AudioChunk):
                self._keep(event)
            elif isinstance(event, SpeechStarted):
                self._speaking = True
            elif isinstance(event, SpeechStopped) and self._speaking:
                self._speaking = False
                await emit(await self._transcript(event))
        await emit(event)

    def _keep(self, chunk: AudioChunk) -> None:
        self._audio.append(chunk)
        if not self._speaking:  # only the pre-roll is kept while nobody speaks
            while self._audio and chunk.at_ms - self._audio[0].at_ms > PREROLL_MS:
                self._audio.pop(0)

    async def _transcript(self, stopped: SpeechStopped) -> Transcript | CallError:
        """The caller's turn as a final Transcript; CallError 'asr_failed' when decoding fails."""
        chunks, self._audio = self._audio, []
        rate = chunks[0].sample_rate if chunks else 16000
        pcm = b"".join(c.pcm for c in chunks)
        expect, language = self.listening.expect, self.listening.language
        hints, understood = self.listening.hints, self.listening.understood
        other = self.listening.other_language
        try:
            result = await asyncio.to_thread(
                recognize_turn, self.model, pcm, rate, language, expect, hints, understood, other
            )
        except Exception as exc:  # a failing model ends in a handoff, never a dead call
            log.warning("call %s: speech recognition failed: %s", stopped.call_id, exc)
            return CallError(
                call_id=stopped.call_id, at_ms=stopped.at_ms, code="asr_failed", message=str(exc)
            )
        snr_db = snr_estimate_db(np.frombuffer(pcm, dtype="<i2"), rate)
        return final_transcript(result, stopped.call_id, stopped.at_ms, expect, snr_db)


def final_transcript(
    heard: Recognition, call_id: str, at_ms: int, expect: str | None, snr_db: float | None
) -> Transcript:
    """The Transcript event of a turn's final decode (offline and live calls alike)."""
    return Transcript(
        call_id=call_id,
        at_ms=at_ms,
        text=heard.text.strip(),
        final=True,
        confidence=heard.confidence,
        expect=expect,
        value=heard.value,
        candidates=heard.candidates,
        language=heard.language,
        snr_db=snr_db,
    )


def recognize_turn(
    model: Any,
    pcm: bytes,
    rate: int,
    language: str,
    expect: str | None,
    hints: Sequence[str] = (),
    understood: Callable[[str], bool] | None = None,
    other_language: str | None = None,
) -> Recognition:
    """One caller turn's final decode (blocking): expectation-aware when the prompt expects
    something, else free with the tenant's hint words; a free text the tenant's NLU cannot
    place (`understood`) may be rewritten towards the hints (asr/vocabulary.py). A free turn
    that Whisper's language detection finds in `other_language` is decoded in that language
    (an English caller at a German hotline: forced to German, Whisper translated or garbled
    it). Shared by offline and live calls."""
    if expect:
        from voicebot.asr.expect import Expectation, recognize_expected
        from voicebot.nlu.numbers import spoken_digits

        expected = Expectation.parse(expect)
        answer: Recognition = recognize_expected(model, pcm, rate, language, expected)
        said_digits = answer.value is not None or spoken_digits(answer.text, language)
        if expected.kind != "digits" or said_digits or not answer.text.strip():
            return answer  # no number at a number prompt: a concern said first, decoded as
    if other_language and speaks_other_language(model, pcm, rate, language, other_language):
        return model.transcribe(pcm, rate, other_language)  # (the tenant's hints are its words)
    heard: Recognition = model.transcribe(pcm, rate, language, hints=hints)  # a free turn
    if understood is not None and heard.text and not understood(heard.text):
        from voicebot.asr.vocabulary import closer_to_vocabulary

        better = closer_to_vocabulary(model, pcm, rate, language, heard.text, hints, understood)
        if better is not None:
            log.info("free turn rewritten towards the tenant's words")
            return dataclasses.replace(heard, text=better)
    return heard


OTHER_LANGUAGE_SHARE = 0.6  # detection's probability for the other language: English concern
# sentences by telephone 0.62-0.98, German ones at most 0.18 (a lone "Ja." 0.43, but turns
# under MIN_OTHER_LANGUAGE_S are not checked): benchmarks/results/english_callers.md
MIN_OTHER_LANGUAGE_S = 1.0


def speaks_other_language(model: Any, pcm: bytes, rate: int, language: str, other: str) -> bool:
    """Whether a turn (of a sentence's length) is in `other` rather than `language`, by the
    recogniser's language detection (models without one: never)."""
    probability = getattr(model, "language_probability", None)
    if probability is None or other == language or len(pcm) / 2 / rate < MIN_OTHER_LANGUAGE_S:
        return False
    return bool(probability(pcm, rate, other) >= OTHER_LANGUAGE_SHARE)
