"""A stored call: what analytics and the inbox read, derived from the call's event list.

Caller speech is personal data: `text` fields hold transcripts with digit runs and spoken
number runs already masked (`voicebot.analytics.masking`), so the store never holds a customer
number. Times: `started_at` is wall-clock epoch seconds; everything else is on the call's audio
clock (`*_ms`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

HANDOFF_REASONS = ("intent", "agent_request", "no_match", "no_input", "error")


@dataclass(frozen=True, slots=True)
class CallerTurn:
    """One thing the caller said (or keyed) and what the bot made of it."""

    index: int  # position among the call's caller turns, from 0
    at_ms: int  # end of the caller's speech (or the last key)
    text: str  # masked transcript; keyed digits are masked too
    kind: str = "speech"  # speech | dtmf
    asr_confidence: float | None = None
    expect: str | None = None  # what the bot's question expected ("yesno", "digits:8"; None: free)
    intent: str | None = None  # None: out of scope
    intent_confidence: float | None = None
    alternatives: tuple[tuple[str, float], ...] = ()
    latency_ms: int | None = None  # end of caller speech -> start of the bot's answer


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One finished call as analytics stores it (the event list's derived, masked form)."""

    call_id: str
    tenant: str
    started_at: float  # epoch seconds, wall clock
    duration_ms: int
    outcome: str  # handoff | resolved | hangup | declined | no_answer
    channel: str = "wav"
    dialed: str | None = None
    caller: str | None = None  # masked
    intent: str | None = None  # the call's concern: handed-off intent, else first one understood
    queue: str | None = None
    handoff_reason: str | None = None
    priority: str | None = None
    turns: tuple[CallerTurn, ...] = ()
    questions: int = 0  # bot prompts that waited for an answer
    reprompts: int = 0  # of those, asked again because the bot did not understand or hear
    errors: tuple[str, ...] = ()  # CallError codes
    survey: Mapping[str, str | None] = field(default_factory=dict)  # question id -> answer
    audio_path: str | None = None  # kept caller audio (WAV), only where the tenant enables it

    def to_json(self) -> dict[str, Any]:
        """A plain JSON object; `from_json` reads it back."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CallRecord:
        turns = tuple(
            CallerTurn(
                **{
                    **turn,
                    "alternatives": tuple((str(n), float(c)) for n, c in turn["alternatives"]),
                }
            )
            for turn in data.get("turns", ())
        )
        return cls(
            **{
                **data,
                "turns": turns,
                "errors": tuple(data.get("errors", ())),
                "survey": dict(data.get("survey") or {}),
            }
        )

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str) -> CallRecord:
        return cls.from_json(json.loads(text))
