"""What the CLI and the HTTP API share: figures, inbox groups and assignments for one tenant."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from voicebot.analytics.assign import AssignResult, assign_to_intent
from voicebot.analytics.figures import Period, figures
from voicebot.analytics.inbox import (
    UtteranceGroup,
    group_utterances,
    inbox_utterances,
    phrases_of,
)
from voicebot.analytics.store import CallRecordStore
from voicebot.errors import UserError

INBOX_SINCE = "30d"


def load_tenant_or_fail(intents_dir: Path, tenant_id: str) -> Any:
    """The tenant of `intents_dir/<tenant_id>`; UserError naming the problem otherwise."""
    from voicebot.nlu.loader import load_tenant, tenant_folders
    from voicebot.nlu.source import did_you_mean

    folder = intents_dir / tenant_id
    if not (folder / "tenant.yaml").is_file():
        known = [f.name for f in tenant_folders(intents_dir)] if intents_dir.is_dir() else []
        hint = did_you_mean(tenant_id, known)
        raise UserError(f"unknown tenant '{tenant_id}' in {intents_dir}{hint}")
    tenant, problems = load_tenant(folder)
    if tenant is None:
        raise UserError(f"{problems[0]}; run 'voicebot intents check'")
    return tenant


async def analytics_for(store: CallRecordStore, tenant_id: str, period: Period) -> dict[str, Any]:
    """The figures of one tenant's calls in the period."""
    records = await store.between(tenant_id, period.since, period.until)
    return figures(records, tenant_id, period)


async def inbox_for(
    store: CallRecordStore, tenant: Any, period: Period, *, encoder: Any = "auto"
) -> list[UtteranceGroup]:
    """The tenant's unclear utterances of the period, not yet assigned, grouped."""
    records = await store.between(tenant.id, period.since, period.until)
    assigned = await store.assigned(tenant.id)
    utterances = inbox_utterances(records, tenant.nlu.threshold, assigned)
    return await asyncio.to_thread(group_utterances, utterances, tenant.language, encoder=encoder)


async def assign_group(
    store: CallRecordStore,
    intents_dir: Path,
    tenant: Any,
    group_id: str,
    intent: str,
    period: Period,
    *,
    description: str | None = None,
    queue: str | None = None,
) -> AssignResult:
    """Writes a group's phrases into the intent file (checked, tested) and clears the group."""
    groups = await inbox_for(store, tenant, period)
    group = next((g for g in groups if g.id == group_id), None)
    if group is None:
        raise UserError(
            f"group {group_id!r} is not in the inbox of {tenant.id} (any more): list it again"
        )
    folder = intents_dir / tenant.id
    result = await asyncio.to_thread(
        assign_to_intent,
        folder,
        intent,
        phrases_of(group),
        description=description,
        queue=queue,
    )
    await store.mark_assigned(tenant.id, [u.id for u in group.utterances], intent, time.time())
    return result
