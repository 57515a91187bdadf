"""Voice-activity decisions per frame with webrtcvad (8/16/32/48 kHz, 10/20/30 ms frames)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import webrtcvad

from voicebot.audio.resample import resample

VAD_RATES = (8000, 16000, 32000, 48000)
FRAME_MS = 30


class VoiceActivityDetector:
    """Streaming speech/non-speech decisions; keeps the remainder of a partial frame."""

    def __init__(self, sample_rate: int, aggressiveness: int = 2, frame_ms: int = FRAME_MS) -> None:
        if sample_rate not in VAD_RATES:
            raise ValueError(f"webrtcvad needs one of {VAD_RATES} Hz, got {sample_rate}")
        if frame_ms not in (10, 20, 30):
            raise ValueError(f"webrtcvad frames are 10, 20 or 30 ms, got {frame_ms}")
        self.sample_rate = sample_rate
        self.frame_ms = frame_ms
        self._vad = webrtcvad.Vad(aggressiveness)
        self._frame_bytes = sample_rate * frame_ms // 1000 * 2
        self._pending = b""

    def feed(self, pcm: bytes) -> list[bool]:
        """One decision (True: speech) per whole frame in pending + pcm (16-bit mono)."""
        data = self._pending + pcm
        whole = len(data) - len(data) % self._frame_bytes
        self._pending = data[whole:]
        size, rate = self._frame_bytes, self.sample_rate
        return [self._vad.is_speech(data[i : i + size], rate) for i in range(0, whole, size)]


def frame_decisions(
    samples: npt.NDArray[np.int16], rate: int, aggressiveness: int = 2, frame_ms: int = FRAME_MS
) -> list[bool]:
    """Speech decisions per frame for a whole clip; other rates are resampled to 16 kHz."""
    if rate not in VAD_RATES:
        samples, rate = resample(samples, rate, 16000), 16000
    detector = VoiceActivityDetector(rate, aggressiveness, frame_ms)
    return detector.feed(np.asarray(samples, dtype="<i2").tobytes())


def speech_ms(samples: npt.NDArray[np.int16], rate: int, aggressiveness: int = 3) -> int:
    """Milliseconds of a clip webrtcvad calls speech (aggressiveness 3 is strictest)."""
    decisions = frame_decisions(samples, rate, aggressiveness)
    return sum(decisions) * FRAME_MS


def rms_dbfs(samples: npt.NDArray[np.int16]) -> float:
    """Root-mean-square level in dB relative to full scale (-inf for digital silence)."""
    if samples.size == 0:
        return float("-inf")
    rms = float(np.sqrt(np.mean(np.asarray(samples, dtype=np.float64) ** 2)))
    return 20 * np.log10(rms / 32768) if rms > 0 else float("-inf")


# Below this estimate (snr_estimate_db) a turn was said on a noisy line: its free transcript is
# no evidence for a short answer (benchmarks/expected_answers.md). Pico answers with noise at
# 20 dB SNR estimate 24-28 dB, at 30 dB 34-38; Pico and human recordings by telephone without
# added noise 32-63 dB (the humans' own room noise), so only the 20 dB class counts as noisy.
NOISY_LINE_DB = 31.0


def snr_estimate_db(samples: npt.NDArray[np.int16], rate: int, frame_ms: int = 20) -> float | None:
    """How far the loud frames stand above the line's floor: the 95th minus the 10th percentile
    of 20 ms frame levels (dB). Digital silence (a channel's padding, RTP silence suppression)
    says nothing about the line and is left out, so the floor is the noise heard around the
    speech. None: too few frames to tell."""
    size = max(1, rate * frame_ms // 1000)
    count = len(samples) // size
    frames = np.asarray(samples[: count * size], dtype=np.float64).reshape(count, size)
    power = np.mean(frames**2, axis=1)
    power = power[power >= 1.0]  # frames of (near) zeros: digital silence
    if len(power) < 5:
        return None
    levels = 10 * np.log10(power + 1.0)
    return round(float(np.percentile(levels, 95) - np.percentile(levels, 10)), 1)


def noisy_line(snr_db: float | None) -> bool:
    """A turn whose estimated SNR marks a noisy line (None: not measured, not noisy)."""
    return snr_db is not None and snr_db < NOISY_LINE_DB
