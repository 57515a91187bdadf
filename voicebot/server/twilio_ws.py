"""`WS /twilio`: Twilio Media Streams, so a Twilio number can be pointed at the bot.

Point the number's voice webhook at TwiML like
`<Response><Connect><Stream url="wss://HOST/twilio"><Parameter name="To" value="{{To}}"/>
<Parameter name="From" value="{{From}}"/></Stream></Connect></Response>`: the `To` custom
parameter is the dialed number that picks the tenant. Audio is μ-law 8 kHz both ways; the bot
sends a `mark` after each prompt and `clear` when the caller barges in.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, WebSocket

from voicebot.channels.serializers import TwilioSerializer
from voicebot.channels.websocket import WebSocketLine
from voicebot.server.live_calls import live_calls_for

router = APIRouter(tags=["calls"])
BOT_RATE = 8000


@router.websocket("/twilio")
async def call_from_twilio(websocket: WebSocket) -> None:
    """One Media Stream per connection (unknown `To`: the call ends with an error)."""
    await websocket.accept()  # first: the models may still be loading (seconds, once)
    live = await live_calls_for(websocket.app)
    call_id = f"twilio-{uuid.uuid4().hex[:12]}"
    line = WebSocketLine(websocket, TwilioSerializer(call_id, live.tenant_for), call_id)
    await live.answer(line, BOT_RATE)
