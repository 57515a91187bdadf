"""Whisper scoring of expected answers: forced decoding of each candidate against the audio.

The audio is encoded once; then (1) a free greedy decode gives what Whisper hears unprompted,
(2) every spoken form of every expected answer is force-decoded in one batch and scored by its
log-likelihood (tokens + end of utterance), (3) for digits, a decode restricted to digit tokens
and one after a prompt of the ten digits give n-best lists, all scored after that prompt. A
softmax over all hypotheses, the free one counting as "none of these" unless it is itself an
expected answer, gives each value's posterior (expect.Posterior).
For digits, the utterance cut into one chunk per digit (expect_digits) is also read chunk by
chunk; where that reading agrees with the best whole-utterance value it lends its confidence.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt

from voicebot.asr.base import Recognition
from voicebot.asr.expect import (
    ACCEPT_POSTERIOR,
    Choice,
    Expectation,
    Posterior,
    match_choice,
)
from voicebot.asr.expect_digits import cut_words, digit_forms
from voicebot.asr.expect_list import heard_articles, written_forms
from voicebot.asr.expect_shortlist import best_fit, shortlist
from voicebot.asr.whisper import sounds_like_speech
from voicebot.audio.resample import resample
from voicebot.audio.vad import NOISY_LINE_DB, noisy_line, snr_estimate_db
from voicebot.nlu.numbers import spoken_digits

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from voicebot.asr.base import SpeechModel

WHISPER_RATE = 16000
WINDOW_FRAMES = 3000  # Whisper's encoder always sees 30 s of 10 ms frames
END_MARKS = (".", "!", "?")
NONE_BIAS = {"digits": 0.0, "yesno": -8.0, "rating": -5.0, "list": 0.0}
ACCEPT = dict.fromkeys(NONE_BIAS, ACCEPT_POSTERIOR) | {"yesno": 0.9, "rating": 0.7}
# ratings: 0.8 was tuned on the tune split of both lines together (telephone and 20 dB); test
# split by telephone 75 %, at 20 dB 45 %. Since the line's SNR is estimated, quiet lines have
# their own threshold: 0.7 is the lowest without a wrong or off-list value on the tune split by
# telephone (0.65 took 'keine Ahnung' as 3); test split by telephone 75 -> 90 %, still none
# wrong. Noisy lines keep 0.8 (0.7 there gave a wrong rating).
# yes/no on noisy lines (~20 dB SNR, estimates 24-28): 0.99, the most accurate setting without
# confident-wrong answers on the tune split (0.9 there: 5/28 wrong)
NOISY_ACCEPT = {"yesno": ((NOISY_LINE_DB, 0.99),), "rating": ((NOISY_LINE_DB, 0.8),)}
DIGIT_PROMPT = {"de": "Ziffern: 0 1 2 3 4 5 6 7 8 9.", "en": "Digits: 0 1 2 3 4 5 6 7 8 9."}
FREE_MATCH = {"yesno": 85.0}  # yes/no: none bias, threshold and sound-alike match tuned on the
# tune split (benchmarks/expected_answers.py; held on the test split: 27/28, no off-list value)


@dataclass(frozen=True, slots=True)
class ScoringTuning:
    """Settings of expectation-aware decoding (measured in benchmarks/expected_answers.py)."""

    pad_s: float = 0.5  # silence around the clip (SPEECH_NOTES §4: helps short answers)
    min_level_dbfs: float = -50.0  # quieter than this is silence: no value
    min_speech_ms: int = 60  # webrtcvad (strictest) must hear this much speech
    # log-odds added to "none of these" (the free transcript when it is no expected answer),
    # and the posterior needed to accept a value, per kind (tuned in the benchmark)
    none_bias: Mapping[str, float] = field(default_factory=lambda: dict(NONE_BIAS))
    accept: Mapping[str, float] = field(default_factory=lambda: dict(ACCEPT))
    digit_hypotheses: int = 4  # n-best of the digits-only decode
    digit_neighbours: bool = True  # also score the best reading with each digit changed:
    # a per-digit posterior, so one doubtful digit lowers the confidence (beam n-best rarely
    # holds the one-digit alternative)
    chunks_confirm: float | None = 0.6  # ... unless the chunk reading (digit_chunks) gives the
    # best whole-utterance value at this confidence or more: then the 72 forced decodes of the
    # neighbours (~2.5 s of a ~5 s number answer) are skipped. On the benchmark's cached scores
    # this changed no decision by telephone or at 20 dB and fixed one confident-wrong at 30 dB
    # (benchmarks/results/expected_answers.md); None: always score the neighbours
    digit_chunks: bool = True  # also read the digits chunk by chunk (expect_digits): when that
    # reading equals the best whole-utterance value, the value gets the larger confidence
    digit_chunk_veto: float | None = 0.9  # a chunk reading this confident that disagrees with
    # the whole-utterance value makes the answer unsure (None: never)
    digit_chunk_alone: float | None = None  # a chunk reading of words separated by pauses
    # alone, when the whole utterance gives no sure value, is accepted from this confidence
    digit_free_agrees: float | None = 0.6  # the confidence a value gets at least when the
    # free transcript reads exactly it, on lines that are not noisy (None: no lift). Cached
    # scores, digits by telephone: tune 10 -> 12/14, test 9 -> 10/14, no wrong value; at 20 dB
    # (where it is off) it would have added a wrong one (benchmarks/results/expected_answers.md)
    digit_prompt: Mapping[str, str] | None = field(default_factory=lambda: dict(DIGIT_PROMPT))
    # per language, Whisper's previous-text prompt for digit answers: the ten digits, none
    # favoured. Digit readings are scored after it, and a decode after it adds candidates
    # (Whisper then writes '6 7 9 9 9 8 7 9' where unprompted it wrote '6799879'). Telephone,
    # benchmarks/results/digit_prompt.md; None: no prompt
    skip_digits_unheard: bool = True  # no digit scoring when the free transcript holds no
    # digit and no digit word: a free concern at a number prompt costs ~1 s instead of ~2 s;
    # no number was lost to it in the benchmark (the scoring gave none of them a value)
    list_prompt: bool = False  # list items as Whisper's initial prompt (hint words): a prompt
    # of all catalog names made every forced decode ~10x slower
    free_match_similarity: Mapping[str, float] = field(default_factory=lambda: dict(FREE_MATCH))
    # per kind: a free transcript this similar (0-100, by letters or sound) to exactly one
    # choice counts for it, not as "none of these" ("Nilas mal" ~ "Nee, lass mal")
    shortlist_size: int = 5  # list items scored per answer, chosen by what Whisper heard
    noisy_accept: Mapping[str, tuple[tuple[float, float], ...]] = field(
        default_factory=lambda: dict(NOISY_ACCEPT)
    )  # per kind, (estimated SNR below which, posterior needed there): on noisy lines
    # (audio.vad.snr_estimate_db) "nein" came out as "ja" at 0.91-0.98
    silero_threshold: float = 0.05  # speech-presence gate (Silero VAD): line noise, hum and
    # tones stay below 0.04 by telephone, but so do some short answers at asr/whisper.py's 0.2
    # ("ja" 0.09, "nein" 0.12-0.16, "das Duschgel" 0.11); 2 s of noise was scored "ja" at 0.88
    max_new_tokens: int = 48  # digits-only and hinted decodes (an answer is short)
    free_max_new_tokens: int = 200  # the unprompted decode: a concern said at a number prompt
    # may be long ("… und das Telefon ist seit dem Wochenende tot" was cut at 48 tokens)
    batch_size: int = 24  # forced decodes per batch
    tail_s: float | None = 0.5  # encoder output kept past the padded clip (None: all 30 s);
    # the decoder then cross-attends to ~2 s instead of 30 s: 10-25x faster scoring


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """One answer scored: what Whisper heard unprompted and every (value, log-likelihood)."""

    text: str  # free transcript ("" when no speech was heard)
    hypotheses: tuple[tuple[str | None, float], ...]  # value None: "none of these"
    duration_s: float
    chunked: tuple[str, tuple[float, ...], bool] | None = None  # digits read chunk by chunk:
    # the value, each digit's posterior and whether pauses alone separated the chunks (None: not
    # cut into as many chunks as digits)
    language: str = "en"
    snr_db: float | None = None  # audio.vad.snr_estimate_db of the answer (None: too short)


@dataclass(frozen=True, slots=True)
class _Hypothesis:
    text: str
    value: str | None  # the answer this text means, None for "none of these"
    log_likelihood: float


class WhisperAnswerScorer:
    """Scores expected answers against utterances with one shared faster-whisper model."""

    _by_model: ClassVar[weakref.WeakKeyDictionary[Any, WhisperAnswerScorer]] = (
        weakref.WeakKeyDictionary()
    )
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, whisper: WhisperModel, tuning: ScoringTuning | None = None) -> None:
        self._whisper = whisper
        self._ct2 = whisper.model
        self.tuning = tuning or ScoringTuning()

    @classmethod
    def of(cls, model: SpeechModel) -> WhisperAnswerScorer:
        """The scorer for a loaded WhisperSpeechModel (one per model, created on first use)."""
        with cls._lock:
            if model not in cls._by_model:
                cls._by_model[model] = cls(model.whisper)  # type: ignore[attr-defined]
            return cls._by_model[model]

    def recognize(
        self, pcm: bytes, sample_rate: int, language: str, expectation: Expectation
    ) -> Recognition:
        """Text, value (None when unsure) and confidence of one answer."""
        if expectation.kind == "list":  # decided among the items (expect_list)
            from voicebot.asr.expect_list import recognize_list

            return recognize_list(self, pcm, sample_rate, language, expectation.items)
        started = time.perf_counter()
        scored = self.score(pcm, sample_rate, language, expectation)
        value, confidence = self.decide(scored, expectation.kind)
        elapsed = time.perf_counter() - started
        return Recognition(scored.text, confidence, language, scored.duration_s, elapsed, value)

    def score(
        self, pcm: bytes, sample_rate: int, language: str, expectation: Expectation
    ) -> ScoredAnswer:
        """Every hypothesis of one answer with its log-likelihood (none when no speech)."""
        heard = np.frombuffer(pcm, dtype="<i2")
        samples = resample(heard, sample_rate, WHISPER_RATE)
        duration_s = len(samples) / WHISPER_RATE
        if not self._sounds_like_speech(samples):
            return ScoredAnswer("", (), duration_s)
        utterance = self._utterance(samples, language)
        chunked = None
        if expectation.kind == "digits":
            assert expectation.length is not None
            tuning = self.tuning
            hypotheses = utterance.digit_hypotheses(expectation.length)
            wanted = any(h.value is not None for h in hypotheses) or (
                tuning.digit_chunk_alone is not None and bool(utterance.free_text)
            )
            if tuning.digit_chunks and wanted:
                chunked = utterance.chunk_reading(expectation.length)
            readings = [(h.value, h.log_likelihood) for h in hypotheses]
            bias = tuning.none_bias.get("digits", 0.0)
            if tuning.digit_neighbours and not chunks_confirm(
                readings, chunked, bias, tuning.chunks_confirm
            ):
                hypotheses += utterance.neighbour_hypotheses(hypotheses, expectation.length)
        else:
            choices = expectation.choices(language)
            hints = [c.phrases[0] for c in choices] if expectation.kind == "list" else []
            prompt = hints if self.tuning.list_prompt else []
            hypotheses = utterance.choice_hypotheses(choices, prompt, expectation.kind)
        scores = tuple((h.value, h.log_likelihood) for h in hypotheses)
        snr_db = snr_estimate_db(heard, sample_rate)
        return ScoredAnswer(utterance.free_text, scores, duration_s, chunked, language, snr_db)

    def text_scores(
        self, pcm: bytes, sample_rate: int, language: str, texts: Sequence[str]
    ) -> list[float]:
        """log P(text | audio) of each text, forced-decoded on one encoding of the clip;
        [] when the clip holds no speech."""
        samples = resample(np.frombuffer(pcm, dtype="<i2"), sample_rate, WHISPER_RATE)
        if not self._sounds_like_speech(samples):
            return []
        return self._utterance(samples, language).log_likelihoods(texts)

    def _utterance(self, samples: npt.NDArray[np.int16], language: str) -> _Utterance:
        """The 16 kHz clip encoded once, for decodes and forced scores on it."""
        return _Utterance(self, self._encode(samples), language, self._kept(len(samples)), samples)

    def decide(self, scored: ScoredAnswer, kind: str) -> tuple[str | None, float]:
        """(value or None when unsure, confidence) with this kind's none bias and threshold."""
        bias = self.tuning.none_bias.get(kind, 0.0)
        threshold = self.tuning.accept.get(kind, ACCEPT_POSTERIOR)
        threshold = noisy_threshold(threshold, scored.snr_db, self.tuning.noisy_accept.get(kind))
        if kind == "digits":
            return decide_digits(
                scored.hypotheses,
                scored.chunked,
                bias,
                threshold,
                veto=self.tuning.digit_chunk_veto,
                alone=self.tuning.digit_chunk_alone,
                heard=None if noisy_line(scored.snr_db) else scored.text,
                free_agrees=self.tuning.digit_free_agrees or 0.0,
                language=scored.language,
            )
        return Posterior.from_log_scores(scored.hypotheses, bias).decide(threshold)

    def _sounds_like_speech(self, samples: npt.NDArray[np.int16]) -> bool:
        """Loud enough, webrtcvad hears speech, and so does Silero VAD (noise gets no value)."""
        tuning = self.tuning
        return sounds_like_speech(
            samples, tuning.min_level_dbfs, tuning.min_speech_ms, tuning.silero_threshold
        )

    def _encode(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.float32]:
        """Encoder output [1, 1500, d] of the clip padded with silence and to 30 s."""
        import ctranslate2

        pad = np.zeros(int(self.tuning.pad_s * WHISPER_RATE), dtype=np.float32)
        audio = np.concatenate([pad, samples.astype(np.float32) / 32768.0, pad])
        features = self._whisper.feature_extractor(audio)[:, :WINDOW_FRAMES]
        features = np.pad(features, ((0, 0), (0, WINDOW_FRAMES - features.shape[-1])))
        view = ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None]))
        return np.asarray(self._ct2.encode(view, to_cpu=True), dtype=np.float32)

    def _kept(self, sample_count: int) -> int:
        """Encoder positions (20 ms each) that cover the padded clip plus tail_s."""
        if self.tuning.tail_s is None:
            return WINDOW_FRAMES // 2
        seconds = sample_count / WHISPER_RATE + 2 * self.tuning.pad_s + self.tuning.tail_s
        return min(WINDOW_FRAMES // 2, int(seconds * 50) + 1)

    def tokenizer(self, language: str) -> Any:
        from faster_whisper.tokenizer import Tokenizer

        return Tokenizer(self._whisper.hf_tokenizer, True, task="transcribe", language=language)

    @cached_property
    def non_digit_tokens(self) -> list[int]:
        """Text tokens that are neither digits nor digit punctuation (suppressed for digits)."""
        tokenizer = self.tokenizer("en")
        keep = set("0123456789 ,.-")
        return [
            i
            for i in range(tokenizer.eot)
            if not (set(piece := tokenizer.decode([i])) <= keep and piece.strip(" ,.-") != piece)
            and not (piece.strip() and set(piece.strip()) <= set("0123456789"))
        ]


class _Utterance:
    """One encoded utterance and the decodes made on it (language fixed)."""

    def __init__(
        self,
        scorer: WhisperAnswerScorer,
        encoded: npt.NDArray[np.float32],
        language: str,
        kept: int,
        samples: npt.NDArray[np.int16] | None = None,
    ) -> None:
        self.scorer = scorer
        self.samples = samples  # the 16 kHz clip (without the padding), for chunking
        self.full = encoded  # [1, 1500, d]: free decoding sees the whole window
        self.encoded = np.ascontiguousarray(encoded[:, :kept])  # scoring sees the clip only
        self.language = language
        self.tok = scorer.tokenizer(language)
        self.start = [*self.tok.sot_sequence, self.tok.no_timestamps]

    @cached_property
    def free(self) -> tuple[str, float]:
        """Greedy unprompted decode: (text, log-likelihood incl. end of text)."""
        longest = self.scorer.tuning.free_max_new_tokens
        text, tokens = self._generate(self.start, 1, [-1], full=True, max_new=longest)[0]
        return text, self.log_likelihoods([text])[0] if tokens else float("-inf")

    @property
    def free_text(self) -> str:
        return " ".join(self.free[0].split())

    def choice_hypotheses(
        self, choices: Sequence[Choice], prompt: Sequence[str], kind: str = ""
    ) -> list[_Hypothesis]:
        """Spoken forms of the likely choices, plus the free decode as "none" unless it matches."""
        prefix = self._prompted(prompt)
        text = self.free[0] if not prompt else self._generate(prefix, 1, [-1], full=True)[0][0]
        likely = shortlist(text, choices, self.scorer.tuning.shortlist_size)
        articles = heard_articles([text], self.language)  # "die Nougatcreme"
        forms = [
            (c.value, f) for c in likely for p in c.phrases for f in written_forms(p, articles)
        ]
        scores = self.log_likelihoods([f for _, f in forms], prefix)
        hypotheses = [_Hypothesis(f, v, s) for (v, f), s in zip(forms, scores, strict=True)]
        written = {h.text.strip() for h in hypotheses}
        if text.strip() and text.strip() not in written:
            value = match_choice(text, choices, self.language) or self._sounds_like(
                text, choices, kind
            )
            hypotheses.append(_Hypothesis(text, value, self.log_likelihoods([text], prefix)[0]))
        return hypotheses

    def _sounds_like(self, text: str, choices: Sequence[Choice], kind: str) -> str | None:
        """The one choice the free transcript resembles closely ("Nilas mal" ~ "Nee, lass mal")."""
        similarity = self.scorer.tuning.free_match_similarity.get(kind)
        return best_fit(text, choices, similarity) if similarity is not None else None

    def digit_hypotheses(self, length: int) -> list[_Hypothesis]:
        """n-best of a digits-only decode plus the free decode, each mapped to its digits."""
        tuning = self.scorer.tuning
        if tuning.skip_digits_unheard and not spoken_digits(self.free[0], self.language):
            return [_Hypothesis(self.free[0], None, self.free[1])]
        decoded = self._generate(
            self.start,
            beam=tuning.digit_hypotheses,
            suppress=[-1, *self.scorer.non_digit_tokens],
        )
        if self.digit_prefix != self.start:  # what Whisper writes after the digits prompt
            decoded += self._generate(self.digit_prefix, tuning.digit_hypotheses, [-1], full=True)
        texts = list(dict.fromkeys([t for t, _ in decoded if t.strip()] + [self.free[0]]))
        texts = [t for t in texts if t.strip()]
        return self._digit_readings(texts, length)

    def neighbour_hypotheses(
        self, hypotheses: Sequence[_Hypothesis], length: int
    ) -> list[_Hypothesis]:
        """The best reading with each digit changed in turn (none when no reading has
        `length` digits): a per-digit posterior, so one doubtful digit lowers the confidence."""
        valid = [h for h in hypotheses if h.value is not None]
        if not valid:
            return []
        best = max(valid, key=lambda h: h.log_likelihood)
        return self._digit_readings(_one_digit_changed(best.text), length)

    def chunk_reading(self, length: int) -> tuple[str, tuple[float, ...], bool] | None:
        """The digits read one chunk at a time, each digit's posterior, whether cut at pauses."""
        cut = cut_words(self.samples, length) if self.samples is not None else None
        if cut is None:
            return None
        spans, paused = cut
        forms = digit_forms(self.language)
        pad = self.scorer.tuning.pad_s
        digits, posteriors = [], []
        for start, end in spans:  # encoder positions are 20 ms, after the leading padding
            first, last = int((pad + start) * 50), int(np.ceil((pad + end) * 50))
            around = np.ascontiguousarray(self.encoded[:, first : min(last, self.encoded.shape[1])])
            # one batch per chunk: the chunk's encoder output is short, calls cost most
            scores = self.log_likelihoods([f for _, f in forms], encoded=around, batch=len(forms))
            per_digit = np.full(10, -np.inf)
            for (digit, _), score in zip(forms, scores, strict=True):
                per_digit[digit] = np.logaddexp(per_digit[digit], score)
            probability = np.exp(per_digit - per_digit.max())
            probability /= probability.sum()
            digits.append(str(int(probability.argmax())))
            posteriors.append(round(float(probability.max()), 4))
        return "".join(digits), tuple(posteriors), paused

    @cached_property
    def digit_prefix(self) -> list[int]:
        """Start of digit decodes and scores: after ScoringTuning.digit_prompt, if any."""
        prompts = self.scorer.tuning.digit_prompt
        if prompts is None:
            return self.start
        prompt = prompts.get(self.language, "0 1 2 3 4 5 6 7 8 9.")
        return [self.tok.sot_prev, *self.tok.encode(" " + prompt), *self.start]

    def _digit_readings(self, texts: Sequence[str], length: int) -> list[_Hypothesis]:
        scores = self.log_likelihoods(texts, self.digit_prefix)
        hypotheses = []
        for text, score in zip(texts, scores, strict=True):
            digits = spoken_digits(text, self.language)
            hypotheses.append(_Hypothesis(text, digits if len(digits) == length else None, score))
        return hypotheses

    def _prompted(self, prompt: Sequence[str]) -> list[int]:
        if not prompt:
            return self.start
        hint = self.tok.encode(" " + ", ".join(prompt) + ".")[-200:]
        return [self.tok.sot_prev, *hint, *self.start]

    def _generate(
        self,
        prefix: list[int],
        beam: int,
        suppress: list[int],
        full: bool = False,
        max_new: int | None = None,
    ) -> list[tuple[str, list[int]]]:
        import ctranslate2

        tuning = self.scorer.tuning
        result = self.scorer._ct2.generate(
            ctranslate2.StorageView.from_array(self.full if full else self.encoded),
            [prefix],
            beam_size=beam,
            num_hypotheses=beam,
            max_length=len(prefix) + (max_new or tuning.max_new_tokens),
            suppress_tokens=suppress,
            suppress_blank=True,
        )[0]
        return [(self.tok.decode(ids), list(ids)) for ids in result.sequences_ids]

    def log_likelihoods(
        self,
        texts: Sequence[str],
        prefix: list[int] | None = None,
        encoded: npt.NDArray[np.float32] | None = None,
        batch: int | None = None,
    ) -> list[float]:
        """log P(text, then end of utterance | audio, prefix) for each text, batched.

        encoded: encoder output to score against (default: the clip's); batch: texts per
        decoder call (default: ScoringTuning.batch_size).
        """
        prefix = prefix or self.start
        audio = self.encoded if encoded is None else encoded
        tokens = [self.tok.encode(" " + t.strip()) for t in texts]
        ends = [self.tok.eot, *(self.tok.encode(mark)[0] for mark in END_MARKS)]
        size = batch or self.scorer.tuning.batch_size
        scores: list[float] = []
        for first in range(0, len(tokens), size):
            scores += self._forced(tokens[first : first + size], prefix, ends, audio)
        return scores

    def _forced(
        self,
        batch: list[list[int]],
        prefix: list[int],
        ends: list[int],
        audio: npt.NDArray[np.float32],
    ) -> list[float]:
        import ctranslate2

        longest = max(map(len, batch))
        results = self.scorer._ct2.generate(
            ctranslate2.StorageView.from_array(np.repeat(audio, len(batch), axis=0)),
            [prefix + t for t in batch],
            beam_size=1,
            # enough steps for the forced tokens plus one; CTranslate2 4.x counts a short start
            # sequence twice, so both bounds are needed (measured, see the benchmark notes)
            max_length=max(len(prefix) + longest + 2, 2 * (longest + 2)),
            return_logits_vocab=True,
            suppress_tokens=[],
            suppress_blank=False,
        )
        scores = []
        for tokens, result in zip(batch, results, strict=True):
            steps = result.logits[0][: len(tokens) + 1]
            if len(steps) < len(tokens) + 1:
                raise RuntimeError(f"forced decode returned {len(steps)} steps for {len(tokens)}")
            logp = np.stack([np.asarray(x, dtype=np.float32) for x in steps])
            logp = logp - _logsumexp(logp)[:, None]
            text = float(logp[np.arange(len(tokens)), tokens].sum())
            end = float(_logsumexp(logp[len(tokens), ends][None, :])[0])
            scores.append(text + end)
        return scores


def decide_digits(
    hypotheses: Sequence[tuple[str | None, float]],
    chunked: tuple[str, Sequence[float]] | tuple[str, Sequence[float], bool] | None,
    none_bias: float = 0.0,
    threshold: float = ACCEPT_POSTERIOR,
    *,
    veto: float | None = None,
    alone: float | None = None,
    heard: str | None = None,
    free_agrees: float = 0.0,
    language: str = "en",
) -> tuple[str | None, float]:
    """(value or None when unsure, confidence) of a digit string from its readings.

    The whole-utterance posterior picks the value. A chunk-by-chunk reading of the same value
    raises its confidence to the chunk reading's (the product of the per-digit posteriors); one
    of another value at veto or above lowers it to 1 - that. A reading of words separated by
    pauses (chunked[2]) at `alone` or above stands alone when the whole-utterance value is
    unsure (below threshold) or missing. The free transcript `heard`
    reading exactly the value raises its confidence to free_agrees.
    """
    value, probability = Posterior.from_log_scores(hypotheses, none_bias).best()
    if chunked is not None:
        chunk_value, chunk_probability = chunked[0], float(np.prod(chunked[1]))
        if chunk_value == value:
            probability = max(probability, chunk_probability)
        elif (
            alone is not None
            and chunked[2:3] == (True,)
            and chunk_probability >= alone
            and (value is None or probability < threshold)
        ):
            value, probability = chunk_value, chunk_probability
        elif veto is not None and chunk_probability >= veto:
            probability = min(probability, 1.0 - chunk_probability)
    if heard is not None and value is not None and spoken_digits(heard, language) == value:
        probability = max(probability, free_agrees)
    return (value if probability >= threshold else None), round(probability, 3)


def noisy_threshold(
    threshold: float, snr_db: float | None, tiers: Sequence[tuple[float, float]] | None
) -> float:
    """The posterior an answer needs: stricter the noisier the line (tiers: (below dB, needed))."""
    if snr_db is None or not tiers:
        return threshold
    return max([threshold, *(needed for below, needed in tiers if snr_db < below)])


def chunks_confirm(
    readings: Sequence[tuple[str | None, float]],
    chunked: tuple[str, Sequence[float], bool] | None,
    none_bias: float,
    floor: float | None,
) -> bool:
    """The chunk-by-chunk reading gives the best whole-utterance value at `floor` or more, so
    scoring that value's one-digit neighbours would not change the answer (None: never)."""
    if chunked is None or floor is None:
        return False
    value, _ = Posterior.from_log_scores(readings, none_bias).best()
    return value is not None and chunked[0] == value and float(np.prod(chunked[1])) >= floor


def _logsumexp(rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    rows = rows.astype(np.float64)
    top = rows.max(axis=1)
    return top + np.log(np.exp(rows - top[:, None]).sum(axis=1))


def _one_digit_changed(text: str) -> list[str]:
    """text with one digit replaced by each other digit, for every digit position."""
    return [
        text[:i] + other + text[i + 1 :]
        for i, char in enumerate(text)
        if char.isdigit()
        for other in "0123456789"
        if other != char
    ]
