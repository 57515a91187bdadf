"""G.711 μ-law/A-law in numpy: bit-exact with the reference tables, round trips."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from voicebot.audio.g711 import alaw_decode, alaw_encode, mulaw_decode, mulaw_encode

ALL_SAMPLES = np.arange(-32768, 32768, dtype=np.int16)
ALL_CODES = bytes(range(256))


def _audioop():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pytest.importorskip("audioop")  # the reference, present up to Python 3.12


def test_mulaw_matches_audioop_for_every_16_bit_value():
    audioop = _audioop()
    assert mulaw_encode(ALL_SAMPLES).tobytes() == audioop.lin2ulaw(ALL_SAMPLES.tobytes(), 2)
    assert mulaw_decode(ALL_CODES).tobytes() == audioop.ulaw2lin(ALL_CODES, 2)


def test_alaw_matches_audioop_for_every_16_bit_value():
    audioop = _audioop()
    assert alaw_encode(ALL_SAMPLES).tobytes() == audioop.lin2alaw(ALL_SAMPLES.tobytes(), 2)
    assert alaw_decode(ALL_CODES).tobytes() == audioop.alaw2lin(ALL_CODES, 2)


@pytest.mark.parametrize(
    ("encode", "decode"), [(mulaw_encode, mulaw_decode), (alaw_encode, alaw_decode)]
)
def test_decoding_then_encoding_every_code_gives_the_same_code(encode, decode):
    codes = np.frombuffer(ALL_CODES, dtype=np.uint8)
    again = encode(decode(codes))
    # μ-law has two codes for zero (0x7F and 0xFF); both decode to 0
    same = (again == codes) | (decode(again) == decode(codes))
    assert same.all()


@pytest.mark.parametrize(
    ("encode", "decode"), [(mulaw_encode, mulaw_decode), (alaw_encode, alaw_decode)]
)
def test_round_trip_error_stays_within_the_logarithmic_step(encode, decode):
    restored = decode(encode(ALL_SAMPLES)).astype(np.int32)
    error = np.abs(restored - ALL_SAMPLES.astype(np.int32))
    assert np.all(error <= np.abs(ALL_SAMPLES.astype(np.int32)) // 16 + 64)
