"""Stopping the server mid-call: calls end cleanly (recorded, BYE sent), no tracebacks."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
import websockets

from tests.test_sip_line import caller_wav, run_sipp, sipp_scenario
from tests.test_websocket_calls import (  # noqa: F401 (fixture)
    NORDWELLE,
    BrowserCall,
    CallServer,
    call_server,
    receive_until,
    serve_calls,
    silence,
    stream,
)
from voicebot.channels.sip import SipServer
from voicebot.channels.sip_line import SipLine
from voicebot.dialog.turns import SharedDecoder
from voicebot.events import Hangup
from voicebot.server.live_calls import LiveCalls


def live_copy(shared: CallServer) -> LiveCalls:
    """The shared server's tenants, model and voice, with a decode pool of its own."""
    live: LiveCalls = shared.app.state.live_calls
    decoder = SharedDecoder(live.decoder.model, workers=2)
    return dataclasses.replace(live, decoder=decoder, active=0, records=type(live.records)())


async def test_stopping_the_server_while_the_bot_says_goodbye_ends_the_call_cleanly(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = serve_calls(tmp_path / "var")  # uvicorn waits 1 s for calls, then cancels them
    live = server.app.state.live_calls = live_copy(call_server)
    words = say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 16000)
    call = BrowserCall()
    caplog.set_level(logging.INFO)
    async with websockets.connect(f"{server.ws}/calls?dialed={quote(NORDWELLE)}") as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, call, lambda e: e["type"] == "bot_text")
        await stream(ws, silence(300) + words + silence(1200))
        await receive_until(ws, call, lambda e: e["type"] == "handoff", timeout_s=120)
        await asyncio.to_thread(server.stop)  # the goodbye ("ich leite Sie ... weiter") plays
    assert [r.outcome for r in live.records] == ["handoff"]  # the call ended, and was recorded
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not problems, [r.getMessage()[:300] for r in problems]


@pytest.mark.skipif(shutil.which("sipp") is None, reason="sipp (sip-tester) missing")
async def test_stopping_sip_mid_call_hangs_up_with_bye_and_records_the_call(
    call_server: CallServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    live = live_copy(call_server)
    answered = asyncio.Event()

    async def on_call(line: SipLine) -> None:
        answered.set()
        await live.run(line, 8000)

    server = SipServer("127.0.0.1", 0, tenant_for=live.tenant_for, on_call=on_call)
    await server.start()
    try:
        scenario = sipp_scenario(caller_wav(tmp_path, ms=500), talk_ms=0, caller_hangs_up=False)
        caller = asyncio.create_task(run_sipp(scenario, tmp_path, server.port, timeout_s=90))
        await asyncio.wait_for(answered.wait(), 60)
        await asyncio.sleep(1.0)  # the bot is greeting
    finally:
        await server.stop()
    code, errors = await caller
    assert code == 0, errors  # sipp got the BYE it waits for
    record = live.records[-1]
    assert isinstance(record.events[-1], Hangup) and record.events[-1].detail == "shutdown"
    live.close()
