"""SIP signalling (aiosipua, UDP): answers INVITEs, dials out, BYE both ways, DTMF by SIP INFO.

The request-URI's user part is the dialed number and picks the tenant; each call becomes a
`SipLine` handed to `on_call`. Media is in `sip_media.py`, the per-call channel in `sip_line.py`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiosipua import (
    IncomingCall,
    OutgoingCall,
    SipDigestAuth,
    SipRequest,
    SipResponse,
    SipUAC,
    SipUAS,
    UdpSipTransport,
    parse_uri,
    stringify_uri,
)

from voicebot.channels.sip_line import SipLine
from voicebot.channels.sip_media import (
    RtpLeg,
    RtpPorts,
    is_wildcard,
    reachable_host,
    route_towards,
)
from voicebot.events import CallStarted
from voicebot.privacy import mask

log = logging.getLogger(__name__)
USER_AGENT = "voicebot"
SIP_USER = "voicebot"  # the user part of our SIP address when no account is set
STOP_GRACE_S = 5.0  # calls still running this long after the server's stop are cancelled
OnCall = Callable[[SipLine], Awaitable[None]]
TenantLookup = Callable[[str | None], str]  # dialed number -> tenant id; LookupError if none
_INFO_SIGNAL = re.compile(r"^\s*Signal\s*=\s*(\S)", re.IGNORECASE | re.MULTILINE)


class PbxRefused(Exception):
    """The PBX or trunk refused to place an outbound call for us (401/403/407: no or wrong
    credentials): every further number would be refused the same way."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}".strip())
        self.code = code


_REFUSALS = (401, 403, 407)


class _SipDatagrams(asyncio.DatagramProtocol):
    """Feeds datagrams to aiosipua (its own protocol asserts a transport class that Python 3.11's
    selector loop does not derive from, logging an error on every start)."""

    def __init__(self, owner: UdpSipTransport) -> None:
        self.owner = owner

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.owner._dispatch(data, (str(addr[0]), int(addr[1])))


async def bind_udp(host: str, port: int) -> UdpSipTransport:
    """A started aiosipua UDP transport on host:port (port 0: a free one, then fixed)."""
    if port == 0:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
    transport = UdpSipTransport(local_addr=(host, port))
    loop = asyncio.get_running_loop()
    udp, _ = await loop.create_datagram_endpoint(
        lambda: _SipDatagrams(transport), local_addr=(host, port)
    )
    transport._udp_transport = udp  # type: ignore[assignment]
    return transport


def sip_account(settings: Any) -> SipDigestAuth | None:
    """Our account at the PBX (VOICEBOT_SIP_USER / VOICEBOT_SIP_PASSWORD), None when unset."""
    user = getattr(settings, "sip_user", "")
    return SipDigestAuth(user, getattr(settings, "sip_password", "")) if user else None


def dialed_number(request_uri: str) -> str | None:
    """The user part of a request URI (`sip:+498006673935@host` -> `+498006673935`)."""
    try:
        user = parse_uri(request_uri).user
    except ValueError:
        return None
    return user or None


def info_digit(content_type: str, body: str) -> str | None:
    """The key in a SIP INFO body: `application/dtmf-relay` (Signal=5) or `application/dtmf`."""
    if content_type == "application/dtmf-relay":
        match = _INFO_SIGNAL.search(body)
        return match.group(1) if match else None
    if content_type == "application/dtmf":
        return body.strip()[:1] or None
    return None


@dataclass
class SipServer:
    """A SIP user agent on host:port (UDP) that turns calls into SipLines."""

    host: str
    port: int
    tenant_for: TenantLookup
    on_call: OnCall
    rtp_ports: RtpPorts | None = None
    auth: SipDigestAuth | None = None  # our account at the PBX, for INVITEs it challenges
    lines: dict[str, SipLine] = field(default_factory=dict)  # by SIP Call-ID
    media_stats: deque[dict[str, object]] = field(default_factory=lambda: deque(maxlen=500))
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self) -> None:
        """Binds the UDP socket and starts answering."""
        self.rtp_ports = self.rtp_ports or RtpPorts(self.host)
        self.transport = await bind_udp(self.host, self.port)
        self.uac = SipUAC(self.transport)
        self.uas = SipUAS(self.transport, user_agent=USER_AGENT, uac=self.uac)
        self.uas.on_invite = self._on_invite
        self.uas.on_bye = lambda call, _req: self._caller_hung_up(call.call_id)
        self.uas.on_cancel = lambda req, _addr: self._caller_hung_up(req.call_id or "")
        self.uas.on_ack_timeout = lambda call: self._caller_hung_up(call.call_id)
        self.uas._handlers["INFO"] = self._on_info  # aiosipua answers INFO 405 by default
        self.transport.on_message = self._on_message  # what SipUAS.start() does, minus the bind
        self.port = self.transport.local_addr[1]
        if is_wildcard(self.host):  # Via and Contact must name a reachable address
            self.uac.advertised_addr = self.uas.advertised_addr = (_primary_address(), self.port)
        log.info("SIP listening on udp:%s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Hangs up every call (each ends through its pipeline, so it is recorded; cancelled
        only after STOP_GRACE_S), then closes the socket."""
        for line in list(self.lines.values()):
            line.shut_down()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=STOP_GRACE_S)
        for line in list(self.lines.values()):
            await line.close(bye=True)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.uas.stop()

    def _on_message(self, message: SipRequest | SipResponse, addr: tuple[str, int]) -> None:
        """Every SIP message, to aiosipua; a final refusal of our INVITE (3xx-6xx) is ACKed
        first, which aiosipua 0.7 leaves out (RFC 3261 17.1.1.3: without it the PBX repeats the
        407 of a digest challenge and takes our retry for a stray request). A repeat of a
        response to an INVITE we already retried is ACKed and dropped (else it would end the
        call as refused)."""
        if isinstance(message, SipResponse) and _refuses_an_invite(message):
            self.transport.send(_ack_for(message, addr), addr)
            call = self.uac.get_call(message.call_id or "")
            sent = call.invite.cseq if call is not None else None
            if sent is not None and message.cseq is not None and message.cseq.seq < sent.seq:
                return
        self.uas._on_message(message, addr)

    # ---- inbound ----------------------------------------------------------------------------
    def _on_invite(self, call: IncomingCall) -> None:
        self._spawn(self._answer(call))

    async def _answer(self, call: IncomingCall) -> None:
        dialed = dialed_number(call.invite.uri)
        try:
            tenant = self.tenant_for(dialed)
        except LookupError:
            to_addr = call.invite.to_addr  # a PBX we registered at calls our contact
            to = to_addr.uri.user if to_addr is not None else None  # (sip:voicebot@…) with
            try:  # the hotline's number in To
                tenant, dialed = self.tenant_for(to), to
            except LookupError:
                log.info("SIP call to %s: no tenant has this number; 404", mask(dialed))
                call.reject(404, "Not Found")
                return
        if call.sdp_offer is None:
            call.reject(488, "Not Acceptable Here")
            return
        try:
            leg, answer = await RtpLeg.answer(call.sdp_offer, self._ports())
        except (ValueError, OSError) as exc:
            log.warning("SIP call to %s refused: %s", mask(dialed), exc)
            call.reject(488, "Not Acceptable Here")
            return
        call.accept(answer)
        started = CallStarted(
            call_id=f"sip-{uuid.uuid4().hex[:12]}",
            at_ms=0,
            tenant=tenant,
            dialed=dialed,
            caller=call.caller,
            channel="sip",
        )
        await self._run_line(call.call_id, SipLine(started, leg, lambda: call.hangup() and None))

    def _caller_hung_up(self, sip_call_id: str) -> None:
        line = self.lines.get(sip_call_id)
        if line is not None:
            line.caller_hung_up()

    def _on_info(self, request: SipRequest, addr: tuple[str, int]) -> None:
        call = self.uas.get_call(request.call_id or "")
        dialog = call.dialog if call is not None else None
        if dialog is None and self.uac.get_call(request.call_id or "") is not None:
            dialog = self.uac.get_call(request.call_id or "").dialog  # type: ignore[union-attr]
        if dialog is None:
            self.uas._send_error(request, 481, "Call/Transaction Does Not Exist")
            return
        self.transport.send_reply(dialog.create_response(request, 200, "OK"))
        digit = info_digit(request.content_type or "", request.text)
        line = self.lines.get(request.call_id or "")
        if digit and line is not None:
            line.keyed(digit)

    # ---- outbound ---------------------------------------------------------------------------
    async def call_out(
        self, number: str, tenant: str, peer: tuple[str, int], timeout_s: float = 30.0
    ) -> bool:
        """Calls `sip:number@peer` and runs the call through `on_call`; False: no answer.
        Raises PbxRefused when the PBX will not place the call for us (credentials)."""
        port = self._ports().take()
        host = reachable_host(self.host, peer)
        offer = RtpLeg.offer(host, port)
        user = self.auth.username if self.auth is not None else SIP_USER
        call: OutgoingCall = self.uac.send_invite(
            f"sip:{user}@{host}:{self.port}",
            f"sip:{number}@{peer[0]}:{peer[1]}",
            peer,
            offer,
            user_agent=USER_AGENT,
            auth=self.auth,  # a 401/407 challenge is answered once with these credentials
        )
        refused: list[tuple[int, str]] = []
        call.on_rejected = lambda _call, code, reason: refused.append((code, reason))
        try:
            await call.wait_answered(timeout_s)
        except (TimeoutError, RuntimeError) as exc:
            log.info("outbound call to %s: no answer (%s)", mask(number), exc)
            if call.cancel(self.uac) is None:
                self.uac.remove_call(call.call_id)
            if refused and refused[-1][0] in _REFUSALS:
                raise PbxRefused(*refused[-1]) from None
            return False
        answer = call.sdp_answer or offer
        codecs = answer.audio.codecs if answer.audio else []
        chosen = next((c.payload_type for c in codecs if c.payload_type in (0, 8)), 0)
        remote = answer.rtp_address or peer
        leg, _ = await RtpLeg.bind(RtpPorts(self.host, port, port + 2), remote, chosen, 101)
        started = CallStarted(
            call_id=f"sip-{uuid.uuid4().hex[:12]}",
            at_ms=0,
            tenant=tenant,
            dialed=number,
            caller=None,
            channel="sip",
        )
        line = SipLine(started, leg, lambda: call.hangup(self.uac) and None)
        await self._run_line(call.call_id, line)
        return True

    # ---- helpers ----------------------------------------------------------------------------
    async def _run_line(self, sip_call_id: str, line: SipLine) -> None:
        self.lines[sip_call_id] = line
        try:
            await self.on_call(line)
        except Exception as exc:  # one broken call must not take the server down
            log.exception("call %s failed", line.call_id)
            line.failed("internal", str(exc))
        finally:
            stats = {"call_id": line.call_id, "cut_ms": line.cut_ms, **line.leg.stats}
            await line.close(bye=True)
            self.lines.pop(sip_call_id, None)
            self.media_stats.append(stats)  # RTP counters per finished call (benchmarks, logs)

    def _ports(self) -> RtpPorts:
        if self.rtp_ports is None:
            raise RuntimeError("SipServer.start() was not called")
        return self.rtp_ports

    def _spawn(self, coro: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _refuses_an_invite(response: SipResponse) -> bool:
    cseq = response.cseq
    return 300 <= response.status_code <= 699 and cseq is not None and cseq.method == "INVITE"


def _ack_for(response: SipResponse, addr: tuple[str, int]) -> SipRequest:
    """The ACK of a final non-2xx response to our INVITE (RFC 3261 17.1.1.3): the INVITE's
    Via branch, From, Call-ID and CSeq number, the response's To (with its tag), sent to where
    the INVITE went (`addr`); its Request-URI is the To URI, as in every INVITE we send."""
    to_addr = response.to_addr
    target = stringify_uri(to_addr.uri) if to_addr is not None else f"sip:{addr[0]}:{addr[1]}"
    ack = SipRequest(method="ACK", uri=target)
    via = re.sub(r";received=[^;]*", "", response.get_header("via") or "")  # as we sent it
    ack.headers.append("Via", re.sub(r";rport=\d+", ";rport", via))
    ack.headers.set_single("From", response.get_header("from") or "")
    ack.headers.set_single("To", response.get_header("to") or "")
    ack.headers.set_single("Call-ID", response.call_id or "")
    seq = response.cseq.seq if response.cseq is not None else 1
    ack.headers.set_single("CSeq", f"{seq} ACK")
    ack.headers.set_single("Max-Forwards", "70")
    ack.headers.set_single("Content-Length", "0")
    return ack


def _primary_address() -> str:
    """The address on this machine's default route (127.0.0.1 without one)."""
    try:
        return route_towards(("192.0.2.1", 5060))  # TEST-NET-1: no packet is sent
    except OSError:
        return "127.0.0.1"
