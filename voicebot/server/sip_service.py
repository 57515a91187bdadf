"""SIP for `voicebot serve --sip HOST:PORT`: softphones and PBXs call the bot (outbound surveys:
`survey_dialler.py`).

The serve command puts the address on `app.state.sip_listen`; this module's lifespan then
loads the live-call runner and answers on that UDP address (RTP on ports from 20000 up on the
same host). Each call runs like any live call, with the bot speaking at 8 kHz.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI

from voicebot.channels.sip import SipServer, sip_account
from voicebot.channels.sip_line import SipLine
from voicebot.errors import UserError
from voicebot.server.live_calls import LiveCalls, live_calls_for

log = logging.getLogger(__name__)
router = APIRouter()  # no HTTP endpoints: SIP has its own socket
SIP_RATE = 8000
UNREGISTER_WAIT_S = 1.0


def parse_listen(address: str, flag: str = "--sip") -> tuple[str, int]:
    """`127.0.0.1:5060` -> ("127.0.0.1", 5060); UserError naming the flag and fix otherwise."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UserError(f"{flag} {address!r}: give HOST:PORT, e.g. {flag} 127.0.0.1:5060")
    return host, int(port)


def sip_server_for(live: LiveCalls, host: str, port: int) -> SipServer:
    """A SIP server whose calls run through `live` (dialed number -> tenant)."""

    async def on_call(line: SipLine) -> None:
        await live.run(line, SIP_RATE)

    return SipServer(host, port, tenant_for=live.tenant_for, on_call=on_call)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Starts SIP when `app.state.sip_listen` is set (models are loaded first); registers at the
    PBX on `app.state.sip_register` (HOST:PORT) when set, and unregisters at the end."""
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
    registration = None
    if registrar := getattr(app.state, "sip_register", ""):
        from voicebot.channels.sip_registration import register_at

        account = sip_account(app.state.settings)
        registration = register_at(server, parse_listen(registrar, "--register"), account)
    try:
        yield
    finally:
        if registration is not None:
            registration.unregister()
            await asyncio.sleep(UNREGISTER_WAIT_S)  # its answer (or challenge) comes back
        await server.stop()
