"""The Understand stage: an Intent after every final Transcript, from the tenant's classifier."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from voicebot.events import CallEvent, CallStarted, Emit, Hangup, Intent, Transcript

Classify = Callable[[Transcript], Intent]


def _classification_intent(result: Any, transcript: Transcript) -> Intent:
    """An Intent event from a `voicebot classify`-style result (TenantNLU.classify)."""
    alternatives = []
    for alt in getattr(result, "alternatives", ()) or ():
        if isinstance(alt, Mapping):
            alternatives.append((str(alt["intent"]), float(alt["confidence"])))
        else:
            name, confidence = alt if isinstance(alt, tuple) else (alt.intent, alt.confidence)
            alternatives.append((str(name), float(confidence)))
    name = getattr(result, "intent", None)
    confidence = float(getattr(result, "confidence", 0.0) or 0.0)
    if name is None and alternatives:  # below threshold: keep the best guess to confirm it
        name, confidence = alternatives[0]
    slots = {k: str(v) for k, v in (getattr(result, "slots", {}) or {}).items() if v is not None}
    return Intent(
        call_id=transcript.call_id,
        at_ms=transcript.at_ms,
        name=name,
        confidence=confidence,
        slots=slots,
        alternatives=tuple(alternatives),
    )


def tenant_classifier(tenant: Any) -> Classify:
    """The tenant's NLU (voicebot.nlu TenantNLU), or its examples' classifier until that exists."""
    try:
        from voicebot.nlu.understand import TenantNLU  # type: ignore[import-not-found]
    except ImportError:
        TenantNLU = None
    if TenantNLU is not None:
        nlu = TenantNLU(tenant)
        return lambda transcript: _classification_intent(nlu.classify(transcript.text), transcript)
    from voicebot.nlu.classifier import IntentClassifier

    examples = [
        (getattr(ex, "text", str(ex)), key)
        for key, spec in tenant.intents.items()
        for ex in spec.examples
    ]
    ranker = IntentClassifier(examples, tenant.language)

    def classify(transcript: Transcript) -> Intent:
        ranked = ranker.rank(transcript.text) if transcript.text.strip() else []
        name, confidence = ranked[0] if ranked else (None, 0.0)
        return Intent(
            call_id=transcript.call_id,
            at_ms=transcript.at_ms,
            name=name,
            confidence=confidence,
            alternatives=tuple(ranked[:4]),
        )

    return classify


@dataclass
class TenantClassifiers:
    """One classifier per tenant, built on first use and shared by all calls of the process."""

    tenants: Mapping[str, Any]
    _built: dict[str, Classify] = field(default_factory=dict)

    def __call__(self, tenant_id: str) -> Classify:
        if tenant_id not in self._built:
            self._built[tenant_id] = tenant_classifier(self.tenants[tenant_id])
        return self._built[tenant_id]


@dataclass
class Understand:
    """Adds an Intent after every final Transcript (classification is pure and fast)."""

    classifiers: TenantClassifiers

    async def run(self, inbox: asyncio.Queue[CallEvent], emit: Emit) -> None:
        classify: Classify | None = None
        while not isinstance(event := await inbox.get(), Hangup):
            await emit(event)
            if isinstance(event, CallStarted):
                classify = self.classifiers(event.tenant)
            elif isinstance(event, Transcript) and event.final and classify is not None:
                await emit(classify(event))
        await emit(event)
