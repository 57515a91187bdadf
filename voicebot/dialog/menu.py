"""The DTMF menu offered after two misunderstandings: keys lead to the top intents/queues."""

from __future__ import annotations

import re
from collections.abc import Mapping

from voicebot.asr.expect import list_expectation
from voicebot.dialog.tenant_view import AGENT_INTENTS, IntentView, TenantView
from voicebot.dialog.words import digits_in

MENU_KEYS = "1234"
KEY_WORDS = {
    "de": ("Null", "Eins", "Zwei", "Drei", "Vier", "Fünf", "Sechs", "Sieben", "Acht", "Neun"),
    "en": ("Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"),
}


def menu_items(tenant: TenantView) -> dict[str, IntentView]:
    """Key -> intent: the tenant's `menu:` list if any, else one intent per queue in file order."""
    listed = dict(getattr(tenant.tenant, "dtmf_menu", None) or {})
    if listed:
        return {key: _menu_entry(tenant, target) for key, target in listed.items()}
    chosen: list[IntentView] = []
    agent = tenant.agent_intent()
    seen: set[str] = set()
    for spec in tenant.intents.values():
        if spec.queue and spec.queue not in seen and spec is not agent:
            seen.add(spec.queue)
            chosen.append(spec)
    # queues of high-priority intents (fraud, complaints) always get a key: they take the
    # places of the last other queues, the order stays that of the files
    urgent = {s.queue for s in tenant.intents.values() if s.priority == "high" and s.queue}
    room = max(0, len(MENU_KEYS) - sum(s.queue in urgent for s in chosen))
    others = [s for s in chosen if s.queue not in urgent][:room]
    chosen = [s for s in chosen if s.queue in urgent or s in others]
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
    """A caller sentence from the tenant's own examples, to show how to say a concern: the
    first example that is one short sentence (3-8 words), said without its final punctuation
    ("I lost my card", not "Help!  I lost my card!"); from a real concern (a queue or slots to
    ask for) before praise or small talk, never from asking for a person."""
    fallback = ""
    specs = [s for s in getattr(tenant.tenant, "intents", {}).values()
             if getattr(s, "id", "") not in AGENT_INTENTS]  # fmt: skip
    specs.sort(key=lambda s: not (getattr(s, "queue", None) or getattr(s, "needs", ())))
    for spec in specs:
        for example in getattr(spec, "examples", ()) or ():
            text = " ".join(str(getattr(example, "text", example)).split()).rstrip(".!?,;: ")
            fallback = fallback or text
            if 3 <= len(text.split()) <= 8 and not re.search(r"[.!?]", text):
                return text
    return fallback or ("mein Internet geht nicht" if tenant.language == "de" else "my card")


def menu_expect(tenant: TenantView, items: dict[str, IntentView]) -> str | None:
    """The menu prompt's expectation: each key as a digit, its word ("Zwei") or its label
    ("Verkauf"), so a caller may say the choice instead of pressing it."""
    words = KEY_WORDS.get(tenant.language[:2], KEY_WORDS["en"])
    entries = {
        key: (key, words[int(key)] if key.isdigit() and int(key) < len(words) else "", label)
        for key, label in menu_labels(tenant, items)
    }
    return list_expectation(entries).spec if len(entries) >= 2 else None


def spoken_key(
    text: str, value: str | None, items: Mapping[str, object], language: str
) -> str | None:
    """The menu key a caller said: the recogniser's list value, else one key said alone
    ("die Zwei"); None when the answer names no key."""
    if value in items:
        return value
    digits = digits_in(text, language) if len(text.split()) <= 3 else ""
    return digits if len(digits) == 1 and digits in items else None
