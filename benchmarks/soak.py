"""Soak: N concurrent browser calls (WS /calls) against a real `voicebot serve` on loopback.

Each caller loop: dial nordwelle, wait for the greeting, say (Pico voice, real time) "Ich möchte
bitte mit einem Mitarbeiter sprechen.", keep streaming silence like a phone line until the
handoff to `allgemein`, wait for the end, hang up, dial again. The callers start one after
another within --ramp-s; a caller told "all lines busy" dials again after --redial-s. Agents
(--agents) claim and close the handed-over calls over the agent API, as a call centre would,
so the queue stays short.

Measured per minute: calls completed, refused busy and failed, turn latency (end of the caller's
speech to the handoff), greeting latency (dial to the first bot text), server RSS (sampled every
5 s) and load average. The RSS slope (least squares, MiB per minute) leaves out the warm-up
(--warmup-s); the "floor" slope fits each minute's lowest sample, which does not swing with the
number of calls in flight. Server log lines at ERROR count as errors.

    .venv/bin/python benchmarks/soak.py --calls 20 --minutes 10   # writes results/soak.*
    .venv/bin/python benchmarks/soak.py --calls 4 --minutes 1 --out /tmp/soak-try  # rehearsal
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import numpy as np
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.faults import free_port  # noqa: E402
from benchmarks.machine_info import machine  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
NORDWELLE = "+49 800 6673935"
TENANT, QUEUE = "nordwelle", "allgemein"
SENTENCE = "Ich möchte bitte mit einem Mitarbeiter sprechen."
CHUNK_MS = 20


class Busy(Exception):
    """The server answered with 'all lines busy' (shed load, not an error)."""


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def one_call(ws_url: str, words: bytes, stats: dict[str, Any], t0: float) -> None:
    """One whole call; appends its latencies, or raises Busy or the failure."""
    url = f"{ws_url}/calls?dialed={quote(NORDWELLE)}"
    dialed = time.monotonic()
    async with (
        asyncio.timeout(300),
        websockets.connect(url, max_size=2**24, open_timeout=60) as ws,
    ):
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        greeting = await wait_for(ws, "bot_text")
        if "Leitungen belegt" in greeting["text"]:
            await wait_for(ws, "end")
            raise Busy()
        greeted_s = time.monotonic() - dialed
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
        handoff = await reader
        answered = time.monotonic()
        if handoff["queue"] != QUEUE:
            raise RuntimeError(f"handed to {handoff['queue']!r}, not {QUEUE!r}")
        await wait_for(ws, "end")
    at = answered - t0
    stats["latency_s"].append((at, answered - spoke_until))
    stats["greeting_s"].append((at, greeted_s))


async def wait_for(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        frame = await ws.recv()
        if isinstance(frame, str):
            event = json.loads(frame)
            if event["type"] == "error":
                raise RuntimeError(f"server error: {event.get('code')}: {event.get('message')}")
            if event["type"] == kind:
                return event
            if event["type"] == "end":
                raise RuntimeError(f"call ended before {kind}: {event}")


async def caller(
    ws_url: str,
    words: bytes,
    stats: dict[str, Any],
    t0: float,
    until: float,
    redial_s: float,
    start_s: float,
) -> None:
    await asyncio.sleep(start_s)  # callers come one after another, not in the same instant
    while time.monotonic() < until:
        try:
            await one_call(ws_url, words, stats, t0)
        except Busy:
            stats["busy"].append(time.monotonic() - t0)
            await asyncio.sleep(redial_s)  # a caller told "busy" tries again a little later
        except Exception as exc:  # counted, and the caller dials again
            stats["failed"].append(time.monotonic() - t0)
            stats["errors"].append(f"{type(exc).__name__}: {exc}"[:200])


async def agent(base: str, token: str, stats: dict[str, Any], until: float) -> None:
    """Claims and closes the calls handed to `allgemein` (polls every second when empty)."""
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        while time.monotonic() < until:
            try:
                reply = await client.post(f"/api/queues/{QUEUE}/claim")
                call = reply.json().get("call") if reply.status_code == 200 else None
                if call is None:
                    await asyncio.sleep(1.0)
                    continue
                done = await client.post(
                    f"/api/calls/{call['call_id']}/close", json={"result": "resolved"}
                )
                stats["agent_closed"] += done.status_code == 200
            except httpx.HTTPError as exc:
                stats["errors"].append(f"agent: {type(exc).__name__}: {exc}"[:200])
                await asyncio.sleep(1.0)


async def sample(pid: int, base: str, stats: dict[str, Any], until: float, t0: float) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        while time.monotonic() < until:
            now = time.monotonic() - t0
            stats["rss"].append((now, rss_mib(pid)))
            stats["load"].append((now, os.getloadavg()[0]))
            with contextlib.suppress(httpx.HTTPError):
                active = _metric(
                    (await client.get(f"{base}/metrics")).text, "voicebot_calls_active"
                )
                if active is not None:
                    stats["active"].append((now, active))
            await asyncio.sleep(5)


def slope_mib_per_min(points: list[tuple[float, float]]) -> float | None:
    if len(points) < 2:
        return None
    t, m = np.array(points).T
    return float(np.polyfit(t / 60, m, 1)[0])


def per_minute(stats: dict[str, Any], minutes: float) -> list[dict[str, Any]]:
    def minute(at: float) -> int:
        return int(at // 60)

    rows = []
    last = max((at for at, _ in stats["latency_s"]), default=0.0)  # calls ending after the clock
    for k in range(max(int(np.ceil(minutes)), minute(last) + 1)):
        lat = [v for at, v in stats["latency_s"] if minute(at) == k]
        greet = [v for at, v in stats["greeting_s"] if minute(at) == k]
        rss = [m for at, m in stats["rss"] if minute(at) == k]
        load = [v for at, v in stats["load"] if minute(at) == k]
        active = [v for at, v in stats["active"] if minute(at) == k]
        rows.append(
            {
                "minute": k,
                "completed": len(lat),
                "busy": sum(1 for at in stats["busy"] if minute(at) == k),
                "failed": sum(1 for at in stats["failed"] if minute(at) == k),
                "p50_s": float(np.percentile(lat, 50)) if lat else None,
                "p95_s": float(np.percentile(lat, 95)) if lat else None,
                "greeting_p50_s": float(np.percentile(greet, 50)) if greet else None,
                "rss_min_mib": min(rss) if rss else None,
                "rss_max_mib": max(rss) if rss else None,
                "load_average": round(float(np.mean(load)), 1) if load else None,
                "calls_active_mean": round(float(np.mean(active)), 1) if active else None,
            }
        )
    return rows


async def agent_tokens(env: dict[str, str], count: int) -> list[str]:
    from voicebot.handoff.tokens import open_agent_tokens
    from voicebot.settings import load_settings

    tokens = open_agent_tokens(load_settings(env))
    made = [(await tokens.add(TENANT, f"soak{i}"))[1] for i in range(count)]
    await tokens.aclose()
    return made


def start_server(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "voicebot.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


async def until_ready(proc: subprocess.Popen[bytes], base: str, limit_s: float = 600) -> float:
    """Seconds until /health says ok (the server loads its models before answering calls)."""
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=5) as client:
        while time.monotonic() - started < limit_s:
            if proc.poll() is not None:
                raise RuntimeError(f"voicebot serve exited with {proc.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{base}/health")).status_code == 200:
                    return time.monotonic() - started
            await asyncio.sleep(0.2)
    raise RuntimeError("voicebot serve did not become ready")


def server_errors(log_path: Path) -> list[str]:
    """The server's log lines at ERROR or worse (JSON lines; other lines are kept if they say
    Traceback)."""
    found = []
    for line in log_path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            if "Traceback" in line:
                found.append(line[:200])
            continue
        if isinstance(record, dict) and record.get("level") in ("ERROR", "CRITICAL"):
            found.append(f"{record.get('logger')}: {record.get('message')}"[:200])
    return found


async def soak(
    calls: int,
    minutes: float,
    *,
    agents: int = 2,
    redial_s: float = 5.0,
    ramp_s: float = 30.0,
    warmup_s: float = 60.0,
    max_calls: int = 0,
    arena_max: int = 0,
) -> dict[str, Any]:
    from voicebot.audio.resample import pcm_at_rate
    from voicebot.tts.pico import PicoSynthesizer

    pcm, rate = PicoSynthesizer().synthesize(SENTENCE, "de")
    words = pcm_at_rate(pcm, rate, 16000)
    data = Path(tempfile.mkdtemp(prefix="voicebot-soak-"))
    env = {
        **os.environ,
        "VOICEBOT_DATA": str(data),
        "VOICEBOT_QUEUE": "",
        "PYTHONPATH": str(ROOT),
        "VOICEBOT_LOG_LEVEL": "WARNING",
    }
    if max_calls:
        env["VOICEBOT_MAX_CALLS"] = str(max_calls)
    if arena_max:
        env["MALLOC_ARENA_MAX"] = str(arena_max)
    tokens = await agent_tokens(env, agents)
    port = free_port()
    base, ws_url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    load_before = os.getloadavg()
    log_path = data / "server.log"
    server = start_server(env, port, log_path)
    stats: dict[str, Any] = {
        "failed": [],
        "busy": [],
        "errors": [],
        "latency_s": [],
        "greeting_s": [],
        "rss": [],
        "load": [],
        "active": [],
        "agent_closed": 0,
    }
    alive = False
    try:
        ready_s = await until_ready(server, base)
        rss_ready = rss_mib(server.pid)
        warm: dict[str, Any] = {"latency_s": [], "greeting_s": []}
        try:  # one call before the clock runs
            await one_call(ws_url, words, warm, time.monotonic())
        except Exception as exc:
            stats["errors"].append(f"warm-up call: {type(exc).__name__}: {exc}"[:200])
        t0 = time.monotonic()
        until = t0 + minutes * 60
        await asyncio.gather(
            sample(server.pid, base, stats, until, t0),
            *(agent(base, t, stats, until) for t in tokens),
            *(
                caller(ws_url, words, stats, t0, until, redial_s, ramp_s * i / calls)
                for i in range(calls)
            ),
        )
        alive = server.poll() is None
        async with httpx.AsyncClient(timeout=10) as client:
            metrics = (await client.get(f"{base}/metrics")).text
    finally:
        stopping = time.monotonic()
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        stop_s = time.monotonic() - stopping
    after = [(t, m) for t, m in stats["rss"] if t >= warmup_s]
    rows = per_minute(stats, minutes)
    floor = [(60 * r["minute"] + 30, r["rss_min_mib"]) for r in rows if r["rss_min_mib"]]
    floor_after = [(t, m) for t, m in floor if t >= warmup_s]
    latencies = [lat for _, lat in stats["latency_s"]]
    errors = server_errors(log_path)
    return {
        "machine": machine(load_average_before=load_before),
        "concurrent_calls": calls,
        "minutes": minutes,
        "agents": agents,
        "redial_after_busy_s": redial_s,
        "callers_start_within_s": ramp_s,
        "server_max_calls": max_calls or "default (20)",
        "malloc_arena_max": arena_max or "unset",
        "server_ready_s": round(ready_s, 1),
        "server_alive_at_end": alive,
        "server_stop_s": round(stop_s, 1),
        "completed": len(latencies),
        "busy": len(stats["busy"]),
        "failed": len(stats["failed"]),
        "errors": stats["errors"][:20],
        "server_error_lines": len(errors),
        "server_errors": errors[:20],
        "agent_closed": stats["agent_closed"],
        "latency_p50_s": float(np.percentile(latencies, 50)) if latencies else None,
        "latency_p95_s": float(np.percentile(latencies, 95)) if latencies else None,
        "per_minute": rows,
        "rss_mib_ready": round(rss_ready, 1),
        "rss_mib_end": stats["rss"][-1][1] if stats["rss"] else None,
        "rss_mib_max": max((m for _, m in stats["rss"]), default=None),
        "warmup_s": warmup_s,
        "rss_slope_mib_per_min": slope_mib_per_min(after),
        "rss_floor_slope_mib_per_min": slope_mib_per_min(floor_after),
        "rss_slope_second_half_mib_per_min": slope_mib_per_min(
            [(t, m) for t, m in stats["rss"] if t >= minutes * 30]
        ),
        "metrics_calls_refused_busy": _metric(metrics, "voicebot_calls_refused_busy"),
        "rss_samples": stats["rss"],
    }


def _metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


def _f(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def write_results(result: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(json.dumps(result, indent=2))
    m = result["machine"]
    load = ", ".join(f"{x:.1f}" for x in m["load_average_before"])
    lines = [
        f"# Soak: {result['concurrent_calls']} concurrent calls for {result['minutes']:g} min",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; load average before "
        f"the run {load} (1/5/15 min), during it: column `load`. Server: `voicebot serve` "
        f"(max_calls {result['server_max_calls']}, MALLOC_ARENA_MAX "
        f"{result['malloc_arena_max']}), ready {result['server_ready_s']} s after start; "
        f"{result['agents']} agents close the handed-over calls; the callers start within "
        f"{result['callers_start_within_s']:g} s; a busy caller redials after "
        f"{result['redial_after_busy_s']:g} s.",
        "",
        "| completed | busy | failed | server errors | latency p50 s | p95 s | RSS ready MiB | "
        "RSS max | RSS end | slope MiB/min | floor slope | 2nd half slope | server alive |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {result['completed']} | {result['busy']} | {result['failed']} | "
        f"{result['server_error_lines']} | {_f(result['latency_p50_s'])} | "
        f"{_f(result['latency_p95_s'])} | {_f(result['rss_mib_ready'], 0)} | "
        f"{_f(result['rss_mib_max'], 0)} | {_f(result['rss_mib_end'], 0)} | "
        f"{_f(result['rss_slope_mib_per_min'], 2)} | "
        f"{_f(result['rss_floor_slope_mib_per_min'], 2)} | "
        f"{_f(result.get('rss_slope_second_half_mib_per_min'), 2)} | "
        f"{result['server_alive_at_end']} |",
        "",
        f"Slopes after the first {result['warmup_s']:g} s; the floor slope fits each minute's "
        "lowest RSS sample; the 2nd half slope fits the samples of the run's second half. "
        "Latency: end of the caller's speech to the handoff.",
        "",
        "| minute | completed | busy | failed | p50 s | p95 s | greeting p50 s | "
        "calls in progress (mean) | RSS min–max MiB | load |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {r['minute']} | {r['completed']} | {r['busy']} | {r['failed']} | "
            f"{_f(r['p50_s'])} | {_f(r['p95_s'])} | {_f(r['greeting_p50_s'], 2)} | "
            f"{_f(r['calls_active_mean'])} | "
            f"{_f(r['rss_min_mib'], 0)}–{_f(r['rss_max_mib'], 0)} | {_f(r['load_average'])} |"
            for r in result["per_minute"]
        ),
    ]
    if result["errors"] or result["server_errors"]:
        lines += ["", "Errors (first few):", ""]
        lines += [f"- {e}" for e in (result["errors"] + result["server_errors"])[:10]]
    (out / "soak.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20, help="concurrent callers")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--agents", type=int, default=2, help="agents closing handed-over calls")
    parser.add_argument("--redial-s", type=float, default=5.0, help="pause after 'lines busy'")
    parser.add_argument("--ramp-s", type=float, default=30.0, help="callers start within")
    parser.add_argument("--warmup-s", type=float, default=60.0, help="left out of the slopes")
    parser.add_argument("--max-calls", type=int, default=0, help="server max_calls (0: default)")
    parser.add_argument("--arena-max", type=int, default=0, help="MALLOC_ARENA_MAX (0: unset)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for soak.json/.md")
    args = parser.parse_args()
    result = asyncio.run(
        soak(
            args.calls,
            args.minutes,
            agents=args.agents,
            redial_s=args.redial_s,
            ramp_s=args.ramp_s,
            warmup_s=args.warmup_s,
            max_calls=args.max_calls,
            arena_max=args.arena_max,
        )
    )
    write_results(result, args.out)


if __name__ == "__main__":
    main()
