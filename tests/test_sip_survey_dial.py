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
