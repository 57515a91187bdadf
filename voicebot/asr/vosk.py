"""Vosk (Kaldi) backend: streaming with partial results, any input rate, grammar mode."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voicebot.asr.base import Recognition
from voicebot.asr.models import find_vosk_model

VOSK_RATE = 16000  # rate of the small Vosk models; KaldiRecognizer converts other rates
UNKNOWN_WORD = "[unk]"  # lets grammar mode answer "none of these" instead of forcing a word


def _vosk() -> Any:
    import vosk

    vosk.SetLogLevel(-1)
    return vosk


class VoskSpeechModel:
    """Vosk models per language, each loaded once and shared; a KaldiRecognizer per turn."""

    backend = "vosk"
    sample_rate = VOSK_RATE

    def __init__(self, models_dir: Path) -> None:
        self.models_dir = models_dir
        self.model = "vosk"
        self._models: dict[str, Any] = {}
        self._paths: dict[str, Path] = {}
        self._lock = threading.Lock()

    def model_for(self, language: str) -> Any:
        """The loaded vosk.Model for a language (UserError when none is installed)."""
        with self._lock:
            if language not in self._models:
                path = find_vosk_model(self.models_dir, language)
                self._models[language] = _vosk().Model(str(path))
                self._paths[language] = path
            return self._models[language]

    def model_name(self, language: str) -> str:
        """Folder name of the model used for a language, e.g. 'vosk-model-small-de-0.15'."""
        self.model_for(language)
        path = self._paths[language]
        return path.name if path.name != "model" else path.parent.name

    def stream(
        self,
        language: str,
        *,
        grammar: Sequence[str] | None = None,
        sample_rate: int | None = None,
    ) -> VoskRecognizer:
        """A recognizer for one turn at sample_rate (8 kHz phone audio is fine)."""
        return VoskRecognizer(self.model_for(language), language, grammar, sample_rate or VOSK_RATE)

    def transcribe(
        self, pcm: bytes, sample_rate: int, language: str, *, hints: Sequence[str] = ()
    ) -> Recognition:
        """Whole-utterance recognition through the streaming recognizer (hints are unused)."""
        recognizer = self.stream(language, sample_rate=sample_rate)
        step = sample_rate // 5 * 2  # 200 ms chunks, as a phone line would deliver them
        for start in range(0, len(pcm), step):
            recognizer.accept(pcm[start : start + step])
        return recognizer.finish()


class VoskRecognizer:
    """Streams one utterance; collects final pieces Vosk emits at its own endpoints."""

    def __init__(
        self, model: Any, language: str, grammar: Sequence[str] | None, sample_rate: int
    ) -> None:
        self.sample_rate = sample_rate
        self.language = language
        self.grammar = _grammar_words(grammar)
        args = [json.dumps(self.grammar, ensure_ascii=False)] if self.grammar else []
        self._kaldi = _vosk().KaldiRecognizer(model, sample_rate, *args)
        self._kaldi.SetWords(True)
        self._pieces: list[dict[str, Any]] = []
        self._bytes = 0
        self._processing_s = 0.0

    def accept(self, pcm: bytes) -> str | None:
        """Feeds 16-bit mono PCM; returns the text so far (finished pieces + partial)."""
        started = time.perf_counter()
        self._bytes += len(pcm)
        if self._kaldi.AcceptWaveform(pcm):
            self._pieces.append(json.loads(self._kaldi.Result()))
            partial = ""
        else:
            partial = json.loads(self._kaldi.PartialResult()).get("partial", "")
        self._processing_s += time.perf_counter() - started
        text = " ".join([*self._texts(), partial]).strip()
        return text or None

    def finish(self) -> Recognition:
        started = time.perf_counter()
        self._pieces.append(json.loads(self._kaldi.FinalResult()))
        self._processing_s += time.perf_counter() - started
        words = [w for piece in self._pieces for w in piece.get("result", [])]
        words = [w for w in words if w.get("word") != UNKNOWN_WORD]
        confidence = sum(w["conf"] for w in words) / len(words) if words else None
        return Recognition(
            text=" ".join(w["word"] for w in words),
            confidence=round(confidence, 3) if confidence is not None else None,
            language=self.language,
            duration_s=self._bytes / 2 / self.sample_rate,
            processing_s=self._processing_s,
        )

    def _texts(self) -> list[str]:
        words = (w for piece in self._pieces for w in piece.get("text", "").split())
        return [w for w in words if w != UNKNOWN_WORD]


def _grammar_words(grammar: Sequence[str] | None) -> list[str] | None:
    """Lower-cased phrases plus [unk]; None means free recognition."""
    if not grammar:
        return None
    phrases = [" ".join(p.lower().split()) for p in grammar if p.strip()]
    return [*dict.fromkeys(phrases), UNKNOWN_WORD]
