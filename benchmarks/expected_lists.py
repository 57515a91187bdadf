"""List answers (product names) by telephone: decision rules for "one of a list", measured.

Run: .venv/bin/python benchmarks/expected_lists.py [--conditions telephone,...] [--report-only]
Writes benchmarks/results/expected_lists.json and .md.

The samples are benchmarks/expected_answers.py's list rows (Sonnhof products said as "die
Hafermilch" in four Pico voices, off-list phrases, line noise; voices 0-1 tune, 2-3 test) plus
held-out phrasings nobody tuned on (other aliases, fillers, "das mit dem Hafer", products we do
not sell), in the test split only. Each answer is decoded once per condition: the free
transcript, the free transcript with the catalog as hint words, and every spoken form of every
item force-decoded (plain and after the article heard); all of it is cached, so the decision
rules (voicebot/asr/expect_list.py) are tuned on the tune split and reported on the test split
without decoding again.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import expected_answers as ea

from voicebot.asr.expect import Expectation
from voicebot.asr.expect_list import Evidence, ListScores, ListTuning

RESULTS = ea.RESULTS
MENU_SAID = {  # Nordwelle's spoken menu, test voices only: thresholds come from the products
    "die Drei": "3",
    "Zwei": "2",
    "die Eins bitte": "1",
    "Verkauf": "3",
    "die Abrechnung": "2",
    "Störungsdienst": "1",
    "Kundenbetreuung": "4",
    "einen Mitarbeiter": "0",
    "ähm, ich weiß nicht": None,
    "keine Ahnung": None,
    "die Sieben": None,
    "Moment mal": None,
}
TUNE_SAID = {  # other phrasings for tuning only (tune voices); none is a held-out phrasing
    "die Nusscreme": "nuss-nougat-creme",
    "die Tomatensoße": "bio-tomatensauce",
    "das Knuspermüsli": "knusper-muesli",
    "die Zahncreme": "kinder-zahnpasta",
    "die Erdbeerkonfitüre": "erdbeer-fruchtaufstrich",
    "der Barista Drink": "hafer-drink-barista",
}
TUNE_OFF_LIST = ["die Salami", "das Waschmittel", "der Joghurt", "die Fischstäbchen"]
HELD_OUT_SAID = {
    "den Haferdrink bitte": "hafer-drink-barista",
    "das mit dem Hafer": "hafer-drink-barista",
    "ähm, die Schokocreme": "nuss-nougat-creme",
    "das Vollkornbrot": "dinkel-vollkornbrot",
    "die Marmelade": "erdbeer-fruchtaufstrich",
    "die Spätzle": "kaese-spaetzle",
    "die Pastasauce": "bio-tomatensauce",
    "das Schokomüsli": "knusper-muesli",
    "die Kinderzahnpasta": "kinder-zahnpasta",
    "die Sensitiv Handcreme": "sensitiv-handcreme",
    "das Duschgel Meeresbrise": "duschgel-meeresbrise",
    "den Eistee": "gruener-tee-zitrone",
    "die Brezeln": "laugenbrezel-tk",
}
HELD_OUT_OFF_LIST = [
    "die Leberwurst",
    "das Katzenfutter",
    "ich hab es vergessen",
    "was haben Sie denn so",
    "das weiß ich nicht mehr",
    "die Gewürzgurken",
]


def menu_spec() -> str:
    """Nordwelle's DTMF menu as the dialog expects it spoken (voicebot.dialog.menu)."""
    from voicebot.dialog.menu import menu_expect, menu_items
    from voicebot.dialog.tenant_view import TenantView
    from voicebot.nlu.loader import load_tenants

    view = TenantView(load_tenants(ea.ROOT / "intents")["nordwelle"])
    spec = menu_expect(view, menu_items(view))
    assert spec is not None
    return spec


def menu_samples() -> Iterator[ea.Sample]:
    said = [(text, "de", menu_spec(), key, 0) for text, key in MENU_SAID.items()]
    for sample in ea._voiced(said):
        if sample.split == "test":
            yield sample


def list_samples() -> Iterator[ea.Sample]:
    """The benchmark's list rows, then the held-out phrasings (test voices only)."""
    spec = ea.product_spec()
    said: list[tuple[str, str, str, str | None, int]] = [
        (text, "de", spec, pid, 0) for pid, text in ea.PRODUCTS_SAID.items()
    ]
    said += [(text, "de", spec, None, 0) for text in ea.OFF_LIST]
    yield from ea._voiced(said)
    held: list[tuple[str, str, str, str | None, int]] = [
        (text, "de", spec, pid, 0) for text, pid in HELD_OUT_SAID.items()
    ]
    held += [(text, "de", spec, None, 0) for text in HELD_OUT_OFF_LIST]
    for sample in ea._voiced(held):
        if sample.split == "test":
            yield sample
    tuned: list[tuple[str, str, str, str | None, int]] = [
        (text, "de", spec, pid, 0) for text, pid in TUNE_SAID.items()
    ]
    tuned += [(text, "de", spec, None, 0) for text in TUNE_OFF_LIST]
    for sample in ea._voiced(tuned):
        if sample.split == "tune":
            yield sample
    for sample in ea.noise_samples():
        if sample.kind == "list":
            yield sample


def decode_all(
    samples: list[ea.Sample], conditions: list[str], cache: dict[str, dict], path: Path
) -> None:
    """Scores every form of every item per sample and condition (see expect_list.score_all)."""
    from voicebot.asr.base import load_speech_model
    from voicebot.asr.expect_list import score_all
    from voicebot.asr.expect_whisper import WhisperAnswerScorer
    from voicebot.settings import load_settings

    scorer = WhisperAnswerScorer.of(load_speech_model("whisper", load_settings()))
    order = np.random.default_rng(0).permutation(len(samples))
    for condition, sample in itertools.product(conditions, [samples[i] for i in order]):
        key = f"{condition}|{sample.key}"
        if key in cache:
            continue
        pcm, rate = ea.on_line(sample, condition)
        started = time.perf_counter()
        choices = Expectation.parse(sample.spec).choices(sample.language)
        scored = score_all(scorer, pcm, rate, sample.language, choices)
        cache[key] = {**scored.to_json(), "seconds": round(time.perf_counter() - started, 3)}
        if len(cache) % 10 == 0:
            path.write_text(json.dumps(cache))
            print(f"{len(cache)} decoded ({condition})", flush=True)


Decider = Callable[[ea.Sample, dict], "str | None"]
POWER_GRID = (0.0, 0.5, 1.0)
MARGIN_GRID = (0.25, 0.5, 1.0, 2.0, 3.0, 4.0)
DEFICIT_GRID = (1.0, 1.5, 2.0, 3.0, float("inf"))
SIMILARITY_GRID = (0.0, 60.0, 70.0)
WIDE_GRID = (6.0, float("inf"))
NAMED_GRID = (80.0, 90.0, 101.0)
SLACK_GRID = (0.0, 1.0, 2.0, 4.0)
PER_TOKEN_GRID = (-3.0, -3.5, -4.0, -4.5, -5.0, float("-inf"))
SHORTLIST = 5  # items scored per answer in production (ScoringTuning.shortlist_size)


_RESTRICTED: dict[tuple[int, int | None], ListScores] = {}


def restricted(sample: ea.Sample, entry: dict, size: int | None) -> ListScores:
    """The cached scores as production computes them: the forms of the shortlisted items."""
    key = (id(entry), size)
    if key not in _RESTRICTED:
        _RESTRICTED[key] = _restricted(sample, entry, size)
    return _RESTRICTED[key]


def _restricted(sample: ea.Sample, entry: dict, size: int | None) -> ListScores:
    from voicebot.asr.expect_list import ListScores, merge_shortlists

    scores = ListScores.from_json(entry)
    if size is None or not scores.text:
        return scores
    choices = Expectation.parse(sample.spec).choices(sample.language)
    kept = {c.value for c in merge_shortlists(scores.text, scores.prompted, choices, size)}
    return ListScores(
        scores.text,
        scores.text_log_likelihood,
        scores.text_tokens,
        scores.prompted,
        tuple(f for f in scores.forms if f.value in kept),
    )


_EVIDENCE: dict[tuple[int, int | None, float], Evidence] = {}


def evidence_of(sample: ea.Sample, entry: dict, size: int | None, power: float) -> Evidence:
    from voicebot.asr.expect_list import evidence

    key = (id(entry), size, power)
    if key not in _EVIDENCE:
        choices = Expectation.parse(sample.spec).choices(sample.language)
        scores = restricted(sample, entry, size)
        _EVIDENCE[key] = evidence(scores, choices, sample.language, power)
    return _EVIDENCE[key]


def by_rule(tuning: ListTuning, size: int | None = SHORTLIST) -> Decider:
    """expect_list.decide() (judge on the evidence, computed once per answer)."""
    from voicebot.asr.expect_list import judge

    def value_of(sample: ea.Sample, entry: dict) -> str | None:
        return judge(evidence_of(sample, entry, size, tuning.length_power), tuning)[0]

    return value_of


def by_posterior(sample: ea.Sample, entry: dict) -> str | None:
    """The previous rule: softmax over the shortlisted forms (free transcript's article only)
    and the free transcript as "none of these", accepted at 0.6."""
    from voicebot.asr.expect import Posterior, match_choice
    from voicebot.asr.expect_list import heard_articles
    from voicebot.asr.expect_shortlist import shortlist

    text = entry["text"]
    if not text:
        return None
    choices = Expectation.parse(sample.spec).choices(sample.language)
    kept = {c.value for c in shortlist(text, choices, SHORTLIST)}
    articles = heard_articles([text], sample.language)
    hypotheses: list[tuple[str | None, float]] = [
        (f["value"], f["log_likelihood"])
        for f in entry["forms"]
        if f["value"] in kept
        and (
            " " not in f["text"]
            or f["text"].split()[0] not in ("Die", "Der", "Das", "Den", "Dem")
            or f["text"].split()[0] in articles
        )
    ]
    if text not in {f["text"] for f in entry["forms"]}:
        hypotheses.append(
            (match_choice(text, choices, sample.language), entry["text_log_likelihood"])
        )
    return Posterior.from_log_scores(hypotheses).decide(0.6)[0]


def by_extractor(field: str) -> Decider:
    import csv

    from voicebot.nlu.slots import ProductCatalog

    with ea.CATALOG.open(encoding="utf-8") as f:
        catalog = ProductCatalog(list(csv.DictReader(f)), brand="Sonnhof")

    def value_of(sample: ea.Sample, entry: dict) -> str | None:
        if sample.spec.startswith("list:1|"):  # the menu: a key said alone (dialog.menu)
            from voicebot.dialog.menu import spoken_key

            keys = dict.fromkeys(c.value for c in Expectation.parse(sample.spec).items)
            return spoken_key(entry[field], None, keys, sample.language)
        match = catalog.match(entry[field]) if entry[field] else None
        return match.product_id if match else None

    return value_of


def tally(rows: list[tuple[ea.Sample, dict]], value_of: Decider) -> dict:
    answers = [(s, e) for s, e in rows if s.truth is not None]
    off = [(s, e) for s, e in rows if s.truth is None]
    counts = ea.tally(answers, value_of)
    counts["off_list_n"] = len(off)
    counts["off_list_accepted"] = ea.tally(off, value_of)["wrong"]
    return counts


def tune(rows: list[tuple[ea.Sample, dict]]) -> ListTuning:
    """Most right answers with no confident-wrong and no accepted off-list answer (tune split);
    ties: the strictest thresholds."""
    from voicebot.asr.expect_list import ListTuning

    best: tuple[tuple[float, ...], ListTuning] | None = None
    grid = itertools.product(
        POWER_GRID, MARGIN_GRID, DEFICIT_GRID, SIMILARITY_GRID, WIDE_GRID, NAMED_GRID,
        SLACK_GRID, PER_TOKEN_GRID,
    )  # fmt: skip
    for power, margin, deficit, similar, wide, named, slack, per_token in grid:
        tuning = ListTuning(power, margin, deficit, similar, wide, named, slack, per_token)
        c = tally(rows, by_rule(tuning))
        errors = c["wrong"] + c["off_list_accepted"]
        strict = (margin, -min(deficit, 99), similar, -min(wide, 99), named, -slack, per_token)
        rank = (-errors, c["right"], *strict)
        if best is None or rank > best[0]:
            best = (rank, tuning)
    assert best is not None
    return best[1]


def report(samples: list[ea.Sample], cache: dict[str, dict], conditions: list[str]) -> dict:
    from dataclasses import asdict

    from voicebot.asr.expect_list import ListTuning

    rows = {
        c: [(s, cache[f"{c}|{s.key}"]) for s in samples if f"{c}|{s.key}" in cache]
        for c in conditions
    }
    tune_rows = [(s, e) for c in conditions for s, e in rows[c] if s.split == "tune"]
    tuned = tune(tune_rows)
    methods: dict[str, Decider] = {
        "list rule (tuned)": by_rule(tuned),
        "list rule (tuned, all items)": by_rule(tuned, None),
        "list rule (shipped defaults)": by_rule(ListTuning()),
        "posterior vs free (before)": by_posterior,
        "free + extractor": by_extractor("text"),
        "hinted free + extractor": by_extractor("prompted"),
    }
    results = []
    for condition in conditions:
        test = [(s, e) for s, e in rows[condition] if s.split == "test"]
        menu = [(s, e) for s, e in test if s.spec.startswith("list:1|")]
        products = [(s, e) for s, e in test if not s.spec.startswith("list:1|")]
        groups = {
            "benchmark phrases": [(s, e) for s, e in products if not held_out(s)],
            "held-out phrases": [(s, e) for s, e in products if held_out(s)],
            "menu options": menu,
        }
        for (group, subset), (method, value_of) in itertools.product(
            groups.items(), methods.items()
        ):
            seconds = sorted(e["seconds"] for _, e in subset)
            results.append(
                {
                    "condition": condition,
                    "phrases": group,
                    "method": method,
                    **tally(subset, value_of),
                    "decode_p50_s": seconds[len(seconds) // 2] if seconds else None,
                }
            )
    return {"tuned": asdict(tuned), "results": results}


def pairs_offered(samples: list[ea.Sample], cache: dict[str, dict], conditions: list[str]) -> list:
    """For answers the shipped rule leaves unsure: how often expect_list.between names two
    items to ask between ("Meinen Sie Haferdrink oder Schokomüsli?"), and how often the truth
    is one of them; for off-list answers (truth None) any pair is a needless question."""
    from voicebot.asr.expect_list import LIST_TUNING, between, decide

    rows = []
    for condition in conditions:
        counts = {"condition": condition, "unsure_on_list": 0, "pair": 0, "truth_in_pair": 0,
                  "unsure_off_list": 0, "off_list_pair": 0}  # fmt: skip
        for sample in samples:
            entry = cache.get(f"{condition}|{sample.key}")
            if entry is None or sample.spec.startswith("list:1|"):
                continue
            scores = restricted(sample, entry, SHORTLIST)
            choices = Expectation.parse(sample.spec).choices(sample.language)
            if decide(scores, choices, sample.language, LIST_TUNING)[0] is not None:
                continue
            pair = between(scores, LIST_TUNING)
            if sample.truth is None:
                counts["unsure_off_list"] += 1
                counts["off_list_pair"] += bool(pair)
            else:
                counts["unsure_on_list"] += 1
                counts["pair"] += bool(pair)
                counts["truth_in_pair"] += sample.truth in pair
        rows.append(counts)
    return rows


def held_out(sample: ea.Sample) -> bool:
    return any(sample.key.endswith(f"-{text}") for text in [*HELD_OUT_SAID, *HELD_OUT_OFF_LIST])


NOTES = [
    "## Reading (written by hand after this run)",
    "- Before (posterior vs free, as in expected_answers.py): the free transcript as 'none of "
    "these' beat every item, 8-12 % right by telephone with 8 % confident-wrong. Ranking the "
    "items by log-likelihood per sqrt(token) puts the right item first in most answers (raw "
    "totals favour short names: 'Müsli', 'Tee'); deciding among the items (margin), with a "
    "floor on how well the item explains the audio per token, gives 71 % / 65 % (benchmark / "
    "held-out phrasings) by telephone, 50 / 42 % at 30 dB, 25 / 27 % at 20 dB, and 75 % of "
    "spoken menu choices, with no off-list phrase, product we do not sell or line noise "
    "accepted. One confident-wrong at 20 dB: the hinted decode made up 'Müsli Schokomüsli' "
    "for 'grüner Tee' and Müsli fit the noisy audio; the tune split has no such case, so the "
    "resemblance gate was tuned away (similarity 0).",
    "- The free transcript decoded with the items as hint words is the strongest single cue "
    "(hinted free + extractor: 50-69 % by telephone) but makes up item names under noise "
    "(4-8 % confident-wrong at 20-30 dB); the list rule uses it to shortlist and to name an "
    "item exactly, never alone.",
    "- Still unsure: names Whisper base cannot hear in Pico's voice ('die Hafermilch' as 'Die "
    "auf ihr Müs.': Müsli and Hafermilch within 0.2 nats per sqrt(token)), 'das mit dem Hafer' "
    "(no item is called 'Hafer'), names only the hinted decode gets right ('Den Eistee'). Next: "
    "score the two best items with the hint words as prompt; human recordings.",
    "- Tried 2026-12-04, not adopted: the two best items of an unsure answer re-scored with "
    "all items as Whisper's prompt, the leader taken at a margin (per sqrt(token)). By telephone "
    "it gained 2-5 right answers on each split but accepted 6-9 off-list phrases or wrong items "
    "at margin 2-3 (tune and test): the prompt lifts whatever item is closest, 'ich hab es "
    "vergessen' led by 7.9 nats. The off-list floor would have to come from elsewhere.",
    "- Tune split: 36 answers + 24 off-list per condition (tiny): the thresholds moved between "
    "runs with one more feature; treat them as provisional.",
    "- Added 2026-12-04 (session 5): when the rule is unsure but its best item explains the "
    "audio well (the per-token floor and deficit of decide()), the dialog asks between the two "
    "best items. The table above: a pair was asked for 26 of 133 unsure on-list answers and "
    "held the truth in 25; 2 of 132 unsure off-list answers got a needless pair question. The "
    "other unsure answers are asked for the name again, as before.",
    "- Same day: the catalog extractor matches a three-letter alias said exactly ('ein Tee'; "
    "before, no span under 4 letters matched). 'hinted free + extractor' moved by it: one more "
    "right answer by telephone, and 'wie bitte' heard as 'Liebe Tee' became an off-list "
    "acceptance (1/12 by telephone, 2/12 at 30 dB). That method is a comparison only: the list "
    "rule never takes the hinted transcript alone.",
]


def latency(samples: list[ea.Sample], count: int) -> dict:
    """Seconds per answer by telephone in one process: the shipped list recognition (shortlist
    of 5) against a free decode with the catalog as hint words (what a free turn costs)."""
    from voicebot.asr.base import load_speech_model
    from voicebot.asr.expect import recognize_expected
    from voicebot.asr.expect_list import list_hints
    from voicebot.settings import load_settings

    model = load_speech_model("whisper", load_settings())
    picked = [s for s in samples if s.split == "test" and s.truth is not None][:count]
    listed, free = [], []
    for sample in picked:
        pcm, rate = ea.on_line(sample, "telephone")
        expectation = Expectation.parse(sample.spec)
        started = time.perf_counter()
        recognize_expected(model, pcm, rate, sample.language, expectation)
        listed.append(time.perf_counter() - started)
        started = time.perf_counter()
        model.transcribe(pcm, rate, sample.language, hints=list_hints(expectation.items))
        free.append(time.perf_counter() - started)
    p50 = sorted(listed)[len(listed) // 2], sorted(free)[len(free) // 2]
    return {
        "answers": len(picked),
        "list_p50_s": round(p50[0], 3),
        "free_hinted_p50_s": round(p50[1], 3),
        "ratio": round(p50[0] / p50[1], 2),
        "load_avg_1m": round(os.getloadavg()[0], 1),
    }


def write_markdown(summary: dict, path: Path) -> None:
    lines = [
        "# List answers (Sonnhof products, Nordwelle's spoken menu): decision rules by condition",
        "",
        f"Machine: {summary['machine']['cpu']}, {summary['machine']['cores']} cores, load "
        f"{summary['machine']['load_avg_1m_at_end']} at the end (shared). Test split only "
        "(voices 2-3; held-out phrases were never tuned on). Accuracy = right / answers; "
        "wrong = confident-wrong; off-list = other phrases, products we do not sell and line "
        "noise that got a value.",
        "",
        "| condition | phrases | method | n | accuracy | wrong | unsure | off-list accepted |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in summary["results"]:
        if not r["n"] and not r["off_list_n"]:
            continue  # e.g. the menu, decoded by telephone only
        lines.append(
            f"| {r['condition']} | {r['phrases']} | {r['method']} | {r['n']} | {r['accuracy']} "
            f"| {r['confident_wrong']} | {r['unsure']} "
            f"| {r['off_list_accepted']}/{r['off_list_n']} |"
        )
    lines += ["", f"Tuned on the tune split: {summary['tuned']}", ""]
    if summary.get("pairs"):
        lines += [
            "Unsure answers (shipped rule, both splits): the dialog asks between the two items "
            "`expect_list.between` names ('Meinen Sie Haferdrink oder Schokomüsli?').",
            "",
            "| condition | unsure on-list | pair asked | truth in pair | unsure off-list | "
            "pair asked (needless) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for r in summary["pairs"]:
            lines.append(
                f"| {r['condition']} | {r['unsure_on_list']} | {r['pair']} | "
                f"{r['truth_in_pair']} | {r['unsure_off_list']} | {r['off_list_pair']} |"
            )
        lines.append("")
    if summary.get("latency"):
        t = summary["latency"]
        lines += [
            f"Latency by telephone ({t['answers']} answers, load {t['load_avg_1m']}): list "
            f"recognition p50 {t['list_p50_s']} s vs free decode with hint words "
            f"{t['free_hinted_p50_s']} s ({t['ratio']}x).",
            "",
        ]
    lines += [*summary.get("notes", [])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", default=",".join(ea.CONDITIONS))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/expected_lists_cache.json"))
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--latency", type=int, default=0, help="time N answers (telephone)")
    parser.add_argument("--menu", action="store_true", help="decode the menu samples only")
    parser.add_argument("--menu-cache", type=Path, default=Path("/tmp/expected_lists_menu.json"))
    args = parser.parse_args()
    conditions = args.conditions.split(",")
    if args.menu:
        args.cache = args.menu_cache
    samples = list(menu_samples() if args.menu else list_samples())
    cache = json.loads(args.cache.read_text()) if args.cache.exists() else {}
    if not args.report_only:
        try:
            decode_all(samples, conditions, cache, args.cache)
        finally:
            args.cache.write_text(json.dumps(cache))
    if args.menu:
        return
    if args.menu_cache.exists():
        cache.update(json.loads(args.menu_cache.read_text()))
        samples += list(menu_samples())
    before = RESULTS / "expected_lists.json"
    kept = json.loads(before.read_text()).get("latency") if before.exists() else None
    summary = {
        "latency": latency(samples, args.latency) if args.latency else kept,  # kept: measured
        # in an earlier run (--latency N measures again)
        "pairs": pairs_offered(samples, cache, conditions),
        "notes": NOTES,
        "machine": {**ea.machine()},
        **report(samples, cache, conditions),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "expected_lists.json").write_text(json.dumps(summary, indent=2) + "\n")
    write_markdown(summary, RESULTS / "expected_lists.md")
    print((RESULTS / "expected_lists.md").read_text())


if __name__ == "__main__":
    main()
