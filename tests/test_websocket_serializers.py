"""The wire formats of WS /calls and WS /twilio, frame by frame, without a server."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from voicebot.audio.g711 import mulaw_decode, mulaw_encode
from voicebot.channels.serializers import CallsSerializer, TwilioSerializer
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallError,
    CallStarted,
    Dtmf,
    Handoff,
    Hangup,
    Transcript,
)


def tone(rate: int, ms: int, hz: float = 440.0) -> bytes:
    t = np.arange(rate * ms // 1000) / rate
    return (np.sin(2 * np.pi * hz * t) * 8000).astype("<i2").tobytes()


def started_calls() -> CallsSerializer:
    s = CallsSerializer(call_id="c1", tenant="nordwelle", dialed="+49 800 6673935")
    s.decode(json.dumps({"type": "start", "sample_rate": 16000}))
    return s


def twilio_start(to: str = "+498006673935") -> str:
    return json.dumps(
        {
            "event": "start",
            "sequenceNumber": "1",
            "streamSid": "MZ1",
            "start": {
                "accountSid": "AC1",
                "streamSid": "MZ1",
                "callSid": "CA1",
                "tracks": ["inbound"],
                "customParameters": {"To": to, "From": "+4940123"},
                "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
            },
        }
    )


def twilio_media(ulaw: bytes, chunk: int = 1) -> str:
    return json.dumps(
        {
            "event": "media",
            "sequenceNumber": str(chunk + 1),
            "streamSid": "MZ1",
            "media": {
                "track": "inbound",
                "chunk": str(chunk),
                "timestamp": str(20 * chunk),
                "payload": base64.b64encode(ulaw).decode(),
            },
        }
    )


def tenant_for(dialed: str | None) -> str:
    if dialed == "+498006673935":
        return "nordwelle"
    raise LookupError("not a demo number")


def test_browser_start_frame_starts_the_call_of_the_dialed_tenant() -> None:
    s = CallsSerializer(call_id="c1", tenant="nordwelle", dialed="+49 800 6673935")
    events = s.decode('{"type":"start","sample_rate":16000}')
    assert events == [
        CallStarted(
            call_id="c1", at_ms=0, tenant="nordwelle", dialed="+49 800 6673935", channel="websocket"
        )
    ]


def test_browser_audio_runs_on_its_own_clock() -> None:
    s = started_calls()
    first, second = s.decode(tone(16000, 20)), s.decode(tone(16000, 20))
    assert first == [AudioChunk(call_id="c1", at_ms=0, pcm=tone(16000, 20), sample_rate=16000)]
    assert second[0].at_ms == 20


def test_browser_dtmf_and_hangup_frames_become_events() -> None:
    s = started_calls()
    s.decode(tone(16000, 100))
    assert s.decode('{"type":"dtmf","digit":"#"}') == [Dtmf(call_id="c1", at_ms=100, key="#")]
    assert s.decode('{"type":"hangup"}') == [Hangup(call_id="c1", at_ms=100, reason="caller")]


@pytest.mark.parametrize(
    ("frame", "says"),
    [
        (b"\x00\x01", "before the start frame"),
        ('{"type":"dtmf","digit":"5"}', "before the start frame"),
        ('{"type":"start","sample_rate":12345}', "sample_rate"),
        ('{"type":"start"}', "sample_rate"),
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_a_malformed_browser_frame_ends_that_call_with_an_error(
    frame: str | bytes, says: str
) -> None:
    error, hangup = CallsSerializer(call_id="c1", tenant="nordwelle").decode(frame)
    assert isinstance(error, CallError) and error.code == "bad_frame" and says in error.message
    assert isinstance(hangup, Hangup) and hangup.reason == "error"


@pytest.mark.parametrize(
    "frame",
    [
        b"\x00\x01\x02",
        '{"type":"dtmf","digit":"A"}',
        '{"type":"dance"}',
        '{"type":"start","sample_rate":16000}',
    ],
)
def test_a_malformed_frame_mid_call_ends_that_call_with_an_error(frame: str | bytes) -> None:
    error, hangup = started_calls().decode(frame)
    assert isinstance(error, CallError) and isinstance(hangup, Hangup)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            Transcript(call_id="c1", at_ms=5, text="mein internet", final=False),
            {"type": "transcript", "text": "mein internet", "final": False, "at_ms": 5},
        ),
        (
            BotSpeech(call_id="c1", at_ms=7, text="Guten Tag"),
            {"type": "bot_text", "text": "Guten Tag", "at_ms": 7},
        ),
        (
            Handoff(call_id="c1", at_ms=9, queue="abrechnung", priority="normal", context={}),
            {"type": "handoff", "queue": "abrechnung", "priority": "normal", "at_ms": 9},
        ),
        (
            Hangup(call_id="c1", at_ms=11, reason="bot"),
            {"type": "end", "reason": "bot", "at_ms": 11},
        ),
    ],
)
def test_events_reach_the_browser_as_the_json_of_the_contract(
    event: object, expected: dict[str, object]
) -> None:
    assert json.loads(started_calls().encode(event)) == expected  # type: ignore[arg-type]


def test_bot_audio_reaches_the_browser_at_the_rate_it_announced() -> None:
    pcm = started_calls().encode(
        BotAudio(call_id="c1", at_ms=0, pcm=tone(8000, 500), sample_rate=8000)
    )
    assert isinstance(pcm, bytes) and len(pcm) == 16000 * 2 // 2


def test_twilio_start_picks_the_tenant_from_the_custom_parameter_to() -> None:
    s = TwilioSerializer(call_id="c2", tenant_for=tenant_for)
    assert s.decode('{"event":"connected","protocol":"Call","version":"1.0.0"}') == []
    assert s.decode(twilio_start()) == [
        CallStarted(
            call_id="c2",
            at_ms=0,
            tenant="nordwelle",
            dialed="+498006673935",
            caller="+4940123",
            channel="twilio",
        )
    ]
    assert s.stream_sid == "MZ1"


def test_twilio_media_round_trips_through_mulaw() -> None:
    s = TwilioSerializer(call_id="c2", tenant_for=tenant_for)
    s.decode(twilio_start())
    pcm = tone(8000, 200)
    ulaw = mulaw_encode(np.frombuffer(pcm, dtype="<i2")).tobytes()
    (chunk,) = s.decode(twilio_media(ulaw))
    assert isinstance(chunk, AudioChunk) and chunk.sample_rate == 8000
    assert chunk.pcm == mulaw_decode(ulaw).astype("<i2").tobytes()
    out = json.loads(s.encode(BotAudio(call_id="c2", at_ms=0, pcm=chunk.pcm, sample_rate=8000)))
    assert out["event"] == "media" and out["streamSid"] == "MZ1"
    assert base64.b64decode(out["media"]["payload"]) == ulaw
    assert s.decode(twilio_media(ulaw, 2))[0].at_ms == 200


def test_twilio_dtmf_mark_and_stop() -> None:
    s = TwilioSerializer(call_id="c2", tenant_for=tenant_for)
    s.decode(twilio_start())
    dtmf = {
        "event": "dtmf",
        "streamSid": "MZ1",
        "sequenceNumber": "5",
        "dtmf": {"track": "inbound_track", "digit": "7"},
    }
    assert s.decode(json.dumps(dtmf)) == [Dtmf(call_id="c2", at_ms=0, key="7")]
    mark = {
        "event": "mark",
        "streamSid": "MZ1",
        "sequenceNumber": "6",
        "mark": {"name": "prompt-1"},
    }
    assert s.decode(json.dumps(mark)) == [] and s.played_marks == ["prompt-1"]
    stop = {
        "event": "stop",
        "streamSid": "MZ1",
        "sequenceNumber": "7",
        "stop": {"accountSid": "AC1", "callSid": "CA1"},
    }
    assert s.decode(json.dumps(stop)) == [Hangup(call_id="c2", at_ms=0, reason="caller")]
    assert json.loads(s.mark("prompt-2")) == {
        "event": "mark",
        "streamSid": "MZ1",
        "mark": {"name": "prompt-2"},
    }
    assert json.loads(s.clear()) == {"event": "clear", "streamSid": "MZ1"}


@pytest.mark.parametrize(
    ("messages", "says"),
    [
        ([twilio_media(b"\xff" * 160)], "before the start"),
        ([twilio_start("+1 555 0100")], "no tenant answers"),
        (
            [twilio_start(), '{"event":"media","streamSid":"MZ1","media":{"payload":"%%%"}}'],
            "base64",
        ),
        ([twilio_start(), '{"event":"media","streamSid":"MZ1"}'], "without its 'media'"),
        ([twilio_start(), '{"event":"dtmf","streamSid":"MZ1","dtmf":{"digit":"X"}}'], "digit"),
        ([twilio_start(), '{"event":"hello"}'], "unknown"),
        (["{"], "not JSON"),
    ],
)
def test_a_malformed_twilio_message_ends_that_call_with_an_error(
    messages: list[str], says: str
) -> None:
    s = TwilioSerializer(call_id="c2", tenant_for=tenant_for)
    *_, events = [s.decode(m) for m in messages]
    error, hangup = events
    assert isinstance(error, CallError) and says in error.message
    assert isinstance(hangup, Hangup) and hangup.reason == "error"
