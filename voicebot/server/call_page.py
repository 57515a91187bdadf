"""`/call`: call a tenant from the browser (microphone in, bot voice out, live transcript).

`GET /call` is the page; `GET /call/tenants` lists the tenants a caller can dial (inbound
tenants with their numbers) for its picker. The call itself runs over `WS /calls`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from voicebot.server.app import STATIC_DIR, server_state

router = APIRouter(tags=["calls"])


@router.get("/call", include_in_schema=False)
async def call_page() -> FileResponse:
    """The browser phone."""
    return FileResponse(STATIC_DIR / "call.html", media_type="text/html")


@router.get("/call/tenants", summary="Tenants a browser caller can dial")
async def dialable_tenants(request: Request) -> list[dict[str, Any]]:
    """Inbound tenants: id, name, language and their first dialed number."""
    state = request.app.state
    if getattr(state, "dialable", None) is None:
        from voicebot.nlu.loader import load_tenants

        tenants = await asyncio.to_thread(load_tenants, server_state(request).settings.intents_dir)
        state.dialable = [
            {"tenant": t.id, "name": t.name, "language": t.language, "dialed": t.dialed[0]}
            for t in tenants.values()
            if t.direction == "inbound" and t.dialed
        ]
    dialable: list[dict[str, Any]] = state.dialable
    return dialable
