"""Telephone-line simulator: 8 kHz, 300–3400 Hz band, optional noise at an SNR, G.711 μ-law."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from voicebot.audio.g711 import mulaw_decode, mulaw_encode
from voicebot.audio.resample import resample

TELEPHONE_RATE = 8000
BAND_LOW_HZ = 300.0
BAND_HIGH_HZ = 3400.0
_EDGE_HZ = 100.0  # width of the raised-cosine roll-off at each band edge


def band_limit(
    signal: npt.NDArray[np.float64],
    rate: int,
    low_hz: float = BAND_LOW_HZ,
    high_hz: float = BAND_HIGH_HZ,
) -> npt.NDArray[np.float64]:
    """Keeps low_hz..high_hz with soft (raised-cosine) edges, in the frequency domain."""
    spectrum = np.fft.rfft(signal)
    freqs = np.fft.rfftfreq(len(signal), 1 / rate)
    gain = np.ones_like(freqs)
    below = freqs < low_hz
    gain[below] = 0.5 * (1 + np.cos(np.pi * np.clip((low_hz - freqs[below]) / _EDGE_HZ, 0, 1)))
    above = freqs > high_hz
    gain[above] = 0.5 * (1 + np.cos(np.pi * np.clip((freqs[above] - high_hz) / _EDGE_HZ, 0, 1)))
    return np.fft.irfft(spectrum * gain, n=len(signal))


def add_noise(
    signal: npt.NDArray[np.float64], rate: int, snr_db: float, seed: int = 0
) -> npt.NDArray[np.float64]:
    """Adds band-limited white noise so that signal power / noise power = snr_db (whole clip)."""
    noise = band_limit(np.random.default_rng(seed).standard_normal(len(signal)), rate)
    signal_power = float(np.mean(signal**2))
    noise_power = float(np.mean(noise**2)) or 1.0
    scale = np.sqrt(signal_power / (noise_power * 10 ** (snr_db / 10))) if signal_power else 0.0
    return signal + noise * scale


def telephone(
    samples: npt.NDArray[np.int16], rate: int, snr_db: float | None = None, seed: int = 0
) -> tuple[npt.NDArray[np.int16], int]:
    """What a caller's voice sounds like after a phone line: returns (samples_8k, 8000)."""
    narrow = resample(np.asarray(samples, dtype=np.int16), rate, TELEPHONE_RATE)
    line = band_limit(narrow.astype(np.float64), TELEPHONE_RATE)
    if snr_db is not None:
        line = add_noise(line, TELEPHONE_RATE, snr_db, seed)
    clipped = np.clip(np.round(line), -32768, 32767).astype(np.int16)
    return mulaw_decode(mulaw_encode(clipped)), TELEPHONE_RATE
