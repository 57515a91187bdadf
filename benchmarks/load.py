"""Load: N simultaneous live calls (WebSocket and SIP) on loopback, each a real two-turn dialog.

Every call dials nordwelle, waits for the greeting, then says a real recorded German sentence
(Thorsten-Voice, CC0: "Der Betrag ist an das Konto ... zu entrichten.") and, after the bot's
answer, asks for a person (SVOX Pico) and is handed over ("completed": calls that reached a
queue). Caller audio is streamed in real
time. Turn latency is end of caller speech -> first bot audio of the answer: measured by the
WebSocket client on the wall clock; for SIP on the server's audio clock (RTP received), from
the end of speech in the WAV to the bot's reply decision (prompts are cached, so synthesis adds
little). Dropped audio: SIP caller packets lost/concealed and bot frames sent late (loop
stalls); WebSocket is TCP. CPU and memory are of the whole process (server plus the WebSocket
clients; sipp is its own process), per call.

Run: .venv/bin/python benchmarks/load.py [--n 1 2 5 10 20] [--kinds ws sip]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
from tests.test_sip_line import sipp_scenario  # noqa: E402  (the scripted SIP caller)
from tests.test_websocket_calls import serve_calls  # noqa: E402  (server on loopback)
from voicebot.audio.resample import resample  # noqa: E402
from voicebot.audio.wav import read_audio, write_wav  # noqa: E402
from voicebot.events import BotSpeech, SpeechStopped  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
RECORDING = (
    ROOT.parent / "shared/datasets/speech/thorsten-voice/125b660d37dc16ec21d28eac29e80bcb.wav"
)
NORDWELLE = "+49 800 6673935"
RUN_LIMIT_S = 240  # one N of one kind may take at most this long


def caller_turns(rate: int) -> tuple[list[bytes], list[int]]:
    """The two turns (PCM at rate) and where the speech ends in each (ms)."""
    from voicebot.tts.pico import PicoSynthesizer

    recorded = read_audio(RECORDING)
    first = resample(recorded.samples, recorded.sample_rate, rate)
    pcm, native = PicoSynthesizer().synthesize(
        "Ich möchte bitte mit einem Mitarbeiter sprechen.", "de"
    )
    second = resample(np.frombuffer(pcm, dtype="<i2"), native, rate)
    turns, ends = [], []
    for speech in (first, second):
        voiced = np.nonzero(np.abs(speech) > 800)[0]
        ends.append(int(voiced[-1]) * 1000 // rate if len(voiced) else len(speech) * 1000 // rate)
        turns.append(speech.astype("<i2").tobytes())
    return turns, ends


class Meter:
    """Process CPU seconds and peak resident memory while a run lasts."""

    def __enter__(self) -> Meter:
        self.cpu0 = sum(os.times()[:2])
        self.rss0 = self.rss_mb()
        self.peak = self.rss0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    @staticmethod
    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.peak = max(self.peak, self.rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.cpu_s = sum(os.times()[:2]) - self.cpu0


async def ws_call(base: str, turns: list[bytes], ends: list[int]) -> dict[str, Any]:
    """One browser-protocol call: greeting, two turns; wall-clock turn latencies (ms)."""
    import websockets

    latencies: list[float] = []
    url = f"{base}/calls?dialed={quote(NORDWELLE)}"
    async with websockets.connect(url, max_size=2**24, open_timeout=120, ping_interval=None) as ws:
        reader = _WsReader(ws)
        task = asyncio.create_task(reader.run())
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        microphone = _Microphone(ws)  # a phone sends audio all the time, silence included
        sending = asyncio.create_task(microphone.run())
        await reader.prompt_played(after=0.0)  # the greeting, as a polite caller hears it out
        for speech, end_ms in zip(turns, ends, strict=True):
            started = await microphone.say(speech)
            speech_end = started + end_ms / 1000
            answer = await reader.prompt_played(after=speech_end)
            if answer is not None:
                latencies.append((answer - speech_end) * 1000)
        await asyncio.wait_for(task, 60)
        sending.cancel()
    return {"latencies_ms": latencies, "queue": reader.queue}


class _Microphone:
    """Sends 20 ms frames in real time: the next words when there are some, else silence."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.words: bytes = b""
        self.started = asyncio.get_running_loop().create_future()
        self.said = asyncio.Event()

    async def say(self, pcm: bytes) -> float:
        """Queues words; returns when they start (monotonic) once they have all been sent."""
        self.started = asyncio.get_running_loop().create_future()
        self.said = asyncio.Event()
        self.words = pcm
        started: float = await self.started
        await self.said.wait()
        return started

    async def run(self) -> None:
        begin, sent = time.monotonic(), 0
        while True:
            if self.words and not self.started.done():
                self.started.set_result(time.monotonic())
            frame, self.words = (
                (self.words[:640], self.words[640:]) if self.words else (b"\x00\x00" * 320, b"")
            )
            try:
                await self.ws.send(frame.ljust(640, b"\x00"))
            except Exception:  # the call is over
                return
            sent += 1
            if not self.words and self.started.done():
                self.said.set()
            await asyncio.sleep(max(0.0, begin + sent * 0.02 - time.monotonic()))


class _WsReader:
    """Reads the bot's frames: when each piece of bot audio arrived and how long it plays."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.audio: list[tuple[float, float]] = []  # (arrival, seconds of audio)
        self.queue = ""
        self.ended = asyncio.Event()

    async def run(self) -> None:
        try:
            async for frame in self.ws:
                if isinstance(frame, bytes):
                    self.audio.append((time.monotonic(), len(frame) / 32000))
                    continue
                event = json.loads(frame)
                if event["type"] == "handoff":
                    self.queue = event["queue"]
                elif event["type"] == "end":
                    return
        finally:
            self.ended.set()

    async def prompt_played(self, after: float, limit_s: float = 60) -> float | None:
        """Waits for the first bot audio after `after` and its playing time; returns arrival."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and not self.ended.is_set():
            later = [a for a in self.audio if a[0] >= after]
            if later:
                arrival, seconds = later[0]
                await asyncio.sleep(max(0.0, arrival + seconds + 0.3 - time.monotonic()))
                return arrival
            await asyncio.sleep(0.02)
        return None


async def run_ws(server: Any, n: int, turns: list[bytes], ends: list[int]) -> dict[str, Any]:
    calls = [ws_call(server.ws, turns, ends) for _ in range(n)]
    results = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), RUN_LIMIT_S)
    ok = [r for r in results if isinstance(r, dict)]
    return {
        "latencies_ms": [x for r in ok for x in r["latencies_ms"]],
        "completed": sum(1 for r in ok if r["queue"]),
        "failed": [repr(r) for r in results if not isinstance(r, dict)],
        "dropped": "n/a (TCP)",
    }


def run_sip(server: Any, n: int, turns: list[bytes], ends: list[int], folder: Path) -> dict:
    """N sipp calls at once; latencies from the server's records on the audio clock."""
    live, sip = server.app.state.live_calls, server.app.state.sip_server
    before_records, before_stats = len(live.records), len(sip.media_stats)
    gap_ms = 7000  # the bot answers the first turn within this pause
    pause = np.zeros(8000 * gap_ms // 1000, dtype=np.int16)
    greet = np.zeros(8000 * 9, dtype=np.int16)  # the greeting plays first
    first = np.frombuffer(turns[0], dtype="<i2")
    second = np.frombuffer(turns[1], dtype="<i2")
    wav = write_wav(
        folder / "caller.wav", np.concatenate([greet, first, pause, second, pause]), 8000, "mulaw"
    )
    speech_end_ms = [9000 + ends[0], 9000 + len(first) // 8 + gap_ms + ends[1]]
    xml = folder / "sip.xml"
    xml.write_text(sipp_scenario(wav, talk_ms=0, caller_hangs_up=False))
    done = subprocess.run(
        [
            "sipp",
            f"127.0.0.1:{server.sip_port}",
            "-sf",
            str(xml),
            "-s",
            "+498006673935",
            "-i",
            "127.0.0.1",
            "-p",
            "0",
            "-mi",
            "127.0.0.1",
            "-m",
            str(n),
            "-l",
            str(n),
            "-r",
            str(n),
            "-nostdin",
            "-timeout",
            f"{RUN_LIMIT_S}s",
            "-timeout_error",
        ],
        cwd=folder,
        capture_output=True,
        timeout=RUN_LIMIT_S + 30,
        check=False,
    )
    time.sleep(1.0)
    records = list(live.records)[before_records:]
    latencies = []
    for record in records:
        stops = [e.at_ms for e in record.events if isinstance(e, SpeechStopped)]
        replies = [e.at_ms for e in record.events if isinstance(e, BotSpeech)]
        for end_ms in speech_end_ms:
            after = [r for r in replies if r >= end_ms and any(end_ms <= s <= r for s in stops)]
            if after:
                latencies.append(after[0] - end_ms)
    stats = list(sip.media_stats)[before_stats:]
    return {
        "latencies_ms": latencies,
        "completed": sum(1 for r in records if r.handoff is not None),
        "failed": [] if done.returncode == 0 else [done.stderr.decode(errors="replace")[-300:]],
        "dropped": {
            "caller_packets_lost": sum(int(s.get("packets_lost", 0)) for s in stats),
            "caller_frames_concealed": sum(int(s.get("concealed_frames", 0)) for s in stats),
            "bot_frames_late": sum(int(s.get("late_ticks", 0)) for s in stats),
            "bot_frames_sent": sum(int(s.get("sent_frames", 0)) for s in stats),
        },
    }


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return float(np.percentile(np.asarray(values), q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1, 2, 5, 10, 20])
    parser.add_argument("--kinds", nargs="+", default=["ws", "sip"], choices=["ws", "sip"])
    parser.add_argument("--threads", type=int, default=1, help="cpu_threads per Whisper decode")
    parser.add_argument("--workers", type=int, default=2, help="decodes at once (num_workers)")
    parser.add_argument(
        "--baseline-threads", type=int, default=0, help="then again with these threads (0: no)"
    )
    parser.add_argument("--baseline-n", type=int, nargs="+", default=[5, 10])
    args = parser.parse_args()
    if "sip" in args.kinds and shutil.which("sipp") is None:
        sys.exit("load: sipp is not installed (apt sip-tester)")
    rows: list[dict[str, Any]] = []  # results are written after every run: a cut-off run counts
    run_all(args.kinds, args.n, args.threads, args.workers, rows)
    if args.baseline_threads:
        run_all(args.kinds, args.baseline_n, args.baseline_threads, args.workers, rows)


def run_all(
    kinds: list[str], ns: list[int], threads: int, workers: int, rows: list[dict[str, Any]]
) -> None:
    """Every kind and N against one server whose Whisper decodes use `threads` x `workers`."""
    folder = Path(tempfile.mkdtemp(prefix="voicebot-load-"))
    # SIP on in every run: the server then loads its models before the first call comes
    server = serve_calls(
        folder / "var", max_calls=max(ns), sip=True, asr_threads=threads, asr_workers=workers
    )
    turns16, ends = caller_turns(16000)
    turns8, _ = caller_turns(8000)
    asyncio.run(run_ws(server, 1, turns16, ends))  # warm-up: models, classifiers, prompt cache
    for kind in kinds:
        for n in ns:
            load_before = os.getloadavg()[0]
            with Meter() as meter:
                if kind == "ws":
                    result = asyncio.run(run_ws(server, n, turns16, ends))
                else:
                    result = run_sip(server, n, turns8, ends, folder)
            lat = result.pop("latencies_ms")
            row = {
                "kind": kind,
                "calls": n,
                "asr_threads": threads,
                "asr_workers": workers,
                "load_average_before": load_before,
                "turns_measured": len(lat),
                "p50_ms": percentile(lat, 50),
                "p95_ms": percentile(lat, 95),
                "max_ms": max(lat) if lat else None,
                "cpu_s_per_call": meter.cpu_s / n,
                "peak_rss_mb": meter.peak,
                "rss_mb_per_call": (meter.peak - meter.rss0) / n,
                **result,
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
            write_results(rows)
    server.stop()


def write_results(rows: list[dict[str, Any]]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine(
        load_average_at_start=os.getloadavg(),  # when written; rows have their own
        note="a shared machine: other jobs may have used the CPU during the run; "
        "compare ratios within one run",
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (RESULTS / "load.json").write_text(
        json.dumps({"machine": info, "peak_rss_mb": peak, "runs": rows}, indent=2)
    )

    def fmt(value: Any) -> str:
        return "–" if value is None else f"{value:.0f}" if isinstance(value, float) else str(value)

    lines = [
        "# Load: simultaneous live calls on loopback",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, load average when written "
        f"{info['load_average_at_start'][0]:.1f} (each run's load before it: column). "
        f"{info['note']}.",
        "",
        "| channel | threads x workers | calls | completed | turns | p50 ms | p95 ms | max ms "
        "| CPU s/call | MB/call | load before | dropped |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        dropped = (
            r["dropped"]
            if isinstance(r["dropped"], str)
            else (
                f"lost {r['dropped']['caller_packets_lost']}, concealed "
                f"{r['dropped']['caller_frames_concealed']}, late bot frames "
                f"{r['dropped']['bot_frames_late']}/{r['dropped']['bot_frames_sent']}"
            )
        )
        lines.append(
            f"| {r['kind']} | {r['asr_threads']} x {r['asr_workers']} | {r['calls']} "
            f"| {r['completed']} | {r['turns_measured']} "
            f"| {fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | {fmt(r['max_ms'])} "
            f"| {r['cpu_s_per_call']:.1f} | {r['rss_mb_per_call']:.0f} "
            f"| {r['load_average_before']:.1f} | {dropped} |"
        )
    lines += [
        "",
        "Turn latency: end of caller speech to the bot's answer (see benchmarks/load.py).",
        "",
    ]
    (RESULTS / "load.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
