"""SVOX Pico (`pico2wave`, Debian libttspico-utils): the most natural offline voice we can ship."""

from __future__ import annotations

import shutil
import tempfile
import wave
from pathlib import Path

from voicebot.tts.synthesizer import (
    DEFAULT_TIMEOUT_S,
    TtsError,
    base_language,
    clean_text,
    run_engine,
)

PICO_RATE = 16000  # Hz; pico2wave always writes 16 kHz 16-bit mono
PICO_VOICES = {
    "de": "de-DE",
    "en": "en-US",
    "es": "es-ES",
    "fr": "fr-FR",
    "it": "it-IT",
}  # base language -> default Pico voice
PICO_LANGUAGES = ("de-DE", "en-US", "en-GB", "es-ES", "fr-FR", "it-IT")


def pico_installed(command: str = "pico2wave") -> bool:
    """True when the pico2wave program can be found."""
    return shutil.which(command) is not None


def pico_voice(language: str) -> str:
    """'de' -> 'de-DE', 'en-gb' -> 'en-GB'; TtsError for languages Pico has no voice for."""
    parts = language.replace("_", "-").split("-")
    if len(parts) == 2:
        full = f"{parts[0].lower()}-{parts[1].upper()}"
        if full in PICO_LANGUAGES:
            return full
    voice = PICO_VOICES.get(base_language(language))
    if voice is None:
        raise TtsError(f"pico: no voice for language {language!r} (have {', '.join(PICO_VOICES)})")
    return voice


class PicoSynthesizer:
    """pico2wave in a subprocess per utterance, killed after timeout_s."""

    backend = "pico"

    def __init__(self, command: str = "pico2wave", timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.command = command
        self.timeout_s = timeout_s

    def voice(self, language: str) -> str:
        return f"pico-{pico_voice(language)}"

    def close(self) -> None:
        """Nothing to stop: each utterance has its own pico2wave process."""

    def synthesize(self, text: str, language: str) -> tuple[bytes, int]:
        """Speaks text in the language's Pico voice; returns (pcm, 16000)."""
        return self.synthesize_markup(clean_text(text), language)

    def synthesize_markup(self, markup: str, language: str) -> tuple[bytes, int]:
        """Like synthesize, for text that may carry Pico tags such as <speed level="90">."""
        voice = pico_voice(language)
        if not markup.strip():
            return b"", PICO_RATE
        with tempfile.TemporaryDirectory(prefix="voicebot-pico-") as folder:
            out = Path(folder) / "speech.wav"
            # Text goes through stdin: no argument-length limit, no text read as an option.
            command = [self.command, "-l", voice, "-w", str(out)]
            done = run_engine(command, markup.encode("utf-8"), self.timeout_s, "pico")
            if done.returncode != 0:
                detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
                raise TtsError(f"pico: exit code {done.returncode}: {' '.join(detail)}")
            return read_pcm_wav(out, "pico")


def read_pcm_wav(path: Path, what: str) -> tuple[bytes, int]:
    """(pcm, rate) of a 16-bit mono WAV an engine wrote; TtsError when missing or empty."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise TtsError(f"{what}: expected 16-bit mono audio in {path.name}")
            pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    except (OSError, EOFError, wave.Error) as exc:
        raise TtsError(f"{what}: no readable audio written ({exc})") from exc
    if not pcm:
        raise TtsError(f"{what}: the engine wrote no audio")
    return pcm, rate
