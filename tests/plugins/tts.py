"""Shared pytest fixtures: text to speech (one synthesizer per backend and session)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from voicebot.tts.espeak import Pyttsx3Synthesizer
from voicebot.tts.pico import PicoSynthesizer, pico_installed


@pytest.fixture(scope="session")
def pico_tts() -> PicoSynthesizer:
    """SVOX Pico (pico2wave); skipped where Debian's non-free libttspico-utils is missing."""
    if not pico_installed():
        pytest.skip("pico2wave not installed: run scripts/setup.sh (libttspico-utils, non-free)")
    return PicoSynthesizer()


@pytest.fixture(scope="session")
def espeak_tts() -> Iterator[Pyttsx3Synthesizer]:
    """pyttsx3 + espeak-ng with its worker process kept for the whole session."""
    synthesizer = Pyttsx3Synthesizer()
    yield synthesizer
    synthesizer.close()


@pytest.fixture(scope="session")
def say_pico(pico_tts: PicoSynthesizer) -> Callable[..., bytes]:
    """say(text, language="de", rate=16000) -> 16-bit mono PCM bytes in Pico's voice."""
    from voicebot.audio.resample import pcm_at_rate

    def say(text: str, language: str = "de", rate: int = 16000) -> bytes:
        pcm, native = pico_tts.synthesize(text, language)
        return pcm_at_rate(pcm, native, rate)

    return say
