"""Microphone channel: a clear error without a sound card; capture clock and playback buffer."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voicebot.audio.resample import pcm_at_rate
from voicebot.channels.microphone import (
    MIC_RATE,
    CaptureClock,
    MicrophoneChannel,
    PlaybackBuffer,
)
from voicebot.errors import UserError
from voicebot.events import AudioChunk, BotAudio, BotSpeech, CallEvent, CallStarted, Hangup


def has_sound_devices() -> bool:
    import sounddevice

    return len(sounddevice.query_devices()) > 0


def test_without_a_sound_device_the_channel_says_so_in_one_line() -> None:
    if has_sound_devices():
        pytest.skip("this machine has a sound device")
    with pytest.raises(UserError) as error:
        MicrophoneChannel(CallStarted(call_id="call-1", at_ms=0, tenant="nordwelle", channel="mic"))
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


ALSA_FILE_DEVICE = """
pcm.!default {{
  type asym
  playback.pcm {{ type file; slave.pcm "null"; file "{out}"; format "raw" }}
  capture.pcm {{ type file; slave.pcm "null"; file "/dev/null"; infile "{mic}"; format "raw" }}
}}
"""


async def loopback_call(folder: Path) -> dict[str, object]:
    """Runs in a child process whose ALSA default device reads mic.raw and writes speaker.raw."""
    started = CallStarted(call_id="mic-1", at_ms=0, tenant="nordwelle", channel="mic")
    channel = MicrophoneChannel(started, half_duplex=False)
    bot = tone(500, rate=8000)
    seen: list[CallEvent] = []
    async for event in channel.events():
        seen.append(event)
        if isinstance(event, AudioChunk) and event.at_ms == 1000:
            await channel.send(BotSpeech(call_id="mic-1", at_ms=1000, text="Hallo"))
            await channel.send(BotAudio(call_id="mic-1", at_ms=1000, pcm=bot, sample_rate=8000))
            await channel.send(Hangup(call_id="mic-1", at_ms=1000, reason="bot"))
    chunks = [e for e in seen if isinstance(e, AudioChunk)]
    captured = b"".join(c.pcm for c in chunks)
    return {
        "first": type(seen[0]).__name__,
        "chunk_bytes": sorted({len(c.pcm) for c in chunks}),
        "rates": sorted({c.sample_rate for c in chunks}),
        "clock_ok": [c.at_ms for c in chunks] == [20 * i for i in range(len(chunks))],
        "heard_the_caller": captured[:32000] == (folder / "mic.raw").read_bytes(),
        "played_the_bot": pcm_at_rate(bot, 8000, MIC_RATE) in (folder / "speaker.raw").read_bytes(),
    }


def test_a_call_on_a_sound_card_captures_the_caller_and_plays_the_bot(tmp_path: Path) -> None:
    alsa_conf = Path("/usr/share/alsa/alsa.conf")
    if not alsa_conf.is_file():
        pytest.skip("ALSA configuration not installed (libasound2-data)")
    (tmp_path / "mic.raw").write_bytes(tone(1000))  # 1 s the "caller" says into the microphone
    device = ALSA_FILE_DEVICE.format(out=tmp_path / "speaker.raw", mic=tmp_path / "mic.raw")
    (tmp_path / "asound.conf").write_text(alsa_conf.read_text() + device)
    env = {**os.environ, "ALSA_CONFIG_PATH": str(tmp_path / "asound.conf")}
    child = subprocess.run(
        [sys.executable, __file__, str(tmp_path)], env=env, capture_output=True, timeout=60
    )
    assert child.returncode == 0, child.stderr.decode()[-2000:]
    result = json.loads(child.stdout.decode().splitlines()[-1])
    assert result == {
        "first": "CallStarted",
        "chunk_bytes": [640],
        "rates": [16000],
        "clock_ok": True,
        "heard_the_caller": True,
        "played_the_bot": True,
    }


if __name__ == "__main__":  # the child process of the sound-card test
    print(json.dumps(asyncio.run(loopback_call(Path(sys.argv[1])))))
