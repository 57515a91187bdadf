"""Whole SIP calls: sipp dials the running server, speaks from a WAV, the dialog hands off."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.test_sip_line import run_sipp, sipp_scenario
from tests.test_websocket_calls import CallServer, call_server  # noqa: F401 (fixture)
from voicebot.audio.wav import write_wav
from voicebot.events import SpeechStarted

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")
NORDWELLE = "+498006673935"


def caller_asking_for_a_person(say_pico: Callable[..., bytes], folder: Path) -> Path:
    """8 kHz μ-law WAV: 1 s pause, the request, 2.5 s pause (the bot answers meanwhile)."""
    words = np.frombuffer(
        say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 8000), dtype="<i2"
    )
    pause = np.zeros(8000, dtype=np.int16)
    samples = np.concatenate([pause, words, pause, pause, pause[:4000]])
    return write_wav(folder / "person.wav", samples, 8000, "mulaw")


def sip_records(server: CallServer) -> list:
    return [r for r in server.app.state.live_calls.records if r.call_id.startswith("sip-")]


async def test_a_sipp_caller_asking_for_a_person_ends_in_allgemein(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    before = len(sip_records(call_server))
    wav = caller_asking_for_a_person(say_pico, tmp_path)
    scenario = sipp_scenario(wav, talk_ms=0, caller_hangs_up=False)
    code, errors = await run_sipp(
        scenario, tmp_path, call_server.sip_port, NORDWELLE, timeout_s=120
    )
    assert code == 0, errors  # the bot hung up with BYE and sipp answered it
    (record,) = sip_records(call_server)[before:]
    assert record.handoff is not None and record.handoff.queue == "allgemein"
    caller = [t["text"].lower() for t in record.turns() if t["role"] == "caller"]
    assert any("arbeiter" in text for text in caller), caller
    onset = next(e.at_ms for e in record.events if isinstance(e, SpeechStarted))
    assert 1000 <= onset <= 1000 + 400  # speech found where the WAV has it, on the audio clock


async def test_sipp_calls_in_a_row_all_reach_the_queue(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    await calls_in_a_row(call_server, say_pico, tmp_path, calls=3, at_once=3)


@pytest.mark.slow
async def test_fifty_sipp_calls_in_a_row_all_reach_the_queue(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    await calls_in_a_row(call_server, say_pico, tmp_path, calls=50, at_once=5)


async def calls_in_a_row(
    server: CallServer, say_pico: Callable[..., bytes], tmp_path: Path, *, calls: int, at_once: int
) -> None:
    before = len(sip_records(server))
    wav = caller_asking_for_a_person(say_pico, tmp_path)
    scenario = sipp_scenario(wav, talk_ms=0, caller_hangs_up=False)
    code, errors = await run_sipp(
        scenario,
        tmp_path,
        server.sip_port,
        NORDWELLE,
        calls=calls,
        rate=at_once,
        limit=at_once,
        timeout_s=60 + 15 * calls,
    )
    assert code == 0, errors
    records = sip_records(server)[before:]
    assert len(records) == calls
    assert [r.handoff.queue if r.handoff else r.outcome for r in records] == ["allgemein"] * calls
