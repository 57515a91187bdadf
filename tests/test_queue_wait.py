"""What a caller on hold hears: position and estimated wait, from the store."""

from __future__ import annotations

from pathlib import Path

from tests.plugins.servers import make_context
from voicebot.handoff.sqlite_store import SqliteQueueStore
from voicebot.handoff.wait import WaitStatus, wait_announcement, wait_status


async def test_a_waiting_caller_learns_position_and_wait_until_claimed(tmp_path: Path) -> None:
    now = [1_000_000.0]
    store = SqliteQueueStore(tmp_path / "q.db", clock=lambda: now[0])
    for i, handle_s in enumerate([200.0, 240.0, 220.0]):  # recent handling times, one agent
        call_id = f"call-old-{i}"
        await store.enqueue(
            call_id, "nordwelle", "verkauf", "normal", make_context(call_id, queue="verkauf")
        )
        await store.claim("nordwelle", "verkauf", "anna")
        now[0] += handle_s
        await store.close("nordwelle", call_id, "anna", "resolved")
    for call_id in ("call-new-1", "call-new-2"):
        await store.enqueue(
            call_id, "nordwelle", "verkauf", "normal", make_context(call_id, queue="verkauf")
        )
    status = await wait_status(store, "nordwelle", "verkauf", "call-new-2")
    assert status == WaitStatus("call-new-2", position=2, estimate_s=440.0)
    assert wait_announcement(status, "de") == (
        "Sie sind an Position 2. Die geschätzte Wartezeit beträgt etwa 8 Minuten."
    )
    await store.claim("nordwelle", "verkauf", "anna")
    status = await wait_status(store, "nordwelle", "verkauf", "call-new-2")
    assert status is not None and status.position == 1
    await store.claim("nordwelle", "verkauf", "anna")
    assert await wait_status(store, "nordwelle", "verkauf", "call-new-2") is None
    await store.aclose()


def test_the_announcement_speaks_the_callers_language() -> None:
    assert wait_announcement(WaitStatus("c", 1, 30.0), "de") == (
        "Sie sind als Nächstes an der Reihe. Die Wartezeit beträgt weniger als eine Minute."
    )
    assert wait_announcement(WaitStatus("c", 3, 61.0), "en") == (
        "You are number 3 in the queue. The estimated wait is about 2 minutes."
    )
    assert wait_announcement(WaitStatus("c", 1, 60.0), "en") == (
        "You are next in line. The estimated wait is about 1 minute."
    )
