"""Shared fixtures: a real redis-server on a free loopback port, the app on a real uvicorn."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from voicebot.settings import Settings


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    """A redis-server child process with append-only persistence in `directory`."""

    port: int
    directory: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_redis(directory: Path, port: int | None = None) -> RedisServer:
    """Starts redis-server on 127.0.0.1 (appendonly, fsync always) and waits for PING."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt redis-server; scripts/setup.sh --dev)")
    directory.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    args = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(directory),
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
        "--daemonize",
        "no",
        "--loglevel",
        "warning",
    ]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = RedisServer(port, directory, process)
    for _ in range(200):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return server
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"redis-server on port {port} did not answer PING")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One real redis-server for the whole session; tests keep apart by key prefix."""
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def unique_prefix() -> str:
    """A Redis key prefix no other test uses."""
    return f"test-{uuid.uuid4().hex[:10]}:"


def make_context(
    call_id: str,
    tenant: str = "nordwelle",
    queue: str = "stoerungsdienst",
    priority: str = "normal",
    **overrides: Any,
) -> dict[str, Any]:
    """A valid `voicebot.handoff/1` context, as the dialog would hand over."""
    ctx: dict[str, Any] = {
        "schema": "voicebot.handoff/1",
        "call_id": call_id,
        "tenant": tenant,
        "dialed": "+49 800 6673935",
        "caller": "+49 30 1234567",
        "language": "de",
        "queue": queue,
        "priority": priority,
        "reason": "intent",
        "intent": {
            "id": "stoerung",
            "confidence": 0.91,
            "alternatives": [{"id": "rechnung", "confidence": 0.05}],
        },
        "slots": {"customer_number": "40817253", "service": "internet"},
        "customer": {"number": "40817253", "verified": True, "name": "Erika Muster"},
        "summary": "Internet seit gestern gestört, Kunde identifiziert, keine bekannte Störung",
        "transcript": [
            {
                "role": "bot",
                "text": "Nordwelle, guten Tag. Wie kann ich helfen?",
                "at": "2026-01-05T09:00:01Z",
            },
            {
                "role": "caller",
                "text": "mein internet geht seit gestern nicht",
                "at": "2026-01-05T09:00:05Z",
                "confidence": 0.88,
            },
            {"role": "dtmf", "text": "40817253#", "at": "2026-01-05T09:00:15Z"},
        ],
        "started_at": "2026-01-05T09:00:00Z",
        "handed_off_at": "2026-01-05T09:00:30Z",
    }
    ctx.update(overrides)
    return ctx


@dataclass
class AgentServer:
    """The app served by a real uvicorn on a free loopback port."""

    base_url: str
    settings: Settings
    server: Any  # uvicorn.Server


def serve_in_thread(
    settings: Settings, tenant_queues: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[AgentServer, threading.Thread]:
    """Starts create_app(settings) with uvicorn in a thread; only agent routers, no models."""
    import uvicorn

    from voicebot.server.app import create_app

    app = create_app(
        settings,
        tenant_queues=tenant_queues,
        routers=("voicebot.server.agent_api", "voicebot.server.pages"),
    )
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.025)
    return AgentServer(f"http://127.0.0.1:{port}", settings, server), thread


DEMO_QUEUES = {
    "nordwelle": {
        "stoerungsdienst": "Störungsdienst",
        "abrechnung": "Abrechnung",
        "beschwerde": "Beschwerde",
        "allgemein": "Allgemein",
    },
    "sonnhof": {
        "qualitaet": "Qualität",
        "verbraucherservice": "Verbraucherservice",
        "allgemein": "Allgemein",
    },  # 'allgemein' on purpose: same name, other tenant
}


@pytest.fixture
def agent_server(
    request: pytest.FixtureRequest, tmp_path: Path, redis_server: RedisServer
) -> Iterator[AgentServer]:
    """The agent API on uvicorn; `@pytest.mark.parametrize('agent_server', ['redis'],
    indirect=True)` switches the queue store from SQLite to the session's Redis."""
    backend = getattr(request, "param", "sqlite")
    # Redis database 15 belongs to these tests: flushed before each, other tests use prefixes.
    queue_url = f"redis://127.0.0.1:{redis_server.port}/15" if backend == "redis" else ""
    settings = Settings(
        data_dir=tmp_path / "var", intents_dir=tmp_path / "intents", queue_url=queue_url
    )
    if backend == "redis":
        import redis

        with redis.Redis.from_url(queue_url) as client:
            client.flushdb()
    served, thread = serve_in_thread(settings, DEMO_QUEUES)
    yield served
    served.server.should_exit = True
    thread.join(timeout=10)
