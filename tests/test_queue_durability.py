"""Queues survive crashes: processes racing for calls, SIGKILL of a process holding the store,
SIGKILL of redis-server itself (append-only file). No call is ever lost or given out twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.plugins.servers import RedisServer, make_context, start_redis, unique_prefix
from voicebot.handoff.redis_store import RedisQueueStore
from voicebot.handoff.sqlite_store import SqliteQueueStore
from voicebot.handoff.store import QueueStore

ROOT = Path(__file__).resolve().parent.parent

# A worker process: `claim AGENT` takes calls until none is left (4 tasks racing inside the
# process too) and prints them as JSON; `enqueue` queues calls forever and prints each id
# once enqueue() has returned, i.e. once the store acknowledged it.
WORKER = """
import asyncio, json, sys
from voicebot.handoff.redis_store import RedisQueueStore
from voicebot.handoff.sqlite_store import SqliteQueueStore
from tests.plugins.servers import make_context

async def main(kind, where, prefix, mode, agent):
    store = SqliteQueueStore(where) if kind == "sqlite" else RedisQueueStore(where, prefix=prefix)
    if mode == "enqueue":
        n = 0
        while True:
            call_id = f"call-{agent}-{n:05d}"
            ctx = make_context(call_id)
            await store.enqueue(call_id, "nordwelle", "stoerungsdienst", "normal", ctx)
            if n % 10 == 0:
                await store.claim("nordwelle", "stoerungsdienst", agent)  # held when killed
            print(call_id, flush=True)
            n += 1
    print("ready", flush=True)
    sys.stdin.readline()  # the test starts all claimers at once, whatever their start-up time
    async def take():
        got = []
        while (call := await store.claim("nordwelle", "stoerungsdienst", agent)) is not None:
            got.append(call.call_id)
        return got
    results = await asyncio.gather(*(take() for _ in range(4)))
    await store.aclose()
    print(json.dumps([c for got in results for c in got]))

asyncio.run(main(*sys.argv[1:]))
"""


def worker(kind: str, where: str, prefix: str, mode: str, agent: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, kind, where, prefix, mode, agent],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def open_store(kind: str, where: str, prefix: str, clock: float | None = None) -> QueueStore:
    clock_fn = (lambda: clock) if clock is not None else time.time
    if kind == "sqlite":
        return SqliteQueueStore(where, clock=clock_fn)
    return RedisQueueStore(where, prefix=prefix, clock=clock_fn)


@pytest.fixture(params=["sqlite", "redis"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str, str]:
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "q.db"), ""
    server: RedisServer = request.getfixturevalue("redis_server")
    return "redis", server.url, unique_prefix()


async def test_processes_racing_for_calls_never_share_one_and_leave_none(
    backend: tuple[str, str, str],
) -> None:
    kind, where, prefix = backend
    store = open_store(kind, where, prefix)
    ids = [f"call-race-{i:04d}" for i in range(200)]
    for call_id in ids:
        await store.enqueue(
            call_id, "nordwelle", "stoerungsdienst", "normal", make_context(call_id)
        )
    procs = [worker(kind, where, prefix, "claim", f"agent{i}") for i in range(4)]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    claimed = [c for p in procs for c in json.loads(p.communicate(timeout=120)[0])]
    assert sorted(claimed) == ids
    assert len({c.agent for c in [await store.get("nordwelle", i) for i in ids] if c}) >= 2
    await store.aclose()


def acknowledged_then_kill(proc: subprocess.Popen[str], count: int) -> list[str]:
    """Reads `count` acknowledged ids from the writer, then SIGKILLs it mid-work."""
    assert proc.stdout is not None
    acked = [proc.stdout.readline().strip() for _ in range(count)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    return acked


async def assert_none_lost(store: QueueStore, acked: list[str]) -> None:
    """Every acknowledged call is there; calls the dead process held come back to the queue."""
    held = [c for c in [await store.get("nordwelle", i) for i in acked] if c]
    assert [c.call_id for c in held] == acked
    assert {c.state for c in held} <= {"waiting", "claimed"}
    await store.requeue_abandoned()  # the store's clock is far beyond the claim timeout
    waiting = {c.call_id for c in await store.waiting("nordwelle", "stoerungsdienst")}
    assert set(acked) <= waiting


async def test_sigkill_of_a_process_writing_to_sqlite_loses_no_queued_call(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    SqliteQueueStore(db)  # schema first, so the writer does not race the test for it
    acked = acknowledged_then_kill(worker("sqlite", db, "", "enqueue", "w1"), 60)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = open_store("sqlite", db, "", clock=time.time() + 3600)
    await assert_none_lost(store, acked)
    await store.aclose()


async def test_sigkill_of_redis_server_and_the_writer_loses_no_queued_call(tmp_path: Path) -> None:
    server = start_redis(tmp_path / "redis")
    prefix = unique_prefix()
    try:
        acked = acknowledged_then_kill(worker("redis", server.url, prefix, "enqueue", "w2"), 60)
        os.kill(server.process.pid, signal.SIGKILL)  # the queue server itself dies too
        server.process.wait(timeout=10)
        server = start_redis(server.directory, port=server.port)  # replays the append-only file
        store = open_store("redis", server.url, prefix, clock=time.time() + 3600)
        await assert_none_lost(store, acked)
        await store.aclose()
    finally:
        server.stop()
