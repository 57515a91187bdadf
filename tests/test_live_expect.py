"""Live calls hear what the prompt expects, and not what is said over uninterruptible prompts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
import websockets

from tests.plugins.speech import fsdd_number
from tests.test_bargein import SECOND_8K, sip_line
from tests.test_websocket_calls import (  # noqa: F401 (fixture)
    NORDWELLE,
    BrowserCall,
    CallServer,
    call_server,
    receive_until,
    silence,
    stream,
)
from voicebot.dialog.turns import Listen, SharedDecoder
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallEvent,
    CallStarted,
    Hangup,
    SpeechStarted,
    Transcript,
)


async def test_a_customer_number_spoken_at_the_number_prompt_identifies_the_caller_live(
    call_server: CallServer,  # noqa: F811
    datasets: Path,
) -> None:
    digits = fsdd_number(datasets / "speech/fsdd", "40817253", "george")
    number = digits.astype("<i2").tobytes()
    call = BrowserCall()
    async with websockets.connect(f"{call_server.ws}/calls?dialed={quote(NORDWELLE)}") as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 8000}))
        await receive_until(ws, call, lambda e: e["type"] == "bot_text")  # asks for the number
        await stream(ws, silence(300, 8000) + number + silence(1500, 8000), rate=8000)
        heard = await receive_until(
            ws, call, lambda e: e["type"] == "transcript" and e["final"], timeout_s=120
        )
        reply = await receive_until(ws, call, lambda e: e["type"] == "bot_text", timeout_s=60)
        await ws.send(json.dumps({"type": "hangup"}))
    assert heard["expect"] == "digits:8"
    assert heard["value"] == "40817253", heard
    assert "Lindner" in reply["text"], reply  # the customer on file under that number


async def hear(
    pcm_8k: bytes, decoder: SharedDecoder, floor_held: Callable[[], bool]
) -> list[CallEvent]:
    """Runs the Listen stage over a call's audio in 20 ms chunks, waiting for decodes to end."""
    out: list[CallEvent] = []
    inbox: asyncio.Queue[CallEvent] = asyncio.Queue()

    async def emit(event: CallEvent) -> None:
        out.append(event)

    await inbox.put(CallStarted(call_id="p1", at_ms=0, tenant="nordwelle", channel="sip"))
    stage = Listen(decoder, {"nordwelle": "de"}, floor_held=floor_held)
    task = asyncio.create_task(stage.run(inbox, emit))
    for index, start in enumerate(range(0, len(pcm_8k), 320)):
        chunk = AudioChunk(
            call_id="p1", at_ms=index * 20, pcm=pcm_8k[start : start + 320], sample_rate=8000
        )
        await inbox.put(chunk)
        await asyncio.sleep(0.002)  # as a line delivers it: the floor is asked while it plays
    async with asyncio.timeout(60):
        while decoder.in_flight:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    await inbox.put(Hangup(call_id="p1", at_ms=len(pcm_8k) // 16, reason="caller"))
    await task
    return out


@pytest.fixture(scope="module")
def decoder(whisper_model: object) -> SharedDecoder:
    return SharedDecoder(whisper_model, workers=2)  # type: ignore[arg-type]


@pytest.mark.parametrize("barge_in", [False, True])
async def test_speech_over_a_prompt_that_may_not_be_interrupted_is_not_taken_as_an_answer(
    barge_in: bool, decoder: SharedDecoder, say_pico: Callable[..., bytes]
) -> None:
    line = await sip_line()
    words = say_pico("Ja, ich bin einverstanden.", "de", 8000)
    try:
        await line.send(
            BotSpeech(call_id="b1", at_ms=0, text="Rechtlicher Hinweis", barge_in=barge_in)
        )
        await line.send(BotAudio(call_id="b1", at_ms=0, pcm=SECOND_8K * 30, sample_rate=8000))
        assert line.floor_held() is not barge_in
        events = await hear(
            silence(300, 8000) + words + silence(1200, 8000), decoder, line.floor_held
        )
    finally:
        await line.close(bye=False)
    finals = [e for e in events if isinstance(e, Transcript) and e.final]
    if barge_in:  # allowed: the caller's words are heard and the bot's audio would stop
        assert any(isinstance(e, SpeechStarted) for e in events)
        assert finals and "einverstanden" in finals[0].text.lower()
    else:
        assert not [e for e in events if isinstance(e, SpeechStarted | Transcript)]
