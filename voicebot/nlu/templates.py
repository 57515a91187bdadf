"""hassil-like templates: `(a|b)` alternatives, `[optional]` words, `{slot}` references.

A template is parsed once into a small tree, compiled to a regular expression over folded,
normalised text (for exact matches) and expanded into training phrases.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from voicebot.nlu.normalize import fold, strip_punctuation


class TemplateError(ValueError):
    """A template that cannot be parsed; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str


@dataclass(frozen=True, slots=True)
class SlotRef:
    name: str


@dataclass(frozen=True, slots=True)
class Choice:
    options: tuple[Sequence[Node], ...]  # one option may be empty: an optional part


Node = Word | SlotRef | Choice


@dataclass(frozen=True, slots=True)
class SlotValues:
    """The phrases a template slot matches (folded) and the value each stands for."""

    phrases: Mapping[str, str]  # folded phrase -> value
    pattern: str | None = None  # a free pattern instead of a list (digits, free text)


def parse_template(text: str) -> tuple[Node, ...]:
    """Parses a template into nodes; raises TemplateError on unbalanced brackets."""
    tokens = re.findall(r"\(|\)|\[|\]|\||\{[^{}]*\}|[^\s()\[\]|{}]+", text)
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise TemplateError(f"template {text!r} has a stray brace")
    nodes, rest = _parse_sequence(tokens, 0, closer=None)
    if rest != len(tokens):
        raise TemplateError(f"template {text!r} has an unmatched '{tokens[rest]}'")
    return tuple(nodes)


def _parse_sequence(tokens: list[str], i: int, closer: str | None) -> tuple[list[Node], int]:
    """Reads nodes until `closer` (exclusive) or the end; top-level '|' makes a choice."""
    options: list[list[Node]] = [[]]
    while i < len(tokens):
        token = tokens[i]
        if token in (")", "]"):
            if token != closer:
                raise TemplateError(f"unexpected '{token}'")
            break
        if token == "|":
            options.append([])
            i += 1
            continue
        if token in ("(", "["):
            end = ")" if token == "(" else "]"
            inner, i = _parse_sequence(tokens, i + 1, closer=end)
            if i >= len(tokens):
                raise TemplateError(f"'{token}' is never closed")
            choice = inner[0] if len(inner) == 1 and isinstance(inner[0], Choice) else None
            opts = choice.options if choice else (tuple(inner),)
            options[-1].append(Choice((*opts, ()) if token == "[" else opts))
            i += 1
            continue
        if token.startswith("{"):
            name = token[1:-1].strip()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise TemplateError(f"bad slot reference {token!r}")
            options[-1].append(SlotRef(name))
        else:
            options[-1].extend(Word(w) for w in fold(strip_punctuation(token)).split())
        i += 1
    if closer is None and i < len(tokens):
        return options[0], i
    if len(options) == 1:
        return options[0], i
    return [Choice(tuple(tuple(o) for o in options))], i


def slot_names(nodes: Sequence[Node]) -> set[str]:
    """Every slot referenced anywhere in the template."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, SlotRef):
            found.add(node.name)
        elif isinstance(node, Choice):
            for option in node.options:
                found |= slot_names(option)
    return found


def compile_template(nodes: Sequence[Node], slots: Mapping[str, SlotValues]) -> re.Pattern[str]:
    """A regex over folded text + ' ' whose named groups `s<n>_<slot>` capture slot phrases."""
    counter = iter(range(10_000))

    def emit(seq: Sequence[Node]) -> str:
        parts = []
        for node in seq:
            if isinstance(node, Word):
                parts.append(re.escape(node.text) + " ")
            elif isinstance(node, SlotRef):
                values = slots[node.name]
                body = values.pattern or "|".join(
                    re.escape(p) for p in sorted(values.phrases, key=len, reverse=True)
                )
                parts.append(f"(?P<s{next(counter)}_{node.name}>(?:{body})) ")
            else:
                parts.append("(?:" + "|".join(emit(o) for o in node.options) + ")")
        return "".join(parts)

    return re.compile(emit(nodes))


def count_expansions(nodes: Sequence[Node], slots: Mapping[str, SlotValues]) -> int:
    """How many sentences the template can produce (pattern slots count once)."""
    total = 1
    for node in nodes:
        if isinstance(node, SlotRef):
            total *= max(1, len(slots[node.name].phrases))
        elif isinstance(node, Choice):
            total *= sum(count_expansions(o, slots) for o in node.options)
    return total


def expand(nodes: Sequence[Node], slots: Mapping[str, SlotValues]) -> Iterator[str]:
    """Every sentence of the template, slots filled with their phrases (pattern slots skipped)."""

    def walk(seq: Sequence[Node]) -> Iterator[list[str]]:
        if not seq:
            yield []
            return
        head, tail = seq[0], seq[1:]
        if isinstance(head, Word):
            heads: list[list[str]] = [[head.text]]
        elif isinstance(head, SlotRef):
            heads = [[p] for p in slots[head.name].phrases] or [[]]
        else:
            heads = [h for option in head.options for h in walk(option)]
        for first in heads:
            for rest in walk(tail):
                yield first + rest

    for words in walk(nodes):
        yield " ".join(w for w in words if w)


def sample_expansions(
    nodes: Sequence[Node], slots: Mapping[str, SlotValues], limit: int, seed: int = 0
) -> list[str]:
    """Up to `limit` distinct sentences: all of them when few, else a fixed random sample."""
    if count_expansions(nodes, slots) <= limit:
        return list(dict.fromkeys(expand(nodes, slots)))
    rng = random.Random(seed)
    found: dict[str, None] = {}
    for _ in range(limit * 5):
        found[" ".join(w for w in _random_walk(nodes, slots, rng) if w)] = None
        if len(found) >= limit:
            break
    return list(found)


def _random_walk(
    nodes: Sequence[Node], slots: Mapping[str, SlotValues], rng: random.Random
) -> list[str]:
    words: list[str] = []
    for node in nodes:
        if isinstance(node, Word):
            words.append(node.text)
        elif isinstance(node, SlotRef):
            phrases = list(slots[node.name].phrases)
            if phrases:
                words.append(rng.choice(phrases))
        else:
            words.extend(_random_walk(rng.choice(node.options), slots, rng))
    return words
