"""Whole simulated calls: time from the end of the caller's speech to the first byte of bot audio.

Run: .venv/bin/python benchmarks/calls.py [--end-silence-ms 700 500]
Writes benchmarks/results/calls.json and benchmarks/results/calls.md.

Each call is the real offline pipeline (WAV channel -> Endpoint -> Recognize -> Understand ->
Dialog -> Speak) with caller turns spoken by SVOX Pico through the telephone simulator (and
FSDD digit recordings). Per caller turn the latency splits into
- end-of-speech wait: audio-clock ms from the end of the caller's recording to SpeechStopped
  (the silence the endpointer needs; in a live call this passes in real time);
- recognition, understanding, dialog, synthesis: wall-clock ms between the events reaching the
  channel (Transcript, Intent, BotSpeech, BotAudio).
Fixed prompts are warmed into the prompt cache before the run, as at server start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
from tests.plugins.speech import fsdd_number  # noqa: E402
from voicebot.asr.base import load_speech_model  # noqa: E402
from voicebot.audio.telephone import telephone  # noqa: E402
from voicebot.audio.wav import write_wav  # noqa: E402
from voicebot.channels.wav import WavChannel  # noqa: E402
from voicebot.dialog.calls import run_audio_call, wav_channel  # noqa: E402
from voicebot.dialog.state import DialogTimers  # noqa: E402
from voicebot.dialog.textcall import CallServices  # noqa: E402
from voicebot.events import (  # noqa: E402
    BotAudio,
    BotSpeech,
    CallEvent,
    Dtmf,
    Intent,
    SpeechStopped,
    Transcript,
)
from voicebot.nlu.loader import load_tenants  # noqa: E402
from voicebot.settings import load_settings  # noqa: E402
from voicebot.tts.cache import PromptCache  # noqa: E402
from voicebot.tts.pico import PicoSynthesizer  # noqa: E402
from voicebot.tts.tenant_prompts import fixed_prompts  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
FSDD = ROOT.parent / "shared" / "datasets" / "speech" / "fsdd"
CALLS: list[tuple[str, list[str], str]] = [  # tenant, caller turns ("fsdd:DIGITS" = recording)
    (
        "nordwelle",
        ["fsdd:40817253", "ich habe eine frage zu meiner rechnung", "nein danke", "nein"],
        "",
    ),
    ("nordwelle", ["mein internet geht seit gestern nicht mehr", "ja bitte"], "40817253#"),
    ("nordwelle", ["wann haben ihre shops geöffnet", "nein"], ""),
    ("nordwelle", ["ich möchte meinen vertrag kündigen"], "40817261#"),
    (
        "nordwelle",
        ["mein internet geht nicht mehr", "ich möchte mit einem mitarbeiter sprechen"],
        "",
    ),
    ("sonnhof", ["ist in der nougatcreme auch milch enthalten", "nein danke"], ""),
    ("sonnhof", ["was kostet der rasenmäher", "nein"], ""),
    ("sonnhof", ["wie lange hält die tomatensauce nach dem öffnen", "nein danke"], ""),
    ("harbour-bank", ["I lost my card"], ""),
    ("harbour-bank", ["how do I activate my new card", "no thanks"], ""),
    (
        "marktblick",
        [
            "ja, ich habe zwei minuten zeit",
            "ich gebe eine vier",
            "ja, auf jeden fall",
            "mehr glasfaser auf dem land",
        ],
        "",
    ),
]


class TimedNLU:
    """A tenant's NLU that notes how long each classification took (the Understand stage
    classifies synchronously, so its events reach the line together with the Transcript)."""

    def __init__(self, nlu: object, took_ms: list[float]) -> None:
        self._nlu, self._took_ms = nlu, took_ms

    def classify(self, text: str) -> object:
        started = time.perf_counter()
        try:
            return self._nlu.classify(text)  # type: ignore[attr-defined]
        finally:
            self._took_ms.append((time.perf_counter() - started) * 1000)

    def __getattr__(self, name: str) -> object:
        return getattr(self._nlu, name)


@dataclass
class TimedChannel:
    """Wraps a WavChannel: notes the wall-clock moment each bot-side event reaches the line."""

    inner: WavChannel
    seen: list[tuple[float, CallEvent]] = field(default_factory=list)

    @property
    def sample_rate(self) -> int:
        return self.inner.sample_rate

    def events(self) -> AsyncIterator[CallEvent]:
        return self.inner.events()

    async def send(self, event: CallEvent) -> None:
        self.seen.append((time.perf_counter(), event))
        await self.inner.send(event)


def turn_latencies(
    channel: TimedChannel, fixed: frozenset[str], classify_ms: list[float]
) -> list[dict[str, object]]:
    """One row per caller turn that got a spoken reply: the parts of its latency (ms)."""
    rows: list[dict[str, object]] = []
    classified = iter(classify_ms)
    expect = "free"  # what the prompt the caller answers expected
    spans = list(channel.inner.turn_spans)
    marks: dict[str, float] = {}
    stopped_at_ms = 0
    for wall, event in channel.seen:
        if isinstance(event, SpeechStopped):
            marks, stopped_at_ms = {"stopped": wall}, event.at_ms
        elif isinstance(event, Dtmf) and event.key == "#":
            marks, stopped_at_ms = {"stopped": wall, "keyed": wall}, event.at_ms
        elif isinstance(event, Transcript) and event.final and "stopped" in marks:
            marks["transcript"] = wall
        elif isinstance(event, Intent):
            took_ms = next(classified, 0.0)  # one classification per Intent, in order
            if "transcript" in marks:
                marks["intent"], marks["classify_ms"] = wall, took_ms
        elif isinstance(event, BotSpeech) and "stopped" in marks and "speech" not in marks:
            marks["speech"], marks["cached"] = wall, float(event.text in fixed)
        elif isinstance(event, BotAudio) and "speech" in marks:
            rows.append({**_row(marks, wall, stopped_at_ms, spans), "expect": expect})
            marks = {}
        if isinstance(event, BotSpeech) and event.listen:
            expect = (event.expect or "free").split(":")[0]
    return rows


def _row(marks: dict[str, float], audio_wall: float, stopped_ms: int, spans) -> dict[str, object]:
    keyed = "keyed" in marks
    speech_end = max((end for _, end in spans if end <= stopped_ms), default=stopped_ms)
    eos_ms = 0.0 if keyed else float(stopped_ms - speech_end)
    transcript = marks.get("transcript", marks["stopped"])
    intent = marks.get("intent", transcript)
    classify_ms = marks.get("classify_ms", 0.0)
    parts = {
        "end_of_speech_wait_ms": eos_ms,
        "recognition_ms": (transcript - marks["stopped"]) * 1000 - classify_ms,
        "understanding_ms": (intent - transcript) * 1000 + classify_ms,
        "dialog_ms": (marks["speech"] - intent) * 1000,
        "synthesis_ms": (audio_wall - marks["speech"]) * 1000,
    }
    total = sum(parts.values())
    return {
        "kind": "dtmf" if keyed else "speech",
        "cached": bool(marks["cached"]),
        **{k: round(v, 1) for k, v in parts.items()},
        "first_audio_ms": round(total, 1),
    }


def make_turns(folder: Path, pico: PicoSynthesizer, tenant_language: str, turns: list[str]):
    paths = []
    for i, text in enumerate(turns):
        if text.startswith("fsdd:"):
            samples, rate = fsdd_number(FSDD, text.removeprefix("fsdd:"), "george"), 8000
        else:
            pcm, rate = pico.synthesize(text, tenant_language)
            samples = np.frombuffer(pcm, dtype="<i2")
        line, line_rate = telephone(samples, rate)
        path = folder / f"{abs(hash(text))}-{i}.wav"
        write_wav(path, line.astype("<i2").tobytes(), line_rate)
        paths.append(path)
    return paths


async def run_calls(
    services: CallServices, model, folder: Path, pico, fixed, classify_ms: list[float]
) -> list[dict]:
    rows = []
    for tenant, texts, dtmf in CALLS:
        wavs = make_turns(folder, pico, services.tenants[tenant].language, texts)
        channel = TimedChannel(wav_channel(tenant, wavs, services, dtmf=dtmf))
        classify_ms.clear()
        await run_audio_call(channel, channel.sample_rate, services, model)
        rows += [{"tenant": tenant, **r} for r in turn_latencies(channel, fixed, classify_ms)]
    return rows


def percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 1) if values else float("nan")


def summarise(rows: list[dict]) -> dict[str, object]:
    speech = [r for r in rows if r["kind"] == "speech"]
    keys = (
        "end_of_speech_wait_ms",
        "recognition_ms",
        "understanding_ms",
        "dialog_ms",
        "synthesis_ms",
        "first_audio_ms",
    )
    out: dict[str, object] = {"speech_turns": len(speech)}
    for key in keys:
        values = [float(r[key]) for r in speech]
        out[key] = {"p50": percentile(values, 50), "p95": percentile(values, 95)}
    keyed = [float(r["first_audio_ms"]) for r in rows if r["kind"] == "dtmf"]
    out["dtmf_first_audio_ms"] = {"p50": percentile(keyed, 50), "p95": percentile(keyed, 95)}
    cached = [float(r["synthesis_ms"]) for r in rows if r["cached"]]
    fresh = [float(r["synthesis_ms"]) for r in rows if not r["cached"]]
    out["synthesis_cached_ms_p50"] = percentile(cached, 50)
    out["synthesis_uncached_ms_p50"] = percentile(fresh, 50)
    out["cached_replies"] = len(cached)
    kinds = sorted({str(r["expect"]) for r in speech})
    out["recognition_ms_p50_by_expect"] = {
        k: percentile([float(r["recognition_ms"]) for r in speech if r["expect"] == k], 50)
        for k in kinds
    }
    return out


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Calls: end of caller speech to first byte of bot audio",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores; load average {m['load_avg_1m_start']:.1f} at "
        f"start, {m['load_avg_1m_end']:.1f} at end. Other jobs shared the CPU during the run; "
        "compare ratios within this run, not absolute numbers.",
        f"{len(CALLS)} simulated calls (Pico/FSDD caller by telephone, Whisper base, Pico bot "
        "voice). ms; end-of-speech wait on the audio clock, the rest wall clock.",
        "",
        "| end silence | speech turns | first audio p50 | p95 | EOS wait p50 | recognition p50 "
        "| p95 | understanding p50 | dialog p50 | synthesis p50 | cached synth p50 | uncached p50 "
        "| DTMF # to audio p50 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in result["runs"]:
        s = run["summary"]
        lines.append(
            f"| {run['end_silence_ms']} | {s['speech_turns']} | {s['first_audio_ms']['p50']} | "
            f"{s['first_audio_ms']['p95']} | {s['end_of_speech_wait_ms']['p50']} | "
            f"{s['recognition_ms']['p50']} | {s['recognition_ms']['p95']} | "
            f"{s['understanding_ms']['p50']} | {s['dialog_ms']['p50']} | "
            f"{s['synthesis_ms']['p50']} | {s['synthesis_cached_ms_p50']} | "
            f"{s['synthesis_uncached_ms_p50']} | {s['dtmf_first_audio_ms']['p50']} |"
        )
    for run in result["runs"]:
        by_expect = run["summary"]["recognition_ms_p50_by_expect"]
        kinds = ", ".join(f"{k} {v}" for k, v in by_expect.items())
        lines.append(
            f"\nRecognition p50 by what the prompt expected ({run['end_silence_ms']}): {kinds}."
        )
    lines += ["", f"Target: p50 <= 600 ms. {result['verdict']}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--end-silence-ms", type=int, nargs="+", default=[700, 500])
    args = parser.parse_args()
    start_machine = machine(load_avg_1m_start=os.getloadavg()[0])
    settings = load_settings()
    tenants = load_tenants(settings.intents_dir)
    model = load_speech_model("whisper", settings)
    pico = PicoSynthesizer()
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-calls-") as tmp:
        cache = PromptCache(pico, Path(tmp) / "prompts")
        fixed = frozenset(text for t in tenants.values() for text in fixed_prompts(t))
        for t in tenants.values():
            cache.warm(fixed_prompts(t), t.language, (16000,))
        base = CallServices(tenants)
        classify_ms: list[float] = []
        timed = {t: TimedNLU(base.classifiers.nlu(t), classify_ms) for t in tenants}  # built now
        for end_silence in args.end_silence_ms:
            timers = DialogTimers(end_silence_ms=end_silence)
            services = CallServices(tenants, timers=timers, nlu_for=timed.__getitem__)
            services.prompt_cache = cache
            rows = asyncio.run(run_calls(services, model, Path(tmp), pico, fixed, classify_ms))
            runs.append({"end_silence_ms": end_silence, "summary": summarise(rows), "turns": rows})
    first = runs[0]["summary"]["first_audio_ms"]["p50"]  # type: ignore[index]
    verdict = (
        f"Met at end silence {runs[0]['end_silence_ms']} ms."
        if first <= 600
        else f"Not met: p50 {first} ms at end silence {runs[0]['end_silence_ms']} ms."
    )
    result = {
        "machine": {**start_machine, "load_avg_1m_end": os.getloadavg()[0]},
        "calls": len(CALLS),
        "runs": runs,
        "verdict": verdict,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "calls.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    (RESULTS / "calls.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
