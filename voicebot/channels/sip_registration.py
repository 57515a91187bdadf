"""Registering at a PBX as one of its extensions, so that it routes the hotlines' calls to us
(`voicebot serve --sip HOST:PORT --register PBX_HOST:PORT`): REGISTER with our account
(VOICEBOT_SIP_USER / VOICEBOT_SIP_PASSWORD, digest auth), refreshed before it expires, removed
when the server stops (aiosipua's Registration does the protocol)."""

from __future__ import annotations

import logging

from aiosipua import SipDigestAuth
from aiosipua.registration import Registration

from voicebot.channels.sip import SIP_USER, USER_AGENT, SipServer
from voicebot.channels.sip_media import reachable_host

log = logging.getLogger(__name__)


def register_at(
    server: SipServer, registrar: tuple[str, int], auth: SipDigestAuth | None, expires: int = 300
) -> Registration:
    """Sends the first REGISTER from the (started) server's socket and returns the registration;
    success and refusal are logged (a refusal names the settings to fix)."""
    user = auth.username if auth is not None else SIP_USER
    where = f"{registrar[0]}:{registrar[1]}"
    host = reachable_host(server.host, registrar)
    registration = Registration(
        server.uac, f"sip:{user}@{registrar[0]}", registrar, expires=expires, auth=auth,
        contact_uri=f"sip:{user}@{host}:{server.port}", user_agent=USER_AGENT,
    )  # fmt: skip
    registration.on_registered = lambda reg: log.info(
        "registered at the PBX %s as %s for %d s", where, user, reg.granted_expires
    )
    registration.on_failed = lambda _reg, code, reason: log.error(
        "the PBX at %s refused our registration as %s: %d %s; set VOICEBOT_SIP_USER and "
        "VOICEBOT_SIP_PASSWORD to the account it knows for us", where, user, code, reason,
    )  # fmt: skip
    registration.register()
    return registration
