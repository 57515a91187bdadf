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
