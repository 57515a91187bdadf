"""Agent API: a tenant's queues, atomic claims, heartbeats, closing with a result, live events.

Every route is scoped to the tenant of the caller's token: another tenant's queue or call is
answered exactly like one that does not exist (404), so tokens cannot probe each other.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from voicebot.handoff.context import summary_line
from voicebot.handoff.store import ClaimLost, QueuedCall, UnknownCall
from voicebot.handoff.tokens import Agent
from voicebot.server import auth
from voicebot.server.app import ServerState, server_state
from voicebot.server.auth import CurrentAgent

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["agent"])
router.include_router(auth.router)

EVENTS_POLL_S = 0.5  # how often the event stream looks for changes in the store
EVENTS_KEEPALIVE_S = 15.0
QueueName = Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="queue id from tenant.yaml")
CallId = Path(min_length=1, max_length=128)
Result = Literal["resolved", "follow_up", "transferred", "caller_gone", "other"]


class QueueSummary(BaseModel):
    queue: str
    name: str
    waiting: int
    claimed: int = Field(description="calls agents are on right now")
    longest_wait_s: float
    handled_today: int
    estimated_wait_s: float = Field(description="for a caller joining now")
    mean_handle_s: float | None


class QueuesOut(BaseModel):
    tenant: str
    agent: str
    queues: list[QueueSummary]


class CallOut(BaseModel):
    call_id: str
    queue: str
    priority: Literal["normal", "high"]
    state: Literal["waiting", "claimed", "closed"]
    position: int | None = Field(None, description="1 is next; only while waiting")
    waited_s: float = Field(description="from entering the queue until claimed (or now)")
    summary: str
    enqueued_at: str
    claimed_at: str | None
    agent: str | None
    closed_at: str | None
    result: str | None
    note: str | None
    claims: int
    context_version: int
    context: dict[str, Any] = Field(description="voicebot.handoff/1 document, whole")


class QueueOut(BaseModel):
    queue: str
    name: str
    calls: list[CallOut]


class ClaimOut(BaseModel):
    call: CallOut | None = Field(description="null when the queue is empty")


class CloseIn(BaseModel):
    result: Result = Field("other", description="how the call ended for the agent")
    note: str = Field("", max_length=2000)


class MeOut(BaseModel):
    tenant: str
    name: str
    claimed: list[CallOut]


class HourOut(BaseModel):
    hour: int
    entered: int
    handled: int
    mean_wait_s: float | None


class QueueStatsOut(QueueSummary):
    hourly: list[HourOut]


class StatsOut(BaseModel):
    tenant: str
    day: str
    queues: list[QueueStatsOut]


def _iso(epoch: float | None) -> str | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).isoformat()


def call_out(call: QueuedCall, now: float, position: int | None = None) -> CallOut:
    """The JSON shape of a queued call."""
    waited = (call.claimed_at or call.closed_at or now) - call.enqueued_at
    return CallOut(
        call_id=call.call_id,
        queue=call.queue,
        priority=call.priority_name,  # type: ignore[arg-type]
        state=call.state,
        position=position,
        waited_s=round(max(0.0, waited), 1),
        summary=summary_line(call.context),
        enqueued_at=_iso(call.enqueued_at) or "",
        claimed_at=_iso(call.claimed_at),
        agent=call.agent,
        closed_at=_iso(call.closed_at),
        result=call.result,
        note=call.note,
        claims=call.claims,
        context_version=call.context_version,
        context=dict(call.context),
    )


async def tenant_queue_names(state: ServerState, tenant: str) -> dict[str, str]:
    """Queue id -> display name: declared in the tenant files, plus any that held calls."""
    declared = dict(state.tenant_queues.get(tenant, {}))
    for queue in await state.queue_store.queues(tenant):
        declared.setdefault(queue, queue)
    return dict(sorted(declared.items()))


async def _queue_name(state: ServerState, tenant: str, queue: str) -> str:
    """Display name of one of the tenant's queues; 404 for queues the tenant does not have."""
    declared = state.tenant_queues.get(tenant)
    if declared is None:  # tenant without tenant files: any queue name is its own
        return queue
    if queue in declared:
        return declared[queue]
    if queue in await state.queue_store.queues(tenant):  # removed from tenant.yaml, calls left
        return queue
    raise HTTPException(status.HTTP_404_NOT_FOUND, "no such queue for this tenant")


async def _summary(state: ServerState, tenant: str, queue: str, name: str) -> QueueSummary:
    stats = await state.queue_store.stats(tenant, queue)
    estimate = await state.queue_store.estimate_wait_s(tenant, queue)
    return QueueSummary(
        queue=queue,
        name=name,
        waiting=stats.waiting,
        claimed=stats.claimed,
        longest_wait_s=round(stats.longest_wait_s, 1),
        handled_today=stats.handled_today,
        estimated_wait_s=round(estimate, 1),
        mean_handle_s=stats.mean_handle_s,
    )


async def queues_snapshot(state: ServerState, agent: Agent) -> QueuesOut:
    """Every queue of the agent's tenant with its counters."""
    names = await tenant_queue_names(state, agent.tenant)
    summaries = [await _summary(state, agent.tenant, q, n) for q, n in names.items()]
    return QueuesOut(tenant=agent.tenant, agent=agent.name, queues=summaries)


@router.get("/queues", summary="The tenant's queues with waiting calls and wait times")
async def list_queues(request: Request, agent: CurrentAgent) -> QueuesOut:
    return await queues_snapshot(server_state(request), agent)


@router.get("/queues/{queue}", summary="Waiting calls of one queue, in claim order, with context")
async def get_queue(request: Request, agent: CurrentAgent, queue: str = QueueName) -> QueueOut:
    state = server_state(request)
    name = await _queue_name(state, agent.tenant, queue)
    now = time.time()
    calls = await state.queue_store.waiting(agent.tenant, queue)
    return QueueOut(
        queue=queue, name=name, calls=[call_out(c, now, i + 1) for i, c in enumerate(calls)]
    )


@router.post("/queues/{queue}/claim", summary="Atomically take the next call of a queue")
async def claim_next(request: Request, agent: CurrentAgent, queue: str = QueueName) -> ClaimOut:
    state = server_state(request)
    await _queue_name(state, agent.tenant, queue)
    call = await state.queue_store.claim(agent.tenant, queue, agent.name)
    if call is not None:
        log.info("call %s claimed from %s/%s by %s", call.call_id, agent.tenant, queue, agent.name)
    return ClaimOut(call=None if call is None else call_out(call, time.time()))


async def _tenant_call(state: ServerState, agent: Agent, call_id: str) -> QueuedCall:
    call = await state.queue_store.get(agent.tenant, call_id)
    if call is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such call for this tenant")
    return call


@router.get("/calls/{call_id}", summary="One call of the tenant with its whole context")
async def get_call(request: Request, agent: CurrentAgent, call_id: str = CallId) -> CallOut:
    state = server_state(request)
    call = await _tenant_call(state, agent, call_id)
    position = await state.queue_store.position(call_id) if call.state == "waiting" else None
    return call_out(call, time.time(), position)


async def _held_change(
    request: Request, agent: Agent, call_id: str, change: str, **kwargs: str
) -> CallOut:
    """Runs heartbeat/release/close on a call the agent holds; 404 or 409 otherwise."""
    state = server_state(request)
    await _tenant_call(state, agent, call_id)
    method = getattr(state.queue_store, change)
    try:
        call = await method(agent.tenant, call_id, agent.name, **kwargs)
    except UnknownCall as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such call for this tenant") from exc
    except ClaimLost as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return call_out(call, time.time())


@router.post("/calls/{call_id}/heartbeat", summary="Keep a claim alive (send every ~15 s)")
async def heartbeat(request: Request, agent: CurrentAgent, call_id: str = CallId) -> CallOut:
    return await _held_change(request, agent, call_id, "heartbeat")


@router.post("/calls/{call_id}/release", summary="Give a claimed call back to its queue")
async def release(request: Request, agent: CurrentAgent, call_id: str = CallId) -> CallOut:
    return await _held_change(request, agent, call_id, "release")


@router.post("/calls/{call_id}/close", summary="Close a claimed call, recording the result")
async def close_call(
    request: Request, agent: CurrentAgent, call_id: str = CallId, body: CloseIn | None = None
) -> CallOut:
    """The body is optional (CONTRACTS.md names none): without it the result is `other`."""
    body = body or CloseIn()
    out = await _held_change(request, agent, call_id, "close", result=body.result, note=body.note)
    log.info("call %s closed by %s: %s", call_id, agent.name, body.result)
    return out


@router.get("/me", summary="Who the token belongs to and the calls they hold")
async def me(request: Request, agent: CurrentAgent) -> MeOut:
    calls = await server_state(request).queue_store.claimed_by(agent.tenant, agent.name)
    now = time.time()
    return MeOut(tenant=agent.tenant, name=agent.name, claimed=[call_out(c, now) for c in calls])


@router.get("/stats", summary="Supervisor view: per queue counters and today's hours")
async def stats(request: Request, agent: CurrentAgent) -> StatsOut:
    state = server_state(request)
    queues = []
    for queue, name in (await tenant_queue_names(state, agent.tenant)).items():
        summary = await _summary(state, agent.tenant, queue, name)
        hours = await state.queue_store.hourly(agent.tenant, queue)
        hourly = [
            HourOut(hour=h.hour, entered=h.entered, handled=h.handled, mean_wait_s=h.mean_wait_s)
            for h in hours
        ]
        queues.append(QueueStatsOut(**summary.model_dump(), hourly=hourly))
    day = datetime.now().strftime("%Y-%m-%d")
    return StatsOut(tenant=agent.tenant, day=day, queues=queues)


async def _event_stream(state: ServerState, agent: Agent, token_check: Any) -> AsyncIterator[str]:
    """`queues` events whenever the tenant's queues change; comments keep the line open."""
    last_revision, quiet_s = -1, 0.0
    while True:
        revision = await state.queue_store.revision(agent.tenant)
        if revision != last_revision:
            last_revision, quiet_s = revision, 0.0
            snapshot = await queues_snapshot(state, agent)
            payload = json.dumps({"revision": revision, **snapshot.model_dump()})
            yield f"event: queues\nid: {revision}\ndata: {payload}\n\n"
        elif quiet_s >= EVENTS_KEEPALIVE_S:
            if await token_check() is None:  # revoked meanwhile: end the stream
                yield "event: logout\ndata: {}\n\n"
                return
            quiet_s = 0.0
            yield ": keep-alive\n\n"
        await asyncio.sleep(EVENTS_POLL_S)
        quiet_s += EVENTS_POLL_S


@router.get(
    "/events",
    summary="Server-sent events: `queues` snapshots on every change",
    response_class=StreamingResponse,
)
async def events(request: Request, agent: CurrentAgent) -> StreamingResponse:
    state = server_state(request)
    token = auth.request_token(request)

    async def token_check() -> Agent | None:
        return await state.agent_tokens.verify(token)

    return StreamingResponse(
        _event_stream(state, agent, token_check),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
