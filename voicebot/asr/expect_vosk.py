"""Vosk with a grammar of the expected words: the decoder can only output them (or [unk])."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from voicebot.asr.expect import ACCEPT_POSTERIOR, Choice, Expectation, match_choice
from voicebot.nlu.numbers import spoken_digits

if TYPE_CHECKING:
    from voicebot.asr.base import Recognition, SpeechModel

DIGIT_WORDS = {
    "de": "null eins zwei zwo drei vier fünf sechs sieben acht neun",
    "en": "zero oh one two three four five six seven eight nine",
    "ko": "영 공 일 이 삼 사 오 육 칠 팔 구",
}
KO_DIGITS = dict(zip(DIGIT_WORDS["ko"].split(), "00123456789", strict=True))
DISAGREEMENT_FACTOR = 0.5  # confidence kept when free recognition hears something else


def grammar_for(expectation: Expectation, language: str) -> list[str]:
    """The phrases a Vosk grammar allows for an expectation (lower case, no punctuation)."""
    if expectation.kind == "digits":
        return DIGIT_WORDS.get(language[:2], DIGIT_WORDS["en"]).split()
    phrases = [p for c in expectation.choices(language) for p in c.phrases]
    cleaned = (" ".join(p.lower().replace(",", " ").replace("'", " ").split()) for p in phrases)
    return list(dict.fromkeys(p for p in cleaned if p and not p.isdigit()))


def recognize_with_grammar(
    model: SpeechModel, pcm: bytes, sample_rate: int, language: str, expectation: Expectation
) -> Recognition:
    """Vosk in grammar mode; value from the words it heard, None when unsure or off-grammar.

    A grammar forces some expected word onto any audio, and its word confidences stay high
    (some models, like the Korean one, have no [unk] word to absorb other speech). So the
    free (unconstrained) result is decoded too: when it does not mean the same value, the
    confidence is halved and the value dropped.
    """
    started = time.perf_counter()
    grammar = grammar_for(expectation, language)
    result = _decode(model, pcm, sample_rate, language, grammar)
    free = _decode(model, pcm, sample_rate, language, None)
    value = _value(result.text, expectation, language)
    confidence = result.confidence or 0.0
    if value is None or _value(free.text, expectation, language) != value:
        confidence *= DISAGREEMENT_FACTOR
    if confidence < ACCEPT_POSTERIOR:
        value = None
    elapsed = time.perf_counter() - started
    return replace(result, value=value, confidence=round(confidence, 3), processing_s=elapsed)


def _decode(
    model: SpeechModel, pcm: bytes, sample_rate: int, language: str, grammar: list[str] | None
) -> Recognition:
    recognizer = model.stream(language, grammar=grammar, sample_rate=sample_rate)
    step = sample_rate // 5 * 2  # 200 ms chunks of 16-bit PCM
    for first in range(0, len(pcm), step):
        recognizer.accept(pcm[first : first + step])
    return recognizer.finish()


def _value(text: str, expectation: Expectation, language: str) -> str | None:
    if not text:
        return None
    if expectation.kind == "digits":
        if language.startswith("ko"):
            digits = "".join(KO_DIGITS.get(w, "") for w in text.split())
        else:
            digits = spoken_digits(text, language)
        return digits if len(digits) == expectation.length else None
    choices: tuple[Choice, ...] = expectation.choices(language)
    return match_choice(text, choices, language)
