"""Whisper hints in free-speech turns: none, catalog words only, catalog + concern keywords.

    .venv/bin/python benchmarks/hints.py

Transcribes the replay library's German free-speech caller turns (every turn labelled with an
intent, and answers naming a catalog product) with each hint list the dialog could pass
(`TenantView.product_hints`/`allergen_hints`/`keyword_hints`), then scores word error rate,
recall of the concern keywords and intent accuracy of the tenant's NLU on what was heard.
Writes benchmarks/results/hints.json and hints.md. Other jobs may share the CPU; compare the
variants within one run.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import cpu_model

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TENANTS = ("sonnhof", "nordwelle")


def free_turns(view_for: Any) -> list[dict[str, Any]]:
    """Caller turns of the library where the bot listens freely (concerns, product names)."""
    from voicebot.nlu.normalize import fold

    turns = []
    for case_file in sorted((ROOT / "audio_fixtures").glob("*/*/case.yaml")):
        case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        if case.get("tenant") not in TENANTS:
            continue
        products = [fold(p) for p in view_for(case["tenant"]).product_hints]
        for turn in case["turns"]:
            text = str(turn.get("transcript") or "")
            names_product = any(p in fold(text) for p in products)
            if turn.get("audio") and text and (turn.get("intent") or names_product):
                turns.append(
                    {
                        "case": str(case_file.parent.relative_to(ROOT / "audio_fixtures")),
                        "tenant": case["tenant"],
                        "wav": case_file.parent / turn["audio"],
                        "expected": text,
                        "intent": turn.get("intent"),
                    }
                )
    return turns


def variants(view: Any) -> dict[str, tuple[str, ...]]:
    catalog = tuple(dict.fromkeys(view.product_hints + view.allergen_hints))
    products_keywords = tuple(dict.fromkeys(view.product_hints + view.keyword_hints))
    everything = tuple(dict.fromkeys(catalog + view.keyword_hints))
    return {
        "none": (),
        "catalog": catalog,
        "catalog+keywords": everything,
        "products+keywords (TenantView.hints)": products_keywords,
    }


def keyword_hits(expected: str, heard: str, keywords: tuple[str, ...]) -> tuple[int, int]:
    """(keywords said that were heard, keywords said), by folded word stems."""
    from voicebot.nlu.normalize import fold

    said = [k for k in map(fold, keywords) if k[:5] in fold(expected)]
    return sum(1 for k in said if k[:5] in fold(heard)), len(said)


def main() -> int:
    from voicebot.asr.base import load_speech_model
    from voicebot.audio.wav import read_audio
    from voicebot.dialog.textcall import CallServices
    from voicebot.fixtures.wer import word_errors
    from voicebot.nlu.loader import load_tenants
    from voicebot.settings import load_settings

    settings = load_settings()
    services = CallServices(load_tenants(settings.intents_dir))
    model = load_speech_model("whisper", settings)
    load_before = os.getloadavg()
    turns = free_turns(services.view)
    rows: dict[str, dict[str, float]] = {}
    details = []
    for name in variants(services.view(TENANTS[0])):
        errors = words = hits = said = right = labelled = 0
        seconds = 0.0
        for turn in turns:
            view = services.view(turn["tenant"])
            hints = variants(view)[name]
            audio = read_audio(turn["wav"])
            started = time.perf_counter()
            heard = model.transcribe(audio.samples.tobytes(), audio.sample_rate, "de", hints=hints)
            seconds += time.perf_counter() - started
            e, n = word_errors(turn["expected"], heard.text, "de")
            h, s = keyword_hits(turn["expected"], heard.text, view.keyword_hints)
            errors, words, hits, said = errors + e, words + n, hits + h, said + s
            if turn["intent"]:
                labelled += 1
                got = services.classifiers.nlu(turn["tenant"]).classify(heard.text).intent
                right += got == turn["intent"]
            details.append({"variant": name, "case": turn["case"], "heard": heard.text})
        rows[name] = {
            "turns": len(turns),
            "wer": round(errors / max(words, 1), 3),
            "keyword_recall": round(hits / max(said, 1), 3),
            "keywords_said": said,
            "intent_accuracy": round(right / max(labelled, 1), 3),
            "intent_turns": labelled,
            "mean_decode_s": round(seconds / max(len(turns), 1), 2),
        }
        print(name, rows[name], flush=True)
    machine = f"{cpu_model()}, {os.cpu_count()} cores"
    note = "other engineers' jobs may have shared the CPU; compare variants within this run"
    result = {
        "machine": machine,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "note": note,
        "variants": rows,
        "turns": details,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "hints.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    lines = [
        "# Whisper hints in free-speech turns (replay library, German, telephone audio)",
        "",
        f"Machine: {machine}; load {load_before[0]:.1f} before. {note}.",
        "",
        "| hints | turns | WER | keyword recall | intent accuracy | decode s/turn |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['turns']} | {row['wer']:.3f} | {row['keyword_recall']:.2f} "
            f"({row['keywords_said']} said) | {row['intent_accuracy']:.2f} "
            f"({row['intent_turns']}) | {row['mean_decode_s']} |"
        )
    (RESULTS / "hints.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
