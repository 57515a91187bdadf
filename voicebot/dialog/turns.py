"""Streaming turn-taking for live lines: voice activity, partial and final recognition.

The `Listen` stage turns a live caller's AudioChunks into SpeechStarted, partial Transcripts
while they talk, SpeechStopped and a final Transcript. It listens all the time, also while the
bot talks: the channel cuts the bot's audio when a SpeechStarted passes (barge-in). To answer
sooner, the final decode starts speculatively after a short pause and is kept when the pause
turns into the end of the turn. Decoding runs off the event loop on a pool shared by all calls.

The final decode knows what the bot's prompt expects (`Listening`, set by the Dialog stage, as
in the offline Recognize stage, whose `recognize_turn` it shares): a customer number, yes/no or
a rating is scored against the audio and the final Transcript carries `expect` and `value`.
Speech that starts while a prompt that must not be interrupted (`barge_in=False`) is playing
is not a turn: the channel tells (`floor_held`), and such speech is dropped unheard.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from voicebot.asr.base import Recognition, SpeechModel
from voicebot.audio.endpoint import EndpointConfig, Endpointer
from voicebot.audio.vad import FLOOR_GATE_DB, VAD_RATES, VoiceActivityDetector, snr_estimate_db
from voicebot.dialog.hearing import Listening, final_transcript, recognize_turn
from voicebot.events import (
    AudioChunk,
    CallError,
    CallEvent,
    CallStarted,
    Emit,
    Hangup,
    SpeechStarted,
    SpeechStopped,
    Transcript,
)
from voicebot.privacy import mask_transcript

log = logging.getLogger(__name__)
WAIT_WINDOW_S = 15.0  # how long a decode's wait for a worker counts in `queue_wait_s`
FINAL_DECODE_TIMEOUT_S = 60.0  # a final decode this late means a hung recogniser: hand over
FloorHeld = Callable[[], bool]  # True while a prompt the caller may not interrupt is playing


def floor_never_held() -> bool:
    """For channels without prompts that forbid barge-in."""
    return False


@dataclass(frozen=True)
class TurnTiming:
    """Turn-taking knobs, in milliseconds of caller audio."""

    start_speech_ms: int = 120  # speech before a turn counts (clicks, coughs)
    end_silence_ms: int = 700  # silence that ends a turn
    early_decode_ms: int = 300  # silence after which the final decode starts speculatively
    partial_every_ms: int = 1500  # speech between partial decodes (0: no partials)
    preroll_ms: int = 300  # audio kept from before the speech start
    max_speech_ms: int = 15_000
    vad_aggressiveness: int = 2


class SharedDecoder:
    """One speech model for all calls; decodes on a bounded thread pool, off the event loop."""

    def __init__(
        self, model: SpeechModel, workers: int = 2, wait_window_s: float = WAIT_WINDOW_S
    ) -> None:
        self.model = model
        self.workers = workers
        self.wait_window_s = wait_window_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="asr")
        self.in_flight = 0
        # decodes not started yet -> (when submitted, whether a crowd was waiting before it)
        self._queued: dict[object, tuple[float, bool]] = {}
        self._waits: deque[tuple[float, float]] = deque()  # (started at, waited s), recent
        self._queued_lock = threading.Lock()

    @property
    def has_room(self) -> bool:
        """True when a partial may start: finals always queue, but partials keep one worker
        free for them and run one at a time in the whole process."""
        return self.in_flight < self.workers - 1 or (self.workers == 1 and not self.in_flight)

    @property
    def has_worker(self) -> bool:
        """True when a decode would start at once."""
        return self.in_flight < self.workers

    def queue_wait_s(self) -> float:
        """How far recognition is behind the callers: the longest a decode has waited for a
        worker, among those still waiting and those started in the last `wait_window_s`
        (0: none waited). The window keeps it from reading 0 in a lull between bursts. Only
        decodes that found at least `workers` others waiting count: one call's own guesses
        queued behind each other on a slow machine are not a crowd of callers."""
        now = time.monotonic()
        with self._queued_lock:
            while self._waits and self._waits[0][0] < now - self.wait_window_s:
                self._waits.popleft()
            waited = max((w for _, w in self._waits), default=0.0)
            oldest = min((at for at, crowd in self._queued.values() if crowd), default=now)
        return max(waited, now - oldest)

    async def decode(
        self,
        pcm: bytes,
        sample_rate: int,
        language: str,
        expect: str | None = None,
        hints: Sequence[str] = (),
        understood: Callable[[str], bool] | None = None,
        other_language: str | None = None,
    ) -> Recognition:
        """One decode on the pool: expectation-aware when `expect` is given (final decodes).

        A worker counts as busy until its decode has really finished: cancelling the caller
        drops a decode still waiting in the queue, but one already running goes on (a thread
        cannot be stopped), so it must keep its worker counted or speculation would pile up."""
        loop = asyncio.get_running_loop()
        ticket = object()
        with self._queued_lock:
            self._queued[ticket] = (time.monotonic(), len(self._queued) >= self.workers)

        def started() -> Recognition:  # in the worker thread
            now = time.monotonic()
            with self._queued_lock:
                submitted, crowd = self._queued.pop(ticket, (now, False))
                if crowd:
                    self._waits.append((now, now - submitted))
            return recognize_turn(
                self.model, pcm, sample_rate, language, expect, hints, understood, other_language
            )

        job = self._pool.submit(started)
        self.in_flight += 1
        job.add_done_callback(lambda _: (self._dequeue(ticket), self._finished(loop)))
        return await asyncio.wrap_future(job)

    def _dequeue(self, ticket: object) -> None:
        with self._queued_lock:
            self._queued.pop(ticket, None)

    def _finished(self, loop: asyncio.AbstractEventLoop) -> None:
        """From the worker thread (or the loop, for a dropped job): one worker less busy."""
        with contextlib.suppress(RuntimeError):  # the loop is gone: the server has stopped
            loop.call_soon_threadsafe(self._count_done)

    def _count_done(self) -> None:
        self.in_flight -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class _Utterance:
    """The audio of the turn being spoken, and decodes started on it."""

    pcm: bytearray = field(default_factory=bytearray)
    silence_ms: int = 0  # trailing silence so far
    last_partial_ms: int = 0
    speculative: asyncio.Task[Recognition] | None = None
    speculative_expect: str | None = None  # what the prompt expected when the guess started
    unheard: bool = False  # began over a prompt that may not be interrupted: dropped


@dataclass
class Listen:
    """Stage: AudioChunk -> SpeechStarted, partial Transcripts, SpeechStopped, final Transcript."""

    decoder: SharedDecoder
    tenant_languages: Mapping[str, str] = field(default_factory=dict)
    timing: TurnTiming = field(default_factory=TurnTiming)
    language: str = "de"
    listening: Listening = field(default_factory=Listening)  # this call's; the Dialog sets it
    floor_held: FloorHeld = floor_never_held  # from the channel

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        call = _CallEars(self, emit)
        try:
            while not isinstance(event := await inbox.get(), Hangup):
                if isinstance(event, CallStarted):
                    call.language = self.tenant_languages.get(event.tenant, self.language)
                if isinstance(event, AudioChunk):
                    await call.hear(event)
                await emit(event)
            await emit(event)  # Hangup travels on; every stage closes
        finally:
            call.close()


class _CallEars:
    """Per-call listening state (the stage object itself holds only shared things)."""

    def __init__(self, stage: Listen, emit: Emit) -> None:
        self.stage, self.emit, self.timing = stage, emit, stage.timing
        self.language = stage.language
        t = self.timing
        self.endpointer = Endpointer(
            EndpointConfig(
                start_speech_ms=t.start_speech_ms,
                end_silence_ms=t.end_silence_ms,
                no_input_ms=0,
                max_speech_ms=t.max_speech_ms,
            )
        )
        self.vad: VoiceActivityDetector | None = None
        self.rate = 0
        self.preroll: deque[bytes] = deque()
        self.turn: _Utterance | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.call_id, self.at_ms = "", 0

    async def hear(self, chunk: AudioChunk) -> None:
        self.call_id, self.at_ms = chunk.call_id, chunk.at_ms
        if self.vad is None:
            if chunk.sample_rate not in VAD_RATES:
                return  # the channel delivers 8 or 16 kHz; others are not listened to
            self.rate = chunk.sample_rate
            self.vad = VoiceActivityDetector(
                self.rate, self.timing.vad_aggressiveness, 20, floor_gate_db=FLOOR_GATE_DB
            )
        decisions = self.vad.feed(chunk.pcm)
        self._keep(chunk.pcm)
        for is_speech in decisions:
            found = self.endpointer.feed(is_speech, self.vad.frame_ms)
            if self.turn is not None:
                self._track(is_speech)
            if found is not None and found.kind == "speech_started":
                await self._turn_started(chunk)
            elif found is not None and found.kind == "speech_stopped":
                await self._turn_ended(chunk)

    async def _turn_started(self, chunk: AudioChunk) -> None:
        self.turn = _Utterance(pcm=bytearray(b"".join(self.preroll)))
        if self.stage.floor_held():
            self.turn.unheard = True  # e.g. legal text: talking over it is not an answer
            log.info("call %s: speech over a prompt that may not be interrupted", chunk.call_id)
            return
        await self.emit(SpeechStarted(call_id=chunk.call_id, at_ms=chunk.at_ms))

    def _keep(self, pcm: bytes) -> None:
        """Adds audio to the turn, or to the pre-roll while nobody talks."""
        if self.turn is not None:
            self.turn.pcm += pcm
            return
        self.preroll.append(pcm)
        keep_bytes = self.rate * 2 * self.timing.preroll_ms // 1000
        while sum(len(p) for p in self.preroll) > keep_bytes and len(self.preroll) > 1:
            self.preroll.popleft()

    def _track(self, is_speech: bool) -> None:
        """Silence bookkeeping per VAD frame: speculative final decode and partials."""
        turn, t = self.turn, self.timing
        assert turn is not None and self.vad is not None
        if turn.unheard:
            return
        if is_speech:
            turn.silence_ms = 0
            if turn.speculative is not None:  # the caller went on talking: the guess is stale
                turn.speculative.cancel()
                turn.speculative = None
        else:
            turn.silence_ms += self.vad.frame_ms
        spoken_ms = len(turn.pcm) * 1000 // (2 * self.rate)
        if (
            turn.silence_ms >= t.early_decode_ms
            and turn.speculative is None
            and self.stage.decoder.has_worker
        ):  # busy: a guess that may be wasted waits
            turn.speculative_expect = self.stage.listening.expect
            turn.speculative = asyncio.ensure_future(self._final_decode(bytes(turn.pcm)))
        elif (
            t.partial_every_ms
            and is_speech
            and self.stage.decoder.has_room
            and spoken_ms - turn.last_partial_ms >= t.partial_every_ms
        ):
            turn.last_partial_ms = spoken_ms
            self._spawn(self._partial(bytes(turn.pcm)))

    async def _turn_ended(self, chunk: AudioChunk) -> None:
        turn = self.turn
        assert turn is not None
        self.turn = None
        self.preroll.clear()
        self.endpointer.reset()
        if turn.unheard:
            return
        await self.emit(SpeechStopped(call_id=chunk.call_id, at_ms=chunk.at_ms))
        expect = self.stage.listening.expect
        pending = turn.speculative
        if pending is not None and turn.speculative_expect != expect:  # a new prompt meanwhile
            pending.cancel()
            pending = None
        pending = pending or asyncio.ensure_future(self._final_decode(bytes(turn.pcm)))
        snr_db = snr_estimate_db(np.frombuffer(bytes(turn.pcm), dtype="<i2"), self.rate)
        self._spawn(self._final(pending, expect, chunk.call_id, chunk.at_ms, snr_db))

    async def _decode(self, pcm: bytes) -> Recognition:
        """A partial: free recognition of what was said so far."""
        return await self.stage.decoder.decode(pcm, self.rate, self.language)

    async def _final_decode(self, pcm: bytes) -> Recognition:
        """The turn's final decode, knowing what the prompt expects (as offline)."""
        listening = self.stage.listening
        return await self.stage.decoder.decode(
            pcm, self.rate, self.language, listening.expect, listening.hints,
            listening.understood, listening.other_language,
        )  # fmt: skip

    async def _partial(self, pcm: bytes) -> None:
        heard = await self._decode(pcm)
        if heard.text and self.turn is not None:  # still the same turn
            await self.emit(
                Transcript(
                    call_id=self.call_id,
                    at_ms=self.at_ms,
                    text=heard.text,
                    final=False,
                    language=self.language,
                )
            )

    async def _final(
        self,
        pending: asyncio.Task[Recognition],
        expect: str | None,
        call_id: str,
        at_ms: int,
        snr_db: float | None,
    ) -> None:
        try:
            heard = await asyncio.wait_for(pending, FINAL_DECODE_TIMEOUT_S)
        except Exception as exc:  # a crashed or hung recogniser: the dialog hands the call over
            log.error("call %s: speech recognition failed: %s", call_id, exc or type(exc).__name__)
            message = f"speech recognition failed: {exc or type(exc).__name__}"
            error = CallError(call_id=call_id, at_ms=at_ms, code="asr_failed", message=message)
            await self.emit(error)
            return
        log.info(
            "call %s: heard %r (%.2f s decode)",
            call_id,
            mask_transcript(heard.text),
            heard.processing_s,
        )
        await self.emit(final_transcript(heard, call_id, at_ms, expect, snr_db))

    def _spawn(self, coro: object) -> None:
        task = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def close(self) -> None:
        for task in self.tasks:
            task.cancel()
