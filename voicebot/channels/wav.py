"""Offline channel: each WAV file is the caller's next turn, played whenever the bot listens.

Runs on the audio clock, faster than real time. With `bot_audio=True` (a Speak stage in the
pipeline) the caller's next turn starts when the bot's synthesised prompt has played; without
it, the prompt's length is estimated from its text. A DTMF string is keyed at the first prompt that
accepts keys (one expecting digits, a rating or a menu choice). When the turns run out the caller
stays silent, and after a few silent turns hangs up.

A turn the bot does not answer (silence, a cough, keys without an end) is followed by more
silence until it does: with `progress` (the dialog's `DialogProgress`) the channel plays it in
small steps, each once the dialog has read the last, so the no-input timer fires on the audio
clock and the caller's next turn never starts before the bot's reply.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from voicebot.audio.resample import pcm_at_rate
from voicebot.channels.base import DialogProgress
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
)

CHUNK_MS = 20
TRAILING_SILENCE_MS = 1200  # after each turn, so the endpointer hears the end of speech
KEY_GAP_MS = 250
MS_PER_CHAR = 65  # the bot's speaking time per character when no audio is synthesised
REPLY_GAP_MS = 300  # the caller starts this long after the bot's prompt ended
SILENCE_STEP_MS = 200  # silence played per step while the bot has not answered a turn
MAX_UNANSWERED_INPUTS = 3  # silence after a turn, in no-input times, before the caller hangs up


def _accepts_keys(expect: str | None) -> bool:
    return bool(expect) and not str(expect).startswith(("yesno", "free"))


class WavChannel:
    """Plays caller turns from WAV files (any format voicebot.audio reads) at `sample_rate`."""

    def __init__(
        self,
        started: CallStarted,
        wavs: Sequence[Path],
        dtmf: str | Sequence[str] = "",
        *,
        sample_rate: int = 16000,
        no_input_ms: int = 6000,
        extra_silences: int = 2,
        bot_audio: bool = False,
        progress: DialogProgress | None = None,
    ) -> None:
        from voicebot.audio.wav import read_audio

        self.started = started
        self.sample_rate = sample_rate
        self.turns: list[bytes] = []
        for path in wavs:
            audio = read_audio(path)
            pcm = audio.samples.astype("<i2").tobytes()
            self.turns.append(pcm_at_rate(pcm, audio.sample_rate, sample_rate))
        keyed = [dtmf] if isinstance(dtmf, str) else list(dtmf)
        self.dtmf = [keys for keys in keyed if keys]  # each at the next prompt that takes keys
        self.no_input_ms = no_input_ms
        self.extra_silences = extra_silences
        self.bot_audio = bot_audio  # True: BotAudio follows each BotSpeech and sets the clock
        self.progress = progress  # None: fixed silences only (the dialog's turns are not seen)
        self.bot_pcm = bytearray()  # everything the bot said, at sample_rate (for recordings)
        self.turn_spans: list[tuple[int, int]] = []  # (start_ms, end_ms) of each caller recording
        self._cues: asyncio.Queue[tuple[int, str | None] | None] = asyncio.Queue()
        self._pending: BotSpeech | None = None

    async def events(self) -> AsyncIterator[CallEvent]:
        yield self.started
        while (cue := await self._cues.get()) is not None:
            start, expect = cue
            turns_before = self.progress.turns if self.progress is not None else 0
            played: CallEvent | None = None  # the last event of this turn
            for played in self._turn(start, expect):
                yield played
                await asyncio.sleep(0)
            if self.progress is not None and not isinstance(played, Hangup):
                last_ms = None if played is None else played.at_ms
                silence = self._silence_until_answered(self.progress, start, last_ms, turns_before)
                async for event in silence:
                    yield event

    async def _silence_until_answered(
        self, progress: DialogProgress, start: int, last_ms: int | None, turns: int
    ) -> AsyncIterator[CallEvent]:
        """Silence, one step each time the dialog has read the last, until the bot takes a turn;
        a caller still unanswered after MAX_UNANSWERED_INPUTS no-input times hangs up."""
        at_ms = start if last_ms is None else last_ms + CHUNK_MS
        give_up_ms = at_ms + MAX_UNANSWERED_INPUTS * self.no_input_ms
        while True:
            if last_ms is not None:
                await progress.reached(last_ms)
            if progress.turns > turns or progress.closed:
                return
            if at_ms >= give_up_ms:
                yield Hangup(call_id=self.started.call_id, at_ms=at_ms, reason="caller")
                return
            for event in self._silence(at_ms, SILENCE_STEP_MS):
                yield event
                last_ms = event.at_ms
            at_ms += SILENCE_STEP_MS

    async def send(self, event: CallEvent) -> None:
        if isinstance(event, BotSpeech) and event.listen and self.bot_audio:
            self._pending = event  # the caller answers once its audio has played
        elif isinstance(event, BotSpeech) and event.listen:
            await self._cues.put((event.at_ms + 400 + MS_PER_CHAR * len(event.text), event.expect))
        elif isinstance(event, BotAudio):
            self.bot_pcm += pcm_at_rate(event.pcm, event.sample_rate, self.sample_rate)
            if self._pending is not None:
                played_ms = len(event.pcm) // 2 * 1000 // event.sample_rate
                start = event.at_ms + played_ms + REPLY_GAP_MS
                await self._cues.put((start, self._pending.expect))
                self._pending = None
        elif isinstance(event, CallError):
            self._pending = None  # no audio will come for it; the dialog decides what follows
        elif isinstance(event, Hangup):
            await self._cues.put(None)

    def _turn(self, start: int, expect: str | None) -> list[CallEvent]:
        call_id = self.started.call_id
        if self.dtmf and _accepts_keys(expect):
            keys = self.dtmf.pop(0)
            events: list[CallEvent] = [
                Dtmf(call_id=call_id, at_ms=start + i * KEY_GAP_MS, key=key)  # type: ignore[arg-type]
                for i, key in enumerate(keys)
            ]
            if not keys.endswith("#"):
                events += self._silence(start + len(keys) * KEY_GAP_MS, 3500)
            return events
        if self.turns:
            pcm = self.turns.pop(0)
            end = start + len(pcm) * 1000 // (2 * self.sample_rate)
            self.turn_spans.append((start, end))
            return self._chunks(pcm, start) + self._silence(end, TRAILING_SILENCE_MS)
        if self.extra_silences > 0:
            self.extra_silences -= 1  # with progress, the silence lasts until the bot answers
            return [] if self.progress is not None else self._silence(start, self.no_input_ms + 500)
        return [Hangup(call_id=call_id, at_ms=start, reason="caller")]

    def _chunks(self, pcm: bytes, start: int) -> list[CallEvent]:
        size = self.sample_rate * CHUNK_MS // 1000 * 2
        return [
            AudioChunk(
                call_id=self.started.call_id,
                at_ms=start + i // size * CHUNK_MS,
                pcm=pcm[i : i + size],
                sample_rate=self.sample_rate,
            )
            for i in range(0, len(pcm), size)
        ]

    def _silence(self, start: int, duration_ms: int) -> list[CallEvent]:
        samples = self.sample_rate * duration_ms // 1000
        return self._chunks(b"\x00\x00" * samples, start)
