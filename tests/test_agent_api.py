"""The agent API on a real uvicorn: claim, read, close; tokens; every tenant sees only its own."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.plugins.servers import AgentServer, make_context
from voicebot.handoff.store import QueueStore, open_queue_store
from voicebot.handoff.tokens import open_agent_tokens


@pytest.fixture
async def store(agent_server: AgentServer) -> AsyncIterator[QueueStore]:
    """A second store on the server's data, as the dialog on another node would use it."""
    opened = open_queue_store(agent_server.settings)
    yield opened
    await opened.aclose()


@pytest.fixture
async def tokens(agent_server: AgentServer) -> dict[str, str]:
    """Tokens for agents of two tenants, made as `voicebot agents add` makes them."""
    agent_tokens = open_agent_tokens(agent_server.settings)
    made = {}
    for tenant, name in [("nordwelle", "anna"), ("nordwelle", "ben"), ("sonnhof", "sam")]:
        made[name] = (await agent_tokens.add(tenant, name))[1]
    await agent_tokens.aclose()
    return made


@pytest.fixture
async def client(agent_server: AgentServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=agent_server.base_url, timeout=30) as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def put_call(
    store: QueueStore, call_id: str, tenant: str, queue: str, priority: str = "normal"
) -> None:
    ctx = make_context(call_id, tenant=tenant, queue=queue, priority=priority)
    await store.enqueue(call_id, tenant, queue, priority, ctx)


async def test_health_says_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_openapi_documents_every_agent_endpoint(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    for path in [
        "/api/queues",
        "/api/queues/{queue}",
        "/api/queues/{queue}/claim",
        "/api/calls/{call_id}",
        "/api/calls/{call_id}/close",
        "/api/calls/{call_id}/heartbeat",
        "/api/stats",
        "/api/events",
        "/health",
    ]:
        assert path in paths
    assert (await client.get("/docs")).status_code == 200


async def test_an_agent_claims_reads_and_closes_a_call(
    client: httpx.AsyncClient, store: QueueStore, tokens: dict[str, str]
) -> None:
    await put_call(store, "call-nw-0001", "nordwelle", "stoerungsdienst")
    await put_call(store, "call-nw-0002", "nordwelle", "stoerungsdienst", priority="high")
    anna = bearer(tokens["anna"])
    queues = (await client.get("/api/queues", headers=anna)).json()
    by_queue = {q["queue"]: q for q in queues["queues"]}
    assert queues["tenant"] == "nordwelle" and by_queue["stoerungsdienst"]["waiting"] == 2
    assert by_queue["stoerungsdienst"]["name"] == "Störungsdienst"
    waiting = (await client.get("/api/queues/stoerungsdienst", headers=anna)).json()["calls"]
    assert [(c["call_id"], c["position"], c["priority"]) for c in waiting] == [
        ("call-nw-0002", 1, "high"),
        ("call-nw-0001", 2, "normal"),
    ]
    assert waiting[0]["summary"].startswith("Internet seit gestern gestört")

    claimed = (await client.post("/api/queues/stoerungsdienst/claim", headers=anna)).json()
    call = claimed["call"]
    assert (call["call_id"], call["state"], call["agent"]) == ("call-nw-0002", "claimed", "anna")
    assert call["context"] == make_context("call-nw-0002", priority="high")
    beat = await client.post("/api/calls/call-nw-0002/heartbeat", headers=anna)
    assert beat.status_code == 200
    assert [
        c["call_id"] for c in (await client.get("/api/me", headers=anna)).json()["claimed"]
    ] == ["call-nw-0002"]

    ben = bearer(tokens["ben"])
    taken_by_other = await client.post(
        "/api/calls/call-nw-0002/close", headers=ben, json={"result": "resolved"}
    )
    assert taken_by_other.status_code == 409
    closed = await client.post(
        "/api/calls/call-nw-0002/close",
        headers=anna,
        json={"result": "follow_up", "note": "Techniker schicken"},
    )
    assert closed.status_code == 200
    assert (closed.json()["state"], closed.json()["result"]) == ("closed", "follow_up")
    stats = (await client.get("/api/stats", headers=anna)).json()
    row = next(q for q in stats["queues"] if q["queue"] == "stoerungsdienst")
    assert (row["waiting"], row["handled_today"], len(row["hourly"])) == (1, 1, 24)


async def test_a_claim_of_an_empty_queue_gives_no_call(
    client: httpx.AsyncClient, tokens: dict[str, str]
) -> None:
    response = await client.post("/api/queues/abrechnung/claim", headers=bearer(tokens["anna"]))
    assert response.status_code == 200 and response.json() == {"call": None}


async def test_closing_needs_a_known_result(
    client: httpx.AsyncClient, store: QueueStore, tokens: dict[str, str]
) -> None:
    await put_call(store, "call-nw-0001", "nordwelle", "allgemein")
    await client.post("/api/queues/allgemein/claim", headers=bearer(tokens["anna"]))
    response = await client.post(
        "/api/calls/call-nw-0001/close", headers=bearer(tokens["anna"]), json={"result": "whatever"}
    )
    assert response.status_code == 422


async def test_a_close_without_a_body_records_the_result_other(
    client: httpx.AsyncClient, store: QueueStore, tokens: dict[str, str]
) -> None:
    """CONTRACTS.md names `POST /api/calls/{call_id}/close` without a body."""
    await put_call(store, "call-nw-0003", "nordwelle", "allgemein")
    await client.post("/api/queues/allgemein/claim", headers=bearer(tokens["anna"]))
    response = await client.post("/api/calls/call-nw-0003/close", headers=bearer(tokens["anna"]))
    assert response.status_code == 200, response.text
    assert (response.json()["state"], response.json()["result"]) == ("closed", "other")


async def test_missing_wrong_and_revoked_tokens_are_refused(
    client: httpx.AsyncClient, agent_server: AgentServer, tokens: dict[str, str]
) -> None:
    assert (await client.get("/api/queues")).status_code == 401
    wrong = tokens["anna"][:-4] + "AAAA"
    assert (await client.get("/api/queues", headers=bearer(wrong))).status_code == 401
    assert (await client.get("/api/queues", headers=bearer("not-a-token"))).status_code == 401
    agent_tokens = open_agent_tokens(agent_server.settings)
    await agent_tokens.revoke("nordwelle", "anna")
    await agent_tokens.aclose()
    assert (await client.get("/api/queues", headers=bearer(tokens["anna"]))).status_code == 401
    assert (await client.get("/api/queues", headers=bearer(tokens["ben"]))).status_code == 200


async def test_a_session_cookie_works_but_changes_need_the_agent_header(
    client: httpx.AsyncClient, store: QueueStore, tokens: dict[str, str]
) -> None:
    await put_call(store, "call-nw-0001", "nordwelle", "allgemein")
    login = await client.post("/api/session", json={"token": tokens["anna"]})
    assert login.status_code == 200 and login.json()["name"] == "anna"
    assert (await client.get("/api/queues")).status_code == 200
    assert (await client.post("/api/queues/allgemein/claim")).status_code == 403
    claim = await client.post("/api/queues/allgemein/claim", headers={"X-Voicebot-Agent": "1"})
    assert claim.json()["call"]["call_id"] == "call-nw-0001"
    await client.delete("/api/session")
    client.cookies.clear()
    assert (await client.get("/api/queues")).status_code == 401


async def first_event(
    client: httpx.AsyncClient, headers: dict[str, str], until: Any = None
) -> dict[str, Any]:
    """Reads the event stream until a `queues` event (that satisfies `until`, if given)."""
    async with asyncio.timeout(30), client.stream("GET", "/api/events", headers=headers) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        event = ""
        async for line in r.aiter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "queues":
                data = json.loads(line[6:])
                if until is None or until(data):
                    return data
    raise AssertionError("event stream ended")


async def test_the_event_stream_announces_a_new_call(
    client: httpx.AsyncClient, store: QueueStore, tokens: dict[str, str]
) -> None:
    anna = bearer(tokens["anna"])

    def waiting(data: dict[str, Any]) -> int:
        return sum(q["waiting"] for q in data["queues"])

    first = await first_event(client, anna)
    assert waiting(first) == 0
    reader = asyncio.create_task(first_event(client, anna, until=lambda d: waiting(d) == 1))
    await asyncio.sleep(0.5)  # let the stream's first snapshot pass before the call arrives
    await put_call(store, "call-nw-0001", "nordwelle", "beschwerde", priority="high")
    data = await reader
    assert data["tenant"] == "nordwelle"
    assert any(q["queue"] == "beschwerde" and q["waiting"] == 1 for q in data["queues"])


def test_serve_on_a_taken_port_fails_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "VOICEBOT_DATA": str(tmp_path), "VOICEBOT_QUEUE": ""}
        done = subprocess.run(
            [sys.executable, "-m", "voicebot.cli", "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith(f"voicebot: error: --host 127.0.0.1 --port {port}")
    )
    assert "Traceback" not in done.stderr
