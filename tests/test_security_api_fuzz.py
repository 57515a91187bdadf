"""schemathesis against the agent API's own OpenAPI document (offline, in-process ASGI): every
operation gets generated valid and invalid requests with a real tenant token; none may answer
with a server error (5xx)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.plugins.servers import DEMO_QUEUES
from voicebot.handoff.tokens import open_agent_tokens
from voicebot.server.app import create_app
from voicebot.server.limits import Limits
from voicebot.settings import Settings

AGENT_ROUTERS = ("voicebot.server.agent_api", "voicebot.server.metrics")


@pytest.fixture(scope="module")
def agent_token_and_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp("fuzz")
    settings_ = Settings(data_dir=data, intents_dir=data / "intents")
    app = create_app(settings_, tenant_queues=DEMO_QUEUES, routers=AGENT_ROUTERS)
    app.state.front_door.configure(
        Limits(api_burst=100_000, login_burst=100_000, auth_failures_burst=100_000)
    )

    async def token() -> str:
        tokens = open_agent_tokens(settings_)
        _, made = await tokens.add("nordwelle", "fuzzer")
        await tokens.aclose()
        return made

    return asyncio.run(token()), app


@pytest.fixture(scope="module")
def api_schema(agent_token_and_app):  # type: ignore[no-untyped-def]
    _, app = agent_token_and_app
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def agent_operations(api_schema) -> list:  # type: ignore[no-untyped-def]
    """Every operation of the agent API except the endless event stream."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    return [op for op in operations if op.path != "/api/events"]


def test_no_generated_agent_api_request_gets_a_server_error(  # type: ignore[no-untyped-def]
    api_schema, agent_token_and_app
) -> None:
    token, _ = agent_token_and_app
    headers = {"authorization": f"Bearer {token}"}
    failures: list[str] = []
    statuses: list[int] = []
    modes = list(schemathesis.GenerationMode)  # valid requests, then invalid ones
    for operation, mode in ((op, m) for op in agent_operations(api_schema) for m in modes):

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers={**(case.headers or {}), **headers})
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        with contextlib.suppress(Unsatisfiable):  # nothing invalid to make (no parameters)
            fuzz()
    assert not failures, failures[:10]
    assert len(statuses) >= 100 and {200, 422} <= set(statuses), "valid and invalid requests"


def test_the_schema_names_the_agent_operations(api_schema) -> None:  # type: ignore[no-untyped-def]
    paths = set(api_schema.raw_schema["paths"])
    assert {"/api/queues", "/api/queues/{queue}/claim", "/api/calls/{call_id}/close"} <= paths
