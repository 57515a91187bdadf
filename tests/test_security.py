"""Security at the front door, on the real app served by uvicorn: which endpoints need a token,
hashed per-tenant tokens, rate limits on logins, bad tokens and calls, body limits, CORS and
origin checks for browser pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets

from tests.plugins.servers import DEMO_QUEUES, AgentServer, free_port
from voicebot.handoff.tokens import open_agent_tokens
from voicebot.server.limits import Limits, TokenBuckets, origin_allowed
from voicebot.settings import Settings

PUBLIC_GET = {
    "/health",
    "/metrics",
    "/call",
    "/call/tenants",
    "/agent",
    "/supervisor",
    "/analytics",
    "/inbox",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/openapi.json",
}
# The pages are static HTML that log in with a token; /docs and /openapi.json describe the API
# without data. Everything else that reads or changes data needs an agent token.


@pytest.fixture
def full_app_server(tmp_path: Path) -> Iterator[tuple[AgentServer, object]]:
    """Every router of the real app (models load only when a call comes), on uvicorn."""
    import threading
    import time

    import uvicorn

    from voicebot.server.app import create_app

    root = Path(__file__).resolve().parent.parent
    settings = Settings(data_dir=tmp_path / "var", intents_dir=root / "intents")
    app = create_app(settings, tenant_queues=DEMO_QUEUES)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield AgentServer(f"http://127.0.0.1:{port}", settings, server), app
    server.should_exit = True
    thread.join(timeout=10)


def all_routes(routes: list, prefix: str = "") -> Iterator[tuple[set[str], str]]:
    """(methods, path) of every route, through included routers too."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from all_routes(included.routes, prefix + route.include_context.prefix)
        else:
            yield set(getattr(route, "methods", None) or ()), prefix + str(route.path)


def data_routes(app: object) -> list[tuple[str, str]]:
    """(method, path) of every HTTP route that is not a public page, path params filled."""
    routes = []
    for methods, path in all_routes(app.routes):  # type: ignore[attr-defined]
        if not methods or path.startswith("/static") or path in PUBLIC_GET:
            continue
        filled = path.replace("{queue}", "allgemein").replace("{call_id}", "c1")
        routes.extend((m, filled) for m in sorted(methods - {"HEAD", "OPTIONS"}))
    return routes


def test_no_endpoint_gives_data_without_a_token(full_app_server) -> None:
    served, app = full_app_server
    routes = data_routes(app)
    assert len(routes) >= 10, routes
    with httpx.Client(base_url=served.base_url, timeout=30) as client:
        for method, path in routes:
            reply = client.request(method, path, json={})
            if path == "/api/session" and method in ("POST", "DELETE"):
                assert reply.status_code in (401, 422, 200), (method, path)  # login/logout
                assert "set-cookie" not in reply.headers or method == "DELETE"
                continue
            assert reply.status_code == 401, (method, path, reply.status_code)
        assert client.get("/health").status_code in (200, 503)
        assert client.get("/metrics").status_code == 200


async def test_tokens_are_stored_only_as_salted_hashes_and_bound_to_one_tenant(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, intents_dir=tmp_path / "intents")
    tokens = open_agent_tokens(settings)
    _, first = await tokens.add("nordwelle", "anna")
    _, second = await tokens.add("sonnhof", "anna")
    await tokens.aclose()
    stored = (tmp_path / "voicebot.db").read_bytes()
    for token in (first, second):
        secret = token.split("_", 2)[2]  # the secret itself may hold "_"
        assert len(secret) >= 40 and secret.encode() not in stored
    with sqlite3.connect(tmp_path / "voicebot.db") as conn:
        rows = conn.execute("SELECT tenant, salt, token_hash FROM agent_tokens").fetchall()
    assert {r[0] for r in rows} == {"nordwelle", "sonnhof"}
    assert len({r[1] for r in rows}) == 2 and all(len(r[2]) == 64 for r in rows)


async def test_tokens_whose_secret_holds_underscores_verify(tmp_path: Path) -> None:
    """token_urlsafe secrets hold "_" and "-" about half of the time; they must still verify."""
    tokens = open_agent_tokens(Settings(data_dir=tmp_path, intents_dir=tmp_path / "intents"))
    seen_underscore = False
    for n in range(40):
        agent, token = await tokens.add("nordwelle", f"agent{n}")
        seen_underscore |= "_" in token.split("_", 2)[2]
        assert await tokens.verify(token) == agent
        assert await tokens.verify(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    await tokens.aclose()
    assert seen_underscore


async def test_logins_and_bad_tokens_are_rate_limited_per_address(
    agent_server: AgentServer,
) -> None:
    limits = Limits()
    async with httpx.AsyncClient(base_url=agent_server.base_url) as client:
        codes = [
            (
                await client.post("/api/session", json={"token": f"vb_{i:012x}_" + "x" * 30})
            ).status_code
            for i in range(limits.login_burst + 2)
        ]
        assert codes[: limits.login_burst] == [401] * limits.login_burst
        assert codes[-1] == 429
        refused = await client.get("/api/queues", headers={"authorization": "Bearer nope"})
        for _ in range(limits.auth_failures_burst):
            refused = await client.get("/api/queues", headers={"authorization": "Bearer nope"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "too many bad tokens" in refused.json()["detail"]


def test_token_buckets_refill_with_time() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_s=1.0, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.take("b") == 0.0, "another address has its own bucket"
    now[0] = 1.0
    assert buckets.take("a") == 0.0


async def test_new_calls_from_one_address_are_rate_limited(agent_server: AgentServer) -> None:
    app = agent_server.server.config.app
    app.state.front_door.configure(Limits(calls_per_s=0.01, calls_burst=2))
    ws_url = agent_server.base_url.replace("http", "ws") + "/calls"
    statuses = []
    for _ in range(3):
        try:
            async with websockets.connect(ws_url):
                statuses.append(101)
        except websockets.InvalidStatus as exc:
            statuses.append(exc.response.status_code)
    assert statuses[-1] == 429, statuses  # the first two pass the door (no call router here)


async def test_oversized_bodies_are_refused_with_413(agent_server: AgentServer) -> None:
    async with httpx.AsyncClient(base_url=agent_server.base_url) as client:
        declared = await client.post("/api/session", content=b"x" * (65 * 1024))

        async def chunks():  # no Content-Length: counted while read
            for _ in range(100):
                yield b"x" * 1024

        streamed = await client.post("/api/session", content=chunks())
    assert declared.status_code == 413 and streamed.status_code == 413
    assert "limit" in declared.json()["detail"]


async def test_pages_of_other_sites_cannot_call_the_api_or_open_a_call(
    agent_server: AgentServer,
) -> None:
    evil = "https://evil.example"
    async with httpx.AsyncClient(base_url=agent_server.base_url) as client:
        preflight = await client.options(
            "/api/queues",
            headers={
                "origin": evil,
                "access-control-request-method": "GET",
                "access-control-request-headers": "authorization",
            },
        )
        posted = await client.post("/api/session", json={"token": "x"}, headers={"origin": evil})
        read = await client.get("/health", headers={"origin": evil})
        own = await client.post(
            "/api/session", json={"token": "x"}, headers={"origin": agent_server.base_url}
        )
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers
    assert posted.status_code == 403 and "evil.example" in posted.json()["detail"]
    assert "access-control-allow-origin" not in read.headers
    assert own.status_code == 401, "the server's own page passes the origin check"
    ws_url = agent_server.base_url.replace("http", "ws") + "/calls"
    with pytest.raises(websockets.InvalidStatus) as refused:
        async with websockets.connect(ws_url, origin=evil):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403


def test_origin_rule() -> None:
    assert origin_allowed("", "bot.local:8080", ())  # not a browser (Twilio, softphone, curl)
    assert origin_allowed("http://bot.local:8080", "bot.local:8080", ())
    assert not origin_allowed("http://bot.local.evil:8080", "bot.local:8080", ())
    assert not origin_allowed("null", "bot.local:8080", ())
    assert origin_allowed("https://crm.example", "bot.local:8080", ("https://crm.example",))
