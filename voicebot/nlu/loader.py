"""Loading tenant folders: every problem of every file at once, or frozen Tenants."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from voicebot.errors import UserError
from voicebot.nlu.consistency import duplicate_problems, intent_problems, tenant_problems
from voicebot.nlu.labelled import read_labelled
from voicebot.nlu.model import (
    BusinessHours,
    IntentSpec,
    NluSettings,
    Phrase,
    SlotPhrase,
    SlotType,
    Survey,
    SurveyQuestion,
    Tenant,
    dialed_key,
    tenant_dialed,
)
from voicebot.nlu.prompts import prompts_for
from voicebot.nlu.schema import schema_problems
from voicebot.nlu.source import Problem, YamlDocument, did_you_mean, display_path, read_yaml
from voicebot.nlu.tables import read_table

TENANT_FILE = "tenant.yaml"


def tenant_folders(intents_dir: Path) -> list[Path]:
    """Sub-folders of the intents directory that hold a tenant.yaml (sorted)."""
    return sorted(p.parent for p in intents_dir.glob(f"*/{TENANT_FILE}"))


def load_tenant(folder: Path) -> tuple[Tenant | None, list[Problem]]:
    """One tenant folder: the Tenant when it is free of problems, and all problems found."""
    doc, problems = read_yaml(folder / TENANT_FILE)
    if doc is None:
        return None, problems
    problems += schema_problems(doc, "tenant")
    if problems:  # intent checks lean on a well-formed tenant.yaml
        return None, problems
    problems += tenant_problems(doc, folder)
    intents: list[YamlDocument] = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.name == TENANT_FILE or path.suffix not in (".yaml", ".yml"):
            continue
        intent_doc, read_problems = read_yaml(path)
        problems += read_problems
        if intent_doc is not None:
            found = schema_problems(intent_doc, "intent")
            problems += found or intent_problems(intent_doc, doc.data)
            if isinstance(intent_doc.data, dict):  # a list or scalar file: the schema said so
                intents.append(intent_doc)
    problems += duplicate_problems(intents, doc.data["language"])
    tables: dict[str, tuple[Mapping[str, str], ...]] = {}
    for kind, name in (doc.data.get("data") or {}).items():
        if (folder / name).is_file():
            tables[kind], table_problems = read_table(folder / name, kind)
            problems += table_problems
    problems += _labelled_problems(folder, {str(d.data.get("intent")) for d in intents})
    problems += _survey_intent_problems(doc, {str(d.data.get("intent")) for d in intents})
    if problems:
        return None, sorted(set(problems))
    return _build_tenant(doc, intents, tables, folder), []


def _survey_intent_problems(doc: YamlDocument, intents: set[str]) -> list[Problem]:
    """The survey's ends_call/opt_out lists must name intents of the tenant."""
    survey = doc.data.get("survey") or {}
    return [
        doc.problem(f"survey {key} names no intent '{name}'{did_you_mean(name, intents)}",
                    "survey", key, index)
        for key in ("ends_call", "opt_out")
        for index, name in enumerate(survey.get(key) or [])
        if name not in intents
    ]  # fmt: skip


def _labelled_problems(folder: Path, intents: set[str]) -> list[Problem]:
    """The team's test files must parse and name only existing intents."""
    problems: list[Problem] = []
    for path in sorted((folder / "tests").glob("*")):
        if path.suffix.lower() not in (".yaml", ".yml", ".csv", ".jsonl"):
            continue
        phrases, read_problems = read_labelled(path)
        problems += read_problems
        for phrase in phrases:
            if phrase.intent is not None and phrase.intent not in intents:
                problems.append(
                    Problem(display_path(path), phrase.line, f"unknown intent '{phrase.intent}'")
                )
    return problems


def _load_all(intents_dir: Path) -> tuple[dict[str, Tenant], list[Problem]]:
    """Every tenant that loads cleanly, and every problem of every folder."""
    if not intents_dir.is_dir():
        return {}, [Problem(display_path(intents_dir), 1, "intents directory not found")]
    folders = tenant_folders(intents_dir)
    if not folders:
        return {}, [Problem(display_path(intents_dir), 1, f"no tenant folder with a {TENANT_FILE}")]
    tenants: dict[str, Tenant] = {}
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for folder in folders:
        tenant, found = load_tenant(folder)
        problems += found
        if tenant is None:
            continue
        tenants[tenant.id] = tenant
        for number in tenant.dialed:
            owner = owners.setdefault(dialed_key(number), tenant.id)
            if owner != tenant.id:
                where = display_path(folder / TENANT_FILE)
                line = 1
                problems.append(
                    Problem(where, line, f"dialed number {number} also reaches '{owner}'")
                )
    return tenants, problems


def check_tenants(intents_dir: Path) -> list[Problem]:
    """Every problem in every tenant folder, plus dialed numbers claimed by two tenants."""
    return _load_all(intents_dir)[1]


def load_tenants(intents_dir: Path) -> dict[str, Tenant]:
    """All tenants by id; UserError naming the first problem when any file is broken."""
    tenants, problems = _load_all(intents_dir)
    if problems:
        more = (
            f" (and {len(problems) - 1} more; run 'voicebot intents check')"
            if len(problems) > 1
            else ""
        )
        raise UserError(f"{problems[0]}{more}")
    return tenants


def tenant_for_dialed(tenants: Mapping[str, Tenant], number: str) -> Tenant | None:
    """The tenant a dialed number reaches (spaces and dashes ignored; national or without '+'
    too: `model.dials`), or None."""
    return tenant_dialed(tenants.values(), number)


def _build_tenant(
    doc: YamlDocument,
    intent_docs: list[YamlDocument],
    tables: dict[str, tuple[Mapping[str, str], ...]],
    folder: Path,
) -> Tenant:
    data: dict[str, Any] = doc.data
    slot_types = {
        name: SlotType(name, spec["type"], spec.get("length"))
        for name, spec in (data.get("slots") or {}).items()
    }
    nlu = data.get("nlu") or {}
    intents = {d.data["intent"]: _build_intent(d) for d in intent_docs}
    return Tenant(
        id=data["tenant"],
        name=data["name"],
        language=data["language"],
        direction=data["direction"],
        dialed=tuple(data.get("dialed") or ()),
        greeting=data.get("greeting", ""),
        queues=MappingProxyType(dict(data.get("queues") or {})),
        default_queue=data.get("default_queue"),
        intents=MappingProxyType(intents),
        slot_types=MappingProxyType(slot_types),
        prompts=MappingProxyType(prompts_for(data["language"], data.get("prompts") or {})),
        nlu=NluSettings(**nlu),
        folder=folder,
        survey=_build_survey(data.get("survey")),
        business_hours=_build_hours(data.get("business_hours")),
        dtmf_menu=MappingProxyType(dict(data.get("dtmf_menu") or {})),
        customers=tables.get("customers", ()),
        outages=tables.get("outages", ()),
        catalog=tables.get("catalog", ()),
    )


def _build_intent(doc: YamlDocument) -> IntentSpec:
    data: dict[str, Any] = doc.data
    answer = data.get("answer")
    slots = {
        name: tuple(
            SlotPhrase(str(v["say"]), str(v["value"])) if isinstance(v, dict) else SlotPhrase(v, v)
            for v in values
        )
        for name, values in (data.get("slots") or {}).items()
    }
    return IntentSpec(
        id=data["intent"],
        description=data.get("description", ""),
        action=data.get("action") or ("handoff" if data.get("queue") else "selfservice"),
        queue=data.get("queue"),
        priority=data.get("priority", "normal"),
        needs=tuple(data.get("needs") or ()),
        answer=answer if isinstance(answer, str) else None,
        builtin_answer=answer["builtin"] if isinstance(answer, dict) else None,
        examples=tuple(Phrase(t, doc.line("examples", i)) for i, t in enumerate(data["examples"])),
        templates=tuple(
            Phrase(t, doc.line("templates", i)) for i, t in enumerate(data.get("templates") or [])
        ),
        slots=MappingProxyType(slots),
        file=doc.path,
        confirm=data.get("confirm"),
    )


def _build_survey(data: dict[str, Any] | None) -> Survey | None:
    if not data:
        return None
    questions = tuple(
        SurveyQuestion(q["id"], q["type"], q["prompt"], q.get("reprompt"))
        for q in data["questions"]
    )
    return Survey(
        intro=data.get("intro", ""),
        consent=data.get("consent", ""),
        questions=questions,
        thanks=data.get("thanks", ""),
        declined=data.get("declined", ""),
        ends_call=tuple(data.get("ends_call") or ()),
        opt_out=tuple(data.get("opt_out") or ()),
    )


def _build_hours(data: dict[str, Any] | None) -> BusinessHours | None:
    if not data:
        return None
    weekly: dict[str, tuple[time, time] | None] = {}
    for day, span in (data.get("weekly") or {}).items():
        if span == "closed":
            weekly[day] = None
            continue
        start, end = (_clock(part) for part in span.split("-"))
        weekly[day] = (start, end)
    closed = frozenset(date.fromisoformat(day) for day in data.get("closed") or ())
    zone = data.get("timezone", "Europe/Berlin")
    return BusinessHours(zone, MappingProxyType(weekly), closed, data.get("holidays"))


def _clock(text: str) -> time:
    hours, minutes = (int(x) for x in text.split(":"))
    return time(0, minutes) if hours == 24 else time(hours, minutes)
