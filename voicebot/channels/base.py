"""The channel seam: a source of caller events and a sink for what the bot does.

Every channel (WAV files, microphone, WebSocket, Twilio, SIP) implements `CallChannel`:
`events()` yields `CallStarted`, then `AudioChunk`/`Dtmf`/`Hangup` (or, for text channels,
`Transcript`); `send()` receives `BotSpeech`, `BotAudio`, `Handoff`, `Hangup` and `CallError`.
A channel that plays recorded turns waits for a `BotSpeech` with `listen=True` before the
caller's next turn. The source stops after the sink has seen a `Hangup`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from voicebot.events import CallEvent


class CallChannel(Protocol):
    """One call's line: caller events in, bot events out."""

    def events(self) -> AsyncIterator[CallEvent]:
        """Caller side, starting with CallStarted; ends when the call is over."""
        ...

    async def send(self, event: CallEvent) -> None:
        """Bot side: plays audio, keys turn-taking, records; never blocks for long."""
        ...
