"""`voicebot serve`: the server (agent API and pages now; call channels plug in as routers)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8080,
    ) -> None:
        """Runs the server: call endpoints, agent API (/api, docs at /docs), /agent page."""
        import uvicorn

        from voicebot.privacy import configure_logging
        from voicebot.server.app import create_app
        from voicebot.settings import load_settings

        settings = load_settings()
        configure_logging(settings.log_level)
        typer.echo(
            f"voicebot: serving on http://{host}:{port} (agents: /agent, API docs: /docs)", err=True
        )
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_config=None,
            log_level=settings.log_level.lower(),
        )
