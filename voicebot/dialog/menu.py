"""The DTMF menu offered after two misunderstandings: keys lead to the top intents/queues."""

from __future__ import annotations

from voicebot.dialog.tenant_view import IntentView, TenantView

MENU_KEYS = "1234"


def menu_items(tenant: TenantView) -> dict[str, IntentView]:
    """Key -> intent: the tenant's `menu:` list if any, else one intent per queue in file order."""
    listed = dict(getattr(tenant.tenant, "dtmf_menu", None) or {})
    if listed:
        return {key: _menu_entry(tenant, target) for key, target in listed.items()}
    chosen: list[IntentView] = []
    agent = tenant.agent_intent()
    if not chosen:
        seen: set[str] = set()
        for spec in tenant.intents.values():
            if spec.queue and spec.queue not in seen and spec is not agent:
                seen.add(spec.queue)
                chosen.append(spec)
    items = dict(zip(MENU_KEYS, chosen[: len(MENU_KEYS)], strict=False))
    if agent is not None:
        items["0"] = agent
    return items


def _menu_entry(tenant: TenantView, target: str) -> IntentView:
    """A `dtmf_menu` target: an intent id, or a queue id (an intent that only hands off)."""
    if target in tenant.intents:
        return tenant.intents[target]
    return IntentView(
        id=target,
        description=tenant.queue_name(target),
        action="handoff",
        queue=target,
        priority="normal",
        needs=(),
        answer=None,
        confirm=None,
    )


def menu_labels(tenant: TenantView, items: dict[str, IntentView]) -> list[tuple[str, str]]:
    """(key, spoken label) per menu entry: the queue's display name."""
    labels = []
    for key, spec in items.items():
        label = tenant.queue_name(spec.queue) if spec.queue else spec.description
        labels.append((key, label))
    return labels


def example_concern(tenant: TenantView) -> str:
    """A caller sentence from the tenant's own examples, to show how to say a concern."""
    for spec in getattr(tenant.tenant, "intents", {}).values():
        examples = list(getattr(spec, "examples", ()) or ())
        if examples and getattr(spec, "queue", None):
            return str(getattr(examples[0], "text", examples[0]))
    return "mein Internet geht nicht"
