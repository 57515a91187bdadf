"""Analytics benchmark: storing call records, a week's figures, and inbox grouping by size.

Writes benchmarks/results/analytics.json and analytics.md. Run:
    .venv/bin/python benchmarks/analytics.py [--calls 5000] [--utterances 50 200 500]
Other jobs may share the CPU; compare ratios within one run, not across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from voicebot.analytics.derive import record_from_events
from voicebot.analytics.figures import Period, figures
from voicebot.analytics.inbox import Utterance, group_utterances
from voicebot.analytics.store import open_call_record_store
from voicebot.events import BotSpeech, CallStarted, Hangup, Intent, SpeechStopped, Transcript
from voicebot.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import machine

RESULTS = Path(__file__).resolve().parent / "results"
CONCERNS = [
    "ich möchte meine rufnummer zum neuen anbieter mitnehmen",
    "wo bleibt mein neuer router",
    "wann kommt der techniker zu mir",
    "ich brauche eine kopie meiner rechnung",
    "kann ich meinen vertrag pausieren",
    "mein handy zeigt kein netz",
]
FILLERS = ["äh", "also", "ja hallo", "bitte", "mal eine frage", "guten tag"]


def events(call_id: str, rng: random.Random) -> list:
    text = f"{rng.choice(FILLERS)} {rng.choice(CONCERNS)}"
    intent = rng.choice([None, "stoerung", "rechnung"])
    return [
        CallStarted(call_id=call_id, at_ms=0, tenant="nordwelle"),
        BotSpeech(call_id=call_id, at_ms=0, text="Wie kann ich helfen?"),
        SpeechStopped(call_id=call_id, at_ms=4000),
        Transcript(call_id=call_id, at_ms=4100, text=text, final=True),
        Intent(call_id=call_id, at_ms=4100, name=intent, confidence=rng.random()),
        BotSpeech(call_id=call_id, at_ms=4000 + rng.randint(100, 900), text="Danke."),
        Hangup(call_id=call_id, at_ms=9000, reason="caller"),
    ]


async def store_and_query(calls: int, folder: Path) -> dict[str, float]:
    rng = random.Random(7)
    store = open_call_record_store(Settings(data_dir=folder))
    now = time.time()
    started = time.perf_counter()
    for i in range(calls):
        record = record_from_events(events(f"c{i}", rng), started_at=now - rng.random() * 6 * 86400)
        await store.add(record)
    stored_s = time.perf_counter() - started
    started = time.perf_counter()
    records = await store.between("nordwelle", now - 7 * 86400, now + 1)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    figures(records, "nordwelle", Period(now - 7 * 86400, now + 1))
    figures_s = time.perf_counter() - started
    await store.aclose()
    return {
        "calls": calls,
        "store_ms_per_call": round(1000 * stored_s / calls, 3),
        "read_week_s": round(read_s, 3),
        "figures_s": round(figures_s, 3),
    }


def grouping(count: int) -> dict[str, float]:
    rng = random.Random(count)
    utterances = [
        Utterance(
            f"u{i}:0",
            f"u{i}",
            f"{rng.choice(FILLERS)} {rng.choice(CONCERNS)}",
            None,
            0.3,
            None,
            float(i),
        )
        for i in range(count)
    ]
    group_utterances(utterances[:2], "de")  # encoder loaded outside the timing
    started = time.perf_counter()
    groups = group_utterances(utterances, "de")
    return {
        "utterances": count,
        "groups": len(groups),
        "group_s": round(time.perf_counter() - started, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--utterances", type=int, nargs="+", default=[50, 200, 500])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = asyncio.run(store_and_query(args.calls, Path(folder)))
    groups = [grouping(n) for n in args.utterances]
    result = {"machine": machine(load_avg=os.getloadavg()), "store": store, "grouping": groups}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "analytics.json").write_text(json.dumps(result, indent=2) + "\n")
    m = result["machine"]
    lines = [
        "# Analytics benchmark",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, load average {m['load_avg']} "
        "(other jobs may have shared the CPU; compare ratios within one run).",
        "",
        "| calls stored | ms per stored call | read a week (s) | figures (s) |",
        "|---:|---:|---:|---:|",
        f"| {store['calls']} | {store['store_ms_per_call']} | {store['read_week_s']} "
        f"| {store['figures_s']} |",
        "",
        "| inbox utterances | groups | grouping (s), German USE encoder |",
        "|---:|---:|---:|",
        *[f"| {g['utterances']} | {g['groups']} | {g['group_s']} |" for g in groups],
        "",
        f"{len(CONCERNS)} distinct concerns said with fillers, so the right answer is about "
        f"{len(CONCERNS)} groups.",
    ]
    (RESULTS / "analytics.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
