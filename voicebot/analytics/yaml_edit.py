"""Adds example phrases to an intent file and keeps everything else byte for byte.

The file is read with ruamel.yaml's round-trip loader only to find where the `examples` list
ends (its node lines); new items are inserted as text right after the last one, in the same
indentation and quoting style. A flow-style or empty list falls back to a ruamel round-trip
dump (comments kept, layout of that list normalised).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def render_item(phrase: str, double_quoted: bool = False) -> str:
    """`- phrase` as YAML would write it (quoted only when needed, or always when asked)."""
    value: Any = DoubleQuotedScalarString(phrase) if double_quoted else phrase
    buffer = io.StringIO()
    _yaml().dump([value], buffer)
    return buffer.getvalue().rstrip("\n").lstrip()


def read_examples(text: str) -> list[str]:
    """The `examples` of an intent file's text ([] when none)."""
    data = _yaml().load(text)
    examples = data.get("examples") if isinstance(data, CommentedMap) else None
    return [str(e) for e in examples] if isinstance(examples, list) else []


def add_examples(text: str, phrases: Sequence[str]) -> str:
    """The intent file's text with `phrases` appended to its `examples` list."""
    if not phrases:
        return text
    data = _yaml().load(text)
    examples = data.get("examples") if isinstance(data, CommentedMap) else None
    if isinstance(examples, CommentedSeq) and len(examples) and not examples.fa.flow_style():
        return _insert_after_last(text, examples, phrases)
    return _dump_with(data, phrases)


def _insert_after_last(text: str, examples: CommentedSeq, phrases: Sequence[str]) -> str:
    lines = text.splitlines(keepends=True)
    last_line, value_col = examples.lc.item(len(examples) - 1)
    dash_col = lines[last_line].rfind("-", 0, value_col)
    quoted = lines[last_line][value_col : value_col + 1] == '"'
    end = last_line + 1
    while end < len(lines) and _continues(lines[end], dash_col):
        end += 1
    if end == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    new = [" " * dash_col + render_item(p, quoted) + "\n" for p in phrases]
    return "".join(lines[:end] + new + lines[end:])


def _continues(line: str, dash_col: int) -> bool:
    """True for a continuation line of a multi-line list item (indented past the dash)."""
    stripped = line.strip()
    indent = len(line) - len(line.lstrip(" "))
    return bool(stripped) and not stripped.startswith("#") and indent > dash_col


def _dump_with(data: Any, phrases: Sequence[str]) -> str:
    if not isinstance(data, CommentedMap):
        raise ValueError("an intent file is a mapping")
    examples = data.get("examples")
    if not isinstance(examples, CommentedSeq):
        examples = CommentedSeq()
        data["examples"] = examples
    examples.fa.set_block_style()
    examples.extend(phrases)
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def new_intent_text(
    intent: str, description: str, queue: str | None, phrases: Sequence[str], note: str
) -> str:
    """A new intent file: a comment line, id, description, queue (handoff) and examples."""
    head = [f"# {note}", f"intent: {intent}", render_item(description)[2:], ""]
    head[2] = f"description: {head[2]}"
    if queue:
        head[3] = f"queue: {queue}"
    body = ["examples:", *[f"  {render_item(p)}" for p in phrases]]
    return "\n".join([line for line in head if line] + body) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Replaces a file's text in one rename, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
