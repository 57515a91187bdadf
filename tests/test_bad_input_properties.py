"""Property tests (hypothesis) for everything that parses outside input: the WAV reader, G.711,
the WebSocket and Twilio serializers, spoken numbers and the intent-file loader. Whatever
arrives, they answer with a value or a one-line error of the kind the caller handles."""

from __future__ import annotations

import json
import struct
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicebot.audio.g711 import alaw_decode, alaw_encode, mulaw_decode, mulaw_encode
from voicebot.audio.wav import parse_wav
from voicebot.channels.serializers import CallsSerializer, TwilioSerializer
from voicebot.errors import UserError
from voicebot.events import CallError, Hangup
from voicebot.nlu.numbers import spoken_digits
from voicebot.nlu.schema import schema_problems
from voicebot.nlu.source import read_yaml

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def wav_header(tag: int, channels: int, rate: int, bits: int, payload: bytes) -> bytes:
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * channels * 2, channels * 2, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
    body += b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


@FAST
@given(st.binary(max_size=2048))
def test_the_wav_reader_answers_any_bytes_with_audio_or_a_user_error(data: bytes) -> None:
    try:
        audio = parse_wav(data, "fuzz.wav")
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz.wav")
    else:
        assert audio.samples.dtype == np.int16


@FAST
@given(
    st.integers(0, 0xFFFF),
    st.integers(0, 12),
    st.integers(0, 10**7),
    st.integers(0, 64),
    st.binary(max_size=512),
)
def test_the_wav_reader_survives_any_header_numbers(
    tag: int, channels: int, rate: int, bits: int, payload: bytes
) -> None:
    try:
        audio = parse_wav(wav_header(tag, channels, rate, bits, payload), "fuzz.wav")
    except UserError:
        return
    assert audio.sample_rate > 0 and audio.samples.ndim == 1


@FAST
@given(st.binary(max_size=1024))
def test_g711_decodes_any_bytes_and_reencodes_them_stably(data: bytes) -> None:
    for encode, decode in ((mulaw_encode, mulaw_decode), (alaw_encode, alaw_decode)):
        pcm = decode(data)
        assert pcm.dtype == np.int16 and len(pcm) == len(data)
        again = encode(pcm)
        assert np.array_equal(decode(again), pcm), "decode(encode(decode(x))) == decode(x)"


@FAST
@given(st.lists(st.integers(-32768, 32767), max_size=400))
def test_g711_encoding_any_samples_stays_close(samples: list[int]) -> None:
    pcm = np.array(samples, dtype=np.int16)
    for encode, decode in ((mulaw_encode, mulaw_decode), (alaw_encode, alaw_decode)):
        back = decode(encode(pcm)).astype(np.int32)
        assert np.all(np.abs(back - pcm) <= np.abs(pcm.astype(np.int32)) // 8 + 40)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
browser_frames = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=200),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["start", "dtmf", "hangup", "x"])},
        optional={"sample_rate": json_values, "digit": json_values},
    ).map(json.dumps),
    json_values.map(json.dumps),
)
twilio_frames = st.one_of(
    st.text(max_size=200),
    st.fixed_dictionaries(
        {"event": st.sampled_from(["connected", "start", "media", "dtmf", "mark", "stop", "x"])},
        optional={
            "start": json_values,
            "media": json_values,
            "dtmf": json_values,
            "mark": json_values,
        },
    ).map(json.dumps),
)


def assert_events_or_bad_frame(events: list) -> None:
    errors = [e for e in events if isinstance(e, CallError)]
    if errors:
        assert errors[0].code == "bad_frame" and "\n" not in errors[0].message
        assert isinstance(events[-1], Hangup) and events[-1].reason == "error"


@FAST
@given(st.lists(browser_frames, max_size=6))
def test_the_browser_serializer_turns_any_frames_into_events_or_a_bad_frame(frames) -> None:
    serializer = CallsSerializer("fuzz", "nordwelle", "+49 800 6673935")
    for frame in [json.dumps({"type": "start", "sample_rate": 16000}), *frames]:
        assert_events_or_bad_frame(serializer.decode(frame))


def tenant_for(dialed: str | None) -> str:
    if dialed != "+49 800 6673935":
        raise LookupError(dialed)
    return "nordwelle"


@FAST
@given(st.lists(twilio_frames, max_size=6), st.booleans())
def test_the_twilio_serializer_turns_any_messages_into_events_or_a_bad_frame(
    frames, started: bool
) -> None:
    serializer = TwilioSerializer("fuzz", tenant_for)
    start = {
        "event": "start",
        "start": {"streamSid": "MZ", "customParameters": {"To": "+49 800 6673935"}},
    }
    for frame in ([json.dumps(start)] if started else []) + frames:
        assert_events_or_bad_frame(serializer.decode(frame))


@FAST
@given(st.text(max_size=120), st.sampled_from(["de", "en"]))
def test_spoken_numbers_read_any_text_as_digits_only(text: str, language: str) -> None:
    digits = spoken_digits(text, language)
    assert digits == "" or digits.isdigit()


yaml_texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["intent: stoerung\n", "- a\n- b\n", "intent: [\n", "{}", "null", "\t- x"]
    ).flatmap(lambda head: st.text(max_size=80).map(lambda tail: head + tail)),
)


@FAST
@given(yaml_texts)
def test_the_intent_loader_reports_any_intent_file_as_problems_never_a_crash(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        doc, problems = read_yaml(path)
        if doc is not None:
            problems += schema_problems(doc, "intent")
    assert all(str(p).count("\n") == 0 and ":" in str(p) for p in problems)
