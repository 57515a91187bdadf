"""Local microphone and speaker (sounddevice): captures 16 kHz mono AudioChunks, plays BotAudio.

`MicrophoneChannel(started)` is a CallChannel for `voicebot.pipeline.run_pipeline`; it raises
UserError("no sound device found: ...") at once when PortAudio lists no microphone/speaker.
Ctrl-C during the call is the caller hanging up.

Without echo cancellation the microphone hears the speaker, so by default the channel is
half-duplex: while the bot talks (and `echo_tail_ms` after) the caller's audio is replaced by
silence, keeping the audio clock running. With a headset, `half_duplex=False` allows barge-in:
a SpeechStarted during a BotSpeech with `barge_in` stops playback.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from voicebot.audio.resample import pcm_at_rate
from voicebot.errors import UserError
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallEvent,
    CallStarted,
    Hangup,
    SpeechStarted,
)

MIC_RATE = 16000  # Hz, capture and playback
CHUNK_MS = 20
BYTES_PER_MS = MIC_RATE * 2 // 1000
NEVER_PLAYED_MS = 1 << 30


class PlaybackBuffer:
    """Bot audio waiting for the speaker; filled by the call, drained by the audio thread."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self._lock = threading.Lock()
        self.silent_ms_after = NEVER_PLAYED_MS  # ms of silence played since the buffer ran dry

    def add(self, pcm: bytes) -> None:
        with self._lock:
            self._pending += pcm
            self.silent_ms_after = 0

    def take(self, nbytes: int) -> bytes:
        """Exactly nbytes for the speaker: pending audio first, padded with silence."""
        with self._lock:
            out = bytes(self._pending[:nbytes])
            del self._pending[:nbytes]
            if len(out) < nbytes:
                self.silent_ms_after += (nbytes - len(out)) // BYTES_PER_MS
        return out + bytes(nbytes - len(out))

    def clear(self) -> int:
        """Drops what has not been played yet (barge-in); returns the ms dropped."""
        with self._lock:
            dropped = len(self._pending) // BYTES_PER_MS
            self._pending.clear()
        return dropped

    def busy(self, tail_ms: int) -> bool:
        """True while audio is pending or was playing less than tail_ms ago."""
        with self._lock:
            return bool(self._pending) or self.silent_ms_after < tail_ms


class CaptureClock:
    """Cuts captured PCM into AudioChunks of chunk_ms, stamped on the call's audio clock."""

    def __init__(self, call_id: str, chunk_ms: int = CHUNK_MS) -> None:
        self.call_id = call_id
        self.chunk_bytes = chunk_ms * BYTES_PER_MS
        self.captured_ms = 0
        self._partial = bytearray()

    def chunks(self, pcm: bytes) -> list[AudioChunk]:
        """The whole chunks completed by this block of 16 kHz 16-bit mono PCM."""
        self._partial += pcm
        out = []
        while len(self._partial) >= self.chunk_bytes:
            piece = bytes(self._partial[: self.chunk_bytes])
            del self._partial[: self.chunk_bytes]
            out.append(
                AudioChunk(
                    call_id=self.call_id, at_ms=self.captured_ms, pcm=piece, sample_rate=MIC_RATE
                )
            )
            self.captured_ms += len(piece) // BYTES_PER_MS
        return out


def sound_devices() -> Any:
    """The sounddevice module once PortAudio lists an input and an output device, else UserError."""
    try:
        import sounddevice
    except OSError as exc:  # PortAudio shared library missing
        raise UserError(
            f"no sound device found: PortAudio is not installed ({exc}); run scripts/setup.sh "
            "or use --wav"
        ) from exc
    devices = sounddevice.query_devices()
    inputs = [d for d in devices if d["max_input_channels"] > 0]
    outputs = [d for d in devices if d["max_output_channels"] > 0]
    if not inputs or not outputs:
        missing = "microphone" if not inputs else "speaker"
        if not inputs and not outputs:
            missing = "microphone or speaker"
        raise UserError(
            f"no sound device found: PortAudio lists no {missing} ({len(devices)} devices); "
            "connect a headset or use --wav"
        )
    return sounddevice


class MicrophoneChannel:
    """One live call on the local sound card, as a CallChannel (voicebot/channels/base.py)."""

    def __init__(
        self,
        started: CallStarted,
        *,
        half_duplex: bool = True,
        echo_tail_ms: int = 300,
        chunk_ms: int = CHUNK_MS,
        device: int | str | None = None,
    ) -> None:
        self._sd = sound_devices()  # UserError here, before the call starts, when there is none
        self.started = started
        self.half_duplex = half_duplex
        self.echo_tail_ms = echo_tail_ms
        self.device = device
        self.playback = PlaybackBuffer()
        self.clock = CaptureClock(started.call_id, chunk_ms)
        self._blocks: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._caller_hung_up = False
        self._barge_in = True
        self._loop: asyncio.AbstractEventLoop | None = None

    def hang_up(self) -> None:
        """The caller ends the call (Ctrl-C): events() yields Hangup(reason='caller')."""
        self._caller_hung_up = True
        self._wake_capture()

    async def events(self) -> AsyncIterator[CallEvent]:
        """CallStarted, then 16 kHz AudioChunks until either side hangs up."""
        self._loop = asyncio.get_running_loop()
        with contextlib.ExitStack() as streams:
            streams.enter_context(self._open("output", self._on_playback))
            streams.enter_context(self._open("input", self._on_captured))
            streams.enter_context(ctrl_c_calls(self._loop, self.hang_up))
            yield self.started
            while (block := await self._blocks.get()) is not None:
                if self.half_duplex and self.playback.busy(self.echo_tail_ms):
                    block = bytes(len(block))  # the bot is talking: don't hear ourselves
                for chunk in self.clock.chunks(block):
                    yield chunk
            if self._caller_hung_up:
                yield Hangup(
                    call_id=self.started.call_id, at_ms=self.clock.captured_ms, reason="caller"
                )

    async def send(self, event: CallEvent) -> None:
        """Plays BotAudio, stops it on barge-in; on Hangup lets the goodbye finish first."""
        if isinstance(event, BotSpeech):
            self._barge_in = event.barge_in
        elif isinstance(event, BotAudio):
            self.playback.add(pcm_at_rate(event.pcm, event.sample_rate, MIC_RATE))
        elif isinstance(event, SpeechStarted) and self._barge_in and not self.half_duplex:
            self.playback.clear()
        elif isinstance(event, Hangup):
            # The audio thread drains the buffer, so poll it; bounded by the audio queued.
            while self.playback.busy(0):  # noqa: ASYNC110
                await asyncio.sleep(CHUNK_MS / 1000)
            self._wake_capture()

    def _open(self, direction: str, callback: Callable[..., None]) -> Any:
        stream = self._sd.RawInputStream if direction == "input" else self._sd.RawOutputStream
        try:
            return stream(
                samplerate=MIC_RATE,
                channels=1,
                dtype="int16",
                device=self.device,
                blocksize=CHUNK_MS * MIC_RATE // 1000,
                callback=callback,
            )
        except self._sd.PortAudioError as exc:
            raise UserError(
                f"sound {direction} device {self.device or 'default'} cannot run 16 kHz mono: "
                f"{exc}; pick another device"
            ) from exc

    def _on_captured(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._blocks.put_nowait, bytes(indata))

    def _on_playback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        outdata[:] = self.playback.take(len(outdata))

    def _wake_capture(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._blocks.put_nowait, None)


@contextlib.contextmanager
def ctrl_c_calls(loop: asyncio.AbstractEventLoop, action: Callable[[], None]) -> Iterator[None]:
    """Within the block, Ctrl-C calls `action` instead of raising KeyboardInterrupt."""
    try:
        loop.add_signal_handler(signal.SIGINT, action)
    except (NotImplementedError, RuntimeError, ValueError):
        yield  # not the main thread: Ctrl-C keeps its default behaviour
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)
