"""Microphone channel: a clear error without a sound card; capture clock and playback buffer."""

from __future__ import annotations

import numpy as np
import pytest

from voicebot.channels.microphone import (
    MIC_RATE,
    CaptureClock,
    MicrophoneChannel,
    PlaybackBuffer,
)
from voicebot.errors import UserError


def has_sound_devices() -> bool:
    import sounddevice

    return len(sounddevice.query_devices()) > 0


def test_without_a_sound_device_the_channel_says_so_in_one_line() -> None:
    if has_sound_devices():
        pytest.skip("this machine has a sound device")
    with pytest.raises(UserError) as error:
        MicrophoneChannel("call-1")
    message = str(error.value)
    assert message.startswith("no sound device found: PortAudio lists no microphone or speaker")
    assert "use --wav" in message
    assert "\n" not in message


def tone(ms: int, rate: int = MIC_RATE) -> bytes:
    """A 440 Hz tone of ms milliseconds as 16-bit PCM."""
    t = np.arange(rate * ms // 1000) / rate
    return (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()


def test_capture_is_cut_into_20_ms_chunks_on_the_audio_clock() -> None:
    clock = CaptureClock("call-1")
    audio = tone(70)
    first = clock.chunks(audio[:1000])  # 31.25 ms: one whole chunk, the rest waits
    rest = clock.chunks(audio[1000:])
    chunks = first + rest
    assert [c.at_ms for c in chunks] == [0, 20, 40]
    assert all(len(c.pcm) == 640 and c.sample_rate == 16000 for c in chunks)
    assert b"".join(c.pcm for c in chunks) == audio[:1920]
    assert clock.captured_ms == 60


def test_playback_plays_bot_audio_then_silence() -> None:
    buffer = PlaybackBuffer()
    speech = tone(30)
    buffer.add(speech)
    assert buffer.take(640) == speech[:640]
    assert buffer.take(640) == speech[640:] + bytes(640 - len(speech[640:]))
    assert buffer.take(640) == bytes(640)


def test_the_microphone_stays_muted_until_the_echo_tail_has_passed() -> None:
    buffer = PlaybackBuffer()
    assert not buffer.busy(tail_ms=300)
    buffer.add(tone(20))
    assert buffer.busy(tail_ms=300)
    buffer.take(640)  # the bot's audio went to the speaker
    for _ in range(14):
        buffer.take(640)  # 280 ms of silence
    assert buffer.busy(tail_ms=300)
    buffer.take(640)
    assert not buffer.busy(tail_ms=300)


def test_barge_in_drops_the_unplayed_rest() -> None:
    buffer = PlaybackBuffer()
    buffer.add(tone(1000))
    buffer.take(640 * 10)
    assert buffer.clear() == 800
    assert buffer.take(640) == bytes(640)
