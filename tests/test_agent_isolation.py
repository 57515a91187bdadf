"""Tenant isolation: every agent endpoint x every tenant's token, on both queue stores.

Two tenants share the name `allgemein` for a queue on purpose; each also has queues of its
own. A token must get 404 (exactly as for things that do not exist) for the other tenant's
queues and calls, must never see them in lists or streams, and must not change them.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.plugins.servers import AgentServer, make_context
from voicebot.handoff.store import QueueStore, open_queue_store
from voicebot.handoff.tokens import open_agent_tokens

TENANTS = {  # tenant -> (agent, its own queue, its call there, its call in 'allgemein')
    "nordwelle": ("anna", "stoerungsdienst", "call-nw-0001", "call-nw-0002"),
    "sonnhof": ("sam", "qualitaet", "call-sh-0001", "call-sh-0002"),
}
# (method, path template, body): {queue} is the other tenant's own queue, {call} its call.
FOREIGN_REQUESTS = [
    ("GET", "/api/queues/{queue}", None),
    ("POST", "/api/queues/{queue}/claim", None),
    ("GET", "/api/calls/{call}", None),
    ("GET", "/api/calls/{shared_call}", None),
    ("POST", "/api/calls/{call}/heartbeat", None),
    ("POST", "/api/calls/{shared_call}/heartbeat", None),
    ("POST", "/api/calls/{call}/release", None),
    ("POST", "/api/calls/{shared_call}/close", {"result": "resolved"}),
    ("POST", "/api/calls/{call}/close", {"result": "resolved"}),
]
BACKENDS = pytest.mark.parametrize("agent_server", ["sqlite", "redis"], indirect=True)


@pytest.fixture
async def seeded(agent_server: AgentServer) -> AsyncIterator[tuple[dict[str, str], QueueStore]]:
    """Tokens per tenant; each tenant's calls in its own queue and in 'allgemein'."""
    store = open_queue_store(agent_server.settings)
    agent_tokens = open_agent_tokens(agent_server.settings)
    tokens = {}
    for tenant, (agent, queue, own_call, shared_call) in TENANTS.items():
        tokens[tenant] = (await agent_tokens.add(tenant, agent))[1]
        for call_id, q in [(own_call, queue), (shared_call, "allgemein")]:
            await store.enqueue(call_id, tenant, q, "normal", make_context(call_id, tenant, q))
    await agent_tokens.aclose()
    yield tokens, store
    await store.aclose()


def other(tenant: str) -> str:
    return next(t for t in TENANTS if t != tenant)


async def assert_untouched(store: QueueStore, tenant: str) -> None:
    _, _, own_call, shared_call = TENANTS[tenant]
    for call_id in (own_call, shared_call):
        call = await store.get(tenant, call_id)
        assert call is not None and call.state == "waiting" and call.claims == 0


@BACKENDS
@pytest.mark.parametrize("tenant", list(TENANTS))
async def test_a_token_gets_404_for_every_endpoint_touching_another_tenant(
    agent_server: AgentServer, seeded: tuple[dict[str, str], QueueStore], tenant: str
) -> None:
    tokens, store = seeded
    foreign = other(tenant)
    _, foreign_queue, foreign_call, foreign_shared = TENANTS[foreign]
    headers = {"Authorization": f"Bearer {tokens[tenant]}"}
    async with httpx.AsyncClient(base_url=agent_server.base_url, timeout=30) as client:
        for method, template, body in FOREIGN_REQUESTS:
            path = template.format(
                queue=foreign_queue, call=foreign_call, shared_call=foreign_shared
            )
            response = await client.request(method, path, headers=headers, json=body)
            assert response.status_code == 404, (tenant, method, path, response.text)
            missing = template.format(
                queue="no-such-queue", call="call-none-0000", shared_call="call-none-0001"
            )
            unknown = await client.request(method, missing, headers=headers, json=body)
            assert response.json() == unknown.json()  # nothing tells it exists elsewhere
    await assert_untouched(store, foreign)


@BACKENDS
@pytest.mark.parametrize("tenant", list(TENANTS))
async def test_lists_stats_and_claims_of_a_token_hold_only_its_own_tenant(
    agent_server: AgentServer, seeded: tuple[dict[str, str], QueueStore], tenant: str
) -> None:
    tokens, store = seeded
    _, own_queue, own_call, own_shared = TENANTS[tenant]
    foreign = other(tenant)
    foreign_queue = TENANTS[foreign][1]
    headers = {"Authorization": f"Bearer {tokens[tenant]}"}
    async with httpx.AsyncClient(base_url=agent_server.base_url, timeout=30) as client:
        listed = (await client.get("/api/queues", headers=headers)).json()
        assert listed["tenant"] == tenant
        names = {q["queue"] for q in listed["queues"]}
        assert own_queue in names and "allgemein" in names and foreign_queue not in names
        shared = (await client.get("/api/queues/allgemein", headers=headers)).json()
        assert [c["call_id"] for c in shared["calls"]] == [own_shared]
        stats = (await client.get("/api/stats", headers=headers)).json()
        assert stats["tenant"] == tenant
        assert foreign_queue not in {q["queue"] for q in stats["queues"]}
        assert sum(q["waiting"] for q in stats["queues"]) == 2
        me = (await client.get("/api/me", headers=headers)).json()
        assert me["tenant"] == tenant and me["claimed"] == []
        event = await first_queues_event(client, headers)
        assert event["tenant"] == tenant
        assert foreign_queue not in {q["queue"] for q in event["queues"]}
        claimed = [
            (await client.post("/api/queues/allgemein/claim", headers=headers)).json()
            for _ in range(2)
        ]
        assert claimed[0]["call"]["call_id"] == own_shared and claimed[1]["call"] is None
        own = (await client.get(f"/api/calls/{own_call}", headers=headers)).json()
        assert own["context"]["tenant"] == tenant
    await assert_untouched(store, foreign)


async def first_queues_event(client: httpx.AsyncClient, headers: dict[str, str]) -> Any:
    async with asyncio.timeout(30), client.stream("GET", "/api/events", headers=headers) as r:
        async for line in r.aiter_lines():
            if line.startswith("data: "):
                return json.loads(line[6:])
    raise AssertionError("event stream ended without a snapshot")
