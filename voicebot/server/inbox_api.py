"""Inbox API and page: unclear utterances of the token's tenant, grouped; assign a group.

`GET /api/inbox?since=30d` lists groups (masked texts) plus the tenant's intents and queues;
`POST /api/inbox/assign` writes a group into an intent file, checks and tests it, and answers
409 with both accuracies when the edit was undone.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from voicebot.errors import UserError
from voicebot.server.analytics_api import period_or_400, record_store_of
from voicebot.server.app import STATIC_DIR, server_state
from voicebot.server.auth import CurrentAgent

router = APIRouter(tags=["inbox"])
Since = Query("30d", max_length=40, description="7d, 24h, 90m, 2w or an ISO date")


class AssignIn(BaseModel):
    group: str = Field(min_length=2, max_length=40, description="group id from GET /api/inbox")
    intent: str = Field(min_length=1, max_length=64, description="existing or new intent id")
    description: str | None = Field(None, max_length=200, description="for a new intent")
    queue: str | None = Field(None, max_length=64, description="for a new intent")
    since: str = Field("30d", max_length=40)


def _tenant(request: Request, tenant_id: str) -> Any:
    from voicebot.analytics.service import load_tenant_or_fail

    try:
        return load_tenant_or_fail(server_state(request).settings.intents_dir, tenant_id)
    except UserError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc


def _assign_lock(request: Request) -> asyncio.Lock:
    """One assignment at a time per process: each rewrites and retrains a tenant."""
    lock: asyncio.Lock | None = getattr(request.app.state, "inbox_assign_lock", None)
    if lock is None:
        lock = request.app.state.inbox_assign_lock = asyncio.Lock()
    return lock


@router.get("/api/inbox", summary="Unclear utterances of the token's tenant, grouped")
async def get_inbox(agent: CurrentAgent, request: Request, since: str = Since) -> dict[str, Any]:
    from voicebot.analytics.service import inbox_for

    period = period_or_400(since, None)
    tenant = _tenant(request, agent.tenant)
    groups = await inbox_for(record_store_of(request.app), tenant, period)
    return {
        "tenant": tenant.id,
        "groups": [g.to_json() for g in groups],
        "utterances": sum(len(g.utterances) for g in groups),
        "intents": sorted(tenant.intents),
        "queues": dict(tenant.queues),
        "default_queue": tenant.default_queue,
    }


@router.post("/api/inbox/assign", summary="Write a group into an intent file, checked and tested")
async def assign(body: AssignIn, agent: CurrentAgent, request: Request) -> JSONResponse:
    from voicebot.analytics.assign import AssignRefused
    from voicebot.analytics.service import assign_group

    period = period_or_400(body.since, None)
    settings = server_state(request).settings
    async with _assign_lock(request):
        tenant = _tenant(request, agent.tenant)
        try:
            result = await assign_group(
                record_store_of(request.app), settings.intents_dir, tenant, body.group,
                body.intent, period, description=body.description, queue=body.queue,
            )  # fmt: skip
        except AssignRefused as exc:
            content = {"detail": str(exc), "result": exc.result.to_json()}
            return JSONResponse(content, status_code=status.HTTP_409_CONFLICT)
        except UserError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return JSONResponse(result.to_json())


@router.get("/inbox", include_in_schema=False)
async def inbox_page() -> FileResponse:
    """The inbox page: groups of unclear utterances, assign one to an intent."""
    return FileResponse(STATIC_DIR / "inbox.html", media_type="text/html")
