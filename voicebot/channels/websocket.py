"""A call over a WebSocket (browser `/calls`, Twilio `/twilio`): a transport around a serializer.

Frames in go through `serializer.decode` to call events; events out go through
`serializer.encode` to frames. Barge-in: a SpeechStarted (or a key) while a prompt that allows
it is playing sends the serializer's `clear` frame, so the far end drops the rest of the audio.
Twilio tells when audio has played (marks); for the browser, playback time is estimated.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Protocol

from starlette.websockets import WebSocket, WebSocketDisconnect

from voicebot.channels.serializers import TwilioSerializer
from voicebot.events import (
    BotAudio,
    BotSpeech,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
    SpeechStarted,
)

log = logging.getLogger(__name__)
GOODBYE_WAIT_S = 15.0  # longest wait for the last prompt to play before closing


class Serializer(Protocol):
    def decode(self, msg: str | bytes) -> list[CallEvent]: ...

    def encode(self, event: CallEvent) -> bytes | str | None: ...

    def clear(self) -> str: ...

    @property
    def at_ms(self) -> int: ...


class WebSocketLine:
    """One call on an accepted WebSocket; implements `voicebot.channels.base.CallChannel`."""

    def __init__(self, websocket: WebSocket, serializer: Serializer, call_id: str) -> None:
        self.websocket = websocket
        self.serializer = serializer
        self.call_id = call_id
        self.barge_in = True  # of the prompt now playing
        self.playing_until = 0.0  # monotonic time the far end finishes the audio sent so far
        self.protected_until = 0.0  # ... the audio of prompts that may not be interrupted
        self.marks_sent = 0
        self.clears = 0
        self.started: CallStarted | None = None
        self._closed = False
        self._gone = asyncio.Event()  # the far end (or the server shutting down) closed it

    @property
    def playing(self) -> bool:
        if isinstance(self.serializer, TwilioSerializer):
            return len(self.serializer.played_marks) < self.marks_sent
        return time.monotonic() < self.playing_until

    def floor_held(self) -> bool:
        """True while a prompt with barge_in=False plays: speech now is not an answer."""
        return time.monotonic() < self.protected_until

    async def events(self) -> AsyncIterator[CallEvent]:
        """Decoded frames until the caller hangs up, the socket drops or a frame is bad."""
        while not self._closed:
            try:
                message = await self.websocket.receive()
            except (WebSocketDisconnect, RuntimeError):
                message = {"type": "websocket.disconnect"}
            if message["type"] == "websocket.disconnect":
                self._gone.set()
                if self.started is not None:
                    at_ms = self.serializer.at_ms
                    yield Hangup(call_id=self.call_id, at_ms=at_ms, reason="caller")
                return
            data = message.get("bytes")
            for event in self.serializer.decode(data if data is not None else message["text"]):
                if isinstance(event, CallStarted):
                    self.started = event
                elif isinstance(event, Dtmf):
                    await self._interrupt()
                yield event
                if isinstance(event, Hangup):
                    return

    async def send(self, event: CallEvent) -> None:
        """Sends what the far end should see or hear; never raises for a gone socket."""
        if isinstance(event, BotSpeech):
            self.barge_in = event.barge_in
        elif isinstance(event, SpeechStarted):
            await self._interrupt()
        elif isinstance(event, Hangup) and event.reason != "caller":
            await self._goodbye_played()
        frame = self.serializer.encode(event)
        if frame is not None:
            await self._send(frame)
        if isinstance(event, BotAudio):
            await self._played_after(event)
        elif isinstance(event, Hangup):
            await self._close()

    async def _played_after(self, audio: BotAudio) -> None:
        seconds = len(audio.pcm) / 2 / audio.sample_rate
        self.playing_until = max(self.playing_until, time.monotonic()) + seconds
        if not self.barge_in:
            self.protected_until = self.playing_until
        if isinstance(self.serializer, TwilioSerializer):
            self.marks_sent += 1
            await self._send(self.serializer.mark(f"prompt-{self.marks_sent}"))

    async def _interrupt(self) -> None:
        if self.barge_in and self.playing:
            self.clears += 1
            self.playing_until = time.monotonic()
            if isinstance(self.serializer, TwilioSerializer):
                self.marks_sent = len(self.serializer.played_marks)  # cleared marks come back
            await self._send(self.serializer.clear())

    async def _goodbye_played(self) -> None:
        """Waits (bounded) until the last prompt has played, by the clock (after the call's end
        Twilio's marks are not read), or until the socket is gone: the caller hung up, or the
        server is shutting down and must not wait for (or cancel) calls saying goodbye."""
        end = min(self.playing_until, time.monotonic() + GOODBYE_WAIT_S)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._gone.wait(), max(0.0, end - time.monotonic()))

    async def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._gone.set()
        with contextlib.suppress(RuntimeError, WebSocketDisconnect, OSError):
            await self.websocket.close()

    async def _send(self, frame: bytes | str) -> None:
        if self._closed:
            return
        try:
            if isinstance(frame, bytes):
                await self.websocket.send_bytes(frame)
            else:
                await self.websocket.send_text(frame)
        except (RuntimeError, WebSocketDisconnect, OSError) as exc:
            log.info("call %s: socket gone while sending (%s)", self.call_id, exc)
            self._closed = True
            self._gone.set()
