"""Agent API tokens: one tenant each, shown once on creation, stored only as salted hashes.

A token is `vb_<id>_<secret>`: the id finds the record, the secret (32 random bytes) is
checked against sha256(salt + secret). A slow password hash is not needed: the secret is
random, not a password a person chose.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import redis.asyncio as aioredis

from voicebot.errors import UserError
from voicebot.handoff.redis_store import REDIS_RETRY
from voicebot.settings import Settings

T = TypeVar("T")
TOKEN_PATTERN = re.compile(r"^vb_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@ -]{0,63}$")


@dataclass(frozen=True, slots=True)
class Agent:
    """Who a token belongs to."""

    tenant: str
    name: str
    token_id: str
    created_at: float
    revoked_at: float | None = None


class AgentTokens(Protocol):
    """Creates, checks, lists and revokes agent tokens."""

    async def add(self, tenant: str, name: str) -> tuple[Agent, str]: ...
    async def verify(self, token: str) -> Agent | None: ...
    async def list(self, tenant: str | None = None) -> list[Agent]: ...
    async def revoke(self, tenant: str, name: str) -> Agent: ...
    async def aclose(self) -> None: ...


def _hash(salt: str, secret: str) -> str:
    return hashlib.sha256((salt + secret).encode()).hexdigest()


def new_token() -> tuple[str, str, str, str]:
    """(token, id, salt, hash) for a fresh token."""
    token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
    return f"vb_{token_id}_{secret}", token_id, salt, _hash(salt, secret)


def check_name(tenant: str, name: str) -> None:
    """Raises UserError for names that would be hard to show or type."""
    for label, value in (("tenant", tenant), ("agent name", name)):
        if not NAME_PATTERN.match(value):
            raise UserError(f"{label} {value!r}: use letters, digits, . _ @ - (at most 64)")


def _secret_matches(token: str, salt: str, digest: str) -> bool:
    match = TOKEN_PATTERN.match(token)
    return bool(match) and hmac.compare_digest(_hash(salt, match.group(2)), digest)


SQL_SCHEMA = """
CREATE TABLE IF NOT EXISTS agent_tokens (
  token_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL,
  salt TEXT NOT NULL, token_hash TEXT NOT NULL, created_at REAL NOT NULL, revoked_at REAL
);
CREATE UNIQUE INDEX IF NOT EXISTS agent_tokens_active ON agent_tokens (tenant, name)
  WHERE revoked_at IS NULL;
"""


class SqliteAgentTokens:
    """Agent tokens in the SQLite file of the queue store."""

    def __init__(self, path: str | Path) -> None:
        from voicebot.handoff.sqlite_store import connect

        self._conn = connect(path)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(SQL_SCHEMA)

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def locked() -> T:
            with self._lock:
                return fn(self._conn)

        return await asyncio.to_thread(locked)

    async def add(self, tenant: str, name: str) -> tuple[Agent, str]:
        """A new token for agent `name` of `tenant`; the token itself is returned only here."""
        check_name(tenant, name)
        token, token_id, salt, digest = new_token()
        agent = Agent(tenant, name, token_id, time.time())
        sql = "INSERT INTO agent_tokens VALUES (?, ?, ?, ?, ?, ?, NULL)"
        try:
            await self._run(
                lambda c: c.execute(sql, (token_id, tenant, name, salt, digest, agent.created_at))
            )
        except sqlite3.IntegrityError as exc:
            raise UserError(
                f"agent {name!r} of tenant {tenant!r} already has a token (revoke it first)"
            ) from exc
        return agent, token

    async def verify(self, token: str) -> Agent | None:
        """The agent of a valid, unrevoked token, else None."""
        match = TOKEN_PATTERN.match(token)
        if not match:
            return None
        sql = (
            "SELECT tenant, name, token_id, created_at, salt, token_hash FROM agent_tokens "
            "WHERE token_id = ? AND revoked_at IS NULL"
        )
        row = await self._run(lambda c: c.execute(sql, (match.group(1),)).fetchone())
        if row is None or not _secret_matches(token, row[4], row[5]):
            return None
        return Agent(row[0], row[1], row[2], row[3])

    async def list(self, tenant: str | None = None) -> list[Agent]:
        """All agents (revoked ones too), optionally of one tenant."""
        sql = (
            "SELECT tenant, name, token_id, created_at, revoked_at FROM agent_tokens "
            "WHERE ? IS NULL OR tenant = ? ORDER BY tenant, name, created_at"
        )
        rows = await self._run(lambda c: c.execute(sql, (tenant, tenant)).fetchall())
        return [Agent(*row) for row in rows]

    async def revoke(self, tenant: str, name: str) -> Agent:
        """Revokes the active token of an agent; UserError when there is none."""
        sql = (
            "UPDATE agent_tokens SET revoked_at = ? WHERE tenant = ? AND name = ? AND "
            "revoked_at IS NULL RETURNING tenant, name, token_id, created_at, revoked_at"
        )
        row = await self._run(lambda c: c.execute(sql, (time.time(), tenant, name)).fetchone())
        if row is None:
            raise UserError(f"agent {name!r} of tenant {tenant!r} has no active token")
        return Agent(*row)

    async def aclose(self) -> None:
        """Closes the connection."""
        await self._run(lambda c: c.close())


class RedisAgentTokens:
    """Agent tokens in Redis, shared by all nodes: `P agent:<id>` hashes, `P agents:<tenant>`."""

    def __init__(self, url: str, *, prefix: str = "voicebot:") -> None:
        self.prefix = prefix
        self.redis = aioredis.from_url(url, decode_responses=True, **REDIS_RETRY)

    async def add(self, tenant: str, name: str) -> tuple[Agent, str]:
        """A new token for agent `name` of `tenant`; the token itself is returned only here."""
        check_name(tenant, name)
        token, token_id, salt, digest = new_token()
        agent = Agent(tenant, name, token_id, time.time())
        if not await self.redis.hsetnx(f"{self.prefix}agents:{tenant}", name, token_id):
            raise UserError(
                f"agent {name!r} of tenant {tenant!r} already has a token (revoke it first)"
            )
        await self.redis.hset(
            f"{self.prefix}agent:{token_id}",
            mapping={
                "tenant": tenant,
                "name": name,
                "salt": salt,
                "token_hash": digest,
                "created_at": agent.created_at,
            },
        )
        return agent, token

    async def _agent(self, token_id: str) -> tuple[Agent, dict[str, str]] | None:
        h = await self.redis.hgetall(f"{self.prefix}agent:{token_id}")
        if not h:
            return None
        revoked = float(h["revoked_at"]) if h.get("revoked_at") else None
        return Agent(h["tenant"], h["name"], token_id, float(h["created_at"]), revoked), h

    async def verify(self, token: str) -> Agent | None:
        """The agent of a valid, unrevoked token, else None."""
        match = TOKEN_PATTERN.match(token)
        found = await self._agent(match.group(1)) if match else None
        if found is None or found[0].revoked_at is not None:
            return None
        agent, h = found
        return agent if _secret_matches(token, h["salt"], h["token_hash"]) else None

    async def list(self, tenant: str | None = None) -> list[Agent]:
        """All agents (revoked ones too), optionally of one tenant."""
        agents = []
        async for key in self.redis.scan_iter(match=f"{self.prefix}agent:*"):
            found = await self._agent(key.removeprefix(f"{self.prefix}agent:"))
            if found and (tenant is None or found[0].tenant == tenant):
                agents.append(found[0])
        return sorted(agents, key=lambda a: (a.tenant, a.name, a.created_at))

    async def revoke(self, tenant: str, name: str) -> Agent:
        """Revokes the active token of an agent; UserError when there is none."""
        token_id = await self.redis.hget(f"{self.prefix}agents:{tenant}", name)
        if token_id is None:
            raise UserError(f"agent {name!r} of tenant {tenant!r} has no active token")
        await self.redis.hset(f"{self.prefix}agent:{token_id}", "revoked_at", time.time())
        await self.redis.hdel(f"{self.prefix}agents:{tenant}", name)
        found = await self._agent(token_id)
        if found is None:
            raise UserError(f"agent {name!r} of tenant {tenant!r}: token record is missing")
        return found[0]

    async def aclose(self) -> None:
        """Closes the connection pool."""
        await self.redis.aclose()


def open_agent_tokens(settings: Settings) -> AgentTokens:
    """Tokens live next to the queues: the SQLite file, or the Redis of `VOICEBOT_QUEUE`."""
    url = settings.queue_db
    if url.startswith("sqlite:///"):
        return SqliteAgentTokens(url.removeprefix("sqlite:///"))
    return RedisAgentTokens(url)
