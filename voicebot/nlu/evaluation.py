"""The product team's report: accuracy, per-intent precision/recall, most confused pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from voicebot.nlu.labelled import LabelledPhrase
from voicebot.nlu.understand import Classification

OUT_OF_SCOPE = "(out of scope)"


@dataclass(frozen=True, slots=True)
class IntentScore:
    """How one intent fared: precision and recall over the labelled phrases."""

    intent: str
    precision: float
    recall: float
    support: int  # labelled phrases of this intent


@dataclass(frozen=True, slots=True)
class Report:
    """The result of `voicebot intents test`; `to_json()` is its `--json` form."""

    total: int
    correct: int
    per_intent: tuple[IntentScore, ...]
    confused: tuple[tuple[str, str, int], ...]  # (expected, predicted, count), most first
    errors: tuple[dict[str, Any], ...] = field(default=())
    slot_errors: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "per_intent": {
                s.intent: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "support": s.support,
                }
                for s in self.per_intent
            },
            "confused": [{"expected": e, "predicted": p, "count": n} for e, p, n in self.confused],
            "slot_errors": self.slot_errors,
            "errors": list(self.errors),
        }

    def to_text(self) -> str:
        """A short human table: totals, per-intent scores, top confusions."""
        lines = [f"accuracy {self.accuracy:.1%} ({self.correct}/{self.total})", ""]
        lines.append(f"{'intent':32} {'precision':>9} {'recall':>7} {'n':>4}")
        for s in self.per_intent:
            lines.append(f"{s.intent:32} {s.precision:9.1%} {s.recall:7.1%} {s.support:4d}")
        if self.confused:
            lines += ["", "most confused (expected -> predicted: count)"]
            lines += [f"  {e} -> {p}: {n}" for e, p, n in self.confused]
        if self.slot_errors:
            lines += ["", f"slot mismatches: {self.slot_errors}"]
        return "\n".join(lines)


def evaluate(
    classify: Callable[[str], Classification],
    phrases: Sequence[LabelledPhrase],
    top_confused: int = 10,
) -> Report:
    """Classifies every phrase and compares intent (and expected slots) with its label."""
    pairs: list[tuple[str, str]] = []
    errors: list[dict[str, Any]] = []
    slot_errors = 0
    for phrase in phrases:
        result = classify(phrase.text)
        expected, predicted = phrase.intent or OUT_OF_SCOPE, result.intent or OUT_OF_SCOPE
        pairs.append((expected, predicted))
        wrong_slots = {k: v for k, v in phrase.slots.items() if result.slots.get(k) != v}
        slot_errors += bool(wrong_slots)
        if expected != predicted or wrong_slots:
            errors.append(
                {"line": phrase.line, "text": phrase.text, "expected": phrase.intent,
                 "predicted": result.intent, "confidence": round(result.confidence, 4),
                 "slots": dict(result.slots), "expected_slots": dict(phrase.slots)}
            )  # fmt: skip
    return Report(
        total=len(pairs),
        correct=sum(e == p for e, p in pairs),
        per_intent=_scores(pairs),
        confused=tuple(
            (e, p, n)
            for (e, p), n in Counter(x for x in pairs if x[0] != x[1]).most_common(top_confused)
        ),
        errors=tuple(errors),
        slot_errors=slot_errors,
    )


def _scores(pairs: list[tuple[str, str]]) -> tuple[IntentScore, ...]:
    labels = sorted({e for e, _ in pairs} | {p for _, p in pairs})
    scores = []
    for label in labels:
        true_pos = sum(e == p == label for e, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        support = sum(e == label for e, _ in pairs)
        scores.append(
            IntentScore(
                label,
                true_pos / predicted if predicted else 0.0,
                true_pos / support if support else 0.0,
                support,
            )
        )
    return tuple(scores)
