"""Whole calls over WS /calls against the real server on loopback: real models, real audio."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import websockets

from tests.plugins.servers import free_port
from voicebot.settings import Settings

NORDWELLE = "+49 800 6673935"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CallServer:
    """voicebot's app with the call routers on a real uvicorn (thread), SIP optional."""

    http: str
    ws: str
    app: Any
    server: Any
    sip_port: int = 0
    thread: threading.Thread | None = None

    def stop(self) -> None:
        """Shuts the server down and waits for it (before the interpreter's exit)."""
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=60)


def serve_calls(
    data_dir: Path, *, max_calls: int = 20, sip: bool = False, **settings_: Any
) -> CallServer:
    """Starts the call server in a thread; models load when the first call comes."""
    import uvicorn

    from voicebot.server.app import create_app

    settings = Settings(
        intents_dir=ROOT / "intents", data_dir=data_dir, max_calls=max_calls, **settings_
    )
    app = create_app(settings)
    sip_port = free_port() if sip else 0
    if sip:
        app.state.sip_listen = f"127.0.0.1:{sip_port}"
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        log_config=None,  # keep the session's log handlers (uvicorn's dictConfig closes them)
        lifespan="on",
        timeout_graceful_shutdown=1,
        ws_max_size=2**22,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-calls", daemon=True)
    thread.start()
    for _ in range(12000):  # SIP loads the models at start: allow minutes on a busy machine
        if server.started:
            break
        time.sleep(0.025)
    http, ws = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    return CallServer(http, ws, app, server, sip_port, thread)


_SHARED: dict[str, CallServer] = {}  # other test modules import the fixture: one server


@pytest.fixture(scope="session")
def call_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CallServer]:
    """The call server (HTTP, WebSocket and SIP) shared by every call test of the session."""
    if "calls" not in _SHARED:
        _SHARED["calls"] = serve_calls(tmp_path_factory.mktemp("calls"), sip=True)
    served = _SHARED["calls"]
    yield served
    served.stop()  # at session end (each importing module asks; the first one waits)


@dataclass
class BrowserCall:
    """What a WS /calls client saw: JSON events in order and the bot audio received."""

    events: list[dict[str, Any]] = field(default_factory=list)
    audio_bytes: int = 0

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]


async def receive_until(
    ws: Any, call: BrowserCall, done: Callable[[dict[str, Any]], bool], timeout_s: float = 60.0
) -> dict[str, Any]:
    """Reads frames until a JSON event satisfies `done`; returns that event."""
    async with asyncio.timeout(timeout_s):
        while True:
            frame = await ws.recv()
            if isinstance(frame, bytes):
                call.audio_bytes += len(frame)
                continue
            event = json.loads(frame)
            call.events.append(event)
            if done(event):
                return event


async def stream(
    ws: Any, pcm: bytes, rate: int = 16000, chunk_ms: int = 20, pace: float = 0.25
) -> None:
    """Sends PCM in chunks; pace 1.0 is real time, smaller is faster (audio clock unaffected)."""
    size = rate * chunk_ms // 1000 * 2
    for start in range(0, len(pcm), size):
        await ws.send(pcm[start : start + size])
        await asyncio.sleep(chunk_ms / 1000 * pace)


def silence(ms: int, rate: int = 16000) -> bytes:
    return b"\x00\x00" * (rate * ms // 1000)


async def test_a_browser_caller_asking_for_a_person_is_handed_to_allgemein(
    call_server: CallServer, say_pico: Callable[..., bytes]
) -> None:
    words = say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 16000)
    call = BrowserCall()
    url = f"{call_server.ws}/calls?dialed={quote(NORDWELLE)}"
    async with websockets.connect(url, max_size=2**24) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, call, lambda e: e["type"] == "bot_text")
        await stream(ws, silence(300) + words + silence(1200))
        handoff = await receive_until(ws, call, lambda e: e["type"] == "handoff")
        await receive_until(ws, call, lambda e: e["type"] == "end")
    finals = [e["text"].lower() for e in call.of("transcript") if e["final"]]
    assert any("mitarbeiter" in text for text in finals), finals
    assert handoff["queue"] == "allgemein"
    assert call.audio_bytes > 16000 * 2  # more than a second of the bot's voice arrived
    assert call.of("clear"), "the caller talked over the greeting: its audio is cut"


async def test_calling_a_number_no_tenant_has_ends_with_an_error(call_server: CallServer) -> None:
    call = BrowserCall()
    async with websockets.connect(f"{call_server.ws}/calls?dialed=12345") as ws:
        await receive_until(ws, call, lambda e: e["type"] == "end", timeout_s=30)
    assert call.of("error")[0]["code"] == "unknown_number"


async def test_a_malformed_frame_ends_that_call_and_the_server_answers_the_next(
    call_server: CallServer,
) -> None:
    url = f"{call_server.ws}/calls?dialed={quote(NORDWELLE)}"
    broken = BrowserCall()
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await ws.send(b"\x01\x02\x03")  # odd length: not 16-bit PCM
        await receive_until(ws, broken, lambda e: e["type"] == "end", timeout_s=90)
    assert broken.of("error")[0]["code"] == "bad_frame"
    assert len(broken.of("end")) == 1  # that call is over (the dialog may say goodbye first)
    fine = BrowserCall()
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, fine, lambda e: e["type"] == "bot_text", timeout_s=30)
        await ws.send(json.dumps({"type": "hangup"}))


async def test_beyond_capacity_a_caller_hears_that_all_lines_are_busy(
    call_server: CallServer,
) -> None:
    live = call_server.app.state.live_calls
    url = f"{call_server.ws}/calls?dialed={quote(NORDWELLE)}"
    async with asyncio.timeout(120):  # calls of earlier tests on this shared server finish
        while live.active:  # noqa: ASYNC110 (no event to wait on)
            await asyncio.sleep(0.1)
    saved, live.max_calls = live.max_calls, 1
    try:
        first, second = BrowserCall(), BrowserCall()
        async with websockets.connect(url) as talking:
            await talking.send(json.dumps({"type": "start", "sample_rate": 16000}))
            await receive_until(talking, first, lambda e: e["type"] == "bot_text", timeout_s=90)
            async with websockets.connect(url) as refused:
                await refused.send(json.dumps({"type": "start", "sample_rate": 16000}))
                await receive_until(refused, second, lambda e: e["type"] == "end", timeout_s=90)
            await talking.send(json.dumps({"type": "hangup"}))
    finally:
        live.max_calls = saved
    assert "Leitungen belegt" in second.of("bot_text")[0]["text"]
    assert second.audio_bytes > 0 and second.of("end")[0]["reason"] == "bot"
    assert "Nordwelle" in first.of("bot_text")[0]["text"]
