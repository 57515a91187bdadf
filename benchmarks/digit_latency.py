"""How long an 8-digit number answer takes to recognise, with and without the early stop.

Run: .venv/bin/python benchmarks/digit_latency.py [--count N]

The shipped digits path (`ScoringTuning.chunks_confirm` = 0.6: the 72 one-digit neighbours are
scored only when the chunk reading does not confirm the value) against the same path scoring
the neighbours for every number (`chunks_confirm` None), on the test split's numbers (FSDD
human speakers and Pico voices) by telephone, alternating per answer in one process so both
see the same load. Accuracy is in expected_answers.md (its "always neighbours" row); this
measures seconds per answer and checks that both give the same values here.
Writes benchmarks/results/digit_latency.{json,md}.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import expected_answers as ea
from machine_info import describe, machine, write_results

RESULTS = Path(__file__).resolve().parent / "results"


def measure(count: int) -> dict:
    from voicebot.asr.base import load_speech_model
    from voicebot.asr.expect import Expectation
    from voicebot.asr.expect_whisper import ScoringTuning, WhisperAnswerScorer
    from voicebot.settings import load_settings

    model = load_speech_model("whisper", load_settings())
    early = WhisperAnswerScorer(model.whisper)  # type: ignore[attr-defined]
    always = WhisperAnswerScorer(model.whisper, replace(ScoringTuning(), chunks_confirm=None))
    samples = [*ea.fsdd_samples(False), *ea.pico_samples(False)]
    picked = [s for s in samples if s.kind == "digits" and s.split == "test" and s.truth][:count]
    rows = []
    for sample in picked:
        pcm, rate = ea.on_line(sample, "telephone")
        expectation = Expectation.parse(sample.spec)
        row: dict[str, object] = {"sample": sample.key, "truth": sample.truth}
        for name, scorer in (("early", early), ("always", always)):
            started = time.perf_counter()
            recognition = scorer.recognize(pcm, rate, sample.language, expectation)
            row[f"{name}_s"] = round(time.perf_counter() - started, 3)
            row[f"{name}_value"] = recognition.value
        rows.append(row)
        print(row, flush=True)
    early_s = [float(r["early_s"]) for r in rows]  # type: ignore[arg-type]
    always_s = [float(r["always_s"]) for r in rows]  # type: ignore[arg-type]
    return {
        "machine": machine(),
        "answers": len(rows),
        "early_p50_s": round(statistics.median(early_s), 3),
        "always_p50_s": round(statistics.median(always_s), 3),
        "early_mean_s": round(statistics.mean(early_s), 3),
        "always_mean_s": round(statistics.mean(always_s), 3),
        "ratio_p50": round(statistics.median(early_s) / statistics.median(always_s), 2),
        "same_values": sum(r["early_value"] == r["always_value"] for r in rows),
        "right_early": sum(r["early_value"] == r["truth"] for r in rows),
        "right_always": sum(r["always_value"] == r["truth"] for r in rows),
        "rows": rows,
    }


def write_markdown(summary: dict, path: Path) -> None:
    m = summary["machine"]
    lines = [
        "# 8-digit number answers: seconds with and without the early stop",
        "",
        f"Machine: {describe()}; load average {m['load_average'][0]:.1f} at the end. Both "
        "variants alternate per answer in one process: compare the ratio.",
        f"{summary['answers']} test-split numbers by telephone (FSDD human speakers, Pico voices).",
        "",
        "| variant | p50 s | mean s | right |",
        "|---|---:|---:|---:|",
        f"| neighbours only when the chunk reading does not confirm (shipped) | "
        f"{summary['early_p50_s']} | {summary['early_mean_s']} | {summary['right_early']} |",
        f"| neighbours for every number (before) | {summary['always_p50_s']} | "
        f"{summary['always_mean_s']} | {summary['right_always']} |",
        "",
        f"p50 ratio {summary['ratio_p50']}; same value from both on {summary['same_values']} of "
        f"{summary['answers']} answers.",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=14, help="numbers to time")
    args = parser.parse_args()
    write_results(RESULTS, "digit_latency", measure(args.count), write_markdown)


if __name__ == "__main__":
    main()
