"""Offline channel: each WAV file is the caller's next turn, played whenever the bot listens.

Runs on the audio clock, faster than real time. With `bot_audio=True` (a Speak stage in the
pipeline) the caller's next turn starts when the bot's synthesised prompt has played; without
it, the prompt's length is estimated from its text. A DTMF string is keyed at the first prompt that
accepts keys (one expecting digits, a rating or a menu choice). When the turns run out the caller
stays silent, and after a few silent turns hangs up.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from voicebot.audio.resample import pcm_at_rate
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


def _accepts_keys(expect: str | None) -> bool:
    return bool(expect) and not str(expect).startswith(("yesno", "free"))


class WavChannel:
    """Plays caller turns from WAV files (any format voicebot.audio reads) at `sample_rate`."""

    def __init__(
        self,
        started: CallStarted,
        wavs: Sequence[Path],
        dtmf: str = "",
        *,
        sample_rate: int = 16000,
        no_input_ms: int = 6000,
        extra_silences: int = 2,
        bot_audio: bool = False,
    ) -> None:
        from voicebot.audio.wav import read_audio

        self.started = started
        self.sample_rate = sample_rate
        self.turns: list[bytes] = []
        for path in wavs:
            audio = read_audio(path)
            pcm = audio.samples.astype("<i2").tobytes()
            self.turns.append(pcm_at_rate(pcm, audio.sample_rate, sample_rate))
        self.dtmf = dtmf
        self.no_input_ms = no_input_ms
        self.extra_silences = extra_silences
        self.bot_audio = bot_audio  # True: BotAudio follows each BotSpeech and sets the clock
        self.bot_pcm = bytearray()  # everything the bot said, at sample_rate (for recordings)
        self.turn_spans: list[tuple[int, int]] = []  # (start_ms, end_ms) of each caller recording
        self._cues: asyncio.Queue[tuple[int, str | None] | None] = asyncio.Queue()
        self._pending: BotSpeech | None = None

    async def events(self) -> AsyncIterator[CallEvent]:
        yield self.started
        while (cue := await self._cues.get()) is not None:
            start, expect = cue
            for event in self._turn(start, expect):
                yield event
                await asyncio.sleep(0)

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
            keys, self.dtmf = self.dtmf, ""
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
            self.extra_silences -= 1
            return self._silence(start, self.no_input_ms + 500)
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
