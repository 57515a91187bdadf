"""What a server running for weeks must not accumulate, and how it sheds load it cannot serve:
prompt audio in memory is bounded, remembered texts are bounded, kept call records hold no bot
audio, a new caller hears 'all lines busy' while recognition is behind, and `voicebot serve`
loads its models before the first call (benchmarks/soak.py measures the memory and latency)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import websockets

from tests.plugins.servers import free_port
from tests.test_websocket_calls import (  # noqa: F401 (fixture)
    NORDWELLE,
    BrowserCall,
    CallServer,
    call_server,
    receive_until,
    serve_calls,
)
from voicebot.dialog.turns import SharedDecoder
from voicebot.events import BotAudio, BotSpeech
from voicebot.server.live_calls import CommonTexts, LiveCalls
from voicebot.tts.cache import PromptCache
from voicebot.tts.pico import PicoSynthesizer

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = [
    "Sie sind an Position 3, die Wartezeit beträgt etwa 2 Minuten.",
    "Sie sind an Position 4, die Wartezeit beträgt etwa 3 Minuten.",
    "Sie sind an Position 5, die Wartezeit beträgt etwa 3 Minuten.",
]


def test_prompt_audio_in_memory_stays_within_its_bound_and_the_rest_is_read_from_disk(
    pico_tts: PicoSynthesizer, tmp_path: Path
) -> None:
    full = PromptCache(pico_tts, tmp_path / "full")
    sizes = [len(full.audio(text, "de", 16000, fixed=True)) for text in PROMPTS]
    assert full.memory_held == sum(sizes)  # unbounded enough: all kept

    bound = max(sizes) + min(sizes) // 2  # room for one prompt, not two
    cache = PromptCache(pico_tts, tmp_path / "bounded", memory_bytes=bound)
    first = [cache.audio(text, "de", 16000, fixed=True) for text in PROMPTS]
    assert cache.synthesized == 3
    assert 0 < cache.memory_held <= bound
    again = [cache.audio(text, "de", 16000, fixed=True) for text in PROMPTS]
    assert again == first  # forgotten prompts come back from disk, the same audio
    assert cache.synthesized == 3  # and are not synthesised again
    assert cache.memory_held <= bound


def test_texts_said_before_are_remembered_within_a_bound() -> None:
    common = CommonTexts(frozenset({"Guten Tag."}), limit=3)
    assert "Guten Tag." in common  # a fixed prompt always
    assert "Position 1" not in common  # said once: not common yet
    assert "Position 1" in common  # said again: common (its audio may be cached)
    for n in (2, 3, 4):
        assert f"Position {n}" not in common
    assert "Position 1" not in common  # pushed out by three newer texts: counts as new again
    assert "Position 4" in common  # the recent ones are still remembered


class GatedModel:
    """The real Whisper model behind a gate: decodes wait until the test opens it (a
    recogniser that has fallen behind, made deterministic)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.gate = threading.Event()
        self.entered = threading.Event()  # a decode has reached the gate

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def transcribe(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        self.gate.wait(120)
        return self.inner.transcribe(*args, **kwargs)


@pytest.fixture
def gated_server(call_server: CallServer, tmp_path: Path) -> Iterator[tuple[CallServer, Any]]:  # noqa: F811
    """A server of its own whose calls share the session's tenants, model and voice, deciding
    through one gated decode worker; refuses new calls while a decode waits or has waited
    over 0.2 s in the last 2 s."""
    shared: LiveCalls = call_server.app.state.live_calls
    model = GatedModel(shared.decoder.model)
    live = dataclasses.replace(
        shared,
        decoder=SharedDecoder(model, workers=1, wait_window_s=2.0),  # type: ignore[arg-type]
        active=0,
        busy_refusals=0,
        records=deque(maxlen=shared.records.maxlen),
        max_asr_wait_s=0.2,
        min_calls=0,
        call_limit=0,
    )
    server = serve_calls(tmp_path / "var")
    server.app.state.live_calls = live
    yield server, model
    model.gate.set()
    server.stop()
    live.close()


async def test_while_recognition_is_behind_a_new_caller_hears_all_lines_busy(
    gated_server: tuple[CallServer, Any],
) -> None:
    server, model = gated_server
    live: LiveCalls = server.app.state.live_calls
    second = b"\x00\x00" * 16000
    decode = live.decoder.decode
    decodes = [asyncio.create_task(decode(second, 16000, "de"))]  # holds the only worker
    await asyncio.to_thread(model.entered.wait, 30)
    decodes.append(asyncio.create_task(decode(second, 16000, "de")))
    await asyncio.sleep(0.5)
    assert live.decoder.queue_wait_s() == 0.0, "one decode waiting behind one is no crowd"
    decodes.append(asyncio.create_task(decode(second, 16000, "de")))  # behind a waiting one
    async with asyncio.timeout(30):
        while live.decoder.queue_wait_s() <= live.max_asr_wait_s:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    url = f"{server.ws}/calls?dialed={quote(NORDWELLE)}"
    refused = BrowserCall()
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, refused, lambda e: e["type"] == "end", timeout_s=60)
    assert "Leitungen belegt" in refused.of("bot_text")[0]["text"]
    assert refused.of("end")[0]["reason"] == "bot" and live.busy_refusals == 1
    assert live.call_limit == 1, "learned: recognition is behind with no call running"

    model.gate.set()  # recognition catches up: callers are answered again
    await asyncio.wait_for(asyncio.gather(*decodes), 120)
    async with asyncio.timeout(30):
        while not live.asr_keeps_up():  # noqa: ASYNC110 (the long wait leaves the window)
            await asyncio.sleep(0.1)
    assert live.decoder.queue_wait_s() == 0.0
    answered = BrowserCall()
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, answered, lambda e: e["type"] == "bot_text", timeout_s=60)
        await ws.send(json.dumps({"type": "hangup"}))
        await receive_until(ws, answered, lambda e: e["type"] == "end", timeout_s=60)
    assert "Nordwelle" in answered.of("bot_text")[0]["text"]
    assert answered.audio_bytes > 0 and live.busy_refusals == 1
    async with asyncio.timeout(30):
        while not live.records:  # noqa: ASYNC110 (kept when the call has ended, on the server)
            await asyncio.sleep(0.05)
    kept = live.records[-1]
    spoken = [e for e in kept.events if isinstance(e, BotSpeech) and e.text]
    audio = [e for e in kept.events if isinstance(e, BotAudio)]
    assert spoken and audio, "the kept record still tells what was said and when"
    assert all(e.pcm == b"" for e in audio), "but holds none of the bot's audio"


def test_serve_loads_the_models_before_the_first_call(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "VOICEBOT_DATA": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicebot.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answers = []
        deadline = time.monotonic() + 300  # a loaded machine takes long to load the models
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                reply = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.1)
                continue
            answers.append(reply.json())
            if reply.status_code == 200:
                break
            assert reply.status_code == 503 and reply.json()["waiting_for"] == ["calls"]
            time.sleep(0.1)
        assert answers and answers[-1] == {"status": "ok"}, answers[-3:]
        assert answers[0] == {"status": "starting", "waiting_for": ["calls"]}, "loading at start"
        # ready without any call: the first caller is greeted at once, models already loaded
        call = BrowserCall()

        async def greeted() -> None:
            url = f"ws://127.0.0.1:{port}/calls?dialed={quote(NORDWELLE)}"
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
                await receive_until(ws, call, lambda e: e["type"] == "bot_text", timeout_s=60)
                await ws.send(json.dumps({"type": "hangup"}))

        asyncio.run(greeted())
        assert "Nordwelle" in call.of("bot_text")[0]["text"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
