"""The channel of one SIP call: RTP audio and DTMF in as events, bot audio out at 20 ms pace.

Like every channel (`voicebot.channels.base.CallChannel`) it has `events()`: CallStarted, the
caller's audio and keys, a Hangup; and `send()`: plays BotAudio, cuts it on barge-in (a
SpeechStarted or a key during a prompt that allows it) and sends BYE when the bot hangs up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable

from voicebot.audio.resample import pcm_at_rate
from voicebot.channels.sip_media import RTP_RATE, RtpLeg
from voicebot.events import (
    DTMF_KEYS,
    AudioChunk,
    BotAudio,
    BotSpeech,
    CallError,
    CallEvent,
    CallStarted,
    Dtmf,
    Hangup,
    SpeechStarted,
)

log = logging.getLogger(__name__)
GOODBYE_DRAIN_S = 15.0  # longest wait for the last prompt to finish before BYE


class SipLine:
    """One answered (or dialled) SIP call as a channel."""

    def __init__(self, started: CallStarted, leg: RtpLeg, send_bye: Callable[[], None]) -> None:
        self.started = started
        self.call_id = started.call_id
        self.leg = leg
        self._send_bye = send_bye
        self._inbox: asyncio.Queue[CallEvent | None] = asyncio.Queue()
        self.received_samples = 0
        self.barge_in = True  # of the prompt now playing
        self.cut_ms = 0  # bot audio cut by barge-in, over the call
        self.protected_until = 0.0  # monotonic end of queued audio of an uninterruptible prompt
        self.ended = asyncio.Event()
        self._closed = False
        self._stopping = False  # the server shuts down: no more bot audio, no goodbye wait
        leg.on_audio = self._heard
        leg.on_dtmf = self.keyed

    @property
    def at_ms(self) -> int:
        """Milliseconds of caller audio received (including concealed losses)."""
        return self.received_samples * 1000 // RTP_RATE

    def floor_held(self) -> bool:
        """True while a prompt with barge_in=False plays: speech now is not an answer."""
        return time.monotonic() < self.protected_until

    # ---- caller side (called from the RTP and SIP callbacks) -------------------------------
    def _heard(self, pcm: bytes) -> None:
        chunk = AudioChunk(call_id=self.call_id, at_ms=self.at_ms, pcm=pcm, sample_rate=RTP_RATE)
        self.received_samples += len(pcm) // 2
        self._inbox.put_nowait(chunk)

    def keyed(self, digit: str) -> None:
        """A key from RFC 4733 or SIP INFO; it also interrupts a prompt that allows barge-in."""
        if digit not in DTMF_KEYS:
            log.info("call %s: ignoring DTMF event %r", self.call_id, digit)
            return
        self._interrupt()
        self._inbox.put_nowait(Dtmf(call_id=self.call_id, at_ms=self.at_ms, key=digit))  # type: ignore[arg-type]

    def caller_hung_up(self) -> None:
        """BYE (or CANCEL) from the caller."""
        self._inbox.put_nowait(Hangup(call_id=self.call_id, at_ms=self.at_ms, reason="caller"))

    def shut_down(self) -> None:
        """The server stops: the call ends at once (the bot hangs up, BYE), recorded as such."""
        self._stopping = True
        self.leg.pacer.clear()
        at = self.at_ms
        self._inbox.put_nowait(
            Hangup(call_id=self.call_id, at_ms=at, reason="bot", detail="shutdown")
        )

    def failed(self, code: str, message: str) -> None:
        """Something broke on the line: the call ends with CallError + Hangup(error)."""
        at = self.at_ms
        self._inbox.put_nowait(
            CallError(call_id=self.call_id, at_ms=at, code=code, message=message)
        )
        self._inbox.put_nowait(
            Hangup(call_id=self.call_id, at_ms=at, reason="error", detail=message)
        )

    # ---- channel interface (voicebot.channels.base.CallChannel) ----------------------------
    async def events(self) -> AsyncIterator[CallEvent]:
        """CallStarted, then the caller's audio and keys until someone hangs up."""
        yield self.started
        while (event := await self._inbox.get()) is not None:
            yield event
            if isinstance(event, Hangup):
                return

    async def send(self, event: CallEvent) -> None:
        """Plays bot audio, cuts it on barge-in; at the bot's Hangup lets it finish, then BYE."""
        if isinstance(event, BotSpeech):
            self.barge_in = event.barge_in
        elif isinstance(event, BotAudio) and not self._stopping:
            self.leg.pacer.play(pcm_at_rate(event.pcm, event.sample_rate, RTP_RATE))
            if not self.barge_in:
                self.protected_until = time.monotonic() + self.leg.pacer.queued_ms / 1000
        elif isinstance(event, SpeechStarted):
            self._interrupt()
        elif isinstance(event, Hangup):
            if event.reason != "caller":
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.leg.pacer.drained(), GOODBYE_DRAIN_S)
            await self.close(bye=event.reason != "caller")

    def _interrupt(self) -> None:
        if self.barge_in and self.leg.pacer.playing:
            self.cut_ms += self.leg.pacer.clear()

    async def close(self, *, bye: bool) -> None:
        """Ends the media; sends BYE when the bot is the one hanging up. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if bye:
            self._send_bye()
        await self.leg.close()
        self._inbox.put_nowait(None)
        self.ended.set()
