"""Whisper backend on real human recordings: content words, digits, silence, sharing."""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from tests.plugins.speech import fsdd_number
from voicebot.asr.base import load_speech_model
from voicebot.audio.telephone import telephone
from voicebot.audio.wav import read_audio
from voicebot.nlu.numbers import spoken_digits

FSDD_SPEAKERS = ["george", "jackson", "lucas", "nicolas", "theo", "yweweler"]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


GERMAN = [
    ("thorsten-voice/recorded_sample_01.wav", {"benutzerkontos", "strengstens", "untersagt"}),
    ("thorsten-voice/recorded_sample_04.wav", {"etwas", "sinn", "kommen"}),
    ("thorsten-voice/recorded_sample_05.wav", {"klettert", "stein"}),
    ("picovoice-samples/cheetah_test_de.wav", {"werbung", "falschen", "eindruck"}),
]
ENGLISH = [
    ("picovoice-samples/leopard_test.wav", {"quilter", "apostle", "middle", "gospel"}),
    ("pocketsphinx-testdata/sense_and_sensibility_01_austen_64kb-0880.wav",
     {"not", "ill", "young", "man"}),
    ("misc-en/sr_english.wav", {"one", "two", "three"}),
]  # fmt: skip


@pytest.mark.parametrize(("clip", "words"), GERMAN, ids=[c for c, _ in GERMAN])
def test_german_recordings_give_their_content_words(whisper_model, datasets, clip, words):
    audio = read_audio(datasets / "speech" / clip)
    result = whisper_model.transcribe(audio.pcm, audio.sample_rate, "de")
    assert words <= _words(result.text)
    assert result.language == "de"
    assert 0 < result.confidence <= 1
    assert result.duration_s == pytest.approx(audio.duration_s, abs=0.01)


@pytest.mark.parametrize(("clip", "words"), ENGLISH, ids=[c for c, _ in ENGLISH])
def test_english_recordings_give_their_content_words(whisper_model, datasets, clip, words):
    audio = read_audio(datasets / "speech" / clip)
    text = whisper_model.transcribe(audio.pcm, audio.sample_rate, "en").text
    assert words <= _words(spoken_words(text))


def spoken_words(text: str) -> str:
    """Whisper writes "1, 2, 3"; the reference says "one two three"."""
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return re.sub(r"\d", lambda m: f" {names[int(m.group())]} ", text)


def test_german_recording_by_telephone_keeps_most_content_words(whisper_model, datasets):
    audio = read_audio(datasets / "speech/thorsten-voice/recorded_sample_04.wav")
    line, rate = telephone(audio.samples, audio.sample_rate)
    text = whisper_model.transcribe(line.tobytes(), rate, "de").text
    assert len({"etwas", "nie", "sinn", "kommen"} & _words(text)) >= 3


def test_spoken_fsdd_digits_come_back_as_8_digit_customer_numbers(whisper_model, datasets):
    rng = random.Random(8)
    exact = 0
    cases = 12
    for i in range(cases):
        digits = "".join(rng.choice("0123456789") for _ in range(8))
        speaker = FSDD_SPEAKERS[i % len(FSDD_SPEAKERS)]
        samples = fsdd_number(datasets / "speech/fsdd", digits, speaker, take=i)
        text = whisper_model.transcribe(samples.tobytes(), 8000, "en").text
        exact += spoken_digits(text, "en") == digits
    assert exact / cases >= 0.75  # benchmarks/asr.py measures the full rate


def _noise(kind: str) -> np.ndarray:
    rng = np.random.default_rng(5)
    n = 16000 * 2
    if kind == "silence":
        return np.zeros(n, dtype=np.int16)
    if kind == "line_hiss":
        return (rng.standard_normal(n) * 200).astype(np.int16)
    if kind == "loud_white_noise":
        return (rng.standard_normal(n) * 6000).astype(np.int16)
    if kind == "mains_hum":
        return (np.sin(np.arange(n) / 16000 * 2 * np.pi * 50) * 8000).astype(np.int16)
    clicks = np.zeros(n, dtype=np.int16)
    clicks[::4000] = 20000
    return clicks


@pytest.mark.parametrize(
    "kind", ["silence", "line_hiss", "loud_white_noise", "mains_hum", "clicks"]
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_silence_and_noise_give_empty_text(whisper_model, kind, language):
    result = whisper_model.transcribe(_noise(kind).tobytes(), 16000, language)
    assert result.text == ""
    assert result.confidence is None


def test_silence_by_telephone_gives_empty_text(whisper_model):
    line, rate = telephone(np.zeros(16000 * 2, dtype=np.int16), 16000, snr_db=None)
    assert whisper_model.transcribe(line.tobytes(), rate, "de").text == ""


def test_empty_audio_gives_empty_text(whisper_model):
    assert whisper_model.transcribe(b"", 8000, "de").text == ""


def test_streaming_recognizer_collects_chunks_and_decodes_at_finish(whisper_model, datasets):
    audio = read_audio(datasets / "speech/misc-en/sr_english.wav")
    line, rate = telephone(audio.samples, audio.sample_rate)
    recognizer = whisper_model.stream("en", sample_rate=rate)
    pcm = line.tobytes()
    partials = [recognizer.accept(pcm[i : i + 320]) for i in range(0, len(pcm), 320)]
    result = recognizer.finish()
    assert set(partials) == {None}  # Whisper decodes after end of speech
    assert {"one", "two", "three"} <= _words(spoken_words(result.text))


def test_hint_words_are_accepted_and_keep_the_transcript(whisper_model, datasets):
    audio = read_audio(datasets / "speech/picovoice-samples/cheetah_test_de.wav")
    text = whisper_model.transcribe(
        audio.pcm, audio.sample_rate, "de", hints=["Werbung", "Eindruck", "Nordwelle"]
    ).text
    assert {"werbung", "eindruck"} <= _words(text)


def test_one_model_serves_concurrent_calls_with_the_same_results(whisper_model, datasets):
    clips = [read_audio(datasets / "speech" / c) for c, _ in GERMAN[:2]]
    alone = [whisper_model.transcribe(a.pcm, a.sample_rate, "de").text for a in clips]
    with ThreadPoolExecutor(2) as pool:
        together = list(
            pool.map(lambda a: whisper_model.transcribe(a.pcm, a.sample_rate, "de").text, clips)
        )
    assert together == alone


def test_the_model_is_loaded_once_per_process(whisper_model, speech_settings):
    assert load_speech_model("whisper", speech_settings) is whisper_model
    assert (whisper_model.backend, whisper_model.model) == ("whisper", "whisper-base")


@pytest.mark.slow
def test_a_file_longer_than_a_minute_is_transcribed_window_by_window(whisper_model, datasets):
    audio = read_audio(datasets / "speech/misc-en/OSR_us_000_0034_8k.wav")  # 35.5 s
    twice = np.concatenate([audio.samples, audio.samples])
    text = whisper_model.transcribe(twice.tobytes(), audio.sample_rate, "en").text
    words = _words(text)
    assert {"ring", "journey", "storm", "bell"} <= words


@pytest.mark.parametrize(
    ("text", "language"), [("das Duschgel", "de"), ("nein", "de"), ("ja", "de"), ("yes", "en")]
)
def test_short_answers_by_telephone_pass_the_speech_gate(whisper_model, say_pico, text, language):
    pcm = np.frombuffer(say_pico(text, language), dtype=np.int16)
    line, rate = telephone(pcm, 16000)
    heard = whisper_model.transcribe(line.tobytes(), rate, language).text
    assert heard.strip(), f"{text!r} by telephone was dropped as non-speech"
