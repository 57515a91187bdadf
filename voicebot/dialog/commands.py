"""`voicebot call`: one whole call offline (WAV turns, DTMF) or on the microphone."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from voicebot.errors import UserError

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    app.command("call")(call)
    from voicebot.dialog.survey_commands import survey_app

    app.add_typer(survey_app, name="survey")


def _pick_tenant(tenants: dict[str, Any], tenant: str | None, dialed: str | None) -> str:
    from voicebot.nlu.loader import tenant_for_dialed

    answering = None
    if dialed:
        found = tenant_for_dialed(tenants, dialed)
        if found is None:
            raise UserError(f"--dialed {dialed}: no tenant answers this number (see tenant.yaml)")
        answering = str(found.id)
    if tenant:
        if tenant not in tenants:
            known = ", ".join(sorted(tenants))
            raise UserError(f"--tenant {tenant}: no such tenant in intents/ (known: {known})")
        if answering not in (None, tenant):
            raise UserError(f"--tenant {tenant} and --dialed {dialed} ({answering}) disagree")
        return tenant
    if answering is not None:
        return answering
    raise UserError("voicebot call: give --tenant T or --dialed NUMBER")


async def _audio_call(
    settings: Any,
    services: Any,
    tenant_id: str,
    wavs: list[Path],
    dtmf: str,
    dialed: str | None,
    mic: bool,
) -> Any:
    """A call with caller audio (WAV turns or the microphone) and the bot's own voice."""
    import asyncio

    from voicebot.asr.base import load_speech_model
    from voicebot.dialog.calls import run_mic_call, run_wav_call
    from voicebot.tts.cache import load_prompt_cache
    from voicebot.tts.choice import load_synthesizer
    from voicebot.tts.synthesizer import TtsError
    from voicebot.tts.tenant_prompts import fixed_prompts

    if mic:
        from voicebot.channels.microphone import sound_devices

        sound_devices()  # the one-line "no sound device" error before any model loads
    synthesizer = load_synthesizer(settings)
    try:
        services.prompt_cache = load_prompt_cache(settings, synthesizer)
        tenant = services.tenants[tenant_id]
        rate = 16000  # WAV channel and microphone
        try:
            await asyncio.to_thread(
                services.prompt_cache.warm, fixed_prompts(tenant), tenant.language, (rate,)
            )
        except TtsError as exc:  # the call still runs: its first prompt hands over, reason error
            log.warning("text to speech failed while warming prompts: %s", exc)
        model = load_speech_model(settings.asr_backend, settings)
        if mic:
            return await run_mic_call(tenant_id, services, model, dialed=dialed)
        return await run_wav_call(tenant_id, wavs, services, model, dtmf=dtmf, dialed=dialed)
    finally:
        synthesizer.close()


def call(
    tenant: Annotated[str | None, typer.Option(help="tenant id, e.g. nordwelle")] = None,
    dialed: Annotated[str | None, typer.Option(help="dialed number, '+49 800 6673935'")] = None,
    wav: Annotated[list[Path] | None, typer.Option(help="caller turn (repeat, in order)")] = None,
    dtmf: Annotated[str, typer.Option(help="keys, typed at the first prompt taking keys")] = "",
    say: Annotated[list[str] | None, typer.Option(help="caller turn as text (no audio)")] = None,
    mic: Annotated[bool, typer.Option(help="live call on the microphone and speaker")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    at: Annotated[
        str | None,
        typer.Option(
            help="when the call happens, '2026-12-05T20:30' (tenant's time zone): "
            "handoffs follow its business hours; default: as in open hours"
        ),
    ] = None,
) -> None:
    """Runs one whole call offline (or live with --mic) and prints the dialogue (CONTRACTS.md)."""
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
    if mic and (wav or say):
        raise UserError("voicebot call --mic: the caller speaks live; leave out --wav and --say")
    if bad_keys := sorted(set(dtmf) - set("0123456789*#")):
        raise UserError(f"--dtmf {dtmf!r}: {''.join(bad_keys)!r} are not keys; use 0-9, * and #")
    clock = None if at is None else fixed_clock(at, tenants[tenant_id])

    async def run() -> Any:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = open_queue_store(settings)
        services = CallServices(tenants, queue_store=store, clock=clock)
        try:
            if say is not None and not wav and not mic:
                from voicebot.dialog.textcall import keys, run_call
                from voicebot.dialog.textcall import say as said

                turns = ([keys(dtmf)] if dtmf else []) + [said(text) for text in say]
                return await run_call(tenant_id, turns, services, dialed=dialed)
            return await _audio_call(settings, services, tenant_id, wav or [], dtmf, dialed, mic)
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


def fixed_clock(at: str, tenant: Any) -> Callable[[], datetime]:
    """`--at 2026-12-05T20:30`: that moment, in the tenant's time zone unless it names one."""
    from voicebot.dialog.after_hours import clock_at

    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise UserError(f"--at {at!r}: not a date and time; use e.g. 2026-12-05T20:30") from None
    return clock_at(moment, getattr(tenant, "business_hours", None))
