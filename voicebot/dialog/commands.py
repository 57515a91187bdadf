"""`voicebot call`: one whole call offline (WAV turns, DTMF) or on the microphone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from voicebot.errors import UserError


def register(app: typer.Typer) -> None:
    app.command("call")(call)


def _pick_tenant(tenants: dict[str, Any], tenant: str | None, dialed: str | None) -> str:
    from voicebot.nlu.loader import tenant_for_dialed

    if tenant:
        if tenant not in tenants:
            known = ", ".join(sorted(tenants))
            raise UserError(f"--tenant {tenant}: no such tenant in intents/ (known: {known})")
        return tenant
    if dialed:
        found = tenant_for_dialed(tenants, dialed)
        if found is None:
            raise UserError(f"--dialed {dialed}: no tenant answers this number (see tenant.yaml)")
        return str(found.id)
    raise UserError("voicebot call: give --tenant T or --dialed NUMBER")


def call(
    tenant: Annotated[str | None, typer.Option(help="tenant id, e.g. nordwelle")] = None,
    dialed: Annotated[str | None, typer.Option(help="dialed number, '+49 800 6673935'")] = None,
    wav: Annotated[list[Path] | None, typer.Option(help="caller turn (repeat, in order)")] = None,
    dtmf: Annotated[str, typer.Option(help="keys, typed at the first prompt taking keys")] = "",
    say: Annotated[list[str] | None, typer.Option(help="caller turn as text (no audio)")] = None,
    mic: Annotated[bool, typer.Option(help="live call on the microphone and speaker")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Runs one whole call offline and prints the dialogue (CONTRACTS.md)."""
    import asyncio

    from voicebot.dialog.textcall import CallServices
    from voicebot.handoff.store import open_queue_store
    from voicebot.nlu.loader import load_tenants
    from voicebot.settings import load_settings

    settings = load_settings()
    tenants = load_tenants(settings.intents_dir)
    tenant_id = _pick_tenant(tenants, tenant, dialed)
    for path in wav or []:
        if not path.is_file():
            raise UserError(f"--wav {path}: no such file")
    if mic:
        raise UserError(
            "voicebot call --mic: the live microphone call is not wired up yet; use --wav turns"
        )

    async def run() -> Any:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = open_queue_store(settings)
        services = CallServices(tenants, queue_store=store)
        try:
            if say is not None and not wav:
                from voicebot.dialog.textcall import keys, run_call
                from voicebot.dialog.textcall import say as said

                turns = ([keys(dtmf)] if dtmf else []) + [said(text) for text in say]
                return await run_call(tenant_id, turns, services, dialed=dialed)
            from voicebot.asr.base import load_speech_model
            from voicebot.dialog.calls import run_wav_call

            model = load_speech_model(settings.asr_backend, settings)
            return await run_wav_call(
                tenant_id, wav or [], services, model, dtmf=dtmf, dialed=dialed
            )
        finally:
            await store.aclose()

    record = asyncio.run(run())
    if as_json:
        print(json.dumps(record.summary(), ensure_ascii=False))
        return
    for turn in record.turns():
        print(f"{turn['role']:>6}: {turn['text']}")
    summary = record.summary()
    print(
        f"outcome: {summary['outcome']}"
        + (f", queue {summary['queue']}" if summary["queue"] else "")
    )
