"""WS /twilio with a client that speaks Twilio's exact Media Streams JSON (μ-law 8 kHz)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import websockets

from tests.test_websocket_calls import CallServer, call_server  # noqa: F401 (fixture)
from voicebot.audio.g711 import mulaw_encode


class FakeTwilio:
    """Plays Twilio's side of one stream: sends the caller, echoes marks, records replies."""

    def __init__(self, ws: Any, to: str) -> None:
        self.ws, self.to = ws, to
        self.sequence = 0
        self.chunk = 0
        self.received: list[dict[str, Any]] = []
        self.audio_arrived = asyncio.Event()

    async def send(self, event: str, **body: Any) -> None:
        self.sequence += 1
        message = {
            "event": event,
            "sequenceNumber": str(self.sequence),
            "streamSid": "MZ42",
            **body,
        }
        await self.ws.send(json.dumps(message))

    async def start(self) -> None:
        await self.ws.send(
            json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        )
        await self.send(
            "start",
            start={
                "accountSid": "AC42",
                "streamSid": "MZ42",
                "callSid": "CA42",
                "tracks": ["inbound"],
                "customParameters": {"To": self.to, "From": "+4940555"},
                "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
            },
        )

    async def speak(self, pcm_8k: bytes, pace: float = 0.25) -> None:
        """Caller audio in 20 ms media messages, as Twilio sends them."""
        ulaw = mulaw_encode(np.frombuffer(pcm_8k, dtype="<i2")).tobytes()
        for start in range(0, len(ulaw), 160):
            self.chunk += 1
            await self.send(
                "media",
                media={
                    "track": "inbound",
                    "chunk": str(self.chunk),
                    "timestamp": str(20 * self.chunk),
                    "payload": base64.b64encode(ulaw[start : start + 160]).decode(),
                },
            )
            await asyncio.sleep(0.02 * pace)

    async def listen(self) -> None:
        """Reads the bot's messages; echoes each mark once its audio would have played, or at
        once after a clear (as Twilio does)."""
        queued_s, pending = 0.0, []
        async for frame in self.ws:
            message = json.loads(frame)
            self.received.append(message)
            if message["event"] == "media":
                queued_s += len(base64.b64decode(message["media"]["payload"])) / 8000
                self.audio_arrived.set()
            elif message["event"] == "mark":
                pending.append(asyncio.create_task(self._echo(message["mark"]["name"], queued_s)))
            elif message["event"] == "clear":
                for task in pending:
                    task.cancel()
                queued_s, pending = 0.0, []

    async def _echo(self, name: str, after_s: float) -> None:
        try:
            await asyncio.sleep(after_s)
        finally:  # cancelled by a clear: Twilio still echoes the mark, at once
            await self.send("mark", mark={"name": name})

    def of(self, event: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["event"] == event]


async def call_record(server: CallServer, prefix: str) -> Any:
    """The record of the last call whose id starts with prefix (it lands just after the end)."""
    async with asyncio.timeout(10):
        while True:
            records = [
                r for r in server.app.state.live_calls.records if r.call_id.startswith(prefix)
            ]
            if records:
                return records[-1]
            await asyncio.sleep(0.05)


async def test_a_twilio_caller_is_understood_and_handed_to_allgemein(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
) -> None:
    words = say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 8000)
    pause = b"\x00\x00" * 8000
    async with websockets.connect(f"{call_server.ws}/twilio", max_size=2**24) as ws:
        twilio = FakeTwilio(ws, "+498006673935")
        listening = asyncio.create_task(twilio.listen())
        await twilio.start()
        async with asyncio.timeout(60):
            await twilio.audio_arrived.wait()
        await twilio.speak(pause[:4000] + words + pause + pause)
        async with asyncio.timeout(120):
            await listening  # the server closes the stream after the handoff
    media = twilio.of("media")
    assert {m["streamSid"] for m in media} == {"MZ42"}
    ulaw = base64.b64decode(media[0]["media"]["payload"])
    assert len(ulaw) > 8000  # at least a second of the greeting, μ-law at 8 kHz
    assert twilio.of("mark"), "a mark follows each prompt"
    assert twilio.of("clear"), "the caller talked over the greeting: Twilio is told to clear"
    record = await call_record(call_server, "twilio-")
    assert record.handoff is not None and record.handoff.queue == "allgemein"


async def test_a_twilio_stream_to_an_unknown_number_ends_with_an_error(
    call_server: CallServer,  # noqa: F811
) -> None:
    async with websockets.connect(f"{call_server.ws}/twilio") as ws:
        twilio = FakeTwilio(ws, "+1 555 0100")
        await twilio.start()
        async with asyncio.timeout(60):
            await twilio.listen()  # ends when the server closes the socket
    assert not twilio.of("media")


async def test_with_an_auth_token_only_streams_signed_by_twilio_are_taken(
    call_server: CallServer,  # noqa: F811
) -> None:
    """Anyone who learns the stream URL could otherwise open calls (and spend the recogniser)."""
    import dataclasses

    from voicebot.server.twilio_ws import twilio_signature

    state = call_server.app.state.voicebot
    unsigned_settings = state.settings
    state.settings = dataclasses.replace(unsigned_settings, twilio_auth_token="tw-secret")
    url = f"{call_server.ws}/twilio"
    try:
        for headers in ({}, {"X-Twilio-Signature": twilio_signature("other-token", url)}):
            try:
                async with websockets.connect(url, additional_headers=headers):
                    raise AssertionError(f"a stream with {headers} was taken")
            except websockets.InvalidStatus as refused:
                assert refused.response.status_code == 403
        signed = {"X-Twilio-Signature": twilio_signature("tw-secret", url)}
        async with websockets.connect(url, additional_headers=signed) as ws:
            twilio = FakeTwilio(ws, "+1 555 0100")  # unknown number: ends at once
            await twilio.start()
            async with asyncio.timeout(60):
                await twilio.listen()
    finally:
        state.settings = unsigned_settings
