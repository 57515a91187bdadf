"""One call's RTP leg: G.711 μ-law/A-law in and out, RFC 4733 telephone-events, 20 ms timing.

aiortp does the packets: it parses, reorders and conceals through its jitter buffer and
decodes G.711; `FramePacer` sends the bot's audio one frame per 20 ms and can be cut.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass

import aiortp
from aiosipua import SdpMessage, build_sdp, negotiate_sdp

from voicebot.channels.jitter import FramePacer

G711 = {0: "PCMU", 8: "PCMA"}  # RTP payload type -> codec
RTP_RATE = 8000
PTIME_MS = 20
JITTER_PREFETCH = 3  # packets held back for reordering (60 ms)


def telephone_event_type(sdp: SdpMessage) -> int:
    """The payload type the peer uses for RFC 4733 DTMF (101 when it names none)."""
    audio = sdp.audio
    for codec in audio.codecs if audio is not None else []:
        if codec.encoding_name.lower() == "telephone-event":
            return codec.payload_type
    return 101


@dataclass
class RtpPorts:
    """Hands out even RTP ports (RTCP on the odd one above) on one local address."""

    host: str
    first: int = 20000
    last: int = 30000
    _next: int = 0

    def take(self) -> int:
        """The next port pair to try; the bind itself tells whether it is free."""
        span = (self.last - self.first) // 2
        port = self.first + 2 * (self._next % span)
        self._next += 1
        return port


class RtpLeg:
    """RTP media of one call: decoded 16-bit PCM in, paced G.711 frames out, DTMF events."""

    def __init__(self, session: aiortp.RTPSession, payload_type: int) -> None:
        self.session = session
        self.codec_name = G711[payload_type]
        self.on_audio: Callable[[bytes], None] | None = None
        self.on_dtmf: Callable[[str], None] | None = None
        codec = aiortp.get_codec(payload_type)
        self.pacer = FramePacer(
            lambda pcm, ts, marker: session.send_audio(codec.encode(pcm), ts),
            sample_rate=RTP_RATE,
            frame_ms=PTIME_MS,
        )
        session.on_audio = lambda pcm, _ts: self.on_audio(pcm) if self.on_audio else None
        session.on_dtmf = lambda digit, _dur: self.on_dtmf(digit) if self.on_dtmf else None
        self.pacer.start()

    @classmethod
    async def bind(
        cls, ports: RtpPorts, remote: tuple[str, int], payload_type: int, dtmf_type: int
    ) -> tuple[RtpLeg, int]:
        """Binds a session on the next free port pair; returns the leg and its port."""
        for _ in range(50):
            port = ports.take()
            try:
                session = await aiortp.RTPSession.create(
                    local_addr=(ports.host, port),
                    remote_addr=remote,
                    payload_type=payload_type,
                    clock_rate=RTP_RATE,
                    dtmf_payload_type=dtmf_type,
                    jitter_capacity=16,
                    jitter_prefetch=JITTER_PREFETCH,
                    plc=True,
                )
            except OSError:
                continue
            return cls(session, payload_type), port
        raise OSError(f"no free RTP port pair on {ports.host} in {ports.first}-{ports.last}")

    @classmethod
    async def answer(cls, offer: SdpMessage, ports: RtpPorts) -> tuple[RtpLeg, SdpMessage]:
        """Answers an SDP offer with G.711 (the caller's preferred of μ-law and A-law)."""
        remote = offer.rtp_address
        if remote is None:
            raise ValueError("SDP offer has no audio address")
        dtmf_type = telephone_event_type(offer)
        offered = [c.payload_type for c in offer.audio.codecs] if offer.audio else []
        chosen = next((pt for pt in offered if pt in G711), None)
        if chosen is None:
            raise ValueError(f"caller offers no G.711 codec (payload types {offered})")
        leg, port = await cls.bind(ports, remote, chosen, dtmf_type)
        answer, _ = negotiate_sdp(
            offer,
            reachable_host(ports.host, remote),
            port,
            supported_codecs=list(G711),
            dtmf_payload_type=dtmf_type,
            ptime=PTIME_MS,
        )
        return leg, answer

    @staticmethod
    def offer(host: str, port: int) -> SdpMessage:
        """An SDP offer for an outbound call: μ-law first, A-law, telephone-event 101."""
        sdp = build_sdp(host, port, 0, "PCMU", RTP_RATE, dtmf_payload_type=101, ptime=PTIME_MS)
        audio = sdp.audio
        if audio is not None:  # add A-law as a second choice
            audio.formats.insert(1, "8")
            audio.attributes["rtpmap"].insert(1, "8 PCMA/8000")
        return sdp

    @property
    def stats(self) -> dict[str, object]:
        """RTP counters plus the pacer's: what was sent, cut by barge-in, or sent late."""
        return {
            **self.session.stats,
            "sent_frames": self.pacer.sent_frames,
            "dropped_frames": self.pacer.dropped_frames,
            "late_ticks": self.pacer.late_ticks,
        }

    def send_dtmf(self, digit: str) -> None:
        self.session.send_dtmf(digit)

    async def close(self) -> None:
        await self.pacer.stop()
        await self.session.close()


def reachable_host(host: str, peer: tuple[str, int]) -> str:
    """`host`, or when it is a wildcard (serving on 0.0.0.0) the address a peer reaches us at:
    an SDP or a Contact that says 0.0.0.0 gets no audio and no calls."""
    return route_towards(peer) if is_wildcard(host) else host


def is_wildcard(host: str) -> bool:
    """Bound on every address ("0.0.0.0", "::"): no address to tell a peer."""
    return host in ("0.0.0.0", "::", "")


def route_towards(peer: tuple[str, int]) -> str:
    """This machine's address on the route to `peer` (raises OSError when there is none)."""
    family = socket.AF_INET6 if ":" in peer[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.connect(peer[:2])  # UDP: no packet is sent, the kernel just picks the route
        return str(probe.getsockname()[0])
