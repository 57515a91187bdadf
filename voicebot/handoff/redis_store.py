"""Redis queue store: several bot servers share the queues (`VOICEBOT_QUEUE=redis://…`).

Every change is one Lua script (see redis_scripts.py), so claims are atomic across nodes.
Durability comes from Redis persistence: run it with `appendonly yes` and
`appendfsync always` (everysec may lose the last second of acknowledged calls).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from voicebot.handoff import redis_scripts as lua
from voicebot.handoff.store import (
    ACTIVE_AGENT_WINDOW_S,
    CLAIM_TIMEOUT_S,
    RECENT_HANDLED,
    ClaimLost,
    Clock,
    DuplicateCall,
    HandlingHistory,
    HourStats,
    QueuedCall,
    QueueStats,
    UnknownCall,
    check_context_matches,
    estimate_from_history,
    local_day_hour,
    priority_value,
)

# A restarted redis-server leaves dead pooled connections: retry once reconnected, not 503.
REDIS_RETRY = {
    "retry": Retry(ExponentialBackoff(cap=0.5), 3),
    "retry_on_error": [RedisConnectionError],
}


def _float(value: str | None) -> float | None:
    return None if value in (None, "") else float(value)


def _pairs(flat: list[str]) -> dict[str, str]:
    """A hash as HGETALL returns it inside Lua: [field, value, field, value, ...]."""
    return dict(zip(flat[::2], flat[1::2], strict=True))


def _hash_to_call(h: Mapping[str, str]) -> QueuedCall:
    return QueuedCall(
        call_id=h["call_id"],
        tenant=h["tenant"],
        queue=h["queue"],
        priority=int(h["priority"]),
        state=h["state"],  # type: ignore[arg-type]
        context=json.loads(h["context"]),
        context_version=int(h["context_version"]),
        enqueued_at=float(h["enqueued_at"]),
        claimed_at=_float(h.get("claimed_at")),
        heartbeat_at=_float(h.get("heartbeat_at")),
        agent=h.get("agent") or None,
        closed_at=_float(h.get("closed_at")),
        result=h.get("result"),
        note=h.get("note"),
        claims=int(h.get("claims", 0)),
    )


class RedisQueueStore:
    """QueueStore on a standalone Redis server; `prefix` keeps several deployments apart."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "voicebot:",
        clock: Clock = time.time,
        claim_timeout_s: float = CLAIM_TIMEOUT_S,
    ) -> None:
        self.prefix = prefix
        self.clock = clock
        self.claim_timeout_s = claim_timeout_s
        self.redis = aioredis.from_url(url, decode_responses=True, **REDIS_RETRY)
        names = (
            "ENQUEUE",
            "CLAIM",
            "HEARTBEAT",
            "RELEASE",
            "CLOSE",
            "CANCEL",
            "UPDATE_CONTEXT",
            "REQUEUE",
        )
        self._scripts = {n: self.redis.register_script(getattr(lua, n)) for n in names}

    async def _script(self, name: str, *args: object) -> Any:
        return await self._scripts[name](args=[self.prefix, *args])

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    async def _read(self, call_id: str) -> QueuedCall:
        h = await self.redis.hgetall(self._key("call", call_id))
        if not h:
            raise UnknownCall(f"call {call_id!r} is not in the queue store")
        return _hash_to_call(h)

    async def _held(self, outcome: str, tenant: str, call_id: str, agent: str) -> QueuedCall:
        if outcome == "unknown":
            raise UnknownCall(f"call {call_id!r} is not in the queue store")
        if outcome.startswith("lost:"):
            state = outcome.removeprefix("lost:")
            raise ClaimLost(f"call {call_id!r} is not claimed by {agent!r} (state {state})")
        return await self._read(call_id)

    async def enqueue(
        self,
        call_id: str,
        tenant: str,
        queue: str,
        priority: str | int,
        context: Mapping[str, Any],
    ) -> QueuedCall:
        """Adds a call at the end of its priority; raises DuplicateCall for a known call_id."""
        check_context_matches(call_id, tenant, queue, context)
        now = self.clock()
        day, hour = local_day_hour(now)
        added = await self._script(
            "ENQUEUE",
            call_id,
            tenant,
            queue,
            priority_value(priority),
            json.dumps(dict(context)),
            context["schema"],
            now,
            day,
            hour,
        )
        if not added:
            raise DuplicateCall(f"call {call_id!r} was already queued")
        return await self._read(call_id)

    async def claim(self, tenant: str, queue: str, agent: str) -> QueuedCall | None:
        """Atomically gives the first waiting call (priority, then arrival) to one agent."""
        now = self.clock()
        claimed = await self._script(
            "CLAIM", tenant, queue, agent, now, *local_day_hour(now), now - self.claim_timeout_s
        )
        return None if claimed is None else _hash_to_call(_pairs(claimed))

    async def heartbeat(self, tenant: str, call_id: str, agent: str) -> QueuedCall:
        """Keeps a claim alive; raises ClaimLost when it already went back to the queue."""
        outcome = await self._script("HEARTBEAT", call_id, tenant, agent, self.clock())
        return await self._held(outcome, tenant, call_id, agent)

    async def release(self, tenant: str, call_id: str, agent: str) -> QueuedCall:
        """The agent gives a claimed call back: it waits again at its old place."""
        outcome = await self._script("RELEASE", call_id, tenant, agent)
        return await self._held(outcome, tenant, call_id, agent)

    async def close(
        self, tenant: str, call_id: str, agent: str, result: str, note: str = ""
    ) -> QueuedCall:
        """Records the result of a call the agent holds; the call leaves the queue for good."""
        now = self.clock()
        outcome = await self._script(
            "CLOSE", call_id, tenant, agent, now, result, note, *local_day_hour(now), RECENT_HANDLED
        )
        return await self._held(outcome, tenant, call_id, agent)

    async def cancel(self, call_id: str, reason: str = "caller_hung_up") -> QueuedCall:
        """A waiting caller hung up: the call leaves the queue; claimed calls stay as they are."""
        if await self._script("CANCEL", call_id, self.clock(), reason) == "unknown":
            raise UnknownCall(f"call {call_id!r} is not in the queue store")
        return await self._read(call_id)

    async def update_context(self, call_id: str, context: Mapping[str, Any]) -> QueuedCall:
        """Replaces the whole context of a call and bumps its context_version."""
        current = await self._read(call_id)
        check_context_matches(call_id, current.tenant, current.queue, context)
        await self._script("UPDATE_CONTEXT", call_id, json.dumps(dict(context)), context["schema"])
        return await self._read(call_id)

    async def get(self, tenant: str, call_id: str) -> QueuedCall | None:
        """The call if it belongs to this tenant, else None."""
        h = await self.redis.hgetall(self._key("call", call_id))
        return _hash_to_call(h) if h and h.get("tenant") == tenant else None

    async def _calls(self, ids: list[str]) -> list[QueuedCall]:
        async with self.redis.pipeline(transaction=False) as pipe:
            for call_id in ids:
                pipe.hgetall(self._key("call", call_id))
            hashes = await pipe.execute()
        return [_hash_to_call(h) for h in hashes if h]

    async def waiting(self, tenant: str, queue: str) -> list[QueuedCall]:
        """Waiting calls of one queue in the order they will be claimed."""
        ids = await self.redis.zrange(self._key("waiting", tenant, queue), 0, -1)
        return [c for c in await self._calls(ids) if c.state == "waiting"]

    async def claimed_by(self, tenant: str, agent: str) -> list[QueuedCall]:
        """Calls this agent holds right now."""
        calls = await self._calls(await self.redis.zrange(self._key("claimed"), 0, -1))
        held = [c for c in calls if c.tenant == tenant and c.agent == agent]
        return sorted(held, key=lambda c: c.claimed_at or 0.0)

    async def queues(self, tenant: str) -> list[str]:
        """Names of the queues that ever held a call of this tenant."""
        return sorted(await self.redis.smembers(self._key("queues", tenant)))

    async def position(self, call_id: str) -> int | None:
        """1 for the next call to be claimed; None when the call is not waiting."""
        tenant, queue, state = await self.redis.hmget(
            self._key("call", call_id), ["tenant", "queue", "state"]
        )
        if state != "waiting":
            return None
        rank = await self.redis.zrank(self._key("waiting", tenant, queue), call_id)
        return None if rank is None else int(rank) + 1

    async def _history(self, tenant: str, queue: str) -> HandlingHistory:
        handle = await self.redis.lrange(self._key("handle", tenant, queue), 0, RECENT_HANDLED - 1)
        since = self.clock() - ACTIVE_AGENT_WINDOW_S
        agents = await self.redis.zcount(self._key("agents", tenant, queue), since, "+inf")
        return HandlingHistory([float(h) for h in handle], int(agents))

    async def estimate_wait_s(self, tenant: str, queue: str, position: int | None = None) -> float:
        """Expected seconds until a caller at `position` (default: a new caller) is served."""
        if position is None:
            position = int(await self.redis.zcard(self._key("waiting", tenant, queue))) + 1
        return estimate_from_history(await self._history(tenant, queue), position)

    async def stats(self, tenant: str, queue: str) -> QueueStats:
        """Waiting, in progress, longest wait and handled today for one queue."""
        now = self.clock()
        waiting = await self.waiting(tenant, queue)
        claimed = await self._calls(await self.redis.zrange(self._key("claimed"), 0, -1))
        in_progress = sum(1 for c in claimed if c.tenant == tenant and c.queue == queue)
        oldest = min((c.enqueued_at for c in waiting), default=now)
        handled = sum(h.handled for h in await self.hourly(tenant, queue))
        history = await self._history(tenant, queue)
        mean = sum(history.handle_s) / len(history.handle_s) if history.handle_s else None
        return QueueStats(
            tenant, queue, len(waiting), in_progress, max(0.0, now - oldest), handled, mean
        )

    async def hourly(self, tenant: str, queue: str) -> list[HourStats]:
        """Today's 24 hours: calls entered, handled, and mean wait until claimed."""
        day, _ = local_day_hour(self.clock())
        h = await self.redis.hgetall(self._key("hourly", tenant, queue, day))
        hours = []
        for hour in range(24):
            wait_n = int(h.get(f"wait_n:{hour}", 0))
            mean = float(h[f"wait_sum:{hour}"]) / wait_n if wait_n else None
            hours.append(
                HourStats(
                    hour, int(h.get(f"entered:{hour}", 0)), int(h.get(f"handled:{hour}", 0)), mean
                )
            )
        return hours

    async def requeue_abandoned(self) -> list[str]:
        """Claims without heartbeat for claim_timeout_s go back to their queue; returns the ids."""
        return list(await self._script("REQUEUE", self.clock() - self.claim_timeout_s))

    async def revision(self, tenant: str) -> int:
        """A number that grows with every change to this tenant's queues (for live updates)."""
        return int(await self.redis.get(self._key("rev", tenant)) or 0)

    async def aclose(self) -> None:
        """Closes the connection pool."""
        await self.redis.aclose()
