"""`voicebot serve`: the server (agent API and pages now; call channels plug in as routers)."""

from __future__ import annotations

from typing import Annotated

import typer


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


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8080,
        sip: Annotated[str, typer.Option(help="Answer SIP calls on HOST:PORT (UDP).")] = "",
    ) -> None:
        """Runs the server: call endpoints, agent API (/api, docs at /docs), /agent page."""
        import uvicorn

        from voicebot.logs import configure_logging
        from voicebot.server.app import create_app
        from voicebot.settings import load_settings

        settings = load_settings()
        configure_logging(settings.log_level)
        _check_port_free(host, port)
        if sip:
            _check_sip_free(sip)  # one-line errors before anything starts
        typer.echo(
            f"voicebot: serving on http://{host}:{port} (agents: /agent, API docs: /docs)", err=True
        )
        server_app = create_app(settings)
        if sip:
            typer.echo(f"voicebot: answering SIP calls on udp:{sip}", err=True)
        server_app.state.sip_listen = sip  # voicebot.server.sip_service starts SIP when set
        typer.echo(f"voicebot: call the bot from your browser: http://{host}:{port}/call", err=True)
        uvicorn.run(
            server_app,
            host=host,
            port=port,
            log_config=None,
            log_level=settings.log_level.lower(),
        )
