"""Checks across a tenant's files that a schema cannot express: queues, duplicates, slots."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from voicebot.nlu.normalize import normalize_folded
from voicebot.nlu.prompts import PROMPT_KEYS
from voicebot.nlu.source import Problem, YamlDocument, did_you_mean
from voicebot.nlu.templates import TemplateError, parse_template, slot_names

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NEEDS_CUSTOMERS = {"outage", "balance", "contract_end"}


def tenant_problems(doc: YamlDocument, folder: Path) -> list[Problem]:
    """tenant.yaml against itself and its folder: id, queues, slots, data files, prompts."""
    data: dict[str, Any] = doc.data
    problems: list[Problem] = []
    if data.get("tenant") and data["tenant"] != folder.name:
        problems.append(
            doc.problem(
                f"tenant '{data['tenant']}' must equal its folder name '{folder.name}'", "tenant"
            )
        )
    queues = data.get("queues") or {}
    default = data.get("default_queue")
    if default is not None and default not in queues:
        problems.append(
            doc.problem(_not_declared("default_queue", default, queues), "default_queue")
        )
    for key, name in (data.get("data") or {}).items():
        if not (folder / name).is_file():
            problems.append(doc.problem(f"data file '{name}' not found in {folder}", "data", key))
    for name, spec in (data.get("slots") or {}).items():
        if (
            isinstance(spec, dict)
            and spec.get("type") == "product"
            and "catalog" not in (data.get("data") or {})
        ):
            problems.append(
                doc.problem(f"slot '{name}' is a product but data has no catalog", "slots", name)
            )
    for key in data.get("prompts") or {}:
        hint = did_you_mean(key, PROMPT_KEYS)
        if key not in PROMPT_KEYS and hint:
            problems.append(doc.problem(f"unknown prompt '{key}'{hint}", "prompts", key))
    region = (data.get("business_hours") or {}).get("holidays")
    if region is not None and not _known_region(str(region)):
        where = ("business_hours", "holidays")
        message = f"holidays '{region}': no such country or state (e.g. DE, DE-BY, GB-ENG)"
        problems.append(doc.problem(message, *where))
    for index, day in enumerate((data.get("business_hours") or {}).get("closed") or ()):
        try:
            date.fromisoformat(str(day))
        except ValueError:
            where = ("business_hours", "closed", index)
            problems.append(doc.problem(f"closed day '{day}' is not a date (YYYY-MM-DD)", *where))
    if data.get("direction") == "outbound" and "survey" not in data:
        problems.append(doc.problem("an outbound tenant needs a survey", "direction"))
    if data.get("direction") == "inbound" and not data.get("dialed"):
        problems.append(
            doc.problem("an inbound tenant needs at least one dialed number", "direction")
        )
    ids = [
        q.get("id") for q in (data.get("survey") or {}).get("questions", []) if isinstance(q, dict)
    ]
    for index, qid in enumerate(ids):
        if qid in ids[:index]:
            problems.append(
                doc.problem(f"duplicate survey question '{qid}'", "survey", "questions", index)
            )
    return problems


def _known_region(region: str) -> bool:
    from voicebot.nlu.model import public_holidays

    try:
        public_holidays(region)
    except NotImplementedError:
        return False
    return True


def _not_declared(what: str, queue: str, queues: Iterable[str]) -> str:
    return f"{what} '{queue}' is not in tenant.yaml queues{did_you_mean(queue, queues)}"


def intent_problems(doc: YamlDocument, tenant: dict[str, Any]) -> list[Problem]:
    """One intent file against tenant.yaml: queue, action, needs, templates, answer."""
    data: dict[str, Any] = doc.data
    name = data.get("intent", doc.path.stem)
    problems: list[Problem] = []
    queues = tenant.get("queues") or {}
    queue = data.get("queue")
    if queue is not None and queue not in queues:
        problems.append(doc.problem(_not_declared("queue", queue, queues), "queue"))
    action = data.get("action") or ("handoff" if queue else "selfservice")
    if action == "handoff" and queue is None:
        problems.append(doc.problem(f"handoff intent '{name}' needs a queue", "action"))
    if action == "selfservice" and data.get("answer") is None:
        problems.append(doc.problem(f"self-service intent '{name}' needs an answer", "intent"))
    if not data.get("examples"):
        problems.append(doc.problem(f"intent '{name}' has no examples", "examples"))
    tenant_slots = set(tenant.get("slots") or {})
    known_slots = tenant_slots | set(data.get("slots") or {})
    for index, need in enumerate(data.get("needs") or []):
        if need not in tenant_slots:
            hint = did_you_mean(need, tenant_slots)
            problems.append(
                doc.problem(
                    f"needs slot '{need}' not declared in tenant.yaml slots{hint}", "needs", index
                )
            )
    for index, text in enumerate(data.get("templates") or []):
        try:
            used = slot_names(parse_template(str(text)))
        except TemplateError as exc:
            problems.append(doc.problem(f"bad template: {exc}", "templates", index))
            continue
        for slot in sorted(used - known_slots):
            hint = did_you_mean(slot, known_slots)
            problems.append(
                doc.problem(
                    f"template slot '{slot}' has no list and no slot type{hint}", "templates", index
                )
            )
    problems.extend(_answer_problems(doc, tenant, known_slots))
    return problems


def _answer_problems(doc: YamlDocument, tenant: dict[str, Any], slots: set[str]) -> list[Problem]:
    answer = doc.data.get("answer")
    tables = tenant.get("data") or {}
    if isinstance(answer, str):
        return [
            doc.problem(
                f"answer placeholder '{{{p}}}' is not a slot{did_you_mean(p, slots)}", "answer"
            )
            for p in _PLACEHOLDER.findall(answer)
            if p not in slots
        ]
    builtin = answer.get("builtin") if isinstance(answer, dict) else None
    if builtin in _NEEDS_CUSTOMERS and "customers" not in tables:
        return [doc.problem(f"built-in answer '{builtin}' needs data: customers", "answer")]
    if isinstance(builtin, str) and builtin.startswith("product_") and "catalog" not in tables:
        return [doc.problem(f"built-in answer '{builtin}' needs data: catalog", "answer")]
    return []


def duplicate_problems(docs: list[YamlDocument], language: str) -> list[Problem]:
    """The same intent id in two files, the same example in two intents or twice in one."""
    problems: list[Problem] = []
    owner: dict[str, YamlDocument] = {}
    claimed: dict[str, tuple[str, YamlDocument, int]] = {}
    for doc in docs:
        name = doc.data.get("intent")
        if isinstance(name, str):
            if name in owner:
                first = owner[name]
                problems.append(
                    doc.problem(
                        f"duplicate intent '{name}' "
                        f"(also in {first.path.name}:{first.line('intent')})",
                        "intent",
                    )
                )
            owner.setdefault(name, doc)
        for index, example in enumerate(doc.data.get("examples") or []):
            key = normalize_folded(str(example), language)
            if key in claimed:
                other, other_doc, other_index = claimed[key]
                where = f"{other_doc.path.name}:{other_doc.line('examples', other_index)}"
                what = (
                    "twice in this intent" if other == name else f"also claimed by intent '{other}'"
                )
                problems.append(
                    doc.problem(f"example '{example}' is {what} ({where})", "examples", index)
                )
                continue
            claimed[key] = (str(name), doc, index)
    return problems
