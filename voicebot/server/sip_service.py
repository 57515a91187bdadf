"""SIP for `voicebot serve --sip HOST:PORT`: softphones and PBXs call the bot; surveys dial out.

The serve command puts the address on `app.state.sip_listen`; this module's lifespan then
loads the live-call runner and answers on that UDP address (RTP on ports from 20000 up on the
same host). Each call runs like any live call, with the bot speaking at 8 kHz.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from fastapi import APIRouter, FastAPI

from voicebot.channels.sip import SipServer
from voicebot.channels.sip_line import SipLine
from voicebot.errors import UserError
from voicebot.server.live_calls import LiveCalls, live_calls_for

log = logging.getLogger(__name__)
router = APIRouter()  # no HTTP endpoints: SIP has its own socket
SIP_RATE = 8000


def parse_listen(address: str) -> tuple[str, int]:
    """`127.0.0.1:5060` -> ("127.0.0.1", 5060); UserError naming the fix otherwise."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UserError(f"--sip {address!r}: give HOST:PORT, e.g. --sip 127.0.0.1:5060")
    return host, int(port)


def sip_server_for(live: LiveCalls, host: str, port: int) -> SipServer:
    """A SIP server whose calls run through `live` (dialed number -> tenant)."""

    async def on_call(line: SipLine) -> None:
        await live.run(line, SIP_RATE)

    return SipServer(host, port, tenant_for=live.tenant_for, on_call=on_call)


async def dial_call_list(
    server: SipServer,
    tenant: str,
    numbers: Sequence[str],
    peer: tuple[str, int],
    ring_s: float = 30.0,
) -> dict[str, str]:
    """Outbound survey run: calls each number in turn through `peer` (a PBX or trunk).

    Returns number -> `answered` or `no_answer`; what was said is in the live runner's records.
    """
    results: dict[str, str] = {}
    for number in numbers:
        answered = await server.call_out(number, tenant, peer, timeout_s=ring_s)
        results[number] = "answered" if answered else "no_answer"
    return results


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Starts SIP when `app.state.sip_listen` is set (models are loaded first)."""
    listen = getattr(app.state, "sip_listen", None)
    if not listen:
        yield
        return
    host, port = parse_listen(listen)
    live = await live_calls_for(app)
    server = sip_server_for(live, host, port)
    await server.start()
    app.state.sip_server = server
    app.state.sip_loop = asyncio.get_running_loop()  # outbound runs are scheduled on it
    try:
        yield
    finally:
        await server.stop()
