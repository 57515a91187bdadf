"""Replay speed: cases per minute and times faster than real time with --jobs 1 and --jobs 2.

    .venv/bin/python benchmarks/replay.py [--filter a,b] [--jobs 1 2]

Runs `voicebot replay` itself (model loading included, as a tester sees it) on the same cases
for each jobs value; writes benchmarks/results/replay.json and replay.md. Other jobs may
share the CPU: compare the ratios within one run, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import cpu_model

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_FILTER = (
    "nordwelle/stoerung,sonnhof/zutaten,sonnhof/preis,harbour-bank/lost,"
    "marktblick/survey-dtmf,marktblick/declined"
)


def run(jobs: int, name_filter: str) -> dict[str, object]:
    """One `voicebot replay` run; its report plus the wall time including model loading."""
    with tempfile.TemporaryDirectory() as scratch:
        report_path = Path(scratch) / "report.json"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "voicebot.cli", "replay", "audio_fixtures", "--jobs", str(jobs),
             "--filter", name_filter, "--report", str(report_path)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        total_s = time.perf_counter() - started
        report = json.loads(report_path.read_text())
    cases = int(report["cases"])
    return {
        "jobs": jobs,
        "cases": cases,
        "passed": report["passed"],
        "audio_s": report["audio_s"],
        "wall_s": round(total_s, 1),
        "replay_wall_s": report["wall_s"],
        "cases_per_minute": round(cases * 60 / total_s, 2),
        "times_real_time": round(float(report["audio_s"]) / total_s, 2),
        "latency_ms": report["latency_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filter", default=DEFAULT_FILTER)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    load_before = os.getloadavg()
    runs = [run(jobs, args.filter) for jobs in args.jobs]
    machine = {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "note": "shared machine: other engineers' jobs may have used the CPU during the runs",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"machine": machine, "filter": args.filter, "runs": runs}
    (RESULTS / "replay.json").write_text(json.dumps(out, indent=2) + "\n")
    rows = "\n".join(
        f"| {r['jobs']} | {r['cases']} ({r['passed']} passed) | {r['audio_s']} | {r['wall_s']} | "
        f"{r['cases_per_minute']} | {r['times_real_time']}× | "
        f"{r['latency_ms']['p50']} / {r['latency_ms']['p95']} |"  # type: ignore[index]
        for r in runs
    )
    table = (
        "# Replay speed (`voicebot replay`, model loading included)\n\n"
        f"Machine: {machine['cpu']}, {machine['cores']} cores; load average before "
        f"{machine['load_average_before']}, after {machine['load_average_after']}. "
        f"{machine['note']}. Compare ratios within this run.\n\n"
        "| jobs | cases | caller audio s | wall s | cases/min | × real time | "
        "latency p50/p95 ms |\n|---:|---:|---:|---:|---:|---:|---:|\n" + rows + "\n"
    )
    (RESULTS / "replay.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
