"""Which queues each tenant has (id -> display name for agents), from the tenant files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

TenantQueues = Mapping[str, Mapping[str, str]]  # tenant -> queue id -> display name

# tenant.yaml names queues as the bot says them ("Ich verbinde Sie mit den Störungsdienst");
# agents read them without the leading article.
_ARTICLE = re.compile(r"^(?:den|dem|der|die|das|einen|einem|eine|the|a|an)\s+", re.IGNORECASE)


def display_name(spoken: str, queue_id: str) -> str:
    """'den Störungsdienst' -> 'Störungsdienst'; the id when the name is empty."""
    name = _ARTICLE.sub("", spoken.strip()).strip()
    if not name:
        return queue_id
    return name[0].upper() + name[1:]


def load_tenant_queues(intents_dir: Path) -> TenantQueues:
    """Tenant -> queue id -> display name, via the nlu loader (UserError on broken files)."""
    if not intents_dir.is_dir():
        return {}
    from voicebot.nlu.loader import load_tenants

    return {
        tenant_id: {q: display_name(str(name or ""), q) for q, name in tenant.queues.items()}
        for tenant_id, tenant in load_tenants(intents_dir).items()
    }
