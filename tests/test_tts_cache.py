"""Prompt cache and the Speak stage: fixed prompts once, on disk, at the channel's rate."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from voicebot.events import (
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
)
from voicebot.tts.cache import PromptCache
from voicebot.tts.pico import PicoSynthesizer
from voicebot.tts.speak import Speak
from voicebot.tts.tenant_prompts import fixed_prompts, speak_for_tenants, warm_tenant_prompts

GREETING = "Willkommen bei Nordwelle. Bitte nennen Sie Ihre Kundennummer."
ANYTHING_ELSE = "Kann ich sonst noch helfen?"


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.wav"))


def test_a_warmed_prompt_is_read_back_identically_without_synthesis(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    first = PromptCache(pico_tts, tmp_path)
    assert first.warm([GREETING, ANYTHING_ELSE, GREETING], "de") == 2
    assert first.synthesized == 2
    assert len(cached_files(tmp_path)) == 4  # two prompts at 8 and 16 kHz
    expected = first.audio(GREETING, "de", 8000)
    # A restarted process whose engine cannot even start still has every warmed prompt.
    broken_engine = PicoSynthesizer(command=str(tmp_path / "no-such-pico2wave"))
    restarted = PromptCache(broken_engine, tmp_path)
    assert restarted.audio(GREETING, "de", 8000) == expected
    assert restarted.warm([GREETING, ANYTHING_ELSE], "de") == 0
    assert restarted.synthesized == 0


def test_dynamic_text_is_synthesised_each_time_and_never_stored(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    cache = PromptCache(pico_tts, tmp_path)
    balance = "Ihr offener Betrag ist 42 Euro 17, Frau Berger."
    first = cache.audio(balance, "de", 8000)
    assert cache.audio(balance, "de", 8000) == first
    assert cache.synthesized == 2
    assert cached_files(tmp_path) == []


def test_a_fixed_prompt_used_once_is_stored(pico_tts: PicoSynthesizer, tmp_path: Path) -> None:
    cache = PromptCache(pico_tts, tmp_path)
    cache.audio(ANYTHING_ELSE, "de", 16000, fixed=True)
    cache.audio(ANYTHING_ELSE, "de", 16000, fixed=True)
    assert cache.synthesized == 1
    assert len(cached_files(tmp_path)) == 1


def test_the_cache_key_changes_with_text_voice_and_rate(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    cache = PromptCache(pico_tts, tmp_path)
    keys = {
        cache.key(GREETING, "de", 8000),
        cache.key(GREETING, "de", 16000),
        cache.key(ANYTHING_ELSE, "de", 8000),
        cache.key(GREETING, "en", 8000),
        cache.key(GREETING, "en-GB", 8000),
    }
    assert len(keys) == 5
    assert cache.key(GREETING, "de", 8000) == cache.key(f"  {GREETING}\n", "de-DE", 8000)


@pytest.mark.parametrize("rate", [8000, 16000, 24000])
def test_audio_is_resampled_to_the_channel_rate(
    pico_tts: PicoSynthesizer, tmp_path: Path, rate: int
) -> None:
    native, native_rate = pico_tts.synthesize(GREETING, "de")
    pcm = PromptCache(pico_tts, tmp_path).audio(GREETING, "de", rate)
    assert len(pcm) % 2 == 0
    assert abs(len(pcm) / 2 / rate - len(native) / 2 / native_rate) < 0.002


async def run_stage(speak: Speak, events: list[CallEvent]) -> list[CallEvent]:
    inbox: asyncio.Queue[CallEvent] = asyncio.Queue()
    for event in events:
        inbox.put_nowait(event)
    out: list[CallEvent] = []

    async def emit(event: CallEvent) -> None:
        out.append(event)

    await speak.run(inbox, emit)
    return out


async def test_speak_follows_each_bot_speech_with_its_audio_and_forwards_the_rest(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    cache = PromptCache(pico_tts, tmp_path)
    started = CallStarted(call_id="c1", at_ms=0, tenant="harbour-bank", channel="twilio")
    speech = BotSpeech(call_id="c1", at_ms=120, text="Hello, how can I help?")
    key = Dtmf(call_id="c1", at_ms=900, key="5")
    hangup = Hangup(call_id="c1", at_ms=1000, reason="caller")
    speak = Speak(cache, sample_rate=8000, tenant_languages={"harbour-bank": "en"})
    out = await run_stage(speak, [started, speech, key, hangup])
    audio = BotAudio(
        call_id="c1", at_ms=120, pcm=cache.audio(speech.text, "en", 8000), sample_rate=8000
    )
    assert out == [started, speech, audio, key, hangup]


async def test_speak_serves_fixed_prompts_from_disk(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    cache = PromptCache(pico_tts, tmp_path)
    speak = Speak(cache, sample_rate=16000, fixed_texts=frozenset({ANYTHING_ELSE}))
    events: list[CallEvent] = [
        BotSpeech(call_id="c2", at_ms=0, text=ANYTHING_ELSE),
        BotSpeech(call_id="c2", at_ms=5000, text=ANYTHING_ELSE),
        Hangup(call_id="c2", at_ms=9000, reason="bot"),
    ]
    out = await run_stage(speak, events)
    audios = [e for e in out if isinstance(e, BotAudio)]
    assert [a.at_ms for a in audios] == [0, 5000]
    assert audios[0].pcm == audios[1].pcm
    assert cache.synthesized == 1
    assert len(cached_files(tmp_path)) == 1


async def test_a_failing_engine_becomes_a_tts_failed_error_and_the_call_still_ends(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "pico2wave"
    broken.write_text("#!/bin/sh\necho 'lingware missing' >&2\nexit 1\n")
    broken.chmod(0o755)
    to_dialog: asyncio.Queue[CallEvent] = asyncio.Queue()
    cache = PromptCache(PicoSynthesizer(command=str(broken)), tmp_path)
    speak = Speak(cache, sample_rate=8000, on_error=to_dialog.put)
    speech = BotSpeech(call_id="c3", at_ms=0, text="Guten Tag")
    hangup = Hangup(call_id="c3", at_ms=10, reason="bot")
    out = await run_stage(speak, [speech, hangup])
    assert out[0] == speech
    assert isinstance(out[1], CallError)
    assert (out[1].code, out[1].at_ms) == ("tts_failed", 0)
    assert "lingware missing" in out[1].message
    assert out[2] == hangup
    assert to_dialog.get_nowait() == out[1]  # the dialog hears of it and can hand over


@pytest.fixture(scope="module")
def nordwelle() -> Any:
    from voicebot.nlu.loader import load_tenants
    from voicebot.settings import Settings

    return load_tenants(Settings().intents_dir)["nordwelle"]


async def test_a_tenants_greeting_is_warmed_at_start_and_then_starts_without_synthesis(
    pico_tts: PicoSynthesizer, tmp_path: Path, nordwelle: Any
) -> None:
    tenants = {"nordwelle": nordwelle}
    fixed = fixed_prompts(nordwelle)
    assert nordwelle.greeting in fixed
    assert all("{" not in text for text in fixed)
    cache = PromptCache(pico_tts, tmp_path)
    assert warm_tenant_prompts(cache, tenants, (8000,)) == len(fixed)
    assert warm_tenant_prompts(cache, tenants, (8000,)) == 0
    speak = speak_for_tenants(PromptCache(pico_tts, tmp_path), 8000, tenants)
    started = CallStarted(call_id="c4", at_ms=0, tenant="nordwelle", channel="sip")
    greeting = BotSpeech(call_id="c4", at_ms=0, text=nordwelle.greeting)
    out = await run_stage(speak, [started, greeting, Hangup(call_id="c4", at_ms=1, reason="bot")])
    assert isinstance(out[2], BotAudio) and len(out[2].pcm) > 8000
    assert speak.prompts.synthesized == 0


def test_beyond_its_disk_budget_the_least_recently_used_prompt_files_go(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    """Prompts of edited intent files would pile up on disk for ever; a prompt read from disk
    counts as used."""
    import os
    import time

    long_text = "Unsere Hotline ist montags bis freitags von acht bis achtzehn Uhr erreichbar."
    first = PromptCache(pico_tts, tmp_path)
    first.warm([GREETING, long_text], "de", (8000,))
    greeting_file = tmp_path / first.key(GREETING, "de", 8000)[:2]
    greeting_file = greeting_file / f"{first.key(GREETING, 'de', 8000)}.wav"
    long_file = tmp_path / first.key(long_text, "de", 8000)[:2]
    long_file = long_file / f"{first.key(long_text, 'de', 8000)}.wav"
    now = time.time()
    os.utime(greeting_file, (now - 100, now - 100))  # the greeting is the older file
    os.utime(long_file, (now - 50, now - 50))
    budget = greeting_file.stat().st_size + long_file.stat().st_size
    restarted = PromptCache(pico_tts, tmp_path, disk_bytes=budget)
    restarted.audio(GREETING, "de", 8000, fixed=True)  # read from disk: used now
    assert restarted.synthesized == 0
    restarted.audio(ANYTHING_ELSE, "de", 8000, fixed=True)  # shorter than long_text
    assert greeting_file.exists() and not long_file.exists()
    assert sum(p.stat().st_size for p in cached_files(tmp_path)) <= budget
    assert len(cached_files(tmp_path)) == 2
