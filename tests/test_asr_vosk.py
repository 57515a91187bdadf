"""Vosk backend with the real Korean model: loading, streaming, partials, grammar, 8 kHz."""

from __future__ import annotations

import re

import pytest

from voicebot.asr.base import load_speech_model
from voicebot.audio.resample import resample
from voicebot.audio.telephone import telephone
from voicebot.audio.wav import read_audio

KOREAN_DIGITS = ["하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉", "영"]


def _stream(model, pcm: bytes, rate: int, *, grammar=None, chunk_ms: int = 100):
    recognizer = model.stream("ko", grammar=grammar, sample_rate=rate)
    step = rate * chunk_ms // 1000 * 2
    partials = [recognizer.accept(pcm[i : i + step]) for i in range(0, len(pcm), step)]
    return [p for p in partials if p], recognizer.finish()


def test_korean_model_streams_with_partial_results(vosk_ko_model, korean_speech):
    audio = read_audio(korean_speech)
    pcm = resample(audio.samples, audio.sample_rate, 16000).tobytes()
    partials, final = _stream(vosk_ko_model, pcm, 16000)
    assert partials  # text appears while audio is still coming in
    assert final.text
    assert final.language == "ko"
    assert 0 < final.confidence <= 1
    assert final.duration_s == pytest.approx(audio.duration_s, abs=0.05)


def test_grammar_restricts_the_result_to_the_listed_words(vosk_ko_model, korean_speech):
    audio = read_audio(korean_speech)
    pcm = resample(audio.samples, audio.sample_rate, 16000).tobytes()
    free = _stream(vosk_ko_model, pcm, 16000)[1].text.split()
    partials, final = _stream(vosk_ko_model, pcm, 16000, grammar=KOREAN_DIGITS)
    words = final.text.split()
    assert words
    assert set(words) <= set(KOREAN_DIGITS)
    assert all(set(p.split()) <= set(KOREAN_DIGITS) for p in partials)
    assert not set(free) <= set(KOREAN_DIGITS)  # without the grammar it says other words


def test_8_khz_telephone_audio_is_accepted_directly(vosk_ko_model, korean_speech):
    audio = read_audio(korean_speech)
    line, rate = telephone(audio.samples, audio.sample_rate)
    partials, final = _stream(vosk_ko_model, line.tobytes(), rate, grammar=KOREAN_DIGITS)
    assert rate == 8000
    assert partials
    assert final.text
    assert final.duration_s == pytest.approx(len(line) / 8000, abs=0.01)


def test_whole_utterance_transcribe_goes_through_the_stream(vosk_ko_model, korean_speech):
    audio = read_audio(korean_speech)
    result = vosk_ko_model.transcribe(audio.pcm, audio.sample_rate, "ko")
    assert result.text
    assert result.processing_s > 0


def test_silence_gives_empty_text(vosk_ko_model):
    assert vosk_ko_model.transcribe(bytes(16000 * 2), 8000, "ko").text == ""


def test_the_loaded_model_is_shared_between_recognizers(vosk_ko_model, speech_settings):
    assert load_speech_model("vosk", speech_settings) is vosk_ko_model
    first = vosk_ko_model.model_for("ko")
    vosk_ko_model.stream("ko")
    vosk_ko_model.stream("ko", grammar=["하나"])
    assert vosk_ko_model.model_for("ko") is first


def test_a_language_without_a_model_is_a_one_line_error_naming_the_fix(vosk_speech_model):
    from voicebot.errors import UserError

    with pytest.raises(UserError, match=r"no Vosk model for language 'xx'.*--backend whisper"):
        vosk_speech_model.stream("xx")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_german_vosk_model_transcribes_content_words(vosk_de_model, datasets):
    audio = read_audio(datasets / "speech/thorsten-voice/recorded_sample_04.wav")
    text = vosk_de_model.transcribe(audio.pcm, audio.sample_rate, "de").text
    assert len({"etwas", "nie", "sinn", "kommen"} & _words(text)) >= 3


def test_english_vosk_model_transcribes_digits_with_a_grammar(vosk_en_model, datasets):
    audio = read_audio(datasets / "speech/misc-en/sr_english.wav")
    line, rate = telephone(audio.samples, audio.sample_rate)
    recognizer = vosk_en_model.stream(
        "en", grammar=["one", "two", "three", "four"], sample_rate=rate
    )
    recognizer.accept(line.tobytes())
    assert recognizer.finish().text == "one two three"
