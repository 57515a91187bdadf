"""Builds the replay library in audio_fixtures/ reproducibly from audio_fixtures/library.yaml.

Synthesised turns: SVOX Pico (voicebot.tts.voices, tempo/pitch speakers) through the telephone
simulator (8 kHz μ-law line, some with noise). Human turns: FSDD digits (CC BY-SA 4.0) joined
into customer numbers, and one Thorsten-Voice clip (CC0-1.0), copied as 8 kHz WAV.

    .venv/bin/python scripts/make_fixtures.py              # all cases
    .venv/bin/python scripts/make_fixtures.py --only sonnhof
    .venv/bin/python scripts/make_fixtures.py --check-text  # the dialog alone, no audio
    .venv/bin/python scripts/make_fixtures.py --library my.yaml --out /tmp/my-cases
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "audio_fixtures"
LIBRARY = OUT / "library.yaml"
SPEECH = ROOT.parent / "shared" / "datasets" / "speech"
LICENSES = """# Audio fixture licenses

Synthesised turns (`voice: pico-…` in case.yaml) are made by `scripts/make_fixtures.py` with
SVOX Pico (lingware Apache-2.0) through `voicebot/audio/telephone.py`; the audio is part of
this project (Apache-2.0).

Human recordings, copied as 8 kHz 16-bit WAV and only as far as the cases use them:

| case turn file | source | license |
|---|---|---|
{rows}
FSDD: Free Spoken Digit Dataset, `Jakobovski/free-spoken-digit-dataset` @
`26eb9aaf76e81b692f806f9140c2d2777410d7a1`, recordings/{{digit}}_{{speaker}}_{{take}}.wav,
**CC BY-SA 4.0** (https://creativecommons.org/licenses/by-sa/4.0/); the joined numbers are
adaptations (digits concatenated with 0.25 s gaps, padded) and are shared under the same
license. Thorsten-Voice: `thorstenMueller/Thorsten-Voice` emotional samples, **CC0-1.0**.
LibriVox (via `cmusphinx/pocketsphinx` @ `511126b492dcb267cf30d49d631946d7b61a9530`
test/data/librivox): **public domain** recordings. Details: ../shared/datasets/speech/SOURCES.md.
"""


@dataclass
class Say:
    """A synthesised caller turn."""

    text: str
    intent: str | None = None
    noise_db: float | None = None
    voice: int | None = None

    @property
    def transcript_text(self) -> str:
        return self.text


@dataclass
class Keys:
    digits: str
    intent: None = None


@dataclass
class Silence:
    """The caller says nothing for a while (a silent line)."""

    seconds: float
    intent: None = None
    transcript_text: str = ""


@dataclass
class Human:
    """A person's recording: FSDD digits joined into a number, or one dataset clip."""

    transcript: str
    intent: str | None = None
    fsdd_digits: str | None = None
    speaker: str = "jackson"
    take: int = 0
    clip: str | None = None
    license_name: str = "CC BY-SA 4.0"

    @property
    def transcript_text(self) -> str:
        return self.transcript


@dataclass
class Spec:
    """One case of the library as written in library.yaml."""

    name: str
    tenant: str
    description: str
    checks: list[str]
    turns: list[Say | Keys | Human | Silence]
    expect: dict[str, Any]
    voice: int = 0
    noise_db: float | None = None
    dialed: str | None = None
    at: str | None = None  # when the call happens (business hours); None: as in open hours


def read_library(path: Path = LIBRARY) -> list[Spec]:
    """The case list; each turn is `say:`, `dtmf:`, `fsdd:` (+ speaker, take) or `clip:`."""
    specs = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        turns: list[Say | Keys | Human | Silence] = []
        for t in raw["turns"]:
            if "dtmf" in t:
                turns.append(Keys(str(t["dtmf"])))
            elif "silence" in t:
                turns.append(Silence(float(t["silence"])))
            elif "say" in t:
                if not isinstance(t["say"], str):  # YAML 1.1 reads yes/no/on/off as booleans
                    raise SystemExit(f"{path}: case {raw['name']}: say: {t['say']!r} is not "
                                     "text; put it in quotes")  # fmt: skip
                turns.append(Say(t["say"], t.get("intent"), t.get("noise_db"), t.get("voice")))
            else:
                digits = str(t["fsdd"]) if "fsdd" in t else None
                transcript = t.get("transcript") or " ".join(digits or "")
                turns.append(Human(transcript, t.get("intent"), digits, t.get("speaker", "jackson"),
                                   int(t.get("take", 0)), t.get("clip"),
                                   t.get("license", "CC BY-SA 4.0")))  # fmt: skip
        specs.append(Spec(raw["name"], raw["tenant"], raw["description"], raw.get("checks", []),
                          turns, raw.get("expect", {}), int(raw.get("voice", 0)),
                          raw.get("noise_db"), raw.get("dialed"),
                          str(raw["at"]) if raw.get("at") else None))  # fmt: skip
    return specs


@dataclass
class Made:
    """What was written for one turn, and its license row if the audio is a person's."""

    entry: dict[str, Any]
    license_row: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def human_audio(turn: Human) -> tuple[np.ndarray, int, str]:
    """FSDD digits joined into a number, or a dataset clip, as 8 kHz samples and its source."""
    from voicebot.audio.resample import resample
    from voicebot.audio.wav import read_audio
    from voicebot.fixtures.making import padded

    if turn.fsdd_digits:
        gap = np.zeros(int(0.25 * 8000), dtype=np.int16)
        parts, files = [], []
        for i, digit in enumerate(turn.fsdd_digits):
            name = f"{digit}_{turn.speaker}_{(turn.take + i) % 5}.wav"
            parts += [read_audio(SPEECH / "fsdd" / name).samples, gap]
            files.append(name)
        source = f"FSDD {', '.join(files)}"
        return padded(np.concatenate(parts[:-1]), 8000), 8000, source
    audio = read_audio(SPEECH / turn.clip)
    samples = resample(audio.samples, audio.sample_rate, 8000)
    return padded(samples, 8000), 8000, f"datasets/speech/{turn.clip}"


def make_turn(folder: Path, index: int, turn: Any, spec: Spec, language: str, pico: Any) -> Made:
    from voicebot.fixtures.making import synth_phone_turn, write_turn_wav

    if isinstance(turn, Keys):
        return Made({"dtmf": turn.digits})
    name = f"turn{index}.wav"
    entry: dict[str, Any]
    row = None
    if isinstance(turn, Silence):
        samples, rate = np.zeros(int(turn.seconds * 8000), dtype=np.int16), 8000
        entry = {"audio": name, "transcript": ""}
    elif isinstance(turn, Human):
        samples, rate, source = human_audio(turn)
        entry = {"audio": name, "transcript": turn.transcript, "source": source}
        row = f"| `{spec.name}/{name}` | {source} | {turn.license_name} |"
    else:
        noise = turn.noise_db if turn.noise_db is not None else spec.noise_db
        voice = (spec.voice + index - 1) % 10 if turn.voice is None else turn.voice
        samples, rate, label = synth_phone_turn(turn.text, language, voice, noise, pico)
        entry = {"audio": name, "transcript": turn.text, "voice": label}
        if noise is not None:
            entry["noise_db"] = noise
    write_turn_wav(folder, name, samples, rate)
    if turn.intent:
        entry["intent"] = turn.intent
    return Made(entry, row)


def make_case(spec: Spec, tenants: dict[str, Any], pico: Any, out: Path = OUT) -> list[str]:
    """Writes one case folder from scratch; returns its license rows."""
    from voicebot.fixtures.making import PICO_LICENSE, write_case

    folder = out / spec.name
    shutil.rmtree(folder, ignore_errors=True)
    language = tenants[spec.tenant].language
    made = [make_turn(folder, i, t, spec, language, pico) for i, t in enumerate(spec.turns, 1)]
    rows = [m.license_row for m in made if m.license_row]
    write_case(
        folder,
        tenant=spec.tenant,
        dialed=spec.dialed,
        at=spec.at,
        turns=[m.entry for m in made],
        expect=spec.expect,
        description=spec.description,
        checks=spec.checks,
        license_note="mixed: see audio_fixtures/LICENSES.md" if rows else PICO_LICENSE,
    )
    return rows


async def check_text(spec: Spec, services: Any) -> str | None:
    """Runs the case at the text level (transcripts as heard perfectly); None when it holds."""
    from voicebot.dialog.after_hours import clock_at
    from voicebot.dialog.textcall import keys, run_call, say

    clock = None
    if spec.at:
        clock = clock_at(datetime.fromisoformat(spec.at), services.view(spec.tenant).business_hours)
    turns = [
        keys(t.digits) if isinstance(t, Keys) else say(t.transcript_text)
        for t in spec.turns
        if not isinstance(t, Silence)
    ]
    dialog = services.dialog_stage(clock)
    record = await run_call(spec.tenant, turns, services, dialed=spec.dialed, dialog=dialog)
    expect = spec.expect
    got = (record.outcome, record.handoff.queue if record.handoff else None)
    want = (expect.get("outcome", got[0]), expect.get("queue", got[1]))
    said = " ".join(t["text"] for t in record.turns() if t["role"] == "bot").lower()
    unsaid = [p for p in expect.get("says", []) if str(p).lower() not in said]
    if got != want or unsaid:
        lines = " | ".join(f"{t['role']}: {t['text'][:60]}" for t in record.turns())
        missing = f", never said {unsaid}" if unsaid else ""
        return f"{spec.name}: expected {want}, text-level call gave {got}{missing}: {lines}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--check-text", action="store_true", help="dialog check, no audio")
    parser.add_argument("--library", type=Path, default=LIBRARY, help="library YAML to build")
    parser.add_argument("--out", type=Path, default=OUT, help="folder the case folders go to")
    args = parser.parse_args()
    from voicebot.dialog.textcall import CallServices
    from voicebot.nlu.loader import load_tenants
    from voicebot.tts.pico import PicoSynthesizer

    tenants = dict(load_tenants(ROOT / "intents"))
    specs = [s for s in read_library(args.library) if not args.only or args.only in s.name]
    if args.check_text:
        services = CallServices(tenants)
        problems = [p for s in specs if (p := asyncio.run(check_text(s, services)))]
        print("\n".join(problems) or f"{len(specs)} cases hold at the text level")
        return 1 if problems else 0
    pico = PicoSynthesizer()
    rows: list[str] = []
    for spec in specs:
        rows += make_case(spec, tenants, pico, args.out)
        print(f"wrote {spec.name}")
    if not args.only:
        (args.out / "LICENSES.md").write_text(LICENSES.format(rows="\n".join(rows) + "\n"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
