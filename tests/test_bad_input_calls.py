"""Malformed call traffic (tests/bad_inputs/corpus.yaml) against the real server on loopback:
WebSocket `/calls` frames, Twilio Media Streams messages and garbage SIP datagrams, all sent
while a good call is running. Each bad call ends with a clear error; the good call completes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import websockets

from tests.test_bad_input import CORPUS
from tests.test_websocket_calls import (  # noqa: F401 (fixture)
    NORDWELLE,
    BrowserCall,
    CallServer,
    call_server,
    receive_until,
    silence,
    stream,
)

AT_ONCE = 8  # bad calls in parallel: well below max_calls, so none hears "all lines busy"
TWILIO_START = {
    "event": "start",
    "start": {"streamSid": "MZbad", "callSid": "CAbad", "customParameters": {"To": NORDWELLE}},
}


def frame_of(entry: dict[str, Any]) -> str | bytes:
    if "bytes_len" in entry:
        return b"\x01" * entry["bytes_len"]
    if "text_len" in entry:
        return json.dumps({"type": "x", "pad": "x" * entry["text_len"]})
    return str(entry["text"])


async def bad_browser_call(url: str, entry: dict[str, Any]) -> tuple[str, int | None]:
    """Sends one bad frame; returns the error message the server sent, and the close code."""
    call = BrowserCall()
    async with websockets.connect(url, max_size=2**24) as ws:
        if not entry.get("before_start"):
            await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await ws.send(frame_of(entry))
        with contextlib.suppress(websockets.ConnectionClosed):
            await receive_until(ws, call, lambda e: e["type"] == "end", timeout_s=60)
        errors = call.of("error")
        return (errors[0]["message"] if errors else ""), ws.close_code


async def bad_twilio_call(url: str, entry: dict[str, Any]) -> int | None:
    """Sends one bad Media Streams message; returns the close code once the server hangs up."""
    async with websockets.connect(url, max_size=2**24) as ws:
        await ws.send(json.dumps({"event": "connected", "protocol": "Call"}))
        if not entry.get("before_start"):
            await ws.send(json.dumps(TWILIO_START))
        await ws.send(frame_of(entry))
        async with asyncio.timeout(60):
            try:
                while True:
                    await ws.recv()
            except websockets.ConnectionClosed:
                return ws.close_code


async def good_call(server: CallServer, words: bytes) -> BrowserCall:
    call = BrowserCall()
    url = f"{server.ws}/calls?dialed={quote(NORDWELLE)}"
    async with websockets.connect(url, max_size=2**24) as ws:
        await ws.send(json.dumps({"type": "start", "sample_rate": 16000}))
        await receive_until(ws, call, lambda e: e["type"] == "bot_text", timeout_s=120)
        await stream(ws, silence(300) + words + silence(1500), pace=1.0)
        await receive_until(ws, call, lambda e: e["type"] == "end", timeout_s=180)
    return call


async def send_bad_calls(server: CallServer) -> tuple[dict[str, Any], dict[str, Any]]:
    """All bad calls, AT_ONCE at a time (each waits for its greeting to 'play' before the end)."""
    gate = asyncio.Semaphore(AT_ONCE)
    browser_url = f"{server.ws}/calls?dialed={quote(NORDWELLE)}"

    async def gated(make: Any, url: str, entry: dict[str, Any]) -> tuple[str, Any]:
        async with gate:
            return entry["name"], await make(url, entry)

    browser = await asyncio.gather(
        *(gated(bad_browser_call, browser_url, e) for e in CORPUS["calls_frames"])
    )
    twilio = await asyncio.gather(
        *(gated(bad_twilio_call, f"{server.ws}/twilio", e) for e in CORPUS["twilio_frames"])
    )
    return dict(browser), dict(twilio)


def sip_datagram(entry: dict[str, Any]) -> bytes:
    if "hex_random" in entry:
        return os.urandom(entry["hex_random"])
    if "text_len" in entry:
        return b"OPTIONS " + b"x" * entry["text_len"]
    return str(entry["text"]).encode()


async def sip_answers_options(port: int) -> bool:
    """True when the SIP service answers an OPTIONS request (any SIP status line)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        mine = sock.getsockname()[1]  # replies go to the Via address
        request = (
            f"OPTIONS sip:bot@127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{mine};branch=z9hG4bKalive{mine}\r\n"
            "From: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:bot@127.0.0.1>\r\n"
            f"Call-ID: alive-{mine}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
            "Content-Length: 0\r\n\r\n"
        ).encode()
        sock.settimeout(5)
        sock.sendto(request, ("127.0.0.1", port))
        try:
            reply, _ = await asyncio.to_thread(sock.recvfrom, 65535)
        except TimeoutError:
            return False
    return reply.startswith(b"SIP/2.0 ")


async def call_errors_since(server: CallServer, before: int, expected: list[str]) -> list[str]:
    """CallError messages of the calls recorded after `before`, once every expected message is
    there or 60 s have passed (a call is recorded just after its socket closes, and browser,
    Twilio and good calls finish in any order)."""
    live = server.app.state.live_calls

    def messages() -> list[str]:
        records = list(live.records)[before:]
        return [e.message for r in records for e in r.events if type(e).__name__ == "CallError"]

    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(60):
            while not all(any(x in m for m in messages()) for x in expected):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    return messages()


async def test_bad_frames_end_their_own_calls_while_a_good_call_completes(
    call_server: CallServer,  # noqa: F811
    say_pico: Callable[..., bytes],
) -> None:
    words = say_pico("Ich möchte bitte mit einem Mitarbeiter sprechen.", "de", 16000)
    before = len(call_server.app.state.live_calls.records)  # loaded at start (SIP is on)
    good = asyncio.create_task(good_call(call_server, words))
    browser, twilio = await send_bad_calls(call_server)
    finished = await good
    assert finished.of("handoff")[0]["queue"] == "allgemein"
    assert finished.of("end")[0]["reason"] != "error"
    for entry in CORPUS["calls_frames"]:
        message, close_code = browser[entry["name"]]
        if "close_code" in entry:
            assert close_code == entry["close_code"], entry["name"]
        else:
            assert entry["says"] in message, (entry["name"], message)
    expected = [e["says"] for e in CORPUS["twilio_frames"] if "close_code" not in e]
    errors = await call_errors_since(call_server, before, expected)
    for entry in CORPUS["twilio_frames"]:
        if "close_code" in entry:
            assert twilio[entry["name"]] == entry["close_code"], entry["name"]
        else:
            assert any(entry["says"] in m for m in errors), (entry["name"], errors)


async def test_garbage_sip_datagrams_leave_the_sip_service_answering(
    call_server: CallServer,  # noqa: F811
) -> None:
    assert await sip_answers_options(call_server.sip_port), "answers before"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for entry in CORPUS["sip_datagrams"]:
            sock.sendto(sip_datagram(entry), ("127.0.0.1", call_server.sip_port))
    assert await sip_answers_options(call_server.sip_port), "answers after the garbage"
