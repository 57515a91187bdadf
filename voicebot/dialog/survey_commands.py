"""`voicebot survey run|report`: an outbound survey over a call list, and its results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from voicebot.errors import UserError

survey_app = typer.Typer(help="Outbound surveys: run a call list, report the answers.")


def _survey_tenant(tenant: str) -> Any:
    from voicebot.nlu.loader import load_tenants
    from voicebot.settings import load_settings

    settings = load_settings()
    tenants = load_tenants(settings.intents_dir)
    if tenant not in tenants:
        known = ", ".join(sorted(tenants))
        raise UserError(f"--tenant {tenant}: no such tenant in intents/ (known: {known})")
    if tenants[tenant].survey is None:
        raise UserError(f"--tenant {tenant}: has no survey (its tenant.yaml has no 'survey:')")
    return settings, tenants


@survey_app.command("run")
def run(
    tenant: Annotated[str, typer.Option(help="outbound tenant, e.g. marktblick")],
    call_list: Annotated[Path, typer.Option("--list", help="CSV with columns phone,name")],
    wav: Annotated[list[Path] | None, typer.Option(help="answer as audio (repeat)")] = None,
    say: Annotated[list[str] | None, typer.Option(help="answer as text (repeat)")] = None,
) -> None:
    """Calls every row of the list (answers from --wav/--say, the CSV or the microphone)."""
    import asyncio

    from voicebot.dialog.survey_run import SurveyRun, read_call_list
    from voicebot.dialog.survey_store import SurveyStore, phone_key, survey_db_path
    from voicebot.dialog.textcall import CallServices

    settings, tenants = _survey_tenant(tenant)
    entries = read_call_list(call_list)
    for path in wav or []:
        if not path.is_file():
            raise UserError(f"--wav {path}: no such file")
    needs_audio = any(not e.say for e in entries) and not say
    if needs_audio and not wav and not any(e.wavs for e in entries):
        from voicebot.channels.microphone import sound_devices

        sound_devices()  # answers from the microphone: fail in one line when there is none
    store = SurveyStore(survey_db_path(settings))
    try:
        model = None
        if needs_audio:
            from voicebot.asr.base import load_speech_model

            model = load_speech_model(settings.asr_backend, settings)
        services = CallServices(tenants)
        runner = SurveyRun(tenant, services, store, say or (), wav or (), model)
        blocked = store.opted_out(tenant)
        for entry in entries:
            if phone_key(entry.phone) in blocked:  # asked never to be called again
                print(f"{entry.name or entry.phone}: skipped (do-not-call list)")
                continue
            result = asyncio.run(runner.call(entry))
            answers = ", ".join(f"{q}={a}" for q, a in result.answers.items())
            print(
                f"{entry.name or entry.phone}: {result.outcome}"
                + (f" ({answers})" if answers else "")
            )
    finally:
        store.close()


@survey_app.command("report")
def report(
    tenant: Annotated[str, typer.Option(help="outbound tenant, e.g. marktblick")],
    csv_out: Annotated[Path | None, typer.Option("--csv", help="write the figures as CSV")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="write an HTML page")] = None,
) -> None:
    """Aggregates the stored answers: counts, mean, distribution, share of yes."""
    from voicebot.dialog.survey_report import aggregate, report_csv, report_html
    from voicebot.dialog.survey_store import SurveyStore, survey_db_path

    settings, tenants = _survey_tenant(tenant)
    store = SurveyStore(survey_db_path(settings))
    try:
        result = aggregate(tenant, tenants[tenant].survey, store.calls(tenant))
    finally:
        store.close()
    table = report_csv(result)
    for path, text in ((csv_out, table), (html_out, None)):
        if path is None:
            continue
        try:
            path.write_text(text if text is not None else report_html(result), encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{path}: cannot write ({exc.strerror})") from exc
    if csv_out is None and html_out is None:
        print(table, end="")
    else:
        print(f"{result.calls} calls: " + ", ".join(f"{k} {v}" for k, v in result.outcomes.items()))
