"""The shipped JSON Schemas for tenant and intent files, with errors turned into Problems."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from voicebot.nlu.source import Problem, YamlDocument, did_you_mean

SCHEMAS = {"tenant": "tenant.schema.json", "intent": "intent.schema.json"}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of `tenant` or `intent` files, as shipped in the package."""
    text = resources.files("voicebot.nlu").joinpath(SCHEMAS[kind]).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind))


def schema_problems(doc: YamlDocument, kind: str) -> list[Problem]:
    """Every schema violation of one document, located at its YAML line."""
    if not isinstance(doc.data, dict):
        return [doc.problem(f"a {kind} file must be a mapping of keys to values")]
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    problems: list[Problem] = []
    for error in errors:
        problems.extend(_explain(doc, error))
    return problems


def _explain(doc: YamlDocument, error: ValidationError) -> list[Problem]:
    """One readable problem per schema error (several for several unknown keys)."""
    keys = list(error.absolute_path)
    where = ".".join(map(str, keys)) or "file"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        return [
            doc.problem(f"unknown key '{key}' in {where}{did_you_mean(key, allowed)}", *keys, key)
            for key in error.instance
            if key not in allowed and not any(re.search(p, key) for p in patterns)
        ]
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return [doc.problem(f"missing key '{m}' in {where}", *keys) for m in missing]
    if error.validator == "enum":
        options = [str(o) for o in error.validator_value]
        value = str(error.instance)
        hint = did_you_mean(value, options) or f" (one of: {', '.join(options)})"
        return [doc.problem(f"{where}: '{value}' is not allowed{hint}", *keys)]
    if error.validator == "type":
        return [doc.problem(f"{where} must be of type {error.validator_value}", *keys)]
    if error.validator == "oneOf":
        deeper = [e for e in error.context or [] if e.relative_path]
        if deeper:
            return _explain(doc, deeper[0])
        if keys and keys[-1] == "answer":
            return [doc.problem("answer must be a text or {builtin: <name>}", *keys)]
    return [doc.problem(f"{where}: {error.message}", *keys)]
