"""Digit strings read chunk by chunk: cutting the audio into words, and combining both readings."""

from __future__ import annotations

import numpy as np
import pytest

from voicebot.asr.expect_digits import cut_words, digit_forms
from voicebot.asr.expect_whisper import decide_digits, noisy_threshold

RATE = 16000


def words_audio(lengths_s, gaps_s, dip_level: float = 0.0, seed: int = 0) -> np.ndarray:
    """Voiced bursts ("words") of the given lengths; gaps at dip_level x the word loudness."""
    rng = np.random.default_rng(seed)
    parts = [rng.normal(0, 20, int(0.3 * RATE))]
    for index, length in enumerate(lengths_s):
        t = np.arange(int(length * RATE)) / RATE
        envelope = np.sin(np.pi * t / length) ** 0.5  # rises and falls like a syllable
        parts.append(8000 * envelope * np.sin(2 * np.pi * (180 + 20 * index) * t))
        gap = gaps_s[index] if index < len(gaps_s) else 0.3
        parts.append(rng.normal(0, 20 + 3000 * dip_level, int(gap * RATE)))
    audio = np.concatenate(parts) + rng.normal(0, 20, sum(map(len, parts)))
    return np.clip(audio, -32000, 32000).astype(np.int16)


def word_centres(lengths_s, gaps_s) -> list[float]:
    centres, at = [], 0.3
    for index, length in enumerate(lengths_s):
        centres.append(at + length / 2)
        at += length + (gaps_s[index] if index < len(gaps_s) else 0.3)
    return centres


def test_digits_said_with_pauses_give_one_chunk_per_digit():
    lengths, gaps = [0.3, 0.25, 0.35, 0.3, 0.28, 0.32, 0.3, 0.26], [0.15] * 7
    cut = cut_words(words_audio(lengths, gaps), 8)
    assert cut is not None
    spans, paused = cut
    assert paused
    assert len(spans) == 8
    for (start, end), centre in zip(spans, word_centres(lengths, gaps), strict=True):
        assert start < centre < end


def test_digits_run_together_are_cut_at_the_dips_between_them():
    lengths, gaps = [0.3, 0.3, 0.3, 0.3], [0.05, 0.05, 0.05]
    cut = cut_words(words_audio(lengths, gaps, dip_level=0.05), 4)
    assert cut is not None
    spans, paused = cut
    assert not paused
    for (start, end), centre in zip(spans, word_centres(lengths, gaps), strict=True):
        assert start < centre < end


def test_more_words_than_digits_gives_no_cut():
    lengths = [0.3] * 10
    assert cut_words(words_audio(lengths, [0.2] * 9), 8) is None


def test_silence_or_too_short_audio_gives_no_cut():
    assert cut_words(np.zeros(RATE, dtype=np.int16), 8) is None
    assert cut_words(np.zeros(100, dtype=np.int16), 8) is None


def test_digit_forms_cover_numerals_and_words_per_language():
    german = digit_forms("de-DE")
    assert (4, "4") in german and (4, "vier") in german and (4, "Vier") in german
    assert {d for d, _ in digit_forms("en")} == set(range(10))
    assert (0, "zero") in digit_forms("fr")  # other languages: English digit words


WHOLE_UNSURE = [("12345678", -1.0), (None, -1.0)]  # whole utterance: 50 % for the number


def test_chunk_reading_that_agrees_lends_its_confidence():
    value, confidence = decide_digits(WHOLE_UNSURE, ("12345678", (0.99,) * 8))
    assert value == "12345678"
    assert confidence == pytest.approx(0.99**8, abs=1e-3)


def test_chunk_reading_that_disagrees_leaves_the_answer_unsure():
    assert decide_digits(WHOLE_UNSURE, ("12345679", (0.99,) * 8)) == (None, 0.5)
    assert decide_digits(WHOLE_UNSURE, None) == (None, 0.5)


def test_a_doubtful_chunk_does_not_lower_a_confident_whole_reading():
    whole = [("12345678", 0.0), (None, -5.0)]
    value, confidence = decide_digits(whole, ("12345678", (0.99, 0.3, *(0.99,) * 6)))
    assert value == "12345678"
    assert confidence > 0.99


def test_a_confident_chunk_reading_that_disagrees_makes_the_answer_unsure():
    whole = [("12345678", 0.0), (None, -3.0)]  # 95 %
    assert decide_digits(whole, ("12345679", (0.99,) * 8), veto=0.9)[0] is None
    assert decide_digits(whole, ("12345679", (0.99,) * 8))[0] == "12345678"  # no veto
    assert decide_digits(whole, ("12345679", (0.8,) * 8), veto=0.9)[0] == "12345678"


def test_a_free_transcript_reading_the_value_lifts_its_confidence():
    assert decide_digits(WHOLE_UNSURE, None, heard="1 2 3 4 5 6 7 8", free_agrees=0.6) == (
        "12345678",
        0.6,
    )
    said = "eins zwei drei vier fünf sechs sieben acht"
    assert decide_digits(WHOLE_UNSURE, None, heard=said, free_agrees=0.6, language="de")[0]
    assert decide_digits(WHOLE_UNSURE, None, heard="1 2 3 4 5 6 7 9", free_agrees=0.6)[0] is None
    assert decide_digits([(None, 0.0)], None, heard="", free_agrees=0.6)[0] is None


def test_a_chunk_reading_cut_at_pauses_stands_alone_only_when_the_whole_is_unsure():
    paused, run_together = ("87654321", (0.995,) * 8, True), ("87654321", (0.995,) * 8, False)
    assert decide_digits([(None, -1.0)], paused, alone=0.9)[0] == "87654321"
    assert decide_digits(WHOLE_UNSURE, paused, alone=0.9)[0] == "87654321"
    assert decide_digits([(None, -1.0)], paused)[0] is None  # alone not enabled
    assert decide_digits([(None, -1.0)], run_together, alone=0.9)[0] is None
    assert decide_digits([(None, -1.0)], ("87654321", (0.98,) * 8, True), alone=0.9)[0] is None
    confident_whole = [("12345678", 0.0), (None, -5.0)]
    assert decide_digits(confident_whole, paused, alone=0.9, veto=0.9)[0] is None


def test_noisy_lines_need_a_surer_answer():
    tiers = ((31.0, 0.99),)
    assert noisy_threshold(0.9, 25.0, tiers) == 0.99
    assert noisy_threshold(0.9, 45.0, tiers) == 0.9
    assert noisy_threshold(0.9, None, tiers) == 0.9  # not measured: as before
    assert noisy_threshold(0.6, 25.0, None) == 0.6  # a kind without a noisy rule


def test_the_scorer_trusts_an_exact_free_transcript_on_quiet_lines_only(whisper_model) -> None:
    """'40817287' written exactly while the chunk reading vetoed it: taken on a quiet line,
    not at 20 dB SNR, where Whisper writes confident digits it did not hear."""
    from voicebot.asr.expect_whisper import ScoredAnswer, WhisperAnswerScorer

    scorer = WhisperAnswerScorer.of(whisper_model)
    whole = (("40817287", 0.0), ("40817281", -0.5), (None, -1.0))
    vetoed = ("40817281", (0.99,) * 8, True)
    quiet = ScoredAnswer("40817287", whole, 3.0, vetoed, "de", snr_db=52.0)
    assert scorer.decide(quiet, "digits") == ("40817287", 0.6)
    noisy = ScoredAnswer("40817287", whole, 3.0, vetoed, "de", snr_db=24.0)
    assert scorer.decide(noisy, "digits")[0] is None
    other = ScoredAnswer("4081 7281", whole, 3.0, vetoed, "de", snr_db=52.0)
    assert scorer.decide(other, "digits")[0] is None
