"""`voicebot survey dial`: the outbound survey dials its call list over SIP (command line)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.plugins.servers import free_port
from tests.test_sip_line import BYE_ANSWERED, SDP, sipp_reply
from tests.test_sip_survey import answering_phone
from voicebot.audio.wav import write_wav
from voicebot.dialog.survey_store import SurveyStore

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")


async def test_survey_dial_calls_the_list_through_the_pbx_and_stores_each_outcome(
    say_pico: Callable[..., bytes], tmp_path: Path
) -> None:
    words = np.frombuffer(say_pico("Nein danke, ich habe keine Zeit.", "de", 8000), dtype="<i2")
    # the bot introduces itself and asks for consent first: answer after that, in a pause
    samples = np.concatenate([np.zeros(8000 * 9, np.int16), words, np.zeros(8000 * 8, np.int16)])
    wav = write_wav(tmp_path / "respondent.wav", samples, 8000, "mulaw")
    (tmp_path / "uas.xml").write_text(answering_phone(wav))
    (tmp_path / "calls.csv").write_text("phone,name\n+4940111222,Frau Busy\n+4940999000,Herr Weg\n")
    port = free_port()
    phone = await asyncio.create_subprocess_exec(
        *("sipp", "-sf", str(tmp_path / "uas.xml"), "-i", "127.0.0.1", "-p", str(port)),
        *("-mi", "127.0.0.1", "-m", "1", "-nostdin", "-timeout", "400s", "-timeout_error"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
    )
    dial = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "voicebot.cli", "survey", "dial", "--tenant", "marktblick"),
        *("--list", str(tmp_path / "calls.csv"), "--via", f"127.0.0.1:{port}", "--ring-s", "4"),
        "--any-time",  # the tenant's hours are tested apart: this test may run at any hour
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "VOICEBOT_DATA": str(tmp_path / "var")},
    )
    async with asyncio.timeout(400):
        printed, logged = await dial.communicate()
        _, errors = await phone.communicate()
    assert dial.returncode == 0, logged.decode(errors="replace")[-2000:]
    assert phone.returncode == 0, errors.decode(errors="replace")
    # the first person answered and declined; the second number rang at a phone gone away
    assert printed.decode().splitlines() == ["Frau Busy: declined", "Herr Weg: no_answer"]
    store = SurveyStore(tmp_path / "var" / "voicebot.db")
    try:
        stored = {call.phone: call.outcome for call in store.calls("marktblick")}
    finally:
        store.close()
    assert stored == {"+4940111222": "declined", "+4940999000": "no_answer"}
    assert "40111222" not in logged.decode()  # numbers are masked in the log
    assert "Traceback" not in logged.decode()
    again = await asyncio.create_subprocess_exec(  # the list run again, one attempt a number:
        *(sys.executable, "-m", "voicebot.cli", "survey", "dial", "--tenant", "marktblick"),
        *("--list", str(tmp_path / "calls.csv"), "--via", f"127.0.0.1:{port}", "--ring-s", "4"),
        *("--any-time", "--attempts", "1"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "VOICEBOT_DATA": str(tmp_path / "var"),
             "VOICEBOT_ASR": "none-such"},  # nobody left to call: no speech model is loaded
    )  # fmt: skip
    async with asyncio.timeout(400):
        printed, logged = await again.communicate()
    assert again.returncode == 0, logged.decode(errors="replace")[-2000:]
    assert printed.decode().splitlines() == [  # nobody called twice
        "Frau Busy: not dialled again (reached before: declined)",
        "Herr Weg: not dialled again (no answer 1 times)",
        "nobody left to call on this list",
    ]


def test_a_list_run_again_dials_only_who_was_not_reached(tmp_path: Path) -> None:
    from voicebot.dialog.survey_store import SurveyCall
    from voicebot.server.survey_dialler import already_reached

    store = SurveyStore(tmp_path / "survey.db")
    try:
        for n, (phone, outcome) in enumerate([
            ("+49 40 111", "resolved"), ("+49 40 222", "declined"), ("+49 40 333", "hangup"),
            ("+49 40 444", "no_answer"), ("+49 40 444", "no_answer"), ("+49 40 555", "no_answer"),
            ("+49 40 666", "no_answer"), ("+49 40 666", "declined"),
        ]):  # fmt: skip
            call = SurveyCall(f"c{n}", "marktblick", phone, "", outcome, "2026-12-05T10:00", {})
            store.save(call)
        skipped = already_reached(store, "marktblick", attempts=2)
        assert skipped == {
            "4940111": "reached before: resolved",
            "4940222": "reached before: declined",
            "4940333": "reached before: hangup",  # hung up on us: not called again
            "4940444": "no answer 2 times",
            "4940666": "reached before: declined",  # rang out once, then reached
        }  # +49 40 555 rang out once: dialled again
        assert already_reached(store, "other-survey", attempts=2) == {}
    finally:
        store.close()


def _tenant_hours(tmp_path: Path, weekly: str) -> Path:
    """A copy of intents/ whose Marktblick has these weekly hours (the other tenants as shipped)."""
    from voicebot.settings import PROJECT_ROOT

    shutil.copytree(PROJECT_ROOT / "intents", tmp_path / "intents")
    path = tmp_path / "intents" / "marktblick" / "tenant.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  weekly:")
    end = text.index("  holidays:", start)
    path.write_text(text[:start] + f"  weekly: {weekly}\n" + text[end:], encoding="utf-8")
    return tmp_path / "intents"


def test_survey_dial_calls_nobody_outside_the_tenants_business_hours(tmp_path: Path) -> None:
    import subprocess

    intents = _tenant_hours(tmp_path, "{}")  # closed every day: never a time to call
    (tmp_path / "calls.csv").write_text("phone,name\n+4940111222,Frau Busy\n")
    env = {**os.environ, "VOICEBOT_DATA": str(tmp_path / "var"), "VOICEBOT_INTENTS": str(intents)}
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "survey", "dial", "--tenant", "marktblick",
         "--list", str(tmp_path / "calls.csv"), "--via", f"127.0.0.1:{free_port()}"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "--tenant marktblick: outside its business hours: it is " in done.stderr, done.stderr
    assert "nothing dialled (--any-time dials anyway)" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (tmp_path / "var" / "voicebot.db").exists()  # no call stored, none placed


async def test_the_dialler_leaves_the_rest_of_the_list_when_the_hours_end() -> None:
    from voicebot.channels.sip import SipServer
    from voicebot.server.survey_dialler import dial_call_list

    async def no_calls_answered(line: object) -> None:
        raise AssertionError("no call may be answered here")

    server = SipServer("127.0.0.1", 0, tenant_for=lambda dialed: "marktblick",
                       on_call=no_calls_answered)  # fmt: skip
    await server.start()
    asked: list[str] = []

    def may_dial() -> bool:  # the hours end after the first number was dialled
        asked.append("now?")
        return len(asked) == 1

    try:  # nobody answers at the PBX's port: the first number rings out as no_answer
        async with asyncio.timeout(60):
            run = await dial_call_list(
                server, "marktblick", ["+4940111222", "+4940999000", "+4940555666"],
                ("127.0.0.1", free_port()), ring_s=1, may_dial=may_dial,
            )  # fmt: skip
    finally:
        await server.stop()
    assert run.rang == {"+4940111222": "no_answer", "+4940999000": "not_dialled",
                        "+4940555666": "not_dialled"}  # fmt: skip


def _pbx_asking_for_credentials(password: str) -> str:
    """A sipp UAS standing for a PBX: challenges the INVITE (401, as Asterisk does), checks the
    digest against `voicebot`/`password`, then answers (200, waits for our BYE) or refuses
    (403)."""
    challenge = 'WWW-Authenticate: Digest realm="pbx.test", nonce="4f2b8c1d9e", algorithm=MD5'
    contact = "Contact: <sip:[local_ip]:[local_port];transport=[transport]>"
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="pbx with digest auth">
<recv request="INVITE"/>
{sipp_reply("401 Unauthorized", challenge)}
<recv request="ACK"/>
<recv request="INVITE" crlf="true">
  <action><verifyauth assign_to="authvalid" username="voicebot" password="{password}"/></action>
</recv>
<nop hide="true" test="authvalid" next="goodauth"/>
{sipp_reply("403 Forbidden")}
<recv request="ACK" next="end"/>
<label id="goodauth"/>
{sipp_reply("200 OK", contact, sdp=SDP.format(pt=0, codec="PCMU"))}
<recv request="ACK"/>
{BYE_ANSWERED}
<label id="end"/>
</scenario>
"""


async def _pbx(tmp_path: Path, password: str) -> tuple[asyncio.subprocess.Process, int]:
    (tmp_path / "pbx.xml").write_text(_pbx_asking_for_credentials(password))
    port = free_port()
    pbx = await asyncio.create_subprocess_exec(
        *("sipp", "-sf", str(tmp_path / "pbx.xml"), "-i", "127.0.0.1", "-p", str(port)),
        *("-m", "1", "-nostdin", "-timeout", "120s", "-timeout_error"),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    await asyncio.sleep(0.5)  # sipp binds its port
    return pbx, port


async def test_a_pbx_that_asks_for_credentials_gets_them_and_places_the_call(
    tmp_path: Path,
) -> None:
    from aiosipua import SipDigestAuth

    from voicebot.channels.sip import SipServer
    from voicebot.server.survey_dialler import dial_call_list

    pbx, port = await _pbx(tmp_path, "s3cret")
    reached: list[str] = []

    async def hang_up_at_once(line) -> None:  # the call was placed: that is what is tested
        reached.append(line.started.dialed or "")

    account = SipDigestAuth("voicebot", "s3cret")
    server = SipServer("127.0.0.1", 0, tenant_for=lambda dialed: "marktblick",
                       on_call=hang_up_at_once, auth=account)  # fmt: skip
    await server.start()
    try:
        async with asyncio.timeout(120):
            run = await dial_call_list(server, "marktblick", ["+4940111222"], ("127.0.0.1", port))
            _, errors = await pbx.communicate()
    finally:
        await server.stop()
    assert pbx.returncode == 0, errors.decode(errors="replace")  # the digest was right
    assert run.rang == {"+4940111222": "answered"} and reached == ["+4940111222"]


def test_survey_dial_names_the_fix_when_the_pbx_refuses_our_credentials(tmp_path: Path) -> None:
    import subprocess

    async def run() -> tuple[subprocess.CompletedProcess[str], bytes]:
        pbx, port = await _pbx(tmp_path, "the-right-one")
        (tmp_path / "calls.csv").write_text("phone,name\n+4940111222,Frau A\n+4940999000,Herr B\n")
        env = {**os.environ, "VOICEBOT_DATA": str(tmp_path / "var"),
               "VOICEBOT_SIP_USER": "voicebot", "VOICEBOT_SIP_PASSWORD": "a-wrong-one"}  # fmt: skip
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "voicebot.cli", "survey", "dial", "--tenant", "marktblick",
             "--list", str(tmp_path / "calls.csv"), "--via", f"127.0.0.1:{port}", "--any-time"],
            capture_output=True, text=True, timeout=300, env=env,
        )  # fmt: skip
        _, errors = await pbx.communicate()
        return done, errors

    done, errors = asyncio.run(run())
    assert done.returncode == 1, done.stderr[-2000:]
    assert b"unexpected" not in errors, errors.decode(errors="replace")  # the 407 and 403 ACKed
    assert done.stdout.splitlines() == [
        "Frau A: not dialled (the PBX refused the call)",
        "Herr B: not dialled (the PBX refused the call)",  # not tried: it would be refused too
    ]
    assert "the PBX refused our calls with '403 Forbidden' (we gave the account 'voicebot')" in (
        done.stderr
    ), done.stderr[-2000:]
    assert "a-wrong-one" not in done.stderr and "Traceback" not in done.stderr
    store = SurveyStore(tmp_path / "var" / "voicebot.db")
    try:
        assert store.calls("marktblick") == []  # nothing stored: the list can be dialled again
    finally:
        store.close()
