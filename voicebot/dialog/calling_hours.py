"""When an outbound survey may call: within its tenant's `business_hours` (tenant.yaml), the
hours its team is there for questions, so nobody is called at night, on a Sunday or a public
holiday. A tenant without business hours may call at any time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any


def may_call_now(hours: Any, clock: Callable[[], datetime]) -> Callable[[], bool]:
    """A check the dialler asks before each number: True while the hours are open."""
    if hours is None:
        return lambda: True
    return lambda: bool(hours.is_open(clock()))


def outside_hours_message(hours: Any, now: datetime) -> str | None:
    """None when the tenant may call at `now`; else the reason and when it may call next, e.g.
    "outside its business hours: it is Sat 2026-12-05 20:30 (Europe/Berlin) now; the next
    window opens Mon 2026-12-07 10:00"."""
    if hours is None or hours.is_open(now):
        return None
    local = hours.local(now)
    told = f"outside its business hours: it is {local:%a %Y-%m-%d %H:%M} ({hours.timezone}) now"
    opens = hours.next_opening(now)
    if opens is None:
        return told + "; its hours open on no day in the next two weeks"
    return told + f"; the next window opens {opens:%a %Y-%m-%d %H:%M}"
