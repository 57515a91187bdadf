"""Where call records live: the queue store's database (`Settings.queue_db`).

SQLite (default): table `call_records` in the same file as the queues (WAL: many processes).
Redis (several nodes share one Redis): one JSON string per call plus a sorted set per tenant
by start time, see `redis_records.py`. The inbox remembers which utterances were assigned.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from voicebot.analytics.records import CallRecord
from voicebot.settings import Settings

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS call_records (
  call_id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  started_at REAL NOT NULL,               -- epoch seconds
  record TEXT NOT NULL,                   -- CallRecord JSON, transcripts masked
  audio_path TEXT                         -- kept caller audio, NULL when none (or purged)
);
CREATE INDEX IF NOT EXISTS call_records_by_time ON call_records (tenant, started_at);
CREATE TABLE IF NOT EXISTS inbox_assigned (
  tenant TEXT NOT NULL,
  utterance_id TEXT NOT NULL,             -- "<call_id>:<turn index>"
  intent TEXT NOT NULL,
  assigned_at REAL NOT NULL,
  PRIMARY KEY (tenant, utterance_id)
);
"""


class CallRecordStore(Protocol):
    """Appends call records and reads them back by tenant and period."""

    async def add(self, record: CallRecord) -> None: ...
    async def between(self, tenant: str, since: float, until: float) -> list[CallRecord]: ...
    async def with_audio_before(self, tenant: str, before: float) -> list[CallRecord]: ...
    async def drop_audio(self, call_ids: Iterable[str]) -> None: ...
    async def delete_before(self, tenant: str, before: float) -> int: ...
    async def tenants(self) -> list[str]: ...
    async def mark_assigned(
        self, tenant: str, utterance_ids: Iterable[str], intent: str, at: float
    ) -> None: ...
    async def assigned(self, tenant: str) -> set[str]: ...
    async def aclose(self) -> None: ...


class SqliteCallRecordStore:
    """CallRecordStore in the queue store's SQLite file."""

    def __init__(self, path: str | Path) -> None:
        from voicebot.handoff.sqlite_store import connect

        self.path = Path(path)
        self._conn = connect(self.path)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(SCHEMA)

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._locked, fn)

    def _locked(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return fn(self._conn)

    async def add(self, record: CallRecord) -> None:
        """Stores a record; a record with the same call_id is replaced."""
        row = (record.call_id, record.tenant, record.started_at, record.dumps(), record.audio_path)
        await self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO call_records VALUES (?, ?, ?, ?, ?)", row
            ).close()
        )

    async def between(self, tenant: str, since: float, until: float) -> list[CallRecord]:
        """Records of one tenant that started in [since, until), oldest first."""
        rows = await self._run(
            lambda c: c.execute(
                "SELECT record, audio_path FROM call_records WHERE tenant = ? AND started_at >= ? "
                "AND started_at < ? ORDER BY started_at, call_id",
                (tenant, since, until),
            ).fetchall()
        )
        return [_with_audio(CallRecord.loads(text), audio) for text, audio in rows]

    async def with_audio_before(self, tenant: str, before: float) -> list[CallRecord]:
        """Records of a tenant that started before `before` and still have audio."""
        rows = await self._run(
            lambda c: c.execute(
                "SELECT record, audio_path FROM call_records WHERE tenant = ? AND started_at < ? "
                "AND audio_path IS NOT NULL",
                (tenant, before),
            ).fetchall()
        )
        return [_with_audio(CallRecord.loads(text), audio) for text, audio in rows]

    async def drop_audio(self, call_ids: Iterable[str]) -> None:
        """Forgets the audio of these calls (after the files were deleted)."""
        ids = [(call_id,) for call_id in call_ids]
        await self._run(
            lambda c: c.executemany(
                "UPDATE call_records SET audio_path = NULL WHERE call_id = ?", ids
            ).close()
        )

    async def delete_before(self, tenant: str, before: float) -> int:
        """Deletes a tenant's records that started before `before`; returns how many."""
        return await self._run(
            lambda c: (
                c.execute(
                    "DELETE FROM call_records WHERE tenant = ? AND started_at < ?", (tenant, before)
                ).rowcount
            )
        )

    async def tenants(self) -> list[str]:
        rows = await self._run(
            lambda c: c.execute("SELECT DISTINCT tenant FROM call_records").fetchall()
        )
        return sorted(row[0] for row in rows)

    async def mark_assigned(
        self, tenant: str, utterance_ids: Iterable[str], intent: str, at: float
    ) -> None:
        """Remembers that these inbox utterances went to `intent` (they leave the inbox)."""
        rows = [(tenant, uid, intent, at) for uid in utterance_ids]
        await self._run(
            lambda c: c.executemany(
                "INSERT OR REPLACE INTO inbox_assigned VALUES (?, ?, ?, ?)", rows
            ).close()
        )

    async def assigned(self, tenant: str) -> set[str]:
        rows = await self._run(
            lambda c: c.execute(
                "SELECT utterance_id FROM inbox_assigned WHERE tenant = ?", (tenant,)
            ).fetchall()
        )
        return {row[0] for row in rows}

    async def aclose(self) -> None:
        await asyncio.to_thread(self._locked, lambda c: c.close())


def _with_audio(record: CallRecord, audio_path: str | None) -> CallRecord:
    """The record with the audio column's current value (purge clears only the column)."""
    if record.audio_path == audio_path:
        return record
    from dataclasses import replace

    return replace(record, audio_path=audio_path)


def open_call_record_store(settings: Settings) -> CallRecordStore:
    """The record store next to the queues: SQLite file of `queue_db`, or the same Redis."""
    from voicebot.errors import UserError

    url = settings.queue_db
    if url.startswith("sqlite:///"):
        return SqliteCallRecordStore(url.removeprefix("sqlite:///"))
    if url.startswith(("redis://", "rediss://", "unix://")):
        from voicebot.analytics.redis_records import RedisCallRecordStore

        return RedisCallRecordStore(url)
    raise UserError(
        f"VOICEBOT_QUEUE={url!r}: use redis://host:port/db, or leave it empty for SQLite"
    )
