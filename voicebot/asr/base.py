"""The speech-recognition seam: Recognition, SpeechModel, Recognizer and the per-process cache."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from voicebot.errors import UserError

if TYPE_CHECKING:
    from voicebot.settings import Settings

BACKENDS = ("whisper", "vosk")


@dataclass(frozen=True, slots=True)
class Recognition:
    """What was said in one utterance."""

    text: str  # "" when nothing was said (silence, noise)
    confidence: float | None  # 0-1; None when the backend gives none
    language: str
    duration_s: float  # audio length
    processing_s: float  # wall time spent decoding
    value: str | None = None  # normalised expected answer, when an expectation was given
    candidates: tuple[str, ...] = ()  # no value, but it is one of these (best first): a list
    # answer between two items ("Hafermilch" or "Müsli"?), for the dialog to ask which


class Recognizer(Protocol):
    """One per utterance/turn, not shared: feed 16-bit mono PCM, then finish."""

    sample_rate: int  # Hz of the PCM that accept() takes

    def accept(self, pcm: bytes) -> str | None:
        """Takes more audio; returns the partial text so far, if the backend has one."""
        ...

    def finish(self) -> Recognition:
        """Ends the utterance and returns the final result."""
        ...


class SpeechModel(Protocol):
    """Loaded once per process and shared by all calls (thread-safe)."""

    backend: str
    model: str
    sample_rate: int  # Hz the model works at; other rates are converted

    def transcribe(
        self, pcm: bytes, sample_rate: int, language: str, *, hints: Sequence[str] = ()
    ) -> Recognition:
        """Recognises one whole utterance of 16-bit mono PCM."""
        ...

    def stream(
        self,
        language: str,
        *,
        grammar: Sequence[str] | None = None,
        sample_rate: int | None = None,
    ) -> Recognizer:
        """A new recognizer for one utterance; grammar restricts the words (where supported)."""
        ...


_loaded: dict[tuple[object, ...], SpeechModel] = {}
_load_lock = threading.Lock()


def load_speech_model(backend: str, settings: Settings) -> SpeechModel:
    """The process-wide model for a backend and settings, loaded on first use."""
    if backend not in BACKENDS:
        raise UserError(f"unknown speech backend '{backend}'; choose one of {', '.join(BACKENDS)}")
    key = (backend, settings.models_dir, settings.asr_threads, settings.asr_workers)
    with _load_lock:
        if key not in _loaded:
            _loaded[key] = _load(backend, settings)
        return _loaded[key]


def _load(backend: str, settings: Settings) -> SpeechModel:
    if backend == "whisper":
        from voicebot.asr.whisper import WhisperSpeechModel

        return WhisperSpeechModel.load(settings)
    from voicebot.asr.vosk import VoskSpeechModel

    return VoskSpeechModel(settings.models_dir)
