"""`GET /metrics` (Prometheus text format): calls, turns, intents, handoffs, latency, errors.

Each app has its own registry (`metrics_of(app)`), so several apps in one process (tests) do
not share counters. Call figures come from each call's record when it ends (`observe_calls`
wraps the live-call runner's observer); request figures come from the front-door middleware of
`voicebot.server.limits`. Labels carry tenant, queue, intent and reason ids only, never a
caller's number or words. `/metrics` needs no token (decided in docs/reliability.md): it shows
counts, not calls, and scrapers on the same host read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from voicebot.events import (
    BotSpeech,
    CallError,
    CallStarted,
    Handoff,
    Intent,
    SpeechStopped,
    Transcript,
)

router = APIRouter(tags=["server"])
TURN_BUCKETS_S = (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0)
CALL_BUCKETS_S = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0)
REQUEST_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class ServerMetrics:
    """The Prometheus collectors of one app."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.calls = Counter(
            "voicebot_calls", "Calls ended", ["tenant", "channel", "outcome"], registry=r
        )
        self.turns = Counter("voicebot_turns", "Caller turns heard (final)", ["tenant"], registry=r)
        self.intents = Counter(
            "voicebot_intents",
            "Intents recognised ('none': out of scope)",
            ["tenant", "intent"],
            registry=r,
        )
        self.handoffs = Counter(
            "voicebot_handoffs",
            "Calls handed to a person",
            ["tenant", "queue", "reason"],
            registry=r,
        )
        self.errors = Counter("voicebot_errors", "Call errors by code", ["code"], registry=r)
        self.turn_latency = Histogram(
            "voicebot_turn_latency_seconds",
            "End of caller speech to the bot's next prompt (wall clock)",
            ["channel"],
            buckets=TURN_BUCKETS_S,
            registry=r,
        )
        self.call_duration = Histogram(
            "voicebot_call_duration_seconds",
            "Call length on the audio clock",
            ["channel"],
            buckets=CALL_BUCKETS_S,
            registry=r,
        )
        self.requests = Counter(
            "voicebot_http_requests",
            "HTTP requests and WebSocket connections",
            ["method", "route", "status"],
            registry=r,
        )
        self.request_seconds = Histogram(
            "voicebot_http_request_seconds",
            "Time to answer an HTTP request",
            ["route"],
            buckets=REQUEST_BUCKETS_S,
            registry=r,
        )
        self.rejected = Counter(
            "voicebot_rejected", "Requests refused at the front door", ["reason"], registry=r
        )
        self.active_calls = Gauge("voicebot_calls_active", "Calls running now", registry=r)
        self.busy_refusals = Gauge(
            "voicebot_calls_refused_busy",
            "Callers who heard 'all lines busy' since start",
            registry=r,
        )

    def observe_call(self, record: Any) -> None:
        """Counts one finished call from its record (voicebot.pipeline.CallRecord)."""
        started = next((e for e in record.events if isinstance(e, CallStarted)), None)
        tenant = started.tenant if started else "unknown"
        channel = started.channel if started else "unknown"
        self.calls.labels(tenant, channel, record.outcome).inc()
        for event in record.events:
            if isinstance(event, Transcript) and event.final:
                self.turns.labels(tenant).inc()
            elif isinstance(event, Intent):
                self.intents.labels(tenant, event.name or "none").inc()
            elif isinstance(event, Handoff):
                reason = str(event.context.get("reason", "unknown"))
                self.handoffs.labels(tenant, event.queue, reason).inc()
            elif isinstance(event, CallError):
                self.errors.labels(event.code).inc()
        for seconds in turn_latencies_s(record):
            self.turn_latency.labels(channel).observe(seconds)
        if record.events:
            self.call_duration.labels(channel).observe(record.events[-1].at_ms / 1000)


def turn_latencies_s(record: Any) -> list[float]:
    """Wall seconds from each SpeechStopped to the next BotSpeech (turns the bot answered)."""
    latencies, stopped_at = [], None
    for event, wall in zip(record.events, record.wall_s, strict=False):
        if isinstance(event, SpeechStopped):
            stopped_at = wall
        elif isinstance(event, BotSpeech) and stopped_at is not None:
            latencies.append(max(0.0, wall - stopped_at))
            stopped_at = None
    return latencies


def metrics_of(app: Any) -> ServerMetrics:
    """The app's metrics, created on first use."""
    metrics: ServerMetrics | None = getattr(app.state, "metrics", None)
    if metrics is None:
        metrics = app.state.metrics = ServerMetrics()
    return metrics


@dataclass
class CountingObserver:
    """A call observer that counts each call, then hands on to the observer it wraps."""

    metrics: ServerMetrics
    inner: Any = None  # voicebot.pipeline.CallObserver or None

    def open(self, channel: Any) -> Any:
        return self.inner.open(channel) if self.inner is not None else channel

    async def on_call_end(self, record: Any, channel: Any) -> None:
        try:
            self.metrics.observe_call(record)
        finally:
            if self.inner is not None:
                await self.inner.on_call_end(record, channel)


def observe_calls(app: Any, live: Any) -> None:
    """Counts every call of the app's live-call runner (voicebot.server.live_calls.LiveCalls);
    also tells the log masking the tenants' customer names, now that they are loaded."""
    from voicebot.logs import customer_names, protect_names

    protect_names(customer_names(live.tenants.values()))
    metrics = metrics_of(app)
    services = live.services
    if not isinstance(getattr(services, "observer", None), CountingObserver):
        services.observer = CountingObserver(metrics, getattr(services, "observer", None))
    metrics.active_calls.set_function(_reader(live, "active"))
    metrics.busy_refusals.set_function(_reader(live, "busy_refusals"))


def _reader(obj: Any, name: str) -> Callable[[], float]:
    return lambda: float(getattr(obj, name, 0))


@router.get("/metrics", summary="Prometheus metrics (no token: counts only, no personal data)")
async def prometheus_metrics(request: Request) -> Response:
    body = generate_latest(metrics_of(request.app).registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
