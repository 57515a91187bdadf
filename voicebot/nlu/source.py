"""Reading tenant YAML with line numbers kept, and problems reported as `path:line: message`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

PathKey = str | int


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in a tenant folder; `str()` gives `path:line: message`."""

    path: str
    line: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file: plain data for use, the ruamel tree for line numbers."""

    path: Path
    data: Any
    tree: Any

    def line(self, *keys: PathKey) -> int:
        """1-based line of the deepest node along `keys` that exists (1 for the document)."""
        node, line = self.tree, 1
        for key in keys:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0] + 1
            else:
                break
            node = node[key]
        return line

    def problem(self, message: str, *keys: PathKey) -> Problem:
        """A Problem located at the node along `keys`."""
        return Problem(display_path(self.path), self.line(*keys), message)


def display_path(path: Path) -> str:
    """A path as users see it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def to_plain(node: Any) -> Any:
    """ruamel's round-trip objects as dicts, lists, str, int, float, bool and None."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parses one file; bad YAML and duplicate keys come back as problems, never raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(display_path(path), 1, f"cannot read file: {exc}")]
    try:
        tree = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = str(exc.problem or exc.context or "invalid YAML").strip()
        if "duplicate" in what.lower() or "found duplicate key" in str(exc):
            what = f"duplicate key: {what}"
        return None, [Problem(display_path(path), line, f"bad YAML: {what}")]
    except YAMLError as exc:
        return None, [Problem(display_path(path), 1, "bad YAML: " + " ".join(str(exc).split()))]
    return YamlDocument(path, to_plain(tree), tree), []


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    options: Sequence[str] = sorted(set(choices))
    if not options:
        return ""
    best = process.extractOne(word, options, scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{best[0]}'?)" if best else ""
