"""SQLite queue store: one file, WAL, every change one short transaction (the default)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from voicebot.handoff import sqlite_reports as reports
from voicebot.handoff.store import (
    CLAIM_TIMEOUT_S,
    ClaimLost,
    Clock,
    DuplicateCall,
    HourStats,
    QueuedCall,
    QueueStats,
    UnknownCall,
    check_context_matches,
    estimate_from_history,
    priority_value,
)

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS queued_calls (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,       -- arrival order: FIFO within a priority
  call_id TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  queue TEXT NOT NULL,
  priority INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'closed')),
  context TEXT NOT NULL,                        -- whole JSON document
  context_schema TEXT NOT NULL,
  context_version INTEGER NOT NULL DEFAULT 1,
  enqueued_at REAL NOT NULL,
  claimed_at REAL, heartbeat_at REAL, agent TEXT,
  closed_at REAL, result TEXT, note TEXT,
  claims INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS queued_calls_order
  ON queued_calls (tenant, queue, state, priority DESC, seq);
CREATE INDEX IF NOT EXISTS queued_calls_closed ON queued_calls (tenant, queue, closed_at);
CREATE INDEX IF NOT EXISTS queued_calls_claimed ON queued_calls (state, heartbeat_at);
CREATE TABLE IF NOT EXISTS queue_revisions (tenant TEXT PRIMARY KEY, revision INTEGER NOT NULL);
"""
# Waiting calls ahead of a given one: higher priority, or same priority and arrived earlier.
AHEAD = "(w.priority > c.priority OR (w.priority = c.priority AND w.seq < c.seq))"
COLUMNS = (
    "call_id, tenant, queue, priority, state, context, context_version, enqueued_at, "
    "claimed_at, heartbeat_at, agent, closed_at, result, note, claims"
)


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in WAL mode that waits for other writers instead of failing."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")  # WAL+NORMAL: a killed process loses nothing
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _row_to_call(row: sqlite3.Row | tuple[Any, ...]) -> QueuedCall:
    (
        call_id,
        tenant,
        queue,
        priority,
        state,
        context,
        version,
        enqueued_at,
        claimed_at,
        heartbeat_at,
        agent,
        closed_at,
        result,
        note,
        claims,
    ) = row
    return QueuedCall(
        call_id=call_id,
        tenant=tenant,
        queue=queue,
        priority=priority,
        state=state,
        context=json.loads(context),
        context_version=version,
        enqueued_at=enqueued_at,
        claimed_at=claimed_at,
        heartbeat_at=heartbeat_at,
        agent=agent,
        closed_at=closed_at,
        result=result,
        note=note,
        claims=claims,
    )


class SqliteQueueStore:
    """QueueStore in one SQLite file; safe for many processes (WAL + immediate transactions)."""

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Clock = time.time,
        claim_timeout_s: float = CLAIM_TIMEOUT_S,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.claim_timeout_s = claim_timeout_s
        self._conn = connect(self.path)
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        with self._lock:
            self._conn.executescript(SCHEMA)

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._locked, fn)

    def _locked(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return fn(self._conn)

    def _write(self, fn: Callable[[sqlite3.Connection], T], tenant: str | None) -> T:
        """Runs fn in one immediate transaction and bumps the tenant's revision."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            value = fn(conn)
            if tenant is not None:
                conn.execute(
                    "INSERT INTO queue_revisions VALUES (?, 1) ON CONFLICT(tenant) "
                    "DO UPDATE SET revision = revision + 1",
                    (tenant,),
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite already rolled back after e.g. a full disk
                conn.execute("ROLLBACK")
            raise
        return value

    def _one(self, conn: sqlite3.Connection, where: str, args: tuple[Any, ...]) -> QueuedCall:
        row = conn.execute(f"SELECT {COLUMNS} FROM queued_calls WHERE {where}", args).fetchone()
        if row is None:
            raise UnknownCall(f"call {args[0]!r} is not in the queue store")
        return _row_to_call(row)

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
        prio, now, doc = priority_value(priority), self.clock(), json.dumps(dict(context))

        def insert(conn: sqlite3.Connection) -> QueuedCall:
            try:
                conn.execute(
                    "INSERT INTO queued_calls (call_id, tenant, queue, priority, state, context, "
                    "context_schema, enqueued_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?)",
                    (call_id, tenant, queue, prio, doc, context["schema"], now),
                )
            except sqlite3.IntegrityError as exc:
                raise DuplicateCall(f"call {call_id!r} was already queued") from exc
            return self._one(conn, "call_id = ?", (call_id,))

        return await self._run(lambda conn: self._write(insert, tenant))

    async def claim(self, tenant: str, queue: str, agent: str) -> QueuedCall | None:
        """Atomically gives the first waiting call (priority, then arrival) to one agent."""
        now = self.clock()

        def take(conn: sqlite3.Connection) -> QueuedCall | None:
            self._requeue(conn, now)
            row = conn.execute(
                f"UPDATE queued_calls SET state = 'claimed', agent = ?, claimed_at = ?, "
                f"heartbeat_at = ?, claims = claims + 1 WHERE seq = (SELECT seq FROM queued_calls "
                f"WHERE tenant = ? AND queue = ? AND state = 'waiting' "
                f"ORDER BY priority DESC, seq LIMIT 1) RETURNING {COLUMNS}",
                (agent, now, now, tenant, queue),
            ).fetchone()
            return None if row is None else _row_to_call(row)

        return await self._run(lambda conn: self._write(take, tenant))

    def _held(self, conn: sqlite3.Connection, tenant: str, call_id: str, agent: str) -> QueuedCall:
        call = self._one(conn, "call_id = ? AND tenant = ?", (call_id, tenant))
        if call.state != "claimed" or call.agent != agent:
            raise ClaimLost(f"call {call_id!r} is not claimed by {agent!r} (state {call.state})")
        return call

    async def heartbeat(self, tenant: str, call_id: str, agent: str) -> QueuedCall:
        """Keeps a claim alive; raises ClaimLost when it already went back to the queue."""
        now = self.clock()

        def beat(conn: sqlite3.Connection) -> QueuedCall:
            self._held(conn, tenant, call_id, agent)
            conn.execute(
                "UPDATE queued_calls SET heartbeat_at = ? WHERE call_id = ?", (now, call_id)
            )
            return self._one(conn, "call_id = ?", (call_id,))

        return await self._run(lambda conn: self._write(beat, None))

    async def release(self, tenant: str, call_id: str, agent: str) -> QueuedCall:
        """The agent gives a claimed call back: it waits again at its old place."""

        def give_back(conn: sqlite3.Connection) -> QueuedCall:
            self._held(conn, tenant, call_id, agent)
            conn.execute(
                "UPDATE queued_calls SET state = 'waiting', agent = NULL, "
                "claimed_at = NULL, heartbeat_at = NULL WHERE call_id = ?",
                (call_id,),
            )
            return self._one(conn, "call_id = ?", (call_id,))

        return await self._run(lambda conn: self._write(give_back, tenant))

    async def close(
        self, tenant: str, call_id: str, agent: str, result: str, note: str = ""
    ) -> QueuedCall:
        """Records the result of a call the agent holds; the call leaves the queue for good."""
        now = self.clock()

        def finish(conn: sqlite3.Connection) -> QueuedCall:
            self._held(conn, tenant, call_id, agent)
            conn.execute(
                "UPDATE queued_calls SET state = 'closed', closed_at = ?, result = ?, "
                "note = ? WHERE call_id = ?",
                (now, result, note, call_id),
            )
            return self._one(conn, "call_id = ?", (call_id,))

        return await self._run(lambda conn: self._write(finish, tenant))

    async def cancel(self, call_id: str, reason: str = "caller_hung_up") -> QueuedCall:
        """A waiting caller hung up: the call leaves the queue; claimed calls stay as they are."""
        now = self.clock()

        def drop(conn: sqlite3.Connection) -> QueuedCall:
            call = self._one(conn, "call_id = ?", (call_id,))
            if call.state == "waiting":
                conn.execute(
                    "UPDATE queued_calls SET state = 'closed', closed_at = ?, "
                    "result = ? WHERE call_id = ?",
                    (now, reason, call_id),
                )
            return self._one(conn, "call_id = ?", (call_id,))

        tenant = await self._run(lambda conn: self._one(conn, "call_id = ?", (call_id,)).tenant)
        return await self._run(lambda conn: self._write(drop, tenant))

    async def update_context(self, call_id: str, context: Mapping[str, Any]) -> QueuedCall:
        """Replaces the whole context of an open call and bumps its context_version."""
        current = await self._run(lambda conn: self._one(conn, "call_id = ?", (call_id,)))
        check_context_matches(call_id, current.tenant, current.queue, context)
        doc = json.dumps(dict(context))

        def replace(conn: sqlite3.Connection) -> QueuedCall:
            conn.execute(
                "UPDATE queued_calls SET context = ?, context_schema = ?, "
                "context_version = context_version + 1 WHERE call_id = ?",
                (doc, context["schema"], call_id),
            )
            return self._one(conn, "call_id = ?", (call_id,))

        return await self._run(lambda conn: self._write(replace, current.tenant))

    async def get(self, tenant: str, call_id: str) -> QueuedCall | None:
        """The call if it belongs to this tenant, else None."""

        def read(conn: sqlite3.Connection) -> QueuedCall | None:
            row = conn.execute(
                f"SELECT {COLUMNS} FROM queued_calls WHERE call_id = ? AND tenant = ?",
                (call_id, tenant),
            ).fetchone()
            return None if row is None else _row_to_call(row)

        return await self._run(read)

    async def waiting(self, tenant: str, queue: str) -> list[QueuedCall]:
        """Waiting calls of one queue in the order they will be claimed."""
        sql = (
            f"SELECT {COLUMNS} FROM queued_calls WHERE tenant = ? AND queue = ? AND "
            "state = 'waiting' ORDER BY priority DESC, seq"
        )
        rows = await self._run(lambda conn: conn.execute(sql, (tenant, queue)).fetchall())
        return [_row_to_call(r) for r in rows]

    async def claimed_by(self, tenant: str, agent: str) -> list[QueuedCall]:
        """Calls this agent holds right now."""
        sql = (
            f"SELECT {COLUMNS} FROM queued_calls WHERE tenant = ? AND agent = ? AND "
            "state = 'claimed' ORDER BY claimed_at"
        )
        rows = await self._run(lambda conn: conn.execute(sql, (tenant, agent)).fetchall())
        return [_row_to_call(r) for r in rows]

    async def queues(self, tenant: str) -> list[str]:
        """Names of the queues that ever held a call of this tenant."""
        sql = "SELECT DISTINCT queue FROM queued_calls WHERE tenant = ? ORDER BY queue"
        rows = await self._run(lambda conn: conn.execute(sql, (tenant,)).fetchall())
        return [r[0] for r in rows]

    async def position(self, call_id: str) -> int | None:
        """1 for the next call to be claimed; None when the call is not waiting."""
        sql = (
            f"SELECT c.state, (SELECT count(*) FROM queued_calls w WHERE w.tenant = c.tenant "
            f"AND w.queue = c.queue AND w.state = 'waiting' AND {AHEAD}) "
            "FROM queued_calls c WHERE c.call_id = ?"
        )
        row = await self._run(lambda conn: conn.execute(sql, (call_id,)).fetchone())
        if row is None or row[0] != "waiting":
            return None
        return int(row[1]) + 1

    async def estimate_wait_s(self, tenant: str, queue: str, position: int | None = None) -> float:
        """Expected seconds until a caller at `position` (default: a new caller) is served."""
        if position is None:
            position = len(await self.waiting(tenant, queue)) + 1
        now = self.clock()
        history = await self._run(lambda conn: reports.handling_history(conn, tenant, queue, now))
        return estimate_from_history(history, position)

    async def stats(self, tenant: str, queue: str) -> QueueStats:
        """Waiting, in progress, longest wait and handled today for one queue."""
        now = self.clock()
        return await self._run(lambda conn: reports.queue_stats(conn, tenant, queue, now))

    async def hourly(self, tenant: str, queue: str) -> list[HourStats]:
        """Today's 24 hours: calls entered, handled, and mean wait until claimed."""
        now = self.clock()
        return await self._run(lambda conn: reports.hourly_stats(conn, tenant, queue, now))

    def _requeue(self, conn: sqlite3.Connection, now: float) -> list[str]:
        rows = conn.execute(
            "UPDATE queued_calls SET state = 'waiting', agent = NULL, claimed_at = NULL, "
            "heartbeat_at = NULL WHERE state = 'claimed' AND heartbeat_at < ? "
            "RETURNING call_id, tenant",
            (now - self.claim_timeout_s,),
        ).fetchall()
        for tenant in {r[1] for r in rows}:
            conn.execute(
                "INSERT INTO queue_revisions VALUES (?, 1) ON CONFLICT(tenant) "
                "DO UPDATE SET revision = revision + 1",
                (tenant,),
            )
        return [r[0] for r in rows]

    async def requeue_abandoned(self) -> list[str]:
        """Claims without heartbeat for claim_timeout_s go back to their queue; returns the ids."""
        now = self.clock()
        return await self._run(lambda conn: self._write(lambda c: self._requeue(c, now), None))

    async def revision(self, tenant: str) -> int:
        """A number that grows with every change to this tenant's queues (for live updates)."""
        sql = "SELECT revision FROM queue_revisions WHERE tenant = ?"
        row = await self._run(lambda conn: conn.execute(sql, (tenant,)).fetchone())
        return 0 if row is None else int(row[0])

    async def aclose(self) -> None:
        """Closes the connection."""
        await self._run(lambda conn: conn.close())
