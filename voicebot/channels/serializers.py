"""Wire formats of the network channels: frames in, call events out, and back (STYLE.md §2).

A serializer has `decode(msg) -> list[CallEvent]` and `encode(event) -> bytes | str | None`
and no side effects; the transport around it moves the bytes. A malformed frame decodes to
`CallError(code="bad_frame")` + `Hangup(reason="error")`: it ends that call, never the server.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from voicebot.audio.g711 import mulaw_decode, mulaw_encode
from voicebot.audio.resample import pcm_at_rate
from voicebot.events import (
    DTMF_KEYS,
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Handoff,
    Hangup,
    Transcript,
)

BROWSER_RATES = (8000, 16000, 22050, 24000, 32000, 44100, 48000)
TWILIO_RATE = 8000


class FrameError(ValueError):
    """A frame that does not follow the channel's protocol; the message says what is wrong."""


def bad_frame(call_id: str, at_ms: int, message: str) -> list[CallEvent]:
    """The two events that end a call after a malformed frame."""
    return [
        CallError(call_id=call_id, at_ms=at_ms, code="bad_frame", message=message),
        Hangup(call_id=call_id, at_ms=at_ms, reason="error", detail=message),
    ]


def _json_object(msg: str | bytes) -> dict[str, Any]:
    try:
        data = json.loads(msg)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FrameError(f"text frame is not JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise FrameError("text frame must be a JSON object")
    return data


def _dtmf_key(value: object) -> str:
    if not isinstance(value, str) or value not in DTMF_KEYS:
        raise FrameError(f"dtmf digit must be one of 0-9 * #, got {value!r}")
    return value


@dataclass
class CallsSerializer:
    """`WS /calls`: JSON start frame, binary 16-bit mono PCM, JSON dtmf/hangup (CONTRACTS.md)."""

    call_id: str
    tenant: str
    dialed: str | None = None
    sample_rate: int = 0  # Hz, announced by the start frame; 0 until then
    received_samples: int = 0

    @property
    def at_ms(self) -> int:
        """Position on the caller's audio clock: milliseconds of PCM received so far."""
        return self.received_samples * 1000 // self.sample_rate if self.sample_rate else 0

    def decode(self, msg: str | bytes) -> list[CallEvent]:
        """One frame from the browser -> the call events it carries."""
        try:
            if isinstance(msg, bytes):
                return self._decode_audio(msg)
            return self._decode_text(_json_object(msg))
        except FrameError as exc:
            return bad_frame(self.call_id, self.at_ms, str(exc))

    def _decode_audio(self, pcm: bytes) -> list[CallEvent]:
        if not self.sample_rate:
            raise FrameError('audio before the start frame {"type":"start","sample_rate":16000}')
        if len(pcm) % 2:
            raise FrameError(f"audio frame of {len(pcm)} bytes is not 16-bit PCM")
        chunk = AudioChunk(
            call_id=self.call_id, at_ms=self.at_ms, pcm=pcm, sample_rate=self.sample_rate
        )
        self.received_samples += len(pcm) // 2
        return [chunk]

    def _decode_text(self, data: dict[str, Any]) -> list[CallEvent]:
        kind = data.get("type")
        if kind == "start":
            return [self._start(data)]
        if not self.sample_rate:
            raise FrameError(f"{kind!r} frame before the start frame")
        if kind == "dtmf":
            key = _dtmf_key(data.get("digit"))
            return [Dtmf(call_id=self.call_id, at_ms=self.at_ms, key=key)]  # type: ignore[arg-type]
        if kind == "hangup":
            return [Hangup(call_id=self.call_id, at_ms=self.at_ms, reason="caller")]
        raise FrameError(f"unknown frame type {kind!r} (expected start, dtmf or hangup)")

    def _start(self, data: dict[str, Any]) -> CallStarted:
        if self.sample_rate:
            raise FrameError("a second start frame")
        rate = data.get("sample_rate")
        if not isinstance(rate, int) or rate not in BROWSER_RATES:
            raise FrameError(
                f"start frame sample_rate must be one of {BROWSER_RATES}, got {rate!r}"
            )
        self.sample_rate = rate
        return CallStarted(
            call_id=self.call_id,
            at_ms=0,
            tenant=self.tenant,
            dialed=self.dialed,
            channel="websocket",
        )

    def encode(self, event: CallEvent) -> bytes | str | None:
        """A call event -> the frame the browser gets (binary PCM or a JSON event), or None."""
        if isinstance(event, BotAudio):
            return pcm_at_rate(event.pcm, event.sample_rate, self.sample_rate or event.sample_rate)
        message = self._event_json(event)
        return json.dumps(message, ensure_ascii=False) if message else None

    def _event_json(self, event: CallEvent) -> dict[str, object] | None:
        if isinstance(event, Transcript):
            heard: dict[str, object] = {
                "type": "transcript",
                "text": event.text,
                "final": event.final,
                "at_ms": event.at_ms,
            }
            if event.expect:  # what the prompt expected and the answer recognised (or null)
                heard |= {"expect": event.expect, "value": event.value}
            return heard
        if isinstance(event, BotSpeech):
            return {"type": "bot_text", "text": event.text, "at_ms": event.at_ms}
        if isinstance(event, Handoff):
            return {
                "type": "handoff",
                "queue": event.queue,
                "priority": event.priority,
                "at_ms": event.at_ms,
            }
        if isinstance(event, CallError):
            return {"type": "error", "code": event.code, "message": event.message}
        if isinstance(event, Hangup):
            return {"type": "end", "reason": event.reason, "at_ms": event.at_ms}
        return None

    def clear(self) -> str:
        """Tells the browser to drop the bot audio it has not played yet (barge-in)."""
        return json.dumps({"type": "clear"})


TenantLookup = Callable[[str | None], str]  # dialed number -> tenant id; LookupError if none


@dataclass
class TwilioSerializer:
    """Twilio Media Streams: `connected`/`start`/`media`/`dtmf`/`mark`/`stop`, μ-law 8 kHz.

    The dialed number comes from `start.customParameters.To` (set it with
    `<Parameter name="To" value="{{To}}"/>` inside `<Connect><Stream>`); `From` becomes the caller.
    """

    call_id: str
    tenant_for: TenantLookup
    stream_sid: str | None = None
    call_sid: str | None = None
    received_bytes: int = 0  # μ-law bytes: one per sample at 8 kHz
    played_marks: list[str] = field(default_factory=list)  # marks Twilio echoed (audio played)

    @property
    def at_ms(self) -> int:
        """Milliseconds of caller audio received so far."""
        return self.received_bytes // 8

    def decode(self, msg: str | bytes) -> list[CallEvent]:
        """One Twilio message -> the call events it carries."""
        try:
            return self._decode(_json_object(msg))
        except FrameError as exc:
            return bad_frame(self.call_id, self.at_ms, str(exc))

    def _decode(self, data: dict[str, Any]) -> list[CallEvent]:
        event = data.get("event")
        if event == "connected":
            return []
        if event == "start":
            return [self._start(data)]
        if self.stream_sid is None:
            raise FrameError(f"{event!r} message before the start message")
        body = data.get(str(event))
        if event == "stop":
            return [Hangup(call_id=self.call_id, at_ms=self.at_ms, reason="caller")]
        if event not in ("media", "dtmf", "mark"):
            raise FrameError(f"unknown Media Streams event {event!r}")
        if not isinstance(body, dict):
            raise FrameError(f"{event!r} message without its {event!r} object")
        if event == "media":
            return self._media(body)
        if event == "dtmf":
            key = _dtmf_key(body.get("digit"))
            return [Dtmf(call_id=self.call_id, at_ms=self.at_ms, key=key)]  # type: ignore[arg-type]
        self.played_marks.append(str(body.get("name", "")))  # a mark: the audio before it played
        return []

    def _start(self, data: dict[str, Any]) -> CallStarted:
        start = data.get("start")
        if self.stream_sid is not None:
            raise FrameError("a second start message")
        if not isinstance(start, dict) or not start.get("streamSid"):
            raise FrameError("start message without start.streamSid")
        media_format = start.get("mediaFormat") or {}
        if not isinstance(media_format, dict):
            raise FrameError("start.mediaFormat must be an object")
        encoding = media_format.get("encoding", "audio/x-mulaw")
        rate = media_format.get("sampleRate", TWILIO_RATE)
        if encoding != "audio/x-mulaw" or rate != TWILIO_RATE:
            raise FrameError(f"media format {encoding} at {rate} Hz; expected audio/x-mulaw 8000")
        params = start.get("customParameters") or {}
        if not isinstance(params, dict):
            raise FrameError("start.customParameters must be an object")
        dialed = params.get("To")
        try:
            tenant = self.tenant_for(dialed)
        except LookupError as exc:
            raise FrameError(f"no tenant answers the dialed number {dialed!r}: {exc}") from None
        self.stream_sid, self.call_sid = str(start["streamSid"]), start.get("callSid")
        return CallStarted(
            call_id=self.call_id,
            at_ms=0,
            tenant=tenant,
            dialed=dialed,
            caller=params.get("From"),
            channel="twilio",
        )

    def _media(self, media: dict[str, Any]) -> list[CallEvent]:
        if media.get("track", "inbound") not in ("inbound", "inbound_track"):
            return []  # the bot's own audio echoed back in a both-tracks stream
        try:
            ulaw = base64.b64decode(str(media.get("payload", "")), validate=True)
        except binascii.Error:
            raise FrameError("media.payload is not base64") from None
        chunk = AudioChunk(
            call_id=self.call_id,
            at_ms=self.at_ms,
            pcm=mulaw_decode(ulaw).astype("<i2").tobytes(),
            sample_rate=TWILIO_RATE,
        )
        self.received_bytes += len(ulaw)
        return [chunk]

    def encode(self, event: CallEvent) -> bytes | str | None:
        """Bot audio -> one outbound `media` message (μ-law 8 kHz, base64); other events: None."""
        if not isinstance(event, BotAudio) or self.stream_sid is None:
            return None
        pcm = pcm_at_rate(event.pcm, event.sample_rate, TWILIO_RATE)
        ulaw = mulaw_encode(np.frombuffer(pcm, dtype="<i2")).tobytes()
        payload = base64.b64encode(ulaw).decode("ascii")
        return json.dumps(
            {"event": "media", "streamSid": self.stream_sid, "media": {"payload": payload}}
        )

    def mark(self, name: str) -> str:
        """A `mark` Twilio echoes back once the audio sent before it has played."""
        return json.dumps({"event": "mark", "streamSid": self.stream_sid, "mark": {"name": name}})

    def clear(self) -> str:
        """Drops the audio Twilio has buffered but not played (barge-in)."""
        return json.dumps({"event": "clear", "streamSid": self.stream_sid})
