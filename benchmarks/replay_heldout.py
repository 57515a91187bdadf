"""Replay on held-out calls: the library's pass rate next to that of cases nobody tuned to.

    .venv/bin/python benchmarks/replay_heldout.py [--jobs 2]

Builds benchmarks/data/replay_heldout.yaml and replay_probe_calls.yaml (new calls written in
session 7 to find faults, fixed since: a development set) into a scratch folder
(scripts/make_fixtures.py: SVOX Pico by telephone), then runs `voicebot replay` on
audio_fixtures/ and on those cases in one window, and writes
benchmarks/results/replay_heldout.json and .md: passed, WER, intent and routing accuracy per
library, and why each held-out case failed. The library was tuned on over
many sessions; the held-out cases estimate what a new tenant's tester would see.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import describe, machine, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
HELDOUT = ROOT / "benchmarks" / "data" / "replay_heldout.yaml"
PROBES = ROOT / "benchmarks" / "data" / "replay_probe_calls.yaml"  # a development set since
READING = """
Reading (by hand, 2026-12-04, first run 14/22 held-out):
- The held-out cases pass far less often than the library (tuned on over several sessions), and
  recognition is why: held-out WER is twice the library's. Whisper base by telephone misheard
  the survey's lone rating words ('vier' -> 'Pia', 'eine zwei' -> 'Einitsmei'), a customer
  number said in pairs ('vierzig einundachtzig ...' -> '70,87': grouped numbers are 2/16 right
  and 2/16 wrong in benchmarks/results/grouped_numbers.md), 'wie starte ich meinen Router neu'
  and 'das Duschgel' ('Sohspin', then 'not one of our products').
- A replay case is a script: when the bot is unsure and asks back or confirms ('Geht es um
  Allergene eines Produkts?' after 'Nüsse' was heard as 'müßet'), the next scripted answer
  lands on the wrong question, so a careful bot fails the case although it did what it should.
- One change was found on these cases and adopted (a named catalog product waives the NLU's
  similarity floor, benchmarks/results/nlu_heldout.md): `p-lagerung-brezel` passes since (15/22)
  and is no longer held out.
- Later the same day (this table): the dialog fixes of the session (products named alone,
  corrections after 'not one of ours', missing numbers, allergen answers) and the vocabulary
  check on unplaced free turns (voicebot/asr/vocabulary.py, benchmarks/results/hints.md).
  Library 44 -> 45/47 (sonnhof/vegan: 'viel an' -> 'vegan'); held-out 15/22, the same seven
  fail: six on recognition, one on a confirmation the script cannot answer.
- Then: the endpointer's line noise floor (benchmarks/results/noise_endpoint.md).
  The same cases pass; WER library 0.122 -> 0.126 (one word), held-out 0.241 -> 0.233.
- Session 5 (2026-12-04, this table): the dialog changes of the day (thanks or a goodbye ends
  the call, 'wie bitte?' repeats, no guess for words unlike every concern, 'Meinen Sie A oder
  B?' between two products, survey intents and 'weiß nicht') change no case: the same 45/47 and
  15/22 pass. The survey cases now end as 'hangup' (consent given, then the script ran out)
  instead of 'declined'. The failures are recognition: lone rating words ('vier' -> 'Hier'),
  a number in pairs, a garbled first word ('I sing by left my card'), 'Router', 'Nüsse',
  'Duschgel'.
- Session 6 (2026-12-04, this table): ratings on quiet lines are accepted from 0.7 instead of
  0.8 (benchmarks/results/expected_answers.md: chosen on the benchmark's tune split, not on
  these cases, but found on `p-survey-yes`, which is therefore no longer held out): it passes
  ('vier' heard as 'Hier', 4 at 0.75). Held-out 16/22,
  library 45/47. The rest fail on recognition as before; 'eine zwei' ('Einitsmei') scores 2
  at 0.62 and is asked again. Re-run after the session's dialog changes: the same 16/22
  and 45/47. `p-rechnung-groups` now meets 'Und die weiteren Ziffern?' (the misheard
  '70, 77, 80' has too few digits for a number) and joins the next turn's '9' into an
  unknown number; it failed on the misheard pairs before as well.
- Session 7 (2026-12-04, this table): free turns decoded with beam search (5; benchmarks/
  results/beam.md) and the session's dialog fixes. WER library 0.128 -> 0.115, held-out
  0.233 -> 0.228; held-out intent accuracy 83.3 -> 88.9 %, the same 16/22 pass (the six fail on
  recognition as before: 'I sing by left my card', 'Wie stalt du dich meinen unterneu', numbers
  in pairs, lone rating words, 'Nüsse', 'Duschgel'). Library 45/47; its routing accuracy
  97.9 -> 95.7 % is one case, `tarifwechsel-noise` (a known limit), now heard as 'meinen Arife
  sehen, Peter' (out of scope, the agents) instead of 'Ariflexen wieder' (neuvertrag, the right
  queue by chance). New: the probe calls two helpers wrote this session to find faults (43,
  written apart from the code, then fixed where the bot was at fault, so a development set):
  first set 12/23 before the fixes, 28/43 both sets now; the failures left are mostly
  recognition (grouped numbers, 'Eistee' -> 'Eistie', 'cash machine kept my card' -> 'cache
  machine kept my code', noisy product names) and Banking77 10-shot wording ('what is the most
  money I can add to my account in one go' is out of scope). Latency p50 is not comparable
  across these runs (other jobs on the machine).
- Session 8 (2026-12-04, this table): a turn at a number prompt that holds no number is
  decoded as a free turn (beam search, hint words, vocabulary check) instead of the number
  scorer's greedy transcript, which was also cut at 48 tokens; and the session's dialog fixes.
  Held-out 16 -> 17/22 (`p-router`: 'Wie starte ich meinen Router neu' said at the greeting is
  now heard), WER 0.228 -> 0.211, intent accuracy 88.9 -> 94.4 %, routing 77.3 -> 81.8 %.
  Library 45/47 as before, WER 0.115 -> 0.111. Probe calls: the 20 spoken calls a helper wrote
  this session joined the 43 of session 7 (63, a development set): 43/63; the 43 as before
  (28), the 20 new ones 15/20 (16/20 with the code at the start of the session, but one of those
  passed by accident: 'Achso ist leider keines unserer Produkte' held the expected words; the
  filler is no product now and the misheard 'Maroneise' is asked for again). The failures left
  are recognition ('tack my cards', 'Meinung' for 'Mahnung', 'M 3 8 2 1' without its M, noise).
  The p-survey case fails as before, now as 'hangup' again after a run in which a comment said
  one question early ('der Support sollte schneller zurückrufen') ended the survey as a
  callback (fixed). Latency p50 is not comparable across runs (load 0.9 at the start here).
- Session 9 (2026-12-04, this table): the session's dialog changes (probed at the text level
  by helpers in four rounds: closings and thanks, requests for a person, corrections, customer
  numbers among other numbers and names, Sonnhof contents questions and complaints, survey
  consent and opt-outs). Run four times during the session (at a03cd1a, 694dddd, 9e0d813 and
  c090c8f):
  the same cases pass every time, library 45/47, held-out 17/22, probe calls 43/63, with the
  same WER and accuracies; the failures left are recognition as before. Latency p50 not
  comparable across runs.
- Session 10 (2026-12-05, this table): the session's dialog changes (fraud words at the bank,
  background sentences before a question, several products in one question, closings in
  southern German, survey statements, opening hours, English callers at the German hotlines,
  product statements; probed at the text level in five regression rounds). Run at fc55fe6,
  573fdff, b772254 and 53eabe5: the same cases pass every time, library 45/47, held-out 17/22,
  probe calls 43/63, with the same WER and accuracies; the failures left are recognition as
  before. Latency p50 not comparable across runs (the b772254 run shared the cores with a
  fresh-clone CI).
- Session 11 (2026-12-05, this table, run at a27a24a): number answers decoded and scored after
  a prompt of the ten digits (benchmarks/results/digit_prompt.md: 8-digit numbers by telephone
  71 -> 86 % on the test split). Library 45/47 as before; probe calls 43 -> 44/63; held-out
  17 -> 16/22: `p-umzug` lost its postcode ('fünf null sechs sieben acht' heard '5,6,7,8';
  50678 at 0.618 without the prompt, 0.544 with it, so the bot asks again and the scripted
  call ends; a borderline case, postcodes overall 22 vs 21/32 with the prompt). The other
  failures are recognition as before. Latency p50 not comparable across runs (load 2.8).
  Re-run at the session's end (with the language check of the first free turn, shared the cores
  with a fresh-clone CI): the same cases pass, same WER and accuracies.
- Session 12 (2026-12-05, this table, run at 83611a2): the caller's name left out of what the
  classifier reads, opening hours read from the intents, praise only with words of praise, and
  ~10 more phrasings per Sonnhof and Marktblick intent. Library 45/47, held-out 16/22 and probe
  calls 44/63 pass as before, the same WER and intent accuracy; probe-call routing accuracy
  85.7 -> 87.3 %. Latency p50 not comparable across runs (load 1.5 here).
- Session 13 (2026-12-05, this table, run at 80fecd4 on a machine whose CPU makes Whisper hear
  some Pico turns differently, e.g. 'I think I left my card' where it heard 'I sing by left'):
  library 45/47, held-out 17/22, probe calls 39/63. The session's start (bd59430) replayed on
  the same machine in the same hour gives the same 17/22 and 39/63 with the same failures, so
  the session's dialog changes move no case; the difference to session 12's 16/22 and 44/63 is
  the machine's recognition. Two probe calls whose script ran out at 'Is it about …?' now end
  with a person (silence at a guess) instead of a goodbye.
- Session 14 (2026-12-05, this table, run at 21c1760 on the same machine as session 13):
  library 45/47, held-out 17 -> 18/22, probe calls 39 -> 40/63. `p-card-lost` passes because
  the judge now counts a turn the bot asked back about right after it and the caller confirmed
  ("Is it about a lost or stolen card?" - "yes") as understood (`confirmed_intent`); the
  intent accuracy of the held-out cases is 100 % for that reason (94.4 % before). The probe call
  `b8-unknown-direct-debit-noise` passes since the session's dialog changes. A first run of the
  day found three probe calls worse ('mir wurde ein Rückruf versprochen' read as 'ich hab mich
  versprochen', 'eine Frage zu den Inhaltsstoffen' asked about, a complaint at 0.798 under the
  0.8 threshold after a new slot value changed the classifier's training expansions); all three
  were mended before this run. The four held-out failures left are recognition: lone rating
  words, a number in pairs, 'Nüsse', 'Duschgel'.
- Session 15 (2026-12-05, this table, run at a8693cc, same machine; load 1.1 at the start, up to
  10 later: latency not comparable): the round-1 dialog fixes of four probe helpers, the
  out-of-hours handoff (not active in replay: no clock) and the judge's `understood_intent` (a
  turn whose concern the dialog read from its parts when the classifier found none).
  Library 45/47 and held-out 18/22 as before, the same failures; probe calls 40 -> 42/63,
  probe intent accuracy 80.4 -> 85.7 % (not split between the judge and the dialog in this run;
  the judge now credits e.g. the correction "ich will kündigen, ach nein, … Tarif").
- Session 16 (2026-12-05, this table, run at 7b3a075, same machine, load 0.1 at the start: the
  first latencies taken on an idle machine, not comparable with the rows above): round 3 of the
  probe helpers (concern classes, dislikes, ingredient absence, misheard turns, British words,
  standing orders), the words.py and engine.py splits, public holidays and the replay case's
  `at:`. Library 46/48 (the new `sonnhof/mitarbeiter-closed`, a Saturday call, passes; the same
  two recognition limits fail), held-out 18/22 and probe calls 42/63 as before, the same
  failures: the round's fixes are at the text level and the replayed failures are recognition.
- Session 17 (2026-12-05, this table, run at bca0bc2, same machine, load 2.8 at the start: a
  fresh-clone CI shared the cores, latency not comparable): the concern and survey steps
  refactors and round 4 of the probe helpers (misheard turns, Nordwelle classes, unserved banking
  requests, negated criticism, survey children and call-backs), one Nordwelle example. Library
  46/48, held-out 18/22 and probe calls 42/63 as before, the same failures; probe WER 0.119 ->
  0.121 (one turn heard differently). The round's fixes are at the text level; the replayed
  failures are recognition.
- Session 18 (2026-12-06, this table, run at 5708528 on an idle machine, load 0.4 at the start):
  rounds 5 and 6 of the probe helpers (text-level dialog fixes, among them a lone 'Tschüss.' or
  'Bye.' taken as silence once), the replay case changes (several dtmf turns, unknown keys
  noted) and the new library case `nordwelle/unknown-number-keyed-again`. Library 47/49 (the
  new case passes; the same two recognition limits fail), held-out 18/22 and probe calls 42/63
  as before, the same failures. Latency p50 about 3.7 s end of speech to the bot's answer
  (idle machine, --jobs 2).
"""
KEPT = ("cases", "passed", "failed", "wer", "intent_accuracy", "routing_accuracy", "latency_ms")


def replay(folder: Path, jobs: int, scratch: Path, name: str) -> dict:
    """`voicebot replay` on one folder; its JSON report."""
    report = scratch / f"{name}.json"
    subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "replay", str(folder), "--jobs", str(jobs),
         "--report", str(report)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return json.loads(report.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    summary: dict = {"machine": machine(), "libraries": {}, "heldout_cases": []}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for library, out in ((HELDOUT, "cases"), (PROBES, "probes")):
            subprocess.run(
                [sys.executable, "scripts/make_fixtures.py", "--library", str(library),
                 "--out", str(scratch / out)],
                cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
        folders = (("library", ROOT / "audio_fixtures"), ("held-out", scratch / "cases"),
                   ("probe calls", scratch / "probes"))  # fmt: skip
        for name, folder in folders:
            report = replay(folder, args.jobs, scratch, name)
            summary["libraries"][name] = {k: report[k] for k in KEPT}
            if name == "held-out":
                summary["heldout_cases"] = [
                    {"name": r["name"], "passed": r["passed"], "reasons": r["reasons"]}
                    for r in report["results"]
                ]
    summary["machine"]["load_average_end"] = machine()["load_average"]
    write_results(RESULTS, "replay_heldout", summary, write_markdown)


def write_markdown(summary: dict, path: Path) -> None:
    load = summary["machine"]["load_average"]
    lines = [
        "# Replay: the library and held-out calls",
        "",
        f"Machine: {describe()}; load {load[0]:.1f} at the start (other jobs may share the "
        "CPU). All libraries replayed in one run, `voicebot replay --jobs 2`.",
        "",
        "| library | cases | passed | WER | intent accuracy | routing accuracy | latency p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in summary["libraries"].items():
        lines.append(
            f"| {name} | {row['cases']} | {row['passed']} | {row['wer']:.3f} | "
            f"{row['intent_accuracy']:.1%} | {row['routing_accuracy']:.1%} | "
            f"{row['latency_ms']['p50']} |"
        )
    lines += ["", "Held-out cases that failed:", ""]
    for case in summary["heldout_cases"]:
        if not case["passed"]:
            lines.append(f"- `{case['name']}`: {'; '.join(case['reasons'])}")
    path.write_text("\n".join(lines) + "\n" + READING)


if __name__ == "__main__":
    main()
