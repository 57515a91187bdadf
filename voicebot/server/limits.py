"""The server's front door: body, frame and call-length limits, rate limits, origin checks.

One ASGI middleware (`FrontDoor`) sees every HTTP request and WebSocket before the routers:
- bodies over `max_body_bytes` get 413; WebSocket frames over `max_frame_bytes` close the
  socket with 1009; a WebSocket silent for `idle_s` or open past the call length closes;
- per client address: login attempts, failed token checks, API requests and new calls are
  token buckets; an empty bucket answers 429 (with Retry-After);
- a browser page of another site (Origin header not this server's and not allowed in
  `VOICEBOT_ORIGINS`) can neither open a WebSocket call nor send a changing request; CORS
  preflights from such sites are refused (Starlette's CORSMiddleware, allowed list only).
It also counts requests for `/metrics`. A queue store that is down answers 503, not 500.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware

from voicebot.privacy import mask
from voicebot.server.metrics import metrics_of

log = logging.getLogger(__name__)
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CALL_PATHS = ("/calls", "/twilio")


@dataclass(frozen=True)
class Limits:
    """The numbers; rates are per client address (per second, with a burst)."""

    max_body_bytes: int = 64 * 1024  # agent API bodies are small JSON
    max_frame_bytes: int = 128 * 1024  # 1 s of 48 kHz PCM is 96 KiB; Twilio frames are ~0.3 KiB
    idle_s: float = 120.0  # a call socket with no frame this long is closed (phones stream
    #                         audio all the time; a busy bot may take tens of seconds to answer)
    max_call_s: float = 900.0  # wall clock; the dialog ends calls at this length on the audio clock
    login_per_s: float = 10 / 60
    login_burst: int = 10
    auth_failures_per_s: float = 20 / 60
    auth_failures_burst: int = 20
    api_per_s: float = 20.0
    api_burst: int = 200
    calls_per_s: float = 2.0
    calls_burst: int = 40
    allowed_origins: tuple[str, ...] = ()  # other sites allowed to use the API and call pages


@dataclass
class TokenBuckets:
    """Token buckets per key; `take` says how long to wait when the bucket is empty."""

    per_s: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, key: str) -> float:
        """0.0 when a token was taken, else seconds until the next one."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.per_s)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.per_s
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 10_000:  # forget the fullest buckets of long-gone clients
            self._buckets = dict(sorted(self._buckets.items(), key=lambda kv: kv[1][0])[:5000])
        return 0.0

    def empty_for(self, key: str) -> float:
        """Like take, but only looks: seconds until a token is there (0.0 when one is)."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.per_s)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.per_s


@dataclass
class FrontDoorState:
    """Limits plus the buckets that enforce them (one per app: `app.state.front_door`)."""

    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        self.configure(self.limits)

    def configure(self, limits: Limits) -> None:
        """New limits, with fresh buckets (tests and benchmarks tune them before serving)."""
        self.limits = lim = limits
        self.login = TokenBuckets(lim.login_per_s, lim.login_burst)
        self.auth_failures = TokenBuckets(lim.auth_failures_per_s, lim.auth_failures_burst)
        self.api = TokenBuckets(lim.api_per_s, lim.api_burst)
        self.calls = TokenBuckets(lim.calls_per_s, lim.calls_burst)


def origin_allowed(origin: str, host: str, allowed: tuple[str, ...]) -> bool:
    """True for no Origin (not a browser), this server's own origin, or an allowed one."""
    if not origin:
        return True
    if origin in allowed or "*" in allowed:
        return True
    return origin != "null" and urlsplit(origin).netloc.lower() == host.lower()


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def _refuse(send: Send, status: int, detail: str, retry_s: float = 0.0) -> None:
    headers = [(b"content-type", b"application/json")]
    if retry_s:
        headers.append((b"retry-after", str(max(1, round(retry_s))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})


class FrontDoor:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, state: FrontDoorState, fastapi_app: FastAPI) -> None:
        self.app = app
        self.state = state
        self.fastapi_app = fastapi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _reject(self, reason: str) -> None:
        metrics_of(self.fastapi_app).rejected.labels(reason).inc()

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self._http_refusal(scope)
        if refusal is not None:
            status, reason, detail, retry_s = refusal
            self._reject(reason)
            await _refuse(send, status, detail, retry_s)
            return
        started, status_seen = time.perf_counter(), [500]
        limit, received, refused = self.state.limits.max_body_bytes, [0], [False]

        async def counted_receive() -> Message:
            message = await receive()
            received[0] += len(message.get("body", b""))
            if received[0] > limit and not refused[0]:  # a body without Content-Length
                refused[0] = True
                self._reject("body_too_large")
                status_seen[0] = 413
                await _refuse(send, 413, f"request body over the {limit}-byte limit")
            return {"type": "http.disconnect"} if refused[0] else message

        async def watched_send(message: Message) -> None:
            if refused[0]:
                return  # the 413 went out already; the app's own answer is dropped
            if message["type"] == "http.response.start":
                status_seen[0] = message["status"]
            await send(message)

        await self.app(scope, counted_receive, watched_send)
        self._count(scope, status_seen[0], time.perf_counter() - started)

    def _http_refusal(self, scope: Scope) -> tuple[int, str, str, float] | None:
        """(status, metric reason, message, retry-after s) when the request may not pass."""
        lim, path, method = self.state.limits, scope["path"], scope["method"]
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > lim.max_body_bytes:
            too_big = f"request body over the {lim.max_body_bytes}-byte limit"
            return 413, "body_too_large", too_big, 0
        origin = _header(scope, b"origin")
        if method in UNSAFE_METHODS and not origin_allowed(
            origin, _header(scope, b"host"), lim.allowed_origins
        ):
            return 403, "origin", f"requests from the page of {origin!r} are not allowed", 0
        if not path.startswith("/api/"):
            return None
        client = _client(scope)
        if path == "/api/session" and method == "POST":
            wait_s = self.state.login.take(client)
            if wait_s:
                return 429, "login_rate", f"too many logins from {client}; retry later", wait_s
        wait_s = self.state.auth_failures.empty_for(client)
        if wait_s:
            return 429, "auth_failures", f"too many bad tokens from {client}; retry later", wait_s
        wait_s = self.state.api.take(client)
        if wait_s:
            return 429, "api_rate", f"too many requests from {client}; slow down", wait_s
        return None

    def _count(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        template = str(getattr(route, "path", "")) or "unmatched"
        metrics = metrics_of(self.fastapi_app)
        metrics.requests.labels(scope.get("method", "WS"), template, str(status)).inc()
        metrics.request_seconds.labels(template).observe(seconds)
        if status == 401:
            self.state.auth_failures.take(_client(scope))

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        lim = self.state.limits
        origin = _header(scope, b"origin")
        if not origin_allowed(origin, _header(scope, b"host"), lim.allowed_origins):
            self._reject("origin")
            log.warning("websocket %s refused: page origin %r", scope["path"], origin)
            await self._deny_websocket(scope, send, 403, f"origin {origin!r} not allowed")
            return
        if scope["path"] in CALL_PATHS:
            wait_s = self.state.calls.take(_client(scope))
            if wait_s:
                self._reject("call_rate")
                await self._deny_websocket(scope, send, 429, "too many calls; retry later", wait_s)
                return
        guard = _SocketGuard(receive, send, lim, self._reject)
        await self.app(scope, guard.receive, guard.send)
        self._count({**scope, "method": "WS"}, 101, 0.0)

    async def _deny_websocket(
        self, scope: Scope, send: Send, status: int, detail: str, retry_s: float = 0.0
    ) -> None:
        """An HTTP answer to the handshake when the server can send one, else a plain close."""
        if "websocket.http.response" in scope.get("extensions", {}):
            headers = [(b"content-type", b"application/json")]
            if retry_s:
                headers.append((b"retry-after", str(max(1, round(retry_s))).encode()))
            await send(
                {"type": "websocket.http.response.start", "status": status, "headers": headers}
            )
            body = json.dumps({"detail": detail}).encode()
            await send({"type": "websocket.http.response.body", "body": body})
        else:
            await send({"type": "websocket.close", "code": 1008, "reason": detail[:120]})


class _SocketGuard:
    """Wraps one WebSocket's receive/send: frame size, idle time and call length."""

    def __init__(
        self, receive: Receive, send: Send, limits: Limits, reject: Callable[[str], None]
    ) -> None:
        self._receive, self._send, self.limits, self.reject = receive, send, limits, reject
        self.deadline = time.monotonic() + limits.max_call_s + 60.0
        self.accepted = self.closed = False

    async def send(self, message: Message) -> None:
        if message["type"] == "websocket.accept":
            self.accepted = True
        elif message["type"] == "websocket.close":
            self.closed = True
        await self._send(message)

    async def receive(self) -> Message:
        if not self.accepted:
            return await self._receive()
        timeout = min(self.limits.idle_s, max(0.0, self.deadline - time.monotonic()))
        try:
            message = await asyncio.wait_for(self._receive(), timeout)
        except TimeoutError:
            idle = time.monotonic() < self.deadline
            reason = "idle" if idle else "call_length"
            self.reject(reason)
            detail = "no frame for too long" if idle else "call longer than allowed"
            return await self._close(1008, detail)
        size = len(message.get("bytes") or b"") + len((message.get("text") or "").encode())
        if size > self.limits.max_frame_bytes:
            self.reject("frame_too_large")
            return await self._close(
                1009, f"frame of {size} bytes is over the {self.limits.max_frame_bytes}-byte limit"
            )
        return message

    async def _close(self, code: int, reason: str) -> Message:
        """Closes the socket and tells the app the caller is gone."""
        if not self.closed:
            self.closed = True
            try:
                await self._send({"type": "websocket.close", "code": code, "reason": reason})
            except Exception:  # the socket may already be gone; the app still hears the end
                log.debug("websocket close after %s failed", reason, exc_info=True)
        return {"type": "websocket.disconnect", "code": code, "reason": reason}


def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.error("queue store unavailable for %s: %s", request.url.path, mask(exc))
    detail = f"queue store unavailable: {mask(exc)}; try again shortly"
    return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})


def install_limits(app: FastAPI, limits: Limits | None = None) -> FrontDoorState:
    """Adds the front door, CORS for allowed origins and 503 for a store that is down."""
    import redis.exceptions

    settings = app.state.voicebot.settings
    origins = tuple(o.strip() for o in getattr(settings, "allowed_origins", "").split(",") if o)
    if limits is None:
        limits = Limits(max_call_s=float(settings.max_call_s), allowed_origins=origins)
    state = FrontDoorState(limits)
    app.state.front_door = state
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(limits.allowed_origins),
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["authorization", "content-type", "x-voicebot-agent"],
    )
    app.add_middleware(FrontDoor, state=state, fastapi_app=app)  # outermost: runs first
    for exc_type in (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        app.add_exception_handler(exc_type, _store_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(sqlite3.OperationalError, _store_unavailable)  # type: ignore[arg-type]
    return state
