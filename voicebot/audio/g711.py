"""G.711 μ-law and A-law encode/decode in numpy (audioop is gone from Python 3.13)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Int16Array = npt.NDArray[np.int16]
ByteArray = npt.NDArray[np.uint8]

_MULAW_BIAS = 0x21  # 0x84 on 16 bits
_MULAW_CLIP = 8159  # 14-bit magnitude limit
_ALAW_SEGMENT_ENDS = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF], dtype=np.int32)


def _bit_length(values: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
    """Number of bits needed for each non-negative value (0 -> 0)."""
    return np.where(values > 0, np.floor(np.log2(np.maximum(values, 1))) + 1, 0).astype(np.int32)


def mulaw_encode(samples: npt.ArrayLike) -> ByteArray:
    """16-bit linear PCM -> μ-law bytes (ITU-T G.711, bit-exact with audioop.lin2ulaw)."""
    x = np.asarray(samples, dtype=np.int32) >> 2  # G.711 μ-law works on 14 bits
    sign = np.where(x < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(x), _MULAW_CLIP) + _MULAW_BIAS
    exponent = _bit_length(magnitude) - 6
    mantissa = np.where(exponent > 7, 0x0F, (magnitude >> (exponent + 1)) & 0x0F)
    exponent = np.minimum(exponent, 7)
    return (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8)


def _mulaw_table() -> Int16Array:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


def _alaw_table() -> Int16Array:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    t = (a & 0x0F) << 4
    segment = (a & 0x70) >> 4
    t = np.where(segment == 0, t + 8, t + 0x108)
    t = np.where(segment > 1, t << np.maximum(segment - 1, 0), t)
    return np.where(a & 0x80, t, -t).astype(np.int16)


_MULAW_TO_LINEAR = _mulaw_table()
_ALAW_TO_LINEAR = _alaw_table()


def mulaw_decode(data: bytes | npt.ArrayLike) -> Int16Array:
    """μ-law bytes -> 16-bit linear PCM."""
    codes = np.frombuffer(data, dtype=np.uint8) if isinstance(data, bytes) else np.asarray(data)
    return _MULAW_TO_LINEAR[codes.astype(np.uint8)]


def alaw_encode(samples: npt.ArrayLike) -> ByteArray:
    """16-bit linear PCM -> A-law bytes (ITU-T G.711, same tables as audioop.lin2alaw)."""
    x = np.asarray(samples, dtype=np.int32) >> 3
    mask = np.where(x >= 0, 0xD5, 0x55)
    x = np.where(x >= 0, x, -x - 1)
    segment = np.searchsorted(_ALAW_SEGMENT_ENDS, x, side="left").astype(np.int32)
    shift = np.where(segment < 2, 1, segment)
    value = (np.minimum(segment, 7) << 4) | ((x >> shift) & 0x0F)
    value = np.where(segment >= 8, 0x7F, value)
    return ((value ^ mask) & 0xFF).astype(np.uint8)


def alaw_decode(data: bytes | npt.ArrayLike) -> Int16Array:
    """A-law bytes -> 16-bit linear PCM."""
    codes = np.frombuffer(data, dtype=np.uint8) if isinstance(data, bytes) else np.asarray(data)
    return _ALAW_TO_LINEAR[codes.astype(np.uint8)]
