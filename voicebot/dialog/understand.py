"""The Understand stage: an Intent after every final Transcript, from the tenant's classifier."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from voicebot.dialog.line_noise import without_line_noise
from voicebot.dialog.written_forms import as_german_words
from voicebot.events import CallEvent, CallStarted, Emit, Hangup, Intent, Transcript

Classify = Callable[[Transcript], Intent]


def _classification_intent(result: Any, transcript: Transcript) -> Intent:
    """An Intent event from TenantNLU's Classification; out of scope keeps its best guess
    first among the alternatives, for the dialog to confirm ("Geht es um …?")."""
    event: Intent = result.to_event(transcript.call_id, transcript.at_ms)
    return replace(event, slots={k: str(v) for k, v in event.slots.items() if v is not None})


def tenant_classifier(nlu: Any) -> Classify:
    """Transcript -> Intent with the tenant's NLU (voicebot.nlu TenantNLU)."""

    def classify(transcript: Transcript) -> Intent:  # (a subtitle credit Whisper wrote on
        said = without_line_noise(transcript.text)  # the line's silence is not classified)
        said = as_german_words(said, nlu.language)  # ("Gluten-frei": "glutenfrei")
        return _classification_intent(nlu.classify(said), transcript)

    return classify


@dataclass
class TenantClassifiers:
    """One TenantNLU per tenant, built on first use and shared by all calls of the process."""

    tenants: Mapping[str, Any]
    build: Callable[[str], Any] | None = None  # tenant id -> TenantNLU; None: built here
    _built: dict[str, Any] = field(default_factory=dict)

    def nlu(self, tenant_id: str) -> Any:
        if tenant_id not in self._built:
            from voicebot.nlu.understand import TenantNLU

            built = self.build(tenant_id) if self.build else TenantNLU(self.tenants[tenant_id])
            self._built[tenant_id] = built
        return self._built[tenant_id]

    def __call__(self, tenant_id: str) -> Classify:
        return tenant_classifier(self.nlu(tenant_id))


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
