"""Offline calls whose caller turns the bot cannot answer: short silences, keys without an end.

The WAV channel plays silence until the dialog takes its turn (no-input timer on the audio
clock); before, a turn shorter than the no-input time made channel and dialog wait for each
other forever. Each call runs under a generous timeout so that a regression fails, not hangs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from voicebot.audio.wav import write_wav
from voicebot.dialog.calls import run_wav_call
from voicebot.dialog.textcall import CallServices
from voicebot.events import AudioChunk, BotSpeech
from voicebot.pipeline import CallRecord
from voicebot.tts.cache import PromptCache

HANG_GUARD_S = 240  # a hang fails the test; a slow, shared machine still passes


@pytest.fixture(scope="module")
def text_only(tenants, tenant_nlu) -> CallServices:
    """The bot's prompts are text (their length estimated), the caller's turns are audio."""
    return CallServices(tenants, nlu_for=tenant_nlu)


@pytest.fixture(scope="module")
def speaking(tenants, tenant_nlu, pico_tts, tmp_path_factory) -> CallServices:
    """The bot speaks with Pico; the channel's clock follows the real prompt audio."""
    services = CallServices(tenants, nlu_for=tenant_nlu)
    services.prompt_cache = PromptCache(pico_tts, tmp_path_factory.mktemp("prompts"))
    return services


@pytest.fixture(scope="module")
def two_seconds_of_silence(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("silence") / "silence.wav"
    write_wav(path, np.zeros(16000, dtype="<i2").tobytes(), 8000)
    return path


def call(services: CallServices, model, tenant: str, *wavs: Path, dtmf: str = "") -> CallRecord:
    guarded = asyncio.wait_for(
        run_wav_call(tenant, list(wavs), services, model, dtmf=dtmf), HANG_GUARD_S
    )
    return asyncio.run(guarded)


def prompts(record: CallRecord) -> list[str]:
    return [e.text for e in record.events if isinstance(e, BotSpeech)]


def test_survey_answered_by_two_seconds_of_silence_ends_as_no_answer(
    speaking, whisper_model, two_seconds_of_silence
):
    record = call(speaking, whisper_model, "marktblick", two_seconds_of_silence)
    assert record.outcome == "no_answer"
    assert len(prompts(record)) == 2  # the consent question, asked once more


def test_short_silent_turn_gets_the_no_input_reprompt_then_goodbye(
    text_only, whisper_model, two_seconds_of_silence
):
    record = call(text_only, whisper_model, "nordwelle", two_seconds_of_silence)
    said = prompts(record)
    no_input = text_only.view("nordwelle").prompts.say("no_input", prompt="")
    assert said[1].startswith(no_input.strip()), said
    assert record.outcome == "hangup" and record.handoff is None


def test_the_call_clock_never_runs_backwards_around_an_unanswered_turn(
    text_only, whisper_model, two_seconds_of_silence
):
    record = call(text_only, whisper_model, "sonnhof", two_seconds_of_silence)
    times = [e.at_ms for e in record.events if not isinstance(e, AudioChunk)]
    assert times == sorted(times)
