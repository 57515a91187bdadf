"""Text to speech: both backends speak German and English, hangs are killed, errors are clear."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from voicebot.errors import UserError
from voicebot.settings import Settings
from voicebot.tts import load_synthesizer
from voicebot.tts.choice import NaturalVoices
from voicebot.tts.espeak import WORKER_COMMAND, Pyttsx3Synthesizer
from voicebot.tts.pico import PicoSynthesizer
from voicebot.tts.synthesizer import TtsError

SENTENCES = {
    "de": "Guten Tag, hier ist Nordwelle. Bitte nennen Sie Ihre Kundennummer.",
    "en": "Hello, this is Harbour Bank. How can I help you today?",
    "en-GB": "Your card has been blocked. An agent will call you back.",
}


def assert_plausible_speech(pcm: bytes, rate: int, text: str) -> None:
    """Non-silent audio whose length fits the number of words (0.2–0.9 s per word)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    duration_s = len(samples) / rate
    words = len(text.split())
    assert 0.2 * words <= duration_s <= 0.9 * words, f"{duration_s:.2f} s for {words} words"
    assert np.sqrt(np.mean(samples**2)) > 500, "audio is (nearly) silent"
    assert np.abs(samples).max() > 5000


@pytest.mark.parametrize("language", ["de", "en", "en-GB"])
def test_pico_speaks_german_and_english(pico_tts: PicoSynthesizer, language: str) -> None:
    pcm, rate = pico_tts.synthesize(SENTENCES[language], language)
    assert rate == 16000
    assert_plausible_speech(pcm, rate, SENTENCES[language])


@pytest.mark.parametrize("language", ["de", "en", "en-GB"])
def test_pyttsx3_speaks_german_and_english(espeak_tts: Pyttsx3Synthesizer, language: str) -> None:
    pcm, rate = espeak_tts.synthesize(SENTENCES[language], language)
    assert rate == 22050
    assert_plausible_speech(pcm, rate, SENTENCES[language])


def test_german_and_english_voices_differ(espeak_tts: Pyttsx3Synthesizer) -> None:
    assert espeak_tts.voice("de") != espeak_tts.voice("en")
    german, _ = espeak_tts.synthesize("Rechnung", "de")
    english, _ = espeak_tts.synthesize("Rechnung", "en")
    assert german != english


def test_empty_text_gives_empty_audio_without_an_engine_run(tmp_path: Path) -> None:
    never_runs = PicoSynthesizer(command=str(tmp_path / "missing-pico2wave"))
    assert never_runs.synthesize("  \n ", "de") == (b"", 16000)


def is_running(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def fake_engine(tmp_path: Path, body: str) -> Path:
    """An executable shell script standing in for an engine binary."""
    script = tmp_path / "fake-engine"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script


def test_a_hanging_pico_is_killed_after_its_timeout(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    hanging = fake_engine(tmp_path, f"sleep 60 & echo $$ $! > {pids}; wait")
    pico = PicoSynthesizer(command=str(hanging), timeout_s=1.0)
    with pytest.raises(TtsError, match=r"pico: no audio after 1 s, engine killed"):
        pico.synthesize("Guten Tag", "de")
    engine_pid, child_pid = (int(p) for p in pids.read_text().split())
    assert not is_running(engine_pid)
    assert not is_running(child_pid)  # the whole process group, not just the shell


def test_a_hanging_pyttsx3_worker_is_killed_and_replaced_on_the_next_request() -> None:
    hanging = (sys.executable, "-c", "import time; time.sleep(60)")
    espeak = Pyttsx3Synthesizer(timeout_s=1.0, worker_command=hanging)
    try:
        with pytest.raises(TtsError, match=r"pyttsx3: no audio after 1 s, engine killed"):
            espeak.synthesize("Guten Tag", "de")
        assert espeak.worker_pid is None
        espeak.worker_command = WORKER_COMMAND
        pcm, rate = espeak.synthesize("Guten Tag", "de")
        assert_plausible_speech(pcm, rate, "Guten Tag")
    finally:
        espeak.close()


def test_a_failing_pico_names_its_exit_code_and_message(tmp_path: Path) -> None:
    broken = fake_engine(tmp_path, "echo 'Unknown language: xx' >&2; exit 3")
    with pytest.raises(TtsError, match=r"pico: exit code 3: Unknown language: xx"):
        PicoSynthesizer(command=str(broken)).synthesize("Hallo", "de")


def test_a_missing_pico_binary_is_a_tts_error(tmp_path: Path) -> None:
    with pytest.raises(TtsError, match=r"pico: cannot start"):
        PicoSynthesizer(command=str(tmp_path / "nope")).synthesize("Hallo", "de")


def test_a_crashing_pyttsx3_worker_is_a_tts_error() -> None:
    crashing = (sys.executable, "-c", "import sys; sys.exit(7)")
    espeak = Pyttsx3Synthesizer(timeout_s=5.0, worker_command=crashing)
    with pytest.raises(TtsError, match=r"pyttsx3: worker failed \(exit code 7\)"):
        espeak.synthesize("Hallo", "de")


@pytest.mark.parametrize("backend", ["pico", "pyttsx3"])
def test_a_language_without_a_voice_is_a_tts_error(backend: str) -> None:
    synthesizer = PicoSynthesizer() if backend == "pico" else Pyttsx3Synthesizer()
    with pytest.raises(TtsError, match=r"no voice for language 'tlh'"):
        synthesizer.synthesize("nuqneH", "tlh")


def test_auto_prefers_pico_and_falls_back_to_espeak(pico_tts: PicoSynthesizer) -> None:
    voices = load_synthesizer(Settings(tts_backend="auto"))
    assert isinstance(voices, NaturalVoices)
    assert voices.voice("de") == "pico-de-DE"
    assert voices.voice("en") == "pico-en-US"
    no_pico = NaturalVoices(None, Pyttsx3Synthesizer())
    assert no_pico.voice("de").startswith("espeak-gmw/de")


@pytest.mark.parametrize(
    ("backend", "kind"), [("pico", PicoSynthesizer), ("pyttsx3", Pyttsx3Synthesizer)]
)
def test_settings_choose_the_backend(pico_tts: PicoSynthesizer, backend: str, kind: type) -> None:
    assert isinstance(load_synthesizer(Settings(tts_backend=backend)), kind)


def test_an_unknown_backend_setting_is_a_user_error() -> None:
    with pytest.raises(UserError, match=r"VOICEBOT_TTS='festival' .* use one of auto, pico"):
        load_synthesizer(Settings(tts_backend="festival"))
