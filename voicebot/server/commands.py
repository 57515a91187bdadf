"""`voicebot serve`: the server (agent API and pages now; call channels plug in as routers)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from voicebot.server.survey_dialler import Dialled


def _check_port_free(host: str, port: int) -> None:
    """UserError naming the flag when the address cannot be listened on."""
    import socket

    from voicebot.errors import UserError

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise UserError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror}); "
            "pick another --port or stop the other server"
        ) from exc


def _check_sip_free(listen: str) -> None:
    """UserError naming --sip when its UDP address is taken (before the models load)."""
    import socket

    from voicebot.errors import UserError
    from voicebot.server.sip_service import parse_listen

    host, port = parse_listen(listen)  # a bad address is a one-line error too
    try:
        with socket.socket(
            socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_DGRAM
        ) as sock:
            sock.bind((host, port))
    except OSError as exc:
        raise UserError(
            f"--sip {listen}: cannot answer SIP there ({exc.strerror}); "
            "pick another port or stop the other SIP server (e.g. --sip 127.0.0.1:5080)"
        ) from exc


def survey_dial(
    tenant: Annotated[str, typer.Option(help="outbound tenant, e.g. marktblick")],
    call_list: Annotated[Path, typer.Option("--list", help="CSV with columns phone,name")],
    via: Annotated[str, typer.Option(help="HOST:PORT of the PBX or SIP trunk that places calls")],
    sip: Annotated[str, typer.Option(help="our SIP address HOST:PORT (port 0: any)")] = "",
    ring_s: Annotated[float, typer.Option(help="seconds a number may ring", min=1)] = 30.0,
    any_time: Annotated[
        bool, typer.Option("--any-time", help="dial outside the tenant's business hours too")
    ] = False,
    attempts: Annotated[
        int, typer.Option(help="calls to a number that does not answer, over all runs", min=1)
    ] = 3,
) -> None:
    """Dials every row of the call list over SIP and stores each person's answers; only in the
    tenant's business hours (the rest of the list is left for the next run). Run again, it
    dials only the numbers not reached yet."""
    import asyncio
    from datetime import datetime

    from voicebot.channels.sip import sip_account
    from voicebot.dialog.calling_hours import may_call_now, outside_hours_message
    from voicebot.dialog.survey_commands import _survey_tenant
    from voicebot.dialog.survey_run import read_call_list
    from voicebot.dialog.survey_store import SurveyStore, survey_db_path
    from voicebot.errors import UserError
    from voicebot.logs import configure_logging
    from voicebot.server.live_calls import LiveCalls
    from voicebot.server.sip_service import parse_listen
    from voicebot.server.survey_dialler import dial_survey, plan_survey

    settings, tenants = _survey_tenant(tenant)
    entries = read_call_list(call_list)
    hours = None if any_time else tenants[tenant].business_hours

    def now() -> datetime:
        return datetime.now().astimezone()

    closed = outside_hours_message(hours, now())
    if closed:
        raise UserError(f"--tenant {tenant}: {closed}; nothing dialled (--any-time dials anyway)")
    may_dial = may_call_now(hours, now)
    peer = parse_listen(via, "--via")
    if peer[1] == 0:
        raise UserError(f"--via {via!r}: give the PBX's SIP port, e.g. --via 127.0.0.1:5060")
    listen = parse_listen(sip or f"{_local_address_towards(peer)}:0")
    if listen[1]:
        _check_sip_free(sip)
    configure_logging(settings.log_level)
    auth = sip_account(settings)
    store = SurveyStore(survey_db_path(settings))
    try:
        plan = plan_survey(store, tenant, entries, attempts)
        calls = plan.done
        if plan.to_dial:  # the models load only when someone is left to call
            live = LiveCalls.load(settings)
            try:
                calls = asyncio.run(
                    dial_survey(live, store, tenant, plan, peer, listen, ring_s, may_dial, auth)
                )
            finally:
                live.close()
    finally:
        store.close()
    for dialled in calls:
        print(f"{dialled.name or dialled.phone}: {_dialled_said(dialled)}")
    if not plan.to_dial:
        print("nobody left to call on this list")
    refusal = next((d.why for d in calls if d.skipped == "refused"), None)
    if refusal:
        account = f"the account {auth.username!r}" if auth else "no account"
        raise UserError(
            f"--via {via}: the PBX refused our calls with '{refusal}' (we gave {account}); set "
            "VOICEBOT_SIP_USER and VOICEBOT_SIP_PASSWORD to the account the PBX knows for us"
        )


def _dialled_said(dialled: Dialled) -> str:
    """What `survey dial` prints for a number: the stored outcome and answers, or why it was not
    called this time."""
    if dialled.call is not None:
        answers = ", ".join(f"{q}={a}" for q, a in dialled.call.answers.items())
        return dialled.call.outcome + (f" ({answers})" if answers else "")
    return {
        "hours": "not dialled (outside business hours)",
        "refused": "not dialled (the PBX refused the call)",
        "done": f"not dialled again ({dialled.why})",
        "broken": "answered, but the call failed (not stored; dialled again next run)",
    }[dialled.skipped]


def _local_address_towards(peer: tuple[str, int]) -> str:
    """This machine's address on the route to the PBX (what the SDP offer must name)."""
    from voicebot.channels.sip_media import route_towards
    from voicebot.errors import UserError

    try:
        return route_towards(peer)
    except OSError as exc:
        raise UserError(f"--via {peer[0]}:{peer[1]}: no route there ({exc.strerror})") from exc


def register(app: typer.Typer) -> None:
    from voicebot.dialog.survey_commands import survey_app

    if not any(c.name == "dial" for c in survey_app.registered_commands):
        survey_app.command("dial")(survey_dial)  # `voicebot survey dial`: outbound over SIP

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8080,
        sip: Annotated[str, typer.Option(help="Answer SIP calls on HOST:PORT (UDP).")] = "",
        register: Annotated[
            str,
            typer.Option(
                help="Register at this PBX (HOST:PORT) as VOICEBOT_SIP_USER, so that it routes "
                "calls to --sip (password: VOICEBOT_SIP_PASSWORD)."
            ),
        ] = "",
    ) -> None:
        """Runs the server: call endpoints, agent API (/api, docs at /docs), /agent page."""
        import uvicorn

        from voicebot.errors import UserError
        from voicebot.logs import configure_logging
        from voicebot.server.app import create_app
        from voicebot.server.sip_service import parse_listen
        from voicebot.settings import load_settings

        settings = load_settings()
        configure_logging(settings.log_level)
        _check_port_free(host, port)
        if register and not sip:
            raise UserError(f"--register {register}: give --sip too (the address the PBX calls)")
        if register:
            parse_listen(register, "--register")  # a bad address is a one-line error too
        if sip:
            _check_sip_free(sip)  # one-line errors before anything starts
        typer.echo(
            f"voicebot: serving on http://{host}:{port} (agents: /agent, API docs: /docs)", err=True
        )
        server_app = create_app(settings)
        if sip:
            typer.echo(f"voicebot: answering SIP calls on udp:{sip}", err=True)
        server_app.state.sip_listen = sip  # voicebot.server.sip_service starts SIP when set
        server_app.state.sip_register = register  # and registers there
        server_app.state.load_models_at_start = True  # calls_ws: not at the first call
        typer.echo(f"voicebot: call the bot from your browser: http://{host}:{port}/call", err=True)
        uvicorn.run(
            server_app,
            host=host,
            port=port,
            log_config=None,
            log_level=settings.log_level.lower(),
        )
