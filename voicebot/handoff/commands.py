"""`voicebot agents add|list|revoke`: API tokens for the agents of one tenant."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")


def _with_tokens(action: Callable[..., Awaitable[T]]) -> T:
    """Opens the token store of the current settings, runs one action, closes it."""
    from voicebot.handoff.tokens import open_agent_tokens
    from voicebot.settings import load_settings

    async def run() -> T:
        tokens = open_agent_tokens(load_settings())
        try:
            return await action(tokens)
        finally:
            await tokens.aclose()

    return asyncio.run(run())


def _when(epoch: float | None) -> str:
    return "" if epoch is None else datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")


def _known_tenant(tenant: str) -> None:
    """UserError unless the tenant has a folder under the intents directory (a token for a
    tenant that does not exist would open an empty agent API)."""
    from voicebot.errors import UserError
    from voicebot.nlu.loader import tenant_folders
    from voicebot.nlu.source import did_you_mean
    from voicebot.settings import load_settings

    root = load_settings().intents_dir
    known = [f.name for f in tenant_folders(root)] if root.is_dir() else []
    if tenant not in known:
        raise UserError(f"unknown tenant '{tenant}' in {root}{did_you_mean(tenant, known)}")


def register(app: typer.Typer) -> None:
    agents = typer.Typer(help="API tokens for agents (one tenant each).", no_args_is_help=True)
    app.add_typer(agents, name="agents")

    @agents.command("add")
    def add(
        name: Annotated[str, typer.Argument(help="Agent name, unique within the tenant.")],
        tenant: Annotated[str, typer.Option("--tenant", help="Tenant id, e.g. nordwelle.")],
    ) -> None:
        """Creates a token for an agent and prints it once (only its hash is stored)."""
        _known_tenant(tenant)
        agent, token = _with_tokens(lambda tokens: tokens.add(tenant, name))
        typer.echo(token)
        typer.echo(
            f"agent {agent.name!r} of tenant {agent.tenant!r}: keep this token, it is "
            "not shown again",
            err=True,
        )

    @agents.command("list")
    def list_agents(
        tenant: Annotated[str | None, typer.Option("--tenant", help="Only this tenant.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Lists agents and whether their token is active (tokens themselves are never shown)."""
        for agent in _with_tokens(lambda tokens: tokens.list(tenant)):
            state = "revoked" if agent.revoked_at else "active"
            if as_json:
                typer.echo(
                    json.dumps(
                        {
                            "tenant": agent.tenant,
                            "name": agent.name,
                            "token_id": agent.token_id,
                            "state": state,
                            "created_at": agent.created_at,
                            "revoked_at": agent.revoked_at,
                        }
                    )
                )
            else:
                typer.echo(
                    f"{agent.tenant}\t{agent.name}\t{agent.token_id}\t{state}\t"
                    f"{_when(agent.created_at)}\t{_when(agent.revoked_at)}".rstrip()
                )

    @agents.command("revoke")
    def revoke(
        name: Annotated[str, typer.Argument(help="Agent name.")],
        tenant: Annotated[str, typer.Option("--tenant", help="Tenant id.")],
    ) -> None:
        """Revokes the agent's token at once (on every node sharing the store)."""
        agent = _with_tokens(lambda tokens: tokens.revoke(tenant, name))
        typer.echo(f"revoked token {agent.token_id} of agent {agent.name!r} ({agent.tenant})")
