"""Recognition that knows what it expects, against free decoding + slot extractors, per condition.

Run: .venv/bin/python benchmarks/expected_answers.py [--quick] [--cache FILE] [--report-only]
     [--kinds digits,yesno] [--conditions telephone,telephone+20dB]
Writes benchmarks/results/expected_answers.json and .md. Answers: 8-digit customer numbers
(FSDD human digits joined; Pico de/en said digit by digit), yes/no, ratings 1-5, Sonnhof
product names, and off-list answers (other phrases, line noise) that must give no value.
Conditions: clean, telephone (8 kHz, 300-3400 Hz, mu-law), telephone + white noise at 30 and
20 dB SNR. Held-out split: the none bias and acceptance threshold per kind are tuned on the
"tune" voices/speakers/numbers and reported on the "test" ones. Every hypothesis score is cached,
so tuning and reporting re-run without decoding (--report-only).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from machine_info import write_results  # benchmarks/ is on sys.path when run or imported

from voicebot.audio.telephone import telephone
from voicebot.audio.vad import snr_estimate_db

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SHARED = ROOT.parent / "shared"
FSDD = SHARED / "datasets" / "speech" / "fsdd"
CATALOG = SHARED / "spec" / "catalog-sonnhof.csv"
CONDITIONS = {"clean": None, "telephone": "line", "telephone+30dB": 30.0, "telephone+20dB": 20.0}
SPLIT_SPEAKERS = {"tune": ("george", "jackson", "lucas"), "test": ("nicolas", "theo", "yweweler")}
SPLIT_VOICES = {"tune": (0, 1), "test": (2, 3)}  # Pico variant indexes (en: US and GB each)
DIGIT_WORDS = {
    "de": ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}
YES_NO = {
    "de": [("ja", "true"), ("ja gerne", "true"), ("ja, das stimmt", "true"), ("genau", "true"),
           ("nein", "false"), ("nein danke", "false"), ("nee lass mal", "false"),
           ("auf keinen Fall", "false")],
    "en": [("yes", "true"), ("yes please", "true"), ("sure", "true"), ("no", "false"),
           ("no thanks", "false"), ("nope", "false")],
}  # fmt: skip
RATING_WORDS = {"de": ["eins", "zwei", "drei", "vier", "fünf"], "en": DIGIT_WORDS["en"][1:6]}
PRODUCTS_SAID = {
    "nuss-nougat-creme": "die Nougatcreme", "hafer-drink-barista": "die Hafermilch",
    "dinkel-vollkornbrot": "das Dinkelbrot", "erdbeer-fruchtaufstrich": "die Erdbeermarmelade",
    "kaese-spaetzle": "die Käsespätzle", "bio-tomatensauce": "die Tomatensauce",
    "knusper-muesli": "das Müsli", "kinder-zahnpasta": "die Zahnpasta",
    "sensitiv-handcreme": "die Handcreme", "duschgel-meeresbrise": "das Duschgel",
    "gruener-tee-zitrone": "grüner Tee", "laugenbrezel-tk": "die Laugenbrezeln",
}  # fmt: skip
OFF_LIST = ["ich weiß es nicht", "keine Ahnung", "Moment bitte", "wie bitte"]
NOISES = ("hiss", "hum", "rumble", "clicks")
FREE_MATCH_GRID = (None, 80.0, 85.0, 90.0, 95.0)  # see ScoringTuning.free_match_similarity
BIAS_GRID = (-12.0, -10.0, -8.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0)
ACCEPT_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MAX_WRONG = 0.01  # tuning: the most accurate setting whose confident-wrong share stays below


@dataclass(frozen=True)
class Sample:
    """One caller answer: what was asked (spec), the truth (None: off-list), how it was made."""

    key: str
    kind: str  # digits | yesno | rating | list
    spec: str
    language: str
    truth: str | None
    split: str  # tune | test
    pcm: bytes
    rate: int


def product_spec() -> str:
    """The catalog as a list expectation spec: id|name|aliases per product."""
    with CATALOG.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return "list:" + ",".join(
        "|".join([r["product_id"], r["name"], *r["aliases"].split("|")]) for r in rows
    )


def fsdd_samples(quick: bool) -> Iterator[Sample]:
    """8-digit numbers joined from one FSDD speaker's recordings (8 kHz, human)."""
    rng = np.random.default_rng(8)
    for split, speakers in SPLIT_SPEAKERS.items():
        for speaker in speakers[:2] if quick else speakers:
            for take in range(1 if quick else 2):
                digits = "".join(map(str, rng.integers(0, 10, 8)))
                pcm = fsdd_number(digits, speaker, take).astype("<i2").tobytes()
                yield Sample(
                    f"fsdd-{speaker}-{digits}", "digits", "digits:8", "en", digits, split, pcm, 8000
                )


def fsdd_number(digits: str, speaker: str, take: int, gap_s: float = 0.2) -> np.ndarray:
    """One FSDD speaker's recordings of the digits joined with short gaps (8 kHz int16)."""
    from voicebot.audio.wav import read_audio

    gap = np.zeros(int(gap_s * 8000), dtype=np.int16)
    parts = []
    for i, digit in enumerate(digits):
        parts += [read_audio(FSDD / f"{digit}_{speaker}_{(take + i) % 5}.wav").samples, gap]
    return np.concatenate(parts)


def pico_samples(quick: bool) -> Iterator[Sample]:
    """Pico voices: digit strings, yes/no, ratings, products, off-list phrases."""
    rng = np.random.default_rng(9)
    said: list[tuple[str, str, str, str | None, int]] = []  # (text, language, spec, truth, n)
    for language in ("de", "en"):
        for _ in range(2 if quick else 4):
            digits = "".join(map(str, rng.integers(0, 10, 8)))
            words = " ".join(DIGIT_WORDS[language][int(d)] for d in digits)
            said.append((words, language, "digits:8", digits, 0))
        said += [(text, language, "yesno", truth, 0) for text, truth in YES_NO[language]]
        ratings = enumerate(RATING_WORDS[language], 1)
        said += [(word, language, "rating", str(i), 0) for i, word in ratings]
    said += [(text, "de", product_spec(), pid, 0) for pid, text in PRODUCTS_SAID.items()]
    specs = ("yesno", "rating", "digits:8", product_spec())
    said += [(text, "de", spec, None, 0) for text in OFF_LIST for spec in specs]
    yield from _voiced(said[:: 2 if quick else 1])


def _voiced(said: list[tuple[str, str, str, str | None, int]]) -> Iterator[Sample]:
    """Each text in two Pico variants per split (digit strings: one, numbers differ per split)."""
    from voicebot.tts.voices import synthesize_variants

    for index, (text, language, spec, truth, _) in enumerate(said):
        variants = synthesize_variants(text, language, 4)
        for split, picks in SPLIT_VOICES.items():
            if spec == "digits:8":  # numbers differ per split: one voice each
                picks = picks[index % 2 :][:1]
            for pick in picks:
                v = variants[pick]
                kind = spec.split(":")[0]
                key = f"{v.label}-{spec[:12]}-{text}"
                yield Sample(key, kind, spec, language, truth, split, v.pcm, v.sample_rate)


def noise_samples() -> Iterator[Sample]:
    """Line noise alone (2 s, 8 kHz) for every kind: must give no value."""
    for split, seed in (("tune", 1), ("test", 2)):
        for kind, spec in itertools.product(
            NOISES, ("yesno", "rating", "digits:8", product_spec())
        ):
            pcm = line_noise(kind, seed)
            yield Sample(
                f"noise-{kind}-{seed}-{spec[:8]}",
                spec.split(":")[0],
                spec,
                "de",
                None,
                split,
                pcm,
                8000,
            )


def line_noise(kind: str, seed: int, seconds: float = 2.0) -> bytes:
    """Hiss, mains hum, rumble or clicks at 8 kHz (16-bit PCM)."""
    rng = np.random.default_rng(seed)
    n = int(8000 * seconds)
    t = np.arange(n) / 8000
    signal = {
        "hiss": lambda: rng.normal(0, 900, n),
        "hum": lambda: 3000 * np.sin(2 * np.pi * 50 * t) + 1500 * np.sin(2 * np.pi * 150 * t),
        "rumble": lambda: np.cumsum(rng.normal(0, 60, n)),
        "clicks": lambda: (rng.random(n) < 0.002) * 20000.0,
    }[kind]()
    return np.clip(signal - signal.mean(), -32000, 32000).astype("<i2").tobytes()


def on_line(sample: Sample, condition: str) -> tuple[bytes, int]:
    """The sample's audio as heard in a condition."""
    snr = CONDITIONS[condition]
    if snr is None:
        return sample.pcm, sample.rate
    samples = np.frombuffer(sample.pcm, dtype="<i2")
    line, rate = telephone(samples, sample.rate, None if snr == "line" else float(snr), seed=3)
    return line.astype("<i2").tobytes(), rate


def free_value(text: str, sample: Sample) -> str | None:
    """What the slot extractors read from a free transcript (no confidence: any value counts)."""
    from voicebot.nlu.slots import ProductCatalog, extract_digits, extract_rating, extract_yes_no

    if sample.kind == "digits":
        return extract_digits(text, sample.language, 8)
    if sample.kind == "yesno":
        said = extract_yes_no(text, sample.language)
        return None if said is None else str(said).lower()
    if sample.kind == "rating":
        rating = extract_rating(text, sample.language)
        return None if rating is None else str(rating)
    with CATALOG.open(encoding="utf-8") as f:
        match = ProductCatalog(list(csv.DictReader(f)), brand="Sonnhof").match(text)
    return match.product_id if match else None


def decode_all(
    samples: list[Sample], cache: dict[str, dict], path: Path, conditions: list[str]
) -> None:
    """Scores every sample in every condition (expectation + free), adding to cache."""
    from dataclasses import replace

    from voicebot.asr.base import load_speech_model
    from voicebot.asr.expect import Expectation
    from voicebot.asr.expect_whisper import WhisperAnswerScorer
    from voicebot.settings import load_settings

    model = load_speech_model("whisper", load_settings())
    scorer = WhisperAnswerScorer(model.whisper)  # type: ignore[attr-defined]
    # never skip, read every heard number chunk by chunk: the variants (no chunks, chunk alone,
    # skip unheard) are then decided from the cache
    # and score every number's one-digit neighbours (chunks_confirm None; emulated in decide())
    scorer.tuning = replace(
        scorer.tuning, skip_digits_unheard=False, digit_chunk_alone=0.99, chunks_confirm=None
    )
    order = np.random.default_rng(0).permutation(len(samples))  # a stopped run stays balanced
    for sample, condition in itertools.product([samples[i] for i in order], conditions):
        key = f"{condition}|{sample.key}"
        if key in cache:
            continue
        pcm, rate = on_line(sample, condition)
        started = time.perf_counter()
        scored = scorer.score(pcm, rate, sample.language, Expectation.parse(sample.spec))
        scored_s = time.perf_counter() - started
        free = model.transcribe(pcm, rate, sample.language)
        cache[key] = {
            "text": scored.text,
            "hypotheses": scored.hypotheses,
            "chunked": scored.chunked,
            "expect_s": scored_s,
            "free_text": free.text,
            "free_value": free_value(free.text, sample),
            "free_s": free.processing_s,
        }
        if len(cache) % 20 == 0:
            path.write_text(json.dumps(cache))
            print(f"{len(cache)} decoded", flush=True)


Setting = tuple[float, float, float | None]  # none bias, acceptance threshold, free match
UNTUNED: Setting = (0.0, 0.6, None)  # no bias, the general threshold, no sound-alike match


def shipped(kind: str) -> Setting:
    """ScoringTuning's defaults for one kind."""
    from voicebot.asr.expect_whisper import ScoringTuning

    t = ScoringTuning()
    return t.none_bias.get(kind, 0.0), t.accept.get(kind, 0.6), t.free_match_similarity.get(kind)


# digits: (read chunk by chunk, chunk veto, chunk alone, free agreeing lifts to, skip unheard,
# neighbours skipped when the chunk reading confirms the value at)
Digits = tuple[bool, float | None, float | None, float | None, bool, float | None]
DIGITS_DEFAULT: Digits = (True, 0.9, None, 0.6, True, 0.6)  # ScoringTuning's defaults
DIGIT_VARIANTS: dict[str, Digits] = {
    "expect (no chunks)": (False, None, None, None, False, None),
    "expect (chunks, no veto)": (True, None, None, None, False, None),
    "expect (+ paused chunks alone 0.9)": (True, 0.9, 0.9, None, False, None),
    "expect (free agrees off)": (True, 0.9, None, None, True, 0.6),
    "expect (no skip)": (True, 0.9, None, 0.6, False, 0.6),
    "expect (always neighbours)": (True, 0.9, None, 0.6, True, None),
}


def noisy_rule(kind: str) -> Noisy:
    """ScoringTuning's noisy-line tiers for one kind (None: the kind has none)."""
    from voicebot.asr.expect_whisper import ScoringTuning

    return ScoringTuning().noisy_accept.get(kind)


Noisy = tuple[tuple[float, float], ...] | None  # (estimated SNR below which, posterior needed)


def decide(
    sample: Sample,
    entry: dict,
    setting: Setting,
    digits: Digits = DIGITS_DEFAULT,
    noisy: Noisy | str = "shipped",
) -> str | None:
    """The value the scorer gives with these settings, from the cached hypothesis scores
    (noisy: the noisy-line rule, "shipped" for ScoringTuning's)."""
    from voicebot.asr.expect import Expectation, Posterior
    from voicebot.asr.expect_shortlist import best_fit
    from voicebot.asr.expect_whisper import chunks_confirm, decide_digits, noisy_threshold
    from voicebot.audio.vad import noisy_line
    from voicebot.nlu.numbers import spoken_digits

    bias, accept, similarity = setting
    if sample.kind == "digits":
        chunks, veto, alone, free_agrees, skip, confirm = digits
        if skip and not spoken_digits(entry["text"], sample.language):
            return None
        chunked = entry.get("chunked") if chunks else None
        hypotheses = entry["hypotheses"]
        neighbours = 9 * int(sample.spec.split(":")[1])  # cached after the readings
        readings = hypotheses[:-neighbours] if len(hypotheses) > neighbours else hypotheses
        if chunks_confirm(readings, chunked, bias, confirm):
            hypotheses = readings
        return decide_digits(
            hypotheses,
            chunked,
            bias,
            accept,
            veto=veto,
            alone=alone,
            heard=None if noisy_line(entry["snr_db"]) else entry["text"],
            free_agrees=free_agrees or 0.0,
            language=sample.language,
        )[0]
    choices = Expectation.parse(sample.spec).choices(sample.language)
    none_value = best_fit(entry["text"], choices, similarity) if similarity and choices else None
    hypotheses = [(v if v is not None else none_value, s) for v, s in entry["hypotheses"]]
    rule = noisy_rule(sample.kind) if noisy == "shipped" else noisy
    accept = noisy_threshold(accept, entry["snr_db"], rule if isinstance(rule, tuple) else None)
    return Posterior.from_log_scores(hypotheses, bias).decide(accept)[0]


ValueOf = Callable[[Sample, dict], str | None]


def transcript_yes_no(sample: Sample, entry: dict, quiet_only: bool) -> str | None:
    """The dialog's fallback (dialog.caller_input.yes_no_value): what the free transcript says,
    only on quiet lines when quiet_only."""
    from voicebot.audio.vad import noisy_line
    from voicebot.dialog.caller_input import yes_no_value

    said = yes_no_value(
        entry["text"],
        None,
        sample.language,
        trust_text=not (quiet_only and noisy_line(entry["snr_db"])),
    )
    return None if said is None else str(said).lower()


def tally(rows: list[tuple[Sample, dict]], value_of: ValueOf) -> dict:
    """Counts: right, confident-wrong (value set, not the truth), unsure; shares of all."""
    answered = [(s, value_of(s, e)) for s, e in rows]
    n = len(answered)
    right = sum(v is not None and v == s.truth for s, v in answered)
    wrong = sum(v is not None and v != s.truth for s, v in answered)
    return {
        "n": n,
        "right": right,
        "wrong": wrong,
        "unsure": n - right - wrong,
        "accuracy": round(right / n, 3) if n else None,
        "confident_wrong": round(wrong / n, 3) if n else None,
    }


def tune(rows: list[tuple[Sample, dict]], kind: str) -> Setting:
    """The setting with the best accuracy whose wrong share is <= MAX_WRONG (else least wrong)."""
    matches = FREE_MATCH_GRID if kind not in ("digits",) else (None,)
    best: tuple[tuple[float, ...], Setting] | None = None
    for setting in itertools.product(BIAS_GRID, ACCEPT_GRID, matches):
        counts = tally(rows, lambda s, e, t=setting: decide(s, e, t))
        wrong_ok = counts["wrong"] <= MAX_WRONG * counts["n"]
        score = counts["right"] if wrong_ok else -counts["wrong"]
        rank = (float(wrong_ok), score, -abs(setting[0]), setting[1], -(setting[2] or 0))
        if best is None or rank > best[0]:
            best = (rank, setting)
    assert best is not None
    return best[1]


def report(samples: list[Sample], cache: dict[str, dict], conditions: list[str]) -> dict:
    """Tuned settings per kind and results per condition, kind and method, per split."""
    rows = {c: [(s, cache[f"{c}|{s.key}"]) for s in samples if f"{c}|{s.key}" in cache]
            for c in conditions}  # fmt: skip
    for condition, entries in rows.items():  # the line SNR as the scorer estimates it
        for sample, entry in entries:
            pcm, rate = on_line(sample, condition)
            entry["snr_db"] = snr_estimate_db(np.frombuffer(pcm, dtype="<i2"), rate)
    kinds = sorted({s.kind for s in samples})
    tune_rows = {k: [(s, e) for c in conditions for s, e in rows[c] if s.kind == k] for k in kinds}
    tuned = {k: tune([(s, e) for s, e in tune_rows[k] if s.split == "tune"], k) for k in kinds}
    results = []
    for split, condition, kind in itertools.product(("test", "tune"), conditions, kinds):
        test = [(s, e) for s, e in rows[condition] if s.kind == kind and s.split == split]
        answers = [(s, e) for s, e in test if s.truth is not None]
        off = [(s, e) for s, e in test if s.truth is None]
        if not test:
            continue
        default = shipped(kind)
        methods: dict[str, ValueOf] = {
            "expect (tuned)": lambda s, e, t=tuned[kind]: decide(s, e, t),
            "expect (default)": lambda s, e, t=default: decide(s, e, t),
        }
        if default != UNTUNED:
            methods["expect (untuned)"] = lambda s, e: decide(s, e, UNTUNED)
        if noisy_rule(kind) is not None:
            methods["expect (default, no noisy-line rule)"] = lambda s, e, t=default: decide(
                s, e, t, noisy=None
            )
        if kind == "yesno":  # what the dialog takes: the value, else what the transcript says
            methods["dialog before: value, else the transcript"] = lambda s, e, t=default: (
                decide(s, e, t, noisy=None) or transcript_yes_no(s, e, quiet_only=False)
            )
            methods["dialog: value, else the transcript on quiet lines"] = lambda s, e, t=default: (
                decide(s, e, t) or transcript_yes_no(s, e, quiet_only=True)
            )
        if kind == "digits":
            methods |= {
                m: lambda s, e, d=d, t=default: decide(s, e, t, d)
                for m, d in DIGIT_VARIANTS.items()
            }
        methods["free + extractor"] = lambda s, e: e["free_value"]
        for method, value_of in methods.items():
            seconds = [e["free_s" if method.startswith("free") else "expect_s"] for _, e in test]
            results.append(
                {
                    "split": split,
                    "condition": condition,
                    "kind": kind,
                    "method": method,
                    **tally(answers, value_of),
                    "off_list_n": len(off),
                    "off_list_accepted": tally(off, value_of)["wrong"],
                    "latency_p50_s": round(statistics.median(seconds), 3),
                }
            )
    settings = {k: dict(zip(("none_bias", "accept", "free_match"), t, strict=True))
                for k, t in tuned.items()}  # fmt: skip
    return {"tuned": settings, "results": results}


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_avg_1m_at_end": round(os.getloadavg()[0], 1),
    }


def write_markdown(summary: dict, path: Path) -> None:
    m = summary["machine"]
    lines = [
        "# Expected answers: expectation-aware Whisper vs free decoding + slot extractors",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores (other jobs shared the CPU: load "
        f"{m['load_avg_1m_at_end']} at the end; compare latencies only within this run). "
        "Held-out test split (voices/speakers/numbers not used for tuning). Accuracy = right / "
        "answers; wrong = value set but wrong (confident-wrong); off-list = other phrases and "
        "line noise that got a value.",
        "",
        "| split | condition | kind | method | n | accuracy | wrong | unsure | off-list accepted "
        "| p50 s |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in summary["results"]:
        lines.append(
            f"| {r['split']} | {r['condition']} | {r['kind']} | {r['method']} | {r['n']} | "
            f"{r['accuracy']} | "
            f"{r['confident_wrong']} | {r['unsure']} | {r['off_list_accepted']}/{r['off_list_n']}"
            f" | {r['latency_p50_s']} |"
        )
    lines += ["", "Tuned on the tune split (none bias in nats, acceptance threshold):", ""]
    lines += [
        f"- {k}: none_bias {v['none_bias']}, accept {v['accept']}, free_match {v['free_match']}"
        for k, v in summary["tuned"].items()
    ]
    lines += ["", f"Vosk: {summary['vosk']}", *(f"\n{n}" for n in summary.get("notes", []))]
    reading = _reading_kept(path)  # the hand-written reading of earlier runs stays
    path.write_text("\n".join(lines) + "\n" + reading, encoding="utf-8")


def _reading_kept(path: Path) -> str:
    """The '## Reading' section of the existing table (written by hand), or ''."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    at = old.find("\n## Reading")
    return old[at:] if at >= 0 else ""


def vosk_status() -> str:
    from voicebot.asr.models import find_vosk_model
    from voicebot.errors import UserError
    from voicebot.settings import load_settings

    try:
        for language in ("de", "en"):
            find_vosk_model(load_settings().models_dir, language)
    except UserError as exc:
        return f"not measured: {exc}"
    return "models present but not measured by this benchmark yet"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/expected_answers_cache2.json"))
    parser.add_argument("--report-only", action="store_true", help="use cached scores only")
    parser.add_argument("--kinds", default="digits,yesno,rating,list", help="comma-separated")
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated")
    args = parser.parse_args()
    kinds, conditions = args.kinds.split(","), args.conditions.split(",")
    unknown = set(conditions) - set(CONDITIONS)
    if unknown:
        parser.error(f"unknown conditions {sorted(unknown)}; choose from {list(CONDITIONS)}")
    samples = [*fsdd_samples(args.quick), *pico_samples(args.quick), *noise_samples()]
    samples = [s for s in samples if s.kind in kinds]
    cache = json.loads(args.cache.read_text()) if args.cache.exists() else {}
    if not args.report_only:
        try:
            decode_all(samples, cache, args.cache, conditions)
        finally:
            args.cache.write_text(json.dumps(cache))
    samples = [s for s in samples if any(f"{c}|{s.key}" in cache for c in conditions)]
    summary = {
        "machine": machine(),
        "samples": len(samples),
        "kinds": kinds,
        "conditions": conditions,
        **report(samples, cache, conditions),
        "vosk": vosk_status(),
    }
    write_results(RESULTS, "expected_answers", summary, write_markdown)


if __name__ == "__main__":
    main()
