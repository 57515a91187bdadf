"""The bot's own voice in a whole call: Speak in the pipeline, failures of speech engines, --mic."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_call_audio import phone_turn
from voicebot.asr.vosk import VoskSpeechModel
from voicebot.dialog.calls import run_wav_call, wav_channel
from voicebot.dialog.textcall import CallServices
from voicebot.events import BotAudio, BotSpeech, CallError, SpeechStarted
from voicebot.handoff.context import validate_context
from voicebot.nlu.loader import load_tenants
from voicebot.settings import PROJECT_ROOT
from voicebot.tts.cache import PromptCache
from voicebot.tts.pico import PicoSynthesizer


def speaking_services(
    synthesizer: PicoSynthesizer, prompts_dir: Path, nlu_for: object = None
) -> CallServices:
    services = CallServices(load_tenants(PROJECT_ROOT / "intents"), nlu_for=nlu_for)
    services.prompt_cache = PromptCache(synthesizer, prompts_dir)
    return services


def engine_failing_on(tmp_path: Path, word: str) -> PicoSynthesizer:
    """A real pico2wave wrapper that exits 1 whenever the text to speak contains `word`."""
    script = tmp_path / "pico2wave"
    script.write_text(
        "#!/bin/sh\n"
        "text=$(cat)\n"
        f'case "$text" in *{word}*) echo "engine broke" >&2; exit 1;; esac\n'
        'printf "%s" "$text" | exec pico2wave "$@"\n'
    )
    script.chmod(0o755)
    return PicoSynthesizer(command=str(script))


def test_the_caller_answers_only_after_the_bot_audio_has_played(
    pico_tts, say_pico, whisper_model, tenant_nlu, tmp_path
):
    services = speaking_services(pico_tts, tmp_path / "prompts", tenant_nlu)
    turns = [phone_turn(say_pico, tmp_path, "t1", "wann haben ihre shops geöffnet")]
    channel = wav_channel("nordwelle", turns, services)
    record = asyncio.run(run_wav_call("nordwelle", [], services, whisper_model, channel=channel))
    greeting = next(e for e in record.events if isinstance(e, BotAudio))
    greeting_ms = len(greeting.pcm) // 2 * 1000 // greeting.sample_rate
    first_speech = next(e for e in record.events if isinstance(e, SpeechStarted))
    assert greeting_ms > 3000  # a real greeting, not an estimate from its text
    assert first_speech.at_ms >= greeting_ms
    spoken = [e for e in record.events if isinstance(e, BotSpeech) and e.text]
    assert len([e for e in record.events if isinstance(e, BotAudio)]) == len(spoken)
    assert len(channel.bot_pcm) > 2 * 16000 * 5  # the whole call's bot audio, kept
    assert "montags bis samstags" in " ".join(e.text for e in spoken)  # opening hours answered


def test_speech_synthesis_failing_mid_call_hands_off_with_reason_error(
    pico_tts, say_pico, whisper_model, tenant_nlu, tmp_path
):
    failing = engine_failing_on(tmp_path, "Lindner")
    services = speaking_services(failing, tmp_path / "prompts", tenant_nlu)
    turns = [phone_turn(say_pico, tmp_path, "t1", "ich habe eine frage zu meiner rechnung")]
    record = asyncio.run(
        run_wav_call("nordwelle", turns, services, whisper_model, dtmf="40817253#")
    )
    errors = [e for e in record.events if isinstance(e, CallError)]
    assert errors and errors[0].code == "tts_failed"
    assert record.handoff is not None, record.turns()
    assert record.handoff.context["reason"] == "error"
    validate_context(record.handoff.context)


def test_speech_recognition_failing_mid_call_hands_off_with_reason_error(
    say_pico, tenant_nlu, tmp_path
):
    broken_asr = VoskSpeechModel(tmp_path / "no-models")  # no model for any language
    services = CallServices(load_tenants(PROJECT_ROOT / "intents"), nlu_for=tenant_nlu)
    turns = [phone_turn(say_pico, tmp_path, "t1", "mein internet geht nicht")]
    record = asyncio.run(run_wav_call("nordwelle", turns, services, broken_asr))
    errors = [e for e in record.events if isinstance(e, CallError)]
    assert [e.code for e in errors] == ["asr_failed"]
    assert record.handoff is not None and record.handoff.context["reason"] == "error"
    assert record.handoff.queue == "allgemein"
    validate_context(record.handoff.context)


def test_call_on_the_microphone_without_a_sound_device_says_so_in_one_line():
    import sounddevice

    if len(sounddevice.query_devices()) > 0:
        pytest.skip("this machine has a sound device")
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "call", "--dialed", "+49 800 6673935", "--mic"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no sound device" in done.stderr and "--wav" in done.stderr


ALSA_MIC_FROM_FILE = """
pcm.!default {{
  type asym
  playback.pcm "null"
  capture.pcm {{ type file; slave.pcm "null"; file "/dev/null"; infile "{mic}"; format "raw" }}
}}
"""


@pytest.mark.slow  # a real-time call (about 15 s of audio) plus model loading in a child process
def test_a_live_call_on_the_sound_card_hears_the_caller_and_hands_over(pico_tts, tmp_path):
    from voicebot.audio.resample import pcm_at_rate

    alsa_conf = Path("/usr/share/alsa/alsa.conf")
    if not alsa_conf.is_file():
        pytest.skip("ALSA configuration not installed (libasound2-data)")
    pcm, rate = pico_tts.synthesize("ich möchte bitte mit einem mitarbeiter sprechen", "de")
    silence_s = b"\x00\x00" * 16000  # one second at 16 kHz
    # The greeting plays first (the microphone is muted meanwhile), then the caller speaks.
    (tmp_path / "mic.raw").write_bytes(
        silence_s * 10 + pcm_at_rate(pcm, rate, 16000) + silence_s * 12
    )
    device = ALSA_MIC_FROM_FILE.format(mic=tmp_path / "mic.raw")
    (tmp_path / "asound.conf").write_text(alsa_conf.read_text() + device)
    env = {
        **os.environ,
        "ALSA_CONFIG_PATH": str(tmp_path / "asound.conf"),
        "VOICEBOT_DATA": str(tmp_path / "var"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "call", "--tenant", "nordwelle", "--mic", "--json"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["outcome"] == "handoff" and summary["queue"] == "allgemein"
    assert summary["handoff"]["reason"] == "agent_request"
    validate_context(summary["handoff"])
