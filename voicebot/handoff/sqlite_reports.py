"""Read-only reports of the SQLite queue store: handling history, queue stats, today's hours."""

from __future__ import annotations

import sqlite3

from voicebot.handoff.store import (
    ACTIVE_AGENT_WINDOW_S,
    RECENT_HANDLED,
    HandlingHistory,
    HourStats,
    QueueStats,
    day_start,
    local_day_hour,
)


def handling_history(
    conn: sqlite3.Connection, tenant: str, queue: str, now: float
) -> HandlingHistory:
    """Handling times of the recent handled calls and how many agents claimed lately."""
    handle = conn.execute(
        "SELECT closed_at - claimed_at FROM queued_calls WHERE tenant = ? AND queue = ? "
        "AND state = 'closed' AND agent IS NOT NULL ORDER BY closed_at DESC LIMIT ?",
        (tenant, queue, RECENT_HANDLED),
    ).fetchall()
    agents = conn.execute(
        "SELECT count(DISTINCT agent) FROM queued_calls WHERE tenant = ? AND queue = ? "
        "AND agent IS NOT NULL AND claimed_at >= ?",
        (tenant, queue, now - ACTIVE_AGENT_WINDOW_S),
    ).fetchone()[0]
    return HandlingHistory([float(h[0]) for h in handle], int(agents))


def queue_stats(conn: sqlite3.Connection, tenant: str, queue: str, now: float) -> QueueStats:
    """Waiting, in progress, longest wait, handled today (local day) and mean handling."""
    waiting, oldest, claimed = conn.execute(
        "SELECT sum(state = 'waiting'), min(CASE WHEN state = 'waiting' THEN enqueued_at END), "
        "sum(state = 'claimed') FROM queued_calls WHERE tenant = ? AND queue = ? "
        "AND state != 'closed'",
        (tenant, queue),
    ).fetchone()
    handled = conn.execute(
        "SELECT count(*) FROM queued_calls WHERE tenant = ? AND queue = ? AND "
        "state = 'closed' AND agent IS NOT NULL AND closed_at >= ?",
        (tenant, queue, day_start(now)),
    ).fetchone()[0]
    history = handling_history(conn, tenant, queue, now)
    mean = sum(history.handle_s) / len(history.handle_s) if history.handle_s else None
    longest = max(0.0, now - oldest) if oldest else 0.0
    return QueueStats(
        tenant, queue, int(waiting or 0), int(claimed or 0), longest, int(handled), mean
    )


def hourly_stats(conn: sqlite3.Connection, tenant: str, queue: str, now: float) -> list[HourStats]:
    """Today's 24 hours: calls entered, handled, and mean wait until claimed."""
    since = day_start(now)
    rows = conn.execute(
        "SELECT enqueued_at, claimed_at, closed_at, agent FROM queued_calls WHERE "
        "tenant = ? AND queue = ? AND (enqueued_at >= ? OR claimed_at >= ? OR closed_at >= ?)",
        (tenant, queue, since, since, since),
    ).fetchall()
    entered, handled = [0] * 24, [0] * 24
    waits: list[list[float]] = [[] for _ in range(24)]
    for enqueued_at, claimed_at, closed_at, agent in rows:
        if enqueued_at >= since:
            entered[local_day_hour(enqueued_at)[1]] += 1
        if claimed_at is not None and claimed_at >= since:
            waits[local_day_hour(claimed_at)[1]].append(claimed_at - enqueued_at)
        if closed_at is not None and agent is not None and closed_at >= since:
            handled[local_day_hour(closed_at)[1]] += 1
    return [
        HourStats(h, entered[h], handled[h], sum(waits[h]) / len(waits[h]) if waits[h] else None)
        for h in range(24)
    ]
