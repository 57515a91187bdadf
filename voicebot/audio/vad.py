"""Voice-activity decisions per frame with webrtcvad (8/16/32/48 kHz, 10/20/30 ms frames)."""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt
import webrtcvad

from voicebot.audio.resample import resample

VAD_RATES = (8000, 16000, 32000, 48000)
FRAME_MS = 30


# Line noise floor for end-of-speech: a frame counts as speech only when it is also this many
# dB above the line's running floor (the 10th percentile of the last FLOOR_WINDOW_S of frame
# levels). At 10 dB SNR webrtcvad hears the noise as speech and the turn never ended (0/6
# Pico sentences); with the floor 6/6, ~0.4 s after the speech, and no turn was cut early on
# quiet or noisy lines (benchmarks/results/noise_endpoint.md). A 3 s window let a long
# sentence lift the floor and clip its last word; 10 s did not.
FLOOR_GATE_DB = 6.0
FLOOR_WINDOW_S = 10.0
FLOOR_PERCENTILE = 10


class NoiseFloor:
    """The running level a line's noise sits at; whether a frame stands above it."""

    def __init__(self, frames: int, gate_db: float = FLOOR_GATE_DB) -> None:
        self.gate_db = gate_db
        self._levels: deque[float] = deque(maxlen=max(frames, 10))

    def above(self, frame: bytes) -> bool:
        """True while fewer than 10 frames were heard (no floor yet)."""
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
        level = 10 * np.log10(float(np.mean(samples**2)) + 1.0)
        self._levels.append(level)
        if len(self._levels) < 10:
            return True
        return level >= float(np.percentile(self._levels, FLOOR_PERCENTILE)) + self.gate_db


class VoiceActivityDetector:
    """Streaming speech/non-speech decisions; keeps the remainder of a partial frame.

    floor_gate_db: also require frames to stand that far above the line's noise floor
    (NoiseFloor; None: webrtcvad alone, as for measuring speech in a clip)."""

    def __init__(
        self,
        sample_rate: int,
        aggressiveness: int = 2,
        frame_ms: int = FRAME_MS,
        floor_gate_db: float | None = None,
    ) -> None:
        if sample_rate not in VAD_RATES:
            raise ValueError(f"webrtcvad needs one of {VAD_RATES} Hz, got {sample_rate}")
        if frame_ms not in (10, 20, 30):
            raise ValueError(f"webrtcvad frames are 10, 20 or 30 ms, got {frame_ms}")
        self.sample_rate = sample_rate
        self.frame_ms = frame_ms
        self._vad = webrtcvad.Vad(aggressiveness)
        self._frame_bytes = sample_rate * frame_ms // 1000 * 2
        self._pending = b""
        frames = int(FLOOR_WINDOW_S * 1000 / frame_ms)
        self._floor = None if floor_gate_db is None else NoiseFloor(frames, floor_gate_db)

    def feed(self, pcm: bytes) -> list[bool]:
        """One decision (True: speech) per whole frame in pending + pcm (16-bit mono)."""
        data = self._pending + pcm
        whole = len(data) - len(data) % self._frame_bytes
        self._pending = data[whole:]
        size, rate = self._frame_bytes, self.sample_rate
        frames = [data[i : i + size] for i in range(0, whole, size)]
        if self._floor is None:
            return [self._vad.is_speech(frame, rate) for frame in frames]
        floor = self._floor  # every frame feeds the floor, speech or not
        return [floor.above(frame) & self._vad.is_speech(frame, rate) for frame in frames]


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
