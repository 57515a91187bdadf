"""Call records: derived from event lists, masked, stored for every call, audio kept and purged."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.plugins.servers import RedisServer, unique_prefix
from tests.test_analytics_support import Call, write_mini_tenant
from voicebot.analytics.derive import record_from_events
from voicebot.analytics.figures import Period, figures
from voicebot.analytics.recorder import CallRecorder
from voicebot.analytics.records import CallRecord
from voicebot.analytics.redis_records import RedisCallRecordStore
from voicebot.analytics.retention import DAY_S, AudioPolicy, purge
from voicebot.analytics.store import open_call_record_store
from voicebot.audio.wav import read_audio
from voicebot.dialog.textcall import CallServices, keys, run_call, say
from voicebot.events import AudioChunk, CallEvent, CallStarted, Hangup
from voicebot.nlu.loader import load_tenants
from voicebot.pipeline import run_pipeline
from voicebot.settings import PROJECT_ROOT, Settings

SAMPLE = PROJECT_ROOT / "voicebot" / "audio" / "samples" / "hallo-nordwelle.wav"


def test_customer_numbers_never_reach_the_record_digits_or_spoken():
    events = (
        Call("c-mask").bot(0, "Ihre Kundennummer bitte?", expect="digits:8")
        .caller(1000, 3000, "meine nummer ist vier null acht eins sieben zwei fünf drei", None, 0.2)
        .bot(3500, "Und worum geht es?")
        .caller(4000, 5000, "rechnung 40817253 ist falsch", "rechnung", 0.9)
        .bot(5400, "Danke")
        .keys(6000, "40817253#")
        .hangup(8000, "caller").events
    )  # fmt: skip
    record = record_from_events(events, started_at=0.0)
    texts = [t.text for t in record.turns]
    assert texts == ["meine nummer ist ***", "rechnung ******53 ist falsch", "******53#"]
    assert record.caller == "+********56"
    assert "4081" not in record.dumps()


def test_a_record_survives_the_json_round_trip():
    events = (
        Call("c-json").bot(0, "Hallo")
        .caller(500, 1500, "mein internet geht nicht", "stoerung", 0.93, (("stoerung", 0.93),))
        .bot(1900, "Ich verbinde Sie.", listen=False)
        .handoff(1900, "stoerungsdienst", "intent", "stoerung").events
    )  # fmt: skip
    record = record_from_events(events, started_at=123.5, audio_path="/x.wav")
    assert CallRecord.loads(record.dumps()) == record
    assert record.turns[0].latency_ms == 400 and record.turns[0].alternatives == (
        ("stoerung", 0.93),
    )


@pytest.fixture(scope="module")
def mini_tenants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Intents dir with the mini inbound tenant (audio kept 7 days) and marktblick (survey)."""
    intents = tmp_path_factory.mktemp("intents")
    folder = write_mini_tenant(intents)
    with (folder / "tenant.yaml").open("a", encoding="utf-8") as out:
        out.write("record_audio: true\nretention_days: 7\n")
    shutil.copytree(PROJECT_ROOT / "intents" / "marktblick", intents / "marktblick")
    return intents


def test_every_text_call_is_recorded_and_survey_answers_are_counted(mini_tenants, tmp_path):
    settings = Settings(data_dir=tmp_path, intents_dir=mini_tenants)
    tenants = load_tenants(mini_tenants)

    async def scenario() -> tuple[list[CallRecord], list[CallRecord]]:
        recorder = CallRecorder.for_settings(settings, tenants)
        services = CallServices(tenants, observer=recorder)
        try:
            await run_call("testwelle", [say("mein internet geht seit gestern nicht mehr")],
                           services)  # fmt: skip
            for turns in (
                [say("ja gerne"), say("vier"), say("ja"), say("schnelleres internet bitte")],
                [say("ja"), keys("2"), say("nein"), say("weniger ausfälle")],
                [say("ich habe keine zeit")],
            ):
                await run_call("marktblick", turns, services)
            return (
                await recorder.store.between("testwelle", 0, time.time() + 1),
                await recorder.store.between("marktblick", 0, time.time() + 1),
            )
        finally:
            await recorder.aclose()

    inbound, survey = asyncio.run(scenario())
    assert [(r.outcome, r.queue, r.intent) for r in inbound] == [("handoff", "technik", "stoerung")]
    data = figures(survey, "marktblick", Period(0, time.time() + 1))
    assert data["outcomes"]["resolved"] == 2 and data["outcomes"]["declined"] == 1
    questions = data["survey"]["questions"]
    assert questions["zufriedenheit"] == {
        "kind": "rating", "answers": 2, "mean": 3.0,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0},
    }  # fmt: skip
    assert questions["weiterempfehlung"]["yes_share"] == 0.5
    assert questions["kommentar"]["comments"] == ["schnelleres internet bitte", "weniger ausfälle"]


class SpokenAudioChannel:
    """A caller who says one recorded sentence in 20 ms chunks and hangs up (no bot stages)."""

    def __init__(self, call_id: str, tenant: str) -> None:
        self.call_id, self.tenant = call_id, tenant
        self.audio = read_audio(SAMPLE)
        self.sent: list[CallEvent] = []

    async def events(self) -> AsyncIterator[CallEvent]:
        yield CallStarted(call_id=self.call_id, at_ms=0, tenant=self.tenant)
        rate, samples = self.audio.sample_rate, self.audio.samples
        step = rate // 50
        for i in range(0, len(samples), step):
            pcm = samples[i : i + step].tobytes()
            yield AudioChunk(
                call_id=self.call_id, at_ms=i * 1000 // rate, pcm=pcm, sample_rate=rate
            )
        at_ms = len(samples) * 1000 // rate
        yield Hangup(call_id=self.call_id, at_ms=at_ms, reason="caller")

    async def send(self, event: CallEvent) -> None:
        self.sent.append(event)


def test_audio_is_kept_only_where_the_tenant_enables_it_and_purged_after_retention(
    mini_tenants, tmp_path
):
    settings = Settings(data_dir=tmp_path, intents_dir=mini_tenants)
    tenants = load_tenants(mini_tenants)

    async def scenario() -> tuple[list[CallRecord], object, list[CallRecord]]:
        recorder = CallRecorder.for_settings(settings, tenants)
        try:
            for call_id, tenant in (("with-audio", "testwelle"), ("no-audio", "marktblick")):
                await run_pipeline(SpokenAudioChannel(call_id, tenant), [], observer=recorder)
            kept = await recorder.store.between("testwelle", 0, time.time() + 1)
            kept += await recorder.store.between("marktblick", 0, time.time() + 1)
            policies = {"testwelle": recorder.policy("testwelle")}
            too_early = await purge(recorder.store, policies, now=time.time() + 6 * DAY_S)
            assert too_early.audio_files == 0
            result = await purge(recorder.store, policies, now=time.time() + 8 * DAY_S)
            after = await recorder.store.between("testwelle", 0, time.time() + 1)
            return kept, result, after
        finally:
            await recorder.aclose()

    kept, result, after = asyncio.run(scenario())
    with_audio, no_audio = kept
    assert no_audio.audio_path is None
    assert with_audio.audio_path and Path(with_audio.audio_path).parent.name == "testwelle"
    assert result.audio_files == 1 and not Path(with_audio.audio_path).exists()
    assert after[0].call_id == "with-audio" and after[0].audio_path is None


def test_kept_audio_is_the_callers_own_speech(mini_tenants, tmp_path):
    settings = Settings(data_dir=tmp_path, intents_dir=mini_tenants)
    recorder = CallRecorder.for_settings(settings, load_tenants(mini_tenants))
    channel = SpokenAudioChannel("speech", "testwelle")
    asyncio.run(run_pipeline(channel, [], observer=recorder))
    stored = asyncio.run(recorder.store.between("testwelle", 0, time.time() + 1))[0]
    asyncio.run(recorder.aclose())
    kept = read_audio(stored.audio_path or "")
    assert kept.sample_rate == channel.audio.sample_rate
    assert (kept.samples == channel.audio.samples[: len(kept.samples)]).all()
    assert abs(len(kept.samples) - len(channel.audio.samples)) < kept.sample_rate // 50


def test_voicebot_calls_purge_deletes_audio_past_the_tenants_retention(mini_tenants, tmp_path):
    settings = Settings(data_dir=tmp_path / "var", intents_dir=mini_tenants)
    old_wav, new_wav = tmp_path / "old.wav", tmp_path / "new.wav"
    shutil.copy(SAMPLE, old_wav)
    shutil.copy(SAMPLE, new_wav)

    async def fill() -> None:
        store = open_call_record_store(settings)
        for call_id, age_days, wav in (("old", 10, old_wav), ("new", 2, new_wav)):
            events = Call(call_id, tenant="testwelle").bot(0, "Hallo").hangup(900).events
            started = time.time() - age_days * DAY_S
            await store.add(record_from_events(events, started_at=started, audio_path=str(wav)))
        await store.aclose()

    asyncio.run(fill())
    env = {"VOICEBOT_DATA": str(settings.data_dir), "VOICEBOT_INTENTS": str(mini_tenants),
           "PATH": "/usr/bin:/bin"}  # fmt: skip
    out = subprocess.run([sys.executable, "-m", "voicebot.cli", "calls", "purge"], env=env,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert "deleted 1 audio file(s), 0 record(s)" in out.stdout
    assert not old_wav.exists() and new_wav.exists()


def test_records_in_redis_for_several_nodes(redis_server: RedisServer):
    async def scenario() -> tuple[list[str], set[str], int]:
        store = RedisCallRecordStore(redis_server.url, prefix=unique_prefix())
        try:
            for i, age in enumerate((40, 3, 1)):
                events = Call(f"r{i}").bot(0, "Hallo").hangup(500).events
                await store.add(record_from_events(events, started_at=1000.0 - age * DAY_S,
                                                   audio_path=None))  # fmt: skip
            await store.mark_assigned("nordwelle", ["r1:0"], "umzug", 1000.0)
            recent = await store.between("nordwelle", 1000.0 - 7 * DAY_S, 1000.0)
            policies = {"nordwelle": AudioPolicy()}
            deleted = await purge(store, policies, now=1000.0, records_days=30)
            return [r.call_id for r in recent], await store.assigned("nordwelle"), deleted.records
        finally:
            await store.aclose()

    recent, assigned, deleted = asyncio.run(scenario())
    assert recent == ["r1", "r2"] and assigned == {"r1:0"} and deleted == 1
