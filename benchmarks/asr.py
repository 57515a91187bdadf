"""Speech recognition: WER, digit strings, real-time factor, latency, load time and memory.

Run: .venv/bin/python benchmarks/asr.py [--numbers N] [--quick]
Writes benchmarks/results/asr.json and benchmarks/results/asr.md. Each configuration (Whisper
base int8 with 1 and 2 threads; Vosk where a German/English model is present) runs in its own
process so that load time and resident memory are its own. Conditions: the original recording
and the telephone simulation (8 kHz, 300-3400 Hz, G.711 μ-law). Latency is the decode time
after the end of the utterance (Whisper decodes the whole utterance then; Vosk only finishes).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from voicebot.audio.telephone import telephone
from voicebot.audio.wav import read_audio
from voicebot.nlu.numbers import spoken_digits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import describe

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SPEECH = ROOT.parent / "shared" / "datasets" / "speech"
SETS = {  # dataset -> (language, folders); vosk_test.wav has an unverified reference
    "de-human": ("de", ["thorsten-voice", "picovoice-samples"]),
    "en-human": ("en", ["pocketsphinx-testdata", "picovoice-samples", "misc-en"]),
}
SKIP = {"vosk_test.wav"}
FSDD_SPEAKERS = ["george", "jackson", "lucas", "nicolas", "theo", "yweweler"]
CONFIGS = ["whisper-int8-1t", "whisper-int8-2t", "vosk-de", "vosk-en"]


# ---------- text normalisation and WER ----------
EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
DE_ONES = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]
DE_TENS = [
    "_",
    "_",
    "zwanzig",
    "dreißig",
    "vierzig",
    "fünfzig",
    "sechzig",
    "siebzig",
    "achtzig",
    "neunzig",
]


def en_number(n: int) -> str:
    if n < 20:
        return EN_ONES[n]
    if n < 100:
        return EN_TENS[n // 10] + ("" if n % 10 == 0 else " " + EN_ONES[n % 10])
    if n < 1000:
        rest = "" if n % 100 == 0 else " " + en_number(n % 100)
        return EN_ONES[n // 100] + " hundred" + rest
    rest = "" if n % 1000 == 0 else " " + en_number(n % 1000)
    return en_number(n // 1000) + " thousand" + rest


def de_number(n: int, alone: bool = True) -> str:
    if n < 20:
        return "ein" if n == 1 and not alone else DE_ONES[n]
    if n < 100:
        unit = "" if n % 10 == 0 else de_number(n % 10, False) + "und"
        return unit + DE_TENS[n // 10]
    if n < 1000:
        rest = "" if n % 100 == 0 else de_number(n % 100)
        return de_number(n // 100, False) + "hundert" + rest
    rest = "" if n % 1000 == 0 else de_number(n % 1000)
    return de_number(n // 1000, False) + "tausend" + rest


def normalise(text: str, language: str) -> list[str]:
    """Lowercase, no punctuation, hyphen -> space, "mr" -> "mister", numbers as words."""
    text = text.lower().replace("%", " percent" if language == "en" else " prozent")
    text = re.sub(r"(?<=\d)[,.](?=\d{3}\b)", "", text)  # 600,000 -> 600000
    text = re.sub(r"[-–]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    say = en_number if language == "en" else de_number
    text = re.sub(
        r"\d+", lambda m: f" {say(int(m.group()))} " if len(m.group()) < 7 else m.group(), text
    )
    words = text.split()
    return ["mister" if w == "mr" else w for w in words]


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


# ---------- data ----------
def human_items(name: str) -> list[dict]:
    language, folders = SETS[name]
    items = []
    for folder in folders:
        with (SPEECH / folder / "manifest.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                if row["language"] == language and row["file"] not in SKIP:
                    audio = read_audio(SPEECH / folder / row["file"])
                    items.append({"id": f"{folder}/{row['file']}", "ref": row["transcript"],
                                  "samples": audio.samples, "rate": audio.sample_rate})  # fmt: skip
    return items


def digit_items(count: int, seed: int = 11) -> list[dict]:
    """8-digit numbers spoken digit by digit: FSDD clips of one speaker, 0.2 s apart."""
    rng = random.Random(seed)
    gap = np.zeros(1600, dtype=np.int16)
    items = []
    for i in range(count):
        digits = "".join(rng.choice("0123456789") for _ in range(8))
        speaker = FSDD_SPEAKERS[i % len(FSDD_SPEAKERS)]
        parts = []
        for d in digits:
            clip = SPEECH / "fsdd" / f"{d}_{speaker}_{rng.randrange(5)}.wav"
            parts += [read_audio(clip).samples, gap]
        ref = " ".join(EN_ONES[int(d)] for d in digits)
        items.append({"id": f"{speaker}:{digits}", "ref": ref, "digits": digits,
                      "samples": np.concatenate(parts), "rate": 8000})  # fmt: skip
    return items


def in_condition(item: dict, condition: str) -> tuple[bytes, int]:
    if condition == "original":
        return item["samples"].astype("<i2").tobytes(), item["rate"]
    line, rate = telephone(item["samples"], item["rate"])
    return line.astype("<i2").tobytes(), rate


# ---------- one configuration, in its own process ----------
def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_model(config: str):
    from voicebot.settings import load_settings

    if config.startswith("whisper"):
        from voicebot.asr.whisper import WhisperSpeechModel

        threads = int(config.rsplit("-", 1)[1].rstrip("t"))
        return WhisperSpeechModel.load(load_settings(asr_threads=threads, asr_workers=1))
    from voicebot.asr.vosk import VoskSpeechModel

    model = VoskSpeechModel(load_settings().models_dir)
    model.model_for(config.split("-")[1])
    return model


def decode(model, pcm: bytes, rate: int, language: str) -> tuple[str, float, float, float]:
    """(text, latency after end of utterance s, total processing s, process CPU s in latency)."""
    if model.backend == "whisper":
        cpu = time.process_time()
        result = model.transcribe(pcm, rate, language)
        return result.text, result.processing_s, result.processing_s, time.process_time() - cpu
    recognizer = model.stream(language, sample_rate=rate)
    step = rate // 5 * 2
    for i in range(0, len(pcm), step):
        recognizer.accept(pcm[i : i + step])
    started, cpu = time.perf_counter(), time.process_time()
    result = recognizer.finish()
    latency = time.perf_counter() - started
    return result.text, latency, result.processing_s, time.process_time() - cpu


def evaluate(model, items: list[dict], language: str, condition: str) -> dict:
    edits = ref_words = exact = 0
    latencies, latencies_3s, cpu, processing, audio_s, details = [], [], [], [], [], []
    for item in items:
        pcm, rate = in_condition(item, condition)
        text, latency, spent, cpu_s = decode(model, pcm, rate, language)
        ref, hyp = _comparable(item, text, language)
        edits += edit_distance(ref, hyp)
        ref_words += len(ref)
        duration = len(pcm) / 2 / rate
        latencies.append(latency)
        cpu.append(cpu_s)
        processing.append(spent)
        audio_s.append(duration)
        if 2.0 <= duration <= 4.0:
            latencies_3s.append(latency)
        if "digits" in item:
            exact += spoken_digits(text, language) == item["digits"]
        details.append({"id": item["id"], "text": text, "latency_s": round(latency, 3)})
    return summarise(items, edits, ref_words, exact, latencies, latencies_3s, cpu, processing,
                     audio_s, details)  # fmt: skip


def _comparable(item: dict, text: str, language: str) -> tuple[list[str], list[str]]:
    """Word lists to compare; for digit strings, the digits themselves (digit error rate)."""
    if "digits" in item:
        return list(item["digits"]), list(spoken_digits(text, language))
    return normalise(item["ref"], language), normalise(text, language)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(items, edits, ref_words, exact, latencies, latencies_3s, cpu, processing, audio_s,
              details) -> dict:  # fmt: skip
    has_digits = any("digits" in i for i in items)
    return {
        "utterances": len(items),
        "audio_s": round(sum(audio_s), 1),
        "wer": round(edits / ref_words, 4) if ref_words else None,
        "digits_exact": round(exact / len(items), 4) if has_digits else None,
        "rtf": round(sum(processing) / sum(audio_s), 4),
        "latency_p50_ms": round(1000 * statistics.median(latencies)),
        "latency_p95_ms": round(1000 * percentile(latencies, 0.95)),
        "cpu_p50_ms": round(1000 * statistics.median(cpu)),
        "latency_3s_p50_ms": round(1000 * statistics.median(latencies_3s))
        if latencies_3s
        else None,
        "details": details,
    }


def run_config(config: str, numbers: int) -> dict:
    before = rss_mb()
    started = time.perf_counter()
    model = load_model(config)
    load_s = time.perf_counter() - started
    loaded = rss_mb()
    language_filter = config.split("-")[1] if config.startswith("vosk") else None
    datasets = {name: (lang, human_items(name)) for name, (lang, _) in SETS.items()}
    datasets["en-fsdd-8digit"] = ("en", digit_items(numbers))
    warm = datasets["de-human"][1][0]
    decode(model, *in_condition(warm, "original"), "de")  # first decode allocates buffers
    rows = []
    for name, (language, items) in datasets.items():
        if language_filter and language != language_filter:
            continue
        for condition in ("original", "telephone"):
            result = evaluate(model, items, language, condition)
            rows.append({"dataset": name, "condition": condition, **result})
    return {"config": config, "load_s": round(load_s, 2), "rss_model_mb": round(loaded - before),
            "rss_peak_mb": round(rss_mb("VmHWM")), "rows": rows}  # fmt: skip


# ---------- driver ----------
def available(config: str) -> bool:
    if config.startswith("whisper"):
        return True
    from voicebot.asr.models import vosk_models
    from voicebot.settings import load_settings

    return any(lang == config.split("-")[1] for lang, _ in vosk_models(load_settings().models_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=40, help="spoken 8-digit numbers")
    parser.add_argument("--quick", action="store_true", help="only whisper-int8-2t, 12 numbers")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--table-only", action="store_true", help="rewrite asr.md from asr.json")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_config(args.worker, args.numbers), ensure_ascii=False))
        return
    if args.table_only:
        report = json.loads((RESULTS / "asr.json").read_text())
        (RESULTS / "asr.md").write_text(markdown(report))
        return
    configs = ["whisper-int8-2t"] if args.quick else CONFIGS
    numbers = 12 if args.quick else args.numbers
    results, missing = [], [c for c in configs if not available(c)]
    for config in [c for c in configs if c not in missing]:
        print(f"asr benchmark: {config} ...", file=sys.stderr)
        cmd = [sys.executable, __file__, "--worker", config, "--numbers", str(numbers)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    report = {"machine": describe(), "shared_cpu_note": "other jobs may have shared the CPU",
              "numbers": numbers, "not_present": missing, "results": results}  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "asr.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    (RESULTS / "asr.md").write_text(markdown(report))
    print((RESULTS / "asr.md").read_text())


def markdown(report: dict) -> str:
    lines = [
        "# Speech recognition: accuracy and speed",
        "",
        f"Machine: {report['machine']}. Other jobs may have shared the CPU during the run; "
        "compare ratios within this run, not absolute numbers.",
        "WER after lowercasing, dropping punctuation and spelling numbers out (for the digit set: "
        "digit error rate of the digit string read from the text); digits = spoken "
        f"8-digit FSDD numbers ({report['numbers']}) exactly right; latency = decode time after "
        "the end of the utterance; 3 s = utterances of 2-4 s; telephone = 8 kHz, 300-3400 Hz, "
        "G.711 μ-law. CPU = process CPU time per decode (all threads), less sensitive to other "
        "jobs than wall-clock latency.",
        "",
        "| config | dataset | condition | n | WER | digits exact | RTF | p50 ms | p95 ms "
        "| 3 s p50 ms | CPU p50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    pct = lambda v: "–" if v is None else f"{100 * v:.1f} %"  # noqa: E731
    for result in report["results"]:
        for r in result["rows"]:
            lines.append(
                f"| {result['config']} | {r['dataset']} | {r['condition']} | {r['utterances']} "
                f"| {pct(r['wer'])} | {pct(r['digits_exact'])} | {r['rtf']} "
                f"| {r['latency_p50_ms']} | {r['latency_p95_ms']} "
                f"| {r['latency_3s_p50_ms'] or '–'} | {r['cpu_p50_ms']} |"
            )
    lines += ["", "| config | load s | model RSS MB | peak RSS MB |", "|---|---|---|---|"]
    for result in report["results"]:
        lines.append(f"| {result['config']} | {result['load_s']} | {result['rss_model_mb']} "
                     f"| {result['rss_peak_mb']} |")  # fmt: skip
    if report["not_present"]:
        lines += ["", f"Not measured (no model present): {', '.join(report['not_present'])}."]
    return "\n".join(lines + targets(report)) + "\n"


def targets(report: dict) -> list[str]:
    """The issue's targets against the best configuration of this run."""
    rows = [(res["config"], r) for res in report["results"] for r in res["rows"]]

    def best(dataset: str, condition: str, key: str, lowest: bool = True) -> tuple[str, float]:
        wanted = (dataset, condition)
        found = [(r[key], c) for c, r in rows if (r["dataset"], r["condition"]) == wanted]
        found = [(value, c) for value, c in found if value is not None]
        value, config = (min if lowest else max)(found)
        return config, value

    checks = [
        ("German telephone WER ≤ 15 %", best("de-human", "telephone", "wer"), 0.15, True),
        ("8-digit numbers exact ≥ 95 % (telephone)",
         best("en-fsdd-8digit", "telephone", "digits_exact", lowest=False), 0.95, False),
        ("latency p50 ≤ 400 ms, 3 s German utterance (telephone)",
         best("de-human", "telephone", "latency_3s_p50_ms"), 400, True),
    ]  # fmt: skip
    lines = ["", "| target | best config | measured | met |", "|---|---|---|---|"]
    for name, (config, value), limit, lower_is_better in checks:
        met = value <= limit if lower_is_better else value >= limit
        shown = f"{value} ms" if limit == 400 else f"{100 * value:.1f} %"
        lines.append(f"| {name} | {config} | {shown} | {'yes' if met else 'no'} |")
    return lines


if __name__ == "__main__":
    main()
