"""Resampling, telephone simulation and voice activity on generated and real audio."""

from __future__ import annotations

import numpy as np
import pytest

from voicebot.audio.resample import resample
from voicebot.audio.telephone import telephone
from voicebot.audio.vad import (
    VoiceActivityDetector,
    frame_decisions,
    noisy_line,
    rms_dbfs,
    snr_estimate_db,
    speech_ms,
)
from voicebot.audio.wav import read_audio


def _sine(freq_hz: float, rate: int, seconds: float = 1.0, amplitude: float = 8000) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq_hz * t) * amplitude).astype(np.int16)


def _level_at(samples: np.ndarray, rate: int, freq_hz: float) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    return float(spectrum[np.argmin(np.abs(freqs - freq_hz))])


@pytest.mark.parametrize(("src", "dst"), [(44100, 16000), (8000, 16000), (48000, 8000)])
def test_resampling_keeps_duration_and_pitch(src, dst):
    out = resample(_sine(440, src), src, dst)
    assert abs(len(out) - dst) <= 2
    freqs = np.fft.rfftfreq(len(out), 1 / dst)
    assert abs(freqs[np.argmax(np.abs(np.fft.rfft(out)))] - 440) < 2


def test_telephone_keeps_the_voice_band_and_drops_what_is_outside():
    rate = 16000
    mix = (_sine(150, rate) // 2 + _sine(1000, rate) // 2 + _sine(5000, rate) // 2).astype(np.int16)
    line, line_rate = telephone(mix, rate)
    assert line_rate == 8000
    assert abs(len(line) - 8000) <= 2
    in_band = _level_at(line, 8000, 1000)
    assert _level_at(line, 8000, 150) < in_band / 100
    # 5 kHz cannot exist at 8 kHz; make sure nothing folded back into the band
    assert _level_at(line, 8000, 3000) < in_band / 100


def test_telephone_noise_reaches_the_requested_snr_and_is_deterministic():
    tone = _sine(1000, 8000, seconds=2.0)
    clean, _ = telephone(tone, 8000)
    noisy, _ = telephone(tone, 8000, snr_db=10, seed=7)
    again, _ = telephone(tone, 8000, snr_db=10, seed=7)
    other, _ = telephone(tone, 8000, snr_db=10, seed=8)
    np.testing.assert_array_equal(noisy, again)
    assert not np.array_equal(noisy, other)
    noise = noisy.astype(np.float64) - clean
    snr = 10 * np.log10(np.mean(clean.astype(np.float64) ** 2) / np.mean(noise**2))
    assert 8.5 < snr < 11.5


def test_vad_finds_no_speech_in_silence_and_little_in_quiet_noise():
    silence = np.zeros(16000, dtype=np.int16)
    hiss = (np.random.default_rng(0).standard_normal(16000) * 30).astype(np.int16)
    assert not any(frame_decisions(silence, 16000))
    # webrtcvad alone is not a perfect silence gate: a few noise frames pass
    assert speech_ms(hiss, 16000) <= 150
    assert rms_dbfs(silence) == float("-inf")


def test_vad_finds_speech_in_a_real_recording(datasets):
    audio = read_audio(datasets / "speech/thorsten-voice/recorded_sample_02.wav")  # 44.1 kHz
    found = speech_ms(audio.samples, audio.sample_rate)
    assert found > 0.5 * audio.duration_s * 1000


def test_streaming_vad_gives_the_same_decisions_for_any_chunking(datasets):
    audio = read_audio(datasets / "speech/misc-en/sr_english.wav")
    pcm = resample(audio.samples, audio.sample_rate, 8000).tobytes()
    whole = VoiceActivityDetector(8000).feed(pcm)
    chunked = VoiceActivityDetector(8000)
    pieces = [chunked.feed(pcm[i : i + 333 * 2]) for i in range(0, len(pcm), 333 * 2)]
    assert [d for p in pieces for d in p] == whole
    assert any(whole)


def test_vad_rejects_rates_webrtcvad_cannot_take():
    with pytest.raises(ValueError, match="webrtcvad"):
        VoiceActivityDetector(22050)


def test_the_line_snr_estimate_tells_a_clean_line_from_a_noisy_one(datasets):
    """A human recording by telephone: clean, then with noise at 30 and 20 dB SNR."""
    clip = read_audio(datasets / "speech/thorsten-voice/recorded_sample_02.wav")
    estimates = {}
    for snr in (None, 30.0, 20.0):
        line, rate = telephone(clip.samples, clip.sample_rate, snr, seed=1)
        estimates[snr] = snr_estimate_db(line.astype(np.int16), rate)
    assert not noisy_line(estimates[None]) and not noisy_line(estimates[30.0]), estimates
    assert noisy_line(estimates[20.0]), estimates
    assert estimates[None] > estimates[30.0] > estimates[20.0], estimates
    assert snr_estimate_db(np.zeros(40, dtype=np.int16), 8000) is None  # too short to tell
    assert not noisy_line(None)
