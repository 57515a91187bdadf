"""`voicebot replay` end to end: real audio, Whisper, the tenants' NLU, dialog, voice, queues.

The default run replays the whole library plus a broken case once, with two worker processes:
every case must pass except the recognition limits named in KNOWN_LIMITS (issue #10 stays open
for them); behind --run-slow, the library must pass with no exception.
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


# Cases the embedded recogniser (Whisper base by telephone) does not get through yet. A case
# failing for another reason, or a new failing case, fails the test.
KNOWN_LIMITS = {
    "sonnhof/product-asked-for": "Pico's 'die Hafermilch' is heard as 'Die auf ihr Müs.': "
    "the bot asks 'Haferdrink oder Schokomüsli?', which the script does not answer",
    "nordwelle/tarifwechsel-noise": "at 20 dB SNR 'meinen Tarif wechseln' is heard as 'meinen "
    "Arife sehen, Peter' (beam search; greedy heard 'Ariflexen wieder'): out of scope",
}


def _replay(*args: str, timeout_s: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "replay", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=timeout_s,
    )


CASES = sorted(str(p.parent.relative_to(LIBRARY)) for p in LIBRARY.glob("*/*/case.yaml"))


@pytest.fixture(scope="module")
def library_run(tmp_path_factory):
    """The library plus one broken case, replayed once with --jobs 2 and every report."""
    root = tmp_path_factory.mktemp("replay")
    library = root / "library"
    for name in CASES:
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


def test_representative_cases_pass_through_the_live_pipeline(library_run):
    _, report, _ = library_run
    results = _by_name(report)
    failing = {n: results[n]["reasons"] for n in SUBSET if not results[n]["passed"]}
    assert failing == {}


def test_the_library_passes_but_for_the_known_recognition_limits(library_run):
    _, report, _ = library_run
    results = _by_name(report)
    assert set(CASES) <= set(results) and len(CASES) >= 40
    failing = {n: r["reasons"] for n, r in results.items() if not r["passed"]}
    failing.pop("nordwelle/broken")
    assert set(failing) <= set(KNOWN_LIMITS), failing


def test_a_broken_case_fails_alone_with_its_path_and_the_run_exits_1(library_run):
    done, report, _ = library_run
    broken = _by_name(report)["nordwelle/broken"]
    assert broken["invalid"] and not broken["passed"]
    assert broken["reasons"][0].endswith("turns[1].audio: no such file 'turn1.wav'")
    assert report["cases"] == len(CASES) + 1 and 1 <= report["failed"] <= 1 + len(KNOWN_LIMITS)
    assert done.returncode == 1
    assert "nordwelle/broken" in done.stdout and "INVALID" in done.stdout


def test_report_totals_cover_wer_intents_routing_and_latency(library_run):
    _, report, _ = library_run
    assert 0 <= report["wer"] < 0.5
    assert report["intent_accuracy"] >= 0.95 and report["routing_accuracy"] >= 0.95
    assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p95"]
    assert report["jobs"] == 2 and report["audio_s"] > 0


def test_each_result_carries_per_turn_transcripts_and_the_outcome(library_run):
    _, report, _ = library_run
    fraud = _by_name(report)["harbour-bank/lost-card-fraud"]
    assert fraud["outcome"] == "handoff" and fraud["queue"] == "fraud"
    assert fraud["priority"] == "high"
    assert "card" in fraud["turns"][0]["transcript"].lower()
    survey = _by_name(report)["marktblick/survey-dtmf-rating"]
    assert survey["slots"]["zufriedenheit"] == "2"
    assert [t["kind"] for t in survey["turns"]] == ["audio", "dtmf", "audio", "audio"]
    asked = [(t["expect"], t["value"]) for t in survey["turns"]]  # what each prompt expected
    assert asked[2] == ("yesno", "false") and asked[3][0] is None  # and what was recognised
    assert fraud["turns"][0]["expect"] is None and fraud["turns"][0]["confidence"] is not None


def test_junit_and_html_reports_show_the_failure_first(library_run):
    _, _, out = library_run
    suite = ET.parse(out["xml"]).getroot()
    assert suite.get("tests") == str(len(CASES) + 1) and suite.get("errors") == "1"
    assert int(suite.get("failures") or 0) <= len(KNOWN_LIMITS)
    page = out["html"].read_text()
    assert page.index("nordwelle/broken") < page.index(SUBSET[0])
    assert page.count("<audio controls") >= len(CASES)


@pytest.mark.slow
def test_the_whole_library_passes():
    done = _replay(str(LIBRARY), "--jobs", "2", timeout_s=3000)
    assert done.returncode == 0, done.stdout[-4000:]


def test_replay_without_a_folder_uses_the_projects_library_from_any_directory(tmp_path):
    """`voicebot replay` from another directory said 'audio_fixtures: no such folder'."""
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "replay", "--filter", "no-such-case-anywhere"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert str(PROJECT_ROOT / "audio_fixtures") in done.stderr
    assert "no case.yaml found" in done.stderr
