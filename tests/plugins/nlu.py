"""Shared pytest fixtures: nlu. The shipped tenants and their NLU are built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voicebot.nlu.loader import load_tenants
from voicebot.nlu.model import Tenant
from voicebot.nlu.understand import TenantNLU

INTENTS_DIR = Path(__file__).resolve().parents[2] / "intents"


@pytest.fixture(scope="session")
def intents_dir() -> Path:
    """The project's shipped tenant folders."""
    return INTENTS_DIR


@pytest.fixture(scope="session")
def tenants() -> dict[str, Tenant]:
    """All four demo tenants, loaded once."""
    return load_tenants(INTENTS_DIR)


@pytest.fixture(scope="session")
def tenant_nlu(tenants: dict[str, Tenant]):  # type: ignore[no-untyped-def]
    """tenant_nlu("nordwelle") -> TenantNLU, each built once per session (real classifier)."""
    built: dict[str, TenantNLU] = {}

    def get(tenant_id: str) -> TenantNLU:
        if tenant_id not in built:
            built[tenant_id] = TenantNLU(tenants[tenant_id])
        return built[tenant_id]

    return get


@pytest.fixture
def tenant_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """copy("nordwelle") -> a writable copy of a shipped tenant under tmp_path/intents/."""

    def copy(tenant_id: str) -> Path:
        target = tmp_path / "intents" / tenant_id
        shutil.copytree(INTENTS_DIR / tenant_id, target)
        return target

    return copy
