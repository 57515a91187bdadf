"""Whisper backend (faster-whisper, CTranslate2 int8): decodes each utterance after it ends."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from voicebot.asr.base import Recognition
from voicebot.asr.models import WHISPER_NAME, whisper_model_dir
from voicebot.audio.resample import resample, to_float32
from voicebot.audio.vad import rms_dbfs, speech_ms

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from voicebot.settings import Settings

WHISPER_RATE = 16000


@dataclass(frozen=True, slots=True)
class WhisperTuning:
    """Decoding settings for a phone line (see SPEECH_NOTES §3) and the silence guard."""

    pad_s: float = 0.5  # silence added around a clip: helps short answers (63 % -> 77 % digits)
    min_level_dbfs: float = -50.0  # quieter than this is silence, whatever the VAD says
    min_speech_ms: int = 60  # webrtcvad (strictest) must hear at least this much speech
    # Silero's default 0.5 misses telephone-band speech (no fundamental below 300 Hz: "one two
    # three" 2.6 s -> 0 s). By telephone, short answers peak low ("ja" 0.09, "nein" 0.12,
    # "das Duschgel" 0.11: dropped at 0.2) while hiss, hum and rumble stay below 0.04
    # (benchmarks/results/expected_answers.md), so the gate sits between the two.
    silero_threshold: float = 0.06
    no_speech_prob: float = 0.6  # a segment above this with a low log-prob is dropped
    low_logprob: float = -1.0
    very_low_logprob: float = -1.6  # dropped whatever no_speech_prob says (invented text)
    max_new_tokens_base: int = 24
    max_new_tokens_per_s: float = 8.0  # cap on new tokens: repetition loops at temperature 0
    max_new_tokens_limit: int = 224  # per 30 s window; Whisper's own limit is 448 with prompt
    beam_size: int = 5  # free turns: lower WER, same intents (benchmarks/results/beam.md)


class WhisperSpeechModel:
    """One faster-whisper model per process; num_workers decodes may run at once."""

    backend = "whisper"
    model = WHISPER_NAME
    sample_rate = WHISPER_RATE

    def __init__(self, whisper: WhisperModel, tuning: WhisperTuning | None = None) -> None:
        self._whisper = whisper
        self.tuning = tuning or WhisperTuning()

    @property
    def whisper(self) -> WhisperModel:
        """The shared faster-whisper model, for answer scoring in asr/expect_whisper.py."""
        return self._whisper

    @classmethod
    def load(cls, settings: Settings) -> WhisperSpeechModel:
        """Loads Whisper base int8 from models_dir (joined from the PyPI parts on first use)."""
        from faster_whisper import WhisperModel

        folder = whisper_model_dir(settings.models_dir)
        whisper = WhisperModel(
            str(folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=settings.asr_threads,
            num_workers=settings.asr_workers,
            local_files_only=True,
        )
        return cls(whisper)

    def transcribe(
        self, pcm: bytes, sample_rate: int, language: str, *, hints: Sequence[str] = ()
    ) -> Recognition:
        """Decodes one utterance; silence and noise give empty text instead of invented words."""
        started = time.perf_counter()
        samples = np.frombuffer(pcm, dtype="<i2")
        duration_s = len(samples) / sample_rate
        audio = resample(samples, sample_rate, WHISPER_RATE)
        text, confidence = "", None
        if self._sounds_like_speech(audio):
            text, confidence = self._decode(audio, language, hints)
        return Recognition(text, confidence, language, duration_s, time.perf_counter() - started)

    def language_probability(self, pcm: bytes, sample_rate: int, language: str) -> float:
        """How likely Whisper's language detection finds the utterance in `language` (0-1;
        one encoder pass, ~0.6 s: benchmarks/results/english_callers.md)."""
        audio = resample(np.frombuffer(pcm, dtype="<i2"), sample_rate, WHISPER_RATE)
        if not self._sounds_like_speech(audio):
            return 0.0
        _, _, ranked = self._whisper.detect_language(to_float32(audio))
        return float(dict(ranked).get(language, 0.0))

    def stream(
        self,
        language: str,
        *,
        grammar: Sequence[str] | None = None,
        sample_rate: int | None = None,
    ) -> WhisperRecognizer:
        """Buffers one utterance and decodes it at finish(); grammar words become hints."""
        return WhisperRecognizer(self, language, tuple(grammar or ()), sample_rate or WHISPER_RATE)

    def _sounds_like_speech(self, audio: npt.NDArray[np.int16]) -> bool:
        """Guard before decoding (see sounds_like_speech).

        Silero only gates here: cutting the audio to its segments dropped leading digits
        (FSDD 8-digit numbers 16/20 exact with cutting, 19/20 without).
        """
        tuning = self.tuning
        return sounds_like_speech(
            audio, tuning.min_level_dbfs, tuning.min_speech_ms, tuning.silero_threshold
        )

    def _decode(
        self, audio: npt.NDArray[np.int16], language: str, hints: Sequence[str]
    ) -> tuple[str, float | None]:
        tuning = self.tuning
        pad = np.zeros(int(tuning.pad_s * WHISPER_RATE), dtype=np.int16)
        padded = to_float32(np.concatenate([pad, audio, pad]))
        seconds = min(len(padded) / WHISPER_RATE, 30.0)  # the cap applies per 30 s window
        max_new_tokens = int(tuning.max_new_tokens_base + tuning.max_new_tokens_per_s * seconds)
        segments, _ = self._whisper.transcribe(
            padded,
            language=language,
            beam_size=tuning.beam_size,
            best_of=1,
            temperature=0.0,
            without_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,  # gated in _sounds_like_speech; cutting drops leading digits
            max_new_tokens=min(max_new_tokens, tuning.max_new_tokens_limit),
            hotwords=" ".join(hints) or None,
        )
        kept = [s for s in segments if self._is_real(s)]
        text = " ".join(s.text.strip() for s in kept).strip()
        if not text:
            return "", None
        logprob = sum(s.avg_logprob for s in kept) / len(kept)
        return " ".join(text.split()), round(math.exp(logprob), 3)

    def _is_real(self, segment: Any) -> bool:
        """Whisper's own rule (no speech and unsure) plus a floor on the log-probability."""
        tuning = self.tuning
        if segment.avg_logprob < tuning.very_low_logprob:
            return False
        return not (
            segment.no_speech_prob > tuning.no_speech_prob
            and segment.avg_logprob < tuning.low_logprob
        )


class WhisperRecognizer:
    """Collects one utterance's PCM; Whisper gives no partials, only the final text."""

    def __init__(
        self, model: WhisperSpeechModel, language: str, hints: tuple[str, ...], sample_rate: int
    ) -> None:
        self.sample_rate = sample_rate
        self._model = model
        self._language = language
        self._hints = hints
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()

    def accept(self, pcm: bytes) -> str | None:
        with self._lock:
            self._chunks.append(pcm)
        return None

    def finish(self) -> Recognition:
        with self._lock:
            pcm = b"".join(self._chunks)
            self._chunks.clear()
        return self._model.transcribe(pcm, self.sample_rate, self._language, hints=self._hints)


def sounds_like_speech(
    audio: npt.NDArray[np.int16], min_level_dbfs: float, min_speech_ms: int, silero: float
) -> bool:
    """16 kHz audio is loud enough, webrtcvad hears speech, and so does Silero VAD at `silero`."""
    if audio.size == 0 or rms_dbfs(audio) < min_level_dbfs:
        return False
    if speech_ms(audio, WHISPER_RATE, aggressiveness=3) < min_speech_ms:
        return False
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(threshold=silero, min_speech_duration_ms=min_speech_ms, speech_pad_ms=0)
    spans = get_speech_timestamps(to_float32(audio), options, sampling_rate=WHISPER_RATE)
    return sum(span["end"] - span["start"] for span in spans) > 0
