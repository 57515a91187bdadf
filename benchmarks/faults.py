"""Kill -9 of the real server (`voicebot serve`) with calls queued and agents mid-claim.

Each trial: N calls enter the queue (acknowledged by the store), four agents claim and close
calls over the agent API, the server process gets SIGKILL at a random moment, a new server
starts on the same store, abandoned claims return to the queue and the agents drain it.
Checked: no acknowledged call lost, no call handed to two agents at once, no call closed twice,
every acknowledged close durable. SQLite (WAL) and Redis (appendonly, everysec).

    .venv/bin/python benchmarks/faults.py --trials 100     # writes benchmarks/results/faults.*
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TENANT, QUEUE = "nordwelle", "stoerungsdienst"


@dataclass
class TrialResult:
    backend: str
    calls: int
    closed_before_kill: int  # closes the API acknowledged before the kill
    claimed_at_kill: int  # claims acknowledged but not yet closed when the server died
    lost: list[str] = field(default_factory=list)
    given_twice: list[str] = field(default_factory=list)
    closed_twice: list[str] = field(default_factory=list)
    unclosed_after_drain: list[str] = field(default_factory=list)
    restart_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.given_twice or self.closed_twice or self.unclosed_after_drain)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], float]:
    """`voicebot serve` in a child process; returns once /health answers (and how long it took)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicebot.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(1200):
        if proc.poll() is not None:
            raise RuntimeError(f"voicebot serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code in (200, 503):
                return proc, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("voicebot serve did not answer /health")


async def agent_loop(
    base: str, token: str, log: dict[str, list[tuple[str, str]]], name: str, stop: asyncio.Event
) -> None:
    """Claims and closes calls until told to stop or the server is gone; logs what was acked."""
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=5) as client:
        while not stop.is_set():
            try:
                reply = await client.post(f"/api/queues/{QUEUE}/claim")
                call = reply.json().get("call") if reply.status_code == 200 else None
                if call is None:
                    return
                log["claimed"].append((name, call["call_id"]))
                done = await client.post(
                    f"/api/calls/{call['call_id']}/close", json={"result": "resolved"}
                )
                if done.status_code == 200:
                    log["closed"].append((name, call["call_id"]))
            except httpx.HTTPError:
                return  # the server died under us


async def prepare(env: dict[str, str], calls: int) -> tuple[list[str], list[str]]:
    """Queues `calls` calls and makes four agent tokens; returns (call ids, tokens)."""
    from tests.plugins.servers import make_context
    from voicebot.handoff.store import open_queue_store
    from voicebot.handoff.tokens import open_agent_tokens
    from voicebot.settings import load_settings

    settings = load_settings(env)
    store, tokens = open_queue_store(settings), open_agent_tokens(settings)
    ids = [f"kill-{i:04d}-{random.randrange(16**6):06x}" for i in range(calls)]
    for call_id in ids:
        await store.enqueue(call_id, TENANT, QUEUE, "normal", make_context(call_id))
    made = [(await tokens.add(TENANT, f"agent{i}"))[1] for i in range(4)]
    await store.aclose()
    await tokens.aclose()
    return ids, made


async def run_agents(
    base: str,
    tokens: list[str],
    log: dict[str, list[tuple[str, str]]],
    kill_after_s: float | None,
    proc: subprocess.Popen[bytes] | None,
) -> None:
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(agent_loop(base, t, log, f"agent{i}", stop))
        for i, t in enumerate(tokens)
    ]
    if kill_after_s is not None and proc is not None:
        await asyncio.sleep(kill_after_s)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    await asyncio.gather(*tasks)


async def verify(
    env: dict[str, str],
    ids: list[str],
    before: dict[str, Any],
    after: dict[str, Any],
    result: TrialResult,
) -> None:
    """Reads the store directly; fills the result's lists of violations."""
    from voicebot.handoff.store import open_queue_store
    from voicebot.settings import load_settings

    store = open_queue_store(load_settings(env))
    found = {i: await store.get(TENANT, i) for i in ids}
    await store.aclose()
    result.lost = [i for i, call in found.items() if call is None]
    closes = [c for _, c in before["closed"]] + [c for _, c in after["closed"]]
    result.closed_twice = sorted({c for c in closes if closes.count(c) > 1})
    held: dict[str, str] = {}
    for agent, call_id in before["claimed"]:
        if call_id in held and held[call_id] != agent:
            result.given_twice.append(call_id)
        held[call_id] = agent
    result.unclosed_after_drain = [i for i, c in found.items() if c and c.state != "closed"]


async def trial(backend: str, workdir: Path, redis_url: str = "", calls: int = 40) -> TrialResult:
    """One kill-and-restart trial (see the module docstring)."""
    await asyncio.to_thread(workdir.mkdir, parents=True, exist_ok=True)
    env = {
        **os.environ,
        "VOICEBOT_DATA": str(workdir),
        "VOICEBOT_QUEUE": redis_url,
        "VOICEBOT_INTENTS": str(ROOT / "intents"),
        "PYTHONPATH": str(ROOT),
    }
    if backend == "redis":
        import redis

        with redis.Redis.from_url(redis_url) as client:
            client.flushdb()
    ids, tokens = await prepare(env, calls)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc, _ = start_server(env, port)
    before: dict[str, list[tuple[str, str]]] = {"claimed": [], "closed": []}
    await run_agents(base, tokens, before, random.uniform(0.05, 0.6), proc)
    result = TrialResult(
        backend,
        calls,
        len(before["closed"]),
        len({c for _, c in before["claimed"]} - {c for _, c in before["closed"]}),
    )
    await release_abandoned(env)
    proc, result.restart_s = start_server(env, port)
    after: dict[str, list[tuple[str, str]]] = {"claimed": [], "closed": []}
    try:
        await run_agents(base, tokens, after, None, None)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    await verify(env, ids, before, after, result)
    return result


async def release_abandoned(env: dict[str, str]) -> None:
    """Claims of agents who never heard back return to the queue (the claim timeout passed)."""
    from voicebot.handoff.store import open_queue_store
    from voicebot.settings import load_settings

    store = open_queue_store(load_settings(env), clock=lambda: time.time() + 3600)
    await store.requeue_abandoned()
    await store.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args()
    import tempfile

    from tests.plugins.servers import start_redis

    base = Path(tempfile.mkdtemp(prefix="voicebot-faults-"))
    redis_server = start_redis(base / "redis")
    results: list[TrialResult] = []
    try:
        for n in range(args.trials):
            for backend in ("sqlite", "redis"):
                url = f"redis://127.0.0.1:{redis_server.port}/13" if backend == "redis" else ""
                results.append(await trial(backend, base / f"{backend}-{n}", url, args.calls))
                print(f"trial {n} {backend}: {'ok' if results[-1].ok else results[-1]}", flush=True)
            write_results(results, args, quiet=True)  # a stopped run still leaves its figures
    finally:
        redis_server.stop()
    write_results(results, args)


def write_results(
    results: list[TrialResult], args: argparse.Namespace, quiet: bool = False
) -> None:
    summary = {}
    for backend in ("sqlite", "redis"):
        mine = [r for r in results if r.backend == backend]
        summary[backend] = {
            "trials": len(mine),
            "failed_trials": sum(not r.ok for r in mine),
            "calls": sum(r.calls for r in mine),
            "lost": sum(len(r.lost) for r in mine),
            "given_twice": sum(len(r.given_twice) for r in mine),
            "closed_twice": sum(len(r.closed_twice) for r in mine),
            "claims_open_at_kill": sum(r.claimed_at_kill for r in mine),
            "closes_before_kill": sum(r.closed_before_kill for r in mine),
            "restart_s_median": sorted(r.restart_s for r in mine)[len(mine) // 2] if mine else 0,
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "machine": machine(note="other jobs may have shared the CPU during this run"),
        "calls_per_trial": args.calls,
        "summary": summary,
        "trials": [asdict(r) for r in results],
    }
    (RESULTS / "faults.json").write_text(json.dumps(out, indent=2))
    lines = [
        "# Kill -9 of the server with calls queued and agents mid-claim",
        "",
        f"Machine: {out['machine']['cpu']}, {out['machine']['cores']} cores "
        f"(other jobs may have shared the CPU). {args.calls} calls per trial, 4 agents.",
        "",
        "| store | trials | failed | calls | lost | given twice | closed twice | "
        "claims open at kill | restart s (median) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for backend, s in summary.items():
        lines.append(
            f"| {backend} | {s['trials']} | {s['failed_trials']} | {s['calls']} | {s['lost']} | "
            f"{s['given_twice']} | {s['closed_twice']} | {s['claims_open_at_kill']} | "
            f"{s['restart_s_median']:.2f} |"
        )
    (RESULTS / "faults.md").write_text("\n".join(lines) + "\n")
    if not quiet:
        print("\n".join(lines))


if __name__ == "__main__":
    asyncio.run(main())
