"""Which queues each tenant has (id -> display name), from the tenant files."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path

import yaml

from voicebot.errors import UserError

TenantQueues = Mapping[str, Mapping[str, str]]  # tenant -> queue id -> display name


def _from_loader(intents_dir: Path) -> TenantQueues | None:
    """Queues via `voicebot.nlu.load_tenants` once that loader exists, else None."""
    try:
        nlu = importlib.import_module("voicebot.nlu")
    except ModuleNotFoundError:
        return None
    load_tenants = getattr(nlu, "load_tenants", None)
    if load_tenants is None:
        return None
    tenants = load_tenants(intents_dir)
    return {tid: dict(getattr(t, "queues", {}) or {}) for tid, t in tenants.items()}


def queues_from_tenant_yaml(path: Path) -> dict[str, str]:
    """The `queues:` of one tenant.yaml: a mapping id -> name, or a list of ids."""
    try:
        doc = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read tenant file ({exc})") from exc
    queues = doc.get("queues") or {} if isinstance(doc, dict) else {}
    if isinstance(queues, list):
        return {str(q): str(q) for q in queues}
    if not isinstance(queues, dict):
        raise UserError(f"{path}: 'queues' must be a mapping of queue id to display name")
    return {
        str(k): str(v.get("name", k) if isinstance(v, dict) else v or k) for k, v in queues.items()
    }


def load_tenant_queues(intents_dir: Path) -> TenantQueues:
    """Tenant -> queues from the nlu loader, or from `<dir>/<tenant>/tenant.yaml` until it lands."""
    loaded = _from_loader(intents_dir)
    if loaded is not None:
        return loaded
    if not intents_dir.is_dir():
        return {}
    return {
        p.parent.name: queues_from_tenant_yaml(p) for p in sorted(intents_dir.glob("*/tenant.yaml"))
    }
