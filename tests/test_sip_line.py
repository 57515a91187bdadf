"""SIP calls from a real peer (sipp) on loopback: answer, G.711 RTP both ways, DTMF, BYE."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import numpy as np
import pytest

from voicebot.audio.wav import write_wav
from voicebot.channels.sip import SipServer, dialed_number, info_digit
from voicebot.channels.sip_line import SipLine
from voicebot.events import AudioChunk, BotAudio, BotSpeech, CallEvent, Dtmf, Hangup

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")

NORDWELLE = "+498006673935"

# sipp's play_dtmf sends RFC 4733 events as payload type 96 whatever the SDP says: offer 96.
SDP = """v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [rtpstream_audio_port] RTP/AVP {pt} 96
a=rtpmap:{pt} {codec}/8000
a=rtpmap:96 telephone-event/8000
a=fmtp:96 0-15
a=ptime:20"""

HEAD = """Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70"""


def sipp_reply(
    status: str, *headers: str, new_tag: bool = True, sdp: str = "", then: str = ""
) -> str:
    """A sipp `<send>` of a response to the last request ("401 Unauthorized", extra header
    lines; `new_tag`: the first final answer of a dialog tags To; `sdp`: the body; `then`: the
    label the scenario goes on at)."""
    tag = ";tag=[pid]SIPpTag01[call_number]" if new_tag else ""
    lines = ["[last_Via:]", "[last_From:]", f"[last_To:]{tag}", "[last_Call-ID:]", "[last_CSeq:]"]
    if sdp:
        headers = (*headers, "Content-Type: application/sdp")
    length = "[len]" if sdp else "0"
    head = "\n".join([f"SIP/2.0 {status}", *lines, *headers, f"Content-Length: {length}"])
    goes_on = f' next="{then}"' if then else ""
    return f"<send{goes_on}><![CDATA[\n{head}\n\n{sdp}\n]]></send>"


BYE_ANSWERED = '<recv request="BYE" timeout="60000"/>\n' + sipp_reply("200 OK", new_tag=False)


def sipp_scenario(
    wav: Path,
    *,
    codec: str = "PCMU",
    info_keys: str = "",
    rtp_keys: str = "",
    talk_ms: int = 2000,
    caller_hangs_up: bool = True,
) -> str:
    """A sipp UAC: INVITE, RTP from the WAV, DTMF (RFC 4733 and/or SIP INFO), then BYE."""
    pt = 0 if codec == "PCMU" else 8
    sdp = SDP.format(pt=pt, codec=codec)
    steps = [
        f"""<send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEAD}
CSeq: 1 INVITE
Content-Type: application/sdp
Content-Length: [len]

{sdp}
]]></send>
<recv response="100" optional="true"/>
<recv response="180" optional="true"/>
<recv response="200" rtd="true"/>
<send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEAD}
CSeq: 1 ACK
Content-Length: 0

]]></send>
<nop><action><exec rtp_stream="{wav},1,{pt}"/></action></nop>
<pause milliseconds="{talk_ms}"/>"""
    ]
    if rtp_keys:
        steps.append(
            f'<nop><action><exec play_dtmf="{rtp_keys}"/></action></nop>'
            '<pause milliseconds="1500"/>'
        )
    for n, key in enumerate(info_keys, start=2):
        steps.append(f"""<send><![CDATA[
INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEAD}
CSeq: {n} INFO
Content-Type: application/dtmf-relay
Content-Length: [len]

Signal={key}
Duration=160
]]></send>
<recv response="200"/>""")
    if caller_hangs_up:
        steps.append(f"""<send><![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEAD}
CSeq: 20 BYE
Content-Length: 0

]]></send>
<recv response="200"/>""")
    else:
        steps.append(BYE_ANSWERED)
    body = "\n".join(steps)
    head = '<?xml version="1.0" encoding="ISO-8859-1" ?>'
    return f'{head}\n<scenario name="caller">\n{body}\n</scenario>\n'


async def run_sipp(
    scenario: str,
    tmp: Path,
    server_port: int,
    number: str = NORDWELLE,
    calls: int = 1,
    rate: float = 1.0,
    limit: int = 1,
    timeout_s: float = 60.0,
) -> tuple[int, str]:
    """Runs sipp against 127.0.0.1:server_port; returns (exit code, its messages)."""
    xml = tmp / "scenario.xml"
    xml.write_text(scenario)
    proc = await asyncio.create_subprocess_exec(
        "sipp",
        f"127.0.0.1:{server_port}",
        "-sf",
        str(xml),
        "-s",
        number,
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        "-mi",
        "127.0.0.1",
        "-m",
        str(calls),
        "-r",
        str(rate),
        "-l",
        str(limit),
        "-bg" if False else "-nostdin",
        "-trace_err",
        "-error_file",
        str(tmp / "sipp.err"),
        "-timeout",
        f"{int(timeout_s)}s",
        "-timeout_error",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp,
    )
    _, err = await proc.communicate()
    errors = (tmp / "sipp.err").read_text() if (tmp / "sipp.err").exists() else ""
    return proc.returncode or 0, err.decode(errors="replace") + errors


def caller_wav(tmp: Path, codec: str = "mulaw", ms: int = 1500) -> Path:
    """A WAV the caller 'says': a 300 Hz tone, G.711 encoded, 8 kHz."""
    t = np.arange(8000 * ms // 1000) / 8000
    samples = (np.sin(2 * np.pi * 300 * t) * 6000).astype(np.int16)
    return write_wav(tmp / f"caller-{codec}.wav", samples, 8000, codec)  # type: ignore[arg-type]


class RecordingBot:
    """A stand-in for the dialog: greets with a tone, records what the line delivers."""

    def __init__(self) -> None:
        self.events: list[CallEvent] = []
        self.lines: list[SipLine] = []

    async def __call__(self, line: SipLine) -> None:
        self.lines.append(line)
        greeting = (np.sin(np.arange(8000) / 8000 * 2 * np.pi * 440) * 5000).astype("<i2")
        await line.send(BotSpeech(call_id=line.call_id, at_ms=0, text="hallo"))
        await line.send(
            BotAudio(call_id=line.call_id, at_ms=0, pcm=greeting.tobytes(), sample_rate=8000)
        )
        async for event in line.events():
            self.events.append(event)
        await line.send(self.events[-1])


@pytest.fixture
async def sip_server():
    bot = RecordingBot()
    server = SipServer("127.0.0.1", 0, tenant_for=lambda n: _tenant(n), on_call=bot)
    await server.start()
    yield server, bot
    await server.stop()


def _tenant(number: str | None) -> str:
    if number == NORDWELLE:
        return "nordwelle"
    raise LookupError(number)


def test_the_dialed_number_is_the_user_part_of_the_request_uri() -> None:
    assert dialed_number("sip:+498006673935@127.0.0.1:5060") == "+498006673935"
    assert dialed_number("sip:127.0.0.1") is None


def test_sip_info_bodies_carry_one_key() -> None:
    assert info_digit("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n") == "5"
    assert info_digit("application/dtmf", "#") == "#"
    assert info_digit("text/plain", "5") is None


@pytest.mark.parametrize("codec", ["PCMU", "PCMA"])
async def test_a_sipp_call_is_answered_and_its_audio_and_keys_arrive(
    sip_server, tmp_path, codec: str
) -> None:
    server, bot = sip_server
    wav = caller_wav(tmp_path, "mulaw" if codec == "PCMU" else "alaw")
    scenario = sipp_scenario(wav, codec=codec, info_keys="4#", rtp_keys="7")
    code, errors = await run_sipp(scenario, tmp_path, server.port)
    assert code == 0, errors
    await asyncio.wait_for(bot.lines[0].ended.wait(), 5)
    audio = [e for e in bot.events if isinstance(e, AudioChunk)]
    heard = np.frombuffer(b"".join(a.pcm for a in audio), dtype="<i2")
    assert len(heard) >= 8000 and np.abs(heard).max() > 3000  # the caller's tone came through
    assert [e.key for e in bot.events if isinstance(e, Dtmf)] == ["7", "4", "#"]
    assert isinstance(bot.events[-1], Hangup) and bot.events[-1].reason == "caller"
    assert bot.lines[0].leg.stats["sent_frames"] == 50  # one second of greeting in 20 ms frames


async def test_a_call_to_an_unknown_number_is_refused(sip_server, tmp_path) -> None:
    server, bot = sip_server
    code, errors = await run_sipp(
        sipp_scenario(caller_wav(tmp_path)), tmp_path, server.port, number="+15550100", timeout_s=10
    )
    assert code != 0 and "404" in errors
    assert bot.lines == []


async def test_the_jitter_buffer_puts_reordered_rtp_packets_back_in_order() -> None:
    import socket

    from aiortp import RtpPacket

    from voicebot.audio.g711 import mulaw_decode
    from voicebot.channels.sip_media import RtpLeg, RtpPorts

    leg, port = await RtpLeg.bind(RtpPorts("127.0.0.1", 32000, 32100), ("127.0.0.1", 9), 0, 101)
    heard: list[bytes] = []
    leg.on_audio = heard.append
    payloads = [bytes([0x80 + n]) * 160 for n in range(14)]  # 20 ms μ-law frames
    order = [0, 2, 1, 3, 5, 4, 6, 7, 8, 9, 10, 11, 12, 13]  # frames 1 and 4 arrive late
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        for n in order:
            packet = RtpPacket(
                payload_type=0,
                sequence_number=100 + n,
                timestamp=160 * n,
                ssrc=7,
                payload=payloads[n],
            )
            peer.sendto(packet.serialize(), ("127.0.0.1", port))
        await asyncio.sleep(0.3)
    await leg.close()
    expected = [mulaw_decode(p).astype("<i2").tobytes() for p in payloads]
    assert heard[:8] == expected[:8]  # in order; the last few wait in the buffer
