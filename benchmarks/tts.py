"""Text-to-speech latency: time to first audio per backend, uncached vs cached, real-time factor.

Run: .venv/bin/python benchmarks/tts.py [--repeats N]
Writes benchmarks/results/tts.json and benchmarks/results/tts.md. A synthesis delivers the
whole utterance at once, so "time to first audio" is the time until the PCM is ready at the
telephone rate (8 kHz), including the engine process and resampling.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from voicebot.tts.cache import PromptCache
from voicebot.tts.espeak import Pyttsx3Synthesizer
from voicebot.tts.pico import PicoSynthesizer
from voicebot.tts.synthesizer import Synthesizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine_info import machine

RESULTS = Path(__file__).resolve().parent / "results"
RATE = 8000  # Hz, telephone channel
PROMPTS = {
    "de": {
        "short": "Kann ich sonst noch helfen?",
        "medium": "Willkommen bei Nordwelle. Bitte nennen Sie Ihre achtstellige Kundennummer.",
        "long": (
            "In Ihrem Gebiet gibt es derzeit eine bekannte Störung. Unsere Techniker arbeiten "
            "daran, wir erwarten die Behebung heute gegen achtzehn Uhr. Möchten Sie trotzdem "
            "mit einem Mitarbeiter sprechen?"
        ),
    },
    "en": {
        "short": "Is there anything else I can help with?",
        "medium": "Welcome to Harbour Bank. Please tell me briefly what your call is about.",
        "long": (
            "I am sorry to hear that your card is missing. I have blocked it for your safety, "
            "and I am now connecting you with our fraud team, who will order a replacement."
        ),
    },
}


TELEPHONE_SENTENCES_DE = (
    "Mein Internet funktioniert seit gestern nicht mehr.",
    "Ich möchte meine Rechnung bezahlen.",
    "Ich bin umgezogen und möchte meinen Vertrag mitnehmen.",
    "Wann hat Ihr Geschäft am Samstag geöffnet?",
    "Ich möchte meinen Vertrag kündigen.",
    "Ich möchte bitte mit einem Mitarbeiter sprechen.",
)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_errors(reference: str, heard: str) -> tuple[int, int]:
    """(word edit distance, reference words)."""
    ref, hyp = words(reference), words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


def telephone_wer(n_variants: int) -> list[dict]:
    """German WER by telephone (Whisper base) per Pico variant, and for espeak-ng's voice."""
    import numpy as np

    from voicebot.asr.base import load_speech_model
    from voicebot.audio.telephone import telephone
    from voicebot.settings import Settings
    from voicebot.tts.voices import synthesize_variants

    whisper = load_speech_model("whisper", Settings())
    espeak = Pyttsx3Synthesizer()
    errors: dict[str, list[int]] = {}
    for sentence in TELEPHONE_SENTENCES_DE:
        renderings = [
            (v.label, v.pcm, v.sample_rate) for v in synthesize_variants(sentence, "de", n_variants)
        ]
        renderings.append(("espeak-ng de (pyttsx3)", *espeak.synthesize(sentence, "de")))
        for label, pcm, rate in renderings:
            line, line_rate = telephone(np.frombuffer(pcm, dtype="<i2"), rate)
            heard = whisper.transcribe(line.astype("<i2").tobytes(), line_rate, "de").text
            wrong, total = word_errors(sentence, heard)
            counts = errors.setdefault(label, [0, 0])
            counts[0] += wrong
            counts[1] += total
    espeak.close()
    return [{"voice": label, "wer_telephone": round(w / t, 3)} for label, (w, t) in errors.items()]


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock milliseconds of each run."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def measure(name: str, synthesizer: Synthesizer, repeats: int, folder: Path) -> list[dict]:
    """Rows for one backend: every language and prompt length, uncached and cached."""
    return [
        measure_prompt(name, synthesizer, repeats, folder / name, language, length, text)
        for language, prompts in PROMPTS.items()
        for length, text in prompts.items()
    ]


def measure_prompt(
    name: str,
    synthesizer: Synthesizer,
    repeats: int,
    folder: Path,
    language: str,
    length: str,
    text: str,
) -> dict:
    """One prompt: synthesised each time, then warmed and read back from disk and memory."""
    cache = PromptCache(synthesizer, folder)
    uncached = timed(lambda: cache.audio(text, language, RATE), repeats)
    audio_s = len(cache.audio(text, language, RATE)) / 2 / RATE
    cache.warm([text], language, (RATE,))
    on_disk = timed(lambda: PromptCache(synthesizer, folder).audio(text, language, RATE), repeats)
    in_memory = timed(lambda: cache.audio(text, language, RATE), repeats)
    return {
        "backend": name,
        "language": language,
        "prompt": length,
        "audio_s": round(audio_s, 2),
        "uncached_ms_p50": round(statistics.median(uncached), 1),
        "uncached_ms_p95": round(p95(uncached), 1),
        "cached_disk_ms_p50": round(statistics.median(on_disk), 2),
        "cached_memory_ms_p50": round(statistics.median(in_memory), 3),
        "real_time_factor": round(statistics.median(uncached) / 1000 / audio_s, 4),
    }


def cold_start_ms(repeats: int) -> list[float]:
    """pyttsx3: the first request of a fresh worker process (start + espeak-ng init + speech)."""
    samples = []
    for _ in range(repeats):
        espeak = Pyttsx3Synthesizer()
        samples.extend(timed(lambda s=espeak: s.synthesize("Guten Tag.", "de"), 1))
        espeak.close()
    return samples


def table(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Text to speech: time to first audio (8 kHz)",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}. Other jobs may have "
        "shared the CPU during the run; compare ratios within this run, not absolute numbers.",
        f"{result['repeats']} runs per cell; ms = milliseconds until the whole utterance's PCM "
        "is ready (engine process + resampling). RTF = synthesis time / audio length.",
        "",
        "| backend | lang | prompt | audio s | uncached p50 ms | uncached p95 ms "
        "| cached disk p50 ms | cached memory p50 ms | RTF |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['backend']} | {r['language']} | {r['prompt']} | {r['audio_s']} "
            f"| {r['uncached_ms_p50']} | {r['uncached_ms_p95']} | {r['cached_disk_ms_p50']} "
            f"| {r['cached_memory_ms_p50']} | {r['real_time_factor']} |"
        )
    if result.get("telephone_wer"):
        lines += [
            "",
            f"German word error rate by telephone (Whisper base, {len(TELEPHONE_SENTENCES_DE)} "
            "hotline sentences, 8 kHz band-limited μ-law), per fixture voice:",
            "",
            "| voice | WER |",
            "|---|---|",
            *(f"| {r['voice']} | {r['wer_telephone']:.0%} |" for r in result["telephone_wer"]),
        ]
    cold = result["pyttsx3_cold_start_ms"]
    lines += [
        "",
        f"pyttsx3 worker cold start (first request): p50 {cold['p50']} ms, "
        f"max {cold['max']} ms; later requests reuse the worker.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--variants", type=int, default=10, help="Pico voices for the WER table")
    args = parser.parse_args()
    espeak = Pyttsx3Synthesizer()
    espeak.synthesize("warm up", "en")  # the worker's start is measured separately below
    with tempfile.TemporaryDirectory(prefix="voicebot-tts-bench-") as folder:
        rows = measure("pico", PicoSynthesizer(), args.repeats, Path(folder))
        rows += measure("pyttsx3", espeak, args.repeats, Path(folder))
    espeak.close()
    cold = cold_start_ms(max(3, args.repeats // 3))
    result = {
        "machine": machine(),
        "repeats": args.repeats,
        "rate_hz": RATE,
        "rows": rows,
        "pyttsx3_cold_start_ms": {
            "p50": round(statistics.median(cold), 1),
            "max": round(max(cold), 1),
        },
        "telephone_wer": telephone_wer(args.variants) if args.variants else [],
        "note": "other jobs may have shared the CPU; compare ratios within one run",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tts.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "tts.md").write_text(table(result))
    print(table(result))


if __name__ == "__main__":
    main()
