"""RTP timing: bot audio leaves as one frame per ptime on a steady clock, and can be cut at once.

The caller's side (reordering, loss concealment) is aiortp's jitter buffer; this is the bot's
side. A prompt is queued whole; `clear()` drops what has not left yet (barge-in), so the
caller stops hearing the bot within one frame.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable

FrameSink = Callable[[bytes, int, bool], None]  # (pcm frame, rtp timestamp, marker) -> sent


class FramePacer:
    """Sends queued 16-bit PCM as fixed frames every `frame_ms`, with RTP timestamps."""

    def __init__(
        self, send: FrameSink, sample_rate: int = 8000, frame_ms: int = 20, timestamp: int = 0
    ) -> None:
        self._send = send
        self.frame_ms = frame_ms
        self.frame_samples = sample_rate * frame_ms // 1000
        self._frame_bytes = self.frame_samples * 2
        self._frames: deque[bytes] = deque()
        self._timestamp = timestamp & 0xFFFFFFFF
        self._talking = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._task: asyncio.Task[None] | None = None
        self.sent_frames = 0
        self.dropped_frames = 0  # cut by barge-in
        self.late_ticks = 0  # ticks that came more than one frame late (loop was blocked)

    @property
    def playing(self) -> bool:
        """True while bot audio is queued or leaving."""
        return bool(self._frames)

    @property
    def queued_ms(self) -> int:
        return len(self._frames) * self.frame_ms

    def play(self, pcm: bytes) -> None:
        """Queues audio; the last partial frame is padded with silence."""
        for start in range(0, len(pcm), self._frame_bytes):
            frame = pcm[start : start + self._frame_bytes]
            self._frames.append(frame.ljust(self._frame_bytes, b"\x00"))
        if self._frames:
            self._idle.clear()

    def clear(self) -> int:
        """Drops the audio not sent yet; returns how many milliseconds were cut."""
        cut = len(self._frames)
        self._frames.clear()
        self.dropped_frames += cut
        self._idle.set()
        return cut * self.frame_ms

    async def drained(self) -> None:
        """Waits until every queued frame has left (or was cleared)."""
        await self._idle.wait()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.clear()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        interval = self.frame_ms / 1000
        deadline = loop.time() + interval
        while True:
            await asyncio.sleep(max(0.0, deadline - loop.time()))
            if loop.time() - deadline > interval:
                self.late_ticks += 1
            deadline += interval
            self.tick()

    def tick(self) -> None:
        """One frame time: send the next frame, or stay silent (the timestamp still advances)."""
        if self._frames:
            frame = self._frames.popleft()
            self._send(frame, self._timestamp, not self._talking)  # marker: talkspurt start
            self._talking = True
            self.sent_frames += 1
            if not self._frames:
                self._idle.set()
        else:
            self._talking = False
        self._timestamp = (self._timestamp + self.frame_samples) & 0xFFFFFFFF
