"""The handoff context (`voicebot.handoff/1`): validation against the shipped JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

CURRENT_SCHEMA = "voicebot.handoff/1"
# Versions this reader understands, each with the schema file shipped in this package.
KNOWN_SCHEMAS = {"voicebot.handoff/1": "handoff.schema.json"}


class ContextError(ValueError):
    """A handoff context that does not match its schema; the message names the failing field."""


@cache
def _validator(version: str) -> Draft202012Validator:
    text = resources.files("voicebot.handoff").joinpath(KNOWN_SCHEMAS[version]).read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def load_schema(version: str = CURRENT_SCHEMA) -> dict[str, Any]:
    """The shipped JSON Schema of one known context version."""
    return dict(_validator(version).schema)


def _field_path(error: ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        parts.append(missing)
    return "context" + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts if p)


def validate_context(ctx: Mapping[str, object]) -> None:
    """Raises ContextError naming the first failing field; accepts every known schema version."""
    if not isinstance(ctx, Mapping):
        raise ContextError(f"context: expected a JSON object, got {type(ctx).__name__}")
    version = ctx.get("schema")
    if version not in KNOWN_SCHEMAS:
        known = ", ".join(sorted(KNOWN_SCHEMAS))
        raise ContextError(f"context.schema: unknown version {version!r} (known: {known})")
    error = best_match(_validator(str(version)).iter_errors(dict(ctx)))
    if error is not None:
        raise ContextError(f"{_field_path(error)}: {error.message}")


def summary_line(ctx: Mapping[str, Any], max_chars: int = 120) -> str:
    """The one-line summary agents see in the waiting list (summary, else the intent id)."""
    text = str(ctx.get("summary") or "").strip()
    if not text:
        intent = ctx.get("intent") or {}
        text = str(intent.get("id") or ctx.get("reason") or "")
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"
