"""Outbound: the survey tenant marktblick dials a call list over SIP (INVITE out)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.plugins.servers import free_port
from tests.test_sip_line import SDP, sipp_reply
from tests.test_websocket_calls import CallServer, call_server  # noqa: F401 (fixture)
from voicebot.audio.wav import write_wav
from voicebot.server.survey_dialler import dial_call_list

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")


def answering_phone(wav: Path) -> str:
    """A sipp UAS: answers the INVITE, speaks the WAV, waits for the bot's BYE."""
    contact = "Contact: <sip:[local_ip]:[local_port];transport=[transport]>"
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="survey respondent">
<recv request="INVITE" crlf="true"/>
{sipp_reply("200 OK", contact, sdp=SDP.format(pt=0, codec="PCMU"))}
<recv request="ACK" crlf="true"/>
<nop><action><exec rtp_stream="{wav},1,0"/></action></nop>
<recv request="BYE" timeout="120000"/>
{sipp_reply("200 OK", new_tag=False)}
</scenario>
"""


async def test_the_survey_dials_its_list_and_a_busy_respondent_declines(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    words = np.frombuffer(say_pico("Nein danke, ich habe keine Zeit.", "de", 8000), dtype="<i2")
    # the bot introduces itself and asks for consent first: answer after that, in a pause
    samples = np.concatenate([np.zeros(8000 * 9, np.int16), words, np.zeros(8000 * 8, np.int16)])
    wav = write_wav(tmp_path / "respondent.wav", samples, 8000, "mulaw")
    (tmp_path / "uas.xml").write_text(answering_phone(wav))
    port = free_port()
    phone = await asyncio.create_subprocess_exec(
        "sipp",
        "-sf",
        str(tmp_path / "uas.xml"),
        "-i",
        "127.0.0.1",
        "-p",
        str(port),
        "-mi",
        "127.0.0.1",
        "-m",
        "1",
        "-nostdin",
        "-timeout",
        "150s",
        "-timeout_error",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
    )
    await asyncio.sleep(0.5)  # sipp binds its socket
    server_loop = call_server.app.state.sip_loop
    run = dial_call_list(
        call_server.app.state.sip_server,
        "marktblick",
        ["+4940111222", "+4940999000"],
        ("127.0.0.1", port),
        ring_s=5,
    )
    done = await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(run, server_loop))
    _, errors = await phone.communicate()
    assert phone.returncode == 0, errors.decode(errors="replace")
    # the first number answered; the second rang at a phone that had already gone away
    assert done.rang == {"+4940111222": "answered", "+4940999000": "no_answer"}
    record = next(
        r for r in reversed(call_server.app.state.live_calls.records) if r.tenant == "marktblick"
    )
    assert record.outcome == "declined", record.turns()
