"""The channel seam: a source of caller events and a sink for what the bot does.

Every channel (WAV files, microphone, WebSocket, Twilio, SIP) implements `CallChannel`:
`events()` yields `CallStarted`, then `AudioChunk`/`Dtmf`/`Hangup` (or, for text channels,
`Transcript`); `send()` receives `BotSpeech`, `BotAudio`, `Handoff`, `Hangup` and `CallError`.
A channel that plays recorded turns waits for a `BotSpeech` with `listen=True` before the
caller's next turn. The source stops after the sink has seen a `Hangup`.

A live line's audio never stops, so the dialog's timers (no input, inter-digit) always get
their clock. An offline channel makes its audio up as fast as it can: it reads
`DialogProgress` to play silence only until the dialog has taken its turn, never ahead of it.
"""

from __future__ import annotations

import asyncio
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


class DialogProgress:
    """How far the dialog has read the call's audio clock, and how many turns it has taken.

    The dialog stage calls `read()` after each event it has handled (its replies already
    emitted); a turn is a prompt it listens after, or its hang-up. An offline channel waits
    with `reached()` until the dialog has read its audio, then knows whether the bot answered.
    """

    def __init__(self) -> None:
        self.read_ms = -1  # at_ms of the latest event the dialog has handled
        self.turns = 0  # listening prompts and hang-ups the dialog has emitted
        self.closed = False  # the dialog stage ended: nothing more will be read
        self._changed = asyncio.Event()

    def read(self, at_ms: int, turns: int = 0) -> None:
        """The dialog handled an event at `at_ms` and took `turns` turns in reply."""
        self.read_ms = max(self.read_ms, at_ms)
        self.turns += turns
        self._changed.set()

    def close(self) -> None:
        self.closed = True
        self._changed.set()

    async def reached(self, at_ms: int) -> None:
        """Returns once the dialog has handled everything up to `at_ms` (or has ended)."""
        while self.read_ms < at_ms and not self.closed:
            self._changed.clear()
            await self._changed.wait()
