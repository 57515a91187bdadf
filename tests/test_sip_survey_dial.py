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
    from voicebot.server.sip_service import dial_call_list

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
            rang = await dial_call_list(
                server, "marktblick", ["+4940111222", "+4940999000", "+4940555666"],
                ("127.0.0.1", free_port()), ring_s=1, may_dial=may_dial,
            )  # fmt: skip
    finally:
        await server.stop()
    assert rang == {"+4940111222": "no_answer", "+4940999000": "not_dialled",
                    "+4940555666": "not_dialled"}  # fmt: skip
