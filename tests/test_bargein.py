"""Barge-in: the caller's voice (or a key) stops the bot's audio, unless the prompt forbids it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np
import pytest

from voicebot.channels.jitter import FramePacer
from voicebot.channels.sip_line import SipLine
from voicebot.channels.sip_media import RtpLeg, RtpPorts
from voicebot.dialog.turns import Listen, SharedDecoder
from voicebot.events import (
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallEvent,
    CallStarted,
    Hangup,
    SpeechStarted,
    SpeechStopped,
    Transcript,
)

SECOND_8K = b"\x10\x00" * 8000


def test_the_pacer_sends_one_frame_per_tick_and_a_clear_drops_the_rest() -> None:
    sent: list[tuple[int, bool]] = []
    pacer = FramePacer(lambda pcm, ts, marker: sent.append((ts, marker)), timestamp=1000)
    pacer.play(SECOND_8K)
    for _ in range(3):
        pacer.tick()
    assert sent == [(1000, True), (1160, False), (1320, False)]  # 160 samples = 20 ms apart
    assert pacer.clear() == 940  # ms of bot audio that will never be heard
    pacer.tick()
    assert len(sent) == 3 and not pacer.playing


async def sip_line() -> SipLine:
    leg, _ = await RtpLeg.bind(RtpPorts("127.0.0.1", 31000, 31100), ("127.0.0.1", 9), 0, 101)
    started = CallStarted(call_id="b1", at_ms=0, tenant="nordwelle", channel="sip")
    return SipLine(started, leg, send_bye=lambda: None)


@pytest.mark.parametrize(
    ("barge_in", "interrupt", "cut"),
    [
        (True, "speech", True),
        (True, "key", True),
        (False, "speech", False),  # e.g. legal text: the caller must hear it whole
        (False, "key", False),
    ],
)
async def test_caller_speech_or_a_key_cuts_only_prompts_that_allow_it(
    barge_in: bool, interrupt: str, cut: bool
) -> None:
    line = await sip_line()
    try:
        await line.send(BotSpeech(call_id="b1", at_ms=0, text="Hinweis", barge_in=barge_in))
        await line.send(BotAudio(call_id="b1", at_ms=0, pcm=SECOND_8K * 3, sample_rate=8000))
        await asyncio.sleep(0.1)
        if interrupt == "speech":
            await line.send(SpeechStarted(call_id="b1", at_ms=100))
        else:
            line.keyed("5")
        assert line.leg.pacer.playing is not cut
        assert (line.cut_ms > 2000) is cut
    finally:
        await line.close(bye=False)


async def listen_to(pcm_8k: bytes, decoder: SharedDecoder) -> list[CallEvent]:
    """Runs the Listen stage over 20 ms chunks of a call's audio; returns what it emitted."""
    inbox: asyncio.Queue[CallEvent] = asyncio.Queue()
    out: list[CallEvent] = []

    async def emit(event: CallEvent) -> None:
        out.append(event)

    await inbox.put(CallStarted(call_id="l1", at_ms=0, tenant="nordwelle", channel="sip"))
    for at_ms, start in enumerate(range(0, len(pcm_8k), 320)):
        chunk = pcm_8k[start : start + 320]
        await inbox.put(AudioChunk(call_id="l1", at_ms=at_ms * 20, pcm=chunk, sample_rate=8000))
    stage = asyncio.create_task(Listen(decoder, {"nordwelle": "de"}).run(inbox, emit))
    async with asyncio.timeout(60):
        while not any(isinstance(e, Transcript) and e.final for e in out):  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    await inbox.put(Hangup(call_id="l1", at_ms=len(pcm_8k) // 16, reason="caller"))
    await stage
    return out


@pytest.fixture(scope="module")
def decoder() -> SharedDecoder:
    from voicebot.asr.base import load_speech_model
    from voicebot.settings import Settings

    return SharedDecoder(load_speech_model("whisper", Settings()), workers=2)


async def test_speech_over_a_prompt_is_noticed_within_200_ms_and_understood(
    decoder: SharedDecoder, say_pico: Callable[..., bytes]
) -> None:
    words = say_pico("Ich möchte meine Rechnung bezahlen.", "de", 8000)
    samples = np.frombuffer(words, dtype="<i2")
    onset_ms = 1000 + int(np.argmax(np.abs(samples) > 1000)) * 1000 // 8000
    pcm = b"\x00\x00" * 8000 + words + b"\x00\x00" * 12000
    events = await listen_to(pcm, decoder)
    started = next(e for e in events if isinstance(e, SpeechStarted))
    stopped = next(e for e in events if isinstance(e, SpeechStopped))
    final = next(e for e in events if isinstance(e, Transcript) and e.final)
    assert 0 <= started.at_ms - onset_ms <= 200  # on the audio clock: the bot stops this soon
    assert stopped.at_ms > started.at_ms
    assert "rechnung" in final.text.lower()
