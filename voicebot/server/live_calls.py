"""What every live call of the server shares: tenants, one speech model, prompts, capacity.

`LiveCalls.run(channel, sample_rate)` runs one call from any live channel (browser WebSocket,
Twilio, SIP) through Listen -> Understand -> Dialog -> Speak. Beyond `Settings.max_calls`
calls at once, or beyond what speech recognition keeps up with, a new caller hears the
tenant's "all lines busy" prompt and the bot hangs up, rather than every call getting slower.
What recognition keeps up with is learned as it goes (`call_limit`): while a decode waits or
has waited (in the decoder's last `wait_window_s`) over `max_asr_wait_s` for a worker, new
calls are refused and the limit drops to the calls running (not below `min_calls`); once no
decode waits that long, it rises by one call per `wait_window_s`, back to `max_calls`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from voicebot.channels.base import CallChannel
from voicebot.dialog.prompts import Prompts
from voicebot.dialog.turns import FloorHeld, Listen, SharedDecoder, TurnTiming, floor_never_held
from voicebot.events import BotAudio, BotSpeech, CallStarted, Hangup
from voicebot.nlu.prompts import DEFAULT_PROMPTS
from voicebot.pipeline import CallRecord, run_pipeline, tenant_languages
from voicebot.privacy import mask
from voicebot.server.metrics import observe_calls
from voicebot.settings import Settings

log = logging.getLogger(__name__)
RECENT_CALLS = 200  # records kept in memory (bot audio left out) for status and tests
MAX_ASR_WAIT_S = 5.0  # a decode waiting this long for a worker: recognition is saturated
TENANT_POLL_S = 2.0  # how often the intent files are checked for edits
MIN_CALLS = 4  # so few calls are never refused for recognition (a slow machine, not a crowd)
SEEN_TEXTS = 10_000  # hashes of texts said once, remembered to spot a text said again


class CommonTexts:
    """Texts worth caching on disk: the tenants' fixed prompts, and any text the bot has said
    before (most prompts carry the tenant's values, not the caller's). A text said once, like
    a greeting with a customer's name, is not stored; only hashes of texts are remembered,
    the most recent `limit` of them (a server running for weeks says ever new texts)."""

    def __init__(self, fixed: frozenset[str], limit: int = SEEN_TEXTS) -> None:
        self.fixed = fixed
        self.limit = limit
        self._seen: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, text: object) -> bool:
        if text in self.fixed:
            return True
        digest = hashlib.sha256(str(text).encode()).hexdigest()
        if digest in self._seen:
            self._seen.move_to_end(digest)
            return True
        self._seen[digest] = None
        while len(self._seen) > self.limit:
            self._seen.popitem(last=False)
        return False


@dataclass
class LiveCalls:
    """The call runner of one server process (build it with `LiveCalls.load`)."""

    services: Any  # voicebot.dialog.textcall.CallServices: tenants, classifiers, queue store
    decoder: SharedDecoder
    prompts: Any  # voicebot.tts.cache.PromptCache
    max_calls: int = 20
    max_asr_wait_s: float = MAX_ASR_WAIT_S
    min_calls: int = MIN_CALLS  # let in however far behind recognition is
    call_limit: int = 0  # calls recognition keeps up with, as learned (0: none learned)
    _limit_changed_at: float = 0.0
    timing: TurnTiming = field(default_factory=TurnTiming)
    active: int = 0
    busy_refusals: int = 0
    records: deque[CallRecord] = field(default_factory=lambda: deque(maxlen=RECENT_CALLS))
    common_texts: CommonTexts | None = None
    tenant_files: Any = None  # voicebot.nlu.registry.TenantRegistry: edits to the intent files
    _watching: asyncio.Task[None] | None = None

    @classmethod
    def load(cls, settings: Settings, queue_store: Any = None) -> LiveCalls:
        """Loads tenants, the speech model and the synthesiser once (blocking: seconds)."""
        from voicebot.analytics.recorder import CallRecorder
        from voicebot.asr.base import load_speech_model
        from voicebot.dialog.textcall import CallServices
        from voicebot.nlu.loader import load_tenants
        from voicebot.nlu.registry import TenantRegistry
        from voicebot.tts.cache import load_prompt_cache
        from voicebot.tts.choice import load_synthesizer

        tenant_files = TenantRegistry(settings.intents_dir, loaded_elsewhere=True)
        services = CallServices(
            load_tenants(settings.intents_dir), queue_store=queue_store, clock=wall_clock
        )  # live calls: handoffs outside a tenant's business hours are told so (after_hours.py)
        services.observer = CallRecorder.for_settings(settings, services.tenants)
        for tenant_id in services.tenants:  # each NLU built here, off the event loop: built by
            services.view(tenant_id)  # a tenant's first call, it froze every call for seconds
        model = load_speech_model(settings.asr_backend, settings)
        prompts = load_prompt_cache(settings, load_synthesizer(settings))
        return cls(
            services,
            SharedDecoder(model, settings.asr_workers),
            prompts,
            max_calls=settings.max_calls,
            tenant_files=tenant_files,
        )

    def watch_tenant_files(self, interval_s: float = TENANT_POLL_S) -> None:
        """Polls the intent files from now on: an edit that loads cleanly goes live for new
        calls; a broken one is logged with its file and line, and the last good version stays."""
        if self._watching is None and self.tenant_files is not None:
            self._watching = asyncio.create_task(self._watch(interval_s))

    async def _watch(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                swapped = await asyncio.to_thread(self.tenant_files.reload)
            except Exception:  # a disk hiccup must not end the watching; next round retries
                log.exception("reading the intent files failed")
                continue
            for tenant_id in swapped:
                self.services.swap_tenant(
                    self.tenant_files.tenant(tenant_id), self.tenant_files.nlu(tenant_id)
                )

    @property
    def tenants(self) -> Mapping[str, Any]:
        return self.services.tenants  # type: ignore[no-any-return]

    def tenant_for(self, dialed: str | None) -> str:
        """The tenant id answering a dialed number; LookupError when none does."""
        from voicebot.nlu.loader import tenant_for_dialed

        tenant = tenant_for_dialed(self.tenants, dialed) if dialed else None
        if tenant is None:
            raise LookupError(f"no tenant answers {dialed!r}")
        return str(tenant.id)

    def directory(self) -> list[dict[str, object]]:
        """The tenants callers can reach: id, name, language, direction, dialed numbers."""
        return [
            {
                "tenant": t.id,
                "name": t.name,
                "language": t.language,
                "direction": t.direction,
                "dialed": list(t.dialed),
            }
            for t in self.tenants.values()
        ]

    def stages(
        self, sample_rate: int, floor_held: FloorHeld = floor_never_held, dialog: Any = None
    ) -> list[Any]:
        """Listen -> Understand -> Dialog -> Speak, for a channel that plays at sample_rate.

        The Dialog tells Listen what each prompt expects (one `Listening` per call); the
        channel's `floor_held` tells when speech over an uninterruptible prompt is dropped.
        Pass `dialog` (from `services.dialog_stage()`) to read the dialog after the call."""
        from voicebot.dialog.understand import Understand
        from voicebot.tts.speak import Speak

        languages = tenant_languages(self.tenants)
        if self.common_texts is None:
            self.common_texts = CommonTexts(frozenset(self._fixed_texts()))
        fixed: Any = self.common_texts  # Speak asks `text in fixed_texts`
        dialog = dialog or self.services.dialog_stage()
        speak = Speak(self.prompts, sample_rate, tenant_languages=languages, fixed_texts=fixed)
        speak.on_error = dialog.fed_back  # tts_failed reaches the dialog: handoff, reason error
        listen = Listen(self.decoder, languages, self.timing, floor_held=floor_held)
        dialog.listening = listen.listening
        return [
            listen,
            Understand(self.services.classifiers),
            dialog,
            speak,
        ]

    def _fixed_texts(self) -> list[str]:
        """Prompts without placeholders and greetings: synthesised once, then from disk."""
        texts: list[str] = []
        for tenant in self.tenants.values():
            prompts = self._prompts(tenant.id)
            texts.extend(prompts.say(key) for key in DEFAULT_PROMPTS[prompts.language])
            texts.append(str(getattr(tenant, "greeting", "")))
        return [t for t in texts if t and "{" not in t]

    def _prompts(self, tenant_id: str) -> Prompts:
        tenant = self.tenants[tenant_id]
        return Prompts(tenant.language, getattr(tenant, "prompts", None))

    async def run(
        self, channel: CallChannel, sample_rate: int, dialog: Any = None
    ) -> CallRecord | None:
        """Runs one call; at capacity the caller hears 'all lines busy' (returns None)."""
        if not self.admit():
            self.busy_refusals += 1
            await self.refuse_busy(channel, sample_rate)
            return None
        self.active += 1
        try:
            floor_held = getattr(channel, "floor_held", floor_never_held)
            stages = self.stages(sample_rate, floor_held, dialog)
            record = await run_pipeline(channel, stages, observer=self.services.observer)
        finally:
            self.active -= 1
        self.records.append(without_bot_audio(record))
        log.info(
            "call %s (%s): %s, queue %s",
            record.call_id,
            record.tenant,
            record.outcome,
            record.handoff.queue if record.handoff else None,
        )
        return record

    def asr_keeps_up(self) -> bool:
        """False while a decode has waited over `max_asr_wait_s` for a worker: one more call
        would only make every caller wait longer for an answer."""
        return self.decoder.queue_wait_s() <= self.max_asr_wait_s

    def admit(self) -> bool:
        """Whether a new call may start now; adapts `call_limit` (see the module doc)."""
        if self.active >= self.max_calls:
            return False
        now = time.monotonic()
        if not self.asr_keeps_up():
            limit = max(1, self.min_calls, min(self.call_limit or self.max_calls, self.active))
            if limit != self.call_limit:
                log.info("recognition is behind: at most %d call(s) for now", limit)
            self.call_limit, self._limit_changed_at = limit, now
            return self.active < self.min_calls
        window = getattr(self.decoder, "wait_window_s", 0.0)
        if self.call_limit and now - self._limit_changed_at >= window:
            self.call_limit = 0 if self.call_limit + 1 >= self.max_calls else self.call_limit + 1
            self._limit_changed_at = now
        return self.active < (self.call_limit or self.max_calls)

    async def answer(self, channel: CallChannel, sample_rate: int) -> CallRecord | None:
        """`run` for a server's call handler: when the server, shutting down, cancels a call
        still running after its grace period, the call ends with one log line, no traceback."""
        try:
            return await self.run(channel, sample_rate)
        except asyncio.CancelledError:
            call_id = getattr(channel, "call_id", "unknown")
            log.info("call %s: cut off by the server shutting down", call_id)
            return None

    async def refuse_busy(self, channel: CallChannel, sample_rate: int) -> None:
        """Answers with the tenant's 'all lines busy' prompt, then hangs up."""
        events: AsyncIterator[Any] = channel.events().__aiter__()
        started = await anext(events, None)
        if not isinstance(started, CallStarted):
            return
        log.info("call %s to %s: all lines busy", started.call_id, mask(started.dialed))
        text = self._prompts(started.tenant).say("all_lines_busy")
        language = str(getattr(self.tenants.get(started.tenant), "language", "de"))
        pcm = await asyncio.to_thread(self.prompts.audio, text, language, sample_rate, fixed=True)
        call_id = started.call_id
        await channel.send(
            BotSpeech(call_id=call_id, at_ms=0, text=text, barge_in=False, listen=False)
        )
        await channel.send(BotAudio(call_id=call_id, at_ms=0, pcm=pcm, sample_rate=sample_rate))
        await channel.send(Hangup(call_id=call_id, at_ms=0, reason="bot", detail="busy"))

    def close(self) -> None:
        self.close_watch()
        self.decoder.close()

    def close_watch(self) -> None:
        """Stops watching the intent files."""
        if self._watching is not None:
            self._watching.cancel()
            self._watching = None


def wall_clock() -> datetime:
    """Now, time-zone aware: the business hours of live calls' handoffs are read by it."""
    return datetime.now(UTC)


def without_bot_audio(record: CallRecord) -> CallRecord:
    """The record to keep in memory: its BotAudio events without their PCM (seconds of audio
    per prompt, often synthesised for this call alone; the recorder has stored what it keeps)."""
    events = [
        dataclasses.replace(e, pcm=b"") if isinstance(e, BotAudio) else e for e in record.events
    ]
    return CallRecord(events=events, wall_s=record.wall_s)


async def live_calls_for(app: Any) -> LiveCalls:
    """The app's LiveCalls, loaded on first use (models load off the event loop, once)."""
    state = app.state
    if getattr(state, "live_calls", None) is None:
        lock = state.__dict__.setdefault("_live_calls_lock", asyncio.Lock())
        async with lock:
            if getattr(state, "live_calls", None) is None:
                server = state.voicebot
                state.live_calls = await asyncio.to_thread(
                    LiveCalls.load, server.settings, server.queue_store
                )
                observe_calls(app, state.live_calls)  # /metrics counts every call
                state.live_calls.watch_tenant_files()  # edited intent files go live
    live: LiveCalls = state.live_calls
    return live
