"""Faults in the middle of a call, with real failing backends (no mock objects): a TTS engine
that hangs, a recogniser whose model is corrupt. The caller is never dropped: the call goes to a
person with reason `error`, and the queue holds it."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from voicebot.audio.wav import write_wav
from voicebot.channels.wav import WavChannel
from voicebot.dialog.textcall import CallServices, new_call_id
from voicebot.dialog.turns import SharedDecoder
from voicebot.events import CallError, CallStarted
from voicebot.handoff.sqlite_store import SqliteQueueStore
from voicebot.server.live_calls import LiveCalls
from voicebot.tts.cache import PromptCache
from voicebot.tts.pico import PicoSynthesizer


def hanging_engine(folder: Path) -> Path:
    """A 'pico2wave' that never answers (like an engine stuck on a lock)."""
    script = folder / "pico2wave-hangs"
    script.write_text("#!/bin/sh\nexec sleep 600\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def corrupt_vosk_models(folder: Path) -> Path:
    """A models folder whose German Vosk model is damaged (garbage acoustic model)."""
    model = folder / "models" / "vosk-model-small-de-0.15"
    (model / "am").mkdir(parents=True)
    (model / "conf").mkdir()
    (model / "am" / "final.mdl").write_bytes(np.random.default_rng(3).bytes(5000))
    (model / "conf" / "model.conf").write_text("")
    return folder / "models"


def live_calls(tenants: Any, nlu: Any, store: Any, model: Any, prompts: PromptCache) -> LiveCalls:
    services = CallServices(tenants, queue_store=store, nlu_for=nlu)
    return LiveCalls(services, SharedDecoder(model, 1), prompts)


async def call_with_turn(live: LiveCalls, wav: Path | None) -> Any:
    started = CallStarted(call_id=new_call_id(), at_ms=0, tenant="nordwelle", channel="wav")
    channel = WavChannel(started, [wav] if wav else [], bot_audio=True, sample_rate=16000)
    return await live.run(channel, 16000)


async def test_a_hanging_tts_engine_hands_the_caller_to_a_person_with_reason_error(
    tenants, tenant_nlu, whisper_model, tmp_path: Path
) -> None:
    store = SqliteQueueStore(tmp_path / "q.db")
    engine = PicoSynthesizer(command=str(hanging_engine(tmp_path)), timeout_s=1.0)
    live = live_calls(tenants, tenant_nlu, store, whisper_model, PromptCache(engine, tmp_path))
    record = await call_with_turn(live, None)
    errors = [e for e in record.events if isinstance(e, CallError)]
    assert errors and errors[0].code == "tts_failed" and "killed" in errors[0].message
    assert record.handoff is not None and record.handoff.context["reason"] == "error"
    queued = await store.get("nordwelle", record.call_id)
    assert queued is not None and queued.state == "waiting"
    await store.aclose()


async def test_a_recogniser_with_a_corrupt_model_hands_the_caller_over_mid_call(
    tenants, tenant_nlu, pico_tts, say_pico: Callable[..., bytes], tmp_path: Path
) -> None:
    from voicebot.asr.vosk import VoskSpeechModel

    store = SqliteQueueStore(tmp_path / "q.db")
    broken = VoskSpeechModel(corrupt_vosk_models(tmp_path))
    words = np.frombuffer(say_pico("Ich habe eine Frage zu meiner Rechnung.", "de"), "<i2")
    wav = write_wav(tmp_path / "turn.wav", words, 16000)
    live = live_calls(tenants, tenant_nlu, store, broken, PromptCache(pico_tts, tmp_path / "p"))
    record = await call_with_turn(live, wav)
    errors = [e for e in record.events if isinstance(e, CallError)]
    assert [e.code for e in errors] == ["asr_failed"], errors
    assert "Failed to create a model" in errors[0].message
    bot_spoke_first = [type(e).__name__ for e in record.events].index("BotSpeech")
    assert bot_spoke_first < record.events.index(errors[0]), "the failure came mid-call"
    assert record.handoff is not None and record.handoff.context["reason"] == "error"
    assert (await store.get("nordwelle", record.call_id)) is not None
    await store.aclose()


async def test_a_queue_store_that_is_down_gets_an_apology_not_a_false_promise(
    tenants, tenant_nlu, whisper_model, pico_tts, say_pico: Callable[..., bytes], tmp_path: Path
) -> None:
    from tests.plugins.servers import free_port
    from voicebot.events import BotSpeech, Handoff, Hangup
    from voicebot.handoff.redis_store import RedisQueueStore

    store = RedisQueueStore(f"redis://127.0.0.1:{free_port()}/0")  # nobody listens: Redis down
    words = np.frombuffer(say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de"), "<i2")
    wav = write_wav(tmp_path / "turn.wav", words, 16000)
    live = live_calls(tenants, tenant_nlu, store, whisper_model, PromptCache(pico_tts, tmp_path))
    record = await call_with_turn(live, wav)
    errors = [e for e in record.events if isinstance(e, CallError)]
    assert [e.code for e in errors] == ["queue_unavailable"], record.events
    said = [e.text for e in record.events if isinstance(e, BotSpeech)]
    assert "nicht weiterverbinden" in said[-1] and "weiter." not in said[-1], said
    assert not any(isinstance(e, Handoff) for e in record.events), "no handoff was made"
    hangups = [e for e in record.events if isinstance(e, Hangup)]
    assert [h.reason for h in hangups] == ["error"]
    await store.aclose()
