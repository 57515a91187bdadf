"""The queue store seam: calls waiting for a person, claimed by agents, closed with a result.

Order is priority (high first), then first come first served. A claim is atomic: two agents
never get the same call. A claim whose agent sends no heartbeat for `claim_timeout_s` returns
to the queue at its old place. Contexts are stored whole (`voicebot.handoff/*` JSON), each
update bumps `context_version`. Times are epoch seconds from the store's `clock`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from voicebot.settings import Settings

CallState = Literal["waiting", "claimed", "closed"]
Clock = Callable[[], float]

PRIORITIES = {"normal": 0, "high": 1}
CLAIM_TIMEOUT_S = 60.0  # a claim without heartbeat for this long returns to the queue
RECENT_HANDLED = 20  # wait estimates use the handling times of this many recent calls
DEFAULT_HANDLE_S = 180.0  # assumed handling time while a queue has no history
ACTIVE_AGENT_WINDOW_S = 1800.0  # agents who claimed within this window count as working


class QueueError(Exception):
    """A queue operation that cannot be done; the message says why."""


class UnknownCall(QueueError):
    """No such call (for this tenant)."""


class ClaimLost(QueueError):
    """The call is not (or no longer) claimed by this agent."""


class DuplicateCall(QueueError):
    """A call with this id is already queued or was handled."""


@dataclass(frozen=True, slots=True)
class QueuedCall:
    """One call in a human queue, whatever its state."""

    call_id: str
    tenant: str
    queue: str
    priority: int  # 0 normal, 1 high (higher is served first)
    state: CallState
    context: Mapping[str, Any]
    context_version: int  # 1 on enqueue, +1 per update_context
    enqueued_at: float
    claimed_at: float | None = None
    heartbeat_at: float | None = None
    agent: str | None = None
    closed_at: float | None = None
    result: str | None = None
    note: str | None = None
    claims: int = 0  # how often it was claimed (more than 1: an agent abandoned it)

    @property
    def priority_name(self) -> str:
        return "high" if self.priority >= PRIORITIES["high"] else "normal"


@dataclass(frozen=True, slots=True)
class QueueStats:
    """What a supervisor sees for one queue right now."""

    tenant: str
    queue: str
    waiting: int
    claimed: int
    longest_wait_s: float
    handled_today: int
    mean_handle_s: float | None  # over the recent handled calls; None without history


@dataclass(frozen=True, slots=True)
class HourStats:
    """One hour of one day in one queue (local time of the server)."""

    hour: int  # 0-23
    entered: int
    handled: int
    mean_wait_s: float | None  # from entering the queue to being claimed


@dataclass(frozen=True, slots=True)
class HandlingHistory:
    """Recent handling times and active agents of one queue: the input of wait estimates."""

    handle_s: list[float] = field(default_factory=list)
    active_agents: int = 0


class QueueStore(Protocol):
    """Durable human queues; SQLite (one machine) and Redis (several nodes) implement it."""

    async def enqueue(
        self,
        call_id: str,
        tenant: str,
        queue: str,
        priority: str | int,
        context: Mapping[str, Any],
    ) -> QueuedCall: ...
    async def claim(self, tenant: str, queue: str, agent: str) -> QueuedCall | None: ...
    async def heartbeat(self, tenant: str, call_id: str, agent: str) -> QueuedCall: ...
    async def release(self, tenant: str, call_id: str, agent: str) -> QueuedCall: ...
    async def close(
        self, tenant: str, call_id: str, agent: str, result: str, note: str = ""
    ) -> QueuedCall: ...
    async def update_context(self, call_id: str, context: Mapping[str, Any]) -> QueuedCall: ...
    async def cancel(self, call_id: str, reason: str = "caller_hung_up") -> QueuedCall: ...
    async def get(self, tenant: str, call_id: str) -> QueuedCall | None: ...
    async def waiting(self, tenant: str, queue: str) -> list[QueuedCall]: ...
    async def claimed_by(self, tenant: str, agent: str) -> list[QueuedCall]: ...
    async def queues(self, tenant: str) -> list[str]: ...
    async def position(self, call_id: str) -> int | None: ...
    async def estimate_wait_s(
        self, tenant: str, queue: str, position: int | None = None
    ) -> float: ...
    async def stats(self, tenant: str, queue: str) -> QueueStats: ...
    async def hourly(self, tenant: str, queue: str) -> list[HourStats]: ...
    async def requeue_abandoned(self) -> list[str]: ...
    async def revision(self, tenant: str) -> int: ...
    async def aclose(self) -> None: ...


def priority_value(priority: str | int) -> int:
    """'normal' -> 0, 'high' -> 1; integers 0-9 pass through."""
    if isinstance(priority, str) and priority in PRIORITIES:
        return PRIORITIES[priority]
    if isinstance(priority, int) and not isinstance(priority, bool) and 0 <= priority <= 9:
        return priority
    raise ValueError(f"priority: {priority!r} is not 'normal', 'high' or 0-9")


def check_context_matches(
    call_id: str, tenant: str, queue: str, context: Mapping[str, Any]
) -> None:
    """Validates the context and that it names the same call, tenant and queue as the store."""
    from voicebot.handoff.context import ContextError, validate_context

    validate_context(context)
    for key, value in (("call_id", call_id), ("tenant", tenant), ("queue", queue)):
        if context.get(key) != value:
            raise ContextError(f"context.{key}: {context.get(key)!r} differs from {value!r}")


def estimate_from_history(history: HandlingHistory, position: int) -> float:
    """Seconds until a caller at `position` (1 = next) is served: position x handling / agents."""
    handle = sorted(history.handle_s)
    median = handle[len(handle) // 2] if handle else DEFAULT_HANDLE_S
    agents = max(1, history.active_agents)
    return max(0.0, position * median / agents)


def day_start(now: float) -> float:
    """Epoch seconds of the local midnight that starts the day containing `now`."""
    local = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return local.timestamp()


def local_day_hour(at: float) -> tuple[str, int]:
    """('YYYY-MM-DD', hour) of an epoch time in the server's local time."""
    local = datetime.fromtimestamp(at)
    return local.strftime("%Y-%m-%d"), local.hour


def open_queue_store(
    settings: Settings, *, clock: Clock = time.time, claim_timeout_s: float = CLAIM_TIMEOUT_S
) -> QueueStore:
    """The store named by `settings.queue_db`: `sqlite:///path` (default) or `redis://host:port/db`."""
    from voicebot.errors import UserError

    url = settings.queue_db
    if url.startswith("sqlite:///"):
        from voicebot.handoff.sqlite_store import SqliteQueueStore

        return SqliteQueueStore(
            url.removeprefix("sqlite:///"), clock=clock, claim_timeout_s=claim_timeout_s
        )
    if url.startswith(("redis://", "rediss://", "unix://")):
        from voicebot.handoff.redis_store import RedisQueueStore

        return RedisQueueStore(url, clock=clock, claim_timeout_s=claim_timeout_s)
    raise UserError(
        f"VOICEBOT_QUEUE={url!r}: use redis://host:port/db, or leave it empty for SQLite"
    )
