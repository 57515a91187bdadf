"""NLU benchmark: accuracy, out-of-scope rejection, latency and memory of IntentClassifier.

Writes benchmarks/results/nlu.json and benchmarks/results/nlu.md. Settings:
- Banking77 10-shot: the first 10 train rows per label in file order (= the harbour-bank intent
  files), scored on all 3,080 test rows; also with all 10,003 train rows for reference.
- CLINC150: the first 10 train rows per intent (150 intents); threshold + margin chosen on the
  validation split (in-scope val + oos_val), reported on the test split (4,500 + 1,000 oos).
- German: a small call-centre paraphrase set written for this benchmark (below), apart from the
  nordwelle intent files: 8 intents, 5 training phrases each, 5 differently worded test phrases.
Run: `.venv/bin/python benchmarks/nlu.py [--skip-full]`. Other jobs may share the CPU.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voicebot.nlu.classifier import DEFAULT_MARGIN, DEFAULT_THRESHOLD, IntentClassifier  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"
RESULTS = ROOT / "benchmarks" / "results"
Examples = list[tuple[str, str]]

GERMAN_TRAIN = {
    "stoerung": [
        "mein internet geht nicht",
        "ich habe kein freizeichen",
        "das wlan ist weg",
        "der fernseher zeigt kein bild",
        "die leitung ist tot",
    ],
    "rechnung": [
        "ich habe eine frage zur rechnung",
        "warum ist die rechnung so hoch",
        "wie viel muss ich zahlen",
        "sie haben zu viel abgebucht",
        "die rechnung stimmt nicht",
    ],
    "kuendigung": [
        "ich will kündigen",
        "ich möchte meinen vertrag kündigen",
        "wie kann ich den vertrag beenden",
        "ich will nicht mehr kunde sein",
        "kündigung zum nächsten termin",
    ],
    "umzug": [
        "ich ziehe um",
        "wir ziehen nächsten monat um",
        "umzug melden",
        "ich brauche den anschluss in der neuen wohnung",
        "neue adresse wegen umzug",
    ],
    "tarifwechsel": [
        "ich möchte einen anderen tarif",
        "tarif wechseln",
        "gibt es einen schnelleren tarif",
        "ich will mehr datenvolumen",
        "upgrade auf einen besseren vertrag",
    ],
    "mitarbeiter": [
        "ich will mit einem menschen sprechen",
        "verbinden sie mich mit einem mitarbeiter",
        "einen berater bitte",
        "ich möchte mit jemandem reden",
        "kann ich einen echten menschen haben",
    ],
    "faq_oeffnungszeiten": [
        "wann haben sie geöffnet",
        "wie lange ist der laden offen",
        "öffnungszeiten",
        "haben sie samstags auf",
        "bis wann ist die hotline erreichbar",
    ],
    "beschwerde": [
        "ich möchte mich beschweren",
        "ich bin sehr unzufrieden",
        "ihr service ist eine frechheit",
        "der techniker war unmöglich",
        "ich will eine beschwerde einreichen",
    ],
}
GERMAN_TEST = {
    "stoerung": [
        "äh seit heute morgen komme ich nicht mehr ins netz",
        "das telefon ist stumm",
        "bei mir lädt keine seite mehr",
        "der router blinkt nur noch rot",
        "fernsehen und internet sind ausgefallen",
    ],
    "rechnung": [
        "da wurde doppelt geld eingezogen",
        "der betrag auf der abrechnung ist falsch",
        "was kostet mich das diesen monat",
        "ich verstehe die letzte abrechnung nicht",
        "warum wurden mir dreißig euro mehr berechnet",
    ],
    "kuendigung": [
        "ich möchte den anschluss abbestellen",
        "ich will raus aus dem vertrag",
        "mein vertrag soll enden",
        "ich wechsle zur konkurrenz und höre bei ihnen auf",
        "wie komme ich aus dem vertrag",
    ],
    "umzug": [
        "ich wohne bald in hamburg und will den anschluss mitnehmen",
        "meine wohnung wechselt",
        "nächste woche ist mein auszug",
        "kann ich meinen vertrag in die neue stadt mitnehmen",
        "wir haben ein haus gekauft",
    ],
    "tarifwechsel": [
        "ich hätte gern mehr geschwindigkeit",
        "gibt es etwas günstigeres für mich",
        "ich will auf glasfaser umsteigen",
        "mein paket ist mir zu klein",
        "können sie meinen vertrag verbessern",
    ],
    "mitarbeiter": [
        "ich möchte bitte eine person sprechen",
        "holen sie mir einen kollegen",
        "ja hallo kann ich jemanden am telefon haben",
        "bitte einen sachbearbeiter",
        "ich rede nicht mit einem computer",
    ],
    "faq_oeffnungszeiten": [
        "ab wie viel uhr kann ich vorbeikommen",
        "ist die filiale sonntags offen",
        "wann macht der shop zu",
        "zu welchen zeiten erreiche ich sie",
        "wann kann ich anrufen",
    ],
    "beschwerde": [
        "das ist eine unverschämtheit",
        "ich bin total verärgert über ihren kundendienst",
        "so schlecht wurde ich noch nie behandelt",
        "ich will mich über einen mitarbeiter beklagen",
        "der support hat mich dreimal vertröstet",
    ],
}


def machine() -> dict[str, object]:
    """CPU model, cores and Python version of this run."""
    cpu = platform.processor() or "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "load_average_at_start": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "note": "other jobs may have shared the CPU; compare ratios within one run",
    }


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def banking77(shots: int | None) -> tuple[Examples, Examples]:
    """(train, test): the first `shots` train rows per label in file order (None: all)."""

    def rows(name: str) -> Examples:
        with open(DATASETS / "banking77" / name, newline="") as handle:
            return [(r["text"], r["category"]) for r in csv.DictReader(handle)]

    return first_per_intent(rows("train.csv"), shots), rows("test.csv")


def first_per_intent(rows: Examples, shots: int | None) -> Examples:
    """The first `shots` rows of each intent, in file order."""
    counts: dict[str, int] = {}
    kept = []
    for text, intent in rows:
        if shots is None or counts.get(intent, 0) < shots:
            counts[intent] = counts.get(intent, 0) + 1
            kept.append((text, intent))
    return kept


def trained(examples: Examples, language: str, **options: object) -> tuple[IntentClassifier, float]:
    """A classifier and its training time in seconds."""
    started = time.perf_counter()
    classifier = IntentClassifier(examples, language, **options)  # type: ignore[arg-type]
    return classifier, time.perf_counter() - started


def accuracy(classifier: IntentClassifier, test: Examples) -> float:
    """Share of test phrases whose best intent is right, in %."""
    right = sum(classifier.rank(text)[0][0] == intent for text, intent in test)
    return 100.0 * right / len(test)


def latency_ms(classifier: IntentClassifier, texts: Sequence[str]) -> dict[str, float]:
    """p50/p95 of one rank() call, single utterance, in ms."""
    times = []
    for text in texts:
        started = time.perf_counter()
        classifier.rank(text)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return {
        "p50": round(statistics.median(times), 2),
        "p95": round(times[int(0.95 * len(times))], 2),
    }


def accepted(ranking: list[tuple[str, float]], threshold: float, margin: float) -> str | None:
    """The best intent, or None when below threshold or too close to the runner-up."""
    best, score = ranking[0]
    runner_up = ranking[1][1] if len(ranking) > 1 else 0.0
    return best if score >= threshold and score - runner_up >= margin else None


def oos_scores(rankings: list, truth: list[str], threshold: float, margin: float) -> dict:
    """In-scope accuracy (wrong or rejected = miss) and oos recall under one rule, in %."""
    inscope = [(r, t) for r, t in zip(rankings, truth, strict=True) if t != "oos"]
    oos = [r for r, t in zip(rankings, truth, strict=True) if t == "oos"]
    right = sum(accepted(r, threshold, margin) == t for r, t in inscope)
    rejected = sum(accepted(r, threshold, margin) is None for r in oos)
    return {
        "threshold": threshold,
        "margin": margin,
        "inscope_accuracy": round(100 * right / len(inscope), 2),
        "oos_recall": round(100 * rejected / len(oos), 2),
    }


def choose_rule(rankings: list, truth: list[str]) -> dict:
    """On validation data: the rule with the best oos recall losing ≤ 2 points in-scope."""
    base = oos_scores(rankings, truth, 0.0, 0.0)["inscope_accuracy"]
    best = None
    for threshold in [round(0.05 * i, 2) for i in range(0, 19)]:
        for margin in [0.0, 0.05, 0.1, 0.15, 0.2, 0.3]:
            score = oos_scores(rankings, truth, threshold, margin)
            if base - score["inscope_accuracy"] <= 2.0 and (
                best is None or score["oos_recall"] > best["oos_recall"]
            ):
                best = score
    assert best is not None
    return best


def clinc150() -> dict:
    """10-shot CLINC150: rule chosen on val, scored on test, plus the shipped default rule."""
    data = json.loads((DATASETS / "clinc150" / "data_full.json").read_text())
    train = first_per_intent([(t, i) for t, i in data["train"]], 10)
    classifier, seconds = trained(train, "en")
    val = data["val"] + data["oos_val"]
    test = data["test"] + data["oos_test"]
    val_rank = [classifier.rank(t) for t, _ in val]
    test_rank = [classifier.rank(t) for t, _ in test]
    chosen = choose_rule(val_rank, [i for _, i in val])
    truth = [i for _, i in test]
    return {
        "train_examples": len(train),
        "train_s": round(seconds, 2),
        "temperature": round(classifier.temperature, 3),
        "no_rejection": oos_scores(test_rank, truth, 0.0, 0.0),
        "chosen_on_val": oos_scores(test_rank, truth, chosen["threshold"], chosen["margin"]),
        "default_rule": oos_scores(test_rank, truth, DEFAULT_THRESHOLD, DEFAULT_MARGIN),
    }


def german() -> dict:
    """German paraphrase sanity set: encoder model vs TF-IDF alone."""
    train = [(t, i) for i, texts in GERMAN_TRAIN.items() for t in texts]
    test = [(t, i) for i, texts in GERMAN_TEST.items() for t in texts]
    with_encoder, seconds = trained(train, "de")
    tfidf_only, _ = trained(train, "de", encoder=None)
    folded = [
        (t.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"), i)
        for t, i in test
    ]
    return {
        "test_phrases": len(test),
        "train_s": round(seconds, 2),
        "accuracy": round(accuracy(with_encoder, test), 1),
        "accuracy_umlauts_as_ae_oe_ue": round(accuracy(with_encoder, folded), 1),
        "accuracy_tfidf_only": round(accuracy(tfidf_only, test), 1),
        "latency_ms": latency_ms(with_encoder, [t for t, _ in test] * 4),
    }


def banking(skip_full: bool) -> dict:
    """Banking77 10-shot (both models, and TF-IDF alone) and, unless skipped, all train data."""
    train, test = banking77(10)
    before = rss_mb()
    classifier, seconds = trained(train, "en")
    after = rss_mb()
    tfidf_only, tfidf_s = trained(train, "en", encoder=None)
    result = {
        "ten_shot": {
            "accuracy": round(accuracy(classifier, test), 2),
            "train_s": round(seconds, 2),
            "temperature": round(classifier.temperature, 3),
            "rss_added_mb": round(after - before, 1),
            "latency_ms": latency_ms(classifier, [t for t, _ in test[:600]]),
        },
        "ten_shot_tfidf_only": {
            "accuracy": round(accuracy(tfidf_only, test), 2),
            "train_s": round(tfidf_s, 2),
            "latency_ms": latency_ms(tfidf_only, [t for t, _ in test[:600]]),
        },
    }
    if not skip_full:
        full, _ = banking77(None)
        full_classifier, full_s = trained(full, "en")
        result["all_train"] = {
            "accuracy": round(accuracy(full_classifier, test), 2),
            "train_examples": len(full),
            "train_s": round(full_s, 2),
        }
    return result


def markdown(report: dict) -> str:
    """A short table of the headline numbers."""
    bank, clinc, de = report["banking77"], report["clinc150"], report["german"]
    rows = [
        (
            "Banking77 10-shot accuracy (MiniLM int8 + TF-IDF, calibrated)",
            f"{bank['ten_shot']['accuracy']} %",
            "≥ 88 % (anchor 85.19 %)",
        ),
        (
            "Banking77 10-shot, TF-IDF alone",
            f"{bank['ten_shot_tfidf_only']['accuracy']} %",
            "~75 %",
        ),
    ]
    if "all_train" in bank:
        rows.append(
            (
                "Banking77 all train data",
                f"{bank['all_train']['accuracy']} %",
                "anchor BERT 93.66 %",
            )
        )
    for key, label in [
        ("no_rejection", "no rejection"),
        ("chosen_on_val", "rule chosen on val"),
        ("default_rule", "shipped default"),
    ]:
        s = clinc[key]
        rows.append(
            (
                f"CLINC150 10-shot, {label} (threshold {s['threshold']}, margin {s['margin']})",
                f"in-scope {s['inscope_accuracy']} %, oos recall {s['oos_recall']} %",
                "oos ≥ 70 % at ≤ 2 pts loss",
            )
        )
    rows += [
        ("German paraphrase set (USE multilingual + TF-IDF)", f"{de['accuracy']} %", ""),
        ("German, umlauts written ae/oe/ue/ss", f"{de['accuracy_umlauts_as_ae_oe_ue']} %", ""),
        ("German, TF-IDF alone", f"{de['accuracy_tfidf_only']} %", ""),
        (
            "latency en p50 / p95",
            f"{bank['ten_shot']['latency_ms']['p50']} / {bank['ten_shot']['latency_ms']['p95']} ms",
            "p50 ≤ 5 ms",
        ),
        (
            "latency de p50 / p95",
            f"{de['latency_ms']['p50']} / {de['latency_ms']['p95']} ms",
            "p50 ≤ 5 ms",
        ),
        ("latency TF-IDF alone p50", f"{bank['ten_shot_tfidf_only']['latency_ms']['p50']} ms", ""),
        ("training 77 × 10 (first load, incl. encoding)", f"{bank['ten_shot']['train_s']} s", ""),
        ("memory added by encoder + model", f"{bank['ten_shot']['rss_added_mb']} MB", ""),
    ]
    m = report["machine"]
    lines = [
        f"# NLU benchmark\n\nMachine: {m['cpu']}, {m['cores']} cores, Python {m['python']}. "
        f"Load average at start {m['load_average_at_start']}: {m['note']}.\n",
        "| measure | result | target |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-full", action="store_true", help="skip Banking77 all-train run")
    args = parser.parse_args()
    report = {
        "machine": machine(),
        "banking77": banking(args.skip_full),
        "clinc150": clinc150(),
        "german": german(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "nlu.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "nlu.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
