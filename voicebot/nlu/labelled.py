"""Labelled phrases product teams test with: YAML, CSV `text,intent` or JSONL files."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicebot.nlu.source import Problem, display_path, read_yaml

OUT_OF_SCOPE_LABELS = ("", "null", "none", "oos", "out_of_scope")


@dataclass(frozen=True, slots=True)
class LabelledPhrase:
    """A caller phrase and what it should give; `intent` None means out of scope."""

    text: str
    intent: str | None
    line: int
    slots: Mapping[str, str] = field(default_factory=dict)


def _label(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return None if text.lower() in OUT_OF_SCOPE_LABELS else text


def _entry(item: Any, line: int, where: str) -> tuple[LabelledPhrase | None, Problem | None]:
    """One YAML/JSON entry: {say|text, intent} or {say, expect: {intent, slots}}."""
    if not isinstance(item, dict):
        return None, Problem(where, line, "a test entry must be a mapping with 'say' and 'expect'")
    text = item.get("say", item.get("text"))
    expect = item.get("expect", {"intent": item.get("intent")})
    unknown = set(item) - {"say", "text", "intent", "expect"}
    if unknown:
        return None, Problem(where, line, f"unknown key '{sorted(unknown)[0]}' in test entry")
    if not isinstance(text, str) or not text.strip() or not isinstance(expect, dict):
        return None, Problem(where, line, "a test entry needs 'say' (text) and 'expect' (mapping)")
    slots = {str(k): str(v) for k, v in (expect.get("slots") or {}).items()}
    return LabelledPhrase(text, _label(expect.get("intent")), line, slots), None


def read_labelled(path: Path) -> tuple[list[LabelledPhrase], list[Problem]]:
    """All phrases of one labelled file and every problem in it (bad rows are skipped)."""
    where = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(where, 1, f"cannot read labelled file: {exc}")]
    if suffix == ".csv":
        return _read_csv(text, where)
    if suffix in (".jsonl", ".json"):
        return _read_jsonl(text, where)
    return [], [Problem(where, 1, "labelled file must be .yaml, .csv (text,intent) or .jsonl")]


def _read_yaml(path: Path) -> tuple[list[LabelledPhrase], list[Problem]]:
    doc, problems = read_yaml(path)
    if doc is None:
        return [], problems
    items = doc.data.get("tests") if isinstance(doc.data, dict) else doc.data
    key: tuple[str, ...] = ("tests",) if isinstance(doc.data, dict) else ()
    if not isinstance(items, list):
        return [], [doc.problem("a test file is a list of {say, expect} entries")]
    phrases: list[LabelledPhrase] = []
    for index, item in enumerate(items):
        phrase, problem = _entry(item, doc.line(*key, index), display_path(path))
        problems.extend([problem] if problem else [])
        phrases.extend([phrase] if phrase else [])
    return phrases, problems


def _read_csv(text: str, where: str) -> tuple[list[LabelledPhrase], list[Problem]]:
    rows = list(csv.reader(text.splitlines()))
    if not rows or [c.strip() for c in rows[0][:2]] != ["text", "intent"]:
        return [], [Problem(where, 1, "a labelled CSV starts with the header 'text,intent'")]
    phrases, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 2 or not row[0].strip():
            problems.append(
                Problem(where, number, f"row needs 2 fields text,intent, has {len(row)}")
            )
            continue
        phrases.append(LabelledPhrase(row[0], _label(row[1]), number))
    return phrases, problems


def _read_jsonl(text: str, where: str) -> tuple[list[LabelledPhrase], list[Problem]]:
    phrases, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(where, number, f"bad JSON: {exc.msg}"))
            continue
        phrase, problem = _entry(item, number, where)
        problems.extend([problem] if problem else [])
        phrases.extend([phrase] if phrase else [])
    return phrases, problems
