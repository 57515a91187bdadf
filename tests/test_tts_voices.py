"""Speaker variety for fixtures, and Pico German that survives a phone line into Whisper."""

from __future__ import annotations

import re

import numpy as np
import pytest

from voicebot.tts.pico import PicoSynthesizer
from voicebot.tts.voices import synthesize_variants, variant_voices

TEXT_DE = "Meine Kundennummer ist vier null acht eins."


def test_variants_are_labelled_distinct_speakers(pico_tts: PicoSynthesizer) -> None:
    variants = synthesize_variants(TEXT_DE, "de", 5, pico_tts)
    labels = [v.label for v in variants]
    assert labels[:3] == ["pico-de-DE-t1-p1", "pico-de-DE-t0.9-p0.8", "pico-de-DE-t1.1-p1.2"]
    assert len(set(labels)) == 5
    assert len({v.pcm for v in variants}) == 5
    durations = {v.label: len(v.pcm) / 2 / v.sample_rate for v in variants}
    # Slower speakers take longer for the same words.
    assert durations["pico-de-DE-t0.9-p0.8"] > durations["pico-de-DE-t1-p1"]
    assert durations["pico-de-DE-t1.1-p1.2"] < durations["pico-de-DE-t1-p1"]


def test_variants_are_deterministic(pico_tts: PicoSynthesizer) -> None:
    first = synthesize_variants(TEXT_DE, "de", 3, pico_tts)
    again = synthesize_variants(TEXT_DE, "de", 3, pico_tts)
    assert first == again


def test_english_variants_alternate_american_and_british_voices() -> None:
    voices = [voice for voice, _, _ in variant_voices("en", 4)]
    assert voices == ["en-US", "en-GB", "en-US", "en-GB"]
    assert {voice for voice, _, _ in variant_voices("en-GB", 3)} == {"en-GB"}


@pytest.mark.parametrize("n", [0, 11])
def test_asking_for_too_few_or_too_many_variants_is_an_error(n: int) -> None:
    with pytest.raises(ValueError, match=f"n={n}"):
        variant_voices("de", n)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize(
    ("sentence", "content_words"),
    [
        ("Mein Internet funktioniert seit gestern nicht mehr.", {"internet", "gestern"}),
        ("Ich möchte meine Rechnung bezahlen.", {"rechnung", "bezahlen"}),
    ],
)
def test_pico_german_by_telephone_is_intelligible_to_whisper(
    pico_tts: PicoSynthesizer, sentence: str, content_words: set[str]
) -> None:
    from voicebot.asr.base import load_speech_model
    from voicebot.audio.telephone import telephone
    from voicebot.settings import Settings

    whisper = load_speech_model("whisper", Settings())  # one model per process, shared
    pcm, rate = pico_tts.synthesize(sentence, "de")
    line, line_rate = telephone(np.frombuffer(pcm, dtype="<i2"), rate)
    heard = whisper.transcribe(line.astype("<i2").tobytes(), line_rate, "de")
    assert content_words <= words(heard.text), heard.text
