"""Replay cases without speech models: validation, the library, WER, reports, case making."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from voicebot.fixtures.case import Case, CaseProblem, load_case, load_cases
from voicebot.fixtures.judge import judge
from voicebot.fixtures.report import build_report, format_table, junit_xml
from voicebot.fixtures.wer import wer, words_of
from voicebot.nlu.loader import load_tenants
from voicebot.settings import PROJECT_ROOT

LIBRARY = PROJECT_ROOT / "audio_fixtures"
GOOD_CASE = LIBRARY / "nordwelle" / "stoerung-outage-dtmf"


@pytest.fixture(scope="module")
def tenants():
    return dict(load_tenants(PROJECT_ROOT / "intents"))


def _case_dir(tmp_path: Path, text: str, audio: bool = True) -> Path:
    folder = tmp_path / "cases" / "c1"
    folder.mkdir(parents=True)
    if audio:
        shutil.copy(GOOD_CASE / "turn2.wav", folder / "turn1.wav")
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder


def _problem(tmp_path: Path, tenants, text: str, audio: bool = True) -> str:
    folder = _case_dir(tmp_path, text, audio)
    loaded = load_case(folder, folder.parent, tenants)
    assert isinstance(loaded, CaseProblem)
    assert str(folder / "case.yaml").endswith(loaded.message.split(": ")[0])
    return loaded.message


def test_the_library_has_forty_valid_cases_over_all_four_tenants(tenants):
    cases = load_cases(LIBRARY, tenants)
    problems = [c.message for c in cases if isinstance(c, CaseProblem)]
    assert problems == []
    assert len(cases) >= 40
    assert {c.tenant for c in cases} == {"nordwelle", "harbour-bank", "sonnhof", "marktblick"}


def test_every_library_case_says_what_it_checks(tenants):
    for case in load_cases(LIBRARY, tenants):
        assert isinstance(case, Case) and case.description and case.checks, case.name


def test_library_audio_is_small_telephone_quality():
    from voicebot.audio.wav import read_audio

    wavs = list(LIBRARY.rglob("*.wav"))
    assert sum(p.stat().st_size for p in wavs) < 8_000_000
    assert {read_audio(p).sample_rate for p in wavs[:20]} == {8000}


def test_human_recordings_in_the_library_have_their_license_noted():
    licenses = (LIBRARY / "LICENSES.md").read_text()
    assert "CC BY-SA 4.0" in licenses and "FSDD" in licenses
    for case_yaml in LIBRARY.rglob("case.yaml"):
        if "source: FSDD" in case_yaml.read_text():
            assert case_yaml.parent.relative_to(LIBRARY).as_posix() in licenses


def test_broken_yaml_names_the_file_and_line(tmp_path, tenants):
    message = _problem(tmp_path, tenants, "tenant: nordwelle\nturns: [\n  - audio: x\n")
    assert "case.yaml: line" in message and "not valid YAML" in message


def test_missing_audio_names_the_turn(tmp_path, tenants):
    text = "tenant: nordwelle\nturns:\n  - audio: nowhere.wav\n"
    message = _problem(tmp_path, tenants, text, audio=False)
    assert message.endswith("turns[1].audio: no such file 'nowhere.wav'")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tenant: nowhere\nturns: [{audio: turn1.wav}]\n", "unknown tenant 'nowhere'"),
        ("dialed: '+1 555'\nturns: [{audio: turn1.wav}]\n", "no tenant answers '+1 555'"),
        ("tenant: nordwelle\nturns: []\n", "turns: give a non-empty list"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav, intent: pizza}]\n", "'pizza' is not"),
        ("tenant: nordwelle\nturns: [{dtmf: '12a'}]\n", "not a string of keys"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav}]\nexpect: {queue: x}\n", "queue: 'x'"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav}]\nexpect: {outcome: won}\n", "'won'"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav}]\nexpcet: {}\n", "did you mean 'expect'"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav, trancript: hallo}]\n", "'transcript'?"),
        ("tenant: nordwelle\nturns: [{audio: turn1.wav}]\nexpect: {intent: x}\n", "key 'intent'"),
        ("tenant: nordwelle\nat: saturday\nturns: [{dtmf: '1'}]\n", "at: 'saturday' is not a date"),
    ],
)
def test_each_kind_of_broken_case_is_one_line_naming_the_field(tmp_path, tenants, text, says):
    message = _problem(tmp_path, tenants, text)
    assert says in message and "\n" not in message


def test_keys_replay_does_not_know_are_ignored_with_a_note_unless_they_look_misspelt(
    tmp_path, tenants
):
    text = "tenant: nordwelle\nspeaker: anna\nturns: [{audio: turn1.wav, mood: calm}]\n"
    case = load_case(_case_dir(tmp_path, text), tmp_path / "cases", tenants)
    assert isinstance(case, Case), case
    assert [n.split(": ", 1)[1] for n in case.notes] == [
        "unknown key 'speaker' ignored",
        "turns[1]: unknown key 'mood' ignored",
    ]
    assert case.notes[0].startswith(str(tmp_path / "cases" / "c1" / "case.yaml"))


def test_a_case_can_name_its_tenant_by_the_dialed_number(tmp_path, tenants):
    folder = _case_dir(tmp_path, "dialed: '+49 800 7666463'\nturns: [{audio: turn1.wav}]\n")
    case = load_case(folder, folder.parent, tenants)
    assert isinstance(case, Case) and case.tenant == "sonnhof" and case.language == "de"


def test_a_case_can_say_when_the_call_happens(tmp_path, tenants):
    """`at:` sets the moment of the call (business hours); without it, as in open hours."""
    from datetime import datetime

    closed = _library_case(tenants, "sonnhof/mitarbeiter-closed")
    assert closed.at == datetime(2026, 12, 5, 11, 0)
    assert _library_case(tenants, "sonnhof/mitarbeiter").at is None
    folder = _case_dir(
        tmp_path, "tenant: sonnhof\nat: 2026-12-07 09:30:00+01:00\nturns: [{dtmf: '1'}]\n"
    )
    case = load_case(folder, folder.parent, tenants)
    assert isinstance(case, Case) and case.at is not None and case.at.utcoffset() is not None


def test_filter_takes_several_name_parts(tenants):
    names = [c.name for c in load_cases(LIBRARY, tenants, name_filter="lost-card,keine-zeit")]
    assert names == ["harbour-bank/lost-card-fraud", "marktblick/keine-zeit"]


def test_wer_spells_digits_and_folds_umlauts():
    assert words_of("Kundennummer 408, bitte!", "de") == [
        "kundennummer", "vier", "null", "acht", "bitte"
    ]  # fmt: skip
    assert wer("vier null acht", "4 0 8", "de") == 0.0
    assert wer("mein Internet geht nicht", "Mein Internet gibt's nicht.", "de") == 0.5
    assert wer("Müsli", "muesli") == 0.0


def _library_case(tenants, name: str) -> Case:
    case = load_case(LIBRARY / name, LIBRARY, tenants)
    assert isinstance(case, Case)
    return case


def test_verdict_reads_turns_intents_and_routing_from_a_call_record(tenants):
    from voicebot.dialog.textcall import CallServices, keys, run_call, say

    case = _library_case(tenants, "nordwelle/stoerung-outage-dtmf")
    turns = [keys("40817253#"), say("mein internet geht seit gestern nicht mehr"), say("ja bitte")]
    record = asyncio.run(run_call("nordwelle", turns, CallServices(tenants)))
    result = judge(case, record, None, end_silence_ms=700, audio_s=5.0, wall_s=1.0)
    assert result.passed, result.reasons
    assert [t.kind for t in result.turns] == ["dtmf", "audio", "audio"]
    assert result.turns[0].dtmf == "40817253#"
    assert result.turns[1].intent == "stoerung" and result.turns[1].wer == 0.0
    assert all(t.latency_ms is not None and t.latency_ms >= 700 for t in result.turns[1:])
    assert result.slots["customer_number"] == "40817253"


def test_verdict_names_the_turn_the_intent_and_the_wer_of_a_miss(tenants):
    from voicebot.dialog.textcall import CallServices, keys, run_call, say

    case = _library_case(tenants, "nordwelle/stoerung-outage-dtmf")
    turns = [keys("40817253#"), say("wann haben ihre shops geöffnet"), say("nein danke")]
    record = asyncio.run(run_call("nordwelle", turns, CallServices(tenants)))
    result = judge(case, record, None, end_silence_ms=700, audio_s=5.0, wall_s=1.0)
    assert not result.passed
    assert result.reasons[0].startswith(
        "turn 2: expected intent stoerung, got faq_oeffnungszeiten; heard 'wann haben ihre shops"
    )
    assert "(WER 1.00)" in result.reasons[0]
    assert "expected outcome handoff, got resolved" in result.reasons
    assert "expected queue stoerungsdienst, got no handoff" in result.reasons


def test_report_has_the_contract_keys_and_junit_parses(tenants):
    from voicebot.dialog.textcall import CallServices, keys, run_call, say
    from voicebot.fixtures.verdict import problem_result

    case = _library_case(tenants, "nordwelle/stoerung-outage-dtmf")
    turns = [keys("40817253#"), say("mein internet geht seit gestern nicht mehr"), say("ja bitte")]
    record = asyncio.run(run_call("nordwelle", turns, CallServices(tenants)))
    good = judge(case, record, None, end_silence_ms=700, audio_s=5.0, wall_s=1.0)
    bad = problem_result(CaseProblem("x/broken", Path("x/broken"), "x/broken/case.yaml: boom"))
    report = build_report([good, bad], jobs=1, wall_s=2.0)
    keys_ = {"cases", "passed", "failed", "wer", "intent_accuracy", "routing_accuracy"}
    assert keys_ | {"latency_ms", "results"} <= set(report)
    assert (report["cases"], report["passed"], report["failed"]) == (2, 1, 1)
    assert set(report["latency_ms"]) == {"p50", "p95"}
    assert report["intent_accuracy"] == 1.0 and report["routing_accuracy"] == 1.0
    json.dumps(report)
    table = format_table([good, bad], report)
    assert "x/broken" in table and "INVALID" in table and "1/2 passed" in table
    suite = ET.fromstring(junit_xml([good, bad], report).split("\n", 1)[1])
    assert suite.get("tests") == "2" and suite.get("errors") == "1"


def _cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_replay_of_a_missing_folder_is_one_line_error(tmp_path):
    done = _cli("replay", str(tmp_path / "nothing"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "nothing" in done.stderr


def test_synth_makes_a_case_that_validates(tmp_path, pico_tts, tenants):
    out = tmp_path / "synth-case"
    done = _cli("fixtures", "synth", "--tenant", "sonnhof", "--text", "was kostet die handcreme",
                "--text", "nein danke", "--voices", "2", "--noise-db", "25", "--intent",
                "produkt_preis", "--outcome", "resolved", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    case = load_case(out, out.parent, tenants)
    assert isinstance(case, Case), case
    assert [t.intent for t in case.turns] == ["produkt_preis", None]
    assert case.expect.outcome == "resolved"
    from voicebot.audio.wav import read_audio

    assert read_audio(out / "turn1.wav").sample_rate == 8000


def test_record_without_a_sound_device_is_a_one_line_error(tmp_path):
    done = _cli("fixtures", "record", "--tenant", "nordwelle", "--out", str(tmp_path / "rec"))
    if done.returncode == 0:
        pytest.skip("this machine has a sound device")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "sound device" in done.stderr


def test_from_call_cuts_a_kept_call_into_a_case(tmp_path, tenants):
    import numpy as np

    from voicebot.analytics.records import CallerTurn, CallRecord
    from voicebot.audio.wav import read_audio, write_wav

    turn = read_audio(GOOD_CASE / "turn2.wav").samples
    line = np.zeros(8000 * 12, dtype=np.int16)
    line[8000 * 2 : 8000 * 2 + len(turn)] = turn
    end_ms = 2000 + len(turn) // 8
    audio = write_wav(tmp_path / "call.wav", line, 8000)
    record = CallRecord(
        call_id="abc123", tenant="nordwelle", started_at=0.0, duration_ms=12000,
        outcome="handoff", queue="stoerungsdienst", audio_path=str(audio),
        turns=(CallerTurn(0, 1500, "******53", kind="dtmf"),
               CallerTurn(1, end_ms, "mein internet geht nicht mehr", intent="stoerung")),
    )  # fmt: skip
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record.to_json()))
    out = tmp_path / "from-call"
    done = _cli("fixtures", "from-call", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    case = load_case(out, out.parent, tenants)
    assert isinstance(case, Case), case
    assert case.expect.queue == "stoerungsdienst" and case.turns[0].intent == "stoerung"
    cut = read_audio(out / "turn1.wav").samples
    assert abs(len(cut) - len(turn)) < 4000  # leading silence cut to 0.3 s
