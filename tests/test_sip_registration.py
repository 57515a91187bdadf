"""`voicebot serve --sip … --register PBX`: the bot registers at a PBX as one of its extensions
(digest auth) and takes the calls the PBX sends to that contact, the hotline's number in To."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from aiosipua import SipDigestAuth

from tests.plugins.servers import free_port
from tests.test_sip_line import BYE_ANSWERED, SDP, sipp_reply
from voicebot.channels.sip import SipServer
from voicebot.channels.sip_registration import register_at

if TYPE_CHECKING:
    from aiosipua.registration import Registration

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")
NORDWELLE = "+498006673935"


def _challenged_register(password: str, expires: str) -> str:
    """REGISTER answered 401, then the digest checked: 200 (binding `expires` s) or 403."""
    challenge = 'WWW-Authenticate: Digest realm="pbx.test", nonce="9a8b7c6d5e", algorithm=MD5'
    bound = (f"[last_Contact:];expires={expires}", f"Expires: {expires}")
    return f"""
<recv request="REGISTER"/>
{sipp_reply("401 Unauthorized", challenge)}
<recv request="REGISTER">
  <action><verifyauth assign_to="authvalid" username="bot" password="{password}"/></action>
</recv>
<nop hide="true" test="authvalid" next="ok{expires}"/>
{sipp_reply("403 Forbidden", then="end")}
<label id="ok{expires}"/>
{sipp_reply("200 OK", *bound)}"""


def registrar(password: str) -> str:
    """A sipp UAS standing for the PBX's registrar: the registration, then its removal."""
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="registrar with digest auth">
{_challenged_register(password, "120")}
{_challenged_register(password, "0")}
<label id="end"/>
</scenario>
"""


async def _sipp(tmp_path: Path, name: str, scenario: str, *args: str) -> asyncio.subprocess.Process:
    (tmp_path / name).write_text(scenario)
    return await asyncio.create_subprocess_exec(
        "sipp", *args, "-sf", str(tmp_path / name), "-i", "127.0.0.1", "-m", "1", "-nostdin",
        "-timeout", "60s", "-timeout_error",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip


async def no_call(line: object) -> None:
    raise AssertionError("no call here")


def settled(registration: Registration) -> asyncio.Event:
    """Set when the registrar's final answer came (registered, refused or removed); the
    logging callbacks of register_at still run."""
    event = asyncio.Event()
    for name in ("on_registered", "on_failed"):
        logged = getattr(registration, name)
        setattr(registration, name, lambda *args, logged=logged: (logged(*args), event.set()))
    return event


async def test_the_bot_registers_with_its_account_and_unregisters_at_the_end(
    tmp_path: Path,
) -> None:
    port = free_port()
    pbx = await _sipp(tmp_path, "registrar.xml", registrar("s3cret"), "-p", str(port))
    await asyncio.sleep(0.5)  # sipp binds its port
    server = SipServer("0.0.0.0", 0, tenant_for=lambda dialed: "nordwelle", on_call=no_call)
    await server.start()  # on every address: the contact names the one the PBX reaches
    try:
        registration = register_at(server, ("127.0.0.1", port), SipDigestAuth("bot", "s3cret"))
        async with asyncio.timeout(30):
            await settled(registration).wait()
        assert registration.state.value == "registered"
        assert registration.granted_expires == 120
        assert registration.contact_uri == f"sip:bot@127.0.0.1:{server.port}"
        registration.unregister()
        async with asyncio.timeout(30):
            _, errors = await pbx.communicate()
    finally:
        await server.stop()
    assert pbx.returncode == 0, errors.decode(errors="replace")  # both digests right, both ends
    assert registration.state.value == "unregistered"


async def test_a_wrong_password_is_logged_with_the_settings_to_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    pbx = await _sipp(tmp_path, "registrar.xml", registrar("the-right-one"), "-p", str(port))
    await asyncio.sleep(0.5)
    server = SipServer("127.0.0.1", 0, tenant_for=lambda dialed: "nordwelle", on_call=no_call)
    await server.start()
    try:
        registration = register_at(server, ("127.0.0.1", port), SipDigestAuth("bot", "wrong"))
        async with asyncio.timeout(30):
            await settled(registration).wait()
            await pbx.wait()  # its scenario ends after the 403
    finally:
        await server.stop()
    assert registration.state.value == "failed"
    refused = [
        r.getMessage() for r in caplog.records if "refused our registration" in r.getMessage()
    ]
    assert refused == [
        f"the PBX at 127.0.0.1:{port} refused our registration as bot: 403 Forbidden; set "
        "VOICEBOT_SIP_USER and VOICEBOT_SIP_PASSWORD to the account it knows for us"
    ]


def pbx_calling_our_contact(number: str) -> str:
    """A sipp UAC standing for the PBX: INVITE to our registered contact (sip:bot@…), the
    hotline's number in To; expects the answer and the bot's BYE."""
    sdp = SDP.format(pt=0, codec="PCMU")
    head = f"""Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:+4915112345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:{number}@[local_ip]>[peer_tag_param]
Call-ID: [call_id]
Contact: <sip:pbx@[local_ip]:[local_port]>
Max-Forwards: 70"""
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="pbx forwards a hotline call to the registered bot">
<send retrans="500"><![CDATA[
INVITE sip:bot@[remote_ip]:[remote_port] SIP/2.0
{head}
CSeq: 1 INVITE
Content-Type: application/sdp
Content-Length: [len]

{sdp}
]]></send>
<recv response="100" optional="true"/>
<recv response="180" optional="true"/>
<recv response="200">
  <action>
    <ereg regexp="c=IN IP4 0[.]0[.]0[.]0" search_in="body" check_it_inverse="true" assign_to="x"/>
    <ereg regexp="0[.]0[.]0[.]0" search_in="hdr" header="Contact:" check_it_inverse="true"
          assign_to="y"/>
  </action>
</recv>
<send><![CDATA[
ACK sip:bot@[remote_ip]:[remote_port] SIP/2.0
{head}
CSeq: 1 ACK
Content-Length: 0

]]></send>
{BYE_ANSWERED}
<Reference variables="x,y"/>
</scenario>
"""


async def test_a_call_to_our_registered_contact_reaches_the_tenant_named_in_to(
    tmp_path: Path,
) -> None:
    from voicebot.nlu.loader import load_tenants, tenant_for_dialed
    from voicebot.settings import load_settings

    tenants = load_tenants(load_settings().intents_dir)

    def tenant_for(dialed: str | None) -> str:
        tenant = tenant_for_dialed(tenants, dialed) if dialed else None
        if tenant is None:
            raise LookupError(dialed)
        return str(tenant.id)

    reached: list[tuple[str, str | None]] = []

    async def answered(line) -> None:  # the bot hangs up at once: the routing is tested
        reached.append((line.started.tenant, line.started.dialed))

    server = SipServer("0.0.0.0", 0, tenant_for=tenant_for, on_call=answered)
    await server.start()  # on every address: the answer's SDP and Contact name a reachable one
    try:
        pbx = await _sipp(tmp_path, "pbx.xml", pbx_calling_our_contact(NORDWELLE),
                          f"127.0.0.1:{server.port}", "-p", str(free_port()))  # fmt: skip
        async with asyncio.timeout(60):
            _, errors = await pbx.communicate()
    finally:
        await server.stop()
    assert pbx.returncode == 0, errors.decode(errors="replace")
    assert reached == [("nordwelle", NORDWELLE)]
