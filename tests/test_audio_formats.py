"""Reading WAV files of every rate, width, channel count and G.711 encoding; bad files."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voicebot.audio.wav import parse_wav, read_audio, write_wav
from voicebot.errors import UserError

RATES = [8000, 16000, 22050, 44100, 48000]
BITS = [8, 16, 24, 32]


def _tone(rate: int, seconds: float = 0.25) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * 440 * t) * 12000 + np.sin(2 * np.pi * 1250 * t) * 6000).astype(
        np.int16
    )


def _sox_convert(tmp: Path, samples: np.ndarray, rate: int, *args: str) -> Path:
    raw = tmp / "in.raw"
    raw.write_bytes(samples.astype("<i2").tobytes())
    out = tmp / f"out_{'_'.join(a.strip('-') for a in args)}.wav"
    cmd = [
        "sox",
        "-D",
        "-t",
        "raw",
        "-r",
        str(rate),
        "-b",
        "16",
        "-e",
        "signed-integer",
        "-c",
        "1",
        str(raw),
        *args,
        str(out),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return out


def _max_error(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.max(np.abs(a.astype(np.int32) - b.astype(np.int32))))


@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("bits", BITS)
@pytest.mark.parametrize("rate", RATES)
def test_pcm_wav_of_any_rate_width_and_channels_reads_as_the_same_mono_signal(
    tmp_path, rate, bits, channels
):
    tone = _tone(rate)
    encoding = "unsigned-integer" if bits == 8 else "signed-integer"
    path = _sox_convert(tmp_path, tone, rate, "-b", str(bits), "-e", encoding, "-c", str(channels))
    audio = read_audio(path)
    assert audio.sample_rate == rate
    assert audio.channels == channels
    assert audio.encoding == f"pcm{bits}"
    assert len(audio.samples) == len(tone)
    assert _max_error(audio.samples, tone) <= (256 if bits == 8 else 1)


@pytest.mark.parametrize("rate", [8000, 16000])
@pytest.mark.parametrize(("sox_encoding", "name"), [("u-law", "mulaw"), ("a-law", "alaw")])
def test_g711_wav_from_sox_decodes_within_one_quantisation_step(tmp_path, rate, sox_encoding, name):
    tone = _tone(rate)
    path = _sox_convert(tmp_path, tone, rate, "-e", sox_encoding, "-b", "8")
    audio = read_audio(path)
    assert (audio.sample_rate, audio.encoding) == (rate, name)
    # decoding is fixed by G.711; encoders may round to the neighbouring step
    step = np.abs(tone.astype(np.float64)) / 16 + 64
    assert np.all(np.abs(audio.samples.astype(np.float64) - tone) <= step)


@pytest.mark.parametrize("bits", [32, 64])
def test_float_wav_reads_scaled_to_16_bit(tmp_path, bits):
    tone = _tone(16000)
    path = _sox_convert(tmp_path, tone, 16000, "-e", "floating-point", "-b", str(bits))
    audio = read_audio(path)
    assert audio.encoding == f"float{bits}"
    assert _max_error(audio.samples, tone) <= 2


@pytest.mark.parametrize("encoding", ["pcm16", "mulaw", "alaw"])
def test_written_wav_reads_back_and_sox_agrees_on_its_format(tmp_path, encoding):
    tone = _tone(8000)
    path = write_wav(tmp_path / "x.wav", tone.tobytes(), 8000, encoding=encoding)
    audio = read_audio(path)
    assert (audio.sample_rate, audio.encoding, len(audio.samples)) == (8000, encoding, len(tone))
    info = subprocess.run(["soxi", "-e", str(path)], capture_output=True, text=True, check=True)
    expected = {"pcm16": "Signed Integer PCM", "mulaw": "u-law", "alaw": "A-law"}[encoding]
    assert info.stdout.strip() == expected


def test_pcm16_written_then_read_is_bit_exact(tmp_path):
    samples = np.random.default_rng(1).integers(-32768, 32767, 4000).astype(np.int16)
    audio = read_audio(write_wav(tmp_path / "r.wav", samples, 16000))
    np.testing.assert_array_equal(audio.samples, samples)


def test_shared_dataset_recordings_all_read(datasets):
    paths = sorted((datasets / "speech").glob("*/*.wav"))
    rates = {read_audio(p).sample_rate for p in paths}
    assert len(paths) > 300
    assert {8000, 16000, 44100} <= rates


def test_streaming_writer_header_with_unknown_data_size_reads_to_end(tmp_path):
    tone = _tone(8000)
    data = bytearray(write_wav(tmp_path / "s.wav", tone, 8000).read_bytes())
    pos = data.index(b"data")
    data[pos + 4 : pos + 8] = struct.pack("<I", 0xFFFFFFFF)
    assert len(parse_wav(bytes(data)).samples) == len(tone)


def _good_wav(tmp_path: Path) -> bytes:
    return write_wav(tmp_path / "good.wav", _tone(8000), 8000).read_bytes()


BAD_FILES = {
    "empty": lambda good: b"",
    "text": lambda good: b"hello, this is not audio at all\n" * 10,
    "truncated": lambda good: good[: len(good) // 2],
    "header_only": lambda good: good[:36],
    "cut_in_header": lambda good: good[:20],
    "no_samples": lambda good: good[:40] + struct.pack("<I", 0),
    "garbage_after_riff": lambda good: good[:12] + bytes(range(256)) * 4,
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_audio_file_gives_a_one_line_error_naming_the_file(tmp_path, kind):
    path = tmp_path / f"{kind}.wav"
    path.write_bytes(BAD_FILES[kind](_good_wav(tmp_path)))
    with pytest.raises(UserError) as err:
        read_audio(path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message


def test_missing_file_gives_a_one_line_error(tmp_path):
    with pytest.raises(UserError, match="cannot read"):
        read_audio(tmp_path / "nope.wav")


def test_unsupported_encoding_is_named(tmp_path):
    data = bytearray(_good_wav(tmp_path))
    data[20:22] = struct.pack("<H", 2)  # Microsoft ADPCM
    with pytest.raises(UserError, match="format tag 2"):
        parse_wav(bytes(data), "adpcm.wav")


def test_float_wav_with_nan_and_infinity_reads_without_garbage(tmp_path):
    values = np.array([0.5, np.nan, np.inf, -np.inf, -0.5], dtype="<f4")
    fmt = struct.pack("<HHIIHH", 3, 1, 8000, 32000, 4, 32)
    body = values.tobytes()
    data = b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(body)) + body
    audio = parse_wav(b"RIFF" + struct.pack("<I", 4 + len(data)) + b"WAVE" + data)
    assert audio.samples.tolist() == [16384, 0, 32767, -32767, -16384]
