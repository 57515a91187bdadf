"""Sample-rate conversion with soxr, on 16-bit mono samples."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import soxr


def resample(samples: npt.NDArray[np.int16], from_rate: int, to_rate: int) -> npt.NDArray[np.int16]:
    """Converts 16-bit mono samples from one rate (Hz) to another with soxr's HQ filter."""
    if from_rate == to_rate or samples.size == 0:
        return np.asarray(samples, dtype=np.int16)
    converted = soxr.resample(samples.astype(np.float32), from_rate, to_rate, quality="HQ")
    return np.clip(np.round(converted), -32768, 32767).astype(np.int16)


def pcm_at_rate(pcm: bytes, from_rate: int, to_rate: int) -> bytes:
    """Same as resample, on 16-bit little-endian PCM bytes."""
    samples = np.frombuffer(pcm, dtype="<i2")
    return resample(samples, from_rate, to_rate).astype("<i2").tobytes()


def to_float32(samples: npt.NDArray[np.int16]) -> npt.NDArray[np.float32]:
    """16-bit samples -> float32 in [-1, 1), the form Whisper expects."""
    return (np.asarray(samples, dtype=np.float32) / 32768.0).astype(np.float32)
