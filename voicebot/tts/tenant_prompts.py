"""Tenants' fixed prompts for the prompt cache: warmed at start-up, so they start at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from voicebot.tts.cache import CHANNEL_RATES, PromptCache
from voicebot.tts.speak import Speak


def fixed_prompts(tenant: Any) -> list[str]:
    """Texts a tenant speaks word for word in every call: greeting and placeholder-free prompts.

    `tenant` is a voicebot.nlu Tenant (uses `language`, `greeting`, `prompts`).
    """
    from voicebot.nlu.prompts import DEFAULT_PROMPTS

    texts = {**DEFAULT_PROMPTS.get(tenant.language, {}), **dict(tenant.prompts)}
    candidates = [tenant.greeting, *texts.values()]
    return [text for text in dict.fromkeys(candidates) if text and "{" not in text]


def warm_tenant_prompts(
    cache: PromptCache, tenants: Mapping[str, Any], sample_rates: Iterable[int] = CHANNEL_RATES
) -> int:
    """Synthesises every tenant's fixed prompts not cached yet; returns how many ran."""
    rates = tuple(sample_rates)
    return sum(cache.warm(fixed_prompts(t), t.language, rates) for t in tenants.values())


def speak_for_tenants(cache: PromptCache, sample_rate: int, tenants: Mapping[str, Any]) -> Speak:
    """A Speak stage that speaks each tenant's language and serves its fixed prompts from disk."""
    fixed = frozenset(text for t in tenants.values() for text in fixed_prompts(t))
    languages = {key: t.language for key, t in tenants.items()}
    return Speak(cache, sample_rate, tenant_languages=languages, fixed_texts=fixed)
