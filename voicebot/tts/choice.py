"""Which voice speaks: `Settings.tts_backend` auto|pico|pyttsx3, auto = most natural installed."""

from __future__ import annotations

from voicebot.errors import UserError
from voicebot.settings import Settings
from voicebot.tts.espeak import Pyttsx3Synthesizer
from voicebot.tts.pico import PicoSynthesizer, pico_installed, pico_voice
from voicebot.tts.synthesizer import Synthesizer, TtsError

TTS_BACKENDS = ("auto", "pico", "pyttsx3")


class NaturalVoices:
    """Per language the most natural installed voice: SVOX Pico, else espeak-ng via pyttsx3."""

    backend = "auto"

    def __init__(self, pico: PicoSynthesizer | None, espeak: Pyttsx3Synthesizer) -> None:
        self.pico = pico
        self.espeak = espeak

    def chosen(self, language: str) -> Synthesizer:
        """The backend that speaks this language."""
        if self.pico is not None:
            try:
                pico_voice(language)
                return self.pico
            except TtsError:
                pass  # a language Pico has no voice for: espeak-ng speaks it
        return self.espeak

    def voice(self, language: str) -> str:
        return self.chosen(language).voice(language)

    def synthesize(self, text: str, language: str) -> tuple[bytes, int]:
        return self.chosen(language).synthesize(text, language)

    def close(self) -> None:
        self.espeak.close()


def load_synthesizer(settings: Settings) -> Synthesizer:
    """The synthesizer settings ask for; UserError naming the fix when it is not installed."""
    backend = settings.tts_backend
    if backend not in TTS_BACKENDS:
        raise UserError(
            f"VOICEBOT_TTS={backend!r} is not a text-to-speech backend; use one of "
            + ", ".join(TTS_BACKENDS)
        )
    if backend == "pyttsx3":
        return Pyttsx3Synthesizer()
    if backend == "pico":
        if not pico_installed():
            raise UserError(
                "VOICEBOT_TTS=pico: pico2wave not found; install Debian's libttspico-utils "
                "(scripts/setup.sh does) or use VOICEBOT_TTS=auto"
            )
        return PicoSynthesizer()
    return NaturalVoices(PicoSynthesizer() if pico_installed() else None, Pyttsx3Synthesizer())
