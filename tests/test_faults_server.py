"""Faults of the server process and its stores, with real processes: `voicebot serve` killed
with SIGKILL while agents claim (SQLite and Redis), redis-server restarting under a running
server, and a full disk under the queue file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from pathlib import Path

import httpx
import pytest

from benchmarks.faults import ROOT, start_server, trial
from tests.plugins.servers import RedisServer, free_port, make_context, start_redis
from voicebot.handoff.sqlite_store import SqliteQueueStore
from voicebot.handoff.tokens import open_agent_tokens
from voicebot.settings import load_settings

QUICK_TRIALS = 1  # per store in the default run; benchmarks/faults.py runs 100


def redis_url(server: RedisServer, db: int) -> str:
    return f"redis://127.0.0.1:{server.port}/{db}"


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_sigkill_of_the_server_mid_claim_loses_and_duplicates_nothing(
    backend: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    url = redis_url(redis_server, 13) if backend == "redis" else ""
    for n in range(QUICK_TRIALS):
        result = await trial(backend, tmp_path / str(n), url, calls=30)
        assert result.ok, result


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_sigkill_of_the_server_a_hundred_times(
    backend: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    url = redis_url(redis_server, 12) if backend == "redis" else ""
    failed = [r for n in range(100) if not (r := await trial(backend, tmp_path / str(n), url)).ok]
    assert not failed, failed[:3]


async def test_the_server_rides_out_a_redis_restart(tmp_path: Path) -> None:
    redis_proc = start_redis(tmp_path / "redis")
    try:
        await redis_restart_under_server(redis_proc, tmp_path)
    finally:
        redis_proc.stop()


async def redis_restart_under_server(redis_proc: RedisServer, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "VOICEBOT_DATA": str(tmp_path),
        "VOICEBOT_QUEUE": redis_proc.url,
        "PYTHONPATH": str(ROOT),
    }
    settings = load_settings(env)
    from voicebot.handoff.store import open_queue_store

    store, tokens = open_queue_store(settings), open_agent_tokens(settings)
    for i in range(3):
        call_id = f"redis-restart-{i}"
        await store.enqueue(
            call_id, "nordwelle", "stoerungsdienst", "normal", make_context(call_id)
        )
    _, token = await tokens.add("nordwelle", "anna")
    await store.aclose()
    await tokens.aclose()
    port = free_port()
    server, _ = start_server(env, port)
    headers = {"authorization": f"Bearer {token}"}
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=20
        ) as client:
            assert (await client.get("/api/queues/stoerungsdienst")).status_code == 200
            os.kill(redis_proc.process.pid, signal.SIGKILL)
            redis_proc.process.wait()
            down = await client.get("/api/queues/stoerungsdienst")
            health = await client.get("/health")
            redis_proc = start_redis(redis_proc.directory, port=redis_proc.port)
            back = await client.get("/api/queues/stoerungsdienst")
            claimed = await client.post("/api/queues/stoerungsdienst/claim")
    finally:
        server.terminate()
        server.wait(timeout=30)
        redis_proc.stop()  # the restarted one (the first was killed)
    assert down.status_code == 503 and "queue store unavailable" in down.json()["detail"]
    assert health.status_code in (200, 503), "the server process is still there"
    assert back.status_code == 200 and len(back.json()["calls"]) == 3, "the AOF kept the calls"
    assert claimed.json()["call"]["call_id"] == "redis-restart-0"


def mount_tiny_tmpfs(where: Path) -> bool:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=320k", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False)


async def test_a_full_disk_under_the_queue_file_is_a_clear_error(tmp_path: Path) -> None:
    disk = tmp_path / "tiny-disk"
    if not mount_tiny_tmpfs(disk):
        pytest.skip("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)")
    try:
        store = SqliteQueueStore(disk / "voicebot.db")
        acked: list[str] = []
        with pytest.raises(sqlite3.OperationalError) as full:
            for i in range(20000):
                call_id = f"disk-full-{i:05d}"
                ctx = make_context(call_id)
                await store.enqueue(call_id, "nordwelle", "stoerungsdienst", "normal", ctx)
                acked.append(call_id)
        assert "database or disk is full" in str(full.value)
        kept = await store.waiting("nordwelle", "stoerungsdienst")
        assert acked and [c.call_id for c in kept] == acked, "acknowledged calls are all there"
        await store.aclose()
    finally:
        unmount(disk)


@pytest.mark.slow
async def test_twenty_calls_for_ten_minutes_stay_bounded() -> None:
    from benchmarks.soak import soak

    result = await soak(calls=20, minutes=10)
    assert result["failed"] == 0 and result["server_alive_at_end"], result["errors"]
    assert result["server_error_lines"] == 0, result["server_errors"]
    assert result["completed"] >= 20
    # RSS follows the calls in progress, which ramp up while the admission limit settles:
    # flat means flat once they are steady (the second half); a leak of 50 MiB in 5 min fails
    assert abs(result["rss_slope_second_half_mib_per_min"]) < 10.0, "memory stays flat"
