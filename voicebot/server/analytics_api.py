"""Analytics API and page: `GET /api/analytics?since=7d` (the token's tenant only), `/analytics`.

On start the router opens the call record store next to the queues (`app.state.call_records`)
and purges audio past each tenant's retention period.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, status
from fastapi.responses import FileResponse

from voicebot.analytics.store import CallRecordStore, open_call_record_store
from voicebot.errors import UserError
from voicebot.server.app import STATIC_DIR, server_state
from voicebot.server.auth import CurrentAgent

log = logging.getLogger(__name__)
router = APIRouter(tags=["analytics"])
Since = Query("7d", max_length=40, description="7d, 24h, 90m, 2w or an ISO date")
Until = Query(None, max_length=40, description="end of the period (default: now)")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Opens the record store once per app and runs the retention purge at start."""
    store = record_store_of(app)
    try:
        await _purge_at_start(app, store)
        yield
    finally:
        if getattr(app.state, "call_records", None) is store:
            app.state.call_records = None
            await store.aclose()


def record_store_of(app: FastAPI) -> CallRecordStore:
    """The app's call record store, opened on first use."""
    store: CallRecordStore | None = getattr(app.state, "call_records", None)
    if store is None:
        store = open_call_record_store(app.state.voicebot.settings)
        app.state.call_records = store
    return store


async def _purge_at_start(app: FastAPI, store: CallRecordStore) -> None:
    from voicebot.analytics.retention import audio_policy, purge
    from voicebot.nlu.loader import tenant_folders

    settings = app.state.voicebot.settings
    try:
        policies = {f.name: audio_policy(f) for f in tenant_folders(settings.intents_dir)}
        await purge(store, policies)
    except Exception:  # a broken tenant.yaml must not stop the server; `calls purge` reports it
        log.exception("retention purge at start failed")


def period_or_400(since: str, until: str | None) -> Any:
    from voicebot.analytics.figures import parse_period

    try:
        return parse_period(since, until, now=time.time())
    except UserError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc


@router.get("/api/analytics", summary="Call figures of the token's tenant for a period")
async def get_analytics(
    agent: CurrentAgent, request: Request, since: str = Since, until: str | None = Until
) -> dict[str, Any]:
    from voicebot.analytics.service import analytics_for

    period = period_or_400(since, until)
    server_state(request)  # the app is a voicebot app
    return await analytics_for(record_store_of(request.app), agent.tenant, period)


@router.get("/analytics", include_in_schema=False)
async def analytics_page() -> FileResponse:
    """The analytics page: log in with the tenant's token, figures as charts."""
    return FileResponse(STATIC_DIR / "analytics.html", media_type="text/html")
