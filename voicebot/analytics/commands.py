"""Commands: `voicebot analytics`, `voicebot inbox list|assign`, `voicebot calls purge`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

T = TypeVar("T")
TenantOption = Annotated[str, typer.Option("--tenant", help="tenant id, e.g. nordwelle")]
SinceOption = Annotated[str, typer.Option("--since", help="7d, 24h, 90m, 2w or a date")]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="end of the period (default: now)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="machine-readable output")]


def _with_store(work: Callable[[Any, Any], Awaitable[T]]) -> T:
    """Runs `work(settings, store)` with the record store of the settings, then closes it."""
    from voicebot.analytics.store import open_call_record_store
    from voicebot.settings import load_settings

    settings = load_settings()

    async def run() -> T:
        store = open_call_record_store(settings)
        try:
            return await work(settings, store)
        finally:
            await store.aclose()

    return asyncio.run(run())


def _period(since: str, until: str | None) -> Any:
    import time

    from voicebot.analytics.figures import parse_period

    return parse_period(since, until, now=time.time())


def analytics(
    tenant: TenantOption,
    since: SinceOption = "7d",
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """Call figures of a tenant for a period: containment, handoffs, intents, latency, survey."""
    from voicebot.analytics.figures import to_text
    from voicebot.analytics.service import analytics_for, load_tenant_or_fail

    period = _period(since, until)

    async def work(settings: Any, store: Any) -> dict[str, Any]:
        load_tenant_or_fail(settings.intents_dir, tenant)
        return await analytics_for(store, tenant, period)

    data = _with_store(work)
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else to_text(data))


def inbox_list(
    tenant: TenantOption,
    since: SinceOption = "30d",
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """Utterances the bot did not understand, grouped by similarity (masked)."""
    from voicebot.analytics.service import inbox_for, load_tenant_or_fail

    period = _period(since, until)

    async def work(settings: Any, store: Any) -> list[Any]:
        spec = load_tenant_or_fail(settings.intents_dir, tenant)
        return await inbox_for(store, spec, period)

    groups = _with_store(work)
    if as_json:
        print(json.dumps([g.to_json() for g in groups], ensure_ascii=False, indent=2))
        return
    if not groups:
        print(f"{tenant}: the inbox is empty")
    for group in groups:
        hint = f"  (looks like {group.suggestion})" if group.suggestion else ""
        print(f"{group.id}  {len(group.utterances)}x  {group.representative}{hint}")
        for utterance in group.utterances[1:6]:
            print(f"      {utterance.text}")


def inbox_assign(
    tenant: TenantOption,
    group: Annotated[str, typer.Argument(help="group id from 'voicebot inbox list'")],
    intent: Annotated[str, typer.Option("--intent", help="existing or new intent id")],
    description: Annotated[
        str | None, typer.Option("--description", help="for a new intent")
    ] = None,
    queue: Annotated[str | None, typer.Option("--queue", help="for a new intent")] = None,
    since: SinceOption = "30d",
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """Writes a group's phrases into the intent file, checks and tests; undone if worse."""
    from voicebot.analytics.service import assign_group, load_tenant_or_fail

    period = _period(since, until)

    async def work(settings: Any, store: Any) -> Any:
        spec = load_tenant_or_fail(settings.intents_dir, tenant)
        return await assign_group(
            store, settings.intents_dir, spec, group, intent, period,
            description=description, queue=queue,
        )  # fmt: skip

    result = _with_store(work)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    pct = lambda v: "-" if v is None else f"{v:.1%}"  # noqa: E731
    print(f"{result.file}: added {len(result.added)} phrase(s) to {result.intent}")
    print(f"accuracy on {result.tests} test phrases: {pct(result.accuracy_before)} -> "
          f"{pct(result.accuracy_after)}")  # fmt: skip
    print(f"group phrases understood as {result.intent}: {pct(result.group_before)} -> "
          f"{pct(result.group_after)}")  # fmt: skip


def calls_purge(
    tenant: Annotated[
        str | None, typer.Option("--tenant", help="only this tenant (default: all)")
    ] = None,
    records_days: Annotated[
        int | None, typer.Option("--records-days", min=1, help="also delete older records")
    ] = None,
) -> None:
    """Deletes kept call audio past each tenant's retention_days (and old records if asked)."""
    from voicebot.analytics.retention import purge
    from voicebot.analytics.service import load_tenant_or_fail
    from voicebot.nlu.loader import tenant_folders

    async def work(settings: Any, store: Any) -> Any:
        policies = _policies(settings.intents_dir, tenant_folders(settings.intents_dir))
        if tenant is not None:
            load_tenant_or_fail(settings.intents_dir, tenant)
            policies = {tenant: policies[tenant]}
        return await purge(store, policies, records_days=records_days, only=tenant)

    result = _with_store(work)
    print(f"deleted {result.audio_files} audio file(s), {result.records} record(s)")


def _policies(intents_dir: Path, folders: list[Path]) -> dict[str, Any]:
    from voicebot.analytics.retention import audio_policy

    return {folder.name: audio_policy(folder) for folder in folders}


def register(app: typer.Typer) -> None:
    """Adds `analytics`, the `inbox` group (list, assign) and `calls purge`."""
    app.command("analytics")(analytics)
    inbox = typer.Typer(help="What the bot did not understand: list and assign.")
    inbox.command("list")(inbox_list)
    inbox.command("assign")(inbox_assign)
    app.add_typer(inbox, name="inbox", no_args_is_help=True)
    calls = typer.Typer(help="Stored calls: retention.")
    calls.command("purge")(calls_purge)
    app.add_typer(calls, name="calls", no_args_is_help=True)
