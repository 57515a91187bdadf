"""One behaviour suite that both queue stores (SQLite and Redis) must pass."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from tests.plugins.servers import RedisServer, make_context, unique_prefix
from voicebot.handoff.context import ContextError
from voicebot.handoff.redis_store import RedisQueueStore
from voicebot.handoff.sqlite_store import SqliteQueueStore
from voicebot.handoff.store import (
    DEFAULT_HANDLE_S,
    ClaimLost,
    DuplicateCall,
    QueueStore,
    UnknownCall,
    day_start,
)

TIMEOUT_S = 60.0


class FakeClock:
    """Store time driven by the test: today at noon, moved on by `advance`."""

    def __init__(self) -> None:
        self.now = day_start(time.time()) + 12 * 3600

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


StoreFactory = Callable[[], QueueStore]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", "redis"])
async def new_store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[StoreFactory]:
    """Opens more stores on the same data (like more processes or nodes); all closed at the end."""
    opened: list[QueueStore] = []
    prefix = unique_prefix()

    def open_store() -> QueueStore:
        store: QueueStore
        if request.param == "sqlite":
            store = SqliteQueueStore(tmp_path / "q.db", clock=clock, claim_timeout_s=TIMEOUT_S)
        else:
            redis_server: RedisServer = request.getfixturevalue("redis_server")
            store = RedisQueueStore(
                redis_server.url, prefix=prefix, clock=clock, claim_timeout_s=TIMEOUT_S
            )
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        await store.aclose()


@pytest.fixture
def store(new_store: StoreFactory) -> QueueStore:
    return new_store()


async def enqueue(
    store: QueueStore,
    call_id: str,
    queue: str = "stoerungsdienst",
    priority: str = "normal",
    tenant: str = "nordwelle",
) -> None:
    ctx = make_context(call_id, tenant=tenant, queue=queue, priority=priority)
    await store.enqueue(call_id, tenant, queue, priority, ctx)


async def test_calls_are_claimed_high_priority_first_then_in_arrival_order(
    store: QueueStore, clock: FakeClock
) -> None:
    for call_id, priority in [
        ("call-0001", "normal"),
        ("call-0002", "high"),
        ("call-0003", "normal"),
        ("call-0004", "high"),
    ]:
        await enqueue(store, call_id, priority=priority)
        clock.advance(1)
    claimed = [await store.claim("nordwelle", "stoerungsdienst", "anna") for _ in range(5)]
    assert [c.call_id if c else None for c in claimed] == [
        "call-0002",
        "call-0004",
        "call-0001",
        "call-0003",
        None,
    ]
    assert claimed[0] is not None and claimed[0].priority_name == "high"


async def test_waiting_lists_calls_in_claim_order_with_positions(store: QueueStore) -> None:
    for call_id, priority in [
        ("call-0001", "normal"),
        ("call-0002", "normal"),
        ("call-0003", "high"),
    ]:
        await enqueue(store, call_id, priority=priority)
    waiting = await store.waiting("nordwelle", "stoerungsdienst")
    assert [c.call_id for c in waiting] == ["call-0003", "call-0001", "call-0002"]
    assert [await store.position(c) for c in ("call-0003", "call-0001", "call-0002")] == [1, 2, 3]
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    assert await store.position("call-0003") is None
    assert await store.position("call-0002") == 2


async def test_many_agents_claiming_at_once_never_get_the_same_call_and_lose_none(
    new_store: StoreFactory,
) -> None:
    writer = new_store()
    ids = [f"call-{i:04d}" for i in range(60)]
    for call_id in ids:
        await enqueue(writer, call_id, priority="high" if int(call_id[-1]) % 3 == 0 else "normal")
    agents = [new_store() for _ in range(12)]  # own connection each, like separate servers

    async def claim_all(store: QueueStore, agent: str) -> list[str]:
        got = []
        while (call := await store.claim("nordwelle", "stoerungsdienst", agent)) is not None:
            assert call.agent == agent and call.state == "claimed"
            got.append(call.call_id)
        return got

    results = await asyncio.gather(*(claim_all(s, f"agent{i}") for i, s in enumerate(agents)))
    claimed = [c for got in results for c in got]
    assert sorted(claimed) == ids  # every call once: none duplicated, none lost
    assert await writer.waiting("nordwelle", "stoerungsdienst") == []


async def test_a_claim_without_heartbeat_returns_to_its_old_place_in_the_queue(
    store: QueueStore, clock: FakeClock
) -> None:
    await enqueue(store, "call-0001")
    clock.advance(1)
    await enqueue(store, "call-0002")
    first = await store.claim("nordwelle", "stoerungsdienst", "anna")
    assert first is not None and first.call_id == "call-0001"
    clock.advance(TIMEOUT_S / 2)
    assert await store.requeue_abandoned() == []
    clock.advance(TIMEOUT_S)
    assert await store.requeue_abandoned() == ["call-0001"]
    assert await store.position("call-0001") == 1  # ahead of the later call again
    with pytest.raises(ClaimLost):
        await store.heartbeat("nordwelle", "call-0001", "anna")
    again = await store.claim("nordwelle", "stoerungsdienst", "ben")
    assert again is not None and again.call_id == "call-0001" and again.claims == 2


async def test_heartbeats_keep_a_claim_alive(store: QueueStore, clock: FakeClock) -> None:
    await enqueue(store, "call-0001")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    for _ in range(5):
        clock.advance(TIMEOUT_S * 0.6)
        beat = await store.heartbeat("nordwelle", "call-0001", "anna")
        assert beat.heartbeat_at == clock.now
        assert await store.requeue_abandoned() == []
    held = await store.claimed_by("nordwelle", "anna")
    assert [c.call_id for c in held] == ["call-0001"]


async def test_a_claim_is_requeued_by_the_next_claim_even_without_a_sweeper(
    store: QueueStore, clock: FakeClock
) -> None:
    await enqueue(store, "call-0001")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    clock.advance(TIMEOUT_S + 1)
    taken = await store.claim("nordwelle", "stoerungsdienst", "ben")
    assert taken is not None and taken.call_id == "call-0001" and taken.agent == "ben"


async def test_closing_records_the_result_and_the_call_leaves_the_queue(
    store: QueueStore, clock: FakeClock
) -> None:
    await enqueue(store, "call-0001")
    clock.advance(30)
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    clock.advance(240)
    closed = await store.close("nordwelle", "call-0001", "anna", "resolved", "router getauscht")
    assert (closed.state, closed.result, closed.note) == ("closed", "resolved", "router getauscht")
    assert closed.closed_at is not None and closed.claimed_at is not None
    assert closed.closed_at - closed.claimed_at == 240
    assert await store.claim("nordwelle", "stoerungsdienst", "anna") is None
    with pytest.raises(ClaimLost):
        await store.close("nordwelle", "call-0001", "anna", "resolved")


async def test_only_the_agent_holding_a_call_can_close_or_release_it(store: QueueStore) -> None:
    await enqueue(store, "call-0001")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    with pytest.raises(ClaimLost):
        await store.close("nordwelle", "call-0001", "ben", "resolved")
    with pytest.raises(ClaimLost):
        await store.release("nordwelle", "call-0001", "ben")
    with pytest.raises(UnknownCall):
        await store.close("sonnhof", "call-0001", "anna", "resolved")


async def test_a_released_call_waits_again_at_its_old_place(
    store: QueueStore, clock: FakeClock
) -> None:
    await enqueue(store, "call-0001")
    clock.advance(1)
    await enqueue(store, "call-0002")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    released = await store.release("nordwelle", "call-0001", "anna")
    assert released.state == "waiting" and released.agent is None
    assert [c.call_id for c in await store.waiting("nordwelle", "stoerungsdienst")] == [
        "call-0001",
        "call-0002",
    ]


async def test_context_is_stored_whole_and_each_update_bumps_its_version(
    store: QueueStore,
) -> None:
    ctx = make_context("call-0001")
    await store.enqueue("call-0001", "nordwelle", "stoerungsdienst", "normal", ctx)
    stored = await store.get("nordwelle", "call-0001")
    assert stored is not None and stored.context == ctx and stored.context_version == 1
    newer = make_context("call-0001", summary="Kunde wartet, Router schon neu gestartet")
    updated = await store.update_context("call-0001", newer)
    assert updated.context == newer and updated.context_version == 2


async def test_an_invalid_context_is_refused_naming_the_field(store: QueueStore) -> None:
    bad = make_context("call-0001", customer={"number": 40817253, "verified": True})
    with pytest.raises(ContextError, match=r"context\.customer\.number"):
        await store.enqueue("call-0001", "nordwelle", "stoerungsdienst", "normal", bad)
    other_queue = make_context("call-0001", queue="abrechnung")
    with pytest.raises(ContextError, match=r"context\.queue"):
        await store.enqueue("call-0001", "nordwelle", "stoerungsdienst", "normal", other_queue)
    assert await store.get("nordwelle", "call-0001") is None


async def test_the_same_call_cannot_be_queued_twice(store: QueueStore) -> None:
    await enqueue(store, "call-0001")
    with pytest.raises(DuplicateCall):
        await enqueue(store, "call-0001")


async def test_a_caller_who_hangs_up_leaves_the_queue(store: QueueStore) -> None:
    await enqueue(store, "call-0001")
    await enqueue(store, "call-0002")
    gone = await store.cancel("call-0001")
    assert (gone.state, gone.result) == ("closed", "caller_hung_up")
    assert await store.position("call-0002") == 1
    assert (await store.stats("nordwelle", "stoerungsdienst")).handled_today == 0


async def test_tenants_never_see_each_others_calls_even_in_a_queue_of_the_same_name(
    store: QueueStore,
) -> None:
    await enqueue(store, "call-0001", queue="allgemein", tenant="nordwelle")
    await enqueue(store, "call-0002", queue="allgemein", tenant="sonnhof")
    assert await store.get("sonnhof", "call-0001") is None
    assert [c.call_id for c in await store.waiting("sonnhof", "allgemein")] == ["call-0002"]
    taken = await store.claim("sonnhof", "allgemein", "sam")
    assert taken is not None and taken.call_id == "call-0002"
    assert await store.claim("sonnhof", "allgemein", "sam") is None
    assert await store.queues("sonnhof") == ["allgemein"]


async def test_wait_estimate_follows_recent_handling_times_and_working_agents(
    store: QueueStore, clock: FakeClock
) -> None:
    assert await store.estimate_wait_s("nordwelle", "abrechnung") == DEFAULT_HANDLE_S
    for i, (agent, handle_s) in enumerate([("anna", 100), ("ben", 120), ("anna", 140)]):
        await enqueue(store, f"call-000{i}", queue="abrechnung")
        await store.claim("nordwelle", "abrechnung", agent)
        clock.advance(handle_s)
        await store.close("nordwelle", f"call-000{i}", agent, "resolved")
    for i in range(3):
        await enqueue(store, f"call-100{i}", queue="abrechnung")
    # median handling 120 s, two agents at work: the caller at position 3 waits 3 * 120 / 2
    assert await store.estimate_wait_s("nordwelle", "abrechnung", position=3) == 180.0
    assert await store.estimate_wait_s("nordwelle", "abrechnung") == 240.0  # a 4th caller


async def test_supervisor_stats_show_waiting_longest_wait_and_handled_today(
    store: QueueStore, clock: FakeClock
) -> None:
    await enqueue(store, "call-0001")
    clock.advance(50)
    await enqueue(store, "call-0002")
    await enqueue(store, "call-0003")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    clock.advance(70)
    await store.close("nordwelle", "call-0001", "anna", "resolved")
    await store.claim("nordwelle", "stoerungsdienst", "ben")
    clock.advance(10)
    stats = await store.stats("nordwelle", "stoerungsdienst")
    assert (stats.waiting, stats.claimed, stats.handled_today) == (1, 1, 1)
    assert stats.longest_wait_s == 80 and stats.mean_handle_s == 70  # call-0003 since t=50
    hours = await store.hourly("nordwelle", "stoerungsdienst")
    noon = hours[12]
    assert len(hours) == 24 and (noon.entered, noon.handled) == (3, 1)
    assert noon.mean_wait_s == pytest.approx((50 + 70) / 2)  # claimed at t=50 and t=120
    assert sum(h.entered for h in hours) == 3


async def test_revision_grows_with_every_change_of_the_tenants_queues(store: QueueStore) -> None:
    before = await store.revision("nordwelle")
    await enqueue(store, "call-0001")
    after_enqueue = await store.revision("nordwelle")
    await store.claim("nordwelle", "stoerungsdienst", "anna")
    after_claim = await store.revision("nordwelle")
    assert before < after_enqueue < after_claim
    assert await store.revision("sonnhof") == 0
