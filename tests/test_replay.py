"""`voicebot replay` end to end: real audio, Whisper, the tenants' NLU, dialog, voice, queues.

The default run replays a representative subset of the library (one case per tenant plus a
person's spoken number, DTMF and the survey) and a broken case, with two worker processes;
the whole library runs behind --run-slow (and via `voicebot replay` itself).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from voicebot.settings import PROJECT_ROOT

LIBRARY = PROJECT_ROOT / "audio_fixtures"
SUBSET = (
    "nordwelle/stoerung-concern-first-fsdd-number",
    "nordwelle/mitarbeiter-at-once",
    "sonnhof/zutaten",
    "harbour-bank/lost-card-fraud",
    "marktblick/survey-dtmf-rating",
)


def _replay(*args: str, timeout_s: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "replay", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=timeout_s,
    )


@pytest.fixture(scope="module")
def subset_run(tmp_path_factory):
    """The subset plus one broken case, replayed once with --jobs 2 and every report."""
    root = tmp_path_factory.mktemp("replay")
    library = root / "library"
    for name in SUBSET:
        shutil.copytree(LIBRARY / name, library / name)
    broken = library / "nordwelle" / "broken"
    shutil.copytree(LIBRARY / SUBSET[1], broken)
    (broken / "turn1.wav").unlink()
    out = {kind: root / f"report.{kind}" for kind in ("json", "xml", "html")}
    reports = ["--report", str(out["json"]), "--junit", str(out["xml"]), "--html", str(out["html"])]
    done = _replay(str(library), "--jobs", "2", *reports, timeout_s=900)
    report = json.loads(out["json"].read_text()) if out["json"].is_file() else {}
    return done, report, out


def _by_name(report: dict) -> dict[str, dict]:
    return {r["name"]: r for r in report["results"]}


def test_representative_cases_pass_through_the_live_pipeline(subset_run):
    _, report, _ = subset_run
    results = _by_name(report)
    failing = {n: results[n]["reasons"] for n in SUBSET if not results[n]["passed"]}
    assert failing == {}


def test_a_broken_case_fails_alone_with_its_path_and_the_run_exits_1(subset_run):
    done, report, _ = subset_run
    broken = _by_name(report)["nordwelle/broken"]
    assert broken["invalid"] and not broken["passed"]
    assert broken["reasons"][0].endswith("turns[1].audio: no such file 'turn1.wav'")
    assert (report["cases"], report["failed"]) == (len(SUBSET) + 1, 1)
    assert done.returncode == 1
    assert "nordwelle/broken" in done.stdout and "INVALID" in done.stdout


def test_report_totals_cover_wer_intents_routing_and_latency(subset_run):
    _, report, _ = subset_run
    assert 0 <= report["wer"] < 0.5
    assert report["intent_accuracy"] == 1.0 and report["routing_accuracy"] == 1.0
    assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p95"]
    assert report["jobs"] == 2 and report["audio_s"] > 0


def test_each_result_carries_per_turn_transcripts_and_the_outcome(subset_run):
    _, report, _ = subset_run
    fraud = _by_name(report)["harbour-bank/lost-card-fraud"]
    assert fraud["outcome"] == "handoff" and fraud["queue"] == "fraud"
    assert fraud["priority"] == "high"
    assert "card" in fraud["turns"][0]["transcript"].lower()
    survey = _by_name(report)["marktblick/survey-dtmf-rating"]
    assert survey["slots"]["zufriedenheit"] == "2"
    assert [t["kind"] for t in survey["turns"]] == ["audio", "dtmf", "audio", "audio"]


def test_junit_and_html_reports_show_the_failure_first(subset_run):
    _, _, out = subset_run
    suite = ET.parse(out["xml"]).getroot()
    assert suite.get("tests") == str(len(SUBSET) + 1) and suite.get("errors") == "1"
    page = out["html"].read_text()
    assert page.index("nordwelle/broken") < page.index(SUBSET[0])
    assert page.count("<audio controls") >= len(SUBSET)


@pytest.mark.slow
def test_the_whole_library_passes():
    done = _replay(str(LIBRARY), "--jobs", "2", timeout_s=3000)
    assert done.returncode == 0, done.stdout[-4000:]
