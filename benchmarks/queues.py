"""Queue benchmark: enqueue and claim throughput and latency, SQLite vs Redis, 1/10/50 clients.

Each client is an asyncio task with its own store (own connection), as separate bot servers
or agents would have, all in this one process; SQLite calls go through asyncio.to_thread.
Every enqueue carries a realistic ~1.4 kB handoff context. Redis runs as a fresh local
redis-server (appendonly yes, appendfsync everysec) on a free loopback port; SQLite is one
WAL file in a temp folder. Bounded: OPS enqueues and OPS claims per configuration.
Run: `.venv/bin/python benchmarks/queues.py [--ops 1000]`. Other jobs may share the CPU:
compare ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
from voicebot.handoff.redis_store import RedisQueueStore  # noqa: E402
from voicebot.handoff.sqlite_store import SqliteQueueStore  # noqa: E402
from voicebot.handoff.store import QueueStore  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
CLIENTS = (1, 10, 50)


def context(call_id: str) -> dict[str, object]:
    """A handoff context of typical size (summary, intent, slots, a short transcript)."""
    turns = [
        {
            "role": "caller" if i % 2 else "bot",
            "text": f"Satz Nummer {i} im Gespräch " * 3,
            "at": f"2026-01-05T09:00:{i:02d}Z",
        }
        for i in range(8)
    ]
    return {
        "schema": "voicebot.handoff/1",
        "call_id": call_id,
        "tenant": "nordwelle",
        "dialed": "+49 800 6673935",
        "caller": None,
        "language": "de",
        "queue": "stoerungsdienst",
        "priority": "normal",
        "reason": "intent",
        "intent": {"id": "stoerung", "confidence": 0.9, "alternatives": []},
        "slots": {"customer_number": "40817253"},
        "customer": {"number": "40817253", "verified": True, "name": None},
        "summary": "Internet gestört seit gestern",
        "transcript": turns,
        "started_at": "2026-01-05T09:00:00Z",
        "handed_off_at": "2026-01-05T09:00:30Z",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(folder),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), 0.2):
                return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


async def timed_phase(
    stores: list[QueueStore], ops: int, step: Callable[[QueueStore, int, int], Awaitable[None]]
) -> dict[str, float]:
    """Runs `ops` operations spread over the clients; ops/s and latency percentiles in ms."""
    latencies: list[float] = []
    per_client = ops // len(stores)

    async def client(index: int, store: QueueStore) -> None:
        for n in range(per_client):
            started = time.perf_counter()
            await step(store, index, n)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client(i, s) for i, s in enumerate(stores)))
    wall = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "ops": len(latencies),
        "ops_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49], 2),
        "p99_ms": round(q[98], 2),
    }


async def run_config(open_store: Callable[[], QueueStore], clients: int, ops: int) -> dict:
    stores = [open_store() for _ in range(clients)]

    async def enqueue(store: QueueStore, index: int, n: int) -> None:
        call_id = f"call-{clients}-{index}-{n:05d}"
        await store.enqueue(call_id, "nordwelle", "stoerungsdienst", "normal", context(call_id))

    async def claim(store: QueueStore, index: int, n: int) -> None:
        if await store.claim("nordwelle", "stoerungsdienst", f"agent{index}") is None:
            raise RuntimeError("queue ran empty: a call was lost")

    result = {
        "enqueue": await timed_phase(stores, ops, enqueue),
        "claim": await timed_phase(stores, ops, claim),
    }
    if await stores[0].claim("nordwelle", "stoerungsdienst", "check") is not None:
        raise RuntimeError("calls left over after claiming all of them")
    for store in stores:
        await store.aclose()
    return result


async def main(ops: int) -> dict:
    results: dict[str, dict[str, dict]] = {"sqlite": {}, "redis": {}}
    with tempfile.TemporaryDirectory() as tmp:
        redis_proc, url = start_redis(Path(tmp))
        try:
            for clients in CLIENTS:
                db = Path(tmp) / f"q{clients}.db"
                results["sqlite"][str(clients)] = await run_config(
                    lambda db=db: SqliteQueueStore(db), clients, ops
                )
                prefix = f"bench{clients}:"
                results["redis"][str(clients)] = await run_config(
                    lambda prefix=prefix: RedisQueueStore(url, prefix=prefix), clients, ops
                )
                print(f"{clients} clients done", file=sys.stderr)
        finally:
            redis_proc.terminate()
            redis_proc.wait()
    return results


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# Queue store benchmark",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, redis {m['redis']}. "
        "Other jobs may have shared the CPU: compare ratios within this run.",
        f"{report['ops']} enqueues then {report['ops']} claims per row; each client its own "
        "connection, all in one process (asyncio tasks). Latency per operation.",
        "Enqueue validates the context against the JSON Schema in Python first; with many "
        "clients the single client process (its CPU, SQLite's one writer) is the limit, not "
        "Redis. Several bot servers each bring their own CPU.",
        "",
        "| store | clients | enqueue ops/s | enqueue p50 ms | enqueue p99 ms "
        "| claim ops/s | claim p50 ms | claim p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for store, rows in report["results"].items():
        for clients, r in rows.items():
            e, c = r["enqueue"], r["claim"]
            lines.append(
                f"| {store} | {clients} | {e['ops_per_s']} | {e['p50_ms']} | "
                f"{e['p99_ms']} | {c['ops_per_s']} | {c['p50_ms']} | {c['p99_ms']} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=1000, help="enqueues (and claims) per row")
    args = parser.parse_args()
    report = {
        "benchmark": "queues",
        "machine": machine(
            redis=subprocess.run(
                ["redis-server", "--version"], capture_output=True, text=True
            ).stdout.split(" ")[2]
        ),
        "ops": args.ops,
        "note": "other jobs may have shared the CPU",
        "results": asyncio.run(main(args.ops)),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "queues.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "queues.md").write_text(markdown(report))
    print(markdown(report))
