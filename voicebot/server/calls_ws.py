"""`WS /calls?dialed=NUMBER`: a call from a browser or any client (CONTRACTS.md).

First a JSON text frame `{"type":"start","sample_rate":16000}`, then binary frames of 16-bit mono
PCM and JSON frames `{"type":"dtmf","digit":"5"}` / `{"type":"hangup"}`. The server sends the
bot's audio as binary PCM at the announced rate and JSON events `transcript` (partial and
final), `bot_text`, `handoff`, `end`, plus `clear` (drop unplayed bot audio: barge-in) and
`error`. An unknown number gets `error` + `end` and the socket closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI, WebSocket

from voicebot.channels.serializers import CallsSerializer
from voicebot.channels.websocket import WebSocketLine
from voicebot.server.live_calls import live_calls_for

log = logging.getLogger(__name__)
router = APIRouter(tags=["calls"])
BOT_RATE = 16000  # Hz the bot speaks at on this channel; the serializer converts to the client's


@router.websocket("/calls")
async def call_from_browser(websocket: WebSocket, dialed: str = "") -> None:
    """One call per connection; the dialed number picks the tenant."""
    await websocket.accept()  # first: the models may still be loading (seconds, once)
    live = await live_calls_for(websocket.app)
    try:
        tenant = live.tenant_for(dialed)
    except LookupError:
        message = f"no tenant answers the number {dialed!r}; GET /call/tenants lists them"
        await websocket.send_text(
            json.dumps({"type": "error", "code": "unknown_number", "message": message})
        )
        await websocket.send_text(json.dumps({"type": "end", "reason": "error"}))
        await websocket.close(code=4404)
        return
    call_id = f"web-{uuid.uuid4().hex[:12]}"
    line = WebSocketLine(websocket, CallsSerializer(call_id, tenant, dialed), call_id)
    await live.answer(line, BOT_RATE)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """With `app.state.load_models_at_start` (`voicebot serve`), loads tenants and models at
    once, off the event loop, and /health answers 503 until calls can be answered (the agent
    API works meanwhile); without, the first call loads them. Lets the decoder go at the end."""
    loading = None
    if getattr(app.state, "load_models_at_start", False):
        loading = asyncio.create_task(_load_models(app))
    try:
        yield
    finally:
        if loading is not None:
            loading.cancel()
        live = getattr(app.state, "live_calls", None)
        if live is not None:
            live.close()


async def _load_models(app: FastAPI) -> None:
    not_ready = app.state.voicebot.not_ready
    not_ready.add("calls")
    try:
        await live_calls_for(app)
    except Exception:  # /health keeps saying "calls" is not ready; the log says why
        log.exception("loading tenants and models for calls failed")
        return
    not_ready.discard("calls")
