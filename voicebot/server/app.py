"""The FastAPI app factory: shared state (queue store, tokens, tenants) plus routers per concern.

A router module exposes `router: fastapi.APIRouter` and, when it needs start-up or shut-down
work (loading models, a SIP socket), `lifespan(app) -> AsyncContextManager[None]`. While a
module is still getting ready it adds its name to `state.not_ready`; `/health` says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from voicebot.handoff.store import QueueStore, open_queue_store
from voicebot.handoff.tenant_queues import TenantQueues, load_tenant_queues
from voicebot.handoff.tokens import AgentTokens, open_agent_tokens
from voicebot.server.limits import install_limits
from voicebot.settings import Settings

log = logging.getLogger(__name__)

ROUTER_MODULES = (
    "voicebot.server.agent_api",
    "voicebot.server.pages",
    "voicebot.server.calls_ws",
    "voicebot.server.twilio_ws",
    "voicebot.server.metrics",
    "voicebot.server.analytics_api",
    "voicebot.server.inbox_api",
    "voicebot.server.call_page",
    "voicebot.server.sip_service",
)
STATIC_DIR = Path(__file__).resolve().parent / "static"
REQUEUE_EVERY_S = 5.0  # how often abandoned claims are looked for


@dataclass
class ServerState:
    """What request handlers share; reach it as `request.app.state.voicebot`."""

    settings: Settings
    queue_store: QueueStore
    agent_tokens: AgentTokens
    tenant_queues: TenantQueues
    not_ready: set[str] = field(default_factory=set)


def server_state(request: Request) -> ServerState:
    """The ServerState of the app serving this request."""
    state: ServerState = request.app.state.voicebot
    return state


def _router_modules(names: Sequence[str]) -> list[ModuleType]:
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not a router not written yet
                raise
    return modules


async def _requeue_abandoned_forever(store: QueueStore) -> None:
    """Returns calls of agents that stopped sending heartbeats to their queue, forever."""
    while True:
        await asyncio.sleep(REQUEUE_EVERY_S)
        try:
            requeued = await store.requeue_abandoned()
        except Exception:  # a store hiccup must not end the loop; the next round retries
            log.exception("requeue of abandoned claims failed")
            continue
        if requeued:
            log.info("returned %d abandoned call(s) to their queue", len(requeued))


def create_app(
    settings: Settings,
    *,
    tenant_queues: Mapping[str, Mapping[str, str]] | None = None,
    routers: Sequence[str] = ROUTER_MODULES,
) -> FastAPI:
    """The voicebot server app; `tenant_queues` overrides the tenant files (tests, tools)."""
    state = ServerState(
        settings=settings,
        queue_store=open_queue_store(settings),
        agent_tokens=open_agent_tokens(settings),
        tenant_queues=(
            load_tenant_queues(settings.intents_dir) if tenant_queues is None else tenant_queues
        ),
    )
    modules = _router_modules(routers)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_requeue_abandoned_forever(state.queue_store))
        try:
            async with contextlib.AsyncExitStack() as stack:
                for module in modules:
                    if hasattr(module, "lifespan"):
                        await stack.enter_async_context(module.lifespan(app))
                yield
        finally:
            sweeper.cancel()
            await state.queue_store.aclose()
            await state.agent_tokens.aclose()

    app = FastAPI(
        title="voicebot",
        summary="Offline voice bot and IVR: call endpoints, human queues, agent API.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.voicebot = state
    install_limits(app)  # voicebot.server.limits: sizes, rates, origins; request metrics
    for module in modules:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/health", tags=["server"], summary="Ready once models and stores are loaded")
    async def health() -> JSONResponse:
        if state.not_ready:
            body = {"status": "starting", "waiting_for": sorted(state.not_ready)}
            return JSONResponse(body, status_code=503)
        return JSONResponse({"status": "ok"})

    return app
