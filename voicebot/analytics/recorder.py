"""Records every call: the pipeline's `CallObserver` that stores a CallRecord at call end.

`open(channel)` wraps the channel so that, for tenants with `record_audio: true`, the caller's
audio chunks are kept (placed by `at_ms`, mono, at the first chunk's rate); `on_call_end`
derives the record from the event list and appends it to the record store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from voicebot.analytics.derive import record_from_events
from voicebot.analytics.retention import AudioPolicy, audio_policy
from voicebot.analytics.store import CallRecordStore, open_call_record_store
from voicebot.channels.base import CallChannel
from voicebot.events import AudioChunk, CallEvent, CallStarted
from voicebot.pipeline import CallRecord as EventRecord
from voicebot.settings import Settings

log = logging.getLogger(__name__)
MAX_AUDIO_S = 3600  # a runaway call never fills the disk


class TappedChannel:
    """A CallChannel that passes everything through and keeps caller audio when asked to."""

    def __init__(self, inner: CallChannel, policy_for: Callable[[str], AudioPolicy]) -> None:
        self.inner = inner
        self.policy_for = policy_for
        self.started_at = time.time()
        self.keep_audio = False
        self.chunks: list[AudioChunk] = []

    async def events(self) -> AsyncIterator[CallEvent]:
        async for event in self.inner.events():
            if isinstance(event, CallStarted):
                self.keep_audio = self.policy_for(event.tenant).record_audio
            elif isinstance(event, AudioChunk) and self.keep_audio:
                self.chunks.append(event)
            yield event

    async def send(self, event: CallEvent) -> None:
        await self.inner.send(event)

    def __getattr__(self, name: str) -> Any:  # channel extras (e.g. a WebSocket's state)
        return getattr(self.inner, name)

    def caller_audio(self) -> tuple[np.ndarray, int] | None:
        """The caller's audio on the call clock (silence where nothing came), or None."""
        if not self.chunks:
            return None
        rate = self.chunks[0].sample_rate
        chunks = [c for c in self.chunks if c.sample_rate == rate]
        end_ms = min(max(c.at_ms for c in chunks) + 1000, MAX_AUDIO_S * 1000)
        audio = np.zeros(end_ms * rate // 1000 + rate, dtype=np.int16)
        for chunk in chunks:
            samples = np.frombuffer(chunk.pcm, dtype="<i2")
            start = chunk.at_ms * rate // 1000
            room = max(0, min(len(samples), len(audio) - start))
            audio[start : start + room] = samples[:room]
        last = max(c.at_ms * rate // 1000 + len(c.pcm) // 2 for c in chunks)
        return audio[: min(last, len(audio))], rate


class CallRecorder:
    """Stores every finished call of a process in the record store."""

    def __init__(
        self,
        store: CallRecordStore,
        tenants: Mapping[str, Any],
        audio_dir: Path,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.tenants = tenants
        self.audio_dir = audio_dir
        self.clock = clock
        self._policies: dict[str, AudioPolicy] = {}

    @classmethod
    def for_settings(cls, settings: Settings, tenants: Mapping[str, Any]) -> CallRecorder:
        """A recorder writing to the store of `settings.queue_db`, audio under data_dir."""
        return cls(open_call_record_store(settings), tenants, settings.data_dir / "recordings")

    def policy(self, tenant_id: str) -> AudioPolicy:
        """The tenant's audio policy, read once from its tenant.yaml."""
        if tenant_id not in self._policies:
            folder = getattr(self.tenants.get(tenant_id), "folder", None)
            self._policies[tenant_id] = audio_policy(folder)
        return self._policies[tenant_id]

    def open(self, channel: CallChannel) -> CallChannel:
        return TappedChannel(channel, self.policy)

    async def on_call_end(self, record: EventRecord, channel: CallChannel) -> None:
        """Derives the stored record (and keeps audio where enabled) and appends it."""
        if not record.events:
            return
        started_at = getattr(channel, "started_at", None) or self.clock()
        audio_path = None
        if isinstance(channel, TappedChannel) and record.tenant:
            audio_path = self._keep_audio(channel, record.tenant, record.call_id)
        stored = record_from_events(
            record.events,
            tenant=self.tenants.get(record.tenant),
            started_at=float(started_at),
            audio_path=audio_path,
        )
        await self.store.add(stored)
        log.info("call %s (%s): recorded, %s", stored.call_id, stored.tenant, stored.outcome)

    def _keep_audio(self, channel: TappedChannel, tenant: str, call_id: str) -> str | None:
        audio = channel.caller_audio() if channel.keep_audio else None
        if audio is None:
            return None
        from voicebot.audio.wav import write_wav

        folder = self.audio_dir / tenant
        folder.mkdir(parents=True, exist_ok=True)
        safe_id = "".join(ch for ch in call_id if ch.isalnum() or ch in "-_") or "call"
        return str(write_wav(folder / f"{safe_id}.wav", audio[0], audio[1]))

    async def aclose(self) -> None:
        await self.store.aclose()
