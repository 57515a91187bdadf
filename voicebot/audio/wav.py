"""WAV reading (PCM 8/16/24/32-bit, float, G.711 μ-law/A-law, any channels) and writing."""

from __future__ import annotations

import struct
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from voicebot.audio.g711 import alaw_decode, alaw_encode, mulaw_decode, mulaw_encode
from voicebot.errors import UserError

FORMAT_PCM = 1
FORMAT_FLOAT = 3
FORMAT_ALAW = 6
FORMAT_MULAW = 7
FORMAT_EXTENSIBLE = 0xFFFE
_STREAMING_SIZES = (0, 0xFFFFFFFF, 0x7FFFFFFF)  # writers that never patched the header
WavEncoding = Literal["pcm16", "mulaw", "alaw"]


@dataclass(frozen=True, slots=True)
class Audio:
    """Mono 16-bit samples at their original rate, plus what the file held."""

    samples: npt.NDArray[np.int16]
    sample_rate: int  # Hz
    channels: int = 1  # in the file; samples are always mixed down to mono
    encoding: str = "pcm16"  # pcm8 | pcm16 | pcm24 | pcm32 | float32 | float64 | mulaw | alaw

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate

    @property
    def pcm(self) -> bytes:
        """16-bit signed little-endian mono bytes."""
        return self.samples.astype("<i2").tobytes()


@dataclass(frozen=True, slots=True)
class _Format:
    tag: int
    channels: int
    sample_rate: int
    bits: int


def read_audio(path: str | Path) -> Audio:
    """Reads a WAV file into mono int16; UserError with a one-line message on bad files."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read audio file ({exc.strerror or exc})") from exc
    return parse_wav(data, str(path))


def parse_wav(data: bytes, name: str = "<bytes>") -> Audio:
    """Parses the bytes of a WAV file (RIFF/RIFX-free little-endian WAVE)."""
    if not data:
        raise UserError(f"{name}: empty file (0 bytes), expected a WAV file")
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise UserError(f"{name}: not a WAV file (no RIFF/WAVE header); convert it with sox first")
    fmt, payload = _read_chunks(data, name)
    samples = _decode_samples(fmt, payload, name)
    if samples.size == 0:
        raise UserError(f"{name}: WAV file holds no audio samples")
    return Audio(_to_mono(samples), fmt.sample_rate, fmt.channels, _encoding_name(fmt))


def _read_chunks(data: bytes, name: str) -> tuple[_Format, bytes]:
    """Walks the RIFF chunks; returns the format and the data chunk's bytes."""
    fmt: _Format | None = None
    pos = 12
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body_start = pos + 8
        if chunk_id == b"fmt ":
            fmt = _parse_format(data[body_start : body_start + size], name)
        elif chunk_id == b"data":
            if fmt is None:
                raise UserError(f"{name}: WAV data chunk comes before its fmt chunk")
            available = len(data) - body_start
            if size in _STREAMING_SIZES:
                size = available
            elif size > available:
                raise UserError(
                    f"{name}: truncated WAV file: header announces {size} bytes of audio, "
                    f"only {available} present"
                )
            return fmt, data[body_start : body_start + size]
        pos = body_start + size + (size & 1)  # chunks are word-aligned
    if fmt is None:
        raise UserError(f"{name}: WAV file has no fmt chunk (corrupt or truncated header)")
    raise UserError(f"{name}: WAV file has no data chunk (corrupt or truncated)")


def _parse_format(body: bytes, name: str) -> _Format:
    if len(body) < 16:
        raise UserError(f"{name}: WAV fmt chunk is {len(body)} bytes, expected at least 16")
    tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
    if tag == FORMAT_EXTENSIBLE and len(body) >= 26:
        tag = struct.unpack_from("<H", body, 24)[0]  # first two bytes of the SubFormat GUID
    if channels < 1 or rate < 1000 or rate > 384_000:
        raise UserError(f"{name}: WAV header is implausible ({channels} channels, {rate} Hz)")
    return _Format(tag, channels, rate, bits)


def _decode_samples(fmt: _Format, payload: bytes, name: str) -> npt.NDArray[np.float64]:
    """Interleaved samples scaled to the int16 range, shape (frames, channels)."""
    width = {FORMAT_MULAW: 1, FORMAT_ALAW: 1}.get(fmt.tag, fmt.bits // 8)
    if width < 1:
        raise UserError(f"{name}: unsupported WAV sample width {fmt.bits} bits")
    frame_bytes = width * fmt.channels
    payload = payload[: len(payload) - len(payload) % frame_bytes]
    if fmt.tag == FORMAT_MULAW:
        flat = mulaw_decode(payload).astype(np.float64)
    elif fmt.tag == FORMAT_ALAW:
        flat = alaw_decode(payload).astype(np.float64)
    elif fmt.tag == FORMAT_PCM:
        flat = _decode_pcm(payload, width, name)
    elif fmt.tag == FORMAT_FLOAT and width in (4, 8):
        dtype = "<f4" if width == 4 else "<f8"
        flat = np.clip(np.frombuffer(payload, dtype=dtype).astype(np.float64), -1, 1) * 32767
    else:
        raise UserError(
            f"{name}: unsupported WAV encoding (format tag {fmt.tag}, {fmt.bits} bits); "
            "use PCM, float, μ-law or A-law"
        )
    return flat.reshape(-1, fmt.channels)


def _decode_pcm(payload: bytes, width: int, name: str) -> npt.NDArray[np.float64]:
    if width == 1:  # 8-bit WAV is unsigned
        return (np.frombuffer(payload, dtype=np.uint8).astype(np.float64) - 128) * 256
    if width == 2:
        return np.frombuffer(payload, dtype="<i2").astype(np.float64)
    if width == 3:
        raw = np.frombuffer(payload, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        value = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        value = np.where(value & 0x800000, value - 0x1000000, value)
        return value.astype(np.float64) / 256
    if width == 4:
        return np.frombuffer(payload, dtype="<i4").astype(np.float64) / 65536
    raise UserError(f"{name}: unsupported PCM sample width {width * 8} bits")


def _to_mono(frames: npt.NDArray[np.float64]) -> npt.NDArray[np.int16]:
    mixed = frames.mean(axis=1) if frames.shape[1] > 1 else frames[:, 0]
    mixed = np.nan_to_num(mixed, nan=0.0, posinf=32767.0, neginf=-32768.0)  # broken float files
    return np.clip(np.round(mixed), -32768, 32767).astype(np.int16)


def _encoding_name(fmt: _Format) -> str:
    if fmt.tag == FORMAT_MULAW:
        return "mulaw"
    if fmt.tag == FORMAT_ALAW:
        return "alaw"
    return f"float{fmt.bits}" if fmt.tag == FORMAT_FLOAT else f"pcm{fmt.bits}"


def write_wav(
    path: str | Path, pcm: bytes | npt.NDArray[np.int16], rate: int, encoding: WavEncoding = "pcm16"
) -> Path:
    """Writes mono 16-bit PCM as a WAV file, optionally G.711-encoded (telephone fixtures)."""
    path = Path(path)
    samples = np.frombuffer(pcm, dtype="<i2") if isinstance(pcm, bytes) else np.asarray(pcm)
    if encoding == "pcm16":
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(samples.astype("<i2").tobytes())
        return path
    tag, codes = (
        (FORMAT_MULAW, mulaw_encode(samples))
        if encoding == "mulaw"
        else (FORMAT_ALAW, alaw_encode(samples))
    )
    body = codes.tobytes()
    fmt = struct.pack("<HHIIHHH", tag, 1, rate, rate, 1, 8, 0)  # cbSize=0 for non-PCM
    fact = struct.pack("<I", len(body))
    chunks = (
        b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"fact"
        + struct.pack("<I", 4)
        + fact
        + b"data"
        + struct.pack("<I", len(body))
        + body
        + (b"\0" if len(body) & 1 else b"")
    )
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)
    return path
