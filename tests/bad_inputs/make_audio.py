"""Writes the malformed audio files of the bad-input corpus (run once; the files are committed).

All bytes are made here from nothing (no third-party recordings): licence as the project.
`python tests/bad_inputs/make_audio.py` rewrites tests/bad_inputs/audio/.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent / "audio"


def fmt_chunk(tag: int = 1, channels: int = 1, rate: int = 16000, bits: int = 16) -> bytes:
    block = channels * max(1, bits // 8)
    body = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    return b"fmt " + struct.pack("<I", len(body)) + body


def riff(*chunks: bytes, size: int | None = None) -> bytes:
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body) if size is None else size) + body


def data_chunk(payload: bytes, size: int | None = None) -> bytes:
    return b"data" + struct.pack("<I", len(payload) if size is None else size) + payload


def tone(n: int = 1600) -> bytes:
    t = np.arange(n) / 16000
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes()


def files() -> dict[str, bytes]:
    good = riff(fmt_chunk(), data_chunk(tone()))
    rng = np.random.default_rng(11)
    return {
        "empty.wav": b"",
        "header_only.wav": riff(fmt_chunk(), data_chunk(b"")),
        "truncated_header.wav": good[:20],
        "truncated_in_fmt.wav": good[:30],
        "random_bytes.wav": rng.integers(0, 256, 4096, dtype=np.uint8).tobytes(),
        "riff_avi.wav": b"RIFF" + struct.pack("<I", 100) + b"AVI " + b"\x00" * 100,
        "wave_without_fmt.wav": riff(data_chunk(tone())),
        "data_before_fmt.wav": riff(data_chunk(tone()), fmt_chunk()),
        "zero_channels.wav": riff(fmt_chunk(channels=0), data_chunk(tone())),
        "zero_rate.wav": riff(fmt_chunk(rate=0), data_chunk(tone())),
        "rate_4mhz.wav": riff(fmt_chunk(rate=4_000_000), data_chunk(tone())),
        "rate_1hz.wav": riff(fmt_chunk(rate=1), data_chunk(tone())),
        "bits_12.wav": riff(fmt_chunk(bits=12), data_chunk(tone())),
        "bits_0.wav": riff(fmt_chunk(bits=0), data_chunk(tone())),
        "ima_adpcm.wav": riff(fmt_chunk(tag=0x11, bits=4), data_chunk(tone())),
        "unknown_format_tag.wav": riff(fmt_chunk(tag=0x7777), data_chunk(tone())),
        "fmt_too_short.wav": riff(
            b"fmt " + struct.pack("<I", 6) + b"\x01\x00\x01\x00\x80>", data_chunk(tone())
        ),
        "declared_4gb_data.wav": riff(fmt_chunk(), data_chunk(tone(), size=0xFFFFFFF0)),
        "declared_4gb_riff.wav": riff(fmt_chunk(), data_chunk(tone()), size=0xFFFFFFFF),
        "odd_length_pcm16.wav": riff(fmt_chunk(), data_chunk(tone()[:1001])),
        "float_nan_inf.wav": riff(
            fmt_chunk(tag=3, bits=32),
            data_chunk(np.array([np.nan, np.inf, -np.inf, 1e30] * 400, "<f4").tobytes()),
        ),
        "text_named_wav.wav": b"this is not audio, just a text file someone renamed\n" * 20,
        "mp3_named_wav.wav": b"ID3\x04\x00\x00\x00\x00\x00\x21" + b"\xff\xfb\x90\x00" * 300,
        "png_named_wav.wav": b"\x89PNG\r\n\x1a\n" + b"\x00" * 500,
        "stereo_odd_frames.wav": riff(fmt_chunk(channels=2), data_chunk(tone()[:1002])),
    }


if __name__ == "__main__":
    HERE.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")
