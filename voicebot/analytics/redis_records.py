"""Call records in Redis, for several nodes sharing the queues' Redis.

Keys (under `prefix`): `record:<call_id>` holds the CallRecord JSON, `records:<tenant>` is a
sorted set of call ids scored by start time, `records:tenants` the set of tenant ids, and
`inbox:<tenant>` a hash utterance id -> intent for assigned inbox utterances. Audio files stay
on the node that recorded them (`audio_path` names the file there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import redis.asyncio as aioredis

from voicebot.analytics.records import CallRecord


class RedisCallRecordStore:
    """CallRecordStore on the Redis server of the queues."""

    def __init__(self, url: str, *, prefix: str = "voicebot:") -> None:
        self.prefix = prefix
        self.redis = aioredis.from_url(url, decode_responses=True)

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    async def add(self, record: CallRecord) -> None:
        """Stores a record (replacing one with the same call_id) and indexes it by time."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("record", record.call_id), record.dumps())
            pipe.zadd(self._key("records", record.tenant), {record.call_id: record.started_at})
            pipe.sadd(self._key("records", "tenants"), record.tenant)
            await pipe.execute()

    async def _load(self, call_ids: list[str]) -> list[CallRecord]:
        if not call_ids:
            return []
        texts = await self.redis.mget([self._key("record", cid) for cid in call_ids])
        return [CallRecord.loads(text) for text in texts if text]

    async def between(self, tenant: str, since: float, until: float) -> list[CallRecord]:
        """Records of one tenant that started in [since, until), oldest first."""
        ids = await self.redis.zrangebyscore(self._key("records", tenant), since, f"({until}")
        return await self._load(list(ids))

    async def with_audio_before(self, tenant: str, before: float) -> list[CallRecord]:
        ids = await self.redis.zrangebyscore(self._key("records", tenant), "-inf", f"({before}")
        return [r for r in await self._load(list(ids)) if r.audio_path]

    async def drop_audio(self, call_ids: Iterable[str]) -> None:
        for record in await self._load(list(call_ids)):
            await self.redis.set(
                self._key("record", record.call_id), replace(record, audio_path=None).dumps()
            )

    async def delete_before(self, tenant: str, before: float) -> int:
        index = self._key("records", tenant)
        ids = list(await self.redis.zrangebyscore(index, "-inf", f"({before}"))
        if ids:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.delete(*[self._key("record", cid) for cid in ids])
                pipe.zrem(index, *ids)
                await pipe.execute()
        return len(ids)

    async def tenants(self) -> list[str]:
        return sorted(await self.redis.smembers(self._key("records", "tenants")))

    async def mark_assigned(
        self, tenant: str, utterance_ids: Iterable[str], intent: str, at: float
    ) -> None:
        mapping = {uid: intent for uid in utterance_ids}
        if mapping:
            await self.redis.hset(self._key("inbox", tenant), mapping=mapping)

    async def assigned(self, tenant: str) -> set[str]:
        return set(await self.redis.hkeys(self._key("inbox", tenant)))

    async def aclose(self) -> None:
        await self.redis.aclose()
