"""Assigning an inbox group to an intent: edit the file, `intents check`, `intents test`, or undo.

The tenant's labelled phrases (`intents/<tenant>/tests/*`) are classified before and after the
edit. The edit stays only when the tenant still loads without problems and the accuracy did
not drop; otherwise the file is restored byte for byte (a new file is removed) and
`AssignRefused` says why, with both accuracies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from voicebot.analytics.yaml_edit import add_examples, new_intent_text, write_atomic
from voicebot.errors import UserError

INTENT_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class AssignRefused(UserError):
    """The edit was rolled back: the check failed or the accuracy dropped."""

    def __init__(self, message: str, result: AssignResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True, slots=True)
class AssignResult:
    """What an assignment did and how the tenant's test accuracy moved."""

    tenant: str
    intent: str
    file: str
    created: bool
    added: list[str]
    skipped: list[str]  # already an example of some intent
    tests: int  # labelled phrases the accuracy is measured on
    accuracy_before: float | None
    accuracy_after: float | None
    group_before: float  # share of the added phrases classified as `intent` before
    group_after: float | None
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _labelled(folder: Path) -> list[Any]:
    from voicebot.nlu.labelled import read_labelled

    phrases: list[Any] = []
    tests = folder / "tests"
    for path in sorted(tests.glob("*")) if tests.is_dir() else []:
        if path.suffix.lower() in (".yaml", ".yml", ".csv", ".jsonl"):
            phrases += read_labelled(path)[0]
    return phrases


def _scores(tenant: Any, labelled: list[Any], intent: str, added: Sequence[str]) -> tuple:  # type: ignore[type-arg]
    """(accuracy on the labelled phrases or None, share of `added` classified as `intent`)."""
    from voicebot.nlu.evaluation import evaluate
    from voicebot.nlu.understand import TenantNLU

    nlu = TenantNLU(tenant)
    accuracy = evaluate(nlu.classify, labelled).accuracy if labelled else None
    hits = sum(1 for p in added if nlu.classify(p).intent == intent)
    return accuracy, (hits / len(added) if added else 0.0)


def _load(folder: Path) -> tuple[Any, list[str]]:
    from voicebot.nlu.loader import load_tenant

    tenant, problems = load_tenant(folder)
    return tenant, [str(p) for p in problems]


def _new_phrases(tenant: Any, phrases: Sequence[str]) -> tuple[list[str], list[str]]:
    """Phrases not yet an example of any intent (compared folded), and the rest."""
    from voicebot.nlu.normalize import fold

    known = {fold(e.text) for spec in tenant.intents.values() for e in spec.examples}
    added, skipped = [], []
    for phrase in phrases:
        key = fold(phrase)
        (skipped if key in known else added).append(phrase)
        known.add(key)
    return added, skipped


def assign_to_intent(
    folder: Path,
    intent: str,
    phrases: Sequence[str],
    *,
    description: str | None = None,
    queue: str | None = None,
) -> AssignResult:
    """Writes `phrases` into `<folder>/<intent>.yaml` (a new intent when missing), checked."""
    tenant, problems = _load(folder)
    if tenant is None:
        raise UserError(f"{problems[0]}: fix the tenant first ('voicebot intents check')")
    if not INTENT_ID.match(intent):
        raise UserError(f"intent {intent!r}: use lowercase letters, digits and _ (e.g. umzug)")
    spec = tenant.intents.get(intent)
    path = Path(spec.file) if spec else folder / f"{intent}.yaml"
    if spec is None and queue is None:
        queue = tenant.default_queue
    if spec is None and queue not in tenant.queues:
        raise UserError(f"queue {queue!r} is not in {folder / 'tenant.yaml'}")
    added, skipped = _new_phrases(tenant, phrases)
    if not added:
        raise UserError(f"{path}: every phrase is already an example, nothing to add")
    labelled = _labelled(folder)
    before, group_before = _scores(tenant, labelled, intent, added)
    original = path.read_bytes() if path.exists() else None
    if original is None:
        note = f"Added from the inbox on {datetime.now(UTC):%Y-%m-%d} (voicebot inbox assign)."
        write_atomic(path, new_intent_text(intent, description or intent, queue, added, note))
    else:
        write_atomic(path, add_examples(original.decode("utf-8"), added))
    result = AssignResult(
        tenant.id, intent, str(path), original is None, added, skipped, len(labelled),
        before, None, group_before, None,
    )  # fmt: skip
    return _verify(folder, path, original, result)


def _verify(folder: Path, path: Path, original: bytes | None, result: AssignResult) -> AssignResult:
    """Keeps the edit when the tenant loads and accuracy did not drop; else rolls back."""
    tenant, problems = _load(folder)
    if tenant is None:
        _restore(path, original)
        refused = _with(result, problems=problems)
        raise AssignRefused(f"intents check failed, edit undone: {problems[0]}", refused)
    labelled = _labelled(folder)
    after, group_after = _scores(tenant, labelled, result.intent, result.added)
    done = _with(result, accuracy_after=after, group_after=group_after)
    if result.accuracy_before is not None and after is not None and after < result.accuracy_before:
        _restore(path, original)
        raise AssignRefused(
            f"accuracy would drop from {result.accuracy_before:.1%} to {after:.1%} "
            f"on {len(labelled)} test phrases, edit undone",
            done,
        )
    return done


def _with(result: AssignResult, **changes: Any) -> AssignResult:
    from dataclasses import replace

    return replace(result, **changes)


def _restore(path: Path, original: bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    else:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(original)
        tmp.replace(path)
