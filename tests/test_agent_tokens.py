"""Agent tokens: one tenant each, shown once, hashed at rest, revocable; `voicebot agents`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.plugins.servers import RedisServer, unique_prefix
from voicebot.errors import UserError
from voicebot.handoff.tokens import AgentTokens, RedisAgentTokens, SqliteAgentTokens


@pytest.fixture(params=["sqlite", "redis"])
async def tokens(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AgentTokens]:
    made: AgentTokens
    if request.param == "sqlite":
        made = SqliteAgentTokens(tmp_path / "voicebot.db")
    else:
        server: RedisServer = request.getfixturevalue("redis_server")
        made = RedisAgentTokens(server.url, prefix=unique_prefix())
    yield made
    await made.aclose()


async def test_a_token_identifies_its_agent_and_tenant(tokens: AgentTokens) -> None:
    _, token = await tokens.add("nordwelle", "anna")
    assert token.startswith("vb_") and len(token) > 40
    found = await tokens.verify(token)
    assert found is not None and (found.tenant, found.name) == ("nordwelle", "anna")
    assert await tokens.verify(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert await tokens.verify("") is None


async def test_a_revoked_token_stops_working_and_the_name_can_get_a_new_one(
    tokens: AgentTokens,
) -> None:
    _, old = await tokens.add("nordwelle", "anna")
    with pytest.raises(UserError, match="already has a token"):
        await tokens.add("nordwelle", "anna")
    await tokens.revoke("nordwelle", "anna")
    assert await tokens.verify(old) is None
    _, new = await tokens.add("nordwelle", "anna")
    assert await tokens.verify(new) is not None
    listed = [(a.tenant, a.name, a.revoked_at is None) for a in await tokens.list("nordwelle")]
    assert sorted(listed) == [("nordwelle", "anna", False), ("nordwelle", "anna", True)]
    with pytest.raises(UserError, match="no active token"):
        await tokens.revoke("sonnhof", "anna")


def all_bytes(folder: Path) -> bytes:
    """Everything written in a folder: the database, its WAL and shared memory files."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


async def test_tokens_are_stored_only_as_salted_hashes(tmp_path: Path) -> None:
    store = SqliteAgentTokens(tmp_path / "voicebot.db")
    _, token_a = await store.add("nordwelle", "anna")
    _, token_b = await store.add("sonnhof", "sam")
    await store.aclose()
    raw = all_bytes(tmp_path)
    secret = token_a.split("_", 2)[2]
    assert secret.encode() not in raw and token_b.encode() not in raw
    with sqlite3.connect(tmp_path / "voicebot.db") as conn:
        salts = {row[0] for row in conn.execute("SELECT salt FROM agent_tokens")}
    assert len(salts) == 2


def voicebot(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOICEBOT_DATA": str(data_dir), "VOICEBOT_QUEUE": ""}
    return subprocess.run(
        [sys.executable, "-m", "voicebot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_voicebot_agents_add_prints_the_token_once_list_and_revoke(tmp_path: Path) -> None:
    added = voicebot("agents", "add", "--tenant", "nordwelle", "anna", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert token.startswith("vb_") and "not shown again" in added.stderr
    listed = voicebot("agents", "list", "--tenant", "nordwelle", data_dir=tmp_path)
    assert "anna" in listed.stdout and "active" in listed.stdout and token not in listed.stdout
    again = voicebot("agents", "add", "--tenant", "nordwelle", "anna", data_dir=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "revoke it first" in again.stderr
    revoked = voicebot("agents", "revoke", "--tenant", "nordwelle", "anna", data_dir=tmp_path)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    bad = voicebot("agents", "add", "--tenant", "nord welle!", "x", data_dir=tmp_path)
    assert bad.returncode == 1 and "tenant 'nord welle!'" in bad.stderr
    unknown = voicebot("agents", "add", "--tenant", "nordwele", "x", data_dir=tmp_path)
    assert unknown.returncode == 1 and "did you mean 'nordwelle'" in unknown.stderr
    listed = voicebot("agents", "list", data_dir=tmp_path)
    assert "nordwele" not in listed.stdout  # no token was made
