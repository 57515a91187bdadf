"""A real softphone (baresip) calls the running server over SIP and talks from a WAV file."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.test_twilio_calls import call_record
from tests.test_websocket_calls import CallServer, call_server  # noqa: F401 (fixture)
from voicebot.audio.wav import write_wav

pytestmark = pytest.mark.skipif(shutil.which("baresip") is None, reason="baresip-core missing")

CONFIG = """poll_method\tepoll
sip_listen\t127.0.0.1:0
module_path\t/usr/lib/baresip/modules
module\tg711.so
module\taufile.so
module\taubridge.so
module_app\taccount.so
module_app\tmenu.so
audio_source\taufile,{wav}
audio_player\taubridge,nil
audio_alert\taufile,{wav}
"""


def baresip_home(folder: Path, wav: Path) -> Path:
    """A baresip config dir: G.711 only, the caller's voice from `wav`, no sound card."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config").write_text(CONFIG.format(wav=wav))
    (folder / "accounts").write_text("<sip:tester@127.0.0.1>;regint=0\n")
    (folder / "contacts").write_text("")
    return folder


async def test_a_baresip_call_is_answered_understood_and_handed_over(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    words = np.frombuffer(
        say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 8000), dtype="<i2"
    )
    # baresip hangs up when its file ends: leave the bot time to answer and hand over first
    samples = np.concatenate([np.zeros(8000, np.int16), words, np.zeros(8000 * 20, np.int16)])
    home = baresip_home(tmp_path / "baresip", write_wav(tmp_path / "caller.wav", samples, 8000))
    uri = f"sip:+498006673935@127.0.0.1:{call_server.sip_port}"
    phone = await asyncio.create_subprocess_exec(
        "baresip",
        "-f",
        str(home),
        "-e",
        f"/dial {uri}",
        "-t",
        "60",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    lines: list[str] = []
    try:
        async with asyncio.timeout(90):
            assert phone.stdout is not None
            while line := (await phone.stdout.readline()).decode(errors="replace"):
                lines.append(line)
                if "terminated" in line:  # the call is over; baresip itself would idle on
                    break
    finally:
        phone.terminate()
        await phone.wait()
    output = "".join(lines)
    record = await call_record(call_server, "sip-")
    assert "Call established" in output
    assert record.handoff is not None and record.handoff.queue == "allgemein", record.turns()
    caller = [t["text"].lower() for t in record.turns() if t["role"] == "caller"]
    assert any("arbeiter" in text for text in caller), caller
    assert "terminated" in output  # the bot's BYE ended the call on the phone
