"""`WS /twilio`: Twilio Media Streams, so a Twilio number can be pointed at the bot.

Point the number's voice webhook at TwiML like
`<Response><Connect><Stream url="wss://HOST/twilio"><Parameter name="To" value="{{To}}"/>
<Parameter name="From" value="{{From}}"/></Stream></Connect></Response>`: the `To` custom
parameter is the dialed number that picks the tenant. Audio is μ-law 8 kHz both ways; the bot
sends a `mark` after each prompt and `clear` when the caller barges in.

With `VOICEBOT_TWILIO_AUTH_TOKEN` set, only streams Twilio signed with that token are taken:
`X-Twilio-Signature` is the base64 HMAC-SHA1 of the stream URL (`VOICEBOT_TWILIO_URL`, else
the URL of the request with scheme wss behind a TLS proxy); others are refused (HTTP 403).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid

from fastapi import APIRouter, WebSocket

from voicebot.channels.serializers import TwilioSerializer
from voicebot.channels.websocket import WebSocketLine
from voicebot.server.app import ServerState
from voicebot.server.live_calls import live_calls_for

router = APIRouter(tags=["calls"])
BOT_RATE = 8000
log = logging.getLogger(__name__)


def twilio_signature(auth_token: str, url: str) -> str:
    """What Twilio sends as X-Twilio-Signature for a request to url without a form body."""
    digest = hmac.new(auth_token.encode(), url.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _stream_url(websocket: WebSocket, configured: str) -> str:
    if configured:
        return configured
    url = websocket.url
    tls = websocket.headers.get("x-forwarded-proto", url.scheme) in ("https", "wss")
    host = websocket.headers.get("x-forwarded-host") or websocket.headers.get("host", "")
    return f"{'wss' if tls else 'ws'}://{host}{url.path}" + (f"?{url.query}" if url.query else "")


def signed_by_twilio(websocket: WebSocket) -> bool:
    """True when no auth token is set, or the stream carries its signature."""
    state: ServerState = websocket.app.state.voicebot
    token = state.settings.twilio_auth_token
    if not token:
        return True
    given = websocket.headers.get("x-twilio-signature", "")
    expected = twilio_signature(token, _stream_url(websocket, state.settings.twilio_url))
    return hmac.compare_digest(given.encode(), expected.encode())


@router.websocket("/twilio")
async def call_from_twilio(websocket: WebSocket) -> None:
    """One Media Stream per connection (unknown `To`: the call ends with an error)."""
    if not signed_by_twilio(websocket):
        log.warning("refused a stream to /twilio without a valid X-Twilio-Signature")
        await websocket.close(code=1008)  # before accept: the handshake gets HTTP 403
        return
    await websocket.accept()  # first: the models may still be loading (seconds, once)
    live = await live_calls_for(websocket.app)
    call_id = f"twilio-{uuid.uuid4().hex[:12]}"
    line = WebSocketLine(websocket, TwilioSerializer(call_id, live.tenant_for), call_id)
    await live.answer(line, BOT_RATE)
