"""Soak: N concurrent browser calls (WS /calls) against a real `voicebot serve` on loopback.

Each caller loop: dial nordwelle, wait for the greeting, say (Pico voice, real time) "Ich möchte
bitte mit einem Mitarbeiter sprechen.", wait for the handoff and the end, hang up, dial again.
Measured: calls completed and failed, turn latency (end of caller audio to the bot's answer)
per minute, server RSS sampled every 5 s and its slope (least squares, MiB per minute, first
minute left out as warm-up).

    .venv/bin/python benchmarks/soak.py --calls 20 --minutes 10   # writes results/soak.*
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.faults import free_port, machine, start_server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
NORDWELLE = "+49 800 6673935"
CHUNK_MS = 20


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def one_call(ws_url: str, words: bytes, stats: dict[str, Any]) -> None:
    """One whole call; appends its latency or its failure to stats."""
    url = f"{ws_url}/calls?dialed={quote(NORDWELLE)}"
    async with (
        asyncio.timeout(300),
        websockets.connect(
            url,
            max_size=2**24,
            open_timeout=300,  # the first call waits for the models to load
            ping_interval=None,  # a loop busy loading models misses pings
        ) as ws,
    ):
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await wait_for(ws, "bot_text")
        pcm = b"\x00\x00" * 4800 + words
        size = 16000 * CHUNK_MS // 1000 * 2
        reader = asyncio.create_task(wait_for(ws, "handoff"))
        for start in range(0, len(pcm), size):
            await ws.send(pcm[start : start + size])
            await asyncio.sleep(CHUNK_MS / 1000)
        spoke_until = time.monotonic()
        while not reader.done():  # a phone line goes on sending (silence) until the bot answers
            await ws.send(b"\x00\x00" * (size // 2))
            await asyncio.sleep(CHUNK_MS / 1000)
        await reader
        stats["latency_s"].append((time.monotonic(), time.monotonic() - spoke_until))
        await wait_for(ws, "end")
        stats["completed"] += 1


async def wait_for(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        frame = await ws.recv()
        if isinstance(frame, str):
            event = json.loads(frame)
            if event["type"] == "error":
                raise RuntimeError(f"server error: {event}")
            if event["type"] == kind:
                return event


async def caller(ws_url: str, words: bytes, stats: dict[str, Any], until: float) -> None:
    while time.monotonic() < until:
        try:
            await one_call(ws_url, words, stats)
        except Exception as exc:  # counted, and the caller dials again
            stats["failed"] += 1
            stats["errors"].append(f"{type(exc).__name__}: {exc}"[:200])


async def sample_memory(pid: int, stats: dict[str, Any], until: float, t0: float) -> None:
    while time.monotonic() < until:
        stats["rss"].append((time.monotonic() - t0, rss_mib(pid)))
        await asyncio.sleep(5)


def slope_mib_per_min(rss: list[tuple[float, float]]) -> float:
    points = [(t, m) for t, m in rss if t >= 60] or rss
    if len(points) < 2:
        return 0.0
    t, m = np.array(points).T
    return float(np.polyfit(t / 60, m, 1)[0])


def per_minute(latencies: list[tuple[float, float]], t0: float) -> list[dict[str, float]]:
    minutes: dict[int, list[float]] = {}
    for at, latency in latencies:
        minutes.setdefault(int((at - t0) // 60), []).append(latency)
    return [
        {
            "minute": k,
            "calls": len(v),
            "p50_s": float(np.percentile(v, 50)),
            "p95_s": float(np.percentile(v, 95)),
        }
        for k, v in sorted(minutes.items())
    ]


async def soak(calls: int, minutes: float) -> dict[str, Any]:
    from voicebot.audio.resample import pcm_at_rate
    from voicebot.tts.pico import PicoSynthesizer

    sentence = "Ich möchte bitte mit einem Mitarbeiter sprechen."
    pcm, rate = PicoSynthesizer().synthesize(sentence, "de")
    words = pcm_at_rate(pcm, rate, 16000)
    data = Path(tempfile.mkdtemp(prefix="voicebot-soak-"))
    env = {
        **os.environ,
        "VOICEBOT_DATA": str(data),
        "PYTHONPATH": str(ROOT),
        "VOICEBOT_MAX_CALLS": str(calls + 5),
        "VOICEBOT_LOG_LEVEL": "WARNING",
    }
    port = free_port()
    server, start_s = start_server(env, port)
    stats: dict[str, Any] = {
        "completed": 0,
        "failed": 0,
        "errors": [],
        "latency_s": [],
        "warmup_errors": [],
        "rss": [],
    }
    try:
        ws_url = f"ws://127.0.0.1:{port}"
        for attempt in range(3):  # the first call loads the models; on a busy machine the
            try:  # server's keepalive may drop it meanwhile (noted in docs/reliability.md)
                await one_call(ws_url, words, {"completed": 0, "latency_s": []})
                break
            except Exception as exc:
                stats["warmup_errors"].append(f"{attempt}: {type(exc).__name__}: {exc}"[:200])
        t0 = time.monotonic()
        until = t0 + minutes * 60
        await asyncio.gather(
            sample_memory(server.pid, stats, until, t0),
            *(caller(ws_url, words, stats, until) for _ in range(calls)),
        )
        alive = server.poll() is None
    finally:
        stopping = time.monotonic()
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        stop_s = time.monotonic() - stopping
    latencies = [lat for _, lat in stats["latency_s"]]
    return {
        "machine": machine(),
        "concurrent_calls": calls,
        "minutes": minutes,
        "server_start_s": round(start_s, 2),
        "server_alive_at_end": alive,
        "server_stop_s": round(stop_s, 1),
        "completed": stats["completed"],
        "failed": stats["failed"],
        "errors": stats["errors"][:20],
        "warmup_errors": stats["warmup_errors"],
        "latency_p50_s": float(np.percentile(latencies, 50)) if latencies else None,
        "latency_p95_s": float(np.percentile(latencies, 95)) if latencies else None,
        "latency_per_minute": per_minute(stats["latency_s"], t0),
        "rss_mib_start": stats["rss"][0][1] if stats["rss"] else None,
        "rss_mib_end": stats["rss"][-1][1] if stats["rss"] else None,
        "rss_slope_mib_per_min": slope_mib_per_min(stats["rss"]),
        "rss_samples": stats["rss"],
    }


def write_results(result: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(result, indent=2))
    m = result["machine"]
    lines = [
        f"# Soak: {result['concurrent_calls']} concurrent calls for {result['minutes']} min",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores (other jobs may have shared the CPU).",
        "",
        "| completed | failed | latency p50 s | p95 s | RSS start MiB | RSS end MiB | "
        "RSS slope MiB/min | server alive |",
        "|---|---|---|---|---|---|---|---|",
        f"| {result['completed']} | {result['failed']} | {result['latency_p50_s'] or 0:.2f} | "
        f"{result['latency_p95_s'] or 0:.2f} | {result['rss_mib_start'] or 0:.0f} | "
        f"{result['rss_mib_end'] or 0:.0f} | {result['rss_slope_mib_per_min']:.2f} | "
        f"{result['server_alive_at_end']} |",
        "",
        "| minute | calls | p50 s | p95 s |",
        "|---|---|---|---|",
        *(
            f"| {r['minute']} | {r['calls']} | {r['p50_s']:.2f} | {r['p95_s']:.2f} |"
            for r in result["latency_per_minute"]
        ),
    ]
    (RESULTS / "soak.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    write_results(asyncio.run(soak(args.calls, args.minutes)))


if __name__ == "__main__":
    main()
