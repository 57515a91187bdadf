"""What a caller in a human queue hears: their position and an estimated wait."""

from __future__ import annotations

import math
from dataclasses import dataclass

from voicebot.handoff.store import QueueStore

ANNOUNCE_EVERY_S = 45.0  # how often the dialog repeats position and wait while on hold


@dataclass(frozen=True, slots=True)
class WaitStatus:
    """Where a waiting call stands: 1 is next; estimate in seconds."""

    call_id: str
    position: int
    estimate_s: float


async def wait_status(
    store: QueueStore, tenant: str, queue: str, call_id: str
) -> WaitStatus | None:
    """Position and estimated wait of a queued call; None once it is claimed or gone."""
    position = await store.position(call_id)
    if position is None:
        return None
    estimate = await store.estimate_wait_s(tenant, queue, position=position)
    return WaitStatus(call_id, position, estimate)


def _minutes(estimate_s: float) -> int:
    return max(1, math.ceil(estimate_s / 60.0))


def wait_announcement(status: WaitStatus, language: str) -> str:
    """The sentence the bot speaks, e.g. 'Sie sind an Position 2. Die Wartezeit beträgt …'."""
    minutes = _minutes(status.estimate_s)
    if language == "de":
        place = (
            "Sie sind als Nächstes an der Reihe."
            if status.position == 1
            else f"Sie sind an Position {status.position}."
        )
        if status.estimate_s < 60:
            return f"{place} Die Wartezeit beträgt weniger als eine Minute."
        unit = "Minute" if minutes == 1 else "Minuten"
        return f"{place} Die geschätzte Wartezeit beträgt etwa {minutes} {unit}."
    place = (
        "You are next in line."
        if status.position == 1
        else f"You are number {status.position} in the queue."
    )
    if status.estimate_s < 60:
        return f"{place} The wait is less than a minute."
    unit = "minute" if minutes == 1 else "minutes"
    return f"{place} The estimated wait is about {minutes} {unit}."
